"""An event's casualties: killed and injured counts read from the words around a casualty cue
("killed two civilians", "one fatality", "wounded five", "no casualties"; cues.tsv `killed`,
`injured`, `both`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...analysis import Casualties
from .lexicon import Lexicon

NUMBERS = {w: n for n, w in enumerate([
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90, "hundred": 100, "a": 1, "an": 1, "single": 1})


def _number(tok: Any) -> int | None:
    text = tok.lower_.replace(",", "")
    if text.isdigit():
        return int(text)
    return NUMBERS.get(text)


@dataclass
class CasualtyMention:
    tok: int
    killed: int | None
    injured: int | None


def _count_near(tok: Any, lex: Lexicon) -> int | None:
    """The number attached to a casualty word, 0 for "no casualties", None when unknown."""
    cands = [tok]
    has_object = any(c.dep_ == "dobj" for c in tok.children)
    for c in tok.children:  # "a strike killed ten people": the subject did the killing
        if c.dep_ in ("nsubjpass", "dobj", "attr") or (c.dep_ == "nsubj" and not has_object):
            cands.append(c)
    aux = next((c for c in tok.children if c.dep_ == "auxpass"), None)
    if aux is not None and aux.i > 0 and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        prev = tok.doc[aux.i - 1]  # "shelling 3 civilians were killed" mis-parsed: the words before "were"
        if prev.pos_ in ("NOUN", "PROPN", "NUM") and prev.i >= tok.sent.start:
            cands.append(prev)
    if tok.dep_ in ("amod", "acl") and tok.head.pos_ == "NOUN":
        cands.append(tok.head)
    if tok.dep_ in ("oprd", "acomp", "xcomp", "advcl", "ccomp") and tok.lower_ == "dead":  # "shot two civilians dead"
        cands.extend(c for c in tok.head.children if c.dep_ == "dobj")
    if tok.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        cands.extend(c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass"))
    for c in cands:
        if c != tok and c.pos_ == "NUM" and (n := _number(c)) is not None:
            return n
        if c.lower_ in ("nobody", "none") or (c.lower_ == "one" and any(x.lower_ == "no" for x in c.lefts)):
            return 0
        for g in c.children:
            if g.dep_ == "nummod" and (n := _number(g)) is not None:
                return n
            if g.dep_ == "det" and g.lower_ == "no":
                return 0
            if g.dep_ == "det" and c != tok and (g.lower_ in ("a", "an") or
                                                      (g.lower_ == "the" and c.tag_ == "NN")):
                return 1  # "a civilian was killed", "the driver was killed"
    if tok.dep_ == "conj" and any(x.dep_ == "det" and x.lower_ == "no" for x in tok.head.children):
        return 0  # "no injuries or fatalities"
    if any(x.lower_ in ("without",) for x in tok.doc[max(tok.i - 2, 0):tok.i]):
        return 0
    return None


def find_casualties(lex: Lexicon, sent: Any) -> list[CasualtyMention]:
    out = []
    for tok in sent:
        lemma, low = tok.lemma_.lower(), tok.lower_
        kind = next((k for k in ("killed", "injured", "both") if lex.cue(k, lemma) or lex.cue(k, low)), None)
        if kind is None or tok.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        n = _count_near(tok, lex)
        if n is None:
            continue
        out.append(CasualtyMention(tok.i, n if kind in ("killed", "both") else None,
                                   n if kind in ("injured", "both") else None))
    return out


def add_casualties(total: Casualties, m: CasualtyMention) -> None:
    if m.killed is not None:
        total.killed = (total.killed or 0) + m.killed
    if m.injured is not None:
        total.injured = (total.injured or 0) + m.injured
