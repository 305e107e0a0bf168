"""Exports: jsonl (one contract record per document), csv (one row per event), GeoJSON (one
point feature per located event, with its source sentence, document URL and date), ACLED
(ACLED's column names) and PLOVER (the field names of POLECAT, the PLOVER-coded dataset).

Each writer takes the store, an `EventFilter` and a text stream, and returns how many records
it wrote. The ACLED and PLOVER files are shaped like those datasets so tools built for them
can read ours. The ACLED file holds only the events ACLED would code (political violence,
demonstrations and strategic developments that happened, with an actor, a located place and a
date), with actor types and precisions by ACLED's codebook (knowledge/data/acled_codes.yaml);
values ACLED codes by hand that warbrief does not know stay empty. Spreadsheet cells hold clean
one-line text (`cell`).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from typing import IO, Any

from ..jsonl import dumps_line
from ..knowledge.acled import load_acled_codes
from .query import EventFilter

FORMATS = ("jsonl", "csv", "geojson", "acled", "plover")

CSV_FIELDS = ("document_id", "event_id", "date", "date_end", "type", "mode", "label", "acled_event_type",
              "acled_sub_event_type", "modality", "actors", "recipients", "place", "geonames_id",
              "latitude", "longitude", "place_precision", "killed", "injured", "sentence", "source",
              "url", "published", "title", "time_precision", "date_value")

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


_MARKUP = re.compile(r"\*\*|__|^\s*(?:[-•*–—·▪●◦]|\d{1,2}[.)])\s+|\[\[?\d{1,3}\]\]?(?:\(\S+?\))?")
_SPACE = re.compile(r"\s+")


def cell(text: Any) -> Any:
    """A spreadsheet cell of a text: one line, no Markdown emphasis, bullet or footnote marker,
    and no leading character a spreadsheet would run as a formula ('=', '+', '-', '@')."""
    if not isinstance(text, str):
        return text
    out = _SPACE.sub(" ", _MARKUP.sub("", text)).strip()
    return "'" + out if out[:1] in ("=", "+", "-", "@") and not out[1:2].isdigit() else out


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
                    "actors": cell("; ".join(_names(ev.get("actors", [])))),
                    "recipients": cell("; ".join(_names(ev.get("recipients", [])))),
                    "place": cell(place.get("name")), "geonames_id": ev.get("geonames_id"), "latitude": ev.get("lat"),
                    "longitude": ev.get("lon"), "place_precision": place.get("precision"),
                    "killed": cas.get("killed"), "injured": cas.get("injured"),
                    "sentence": cell(ev.get("sentence_text")), "source": cell(d.get("source")),
                    "url": d.get("url"), "published": d.get("published"), "title": cell(d.get("title")),
                    "time_precision": (ev.get("time") or {}).get("precision"),
                    "date_value": (ev.get("time") or {}).get("value")})
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
    """The events ACLED would code, in ACLED's columns, coded by its codebook."""
    codes = load_acled_codes()
    w = csv.DictWriter(out, ACLED_FIELDS, lineterminator="\n")
    w.writeheader()
    n = 0
    for ev in store.iter_events(f):
        row = _acled_row(store, codes, ev)
        if row is not None:
            w.writerow(row)
            n += 1
    return n


def _acled_row(store: Any, codes: Any, ev: dict[str, Any]) -> dict[str, Any] | None:
    acled, place, t = ev.get("acled") or {}, ev.get("place") or {}, ev.get("time") or {}
    actors = [p for p in ev.get("actors", []) if p.get("entity")]
    date = ev.get("date_start") or ""
    if not codes.codable(acled.get("event_type"), ev.get("modality"), place.get("precision"),
                         bool(actors), bool(date)):
        return None
    d, info = ev["document"], _place_info(store, ev)
    iso2 = info.get("country")
    country, iso = _COUNTRY.get(iso2 or "", (iso2 or "", ""))
    recips = [p for p in ev.get("recipients", []) if p.get("name")]
    etype = acled["event_type"]

    def inter(p: dict[str, Any] | None) -> int | None:
        return codes.inter(p.get("entity"), p.get("name") or "", p.get("country"), iso2, etype) if p else None

    inter1 = inter(actors[0])
    if inter1 is None:  # ACLED types every actor it codes; an actor of no known type is no row
        return None
    inter2 = codes.second_actor(etype, inter(recips[0] if recips else None))
    return {
        "event_id_cnty": f"WB-{d['id'][7:19]}-{ev['id']}", "event_date": date, "year": date[:4],
        "time_precision": _TIME_PRECISION.get(t.get("precision") or "", 3),
        "disorder_type": _DISORDER.get(etype, ""), "event_type": etype,
        "sub_event_type": acled.get("sub_event_type") or "", "actor1": cell(actors[0]["name"]),
        "assoc_actor_1": cell("; ".join(_names(actors[1:]))), "inter1": inter1,
        "actor2": cell(recips[0]["name"]) if recips else "", "assoc_actor_2": cell("; ".join(_names(recips[1:]))),
        "inter2": inter2 or "", "interaction": codes.interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": iso, "region": "Europe" if iso2 in ("UA", "RU", "BY", "MD") else "", "country": country,
        "admin1": info.get("admin1") or "", "admin2": "", "admin3": "",
        "location": cell(place.get("name") or ""), "latitude": ev.get("lat"), "longitude": ev.get("lon"),
        "geo_precision": _GEO_PRECISION.get(place.get("precision") or "", 3),
        "source": cell(d.get("source") or ""), "source_scale": codes.source_scale(d.get("source")),
        "notes": cell(ev.get("sentence_text") or ""),
        "fatalities": (ev.get("casualties") or {}).get("killed") or 0, "tags": "", "timestamp": ""}


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
