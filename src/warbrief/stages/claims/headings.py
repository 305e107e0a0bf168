"""Claims made by the layout rather than the grammar.

- a headline attributed to its source: "Putin shows no interest in ceasefire – ISW" (the
  first non-empty line of the text);
- a list under a heading that names a source: "ISW key findings as of October 31:" makes each
  following item a claim by ISW, made at the heading's date.

Both patterns live in `claim_cues.yaml` (`headline`, `list_heading`).
"""

from __future__ import annotations

import re
from typing import Any

from .cues import ClaimCues, Found

BULLET = re.compile(r"^\s*(?:[-•*–—·▪●◦]|\d{1,2}[.)])\s+")
MAX_ITEMS = 30
# no headline is longer; the headline pattern backtracks quadratically over a long blank run
MAX_HEADLINE = 400


def _lines(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_headline(text: str, cues: ClaimCues) -> Found | None:
    for s, e in _lines(text):
        line = text[s:e]
        if not line.strip():
            continue
        if len(line) > MAX_HEADLINE:
            return None
        m = cues.headline.match(line)
        if m is None:
            return None
        cs, ce = s + m.start("content"), s + m.end("content")
        ss, se = s + m.start("source"), s + m.end("source")
        dash = s + m.end("content")
        while dash < ss and text[dash].isspace():
            dash += 1
        dash_end = dash
        while dash_end < ss and not text[dash_end].isspace():
            dash_end += 1
        return Found(cs, ce, False, (dash, dash_end), (ss, se), "headline attributed to its source after a dash",
                     scope=(s, e))
    return None


def find_title(doc: Any, cues: ClaimCues) -> Found | None:
    """A title line in headline style, where the parser is unreliable (title case, no
    articles): "Obama Says Trump Modeling Policies On Putin", "Trump Jr.: Women Who ...".
    The first cue verb (or a colon) splits the line into speaker and content."""
    text = doc._.wb.text  # doc.text rebuilds the string on every call
    span = next(((s, e) for s, e in _lines(text) if text[s:e].strip()), None)
    if span is None:
        return None
    s, e = span
    toks = []
    for t in doc:
        if t.idx >= e:
            break
        if t.idx >= s and not t.is_space:
            toks.append(t)
    if not 3 <= len(toks) <= 30:
        return None
    verbs = cues.title_verbs
    for k, t in enumerate(toks[1:7], 1):
        lemma = cues.forms.get(t.lower_)
        colon = t.text == ":"
        if not colon and lemma not in verbs:
            continue
        if len(toks) - k - 1 < 2 or not toks[0].text[:1].isupper() or any(x.pos_ == "VERB" and x.dep_ == "ROOT" for x in toks[:k]):
            return None
        cs = toks[k + 1].idx
        ce = toks[-1].idx + len(toks[-1])
        while ce > cs and not (text[ce - 1].isalnum() or text[ce - 1] in "’'\"”)"):
            ce -= 1
        while text[cs] in "\"'“‘" and cs < ce:
            cs += 1
        sp = (toks[0].idx, toks[k - 1].idx + len(toks[k - 1]))
        cue = (t.idx, t.idx + len(t))
        return Found(cs, ce, False, cue, sp, f"title line split at '{t.text}'", cue_token=t.i, scope=(s, e))
    return None


def find_lists(doc: Any, cues: ClaimCues) -> list[Found]:
    text = doc._.wb.text  # doc.text rebuilds the string on every call
    lines = _lines(text)
    out: list[Found] = []
    for k, (s, e) in enumerate(lines):
        m = cues.list_heading.match(text, s, e)
        if m is None:
            continue
        src = (m.start("source"), m.end("source")) if m.group("source") else None
        extra: dict[str, object] = {} if src else {"source_name": doc._.wb.source}
        when = (m.start("when"), m.end("when")) if m.group("when") else None
        value = _time_value(doc, when) if when else None
        cue = (m.start("what"), m.end("what"))
        bulleted: bool | None = None
        items = 0
        for s2, e2 in lines[k + 1:k + 1 + 3 * MAX_ITEMS]:
            line = text[s2:e2]
            if not line.strip():
                continue
            b = BULLET.match(line)
            if bulleted is None:
                bulleted = b is not None
            if bulleted and b is None or cues.list_heading.match(line) or line.rstrip().endswith(":"):
                break
            if not bulleted and not line.rstrip().endswith((".", "!", "?", "”", '"', ")", "]", "*")):
                break  # a title-like line ends an unbulleted list
            cs = s2 + (b.end() if b else 0)
            while cs < e2 and text[cs].isspace():
                cs += 1
            ce = e2
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            if ce > cs:
                out.append(Found(cs, ce, False, cue, None,
                                 f"item of a list headed '{text[s:e].strip()}'", implied=src,
                                 time_value=value, scope=(s, e), extra=dict(extra)))
                items += 1
            if items >= MAX_ITEMS:
                break
    return out


def _time_value(doc: Any, span: tuple[int, int]) -> str | None:
    for t in doc._.wb.times:
        if t.start < span[1] and span[0] < t.end and t.value:
            return t.value
    return None
