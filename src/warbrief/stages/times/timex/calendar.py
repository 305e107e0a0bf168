"""Calendar arithmetic for TIMEX3 values: shifting, weeks, quarters, holidays, precision."""

from __future__ import annotations

import calendar as _cal
import re
from datetime import date, timedelta

SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def add_months(d: date, n: int) -> date:
    m = d.month - 1 + n
    y, m = d.year + m // 12, m % 12 + 1
    return date(y, m, min(d.day, _cal.monthrange(y, m)[1]))


def add_years(d: date, n: int) -> date:
    try:
        return d.replace(year=d.year + n)
    except ValueError:  # 29 February
        return d.replace(year=d.year + n, day=28)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def quarter(d: date) -> int:
    return (d.month - 1) // 3 + 1


def shift_quarter(y: int, q: int, n: int) -> tuple[int, int]:
    k = y * 4 + (q - 1) + n
    return k // 4, k % 4 + 1


def valid_day(y: int, m: int, d: int) -> bool:
    return 1 <= m <= 12 and 1 <= d <= _cal.monthrange(y if y > 0 else 2000, m)[1]


def easter(y: int) -> date:
    """Western Easter (anonymous Gregorian computus)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(y, month, day)


def orthodox_easter(y: int) -> date:
    a, b, c = y % 4, y % 7, y % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(y, month, day + 1) + timedelta(days=13)  # Julian -> Gregorian (1900-2099)


def nth_weekday(y: int, month: int, weekday: int, n: int) -> date:
    """n-th ISO weekday (1 = Monday) of a month."""
    first = date(y, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


def holiday(rule: str, y: int) -> date:
    if rule == "easter":
        return easter(y)
    if rule == "orthodox-easter":
        return orthodox_easter(y)
    if rule == "thanksgiving-us":
        return nth_weekday(y, 11, 4, 4)
    if rule == "election-day-us":
        return nth_weekday(y, 11, 1, 1) + timedelta(days=1)
    m, d = rule.split("-")
    return date(y, int(m), int(d))


_DAY = re.compile(r"^(\d{4})-(\d\d)-(\d\d)")
_MONTH = re.compile(r"^(\d{4})-(\d\d)$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_WEEK = re.compile(r"^(\d{4})-W(\d\d)$")
_YEAR = re.compile(r"^(\d{4})$")


def shift_value(value: str, years: int = 0, months: int = 0, days: int = 0) -> str | None:
    """Shift a calendar value by a signed amount, keeping its granularity."""
    if m := _DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        d = add_months(add_years(d, years), months) + timedelta(days=days)
        return d.isoformat()
    if m := _MONTH.match(value):
        d = add_months(date(int(m[1]), int(m[2]), 1), years * 12 + months)
        return f"{d.year}-{d.month:02d}"
    if m := _QUARTER.match(value):
        y, q = shift_quarter(int(m[1]), int(m[2]), years * 4 + months // 3)
        return f"{y}-Q{q}"
    if m := _WEEK.match(value):
        d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return iso_week(add_years(d, years) + timedelta(days=days))
    if m := _YEAR.match(value):
        return str(int(m[1]) + years + (months // 12))
    return None


PRECISION_RULES = (
    (re.compile(r"^(PRESENT|PAST|FUTURE)_REF$"), "ref"),
    (re.compile(r"^P"), "duration"),
    (re.compile(r"/"), "range"),
    (re.compile(r"T"), "time"),
    (re.compile(r"^[\dX]{4}-\d\d-\d\d$"), "day"),
    (re.compile(r"-W\d\d(-WE)?$"), "week"),
    (re.compile(r"^[\dX]{4}-\d\d$"), "month"),
    (re.compile(r"^XXXX"), "set"),
    (re.compile(r"-[QH][1-4]$"), "quarter"),
    (re.compile(r"-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}X?$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
)


def precision_of(value: str | None) -> str:
    if value is None:
        return "unknown"
    for rx, name in PRECISION_RULES:
        if rx.search(value):
            return name
    return "unknown"
