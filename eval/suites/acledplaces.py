"""ACLED dev notes: is a resolved PLACE entity within 25 km of ACLED's coded location?

Same rule as score.py `suite_acledplaces`. Target (issue 3): >= 0.95 of notes.
"""

from __future__ import annotations

import csv
from pathlib import Path

from ..common import Metric, analyze_docs, km

NEEDS = ["acled/acled_ukraine_dev.csv"]


def run(data: Path, limit: int | None) -> list[Metric]:
    with open(data / "acled" / "acled_ukraine_dev.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if limit:
        rows = rows[:limit]
    outs = analyze_docs([{"id": r["event_id"], "text": r["notes"], "published": r["event_date"],
                          "source": "ACLED"} for r in rows], label="acledplaces")
    ok = 0
    for r, a in zip(rows, outs, strict=True):
        lat, lon = float(r["latitude"]), float(r["longitude"])
        ds = [km(lat, lon, e["place"]["lat"], e["place"]["lon"]) for e in a.get("entities", [])
              if e.get("type") == "PLACE" and e.get("place") and e["place"].get("lat") is not None]
        ok += bool(ds) and min(ds) <= 25
    return [Metric("places", "acled_notes.place25", ok / max(1, len(rows)), 0.95, f"{len(rows)} notes")]
