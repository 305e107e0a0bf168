"""An event's casualties: killed and injured counts read from the words around a casualty cue
("killed two civilians", "one fatality", "wounded five", "no casualties"; cues.tsv `killed`,
`injured`, `both`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...analysis import Casualties
from ...knowledge.numbers import read_number
from .lexicon import Lexicon

RESTATING_DETS = {"the", "this", "that", "these", "those", "both"}


def _number(tok: Any) -> int | None:
    return read_number(tok.text)  # knowledge/data/number_words.tsv


@dataclass
class CasualtyMention:
    """One figure of the text: `tok` the casualty word, `num` the number token (None for "a civilian",
    "no casualties"), `qualifier` "at most" | "at least" | "about" ("up to 130"), `additive` when
    the text says it adds to a figure given before ("three more", "another"), `restates` when the
    counted noun points back ("the woman was killed")."""

    tok: int
    killed: int | None
    injured: int | None
    num: int | None = None
    qualifier: str | None = None
    additive: bool = False
    restates: bool = False


Count = tuple[int, Any, Any]  # the figure, its number token (or None), the counted noun (or None)


def _count_near(tok: Any, lex: Lexicon) -> Count | None:
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
            return n, c, c.head if c.dep_ == "nummod" else None
        if c.lower_ in ("nobody", "none") or (c.lower_ == "one" and any(x.lower_ == "no" for x in c.lefts)):
            return 0, None, None
        for g in c.children:
            if g.dep_ == "nummod" and (n := _number(g)) is not None:
                return n, g, c
            if g.dep_ == "det" and g.lower_ == "no":
                return 0, None, None
            if g.dep_ == "det" and c != tok and (g.lower_ in ("a", "an") or
                                                      (g.lower_ == "the" and c.tag_ == "NN")):
                return 1, None, c  # "a civilian was killed", "the driver was killed"
    if tok.dep_ == "conj" and any(x.dep_ == "det" and x.lower_ == "no" for x in tok.head.children):
        return 0, None, None  # "no injuries or fatalities"
    if any(x.lower_ in ("without",) for x in tok.doc[max(tok.i - 2, 0):tok.i]):
        return 0, None, None
    return None


def _qualifier(lex: Lexicon, num: Any) -> str | None:
    """ "up to 130", "at least five", "more than 20": the words right before the number."""
    doc = num.doc
    before = [t.lower_ for t in doc[max(num.sent.start, num.i - 3):num.i]]
    for n in (3, 2, 1):
        if len(before) >= n and (v := lex.value("approximate", " ".join(before[-n:]))):
            return v
    return None


def _additive(lex: Lexicon, tok: Any, num: Any, noun: Any) -> bool:
    """ "three more were killed", "another civilian died", "a woman was also killed"."""
    words = [c for x in (num, noun) if x is not None for c in x.children]
    words += [c for c in tok.children if c.dep_ == "advmod"]
    if num is not None and num.i + 1 < len(num.doc):
        words.append(num.doc[num.i + 1])
    return any(lex.cue("additive", w.lower_) or w.lower_ == "also" for w in words)


def _restates(num: Any, noun: Any) -> bool:
    """The counted noun points back at victims already counted ("the woman was killed")."""
    return num is None and noun is not None and any(
        c.dep_ in ("det", "poss") and c.lower_ in RESTATING_DETS for c in noun.children)


def find_casualties(lex: Lexicon, sent: Any) -> list[CasualtyMention]:
    out = []
    for tok in sent:
        lemma, low = tok.lemma_.lower(), tok.lower_
        kind = next((k for k in ("killed", "injured", "both") if lex.cue(k, lemma) or lex.cue(k, low)), None)
        if kind is None or tok.pos_ not in ("VERB", "NOUN", "ADJ"):
            continue
        found = _count_near(tok, lex)
        if found is None:
            continue
        n, num, noun = found
        out.append(CasualtyMention(tok.i, n if kind in ("killed", "both") else None,
                                   n if kind in ("injured", "both") else None, num.i if num is not None else None,
                                   _qualifier(lex, num) if num is not None else None,
                                   _additive(lex, tok, num, noun), _restates(num, noun)))
    return out


def conflicts(total: Casualties, m: CasualtyMention) -> bool:
    """Would the figure have to be added to one the event already has? Figures are never summed
    (another event's dead, claimed enemy losses, a restatement), unless the text says they add up."""
    if m.additive:
        return False
    return any(v is not None and getattr(total, f) is not None and (v or getattr(total, f))
               for f, v in (("killed", m.killed), ("injured", m.injured)))


def add_casualties(total: Casualties, m: CasualtyMention) -> None:
    """Set the event's figures from the mention; an additive one ("three more") adds to them."""
    for f, v in (("killed", m.killed), ("injured", m.injured)):
        if v is None:
            continue
        have = getattr(total, f)
        if have is None or not m.additive:
            if have is None or (have == 0 and v):
                setattr(total, f, v)
                setattr(total, f"{f}_qualifier", m.qualifier)
            continue
        setattr(total, f, have + v)
