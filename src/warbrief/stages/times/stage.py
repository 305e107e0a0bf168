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

from ...analysis import TimeExpr
from ...lang.profiles import is_cyrillic
from . import cyrillic
from .timex import extract, normalize

FUTURE_AUX = {"will", "'ll", "shall", "wo"}
FUTURE_HEADS = {"expect", "plan", "schedule", "due", "intend", "set", "aim", "prepare", "hope", "vow", "promise",
                "threaten", "propose", "agree", "decide", "want", "seek", "try", "going"}
PRESENT_TAGS = {"VBZ", "VBP"}
# a date governed by a plan lies ahead of the planning, whatever the plan verb's tense
# ("planned to leave on Thursday", "has scheduled a news conference Thursday")
PLAN_HEADS = {"plan", "schedule", "intend", "expect", "slate", "due"}
PLAN_INFINITIVE_HEADS = PLAN_HEADS | {"set", "be"}  # "set to resume Monday", "is to resume trading Tuesday"


MAX_STEPS = 2  # a date further from its verb than "on Friday" -> "said" is not told its tense


def _verb_of(tok: Any, max_steps: int = 6) -> Any | None:
    """The verb governing a token (the token itself if it is one), at most `max_steps` up."""
    for _ in range(max_steps + 1):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _finite_tense(verb: Any, auxes: list[Any]) -> str | None:
    words = {a.lower_ for a in auxes}
    tags = {verb.tag_} | {a.tag_ for a in auxes}
    if words & FUTURE_AUX or verb.lower_ in FUTURE_AUX or words & {"would", "must", "should", "can", "ca"}:
        return "future"
    if words & {"could", "might", "may"}:
        return None
    if "VBD" in tags or (verb.tag_ == "VBN" and words & {"has", "have", "had"}):
        return "past"
    if tags & PRESENT_TAGS:
        return "future" if verb.lemma_ in FUTURE_HEADS or "going" in {c.lower_ for c in verb.children} else "present"
    return None


def tense_of(tok: Any) -> str | None:
    """'past', 'present', 'future' or None for the clause `tok` belongs to.

    Only a verb at most MAX_STEPS up the parse tells the tense ("closed Friday", "on Friday
    ... said"); an infinitive takes it from the verb it depends on ("is scheduled to meet
    Friday" is future, "staged celebrations to mark the entry on Friday" is past). A date that
    a plan governs is future whatever the plan verb's tense ("planned to leave on Thursday")."""
    verb = _verb_of(tok, MAX_STEPS)
    infinitive = False
    for _ in range(4):
        if verb is None:
            return None
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if "to" in {a.lower_ for a in auxes} or (verb.tag_ == "VB" and not auxes and verb.dep_ == "xcomp"):
            infinitive = True
            if verb.dep_ == "xcomp" and verb.head.lemma_ in PLAN_INFINITIVE_HEADS and verb.head.pos_ in ("VERB", "AUX"):
                return "future"
            verb = _verb_of(verb.head, 2) if verb.head.i != verb.i else None
            continue
        if verb.lemma_ in PLAN_HEADS and tok.i > verb.i and (auxes or verb.tag_ != "VBN"):
            return "future"  # not "On Friday, the government planned ...", nor "a service planned for ..."
        if verb.tag_ == "VBG" and not auxes and verb.head.i != verb.i:
            verb = _verb_of(verb.head, 1)
            continue
        tense = _finite_tense(verb, auxes)
        if infinitive and tense == "present" and verb.lemma_ not in FUTURE_HEADS:
            return None
        return tense
    return None


def _tense_fn(doc: Any) -> Callable[[int, int], str | None]:
    def at(start: int, end: int) -> str | None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        return tense_of(span.root)
    return at


def create_times(nlp: Any, name: str) -> Callable[[Any], Any]:
    if is_cyrillic(nlp):  # the uk/ru profiles: by lemma (times.cyrillic)
        def times_cyrillic(doc: Any) -> Any:
            doc._.wb.times = cyrillic.extract(doc, doc._.wb.published_dt)
            return doc

        return times_cyrillic
    extract("warm up the compiled patterns on 30 October 2024", None)  # load vocabulary once

    def times(doc: Any) -> Any:
        state = doc._.wb
        found = extract(doc.text, state.published_dt, _tense_fn(doc))
        state.times = [TimeExpr(f.start, f.end, f.text, f.value, f.precision, f.reason) for f in found]
        return doc

    return times


__all__ = ["create_times", "normalize", "tense_of"]
