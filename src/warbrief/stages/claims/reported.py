"""Reported speech from the dependency parse: "X said that ...", "according to X, ...",
"X's statement that ...", "it was reported that ...", "..., Putin said.", "X wrote: ...".

`find_reported(doc, cues)` -> list of `Found` with the content span, the cue word and the
speaker's mention (the grammatical subject, the object of "according to", the possessor of a
cue noun). Speakers are linked to entities later (`warbrief.stages.speakers`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cues import ClaimCues, Found

SUBJ = ("nsubj", "nsubjpass", "csubj")
# deps through which a verb shares its subject with its head ("continued to say", "adding that")
SHARE_SUBJECT = ("xcomp", "conj", "advcl")
CLAUSE = ("ccomp",)
EDGE_PUNCT = set(",.;:!?-–—()[]\"'“”‘’«»„")
EXPLETIVES = {"it", "there"}
RELATIVE = {"who", "which", "that", "whom"}
# what separates a content from an attribution after it: "Russia will win, Putin said"
BREAKS = {",", "—", "–", "-", "--", '"', "”", "’", "'", "»", "(", ";"}
# an object after which more content follows ("accused X of Y", "praised X as Y")
OBJECT_TAIL = ("prep", "oprd", "xcomp", "ccomp", "advcl", "acomp", "attr")


def find_reported(doc: Any, cues: ClaimCues) -> list[Found]:
    out: list[Found] = []
    for tok in doc:
        low = tok.lower_
        if low in ("according", "as", "in") and (f := _according(tok, cues)) is not None:
            out.append(f)
        elif tok.pos_ in ("VERB", "AUX") and cues.lemma(tok) in cues.verbs:
            f = _verb_claim(tok, cues)
            if f is not None:
                out.append(f)
        elif tok.pos_ == "ADJ" and tok.lower_ in cues.cue_adjectives:
            f = _adjective_claim(tok)
            if f is not None:
                out.append(f)
        elif tok.pos_ == "NOUN" and (tok.lemma_.lower() in cues.cue_nouns or tok.lemma_.lower() in cues.prep_nouns):
            f = _noun_claim(tok, cues)
            if f is not None:
                out.append(f)
    return out


# ---------------------------------------------------------------- spans and phrases
def trim(doc: Any, i: int, j: int) -> tuple[int, int] | None:
    """Token range [i, j) without edge punctuation, a leading 'that'/'whether' or conjunction."""
    while i < j and (doc[i].text in EDGE_PUNCT or doc[i].is_space
                     or (doc[i].dep_ in ("mark", "cc") and doc[i].lower_ in ("that", "whether", "if", "and", "but"))):
        i += 1
    while j > i and (doc[j - 1].text in EDGE_PUNCT or doc[j - 1].is_space):
        j -= 1
    return (i, j) if j > i else None


def noun_phrase(tok: Any) -> tuple[int, int]:
    """Token range of the phrase naming a speaker: the head with its left modifiers and an
    'of'/'for'/'at' attachment ("Specialists of the Institute for the Study of War"), without
    relative clauses, appositions or trailing commas."""
    start = tok.left_edge.i
    end = tok.i + 1
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") or (
                c.dep_ == "prep" and c.lower_ in ("of", "for", "at", "from", "with", "in")):
            end = max(end, c.right_edge.i + 1)
        else:
            break
    doc = tok.doc
    while start < tok.i and doc[start].text in EDGE_PUNCT:
        start += 1
    return start, end


def chars(doc: Any, span: tuple[int, int] | None) -> tuple[int, int] | None:
    if span is None:
        return None
    i, j = span
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def subject_of(verb: Any, skip: Callable[[Any], bool] | None = None) -> tuple[Any | None, bool]:
    """(the speaker token, passive) for a cue verb: its subject (the nearest one that `skip`
    does not refuse), the subject it shares with its head ("..., adding that"), the agent of a
    passive ("it was reported by X"), or the author of a document noun ("issued a statement
    saying ..."). A relative pronoun ("who said") stays: see `antecedent_of`."""
    t = verb
    for _ in range(8):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
        for c in t.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, True
        subjects = sorted((c for c in t.children if c.dep_ in SUBJ and not (skip and skip(c))),
                          key=lambda c: abs(c.i - t.i))
        if subjects:
            c = subjects[0]
            if passive:
                return None, True
            return c, False
        if t.dep_ in SHARE_SUBJECT and t.head.i != t.i:
            t = t.head
            continue
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            noun = t.head
            if noun.pos_ == "NOUN" and noun.dep_ in ("dobj", "pobj") and noun.head.pos_ in ("VERB", "ADP"):
                owner = noun.head if noun.dep_ == "dobj" else noun.head.head
                if owner.pos_ == "VERB":
                    sub, _ = subject_of(owner, skip)
                    if sub is not None:
                        return sub, False
            return noun, False
        break
    return None, False


def antecedent_of(tok: Any) -> tuple[int, int] | None:
    """Token range of the noun phrase a relative pronoun stands for ("officials who said")."""
    if tok.lower_ in RELATIVE and tok.head.dep_ == "relcl" and tok.head.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return noun_phrase(tok.head.head)
    return None


# ---------------------------------------------------------------- verbs
def _verb_content(v: Any, lemma: str, speaker: Any | None, cues: ClaimCues) -> tuple[tuple[int, int], str] | None:
    """(token range of the content, how it was found) for a cue verb, or None."""
    kids = list(v.children)
    need = cues.particle_verbs.get(lemma)
    particle = next((c for c in kids if c.i > v.i and c.dep_ in ("prt", "prep") and c.lower_ in (need or ())), None)
    clause = [c for c in kids if (c.dep_ in CLAUSE or (
        c.dep_ == "advcl" and c.i > v.i and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)))
        and _same_line(v, c)]
    xcomp = [c for c in kids if c.dep_ == "xcomp" and c.i > v.i]
    dobj = [c for c in kids if c.dep_ in ("dobj",) and c.i > v.i]
    colon = _colon_after(v)
    if clause:  # several clauses ("said X: Y") make one content
        return (min(c.left_edge.i for c in clause), max(c.right_edge.i for c in clause) + 1), "clause"
    if v.dep_ == "advcl" and lemma in cues.speech_verbs | cues.belief_verbs \
            and any(g.dep_ == "mark" and g.lower_ == "as" for g in kids):
        # "..., as Putin noted." / "As Putin noted, ..."
        h = v.head
        if v.i > h.i:
            return (h.left_edge.i, v.left_edge.i), "before"
        return (v.right_edge.i + 1, h.right_edge.i + 1), "clause"
    if dobj and lemma in cues.speech_verbs and lemma not in cues.object_verbs \
            and any(t.dep_ in ("nsubj", "nsubjpass") for t in dobj[0].subtree):
        # a clause the parser took for an object: "said he had secured contracts"
        return (dobj[0].left_edge.i, v.right_edge.i + 1), "clause"
    if colon is not None:
        return colon, "colon"
    if particle is not None:
        return (particle.i + 1, v.right_edge.i + 1), "particle"
    if need is not None:
        if lemma in cues.object_verbs and dobj and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in kids):
            return (dobj[0].left_edge.i, v.right_edge.i + 1), "object"
        return None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if xcomp and lemma in cues.speech_verbs | cues.belief_verbs | cues.object_verbs \
            and lemma not in cues.no_infinitive and not passive:  # "were expected to be exchanged"
        first = min([x.left_edge.i for x in xcomp] + [d.left_edge.i for d in dobj])
        return (first, max(x.right_edge.i for x in xcomp) + 1), "infinitive"
    if dobj and not (dobj[0].pos_ == "PRON" and len(list(dobj[0].subtree)) == 1) and (
            lemma in cues.object_verbs or lemma in cues.evidence_verbs and _is_document(speaker, cues)):
        d = dobj[0]
        end = d.right_edge.i + 1
        for c in v.rights:
            if c.i > d.i and c.dep_ in OBJECT_TAIL + ("advmod",):
                end = max(end, c.right_edge.i + 1)
        return (d.left_edge.i, end), "object"
    preps = cues.prep_verbs.get(lemma)
    if preps:
        prep = next((c for c in kids if c.i > v.i and c.dep_ in ("prep", "prt") and c.lower_ in preps), None)
        if prep is not None:
            obj = next((g for g in prep.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                end = prep.right_edge.i + 1
                for c in v.rights:
                    if c.i > prep.i and c.dep_ in ("prep", "oprd", "advcl", "xcomp") and c.lower_ != "in":
                        end = max(end, c.right_edge.i + 1)
                        break
                return (prep.i + 1, end), "preposition"
    after_break = v.left_edge.text in BREAKS or (v.left_edge.i > 0 and v.doc[v.left_edge.i - 1].text in BREAKS)
    if v.dep_ == "parataxis" and v.head.i > v.i and v.head.pos_ in ("VERB", "AUX") and after_break \
            and lemma in cues.speech_verbs and v.head.left_edge.i < v.left_edge.i:
        # "Democrats, Mr. Clyburn noted, are familiar with ..."
        h = v.head
        return (h.left_edge.i, h.right_edge.i + 1), "middle"
    if v.dep_ in ("parataxis", "ccomp") and v.head.i < v.i and lemma in cues.speech_verbs and after_break:
        # "Russia will win, Putin said." / "Still, he said, the talks go on." with 'said'
        # hanging off the content
        h = v.head
        if h.right_edge.i > v.right_edge.i + 1:
            return (h.left_edge.i, h.right_edge.i + 1), "middle"
        return (h.left_edge.i, v.left_edge.i), "before"
    if lemma in cues.speech_verbs | cues.belief_verbs | cues.evidence_verbs:
        that = _that_clause(v)
        if that is not None:
            return (that.left_edge.i, that.right_edge.i + 1), "clause"
        return _that_after(v)
    return None


def _that_after(v: Any) -> tuple[tuple[int, int], str] | None:
    """Surface fallback when the parse lost the clause: 'claimed at the time that she ...'
    -> from 'that' to the end of the sentence, when 'that' comes within a few words of the
    verb, before any other verb."""
    doc = v.doc
    end = v.sent.end
    for j in range(v.i + 1, min(end - 2, v.i + 10)):
        t = doc[j]
        if t.lower_ == "that":
            nxt = doc[j + 1]
            if nxt.pos_ in ("PRON", "PROPN", "DET", "NOUN", "ADJ", "NUM") and nxt.lower_ not in ("is", "was"):
                return (j + 1, end), "clause"
            return None
        if t.pos_ in ("VERB", "AUX") or t.text in (".", ";", ":", "?", "!"):
            return None
    return None


def _same_line(v: Any, c: Any) -> bool:
    """No line break between a verb and its clause (the parser may run paragraphs together)."""
    lo, hi = (c.right_edge.i, v.i) if c.i < v.i else (v.i, c.left_edge.i)
    return not any(t.is_space and "\n" in t.text for t in v.doc[lo:hi])


def _is_document(tok: Any | None, cues: ClaimCues) -> bool:
    return tok is not None and tok.pos_ == "NOUN" and (
        tok.lemma_.lower() in cues.source_nouns or tok.lower_ in cues.source_nouns)


def _that_clause(v: Any) -> Any | None:
    """A that-clause the parser hung lower down ("say by a wide margin, 49 percent to 42,
    that ..."): a verb to the right with 'that' as its marker, reached without crossing
    another verb."""
    stack = [c for c in v.rights if c.dep_ not in ("ccomp", "xcomp", "conj", "punct", "cc")]
    while stack:
        t = stack.pop()
        if t.pos_ in ("VERB", "AUX") and t.dep_ in ("acl", "advcl", "relcl"):
            if any(g.dep_ == "mark" and g.lower_ == "that" for g in t.children):
                return t
            continue
        if t.pos_ in ("VERB", "AUX"):
            continue
        stack.extend(t.children)
    return None


def _verb_claim(v: Any, cues: ClaimCues) -> Found | None:
    lemma = cues.lemma(v)
    speaker, passive = subject_of(v)
    found = _verb_content(v, lemma, speaker, cues)
    if found is None:
        return None
    content, kind = found
    doc = v.doc
    if speaker is not None and content[0] <= speaker.i < content[1] and kind != "middle":
        if kind != "before":
            return None
        content = (content[0], speaker.left_edge.i)
    if speaker is None and not passive and v.dep_ not in ("acl", "relcl") and (v.i == v.sent.start or v.tag_ == "VB"):
        return None  # imperative or a fragment: "Tell me that ...", "Say what you will"
    if kind in ("clause", "infinitive") and lemma in cues.evidence_verbs and lemma not in cues.speech_verbs \
            and speaker is None:
        return None
    need = cues.particle_verbs.get(lemma)
    particle = next((c for c in v.children if c.i > v.i and c.dep_ in ("prt", "prep") and c.lower_ in (need or ())), None)
    span = trim(doc, *content)
    if span is None or span[1] - span[0] < 2 and kind != "clause":
        return None
    if span[0] <= v.i < span[1] and kind != "middle":
        return None
    sp = chars(doc, noun_phrase(speaker)) if speaker is not None else None
    cue_end = particle if particle is not None and particle.i == v.i + 1 else v
    s, e = chars(doc, span)  # type: ignore[misc]
    sent = v.sent
    return Found(s, e, False, (v.idx, cue_end.idx + len(cue_end)), sp,
                 f"'{v.text}' ({kind}) with {'subject' if speaker is not None else 'no named speaker'}",
                 cue_token=v.i, scope=(sent.start_char, sent.end_char),
                 extra={"speaker_token": speaker.i if speaker is not None else None})


def _colon_after(v: Any) -> tuple[int, int] | None:
    """'X wrote: ...' / 'X told reporters: ...' -> the tokens after the colon (or the next
    sentence when the colon ends one)."""
    doc = v.doc
    j = v.i + 1
    limit = min(len(doc), v.i + 5)
    while j < limit and doc[j].text != ":" and not doc[j].is_sent_start:
        if doc[j].dep_ not in ("dobj", "dative", "pobj", "prep", "det", "compound", "amod", "npadvmod", "advmod", "prt"):
            return None
        j += 1
    if j >= len(doc) or doc[j].text != ":":
        return None
    sent = doc[j].sent
    start = j + 1
    end = sent.end
    if start >= end and end < len(doc):
        end = doc[end].sent.end
    return (start, end) if end > start else None


def _adjective_claim(a: Any) -> Found | None:
    """'X was confident that ...', 'X is worried that ...'."""
    clause = next((c for c in a.children if c.dep_ == "ccomp" and c.i > a.i), None)
    if clause is None or a.dep_ not in ("acomp", "amod", "ROOT"):
        return None
    speaker, passive = subject_of(a.head if a.dep_ == "acomp" else a)
    if speaker is None:
        return None
    span = trim(a.doc, clause.left_edge.i, clause.right_edge.i + 1)
    if span is None or span[1] - span[0] < 2:
        return None
    s, e = chars(a.doc, span)  # type: ignore[misc]
    sent = a.sent
    return Found(s, e, False, (a.idx, a.idx + len(a)), chars(a.doc, noun_phrase(speaker)),
                 f"'{a.text} that' with a subject", cue_token=a.i, scope=(sent.start_char, sent.end_char),
                 extra={"speaker_token": speaker.i})


# ---------------------------------------------------------------- "according to X"
def _according(tok: Any, cues: ClaimCues) -> Found | None:
    doc = tok.doc
    for phrase in cues.according_to:
        n = len(phrase)
        if tok.i + n > len(doc) or tuple(t.lower_ for t in doc[tok.i:tok.i + n]) != phrase:
            continue
        last = doc[tok.i + n - 1]
        pobj = next((c for c in last.children if c.dep_ == "pobj"), None)
        if pobj is None and tok.i + n < len(doc):
            nxt = doc[tok.i + n]
            pobj = nxt if nxt.pos_ in ("PROPN", "NOUN", "PRON") else None
        if pobj is None:
            return None
        sent = tok.sent
        p_start = tok.i
        p_end = max(pobj.right_edge.i + 1, tok.i + n)
        c_start, c_end = _clause_of(tok, sent)
        before = trim(doc, c_start, p_start) if c_start < p_start else None
        after = trim(doc, p_end, c_end) if p_end < c_end else None
        span = (before[0], after[1]) if before and after else before or after
        if span is None or span[1] - span[0] < 2:
            return None
        s, e = chars(doc, span)  # type: ignore[misc]
        return Found(s, e, False, (tok.idx, last.idx + len(last)), chars(doc, noun_phrase(pobj)),
                     f"'{' '.join(phrase)}' names the source", cue_token=tok.i,
                     scope=(sent.start_char, sent.end_char), extra={"speaker_token": pobj.i})
    return None


def _clause_of(tok: Any, sent: Any) -> tuple[int, int]:
    """The tokens of the clause an "according to" phrase qualifies: the whole sentence, or only
    the reported clause it sits in ("ISW said that, according to the General Staff, Russia lost
    ..." -> "Russia lost ...", a claim of the General Staff that ISW relays)."""
    head = tok.head
    if head.i == tok.i or head.dep_ == "ROOT" or head.pos_ not in ("VERB", "AUX"):
        return sent.start, sent.end
    start, end = max(head.left_edge.i, sent.start), min(head.right_edge.i + 1, sent.end)
    doc = tok.doc
    while start < tok.i and (doc[start].dep_ == "mark" or doc[start].is_punct):
        start += 1  # "that, according to ...": the complementiser is not content
    return start, end


# ---------------------------------------------------------------- "X's statement that ..."
def _noun_claim(n: Any, cues: ClaimCues) -> Found | None:
    doc = n.doc
    clause = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    target: Any = clause
    if clause is None:
        preps = cues.prep_nouns.get(n.lemma_.lower())
        target = next((c for c in n.rights if c.dep_ == "prep" and c.lower_ in (preps or ())
                       and any(g.dep_ in ("pobj", "pcomp") for g in c.children)), None)
        if target is None:
            return None
    speaker = _noun_author(n, target)
    if speaker is None and clause is None:
        span = trim(doc, target.i + 1, target.right_edge.i + 1)
        if span is None:
            return None
        s, e = chars(doc, span)  # type: ignore[misc]
        sent = n.sent
        return Found(s, e, False, (n.idx, n.idx + len(n)), None, f"'{n.text} {target.text}' with no author named",
                     cue_token=n.i, scope=(sent.start_char, sent.end_char), extra={"speaker_token": None})
    if speaker is None:
        return None
    if clause is None:
        clause_span = (target.i + 1, target.right_edge.i + 1)
    else:
        clause_span = (clause.left_edge.i, clause.right_edge.i + 1)
    span = trim(doc, *clause_span)
    if span is None or span[1] - span[0] < 1:
        return None
    s, e = chars(doc, span)  # type: ignore[misc]
    sent = n.sent
    return Found(s, e, False, (n.idx, n.idx + len(n)), chars(doc, noun_phrase(speaker)),
                 f"'{n.text}' with its author", cue_token=n.i, scope=(sent.start_char, sent.end_char),
                 extra={"speaker_token": speaker.i})


def _noun_author(n: Any, target: Any) -> Any | None:
    """Who holds the statement or attitude a noun names: 'Kuleba's statement', 'the statement
    by Kuleba', 'the ISW assessment', or the subject of 'issued a statement'."""
    speaker = next((c for c in n.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and c.i < target.i:
                speaker = next((g for g in c.children if g.dep_ == "pobj"), None)
                if speaker is not None:
                    break
    if speaker is None:
        speaker = next((c for c in n.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if speaker is None and n.dep_ == "dobj":
        speaker, _ = subject_of(n.head)
    return speaker
