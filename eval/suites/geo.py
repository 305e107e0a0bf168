"""Geoparsing on LGL (US local news) and GeoVirus (Wikinews): place detection and resolution.

Same metrics and matching as score.py `suite_geo`: a gold toponym counts as detected when a
PLACE entity with coordinates has a mention overlapping it, and as correct when that entity's
point is within 161 km of the gold point. Targets (issue 3): LGL end-to-end acc@161km >= 0.80,
GeoVirus >= 0.85.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs, km, overlaps

NEEDS = ["geoparsing/lgl.xml", "geoparsing/GeoVirus.xml"]
TARGETS = {"lgl": 0.80, "GeoVirus": 0.85}


def load_geo(path: Path) -> list[dict[str, Any]]:
    root = ET.parse(path).getroot()
    arts = []
    for i, art in enumerate(root.findall("article")):
        text = art.findtext("text") or ""
        tops = []
        for tp in [*art.iter("toponym"), *art.iter("location")]:
            st, en = tp.findtext("start"), tp.findtext("end")
            lat = tp.findtext("latitude") or tp.findtext("gaztag/lat") or tp.findtext("lat")
            lon = tp.findtext("longitude") or tp.findtext("gaztag/lon") or tp.findtext("lon")
            if tp.findtext("nonLocational") == "Yes" or not (st and en and lat and lon):
                continue
            tops.append((int(st), int(en), float(lat), float(lon)))
        pub = (art.findtext("dltime") or "").strip()[:10] or None
        arts.append({"id": f"{path.stem}-{i}", "text": text, "published": pub, "tops": tops})
    return arts


def place_entity_at(a: dict[str, Any], start: int, end: int) -> dict[str, Any] | None:
    for e in a.get("entities", []):
        if e.get("type") != "PLACE":
            continue
        for m in e.get("mentions", []):
            if overlaps(m.get("start"), m.get("end"), start, end):
                return e
    return None


def score(arts: list[dict[str, Any]], outs: list[dict[str, Any]]) -> tuple[int, int, int]:
    gold = det = good = 0
    for x, a in zip(arts, outs, strict=True):
        for st, en, lat, lon in x["tops"]:
            gold += 1
            if "error" in a or a["document"]["text"] != x["text"]:
                continue
            e = place_entity_at(a, st, en)
            if e and e.get("place") and e["place"].get("lat") is not None:
                det += 1
                if km(lat, lon, e["place"]["lat"], e["place"]["lon"]) <= 161:
                    good += 1
    return gold, det, good


def run(data: Path, limit: int | None) -> list[Metric]:
    rows: list[Metric] = []
    for stem in ("lgl", "GeoVirus"):
        arts = load_geo(data / "geoparsing" / f"{stem}.xml")
        if limit:
            arts = arts[:limit]
        outs = analyze_docs([{k: v for k, v in x.items() if k != "tops"} for x in arts], label=stem)
        gold, det, good = score(arts, outs)
        detail = f"{gold} toponyms in {len(arts)} articles"
        rows += [Metric("geo", f"{stem}.detected", det / max(1, gold), None, detail),
                 Metric("geo", f"{stem}.acc161_on_detected", good / max(1, det)),
                 Metric("geo", f"{stem}.end_to_end_acc161", good / max(1, gold), TARGETS[stem])]
    return rows
