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

from .claim_cues import ClaimCues, Found

BULLET = re.compile(r"^\s*(?:[-•*–—·▪●◦]|\d{1,2}[.)])\s+")
MAX_ITEMS = 30


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
        m = cues.headline.match(line)
        if m is None:
            return None
        cs, ce = s + m.start("content"), s + m.end("content")
        ss, se = s + m.start("source"), s + m.end("source")
        return Found(cs, ce, False, (ce, ss), (ss, se), "headline attributed to its source after a dash",
                     scope=(s, e))
    return None


def find_lists(doc: Any, cues: ClaimCues) -> list[Found]:
    text = doc.text
    lines = _lines(text)
    out: list[Found] = []
    for k, (s, e) in enumerate(lines):
        m = cues.list_heading.match(text, s, e)
        if m is None:
            continue
        src = (m.start("source"), m.end("source"))
        when = (m.start("when"), m.end("when")) if m.group("when") else None
        value = _time_value(doc, when) if when else None
        cue = (m.end("source"), (m.start("when") if when else m.end()) - 1)
        bulleted: bool | None = None
        for s2, e2 in lines[k + 1:k + 1 + 3 * MAX_ITEMS]:
            line = text[s2:e2]
            if not line.strip():
                continue
            b = BULLET.match(line)
            if bulleted is None:
                bulleted = b is not None
            if bulleted and b is None or cues.list_heading.match(line) or line.rstrip().endswith(":"):
                break
            if not bulleted and not line.rstrip().endswith((".", "!", "?", "”", '"', ")")):
                break  # a title-like line ends an unbulleted list
            cs = s2 + (b.end() if b else 0)
            while cs < e2 and text[cs].isspace():
                cs += 1
            ce = e2
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            if ce > cs:
                out.append(Found(cs, ce, False, _strip(text, cue), None,
                                 f"item of a list headed '{text[s:e].strip()}'", implied=src,
                                 time_value=value, scope=(s, e)))
            if len(out) >= MAX_ITEMS:
                break
    return out


def _strip(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    while s < e and not text[s].isalnum():
        s += 1
    while e > s and not text[e - 1].isalnum():
        e -= 1
    return s, e


def _time_value(doc: Any, span: tuple[int, int]) -> str | None:
    for t in doc._.wb.times:
        if t.start < span[1] and span[0] < t.end and t.value:
            return t.value
    return None
