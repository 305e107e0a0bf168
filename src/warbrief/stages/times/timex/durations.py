"""Resolvers for durations ("two and a half years" -> P2Y6M), anchored amounts ("three days
ago"), sets ("daily", "every Tuesday") and document-time references ("now", "recently")."""

from __future__ import annotations

import re
from datetime import timedelta

from . import calendar as cal
from .patterns import Candidate
from .resolve import NO_ANCHOR, Context, Result, _norm, _prec, year_from_words
from .vocab import vocab

SUB = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "M_T": ("S", 60)}
NOT_WITH_A = {"second", "quarter"}  # "a second attempt", "a quarter of the budget"


def duration_value(n: float | None, letter: str, mult: int, is_time: bool) -> str:
    """P2Y6M, PT5H30M, PXD (n None)."""
    pre = "PT" if is_time else "P"
    if n is None:
        return f"{pre}X{'E' if mult == 10 and letter == 'Y' else 'C' if mult == 100 else letter}"
    if letter == "Q":
        letter, mult = "M", 3 * mult
        if float(n).is_integer() and mult == 3:
            return f"P{int(n)}Q"
    total = n * mult
    whole = int(total)
    frac = total - whole
    if frac and letter in ("Y", "M", "W", "D", "H") or (frac and is_time):
        sub, k = SUB["M_T" if is_time and letter == "M" else letter]
        rest = round(frac * k)
        head = f"{whole}{letter}" if whole else ""
        if letter == "D" and not is_time:
            return f"P{head}T{rest}H" if head else f"PT{rest}H"
        if letter == "Y" and sub == "M":
            return f"P{head}{rest}M"
        return f"{pre}{head}{rest}{sub}"
    return f"{pre}{whole}{letter}"


def _unit(c: Candidate) -> tuple[str, tuple[str, int, bool]] | None:
    word = (c.groups.get("unit") or c.groups.get("unit2") or c.groups.get("unit3") or "").lower()
    u = vocab().unit(word)
    return (word, u) if u else None


def r_duration(c: Candidate, ctx: Context) -> Result | None:
    got = _unit(c)
    if got is None:
        return None
    word, (letter, mult, is_time) = got
    raw_unit = c.groups.get("unit") or ""
    if raw_unit[:1].isupper() and not c.text.isupper():
        return None  # "60 Minutes" mid-sentence is a title, not a duration
    num_txt = c.groups.get("num")
    n = vocab().number(num_txt) if num_txt else None
    if num_txt and n is None:
        return None
    if n is not None and n >= 1000 and letter in ("Q", "Y", "M"):
        return None  # "the 1988 quarter"
    if n is not None and c.groups.get("andhalf"):
        n += 0.5
    if num_txt and _norm(num_txt) in ("a", "an") and word.rstrip("s") in NOT_WITH_A:
        return None
    rel = _norm(c.groups.get("rel"))
    mod = _norm(c.groups.get("mod"))
    if n is not None and (rel in ("ago", "from now", "hence") or (rel == "earlier" and letter == "Y" and n == 1)):
        return _anchored(c, ctx, n, letter, mult, is_time, rel)
    if rel == "ago":  # "years ago"
        return _prec(duration_value(None, letter, mult, is_time), "an unspecified time ago", "duration")
    value = duration_value(n, letter, mult, is_time)
    why = f"duration of {num_txt or 'an unspecified number of'} {word}"
    if mod in ("the past", "the last", "past", "last", "the previous") and n == 1 and num_txt and not num_txt.isdigit():
        return _last_unit(c, ctx, letter, mult, is_time) or _prec(value, why, "duration")
    return _prec(value, why, "duration")


def _last_unit(c: Candidate, ctx: Context, letter: str, mult: int, is_time: bool) -> Result | None:
    """'the past year' names the previous calendar unit in TimeBank's usage."""
    if ctx.anchor is None or is_time or mult != 1 or letter not in ("Y",):
        return None
    return _prec(str(ctx.anchor.year - 1), f"'{c.text}': the year before publication date {ctx.anchor}")


def _anchored(c: Candidate, ctx: Context, n: float, letter: str, mult: int, is_time: bool, rel: str) -> Result:
    sign = -1 if rel in ("ago", "earlier", "before") else 1
    base_txt = "publication date"
    base = ctx.anchor
    if rel in ("earlier", "later", "before", "after") and ctx.last and re.match(r"^\d{4}-\d\d-\d\d", ctx.last):
        from datetime import date as _d
        base, base_txt = _d.fromisoformat(ctx.last[:10]), "the date mentioned before"
    if base is None:
        return _prec(None, f"'{c.text}' is relative; {NO_ANCHOR}", "unknown")
    k = int(round(n * mult))
    why = f"{c.text.strip()} relative to {base_txt} {base}"
    if letter == "Y":
        near = ctx.quarter_nearby()
        if near and rel in ("earlier", "ago") and k == 1:
            return _prec(cal.shift_value(near, years=-1), f"a year before the quarter discussed ({near})")
        return _prec(str(base.year + sign * k), why, "year")
    if letter == "M" and not is_time:
        d = cal.add_months(base, sign * k)
        return _prec(f"{d.year}-{d.month:02d}", why, "month")
    if letter == "Q":
        y, q = cal.shift_quarter(base.year, cal.quarter(base), sign * k)
        return _prec(f"{y}-Q{q}", why, "quarter")
    if letter == "W":
        return _prec(cal.iso_week(base + timedelta(weeks=sign * k)), why, "week")
    if letter == "D":
        return _prec((base + timedelta(days=sign * k)).isoformat(), why, "day")
    return _prec(base.isoformat(), why + " (same day)", "day")


def r_duration_bare(c: Candidate, ctx: Context) -> Result | None:
    got = _unit(c)
    if got is None:
        return None
    word, (letter, mult, is_time) = got
    return _prec(duration_value(None, letter, mult, is_time), f"an unspecified number of {word}", "duration")


def r_year_ago(c: Candidate, ctx: Context) -> Result | None:
    w = _norm(c.groups["w"])
    q = ctx.quarter_nearby()
    if q:
        return _prec(cal.shift_value(q, years=-1), f"a year before the quarter discussed ({q})", "quarter")
    if "earlier" in w and ctx.last and cal.shift_value(ctx.last, years=-1):
        return _prec(cal.shift_value(ctx.last, years=-1), f"a year before the time mentioned before ({ctx.last})")
    if ctx.anchor is None:
        return _prec(None, f"'{c.text}' is relative; {NO_ANCHOR}", "year")
    return _prec(str(ctx.anchor.year - 1), f"the year before publication date {ctx.anchor}", "year")


# ---------------------------------------------------------------- sets and references
SET_UNITS = {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "quarter": "P1Q", "hour": "PT1H",
             "minute": "PT1M", "morning": "XXXX-XX-XXTMO", "night": "XXXX-XX-XXTNI", "evening": "XXXX-XX-XXTEV",
             "weekend": "XXXX-WXX-WE"}


def r_set_every(c: Candidate, ctx: Context) -> Result | None:
    v = vocab()
    g = c.groups
    if g.get("wd"):
        return _prec(f"XXXX-WXX-{v.weekday(g['wd'])}", "every such weekday", "set")
    if g.get("mon"):
        return _prec(f"XXXX-{v.month(g['mon']):02d}", "every such month", "set")
    if g.get("season"):
        return _prec(f"XXXX-{v.seasons[_norm(g['season'])]}", "every such season", "set")
    val = SET_UNITS.get(_norm(g.get("unit")))
    return _prec(val, f"recurring every {_norm(g.get('unit'))}", "set") if val else None


def r_set_plural(c: Candidate, ctx: Context) -> Result | None:
    v = vocab()
    wd = v.weekday(c.groups.get("wd") or c.groups.get("wd2") or "")
    if wd is None:
        return None
    part = ""
    if c.groups.get("part"):
        part = "T" + v.day_parts.get(_norm(c.groups["part"]).rstrip("s"), "")
    return _prec(f"XXXX-WXX-{wd}{part}", "recurring weekday", "set")


def r_set_word(c: Candidate, ctx: Context) -> Result | None:
    val = vocab().sets.get(_norm(c.text))
    return _prec(val, f"'{c.text}' recurs", "set") if val else None


def r_ref(c: Candidate, ctx: Context) -> Result | None:
    val = vocab().refs.get(_norm(c.text))
    if val is None:
        return None
    return _prec(val, f"'{c.text}' refers to the time of writing ({val}, TimeML)", "ref")


def r_current(c: Candidate, ctx: Context) -> Result | None:
    return _prec("PRESENT_REF", "'current' refers to the time of writing (TimeML)", "ref")


# ---------------------------------------------------------------- "the year", "year-end", "that year"
def r_year_ref(c: Candidate, ctx: Context) -> Result | None:
    adj = _norm(c.groups.get("adj"))
    if c.groups.get("span") and adj not in ("current", "full"):  # "the year ended March 31": a span of one year
        return _prec("P1Y", f"'{c.text.strip()}' as a span of one year ending on the date given (TimeBank usage)",
                     "duration")
    if ctx.anchor is None:
        return _prec(None, f"'{c.text}' refers to a year; {NO_ANCHOR}", "year")
    y = ctx.last[:4] if ctx.last and adj not in ("current", "full") else str(ctx.anchor.year)
    return _prec(y, f"'{c.text.strip()}': the year under discussion ({y})", "year")


def r_year_end(c: Candidate, ctx: Context) -> Result | None:
    if ctx.anchor is None:
        return _prec(None, f"'{c.text}' refers to a year's end; {NO_ANCHOR}", "year")
    return _prec(str(ctx.anchor.year), f"end of the publication year {ctx.anchor.year}", "year")


def r_that_unit(c: Candidate, ctx: Context) -> Result | None:
    unit = _norm(c.groups["unit"])
    n = {"year": 4, "month": 7, "day": 10}[unit]
    if not ctx.last or len(ctx.last) < n or "Q" in ctx.last or "W" in ctx.last:
        return None
    return _prec(ctx.last[:n], f"'{c.text.strip()}': the {unit} mentioned before ({ctx.last})")


def r_year_words(c: Candidate, ctx: Context) -> Result | None:
    y = year_from_words(c.groups["yw"])
    return _prec(str(y), "year in words") if y is not None else None
