"""Stages `warbrief_segments` and `warbrief_furniture`.

`warbrief_segments` runs before spaCy's parser and presets `Token.is_sent_start` where the
genre ends a sentence (`segments.breaks`), and makes each footnote marker a token of its own: after a footnote marker followed by a capitalised
sentence, at a list item, a numbered item or a heading, after a line that ends a sentence.
The parser respects preset starts (True) and preset non-starts (False): a marker stays with the
sentence it closes. The markers' offsets go to `doc._.wb.markers`, so that later stages leave
them out of the text they report; the document text itself is never changed.

`warbrief_furniture` runs after the parser and marks the sentences that are page furniture
(`knowledge/data/page_furniture.tsv`): `doc._.wb.furniture`. The claims and events stages
skip what lies in them (the entities, places and dates stay); each skip is recorded in
`doc._.wb.notes["warnings"]` with the pattern that matched.
"""

from __future__ import annotations

import re
from typing import Any

from ...knowledge.furniture import load_furniture, match_furniture
from ..markers import MARKER
from ..state import DocState, Furniture
from .breaks import sentence_breaks, skip

MARKER_SUFFIX = f"(?:{MARKER})$"
FURNITURE_LINE = re.compile(r"[^\n]+")
SPACES = re.compile(r"\s*")
LINE_START = re.compile(r"\n[ \t]*(?=\S)")
SENTENCE_END = re.compile(r"[.!?][\"”’)*]*(?:\s|\[)")


def create_segments(nlp: Any, name: str):
    marker_tokens(nlp)
    patterns = load_furniture()

    def segments(doc: Any) -> Any:
        st: DocState = doc._.wb
        breaks = sentence_breaks(st.text)
        _furniture_lines(st.text, breaks, patterns)
        for tok in doc[1:]:
            if tok.idx in breaks.starts:
                tok.is_sent_start = True
            elif tok.idx in breaks.no_starts:
                tok.is_sent_start = False
        st.markers = breaks.markers
        _block_markers(doc, breaks.markers)
        return doc

    return segments


def _furniture_lines(text: str, breaks: Any, patterns: Any) -> None:
    """A line that is furniture by itself is a sentence of its own, so that it takes nothing of
    the line after it ("Russian Supporting Effort – Northern Axis (Russian objective: ...)"
    then "Russian forces continued offensive operations ..."); without a sentence end inside,
    nothing breaks it either."""
    for m in FURNITURE_LINE.finditer(text):
        if m.group().strip() and match_furniture(m.group(), patterns) is not None:
            start = skip(SPACES, text, m.start())
            breaks.starts.add(start)
            if not SENTENCE_END.search(m.group().rstrip()):  # one sentence: "Do Not Sell or Share My ..."
                breaks.no_starts.update(range(start + 1, m.end()))
            nxt = skip(SPACES, text, m.end())
            if nxt < len(text):
                breaks.starts.add(nxt)
    breaks.starts -= breaks.no_starts


def _block_markers(doc: Any, markers: list[tuple[int, int]]) -> None:
    """No entity is ever a footnote marker: the NER may not label the marker's tokens."""
    spans = [sp for s, e in markers if (sp := doc.char_span(s, e, alignment_mode="contract")) is not None and len(sp)]
    if spans:
        doc.set_ents([], blocked=_disjoint(spans), default="unmodified")


def _disjoint(spans: list[Any]) -> list[Any]:
    out: list[Any] = []
    for sp in sorted(spans, key=lambda x: (x.start, -x.end)):
        if not out or sp.start >= out[-1].end:
            out.append(sp)
    return out


def marker_tokens(nlp: Any) -> None:
    """A footnote marker is a token of its own: spaCy's suffixes alone make "Kupiansk.[14]" the
    tokens "Kupiansk.[14" and "]", so the place is never seen and the sentence never ends."""
    old = nlp.tokenizer.suffix_search
    if old is not None and MARKER_SUFFIX not in old.__self__.pattern:
        nlp.tokenizer.suffix_search = re.compile(f"{MARKER_SUFFIX}|{old.__self__.pattern}").search


def create_furniture(nlp: Any, name: str):
    patterns = load_furniture()

    def furniture(doc: Any) -> Any:
        st: DocState = doc._.wb
        st.furniture = [f for sent in doc.sents if (f := furniture_of(st.text, sent.start_char, sent.end_char,
                                                                       patterns)) is not None]
        return doc

    return furniture


def furniture_of(text: str, start: int, end: int, patterns: Any = None) -> Furniture | None:
    """The furniture part of the sentence text[start:end]: the whole sentence, or the part from
    one of its line starts on ("... February 26\nClick here to see ISW's interactive map ...").
    A sentence the parser began inside a line is read from its line's start when nothing ends a
    sentence between ("Order of Battle: Drone operators of the 136th ... (58th CAA) are striking")."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < start and not SENTENCE_END.search(text, line_start, start):
        p = match_furniture(text[line_start:end], patterns)
        if p is not None:
            return Furniture(start, end, p.name, p.reason)
    for at in [start] + [m.end() for m in LINE_START.finditer(text, start, end)]:
        p = match_furniture(text[at:end], patterns)
        if p is not None:
            return Furniture(at, end, p.name, p.reason)
    return None
