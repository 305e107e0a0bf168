"""Direct quotations: find quoted stretches in any quotation style and attribute them.

Styles: straight "..." and '...', curly “...” and ‘...’, guillemets «...» (and »...«), German
„...“. A quotation never runs past the end of its paragraph, so an odd or stray quote mark
costs at most that paragraph (an unclosed quote runs to the paragraph's end, which is also the
newspaper convention for a quote continued in the next paragraph).

`scan_quotes(text)` -> list of `Quote`; `attribute_quotes(doc, quotes, cues, known)` -> `Found`
for each quotation that is a statement: one with a speech cue beside it ("...," he said;
He said: "..."; "...," said X, "..."), or a long quotation continuing the previous speaker's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from .cues import ClaimCues, Found
from .reported import chars, noun_phrase, subject_of

# opening mark -> closing marks
PAIRS = {"“": "”“", "„": "“”", "«": "»", "»": "«", "‘": "’", "‚": "‘’", '"': '"', "'": "'", "‹": "›"}
OPEN_BEFORE = set(" \t([{—–-/:;,") | {""}
WORD = re.compile(r"\w+")
# 'Name, Outlet: "..."' at the start of a line, and '"..." — Name, Outlet' on the line after
LABEL_BEFORE = re.compile(r"[ \t]*(?P<who>[A-Z][^\n:\"“«„]{1,80}?)\s*(?P<colon>:)\s*$")
DASH_AFTER = re.compile(r"[ \t]*\n?[ \t]*(?P<dash>[—–]|--?)[ \t]*(?P<who>[A-Z][^\n]{1,80}?)[ \t]*(?=\n|$)")


@dataclass
class Quote:
    start: int  # first character inside the marks
    end: int  # end of the inside (exclusive)
    open_at: int
    close_at: int | None  # None when the quotation is not closed in its paragraph

    def words(self, text: str) -> int:
        return len(WORD.findall(text, self.start, self.end))


def _opens(text: str, i: int) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if not nxt or nxt.isspace():
        return False
    if ch in "'’":  # an apostrophe: don't, Ukraine's, '90s
        return (prev in OPEN_BEFORE or prev in "\n\"“«") and nxt.isalpha()
    if ch == '"':
        return prev in OPEN_BEFORE or prev in "\n'‘(" or not prev.isalnum()
    return True


def _closes(text: str, j: int, opener: str) -> bool:
    ch = text[j]
    prev = text[j - 1] if j > 0 else ""
    nxt = text[j + 1] if j + 1 < len(text) else ""
    if ch in "'’" and opener in "'‘‚":
        return bool(prev) and not prev.isspace() and not nxt.isalnum()
    if ch == '"':
        return not nxt.isalnum()
    return True


def scan_quotes(text: str) -> list[Quote]:
    out: list[Quote] = []
    pos = 0
    for para in text.split("\n"):
        p0, p1 = pos, pos + len(para)
        pos = p1 + 1
        i = p0
        while i < p1:
            ch = text[i]
            if ch in PAIRS and _opens(text, i):
                closers = PAIRS[ch]
                j = i + 1
                while j < p1 and not (text[j] in closers and _closes(text, j, ch)):
                    j += 1
                if j < p1:
                    out.append(Quote(i + 1, j, i, j))
                    i = j + 1
                    continue
                if ch in "'‘‚":  # an unclosed single quote is more likely an apostrophe
                    i += 1
                    continue
                out.append(Quote(i + 1, p1, i, None))
                break
            i += 1
    for q in out:  # inner edges without spaces and trailing commas
        while q.start < q.end and text[q.start].isspace():
            q.start += 1
        while q.end > q.start and (text[q.end - 1].isspace() or text[q.end - 1] in ",;"):
            q.end -= 1
    return [q for q in out if q.end > q.start]


# ---------------------------------------------------------------- attribution
class QuoteAttributor:
    """Attributes quotations that reported speech did not already cover."""

    def __init__(self, doc: Any, cues: ClaimCues, quotes: list[Quote]) -> None:
        self.doc = doc
        self.text: str = doc._.wb.text
        self.cues = cues
        self.quotes = quotes
        self.starts = [t.idx for t in doc]
        self.inside = [False] * len(doc)
        for q in quotes:
            for k in range(self._tok(q.open_at), self._tok(q.close_at if q.close_at is not None else q.end - 1) + 1):
                if q.open_at <= doc[k].idx < (q.close_at if q.close_at is not None else q.end) + 1:
                    self.inside[k] = True

    def _tok(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def cue_for(self, q: Quote) -> Any | None:
        """A speech verb outside the quotation, in its sentence or just after it, with a
        subject; the nearest wins."""
        doc = self.doc
        first = doc[self._tok(q.start)].sent
        last_tok = self._tok(max(q.start, (q.close_at if q.close_at is not None else q.end) - 1))
        last = doc[last_tok].sent
        lo, hi = first.start, last.end
        # the attribution may be parsed into the next sentence: '"...." Putin said.'
        extra = []
        if hi < len(doc) and hi - last_tok <= 2:
            nxt = doc[hi].sent
            # '"...?" Lisa Monaco, the adviser on security, said.': the next sentence's verb
            if nxt.root.pos_ in ("VERB", "AUX") and not nxt.root.is_sent_start and not self.inside[nxt.root.i]:
                extra.append(nxt.root)
            hi = min(nxt.end, hi + 6)
        # or end the previous one: 'He said:\n"..."'
        if lo > 0 and doc[lo - 1].text == ":" or (lo > 1 and doc[lo - 1].is_space and doc[lo - 2].text == ":"):
            lo = doc[lo - 1].sent.start
        best = None
        qs = q.open_at
        qe = q.close_at if q.close_at is not None else q.end
        for t in [*doc[lo:hi], *extra]:
            k = t.i
            if self.inside[k] or t.pos_ not in ("VERB", "AUX"):
                continue
            if self.cues.lemma(t) not in self.cues.speech_verbs:
                continue
            dist = qs - t.idx if t.idx < qs else t.idx - qe
            if best is None or dist < best[0]:
                best = (dist, t)
        return best[1] if best else None

    def label_for(self, q: Quote) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(speaker, cue) chars when the layout names the speaker: a label opening the line
        ('Meghan Smith, The Daily: "..."') or a dash line after the quotation ('— Meghan Smith')."""
        text = self.text
        line_start = text.rfind("\n", 0, q.open_at) + 1
        m = LABEL_BEFORE.match(text, line_start, q.open_at)
        if m is not None and len(m.group("who").split()) <= 8:
            return (m.start("who"), m.end("who")), (m.start("colon"), m.end("colon"))
        close = q.close_at if q.close_at is not None else q.end
        m = DASH_AFTER.match(text, close + 1)
        if m is not None and len(m.group("who").split()) <= 8:
            return (m.start("who"), m.end("who")), (m.start("dash"), m.end("dash"))
        return None

    def found(self, q: Quote, previous: Found | None) -> Found | None:
        doc = self.doc
        label = self.label_for(q)
        if label is not None:
            return Found(q.start, q.end, True, label[1], label[0], "quotation under a speaker label")
        cue = self.cue_for(q)
        words = q.words(self.text)
        if cue is not None and words < self.cues.min_quote_words and not self._adjacent(q, cue):
            cue = None  # a title or a scare quote in a sentence that reports something else
        if cue is not None:
            speaker, _passive = subject_of(cue, skip=lambda t: self.inside[t.i])
            sp = chars(doc, noun_phrase(speaker)) if speaker is not None else None
            sent = cue.sent
            return Found(q.start, q.end, True, (cue.idx, cue.idx + len(cue)), sp,
                         f"quotation attributed by '{cue.text}'", cue_token=cue.i,
                         scope=(sent.start_char, sent.end_char),
                         extra={"speaker_token": speaker.i if speaker is not None else None})
        if words < self.cues.min_quote_words:
            return None
        if previous is not None and previous.direct and q.open_at - previous.end < 400:
            return Found(q.start, q.end, True, None, None, "quotation continuing the previous speaker's",
                         implied=previous.speaker or previous.implied,
                         extra={"speaker_token": previous.extra.get("speaker_token"), "continues": True})
        if words >= 2 * self.cues.min_quote_words and self._whole_sentence(q):
            return Found(q.start, q.end, True, None, None, "a quoted sentence without attribution")
        return None

    def _adjacent(self, q: Quote, cue: Any) -> bool:
        """The cue touches the quotation: '"No," he said' / 'He said: "No."'."""
        text = self.text
        close = q.close_at if q.close_at is not None else q.end
        if cue.idx > close:
            gap = text[close + 1:cue.idx]
            return len(gap.split()) <= 3
        gap = text[cue.idx + len(cue):q.open_at]
        return len(gap.split()) <= 2 and gap.strip()[-1:] in (",", ":", "")

    def _whole_sentence(self, q: Quote) -> bool:
        text = self.text
        before = text[max(0, q.open_at - 3):q.open_at].strip()
        return before == "" or before[-1:] in ".!?:\n"
