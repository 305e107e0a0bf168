"""Resolvers: one function per pattern kind, turning a candidate into (value, precision, reason).

A resolver returns None when the match is not a time expression after all ("a second
attempt"). Relative expressions need `Context.anchor` (the publication date); without it
they keep X's or a null value and the reason says why, never today's date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import calendar as cal
from .patterns import Candidate
from .vocab import vocab

Result = tuple[str | None, str, str]
NO_ANCHOR = "no publication date to resolve it against"
EDGE_RANGE = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20), "middle": (11, 20),
              "late": (21, 31), "end": (21, 31)}
DECADE_WORDS = ("twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties")
NEAR_AHEAD_DAYS = 45  # a date this close after publication keeps its year even under a past-tense verb
# without a future cue, a date at most this far after publication is taken as upcoming (a
# present-tense schedule: "talks resume March 3"); further ahead it is the last one past
UPCOMING_DAYS = 120
QUARTER_REACH = 1500  # characters within which "a year earlier" compares with the quarter discussed
PART_CODES = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI"}


@dataclass
class Context:
    anchor: date | None
    tense: str | None = None  # "past" | "present" | "future" | None
    last: str | None = None  # last calendar value in the document, for "a year earlier"
    last_quarter: str | None = None
    last_quarter_at: int = -1  # where the last quarter was mentioned
    at: int = 0  # where the expression being resolved starts
    standing: bool = False  # "as of" / "since" precedes it: the point a report stands at

    def quarter_nearby(self, span: int = QUARTER_REACH) -> str | None:
        """The quarter under discussion, if it was mentioned within `span` characters."""
        return self.last_quarter if self.last_quarter and self.at - self.last_quarter_at <= span else None
    day: str | None = None  # the day a clock time is attached to ("10 p.m. Wednesday")


def _g(c: Candidate, *names: str) -> str | None:
    for n in names:
        if c.groups.get(n):
            return c.groups[n]
    return None


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s or "").strip().lower()


def _prec(value: str | None, reason: str, precision: str | None = None) -> Result:
    return value, precision or cal.precision_of(value), reason


# ---------------------------------------------------------------- numbers in words
def year_from_words(text: str) -> int | None:
    """'nineteen ninety-four' -> 1994, 'two thousand and one' -> 2001 (None if not a year)."""
    words = _norm(text).replace("-", " ").split()
    v = vocab()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        n = v.number(" ".join(rest)) if rest else 0
        return 2000 + int(n) if n is not None else None
    rest = [w for w in words[1:] if w not in ("hundred", "and")]
    n = v.number(" ".join(rest))
    return None if n is None or n >= 100 else 1900 + int(n)


def day_from_words(text: str) -> int | None:
    """'eighth' -> 8, 'twenty-first' -> 21."""
    words = _norm(text).replace("-", " ").split()
    v = vocab()
    tens = {"twenty": 20, "thirty": 30}
    if len(words) == 2 and words[0] in tens:
        unit = v.ordinals.get(words[1])
        return tens[words[0]] + unit if unit and unit < 10 else None
    return {"twentieth": 20, "thirtieth": 30}.get(words[0]) or v.ordinals.get(words[0]) if len(words) == 1 else None


def _year_of(c: Candidate, *names: str) -> int | None:
    """The year a candidate states, in digits ("y") or in words ("yw")."""
    for n in names:
        if c.groups.get(n):
            return int(c.groups[n]) if c.groups[n].isdigit() else year_from_words(c.groups[n])
    return None


# ---------------------------------------------------------------- year inference
def infer_year(ctx: Context, month: int, day: int | None) -> tuple[int, str]:
    """The year of a month (and day) given without one: not after the publication date
    unless the text speaks of the future."""
    a = ctx.anchor
    assert a is not None
    y = a.year
    if day is not None and not cal.valid_day(y, month, day):
        day = 28
    cand = date(y, month, day or 1)
    after = cand > a if day is not None else month > a.month
    ahead_days = (cand - a).days
    if after:
        if ctx.standing:
            return y - 1, (f"year {y - 1}: 'as of' or 'since' a date names a past point, and in {y} it "
                           f"would fall after the publication date {a}")
        if ctx.tense == "future":
            return y, f"year {y} from publication date {a}; future tense"
        if ctx.tense != "past" and ahead_days <= UPCOMING_DAYS:
            return y, f"year {y} from publication date {a}; an upcoming date (no past-tense verb governs it)"
        if (ahead_days <= NEAR_AHEAD_DAYS) if day is not None else (month - a.month == 1):
            # "had been set to expire Nov. 6", "was extended to Nov. 16": a past-tense verb about
            # a date weeks ahead reports a schedule; an event eleven months back is far rarer
            return y, f"year {y} from publication date {a}; a date only weeks ahead (a schedule, though the verb is past)"
        return y - 1, (f"year {y - 1}: in {y} it would fall after the publication date {a}, and no future "
                       f"cue (will, plans, scheduled) governs it")
    behind = (a - cand).days if day is not None else (a.month - month) * 30
    if (ctx.tense == "future" and behind > 150) or (ctx.tense != "past" and behind > 230):
        return y + 1, f"year {y + 1}: it is long past in {y} and the verb is not in the past tense (published {a})"
    return y, f"year {y} from publication date {a}"


def _weekday_date(ctx: Context, wd: int, rel: str) -> tuple[date, str]:
    a = ctx.anchor
    assert a is not None
    base = "publication date"
    if rel in ("the previous", "the following") and ctx.last and len(ctx.last) == 10:
        a, base = date.fromisoformat(ctx.last), "the day mentioned before"  # anaphoric, as in TimeML
    back = (a.isoweekday() - wd) % 7
    fwd = (wd - a.isoweekday()) % 7
    if rel in ("last", "the previous", "this past"):
        d = a - timedelta(days=back or 7)
        return d, f"the {d:%A} before {base} {a}"
    if rel in ("next", "this coming", "the following"):
        d = a + timedelta(days=fwd or 7)
        return d, f"the {d:%A} after {base} {a}"
    future = ctx.tense == "future" or rel in ("until", "by") or (rel == "this" and ctx.tense != "past")
    if future:
        d = a + timedelta(days=fwd)
        return d, f"nearest {d:%A} on or after publication date {a} ({ctx.tense or 'upcoming'})"
    d = a - timedelta(days=back)
    return d, f"nearest {d:%A} on or before publication date {a}" + (" (past tense)" if ctx.tense == "past" else "")


# ---------------------------------------------------------------- explicit dates
def r_iso(c: Candidate, ctx: Context) -> Result | None:
    y, m, d = int(c.groups["y"]), int(c.groups["m"]), int(c.groups["d"])
    if not cal.valid_day(y, m, d):
        return None
    v = f"{y}-{m:02d}-{d:02d}"
    if c.groups.get("t"):
        return _prec(v + "T" + c.groups["t"], "ISO date and time")
    return _prec(v, "ISO date")


def r_day_month(c: Candidate, ctx: Context) -> Result | None:
    v = vocab()
    mon = v.month(c.groups["mon"])
    d = int(c.groups["d"]) if c.groups.get("d") else day_from_words(c.groups.get("dw") or "")
    if mon is None or d is None or not 1 <= d <= 31:
        return None
    y = _year_of(c, "y", "yw")
    if y is not None:
        if not cal.valid_day(y, mon, d):
            return None
        return _prec(f"{y}-{mon:02d}-{d:02d}", "day, month and year given")
    if not cal.valid_day(2000, mon, d):
        return None
    if ctx.anchor is None:
        return _prec(f"XXXX-{mon:02d}-{d:02d}", f"day and month without year; {NO_ANCHOR}", "day")
    wd = v.weekday(c.groups["wd"]) if c.groups.get("wd") else None
    if wd:  # "Friday, Oct. 23": the year in which that day is that weekday, nearest the anchor
        for y in (ctx.anchor.year, ctx.anchor.year - 1, ctx.anchor.year + 1):
            if cal.valid_day(y, mon, d) and date(y, mon, d).isoweekday() == wd:
                return _prec(f"{y}-{mon:02d}-{d:02d}", f"year {y}: the year near publication in which it is a {date(y, mon, d):%A}")
    rel = _norm(c.groups.get("rel"))
    if rel:  # "last Oct. 23": the occurrence before (or after) the publication date
        a = ctx.anchor
        y = a.year if (date(a.year, mon, d) < a) == (rel in ("last", "this past")) else \
            a.year - 1 if rel in ("last", "this past") else a.year + 1
        return _prec(f"{y}-{mon:02d}-{d:02d}", f"'{rel}' {date(2000, mon, d):%B} {d} relative to publication date {a}")
    y, why = infer_year(ctx, mon, d)
    return _prec(f"{y}-{mon:02d}-{d:02d}", "month and day, " + why)


def _month_year(ctx: Context, mon: int, c: Candidate) -> tuple[str | None, str]:
    given = _year_of(c, "y", "yw")
    if given is not None:
        return str(given), "year given"
    rel = _norm(c.groups.get("rel"))
    if ctx.anchor is None:
        return None, NO_ANCHOR
    y = ctx.anchor.year
    if rel in ("last", "the last", "this past", "past", "the past", "the previous", "previous"):
        y = y if mon < ctx.anchor.month else y - 1
        return str(y), f"the last {date(2000, mon, 1):%B} before publication date {ctx.anchor}"
    if rel in ("next", "the next", "this coming", "coming", "the coming", "the following"):
        y = y if mon > ctx.anchor.month else y + 1
        return str(y), f"the next {date(2000, mon, 1):%B} after publication date {ctx.anchor}"
    if rel == "this" and c.kind != "month_year":
        return str(y), f"year of publication date {ctx.anchor}"
    if rel and c.kind == "month_year":  # "June last year"
        y += {"last": -1, "next": 1}.get(rel, 0)
        return str(y), f"'{rel} year' from publication date {ctx.anchor}"
    yy, why = infer_year(ctx, mon, None)
    return str(yy), why


def r_month(c: Candidate, ctx: Context) -> Result | None:
    mon = vocab().month(c.groups.get("mon") or "may")
    if mon is None:
        return None
    y, why = _month_year(ctx, mon, c)
    if y is None:
        return _prec(f"XXXX-{mon:02d}", f"month without year; {why}", "month")
    return _prec(f"{y}-{mon:02d}", "month, " + why)


def r_month_edge(c: Candidate, ctx: Context) -> Result | None:
    mon = vocab().month(c.groups["mon"])
    if mon is None:
        return None
    edge = _norm(c.groups["edge"]).split()[-1]
    y, why = _month_year(ctx, mon, c)
    if edge in ("earlier", "later") or edge not in EDGE_RANGE:
        return r_month(c, ctx)
    if y is None:
        return _prec(f"XXXX-{mon:02d}", f"part of a month without year; {why}", "month")
    lo, hi = EDGE_RANGE[edge]
    hi = min(hi, cal._cal.monthrange(int(y), mon)[1])
    return _prec(f"{y}-{mon:02d}-{lo:02d}/{y}-{mon:02d}-{hi:02d}", f"'{edge}' part of the month as days {lo}-{hi}; {why}")


def r_holiday(c: Candidate, ctx: Context) -> Result | None:
    name = _norm(c.groups["name"])
    rule = vocab().holidays.get(name)
    if rule is None:
        return None
    if c.groups.get("pre") is None and not c.groups.get("rel") and not c.groups.get("y") \
            and not re.search(r"(day|eve)$", name):
        return None  # a bare "Easter" is as often a name as a date
    if c.groups.get("y"):
        y = int(c.groups["y"])
        return _prec(cal.holiday(rule, y).isoformat(), f"{name} of the year given")
    if ctx.anchor is None:
        return _prec(None, f"{name} without year; {NO_ANCHOR}", "day")
    a = ctx.anchor
    rel = _norm(c.groups.get("rel"))
    d = cal.holiday(rule, a.year)
    upcoming = ctx.tense == "future" or (ctx.tense != "past" and (d - a).days <= 120)
    if rel == "last" or (rel != "next" and d > a and not upcoming):
        if d >= a:
            d = cal.holiday(rule, a.year - 1)
        why = f"the last {name} before publication date {a}"
    elif rel == "next" and d <= a:
        d, why = cal.holiday(rule, a.year + 1), f"the next {name} after publication date {a}"
    else:
        why = f"{name} of the publication year {a.year}"
    return _prec(d.isoformat(), why)


# ---------------------------------------------------------------- weekdays, deictic days, clock
def _part(word: str | None) -> str:
    return "T" + PART_CODES[_norm(word)] if word and _norm(word) in PART_CODES else ""


def r_weekday(c: Candidate, ctx: Context) -> Result | None:
    wd = vocab().weekday(c.groups["wd"])
    if wd is None:
        return None
    part = _part(c.groups.get("part"))
    if ctx.anchor is None:
        return _prec(f"XXXX-WXX-{wd}{part}", f"weekday; {NO_ANCHOR}", "day")
    rel = _norm(c.groups.get("rel"))
    d, why = _weekday_date(ctx, wd, rel)
    if part:  # "Friday night": the day is what later stages use; the part of day stays in the reason
        why += f"; part of day {part[1:]}"
    return _prec(d.isoformat(), why)


DEICTIC = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
           "the day after tomorrow": 2, "this": 0, "last": -1, "overnight": 0}


def r_deictic(c: Candidate, ctx: Context) -> Result | None:
    w = _norm(_g(c, "w", "w2", "w3"))
    part = _part(_g(c, "part", "part2", "part3"))
    if w == "tonight":
        part = part or "TNI"
    if w == "last" and not part:
        return None
    if ctx.anchor is None:
        return _prec(None, f"'{w}' is relative; {NO_ANCHOR}", "day")
    d = ctx.anchor + timedelta(days=DEICTIC.get(w, 0))
    return _prec(d.isoformat() + part, f"'{w}' relative to publication date {ctx.anchor}")


def r_clock(c: Candidate, ctx: Context) -> Result | None:
    g = c.groups
    if g.get("named"):
        hh, mm = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[_norm(g["named"])]
    elif g.get("h24"):
        if not g.get("approx") and not re.search(r"(?i)GMT|UTC|time|hours", c.text):
            return None
        hh, mm = int(g["h24"]), int(g["mi24"])
    else:
        hh, mm = int(g["h"]), int(g.get("mi") or 0)
        if not 1 <= hh <= 12:
            return None
        pm = (g.get("ap") or "").lower().startswith("p")
        hh = (hh % 12) + (12 if pm else 0)
    day = ctx.day or (ctx.anchor.isoformat() if ctx.anchor else "XXXX-XX-XX")
    day = day.split("T")[0]
    why = "time of day on " + ("the day named beside it" if ctx.day else
                               f"the publication date {ctx.anchor}" if ctx.anchor else f"an unknown day ({NO_ANCHOR})")
    return _prec(f"{day}T{hh:02d}:{mm:02d}", why, "time")


# ---------------------------------------------------------------- relative periods
REL_SHIFT = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "the past": -1, "previous": -1,
             "the previous": -1, "the last": -1, "this past": -1, "next": 1, "coming": 1, "the coming": 1,
             "the next": 1, "the following": 1, "this coming": 1, "the latest": 0}


def r_relative(c: Candidate, ctx: Context) -> Result | None:
    rel = _norm(c.groups["rel"])
    unit = _norm(c.groups["unit"])
    n = REL_SHIFT.get(rel)
    if n is None:
        return None
    if c.groups["unit"][0].isupper() and c.groups["rel"][0].isupper() and c.start > 0:
        return None  # "This Week" mid-sentence is a title (a TV show), not a time
    if unit in vocab().seasons:
        return r_season(c, ctx)
    if ctx.anchor is None:
        prec = "week" if unit == "weekend" else unit if unit in ("week", "month", "year", "quarter", "decade",
                                                                 "century") else None
        return _prec(None, f"'{rel} {unit}' is relative; {NO_ANCHOR}", prec)
    a = ctx.anchor
    why = f"'{rel} {unit}' relative to publication date {a}"
    if rel in ("the following", "the previous") and ctx.last and unit in ("year", "month"):
        shifted = cal.shift_value(ctx.last[:4] if unit == "year" else ctx.last[:7], years=n if unit == "year" else 0,
                                  months=n if unit == "month" else 0)
        if shifted and (unit == "year" or len(ctx.last) >= 7):
            return _prec(shifted, f"'{rel} {unit}' relative to the time mentioned before ({ctx.last})")
    if unit == "year":
        y = a.year + n
        if c.groups.get("q"):
            q = vocab().ordinals.get(_norm(c.groups["q"]))
            return _prec(f"{y}-Q{q}", why) if q and q <= 4 else None
        return _prec(str(y), why)
    if unit == "month":
        d = cal.add_months(a, n)
        return _prec(f"{d.year}-{d.month:02d}", why)
    if unit in ("week", "weekend"):
        v = cal.iso_week(a + timedelta(weeks=n))
        return _prec(v + ("-WE" if unit == "weekend" else ""), why, "week")
    if unit == "quarter":
        n = -1 if rel in ("the latest", "the last", "the past", "the previous") else n
        y, q = cal.shift_quarter(a.year, cal.quarter(a), n)
        return _prec(f"{y}-Q{q}", why)
    if unit == "decade":
        return _prec(f"{(a.year // 10 + n)}", why, "decade")
    if unit == "century":
        return _prec(f"{a.year // 100 + n:02d}", why, "century")
    return None


def r_weekend(c: Candidate, ctx: Context) -> Result | None:
    rel = _norm(c.groups["rel"]).split()[-1]
    if ctx.anchor is None:
        return _prec(None, f"'{c.text}' is relative; {NO_ANCHOR}", "week")
    a = ctx.anchor
    sat = a + timedelta(days=(6 - a.isoweekday()) % 7)  # coming (or current) Saturday
    if a.isoweekday() == 7:
        sat = a - timedelta(days=1)
    if rel in ("last", "past") or (rel not in ("next", "coming") and ctx.tense == "past" and sat > a):
        sat -= timedelta(days=7)
    elif rel == "next" and sat <= a:
        sat += timedelta(days=7)
    return _prec(cal.iso_week(sat) + "-WE", f"the weekend nearest publication date {a} ({ctx.tense or 'tense unknown'})", "week")


def r_season(c: Candidate, ctx: Context) -> Result | None:
    code = vocab().seasons[_norm(_g(c, "season", "season2", "unit"))]
    y = _year_of(c, "y", "y2", "yw")
    if y is not None:
        return _prec(f"{y}-{code}", "season of the year given")
    rel = _norm(c.groups.get("rel"))
    if rel in ("in", "during", "until", "by") and not y:
        rel = "the"
    if ctx.anchor is None:
        return _prec(f"XXXX-{code}", f"season without year; {NO_ANCHOR}", "season")
    a = ctx.anchor
    start = cal.SEASON_START[code]
    yy = a.year
    begun = a.month >= start
    if rel in ("last", "this past", "past", "the past", "previous", "the previous"):
        ended = a.month >= start + 3
        yy = yy if ended else yy - 1
    elif rel in ("next", "this coming", "coming", "the coming"):
        yy = yy if not begun else yy + 1
    elif not begun and ctx.tense == "past":
        yy -= 1
    return _prec(f"{yy}-{code}", f"'{c.text}' relative to publication date {a}", "season")


# ---------------------------------------------------------------- quarters, halves, years, decades
def _last_completed_quarter(a: date) -> tuple[int, int]:
    return cal.shift_quarter(a.year, cal.quarter(a), -1)


def r_quarter(c: Candidate, ctx: Context) -> Result | None:
    q = int(c.groups["qn"]) if c.groups.get("qn") else vocab().ordinals.get(_norm(c.groups.get("q")))
    if not q or q > 4:
        return None
    y = _g(c, "y1", "y2", "y3")
    rel = _norm(_g(c, "rel", "rel2"))
    if y:
        return _prec(f"{int(y)}-Q{q}", "quarter of the year given")
    if ctx.anchor is None:
        return _prec(f"XXXX-Q{q}", f"quarter without year; {NO_ANCHOR}", "quarter")
    a = ctx.anchor
    if rel:
        yy = a.year + {"last": -1, "the previous": -1, "next": 1, "the following": 1}.get(rel, 0)
        return _prec(f"{yy}-Q{q}", f"'{rel} year' relative to publication date {a}")
    yy = a.year
    months_ahead = (q - 1) * 3 + 1 - a.month
    if ctx.tense != "future" and (months_ahead > 0 and ctx.tense == "past" or months_ahead > 5):
        yy -= 1
    return _prec(f"{yy}-Q{q}", f"quarter of the publication year {a.year}" if yy == a.year
                 else f"year {yy}: the quarter has not begun by the publication date {a} (past tense, or months away)")


def r_quarter_ref(c: Candidate, ctx: Context) -> Result | None:
    if c.groups.get("yq"):  # "the 1988 quarter": the quarter under discussion, in that year
        if not ctx.last_quarter:
            return None
        qn = ctx.last_quarter[-1]
        return _prec(f"{c.groups['yq']}-Q{qn}", f"the quarter under discussion (Q{qn}) in {c.groups['yq']}", "quarter")
    w = _norm(_g(c, "w", "w2", "w3"))
    shift = -1 if re.search(r"year-(ago|earlier)|last year's|prior|year-before", w) else 0
    if ctx.last_quarter:
        base, why = ctx.last_quarter, f"the quarter discussed before ({ctx.last_quarter})"
    elif ctx.anchor is not None:
        if "current" in w or w == "this":
            y, q = ctx.anchor.year, cal.quarter(ctx.anchor)
        else:
            y, q = _last_completed_quarter(ctx.anchor)
        base, why = f"{y}-Q{q}", f"the last reported quarter before publication date {ctx.anchor}"
    else:
        return _prec(None, f"'{c.text}' refers to a quarter; {NO_ANCHOR}", "quarter")
    if shift:
        base = cal.shift_value(base, years=-1) or base
        why = "a year before " + why
    return _prec(base, why, "quarter")


def r_half(c: Candidate, ctx: Context) -> Result | None:
    h = 1 if _norm(c.groups["h"]) == "first" else 2
    if c.groups.get("y"):
        return _prec(f"{int(c.groups['y'])}-H{h}", "half of the year given", "quarter")
    if ctx.anchor is None:
        return _prec(f"XXXX-H{h}", NO_ANCHOR, "quarter")
    y = ctx.anchor.year + {"last": -1, "next": 1}.get(_norm(c.groups.get("rel")), 0)
    return _prec(f"{y}-H{h}", f"half of a year relative to publication date {ctx.anchor}", "quarter")


def r_year(c: Candidate, ctx: Context) -> Result | None:
    y = int(c.groups["y"])
    pre = _norm(c.groups.get("pre"))
    if ctx.anchor is not None and y > ctx.anchor.year + 30 and not pre:
        return None  # a number, not a year
    why = "fiscal year given" if pre == "fiscal" else "year given"
    return _prec(str(y), why)


def r_decade(c: Candidate, ctx: Context) -> Result | None:
    d = _g(c, "d", "d2")
    if c.groups.get("dw"):
        if not c.text.lower().startswith("the"):
            return None  # "in his forties" is an age
        d = str(DECADE_WORDS.index(_norm(c.groups["dw"])) + 2)
    cent = c.groups.get("c")
    if cent is None:
        ay = ctx.anchor.year if ctx.anchor else 2000
        cent = str(ay // 100) if int(f"{ay // 100}{d}0") <= ay else str(ay // 100 - 1)
    return _prec(f"{cent}{d}", f"the decade {cent}{d}0-{cent}{d}9 (TimeML decade value)", "decade")


def r_century(c: Candidate, ctx: Context) -> Result | None:
    n = int(c.groups["n"]) if c.groups.get("n") else vocab().ordinals.get(_norm(c.groups["w"]).replace(" ", "-"))
    if not n:
        n = {"twentieth": 20, "twenty-first": 21}.get(_norm(c.groups["w"]))
    if not n:
        return None
    return _prec(f"{n - 1:02d}", f"'{c.text.strip()}' as a TimeML century value ({n - 1:02d}00-{n - 1:02d}99)", "century")
