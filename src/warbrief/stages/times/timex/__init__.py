"""Time expressions: find them with a pattern grammar and normalise them to TIMEX3 values
against the publication date.

    extract(text, anchor, tense_at=None) -> list[Found]     every expression in a text
    normalize(expr, anchor, tense_hint=None) -> (value, precision, reason)   one expression

`tense_at(start, end)` tells the tense ("past", "present", "future" or None) of the clause
an expression sits in; the spaCy stage derives it from the parse. The year of "October 30"
or "Friday" is chosen so that the date does not fall after the publication date unless the
clause speaks of the future.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from . import durations as du
from . import resolve as rs
from .calendar import precision_of
from .patterns import Candidate, find

RESOLVERS: dict[str, Callable[[Candidate, rs.Context], rs.Result | None]] = {
    "iso": rs.r_iso, "mdy": rs.r_day_month, "dmy": rs.r_day_month, "month_edge": rs.r_month_edge,
    "month_year": rs.r_month, "month_rel": rs.r_month, "month": rs.r_month, "holiday": rs.r_holiday,
    "clock": rs.r_clock, "weekday": rs.r_weekday, "set_every": du.r_set_every, "set_plural": du.r_set_plural,
    "set_word": du.r_set_word, "deictic": rs.r_deictic, "relative": rs.r_relative, "quarter": rs.r_quarter,
    "quarter_ref": rs.r_quarter_ref, "half": rs.r_half, "season": rs.r_season, "decade": rs.r_decade,
    "century": rs.r_century, "duration": du.r_duration, "duration_adj": du.r_duration,
    "duration_bare": du.r_duration_bare, "year_ago": du.r_year_ago, "year": rs.r_year, "ref": du.r_ref,
    "current": du.r_current, "weekend": rs.r_weekend, "year_ref": du.r_year_ref, "year_end": du.r_year_end,
    "that_unit": du.r_that_unit, "year_words": du.r_year_words,
}
ANAPHORIC = {"year_ago", "quarter_ref", "that_unit", "year_ref", "duration", "year_end"}
INFERRED_KINDS = {"mdy", "dmy", "month", "month_edge", "weekday", "holiday"}
DAY_KINDS = {"iso", "mdy", "dmy", "weekday", "deictic", "holiday"}
CLOCK_THEN_DAY = re.compile(r"^[\s,]*(?:(?i:on|of|this|last)\s+)?$")
DAY_THEN_CLOCK = re.compile(r"^[\s,]*(?:(?i:at|about|around|from|by)\s+)?$")
DEADLINE = re.compile(r"(?i)\b(?:until|by|before|no\s+later\s+than)\s*$")
SCHEDULED = re.compile(r"(?i)\b(?:effective|payable|through|starting|beginning|expiring)\s*$")
EARLIEST = re.compile(r"(?i)\bas\s+(?:soon|early)\s+as\s*$")
# "as of June 16", "since June 16": the point a report or an assessment stands at, never ahead
STANDING = re.compile(r"(?i)\b(?:as\s+of|as\s+at|since)\s*$")
DAY_VALUE = re.compile(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}")
CLOCK_REACH = 400  # characters after a day within which a bare clock time belongs to that day
LEADING = re.compile(r"^(?i:(?:at|by|until|in|on|during|for|since|within|over|from)\s+(?!least|most))")
CALENDAR = re.compile(r"^\d{4}(-(\d\d(-\d\d)?|Q[1-4]|W\d\d|H[12]))?$")


@dataclass
class Found:
    start: int
    end: int
    text: str
    value: str | None
    precision: str
    reason: str


def _anchor_date(anchor: date | datetime | None) -> date | None:
    if anchor is None:
        return None
    return anchor.date() if isinstance(anchor, datetime) else anchor


def _pairs(cands: list[Candidate], text: str) -> dict[int, int]:
    """index of a clock candidate -> index of the day candidate it belongs to."""
    out: dict[int, int] = {}
    for i, c in enumerate(cands):
        if c.kind != "clock":
            continue
        if i + 1 < len(cands) and cands[i + 1].kind in DAY_KINDS and CLOCK_THEN_DAY.match(text[c.end:cands[i + 1].start]):
            out[i] = i + 1
        elif i > 0 and cands[i - 1].kind in DAY_KINDS and DAY_THEN_CLOCK.match(text[cands[i - 1].end:c.start]):
            out[i] = i - 1
    return out


RATE_BEFORE = re.compile(r"(?:\d|\$|\b(?:million|billion|thousand|hundred|times|once|twice|percent|[A-Za-z]{3,}s))[\s,]*$")


def _is_rate(c: Candidate, text: str) -> bool:
    """'$2 million a year', 'four flights a week': a rate, not a time expression."""
    g = c.groups
    if c.kind != "duration" or g.get("mod") or g.get("rel") or (g.get("num") or "").lower() not in ("a", "an"):
        return False
    return bool(RATE_BEFORE.search(text[max(0, c.start - 30):c.start]))


def extract(text: str, anchor: date | datetime | None,
            tense_at: Callable[[int, int], str | None] | None = None) -> list[Found]:
    ctx = rs.Context(anchor=_anchor_date(anchor))
    cands = [c for c in find(text) if not _is_rate(c, text)]
    pairs = _pairs(cands, text)
    merged_days = set(pairs.values())
    results: dict[int, rs.Result] = {}
    found: list[Found] = []
    last_day: tuple[str, int] | None = None
    for i, c in enumerate(cands):
        ctx.tense = tense_at(c.start, c.end) if tense_at else None
        ctx.standing = False
        if ctx.tense != "past" and c.kind in INFERRED_KINDS and DEADLINE.search(text[max(0, c.start - 20):c.start]):
            ctx.tense = "future"  # "must leave by Jan. 14": a deadline lies ahead
        if ctx.tense == "past" and c.kind in INFERRED_KINDS and SCHEDULED.search(text[max(0, c.start - 20):c.start]):
            ctx.tense = None  # "created an office, effective Feb. 1": the date is set, not past
        if c.kind in INFERRED_KINDS and EARLIEST.search(text[max(0, c.start - 20):c.start]):
            ctx.tense = "future"  # "could arrive as early as Tuesday": the earliest of dates ahead
        if ctx.tense != "future" and c.kind in INFERRED_KINDS and STANDING.search(text[max(0, c.start - 20):c.start]):
            ctx.tense, ctx.standing = "past", True  # "as of June 16": where a report stands, in the past
        ctx.at = c.start
        ctx.day = None
        if i in pairs:
            j = pairs[i]
            s0 = min(c.start, cands[j].start)
            if DEADLINE.search(text[max(0, s0 - 20):s0]) or re.match(r"(?i)(?:until|by)\b", text[s0:s0 + 6]):  # "until 9 a.m. Tuesday": a deadline ahead
                ctx.tense = "future"
                day = RESOLVERS[cands[j].kind](cands[j], ctx)
            else:
                day = results.get(j) or RESOLVERS[cands[j].kind](cands[j], ctx)
            ctx.day = day[0] if day and day[0] and DAY_VALUE.match(day[0]) else None
        elif c.kind == "clock" and last_day and c.start - last_day[1] <= CLOCK_REACH:
            ctx.day = last_day[0]  # "On Oct. 23 ... at 10 p.m.": the day named just before
        res = results.get(i) or RESOLVERS[c.kind](c, ctx)
        results[i] = res  # type: ignore[assignment]
        if res is None:
            continue
        value, precision, reason = res
        if value and DAY_VALUE.match(value) and c.kind in DAY_KINDS:
            last_day = (value[:10], c.end)
        if value and CALENDAR.match(value) and c.kind not in ANAPHORIC:
            ctx.last = value
            if "-Q" in value:
                ctx.last_quarter, ctx.last_quarter_at = value, c.start
        if i in merged_days and any(pairs[k] == i for k in pairs):
            continue  # emitted together with its clock time
        start, end = c.start, c.end
        if i in pairs:
            j = pairs[i]
            start, end = min(start, cands[j].start), max(end, cands[j].end)
        lead = LEADING.match(text[start:end])
        if lead and end - start - lead.end() > 0:
            start += lead.end()
        found.append(Found(start, end, text[start:end], value, precision or precision_of(value), reason))
    found.sort(key=lambda f: f.start)
    return found


def normalize(expr: str, anchor: date | datetime | None, tense_hint: str | None = None) -> tuple[str | None, str, str]:
    """Normalise one expression ("as of October 31", "last week") -> (value, precision, reason).

    The longest expression found inside `expr` decides; (None, "unknown", why) if none."""
    items = extract(expr, anchor, (lambda s, e: tense_hint) if tense_hint else None)
    if not items:
        return None, "unknown", f"no time expression recognised in {expr!r}"
    best = max(items, key=lambda f: f.end - f.start)
    return best.value, best.precision, best.reason


__all__ = ["Found", "extract", "normalize"]
