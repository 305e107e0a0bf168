"""Claims in Ukrainian and Russian text (the uk/ru profiles): who said what.

- direct: a quotation of three words or more in «...», „...“ or "..." (claims.quotes finds the
  marks), attributed to the verb of saying next to it ("«...», — заявив Зеленський",
  "Сирський наголосив: «...»") and its speaker, the nearest actor on the verb's side;
- reported: a verb of saying followed by що/что ("Пєсков заявив, що ...") or "за словами X,"
  / "по словам X," opening a sentence; the claim is the rest of the sentence.
Verbs and phrases are lemmas in `data/lang/claim_cues.tsv`. There is no parse here: the speaker
is the actor entity nearest the cue within its sentence (before the verb first).
"""

from __future__ import annotations

import functools
from typing import Any

from ...analysis import Claim, Span, Speaker
from ...knowledge.lang_data import for_lang, rows
from ...lang.morph import lemmas
from ..state import DocState
from .quotes import scan_quotes

MIN_WORDS = 3  # «Акація» is a name in quotes, not a quotation
SPEAKER_TYPES = ("PERSON", "ORG", "GROUP", "MILITARY_UNIT")
REACH = 60  # characters between a quotation and its verb


@functools.cache
def cues(lang: str) -> dict[str, list[tuple[str, ...]]]:
    out: dict[str, list[tuple[str, ...]]] = {"verb": [], "according": [], "that": []}
    for _, cols in rows("claim_cues.tsv", 3):
        if for_lang(lang, cols):
            out.setdefault(cols[1], []).append(tuple(cols[2].split()))
    return out


def _sets(lang: str, toks: Any) -> list[set[str]]:
    return [set(lemmas(lang, t.text.lower())) | {t.lower_} for t in toks]


def _at(words: tuple[str, ...], sets: list[set[str]], i: int) -> int | None:
    j = i
    for w in words:
        if j >= len(sets) or w not in sets[j]:
            return None
        j += 1
    return j


def _speaker(st: DocState, sent: Any, cue_start: int, cue_end: int) -> Speaker | None:
    best: tuple[int, Speaker] | None = None
    for (s, e), eid in st.mention_index.items():
        ent = st.entity(eid)
        if ent is None or ent.type not in SPEAKER_TYPES or not (sent.start_char <= s < sent.end_char):
            continue
        dist = cue_start - e if e <= cue_start else s - cue_end + 1  # before the verb first
        if best is None or dist < best[0]:
            best = (dist, Speaker(ent.id, ent.name, s, e))
    return best[1] if best else None


def _cue_tokens(lang: str, sent: Any, kind: str) -> list[tuple[int, int]]:
    sets = _sets(lang, sent)
    out = []
    for i in range(len(sets)):
        for words in cues(lang)[kind]:
            end = _at(words, sets, i)
            if end is not None:
                out.append((i, end))
                break
    return out


def extract(doc: Any) -> list[Claim]:
    st: DocState = doc._.wb
    lang = doc.lang_
    text = st.text
    out: list[Claim] = []
    quoted: list[tuple[int, int]] = []
    for q in scan_quotes(text):
        if q.words(text) < MIN_WORDS or q.close_at is None:
            continue
        span = doc.char_span(q.open_at, q.close_at + 1, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        verbs = [(sent[a], sent[b - 1]) for a, b in _cue_tokens(lang, sent, "verb")]
        near = [(a, b) for a, b in verbs if (0 <= a.idx - q.close_at <= REACH) or (0 <= q.open_at - b.idx - len(b) <= REACH)]
        if not near:
            continue
        a, b = near[0]
        cue = Span(a.idx, b.idx + len(b), text[a.idx:b.idx + len(b)])
        out.append(Claim("", q.start, q.end, text[q.start:q.end], True, cue, _speaker(st, sent, cue.start, cue.end)))
        quoted.append((q.open_at, q.close_at))
    for sent in doc.sents:
        if any(s < sent.end_char and sent.start_char < e for s, e in quoted):
            continue
        out.extend(_reported(st, lang, sent))
    out.sort(key=lambda c: c.start)
    for n, c in enumerate(out, 1):
        c.id = f"c{n}"
    return out


def _reported(st: DocState, lang: str, sent: Any) -> list[Claim]:
    text = st.text
    sets = _sets(lang, sent)
    for a, b in _cue_tokens(lang, sent, "according"):
        comma = next((k for k in range(b, len(sent)) if sent[k].text == ","), None)
        if a <= 1 and comma is not None and comma + 1 < len(sent):
            start, end = sent[comma + 1].idx, sent[-1].idx + (0 if sent[-1].is_punct else len(sent[-1]))
            cue = Span(sent[a].idx, sent[b - 1].idx + len(sent[b - 1]), text[sent[a].idx:sent[b - 1].idx + len(sent[b - 1])])
            who_end = sent[comma].idx
            return [Claim("", start, end, text[start:end], False, cue, _speaker(st, sent, cue.end, who_end + 1))]
    for a, b in _cue_tokens(lang, sent, "verb"):
        that = next((k for k in range(b, min(len(sent), b + 4)) if any(w[0] in sets[k] for w in cues(lang)["that"])), None)
        if that is None or that + 1 >= len(sent):
            continue
        start, end = sent[that + 1].idx, sent[-1].idx + (0 if sent[-1].is_punct else len(sent[-1]))
        cue = Span(sent[a].idx, sent[b - 1].idx + len(sent[b - 1]), text[sent[a].idx:sent[b - 1].idx + len(sent[b - 1])])
        return [Claim("", start, end, text[start:end], False, cue, _speaker(st, sent, cue.start, cue.end))]
    return []
