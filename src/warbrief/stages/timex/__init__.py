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
    "current": du.r_current, "weekend": rs.r_weekend,
}
DAY_KINDS = {"iso", "mdy", "dmy", "weekday", "deictic", "holiday"}
CLOCK_THEN_DAY = re.compile(r"^[\s,]*(?:(?i:on|of|this|last)\s+)?$")
DAY_THEN_CLOCK = re.compile(r"^[\s,]*(?:(?i:at|about|around|from|by)\s+)?$")
LEADING = re.compile(r"^(?i:(?:at|by|until|in|on|during|for|since|within|over|from)\s+)")
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


def extract(text: str, anchor: date | datetime | None,
            tense_at: Callable[[int, int], str | None] | None = None) -> list[Found]:
    ctx = rs.Context(anchor=_anchor_date(anchor))
    cands = find(text)
    pairs = _pairs(cands, text)
    merged_days = set(pairs.values())
    results: dict[int, rs.Result] = {}
    found: list[Found] = []
    for i, c in enumerate(cands):
        ctx.tense = tense_at(c.start, c.end) if tense_at else None
        ctx.day = None
        if i in pairs:
            j = pairs[i]
            day = results.get(j) or RESOLVERS[cands[j].kind](cands[j], ctx)
            ctx.day = day[0] if day and day[0] and re.match(r"^[\dX]{4}-[\dX]{2}-[\dX]{2}", day[0]) else None
        res = results.get(i) or RESOLVERS[c.kind](c, ctx)
        results[i] = res  # type: ignore[assignment]
        if res is None:
            continue
        value, precision, reason = res
        if value and CALENDAR.match(value):
            ctx.last = value
            if "-Q" in value:
                ctx.last_quarter = value
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
