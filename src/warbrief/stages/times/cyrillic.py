"""Ukrainian and Russian time expressions, by lemma (`data/lang/time_words.tsv`), normalised
against the publication date like the English ones:

    "16 лютого 2022 року", "16 февраля 2022 года"   -> 2022-02-16 (day)
    "16 лютого" (published 2022-02-17)              -> 2022-02-16: the latest such day not after publication
    "у ніч на 7 лютого", "в ночь на 7 февраля"      -> the 7th (the night ends on it)
    "6-7 березня"                                   -> the 6th (the first day named)
    "у березні 2022 року"                           -> 2022-03 (month)
    "вчора", "вчера"                                -> the day before publication
    "у понеділок", "в понедельник"                  -> the nearest Monday on or before publication
    "минулого тижня", "на прошлой неделе"           -> the ISO week before publication's
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from ...analysis import TimeExpr
from ...knowledge.lang_data import for_lang, rows
from ...lang.morph import lemmas

FUTURE_SLACK = 2  # days: a day-month date this far after publication is still this year's
DASHES = ("-", "–", "—")
WEEKDAY_PREPS = {"у", "в", "во"}


@dataclass(frozen=True)
class Vocab:
    words: dict[str, tuple[str, str]]  # lemma -> (kind, value)


@functools.cache
def vocab(lang: str) -> Vocab:
    return Vocab({cols[2]: (cols[1], cols[3]) for _, cols in rows("time_words.tsv", 4) if for_lang(lang, cols)})


def _kind(v: Vocab, lang: str, tok: Any) -> tuple[str, str] | None:
    text = tok.text.lower().replace("’", "'").rstrip(".")
    if not (text.isalpha() or "'" in text):
        return None
    return v.words.get(text) or next((v.words[w] for w in lemmas(lang, text) if w in v.words), None)


def _day(tok: Any) -> int | None:
    return int(tok.text) if tok.text.isdigit() and 1 <= int(tok.text) <= 31 and len(tok.text) <= 2 else None


def _year(tok: Any) -> int | None:
    t = tok.text.rstrip("р.г")
    return int(t) if t.isdigit() and len(t) == 4 and 1900 <= int(t) <= 2100 else None


def _in_year(month: int, day: int, anchor: date | None) -> tuple[date, str] | None:
    if anchor is None:
        return None
    for year in (anchor.year, anchor.year - 1):
        try:
            d = date(year, month, day)
        except ValueError:
            return None
        if d <= anchor + timedelta(days=FUTURE_SLACK):
            return d, f"month and day, the latest such date not after publication {anchor.isoformat()}"
    return None


def _dates(doc: Any, i: int, month: int, v: Vocab, lang: str,
           anchor: date | None) -> tuple[int, int, str, str, str] | None:
    """A date around the month word at token i: (start tok, end tok, value, precision, reason)."""
    start, end = i, i + 1
    year = _year(doc[i + 1]) if i + 1 < len(doc) else None
    if year is not None:
        end = i + 2
        if end < len(doc) and (_kind(v, lang, doc[end]) or ("", ""))[0] == "year":
            end += 1
            if end < len(doc) and doc[end].text == "." and len(doc[end - 1].text) == 1:  # "2022 р."
                end += 1
    day = _day(doc[i - 1]) if i > 0 else None
    if day is not None:
        start = i - 1
        if start >= 2 and doc[start - 1].text in DASHES and _day(doc[start - 2]) is not None:
            start -= 2
            day = _day(doc[start])
        elif start >= 1 and re.fullmatch(r"\d{1,2}[-–]\d{1,2}", doc[start].text or ""):
            day = int(re.split("[-–]", doc[start].text)[0])
    elif i > 0 and re.fullmatch(r"(\d{1,2})[-–](\d{1,2})", doc[i - 1].text):
        start = i - 1
        day = int(re.split("[-–]", doc[i - 1].text)[0])
    if day is None:
        if year is None:
            return None
        return start, end, f"{year:04d}-{month:02d}", "month", "month, year given"
    if year is not None:
        try:
            return start, end, date(year, month, day).isoformat(), "day", "day, month and year given"
        except ValueError:
            return None
    found = _in_year(month, day, anchor)
    if found is None:
        return None
    d, why = found
    return start, end, d.isoformat(), "day", why


def _relative(doc: Any, i: int, kind: str, value: str, v: Vocab, lang: str, anchor: date) -> tuple[int, int, str, str, str] | None:
    tok = doc[i]
    if kind == "day":
        d = anchor + timedelta(days=int(value))
        return i, i + 1, d.isoformat(), "day", f"{tok.text!r} relative to publication date {anchor.isoformat()}"
    if kind == "weekday" and i > 0 and doc[i - 1].lower_ in WEEKDAY_PREPS:  # "в среде" is no Wednesday
        d = anchor - timedelta(days=(anchor.weekday() - int(value)) % 7)
        return i, i + 1, d.isoformat(), "day", f"nearest {tok.text!r} on or before publication date {anchor.isoformat()}"
    if kind in ("past", "this") and i + 1 < len(doc) and (_kind(v, lang, doc[i + 1]) or ("", ""))[0] == "weekword":
        y, w, _ = (anchor + timedelta(weeks=int(value))).isocalendar()
        return i, i + 2, f"{y}-W{w:02d}", "week", f"{doc[i:i + 2].text!r} relative to publication date {anchor.isoformat()}"
    return None


def extract(doc: Any, published: datetime | None) -> list[TimeExpr]:
    lang = doc.lang_
    v = vocab(lang)
    anchor = published.date() if published else None
    out: list[TimeExpr] = []
    last_end = -1
    for i, tok in enumerate(doc):
        if i < last_end:
            continue
        kv = _kind(v, lang, tok)
        if kv is None:
            continue
        kind, value = kv
        found = _dates(doc, i, int(value), v, lang, anchor) if kind == "month" else \
            _relative(doc, i, kind, value, v, lang, anchor) if anchor is not None else None
        if found is None:
            continue
        s, e, val, precision, why = found
        span = doc[s:e]
        out.append(TimeExpr(span.start_char, span.end_char, span.text, val, precision, why))
        last_end = e
    return out
