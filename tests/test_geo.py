"""warbrief.geo: one distance, bearing and bounding box for the whole system."""

import math

import pytest

from warbrief import geo

KYIV = (50.4501, 30.5234)
KHARKIV = (49.9935, 36.2304)


def test_distance_kyiv_kharkiv() -> None:
    assert geo.km(*KYIV, *KHARKIV) == pytest.approx(410.0, abs=2.0)
    assert geo.km(*KYIV, *KHARKIV) == pytest.approx(geo.km(*KHARKIV, *KYIV))
    assert geo.km(*KYIV, *KYIV) == 0.0


def test_one_radius() -> None:
    # half the circumference between antipodes, with the one radius
    assert geo.km(0, 0, 0, 180) == pytest.approx(math.pi * geo.EARTH_RADIUS_KM)
    assert pytest.approx(geo.km(0, 0, 1, 0)) == geo.KM_PER_DEGREE


def test_missing_coordinate() -> None:
    assert geo.km_or_none(None, 30.0, 50.0, 30.0) is None
    assert geo.km_or_none(*KYIV, *KHARKIV) == geo.km(*KYIV, *KHARKIV)


def test_flat_estimate_close_to_great_circle() -> None:
    assert geo.flat_km(*KYIV, *KHARKIV) == pytest.approx(geo.km(*KYIV, *KHARKIV), rel=0.01)


@pytest.mark.parametrize(("to", "expected"), [((51.0, 30.0), 0.0), ((50.0, 31.0), 90.0),
                                              ((49.0, 30.0), 180.0), ((50.0, 29.0), 270.0)])
def test_bearing_compass_points(to: tuple[float, float], expected: float) -> None:
    assert geo.bearing(50.0, 30.0, *to) == pytest.approx(expected, abs=0.5)


def test_bbox_holds_the_circle() -> None:
    west, south, east, north = geo.bbox(*KYIV, 100.0)
    for b in range(0, 360, 15):  # points 99.9 km away in every direction lie inside
        lat = math.degrees(math.asin(math.sin(math.radians(KYIV[0])) * math.cos(99.9 / geo.EARTH_RADIUS_KM)
                                     + math.cos(math.radians(KYIV[0])) * math.sin(99.9 / geo.EARTH_RADIUS_KM)
                                     * math.cos(math.radians(b))))
        assert south <= lat <= north
    assert west < KYIV[1] < east


def test_bbox_wraps_the_antimeridian_and_poles() -> None:
    west, _, east, _ = geo.bbox(65.0, 179.5, 100.0)
    assert west > east  # across the antimeridian
    assert geo.bbox(89.5, 0.0, 200.0)[0::2] == (-180.0, 180.0)
