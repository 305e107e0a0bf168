"""Exports: jsonl (one contract record per document), csv (one row per event), GeoJSON (one
point feature per located event, with its source sentence, document URL and date), ACLED
(ACLED's column names) and PLOVER (the field names of POLECAT, the PLOVER-coded dataset).

Each writer takes the store, an `EventFilter` and a text stream, and returns how many records
it wrote. The ACLED and PLOVER files are shaped like those datasets so tools built for them
can read ours; values those projects code by hand that warbrief does not know stay empty.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from typing import IO, Any

from ..jsonl import dumps_line
from .query import EventFilter

FORMATS = ("jsonl", "csv", "geojson", "acled", "plover")

CSV_FIELDS = ("document_id", "event_id", "date", "date_end", "type", "mode", "label", "acled_event_type",
              "acled_sub_event_type", "modality", "actors", "recipients", "place", "geonames_id",
              "latitude", "longitude", "place_precision", "killed", "injured", "sentence", "source",
              "url", "published", "title")

# ACLED's public data columns (ACLED codebook), in its order.
ACLED_FIELDS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
                "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
                "notes", "fatalities", "tags", "timestamp")

# POLECAT (PLOVER-coded event data) fields.
PLOVER_FIELDS = ("Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Contexts",
                 "Actor Name", "Actor Country", "Recipient Name", "Recipient Country", "Placename",
                 "Province", "Country", "Latitude", "Longitude", "GeoNames ID", "Feature Type", "Source",
                 "Publication Date", "Headline", "Story ID", "Language", "Version")

_COUNTRY = {"UA": ("Ukraine", 804), "RU": ("Russia", 643), "BY": ("Belarus", 112), "MD": ("Moldova", 498)}
_TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "range": 2, "year": 3}
_GEO_PRECISION = {"exact": 1, "near": 2, "region": 3}
_DISORDER = {"Battles": "Political violence", "Explosions/Remote violence": "Political violence",
             "Violence against civilians": "Political violence", "Protests": "Demonstrations",
             "Riots": "Political violence; Demonstrations", "Strategic developments": "Strategic developments"}


def _names(parties: list[dict[str, Any]]) -> list[str]:
    return [p.get("name") or "" for p in parties]


def _place_info(store: Any, ev: dict[str, Any]) -> dict[str, Any]:
    place = ev.get("place") or {}
    return store.place_details(place.get("entity")) if place.get("entity") else {}


def write_jsonl(store: Any, f: EventFilter, out: IO[str]) -> int:
    """One analysis (the contract record) per document published within the filter's dates."""
    n = 0
    for _meta, analysis in store.analyses(f.since, f.until):
        out.write(dumps_line(analysis) + "\n")
        n += 1
    return n


def write_csv(store: Any, f: EventFilter, out: IO[str]) -> int:
    w = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in store.iter_events(f):
        d, place, acled, cas = ev["document"], ev.get("place") or {}, ev.get("acled") or {}, ev.get("casualties") or {}
        w.writerow({"document_id": d["id"], "event_id": ev["id"], "date": ev.get("date_start"),
                    "date_end": ev.get("date_end"), "type": ev["type"], "mode": ev.get("mode"),
                    "label": ev.get("label"), "acled_event_type": acled.get("event_type"),
                    "acled_sub_event_type": acled.get("sub_event_type"), "modality": ev.get("modality"),
                    "actors": "; ".join(_names(ev.get("actors", []))),
                    "recipients": "; ".join(_names(ev.get("recipients", []))),
                    "place": place.get("name"), "geonames_id": ev.get("geonames_id"), "latitude": ev.get("lat"),
                    "longitude": ev.get("lon"), "place_precision": place.get("precision"),
                    "killed": cas.get("killed"), "injured": cas.get("injured"),
                    "sentence": ev.get("sentence_text"), "source": d.get("source"), "url": d.get("url"),
                    "published": d.get("published"), "title": d.get("title")})
        n += 1
    return n


def write_geojson(store: Any, f: EventFilter, out: IO[str]) -> int:
    """A FeatureCollection written feature by feature (constant memory)."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for ev in store.iter_events(f):
        if ev.get("lat") is None or ev.get("lon") is None:
            continue
        d, place = ev["document"], ev.get("place") or {}
        props = {"event_id": ev["id"], "type": ev["type"], "mode": ev.get("mode"), "label": ev.get("label"),
                 "modality": ev.get("modality"), "date": ev.get("date_start"), "date_end": ev.get("date_end"),
                 "time": ev.get("time"), "place": place.get("name"), "geonames_id": ev.get("geonames_id"),
                 "place_precision": place.get("precision"), "actors": _names(ev.get("actors", [])),
                 "recipients": _names(ev.get("recipients", [])), "casualties": ev.get("casualties"),
                 "acled": ev.get("acled"), "sentence": ev.get("sentence_text"), "url": d.get("url"),
                 "document_id": d["id"], "source": d.get("source"), "published": d.get("published"),
                 "title": d.get("title")}
        feature = {"type": "Feature", "geometry": {"type": "Point", "coordinates": [ev["lon"], ev["lat"]]},
                   "properties": props}
        out.write((",\n" if n else "") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def write_acled(store: Any, f: EventFilter, out: IO[str]) -> int:
    """Events ACLED would code (those with an `acled` type), in ACLED's columns."""
    w = csv.DictWriter(out, ACLED_FIELDS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in store.iter_events(f):
        acled = ev.get("acled")
        if not acled:
            continue
        d, info = ev["document"], _place_info(store, ev)
        iso2 = info.get("country")
        country, iso = _COUNTRY.get(iso2 or "", (iso2 or "", ""))
        actors, recips = _names(ev.get("actors", [])), _names(ev.get("recipients", []))
        t = ev.get("time") or {}
        date = ev.get("date_start") or ""
        w.writerow({
            "event_id_cnty": f"WB-{d['id'][7:19]}-{ev['id']}", "event_date": date, "year": date[:4],
            "time_precision": _TIME_PRECISION.get(t.get("precision") or "", 3),
            "disorder_type": _DISORDER.get(acled["event_type"], ""), "event_type": acled["event_type"],
            "sub_event_type": acled["sub_event_type"], "actor1": actors[0] if actors else "",
            "assoc_actor_1": "; ".join(actors[1:]), "inter1": "", "actor2": recips[0] if recips else "",
            "assoc_actor_2": "; ".join(recips[1:]), "inter2": "", "interaction": "", "civilian_targeting": "",
            "iso": iso, "region": "Europe" if iso2 in ("UA", "RU", "BY", "MD") else "", "country": country,
            "admin1": info.get("admin1") or "", "admin2": "", "admin3": "",
            "location": (ev.get("place") or {}).get("name") or "", "latitude": ev.get("lat"),
            "longitude": ev.get("lon"),
            "geo_precision": _GEO_PRECISION.get((ev.get("place") or {}).get("precision") or "", 3),
            "source": d.get("source") or "", "source_scale": "", "notes": ev.get("sentence_text") or "",
            "fatalities": (ev.get("casualties") or {}).get("killed") or 0, "tags": "", "timestamp": ""})
        n += 1
    return n


def write_plover(store: Any, f: EventFilter, out: IO[str]) -> int:
    """One JSON object per event, with POLECAT's (PLOVER-coded data) field names."""
    n = 0
    for ev in store.iter_events(f):
        d, info, place = ev["document"], _place_info(store, ev), ev.get("place") or {}
        actors, recips = ev.get("actors", []), ev.get("recipients", [])
        rec = {"Event ID": f"{d['id']}#{ev['id']}", "Event Date": ev.get("date_start"),
               "Event Type": ev["type"], "Event Mode": ev.get("mode"), "Event Intensity": None,
               "Contexts": [], "Actor Name": "; ".join(_names(actors)),
               "Actor Country": "; ".join(p.get("country") or "" for p in actors),
               "Recipient Name": "; ".join(_names(recips)),
               "Recipient Country": "; ".join(p.get("country") or "" for p in recips),
               "Placename": place.get("name"), "Province": info.get("admin1"), "Country": info.get("country"),
               "Latitude": ev.get("lat"), "Longitude": ev.get("lon"), "GeoNames ID": ev.get("geonames_id"),
               "Feature Type": info.get("feature"), "Source": d.get("source"),
               "Publication Date": d.get("published"), "Headline": d.get("title"), "Story ID": d["id"],
               "Language": "en", "Version": "warbrief.analysis/1"}
        out.write(dumps_line(rec) + "\n")
        n += 1
    return n


WRITERS: dict[str, Callable[[Any, EventFilter, IO[str]], int]] = {
    "jsonl": write_jsonl, "csv": write_csv, "geojson": write_geojson, "acled": write_acled,
    "plover": write_plover}
