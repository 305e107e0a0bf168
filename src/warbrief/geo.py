"""Points on the Earth: great-circle distance, initial bearing, a bounding box around a point.

One Earth radius for the whole system (the places stage's, which the evaluation numbers were
measured with), so that "within 50 km" means the same in a stage, the brief and a query.

    km(50.45, 30.52, 49.99, 36.23)       -> 410.6...  (Kyiv to Kharkiv)
    bearing(50.45, 30.52, 49.99, 36.23)  -> 96.9...   (degrees clockwise from north)
    bbox(50.45, 30.52, 25.0)             -> (west, south, east, north)
"""

from __future__ import annotations

import math

EARTH_RADIUS_KM = 6371.0  # the mean radius; WGS84's 6371.0088 differs by 1.4 m per 1,000 km
KM_PER_DEGREE = EARTH_RADIUS_KM * math.pi / 180  # one degree of latitude (of a great circle)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def km_or_none(lat1: float | None, lon1: float | None, lat2: float | None, lon2: float | None) -> float | None:
    """`km`, or None when a coordinate is missing."""
    if lat1 is None or lon1 is None or lat2 is None or lon2 is None:
        return None
    return km(lat1, lon1, lat2, lon2)


def flat_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """An equirectangular estimate of the distance, good to a few percent up to a few hundred
    km and much cheaper than `km` in a loop; the longitude scale is taken at the first point."""
    k = math.cos(math.radians(lat1))
    return KM_PER_DEGREE * math.hypot(lat2 - lat1, (lon2 - lon1) * k)


def bearing(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from the first point to the second, in degrees clockwise
    from north, in [0, 360)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    y = math.sin(dl) * math.cos(p2)
    x = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return math.degrees(math.atan2(y, x)) % 360.0


def bbox(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a box holding every point within `radius_km` of the point.

    Longitudes stay in [-180, 180]; a box across the antimeridian has west > east. Near a pole,
    or for a radius of half the globe, the box spans every longitude."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM) * 1.0001
    south, north = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    if abs(lat) + dlat >= 89.9:
        return -180.0, south, 180.0, north
    dlon = dlat / math.cos(math.radians(abs(lat) + dlat))
    if dlon >= 180:
        return -180.0, south, 180.0, north
    west, east = lon - dlon, lon + dlon
    return (west + 360 if west < -180 else west), south, (east - 360 if east > 180 else east), north
