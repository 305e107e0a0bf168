"""Where the genre, not the grammar, ends a sentence: footnote markers, list items, headings.

    sentence_breaks(text) -> Breaks(starts, no_starts, markers)

Offsets are characters into the text. The list and line shapes below, like the markers'
(`stages.markers`), are the syntax of the formats reports arrive in (plain text, Markdown),
not knowledge about the world, so they live here as code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markers import MARKER, MARKER_RE

# a run of markers (possibly one per line) and the space after it
AFTER_MARKERS = re.compile(rf"(?:{MARKER})(?:\s*{MARKER})*\s+")
# a bolded or quoted sentence's close and the space after it: "... respectively.** US ..."
AFTER_BOLD = re.compile(r"[.!?][\"”’]?\*\*[ \t]+")
# a line break after a sentence's end (a colon does not end one: "He wrote:\n...")
AFTER_LINE_END = re.compile(rf"(?:[.!?][\"”’)*_]*|{MARKER})[ \t]*\n\s*(?=\S)")
BLANK_LINE = re.compile(r"\n[ \t]*\n\s*(?=\S)")
OPENERS = "\"“‘(*_"
# a bullet, a numbered item or a Markdown heading opens its line
LIST_ITEM = re.compile(r"^[ \t]*(?:[*\-•–]|\d{1,2}[.)]|#{1,6})[ \t]+(?=\S)", re.M)
# a line that is all bold and does not end a sentence: a heading ("**Russian Supporting Effort**")
BOLD_HEADING = re.compile(r"^[ \t]*\*\*[^\n]*\*\*[ \t]*$", re.M)
BOLD_SENTENCE_END = re.compile(r"[.!?][\"”’]?\*\*\s*$")
FIRST_WORD = re.compile(r"[^\W_]")
LINE = re.compile(r"[^\n]*")
SPACE = re.compile(r"\s*")
HSPACE = re.compile(r"[ \t]*")
SHORT_LINE_WORDS = 3  # "Click\nhere\nto see ...": the words of a link split over lines


@dataclass
class Breaks:
    starts: set[int] = field(default_factory=set)  # a sentence starts at these offsets
    no_starts: set[int] = field(default_factory=set)  # and never at these
    markers: list[tuple[int, int]] = field(default_factory=list)


def sentence_breaks(text: str) -> Breaks:
    b = Breaks()
    for m in MARKER_RE.finditer(text):
        b.markers.append((m.start(), m.end()))
        b.no_starts.update(range(m.start(), m.end()))  # a marker closes the sentence before it
    for rx in (AFTER_MARKERS, AFTER_BOLD):  # where a capitalised sentence follows
        for m in rx.finditer(text):
            if _capitalised(text, m.end()):
                b.starts.add(m.end())
                b.no_starts.update(range(m.start() + 1, m.end()))  # the closing "**" stays behind
    for rx in (AFTER_LINE_END, BLANK_LINE):
        b.starts.update(m.end() for m in rx.finditer(text))
    _list_lines(text, b)
    _link_lines(text, b)
    b.starts -= b.no_starts
    return b


def _capitalised(text: str, i: int) -> bool:
    while i < len(text) and text[i] in OPENERS:
        i += 1
    return i < len(text) and text[i].isupper()


def _list_lines(text: str, b: Breaks) -> None:
    """A list item or a heading is a sentence of its own: it starts one, and its line's end ends it."""
    heads = [(m.start(), m.end()) for m in LIST_ITEM.finditer(text)]
    heads += [(m.start(), m.start()) for m in BOLD_HEADING.finditer(text) if not BOLD_SENTENCE_END.search(m.group())]
    for head, prefix_end in heads:
        start = skip(HSPACE, text, head)
        b.starts.add(start)
        b.no_starts.update(range(start + 1, _first_word(text, max(start + 1, prefix_end)) + 1))  # "* **Russian"
        eol = text.find("\n", start)
        if eol >= 0:
            nxt = skip(SPACE, text, eol)
            if nxt < len(text):
                b.starts.add(nxt)


def skip(rx: re.Pattern[str], text: str, at: int) -> int:
    """The offset after what `rx` (spaces) matches at `at`."""
    m = rx.match(text, at)
    return m.end() if m is not None else at


def _first_word(text: str, start: int) -> int:
    m = FIRST_WORD.search(text, start)
    return m.start() if m is not None else start


def _link_lines(text: str, b: Breaks) -> None:
    """A short line without a sentence end, then a lower-case line: one sentence whose link text
    was put on lines of its own ("Click\\nhere\\nto see ISW's interactive map")."""
    for m in LINE.finditer(text):
        line = m.group().strip()
        nxt = m.end() + 1
        if not line or nxt >= len(text) or len(line.split()) > SHORT_LINE_WORDS or line[-1] in ".!?:":
            continue
        follow = text[nxt:nxt + 1]
        if follow.islower():
            b.no_starts.add(nxt)
