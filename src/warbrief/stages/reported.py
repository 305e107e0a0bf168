"""Reported speech from the dependency parse: "X said that ...", "according to X, ...",
"X's statement that ...", "it was reported that ...", "..., Putin said.", "X wrote: ...".

`find_reported(doc, cues)` -> list of `Found` with the content span, the cue word and the
speaker's mention (the grammatical subject, the object of "according to", the possessor of a
cue noun). Speakers are linked to entities later (`warbrief.stages.speakers`).
"""

from __future__ import annotations

from typing import Any

from .claim_cues import ClaimCues, Found

SUBJ = ("nsubj", "nsubjpass", "csubj")
# deps through which a verb shares its subject with its head ("continued to say", "adding that")
SHARE_SUBJECT = ("xcomp", "conj", "advcl")
CLAUSE = ("ccomp",)
EDGE_PUNCT = set(",.;:!?-–—()[]\"'“”‘’«»„")
EXPLETIVES = {"it", "there"}
# an object after which more content follows ("accused X of Y", "praised X as Y")
OBJECT_TAIL = ("prep", "oprd", "xcomp", "ccomp", "advcl", "acomp", "attr")


def find_reported(doc: Any, cues: ClaimCues) -> list[Found]:
    out: list[Found] = []
    for tok in doc:
        low = tok.lower_
        if low in ("according", "as", "in") and (f := _according(tok, cues)) is not None:
            out.append(f)
        elif tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in cues.verbs:
            f = _verb_claim(tok, cues)
            if f is not None:
                out.append(f)
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in cues.cue_nouns:
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
        if c.dep_ in ("compound", "flat", "nummod", "case") or (
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


def subject_of(verb: Any) -> tuple[Any | None, bool]:
    """(the speaker token, passive) for a cue verb: its subject, the subject it shares with its
    head ("..., adding that"), or the agent of a passive ("it was reported by X")."""
    t = verb
    for _ in range(4):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children)
        for c in t.children:
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj, True
        for c in t.children:
            if c.dep_ in SUBJ:
                if passive or c.lower_ in EXPLETIVES and c.dep_ == "nsubjpass":
                    return None, True
                return c, False
        if t.dep_ in SHARE_SUBJECT and t.head is not t:
            t = t.head
            continue
        if t.dep_ == "acl" and t.head.pos_ in ("NOUN", "PROPN"):
            return t.head, False
        break
    return None, False


# ---------------------------------------------------------------- verbs
def _verb_claim(v: Any, cues: ClaimCues) -> Found | None:
    lemma = v.lemma_.lower()
    doc = v.doc
    kids = list(v.children)
    need = cues.particle_verbs.get(lemma)
    particle = next((c for c in kids if c.i > v.i and c.dep_ in ("prt", "prep") and c.lower_ in (need or ())), None)
    content: tuple[int, int] | None = None
    kind = ""
    clause = [c for c in kids if c.dep_ in CLAUSE]
    xcomp = [c for c in kids if c.dep_ == "xcomp" and c.i > v.i]
    dobj = [c for c in kids if c.dep_ in ("dobj",) and c.i > v.i]
    colon = _colon_after(v)
    if clause:
        c = max(clause, key=lambda c: c.right_edge.i - c.left_edge.i)
        content, kind = (c.left_edge.i, c.right_edge.i + 1), "clause"
    elif colon is not None:
        content, kind = colon, "colon"
    elif particle is not None:
        content, kind = (particle.i + 1, v.right_edge.i + 1), "particle"
    elif need is not None:
        if lemma in cues.object_verbs and dobj and any(c.dep_ in ("oprd", "ccomp", "xcomp") for c in kids):
            content, kind = (dobj[0].left_edge.i, v.right_edge.i + 1), "object"
        else:
            return None
    elif xcomp and lemma in (cues.speech_verbs | cues.belief_verbs | cues.object_verbs):
        first = min([x.left_edge.i for x in xcomp] + [d.left_edge.i for d in dobj])
        content, kind = (first, max(x.right_edge.i for x in xcomp) + 1), "infinitive"
    elif dobj and lemma in cues.object_verbs and not (dobj[0].pos_ == "PRON" and len(list(dobj[0].subtree)) == 1):
        d = dobj[0]
        end = d.right_edge.i + 1
        for c in v.rights:
            if c.i > d.i and c.dep_ in OBJECT_TAIL:
                end = max(end, c.right_edge.i + 1)
        content, kind = (d.left_edge.i, end), "object"
    elif v.dep_ in ("parataxis", "ccomp") and v.head.i < v.i and lemma in cues.speech_verbs:
        # "Russia will win, Putin said." parsed with 'said' hanging off the content
        h = v.head
        content, kind = (h.left_edge.i, v.left_edge.i), "before"
    else:
        return None
    speaker, passive = subject_of(v)
    if speaker is not None and content[0] <= speaker.i < content[1]:
        if kind != "before":
            return None
        content = (content[0], speaker.left_edge.i)
    if speaker is None and not passive and v.dep_ not in ("acl", "relcl"):
        # imperative or a fragment: "Tell me that ...", "Say what you will"
        if v.i == v.sent.start or v.tag_ == "VB":
            return None
    if kind in ("clause", "infinitive") and lemma in cues.evidence_verbs and lemma not in cues.speech_verbs \
            and speaker is None:
        return None
    span = trim(doc, *content)
    if span is None or span[1] - span[0] < 2 and kind != "clause":
        return None
    if span[0] <= v.i < span[1]:
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
        before = trim(doc, sent.start, p_start)
        after = trim(doc, p_end, sent.end)
        if before and after:
            span = (before[0], after[1])
        else:
            span = before or after
        if span is None or span[1] - span[0] < 2:
            return None
        s, e = chars(doc, span)  # type: ignore[misc]
        return Found(s, e, False, (tok.idx, last.idx + len(last)), chars(doc, noun_phrase(pobj)),
                     f"'{' '.join(phrase)}' names the source", cue_token=tok.i,
                     scope=(sent.start_char, sent.end_char), extra={"speaker_token": pobj.i})
    return None


# ---------------------------------------------------------------- "X's statement that ..."
def _noun_claim(n: Any, cues: ClaimCues) -> Found | None:
    doc = n.doc
    clause = next((c for c in n.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    speaker = next((c for c in n.children if c.dep_ == "poss"), None)
    if speaker is None:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("by", "from", "of") and c.i < clause.i:
                speaker = next((g for g in c.children if g.dep_ == "pobj"), None)
                if speaker is not None:
                    break
    if speaker is None:
        speaker = next((c for c in n.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"), None)
    if speaker is None and n.dep_ == "dobj":
        speaker, _ = subject_of(n.head)
    if speaker is None:
        return None
    span = trim(doc, clause.left_edge.i, clause.right_edge.i + 1)
    if span is None or span[1] - span[0] < 2:
        return None
    s, e = chars(doc, span)  # type: ignore[misc]
    sent = n.sent
    return Found(s, e, False, (n.idx, n.idx + len(n)), chars(doc, noun_phrase(speaker)),
                 f"'{n.text} that' with its author", cue_token=n.i, scope=(sent.start_char, sent.end_char),
                 extra={"speaker_token": speaker.i})
