"""Dates as warbrief reads them, written once: a publication date, its day, the days a time
value covers.

    parse_published("2024-11-01T09:30Z")  -> ("2024-11-01T09:30Z", datetime(...))  strict ISO 8601
    read_published("Dec 17, 2016")         -> Published("2016-12-17", None)        lenient
    read_published("Wed Nov 23", ref)      -> Published("2016-11-23", ...) against a reference day
    day_of("2024-11-01T09:30:00+02:00")   -> date(2024, 11, 1)
    day_range("2024-W44")                  -> (date(2024, 10, 28), date(2024, 11, 3))

A command-line option is strict (`parse_published`: an option is a promise); a date inside a
file, a feed, a page or an export is read leniently (`read_published`): what it cannot make a
day of is left undated, with the reason, and the document is analysed all the same.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?=$|[T ])")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")


def parse_published(value: str | date | None) -> tuple[str | None, datetime | None]:
    """Strict ISO 8601 -> (the ISO string kept in the record, a datetime to resolve relative
    dates against). Raises ValueError for anything else."""
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.isoformat(), value
    if isinstance(value, date):
        return value.isoformat(), datetime(value.year, value.month, value.day)
    text = str(value).strip()
    try:
        if len(text) == 8 and text.isdigit():  # 20241101
            text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
        if len(text) <= 10:
            d = date.fromisoformat(text)
            return d.isoformat(), datetime(d.year, d.month, d.day)
        dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"published date {value!r} is not ISO 8601 (expected e.g. 2024-11-01)") from None
    return text, dt


def day_of(value: str | date | None) -> date | None:
    """The day of a published date or datetime (ISO 8601); None when there is none."""
    if isinstance(value, date):
        return value if not isinstance(value, datetime) else value.date()
    r = day_range(value[:10]) if value else None
    return r[0] if r else None


def published_day(value: str | date | None) -> str | None:
    """The YYYY-MM-DD of a published date or datetime, for columns, filters and citations."""
    d = day_of(value)
    return d.isoformat() if d else None


def day_range(value: str | None) -> tuple[date, date] | None:
    """The first and last day a contract time value covers: '2024-10-30' (or a datetime) ->
    that day; '2024-10' the month; '2024-W44', '2024-Q3', '2024', 'a/b' likewise; None for
    anything else (durations, PRESENT_REF, seasons)."""
    if not value or not isinstance(value, str):
        return None
    if "/" in value:
        a, _, b = value.partition("/")
        ra, rb = day_range(a), day_range(b)
        return (ra[0], rb[1]) if ra and rb else None
    try:
        return _range(value)
    except ValueError:
        return None


def _range(value: str) -> tuple[date, date] | None:
    if m := _ISO_DAY.match(value):
        d = date(int(m[1]), int(m[2]), int(m[3]))
        return d, d
    if m := _WEEK.match(value):
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    if m := _MONTH.match(value):
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    if m := _QUARTER.match(value):
        y, last = int(m[1]), 3 * int(m[2])
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
    if m := _YEAR.match(value):
        return date(int(m[1]), 1, 1), date(int(m[1]), 12, 31)
    return None


def iso_range(value: str | None) -> tuple[str, str] | None:
    """`day_range` as ISO strings, for database columns and filters."""
    r = day_range(value)
    return (r[0].isoformat(), r[1].isoformat()) if r else None


# ---- lenient reading of the dates documents carry ------------------------------------------

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | \
         {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m} | {"sept": 9}
_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)} | \
            {d.lower(): i for i, d in enumerate(calendar.day_abbr)}
_WORDS = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[A-Za-z]+\.?|\d{1,4}(?:st|nd|rd|th)?")
_TIME_ONLY = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{1,5})?$", re.I)
REACH_DAYS = 366  # a day without a year lies at most this far before its reference day


@dataclass(frozen=True)
class Published:
    """A document's publication date as read: ISO 8601 (`value`), or None with the reason."""

    value: str | None
    note: str | None = None  # why the value is None, or how a partial value was resolved


def read_published(raw: object, reference: date | None = None) -> Published:
    """A publication date as documents write it: ISO 8601, RFC 2822 ("Wed, 23 Nov 2016
    07:58:00 -0500"), "Dec 17, 2016", "17 December 2016", "Wed Nov 23 2016", a JSON number of
    Unix time (seconds or milliseconds). A day without a
    year ("Wed Nov 23") takes the year that puts it on or before `reference` (the file's date)
    and matches its weekday; without a reference, or for a time alone ("7:58 AM ET"), the
    document is left undated (`value` None, `note` says why)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Published(None)
    if isinstance(raw, date | datetime):
        return Published(parse_published(raw)[0])
    if isinstance(raw, int) and 10_000_000 <= raw <= 99_999_999:  # 20241101, a day as a number
        raw = str(raw)
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        return _unix(raw)
    text = str(raw).strip()
    try:
        return Published(parse_published(text)[0])
    except ValueError:
        pass
    if (found := _rfc2822(text)) is not None:
        return Published(found)
    if _TIME_ONLY.match(text):
        return Published(None, f"published {text!r} is a time without a day")
    parts = _parts(text)
    if parts is None:
        return Published(None, f"published {text!r} is not a date")
    year, month, day, weekday = parts
    try:
        if year is not None:
            d = date(year, month, day)
            if weekday is not None and d.weekday() != weekday:
                return Published(None, f"published {text!r}: {d:%d %B %Y} is not a {calendar.day_name[weekday]}")
            return Published(d.isoformat())
        if reference is None:
            return Published(None, f"published {text!r} has no year (and the file gives no date to read it against)")
        guess = _year_for(month, day, weekday, reference)
    except ValueError:
        return Published(None, f"published {text!r} is not a date")
    if guess is None:
        return Published(None, f"published {text!r} matches no day in the year before {reference.isoformat()}")
    return Published(guess.isoformat(),
                     f"published {text!r} read as {guess.isoformat()} (the file's date is {reference.isoformat()})")


def _unix(value: float) -> Published:
    """A number: Unix time in seconds, or in milliseconds (as JavaScript writes it)."""
    seconds = value / 1000 if value > 1e11 else value
    if not 1e8 <= seconds <= 4e9:  # 1973 .. 2096
        return Published(None, f"published {value!r} is a number but no Unix time")
    stamp = datetime.fromtimestamp(seconds, UTC)
    return Published(stamp.isoformat(timespec="seconds"))


def _rfc2822(text: str) -> str | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", text):
        return None
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _parts(text: str) -> tuple[int | None, int, int, int | None] | None:
    """(year or None, month, day, weekday or None) of "Dec 17, 2016", "17 December 2016",
    "Wed Nov 23 2016", "Wednesday, November 23"; None when the words are anything else. A
    time of day after the date is allowed and dropped."""
    month = day = year = weekday = None
    for w in _WORDS.findall(text):
        word = w.lower().rstrip(".")
        if ":" in w or word in ("am", "pm", "a", "p", "m", "at", "on", "of", "the"):
            continue
        if word in _WEEKDAYS and weekday is None:
            weekday = _WEEKDAYS[word]
        elif word in MONTHS and month is None:
            month = MONTHS[word]
        elif word[:1].isdigit():
            n = int(re.sub(r"\D", "", word))
            if len(re.sub(r"\D", "", word)) == 4 and year is None:
                year = n
            elif day is None and 1 <= n <= 31:
                day = n
            else:
                return None
        elif not (w.isupper() and len(w) <= 5):  # a time zone ("ET", "UTC") may follow
            return None
    if month is None or day is None:
        return None
    return year, month, day, weekday


def _year_for(month: int, day: int, weekday: int | None, reference: date) -> date | None:
    """The latest date with this month and day (and weekday) on or before `reference` + 1 day
    (a time zone ahead), within `REACH_DAYS`."""
    latest = reference + timedelta(days=1)
    for year in (latest.year, latest.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:  # 29 February
            continue
        if d <= latest and (latest - d).days <= REACH_DAYS and (weekday is None or d.weekday() == weekday):
            return d
    return None
