"""Speaker resolution: the mention that names a speaker -> an entity, with a reason.

- a named speaker: the entity with a mention there ("Putin", "Russian President Vladimir
  Putin"; "ISW analysts" and "Specialists of the Institute for the Study of War" contain ISW);
- a pronoun ("he", "she", "they", "it"): the nearest earlier compatible speaker, else the
  nearest earlier compatible entity (persons for he/she, organisations and groups for
  they/it); "I"/"we" inside a quotation: the quotation's speaker;
- a description: a document ("the report", "the statement") -> the organisation whose document
  it is (named beside the same noun earlier, else the last organisation that spoke); an office
  ("the head of state", "the minister") -> the last person who spoke or was named.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ..analysis import Speaker
from .claim_cues import ClaimCues, Found

PERSON_PRON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRON = {"they", "them", "their", "it", "its"}
FIRST_PRON = {"i", "me", "my", "we", "us", "our"}
MALE_TITLES = {"mr", "mr.", "sir", "mister", "he", "his", "him", "king"}
FEMALE_TITLES = {"mrs", "mrs.", "ms", "ms.", "miss", "madam", "she", "her", "queen", "lady"}
NAMED_TYPES = ("PERSON", "ORG", "GROUP", "MILITARY_UNIT")
ORG_TYPES = ("ORG", "GROUP", "MILITARY_UNIT")
WINDOW = 1500  # characters to look back for an antecedent


@dataclass
class Resolved:
    entity: str | None
    name: str | None
    type: str | None
    at: int  # character offset of the mention
    reason: str


class SpeakerResolver:
    def __init__(self, doc: Any, cues: ClaimCues) -> None:
        self.doc = doc
        self.st = doc._.wb
        self.cues = cues
        self.mentions = sorted((s, e, eid) for (s, e), eid in self.st.mention_index.items())
        self.mention_starts = [m[0] for m in self.mentions]
        self.history: list[Resolved] = []  # speakers resolved so far, in text order
        self.gender: dict[str, str] = {}

    # ------------------------------------------------------------ public
    def resolve(self, f: Found, enclosing: Found | None, enclosing_speaker: Speaker | None) -> tuple[Speaker | None, str]:
        span = f.speaker or f.implied
        if span is None:
            return None, "no speaker named or implied"
        s, e = span
        text = self.doc.text[s:e]
        low = text.lower()
        r = self._resolve_span(s, e, low, enclosing, enclosing_speaker)
        if f.speaker is None:
            out = Speaker(r.entity, r.name, None, None)
        else:
            out = Speaker(r.entity, r.name if r.name else text, s, e)
        if r.entity or r.name:
            self.history.append(Resolved(r.entity, r.name or text, r.type, s, r.reason))
        return out, r.reason

    # ------------------------------------------------------------ cases
    def _resolve_span(self, s: int, e: int, low: str, enclosing: Found | None,
                      enclosing_speaker: Speaker | None) -> Resolved:
        if low in PERSON_PRON:
            return self._antecedent(s, ("PERSON",), PERSON_PRON[low], f"pronoun '{low}'")
        if low in GROUP_PRON:
            r = self._antecedent(s, ORG_TYPES, None, f"pronoun '{low}'")
            if r.entity is None and low in ("they", "them", "their"):
                r = self._antecedent(s, ("PERSON",), None, f"pronoun '{low}'")
            return r
        if low in FIRST_PRON:
            if enclosing_speaker is not None and (enclosing_speaker.entity or enclosing_speaker.name):
                return Resolved(enclosing_speaker.entity, enclosing_speaker.name, None, s,
                                f"'{low}' inside a quotation by {enclosing_speaker.name}")
            return Resolved(None, None, None, s, f"'{low}' with no quotation around it")
        ent = self.st.entity_at(s, e, NAMED_TYPES) or self.st.entity_at(s, e)
        if ent is not None:
            self._learn_gender(s, ent.id)
            return Resolved(ent.id, ent.name, ent.type, s, f"names {ent.name}")
        words = low.split()
        nouns = {w.rstrip("s") for w in words} | set(words)
        if words and words[0] in ("the", "this", "that", "these", "those", "a", "its", "their"):
            if nouns & self.cues.source_nouns:
                noun = next(w for w in words[::-1] if w in self.cues.source_nouns or w.rstrip("s") in self.cues.source_nouns)
                return self._document_owner(s, noun)
            for role in self.cues.role_nouns:
                if _contains(words, role):
                    return self._antecedent(s, ("PERSON",), None, f"office '{' '.join(role)}'")
        return Resolved(None, None, None, s, "description not linked to an entity")

    def _antecedent(self, before: int, types: tuple[str, ...], gender: str | None, what: str) -> Resolved:
        for r in reversed(self.history):
            if r.at >= before or before - r.at > WINDOW:
                continue
            if r.type in types and (gender is None or self.gender.get(r.entity or "", gender) == gender):
                return Resolved(r.entity, r.name, r.type, before, f"{what} -> the earlier speaker {r.name}")
        k = bisect_left(self.mention_starts, before) - 1
        while k >= 0 and before - self.mentions[k][0] <= WINDOW:
            ent = self.st.entity(self.mentions[k][2])
            if ent is not None and ent.type in types and (
                    gender is None or self.gender.get(ent.id, gender) == gender):
                return Resolved(ent.id, ent.name, ent.type, before, f"{what} -> the nearest earlier {ent.type.lower()} {ent.name}")
            k -= 1
        return Resolved(None, None, None, before, f"{what} with no compatible antecedent")

    def _document_owner(self, before: int, noun: str) -> Resolved:
        text = self.doc.text
        stem = noun.rstrip("s")
        k = bisect_left(self.mention_starts, before) - 1
        while k >= 0 and before - self.mentions[k][0] <= 4 * WINDOW:
            s, e, eid = self.mentions[k]
            ent = self.st.entity(eid)
            if ent is not None and ent.type != "PLACE":
                around = text[max(0, s - 25):min(len(text), e + 25)].lower()
                if stem in around:
                    return Resolved(ent.id, ent.name, ent.type, before, f"'{noun}' of {ent.name}, named beside it")
            k -= 1
        r = self._antecedent(before, ORG_TYPES, None, f"'{noun}'")
        if r.entity is None and self.st.source:
            return Resolved(None, self.st.source, "ORG", before, f"'{noun}' of the document's source")
        return r

    def _learn_gender(self, s: int, eid: str) -> None:
        if eid in self.gender:
            return
        prev = self.doc.text[max(0, s - 6):s].strip().lower().split()
        if prev and prev[-1] in MALE_TITLES:
            self.gender[eid] = "m"
        elif prev and prev[-1] in FEMALE_TITLES:
            self.gender[eid] = "f"


def _contains(words: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(tuple(words[i:i + n]) == seq for i in range(len(words) - n + 1))
