"""Bellingcat civilian-harm events in Ukraine: is a PLACE entity within 25 km of the coded point?

Each event is analysed as "<free-text location>. <description>" (the location field is how
Bellingcat's researchers name the place; the description rarely repeats it), published on the
event's date. A hit is any PLACE entity with coordinates within 25 km of the event's point.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from ..common import Metric, analyze_docs, km

NEEDS = ["events_other/bellingcat_civharm_export_events.json"]


def _date(value: str) -> str | None:
    try:
        return datetime.strptime(value, "%m/%d/%Y").date().isoformat()
    except (TypeError, ValueError):
        return None


def run(data: Path, limit: int | None) -> list[Metric]:
    events = json.loads((data / "events_other" / "bellingcat_civharm_export_events.json").read_text(encoding="utf-8"))
    events = [e for e in events if e.get("latitude") and e.get("longitude") and (e.get("location") or e.get("description"))]
    if limit:
        events = events[:limit]
    docs = [{"id": e["id"], "text": ". ".join(x for x in (e.get("location"), e.get("description")) if x),
             "published": _date(e.get("date", ""))} for e in events]
    outs = analyze_docs(docs, label="bellingcat")
    ok = 0
    for e, a in zip(events, outs, strict=True):
        lat, lon = float(e["latitude"]), float(e["longitude"])
        ds = [km(lat, lon, x["place"]["lat"], x["place"]["lon"]) for x in a.get("entities", [])
              if x.get("type") == "PLACE" and x.get("place") and x["place"].get("lat") is not None]
        ok += bool(ds) and min(ds) <= 25
    return [Metric("places", "bellingcat.place25", ok / max(1, len(events)), None, f"{len(events)} events")]
