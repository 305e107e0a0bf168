"""Contract time values -> the first and last day they cover, for date-range filters."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def day_range(value: str | None) -> tuple[str, str] | None:
    """'2024-10-30' -> ('2024-10-30', '2024-10-30'); '2024-10' -> the month; '2024-W44',
    '2024-Q3', '2024', 'a/b' likewise; None for anything else (durations, PRESENT_REF, ...)."""
    if not value:
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        ra, rb = day_range(a), day_range(b)
        return (ra[0], rb[1]) if ra and rb else None
    try:
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return d.isoformat(), d.isoformat()
        if m := _WEEK.match(value):
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return start.isoformat(), (start + timedelta(days=6)).isoformat()
        if m := _MONTH.match(value):
            y, mo = int(m[1]), int(m[2])
            return date(y, mo, 1).isoformat(), date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
        if m := _QUARTER.match(value):
            y, q = int(m[1]), int(m[2])
            last = 3 * q
            return (date(y, last - 2, 1).isoformat(),
                    date(y, last, calendar.monthrange(y, last)[1]).isoformat())
        if m := _YEAR.match(value):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:
        return None
    return None


def day_of(published: str | None) -> str | None:
    """The YYYY-MM-DD of a published date or datetime."""
    r = day_range(published[:10]) if published else None
    return r[0] if r else None
