"""Stage `warbrief_times`: every time expression, normalised against the publication date.

Sets `doc._.wb.times` (a list of `TimeExpr`, sorted by start, offsets into `doc.text`). The
grammar and the resolvers live in `warbrief.stages.timex`; this module adds what the parse
knows: the tense of the clause each expression sits in, which decides the year of
"October 30" and the direction of "Friday" (see `timex.resolve.infer_year`).

Other stages normalise a single expression with `normalize(text, anchor, tense_hint)`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..analysis import TimeExpr
from .timex import extract, normalize

FUTURE_AUX = {"will", "'ll", "shall", "wo"}
FUTURE_HEADS = {"expect", "plan", "schedule", "due", "intend", "set", "aim", "prepare", "hope", "vow", "promise",
                "threaten", "propose", "agree", "decide", "want", "seek", "try", "going"}
PRESENT_TAGS = {"VBZ", "VBP"}


def _verb_of(tok: Any) -> Any | None:
    """The verb governing a token (the token itself if it is one), at most 5 steps up."""
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def tense_of(tok: Any) -> str | None:
    """'past', 'present', 'future' or None for the clause `tok` belongs to."""
    verb = _verb_of(tok)
    steps = 0
    while verb is not None and steps < 4:
        steps += 1
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        if words & FUTURE_AUX or (verb.lower_ in FUTURE_AUX):
            return "future"
        if "to" in words or verb.tag_ == "VB" and not auxes:  # infinitive: look at what governs it
            if verb.lemma_ in FUTURE_HEADS:
                return "future"
            head = verb.head
            if head is verb:
                return None
            if head.lemma_ in FUTURE_HEADS:
                return "future"
            verb = _verb_of(head)
            continue
        if "would" in words or "could" in words or "might" in words:
            return None
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if verb.tag_ == "VBN" and words & {"has", "have", "had"}:
            return "past"
        if verb.tag_ in PRESENT_TAGS or any(a.tag_ in PRESENT_TAGS for a in auxes):
            if "going" in {c.lower_ for c in verb.children} or verb.lemma_ in ("be",) and any(
                    c.lemma_ in FUTURE_HEADS for c in verb.children):
                return "future"
            return "present"
        if verb.tag_ == "VBG" and verb.head is not verb:
            verb = _verb_of(verb.head) if verb.head.pos_ in ("VERB", "AUX") else None
            continue
        return None
    return None


def _tense_fn(doc: Any) -> Callable[[int, int], str | None]:
    def at(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return tense_of(span.root)
    return at


def create_times(nlp: Any, name: str) -> Callable[[Any], Any]:
    extract("warm up the compiled patterns on 30 October 2024", None)  # load vocabulary once

    def times(doc: Any) -> Any:
        state = doc._.wb
        found = extract(doc.text, state.published_dt, _tense_fn(doc))
        state.times = [TimeExpr(f.start, f.end, f.text, f.value, f.precision, f.reason) for f in found]
        return doc

    return times


__all__ = ["create_times", "normalize", "tense_of"]
