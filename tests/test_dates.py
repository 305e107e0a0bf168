"""warbrief.dates: strict ISO for options, lenient reading for the dates documents carry."""

from datetime import date

import pytest

from warbrief.dates import day_of, day_range, iso_range, parse_published, published_day, read_published


@pytest.mark.parametrize("value, first, last", [
    ("2024-10-30", "2024-10-30", "2024-10-30"),
    ("2024-10-30T14:00+02:00", "2024-10-30", "2024-10-30"),
    ("2024-W44", "2024-10-28", "2024-11-03"),
    ("2024-10", "2024-10-01", "2024-10-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2024-Q4", "2024-10-01", "2024-12-31"),
    ("2024", "2024-01-01", "2024-12-31"),
    ("2024-10-01/2024-10-10", "2024-10-01", "2024-10-10"),
    ("PXD", None, None),
    ("PRESENT_REF", None, None),
    ("2024-13", None, None),
])
def test_day_range(value: str, first: str | None, last: str | None) -> None:
    assert iso_range(value) == ((first, last) if first else None)
    got = day_range(value)
    assert (got and (got[0].isoformat(), got[1].isoformat())) == ((first, last) if first else None)


def test_day_of_a_published_value() -> None:
    assert day_of("2024-11-01T09:30:00+02:00") == date(2024, 11, 1)
    assert published_day("2024-11-01T09:30:00+02:00") == "2024-11-01"
    assert day_of(date(2024, 11, 1)) == date(2024, 11, 1)
    assert day_of(None) is None and published_day("") is None and day_of("Dec 17, 2016") is None


@pytest.mark.parametrize("bad", ["Dec 17, 2016", "yesterday", "2024-13-01"])
def test_options_stay_strict(bad: str) -> None:
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_published(bad)


@pytest.mark.parametrize("raw, expected", [
    ("2016-12-17", "2016-12-17"),
    ("2016-12-17T10:00:00Z", "2016-12-17T10:00:00Z"),
    ("Sat, 17 Dec 2016 10:00:00 -0500", "2016-12-17T10:00:00-05:00"),
    ("Dec 17, 2016", "2016-12-17"),
    ("December 17, 2016", "2016-12-17"),
    ("17 December 2016", "2016-12-17"),
    ("Wed Nov 23 2016", "2016-11-23"),
    ("Wednesday, November 23, 2016 7:58 AM ET", "2016-11-23"),
    ("Sept. 3, 2016", "2016-09-03"),
])
def test_lenient_full_dates(raw: str, expected: str) -> None:
    assert read_published(raw).value == expected


@pytest.mark.parametrize("raw, reference, expected", [
    ("Wed Nov 23", date(2016, 12, 17), "2016-11-23"),  # the weekday and the file's date fix the year
    ("Nov 23", date(2017, 1, 5), "2016-11-23"),  # a day after the file's date is last year's
    ("Dec 17", date(2016, 12, 17), "2016-12-17"),
    ("Thu Nov 23", date(2016, 12, 17), None),  # 23 November 2016 was a Wednesday
    ("Wed Nov 23", None, None),  # nothing to read it against
    ("7:58 AM ET", date(2016, 12, 17), None),  # a time alone is no day
    ("Posted by the desk", date(2016, 12, 17), None),
    ("Wed Nov 23 2016 (Thursday)", None, None),
])
def test_lenient_partial_dates(raw: str, reference: date | None, expected: str | None) -> None:
    got = read_published(raw, reference)
    assert got.value == expected
    assert got.note and repr(raw) in got.note  # the reason names the value as given


def test_a_weekday_that_contradicts_the_date_is_not_believed() -> None:
    got = read_published("Thu Nov 23 2016")
    assert got.value is None and "not a Thursday" in (got.note or "")


@pytest.mark.parametrize("raw, expected", [
    (1481968800, "2016-12-17T10:00:00+00:00"),  # Unix seconds, as a JSON number
    (1481968800000, "2016-12-17T10:00:00+00:00"),  # milliseconds
    (20161217, "2016-12-17"),  # a day written as a number
    (17, None),
    ([2016, 12, 17], None),
])
def test_numbers_and_other_types(raw: object, expected: str | None) -> None:
    got = read_published(raw)
    assert got.value == expected and (expected or got.note)
