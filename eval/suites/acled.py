"""Events on the ACLED Ukraine dev notes: place, date, ACLED type and sub-type, actor country.

Same metrics and matching rules as `suite_acled` in ../shared/eval/score.py. Each row's `notes`
is one document, published on the row's `event_date`. Per row:
  location25      some event's place entity has coordinates within 25 km of ACLED's location
  date            some event's time value equals `event_date`
  event_type      some ACLED-typed event has the row's `event_type`
  sub_event_type  some ACLED-typed event has the row's `sub_event_type`
  actor1          (rows whose `actor1` is Russia's or Ukraine's military) some event of the
                  row's event_type (else any event) has an actor with that country
A row without an analysis misses every metric.
Beyond score.py, `casualties`: on rows whose note states the dead (a killed/died/fatalities/
casualties word, not "casualties unknown" nor "unspecified fatalities"), the largest `killed`
among the events equals ACLED's `fatalities` (no target; ACLED sometimes codes the dead of a
note to another event).

`WARBRIEF_EVAL_VERBOSE=1` prints the misses to stderr.
"""

from __future__ import annotations

import csv
import os
import re
import sys
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs, km

NEEDS = ["acled/acled_ukraine_dev.csv"]
STATES_DEAD = re.compile(r"\b(killed|died|dead|deaths?|fatalit\w*|casualt\w*|lives)\b", re.I)
UNSTATED = re.compile(r"casualties unknown|unspecified fatalities|fatalities coded", re.I)
ACTOR_CC = {"Military Forces of Russia": "RU", "Military Forces of Ukraine": "UA"}
TARGETS = {"location25": 0.90, "date": 0.95, "event_type": 0.85, "sub_event_type": 0.75, "actor1": 0.85,
           "casualties": None}


def _entity(a: dict[str, Any], eid: str | None) -> dict[str, Any] | None:
    return next((e for e in a.get("entities", []) if e.get("id") == eid), None)


def _coords(a: dict[str, Any], ref: dict[str, Any] | None) -> tuple[float, float] | None:
    if not ref:
        return None
    e = _entity(a, ref.get("entity"))
    if e and e.get("place") and e["place"].get("lat") is not None:
        return e["place"]["lat"], e["place"]["lon"]
    return None


def _countries(a: dict[str, Any], parties: list[dict[str, Any]]) -> set[str]:
    out = set()
    for p in parties or []:
        if p.get("country"):
            out.add(p["country"])
        e = _entity(a, p.get("entity"))
        if e and e.get("country"):
            out.add(e["country"])
    return out


def score_row(r: dict[str, str], a: dict[str, Any]) -> dict[str, tuple[bool, str]]:
    """metric -> (hit, detail) for one ACLED row and its analysis."""
    evs = a.get("events", [])
    lat, lon = float(r["latitude"]), float(r["longitude"])
    ds = [km(lat, lon, p[0], p[1]) for e in evs if (p := _coords(a, e.get("place")))]
    typed = [e for e in evs if e.get("acled")]
    out = {
        "location25": (bool(ds) and min(ds) <= 25,
                       f"{r['location']} best={min(ds) if ds else None} "
                       f"ours={[(e.get('place') or {}).get('name') for e in evs]}"),
        "date": (any((e.get("time") or {}).get("value") == r["event_date"] for e in evs),
                 f"{r['event_date']} vs {[(e.get('time') or {}).get('value') for e in evs]}"),
        "event_type": (any(e["acled"].get("event_type") == r["event_type"] for e in typed),
                       f"{r['event_type']} vs {[e['acled'].get('event_type') for e in typed]}"),
        "sub_event_type": (any(e["acled"].get("sub_event_type") == r["sub_event_type"] for e in typed),
                           f"{r['sub_event_type']} vs {[e['acled'].get('sub_event_type') for e in typed]}"),
    }
    cc = next((v for k, v in ACTOR_CC.items() if r["actor1"].startswith(k)), None)
    if cc:
        same = [e for e in typed if e["acled"].get("event_type") == r["event_type"]] or evs
        out["actor1"] = (any(cc in _countries(a, e.get("actors")) for e in same),
                         f"{cc} vs {[sorted(_countries(a, e.get('actors'))) for e in same]}")
    if STATES_DEAD.search(r["notes"]) and not UNSTATED.search(r["notes"]):
        killed = [e["casualties"]["killed"] for e in evs if (e.get("casualties") or {}).get("killed") is not None]
        got = max(killed) if killed else 0
        out["casualties"] = (got == int(r["fatalities"] or 0), f"{r['fatalities']} vs {killed}")
    return out


def run(data: Path, limit: int | None) -> list[Metric]:
    with (data / "acled" / "acled_ukraine_dev.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if limit:
        rows = rows[:limit]
    docs = [{"id": r["event_id"], "text": r["notes"], "published": r["event_date"], "source": "ACLED"}
            for r in rows]
    analyses = analyze_docs(docs, "acled")
    verbose = bool(os.environ.get("WARBRIEF_EVAL_VERBOSE"))
    tally: dict[str, list[bool]] = {k: [] for k in TARGETS}
    for r, a in zip(rows, analyses, strict=True):
        if "error" in a:
            for k in ("location25", "date", "event_type", "sub_event_type"):
                tally[k].append(False)
            continue
        for k, (ok, detail) in score_row(r, a).items():
            tally[k].append(ok)
            if verbose and not ok:
                print(f"  MISS [{k}] {r['event_id']} {detail} | {r['notes'][:160]}", file=sys.stderr)
    return [Metric("acled", k, sum(v) / len(v) if v else None, TARGETS[k], f"{sum(v)}/{len(v)}")
            for k, v in tally.items()]
