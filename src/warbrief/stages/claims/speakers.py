"""Speaker resolution: the mention that names a speaker -> an entity, with a reason.

- a named speaker: the entity with a mention there ("Putin", "Russian President Vladimir
  Putin"; "ISW analysts" and "Specialists of the Institute for the Study of War" contain ISW);
- a pronoun ("he", "she", "they", "it"): the nearest earlier compatible speaker, else the
  nearest earlier compatible entity (persons for he/she, organisations and groups for
  they/it); "I"/"we" inside a quotation: the quotation's speaker;
- a description: a document ("the report", "the statement") -> the organisation whose document
  it is (named beside the same noun earlier, else the last organisation that spoke or was
  named before the statement, else the document's source); "Ukrainians do not trust the
  Kremlin, the report said": the names inside the statement are not its author; an office
  ("the head of state", "the minister") -> the last person who spoke or was named.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from typing import Any

from ...analysis import Speaker
from ...knowledge.honorifics import address
from .cues import ClaimCues, Found
from .reported import antecedent_of, chars

PERSON_PRON = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
GROUP_PRON = {"they", "them", "their", "it", "its"}
FIRST_PRON = {"i", "me", "my", "we", "us", "our"}
NAMED_TYPES = ("PERSON", "ORG", "GROUP", "MILITARY_UNIT")
ORG_TYPES = ("ORG", "GROUP", "MILITARY_UNIT")
DOCUMENT_OWNERS = ("ORG", "MILITARY_UNIT")  # a nationality ("Ukrainians") writes no report
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
        self.text: str = self.st.text
        self.cues = cues
        self.mentions = sorted((s, e, eid) for (s, e), eid in self.st.mention_index.items())
        self.mention_starts = [m[0] for m in self.mentions]
        self.history: list[Resolved] = []  # speakers resolved so far, in text order
        self.gender: dict[str, str] = {}
        self._genders_learned = False

    # ------------------------------------------------------------ public
    def resolve(self, f: Found, enclosing: Found | None, enclosing_speaker: Speaker | None) -> tuple[Speaker | None, str]:
        span = f.speaker or f.implied
        if span is None:
            return None, "no speaker named or implied"
        s, e = span
        text = self.text[s:e]
        ls, le = s, e
        tok = f.extra.get("speaker_token")
        if isinstance(tok, int) and f.speaker is not None:
            ante = antecedent_of(self.doc[tok])
            if ante is not None:  # "officials who said": the mention stays, the link goes on
                ls, le = chars(self.doc, ante)  # type: ignore[misc]
        low = self.text[ls:le].lower()
        head = None
        if isinstance(tok, int) and f.speaker is not None:
            t = self.doc[tok]
            if ls != s:  # the antecedent's head
                t = t.head.head
            head = (t.idx, t.idx + len(t))
        r = self._resolve_span(ls, le, low, enclosing, enclosing_speaker, head, min(ls, f.start))
        if f.speaker is None:
            if not (r.entity or r.name):
                return None, r.reason
            out = Speaker(r.entity, r.name, None, None)
        else:
            out = Speaker(r.entity, r.name if r.name else self.text[ls:le], s, e)
        if r.entity or r.name:
            self.history.append(Resolved(r.entity, r.name or text, r.type, s, r.reason))
        return out, r.reason

    # ------------------------------------------------------------ cases
    def _resolve_span(self, s: int, e: int, low: str, enclosing: Found | None,
                      enclosing_speaker: Speaker | None, head: tuple[int, int] | None = None,
                      frame: int | None = None) -> Resolved:
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
        ent = self.st.entity_at(s, e, NAMED_TYPES) or self._place_speaker(s, e, head)
        if ent is not None:
            self._learn_gender(s, ent.id)
            return Resolved(ent.id, ent.name, ent.type, s, f"names {ent.name}")
        words = low.split()
        nouns = {w.rstrip("s") for w in words} | set(words)
        if words and words[0] in ("the", "this", "that", "these", "those", "a", "its", "their"):
            if nouns & self.cues.source_nouns:
                noun = next(w for w in words[::-1] if w in self.cues.source_nouns or w.rstrip("s") in self.cues.source_nouns)
                return self._document_owner(s if frame is None else frame, noun)
            for role in self.cues.role_nouns:
                if _contains(words, role):
                    return self._antecedent(s, ("PERSON",), None, f"office '{' '.join(role)}'")
        return Resolved(None, None, None, s, "description not linked to an entity")

    def _place_speaker(self, s: int, e: int, head: tuple[int, int] | None) -> Any:
        """A place speaks only as itself ("Kyiv insisted"), not when it qualifies the speaker
        ("authorities in Krasnodar said")."""
        ent = self.st.entity_at(s, e)
        if ent is None or head is None:
            return ent
        hs, he = head
        return ent if any(m.start < he and hs < m.end for m in ent.mentions) else None

    def _learn_genders(self) -> None:
        """Genders of persons from the text, once per document: a title before a mention
        ("Mr.", "Mrs."), else the pronouns that follow a person in a sentence that names no
        other person ("Zelensky said his ..." -> m)."""
        self._genders_learned = True
        votes: dict[str, dict[str, int]] = {}
        k = 0
        for sent in self.doc.sents:
            persons: dict[str, int] = {}
            while k < len(self.mentions) and self.mentions[k][0] < sent.end_char:
                ms, _me, eid = self.mentions[k]
                ent = self.st.entity(eid)
                if ms >= sent.start_char and ent is not None and ent.type == "PERSON":
                    self._learn_gender(ms, eid)
                    persons.setdefault(eid, ms)
                k += 1
            if len(persons) != 1:
                continue
            (eid, at), = persons.items()
            for t in sent:
                g = PERSON_PRON.get(t.lower_) if t.idx > at and t.pos_ == "PRON" else None
                if g:
                    votes.setdefault(eid, {}).setdefault(g, 0)
                    votes[eid][g] += 1
        for eid, v in votes.items():
            if eid not in self.gender and len(v) == 1:
                self.gender[eid] = next(iter(v))

    def _antecedent(self, before: int, types: tuple[str, ...], gender: str | None, what: str) -> Resolved:
        """The nearest earlier speaker, else entity mention, of a compatible type; for he/she
        one known to have that gender first, then one of unknown gender."""
        if gender is not None and not self._genders_learned:
            self._learn_genders()
        passes = (True, False) if gender is not None else (False,)
        for strict in passes:
            def fits(eid: str | None, etype: str | None, strict: bool = strict) -> bool:
                if etype not in types:
                    return False
                if gender is None:
                    return True
                known = self.gender.get(eid or "")
                return known == gender if strict else known in (None, gender)

            for r in reversed(self.history):
                if r.at < before and before - r.at <= WINDOW and fits(r.entity, r.type):
                    return Resolved(r.entity, r.name, r.type, before, f"{what} -> the earlier speaker {r.name}")
            k = bisect_left(self.mention_starts, before) - 1
            while k >= 0 and before - self.mentions[k][0] <= WINDOW:
                ent = self.st.entity(self.mentions[k][2])
                if ent is not None and fits(ent.id, ent.type):
                    return Resolved(ent.id, ent.name, ent.type, before,
                                    f"{what} -> the nearest earlier {ent.type.lower()} {ent.name}")
                k -= 1
        return Resolved(None, None, None, before, f"{what} with no compatible antecedent")

    def _document_owner(self, before: int, noun: str) -> Resolved:
        text = self.text
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
        r = self._antecedent(before, DOCUMENT_OWNERS, None, f"'{noun}'")
        if r.entity is None and self.st.source:
            return Resolved(None, self.st.source, "ORG", before, f"'{noun}' of the document's source")
        return r

    def _learn_gender(self, s: int, eid: str) -> None:
        if eid in self.gender:
            return
        prev = self.text[max(0, s - 6):s].strip().lower().split()
        if prev and (prev[-1] in address("m") or PERSON_PRON.get(prev[-1]) == "m"):
            self.gender[eid] = "m"
        elif prev and (prev[-1] in address("f") or PERSON_PRON.get(prev[-1]) == "f"):
            self.gender[eid] = "f"


def _contains(words: list[str], seq: tuple[str, ...]) -> bool:
    n = len(seq)
    return any(tuple(words[i:i + n]) == seq for i in range(len(words) - n + 1))
