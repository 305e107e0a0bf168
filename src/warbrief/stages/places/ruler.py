"""Stage `warbrief_gazetteer` (before the statistical NER): gazetteer place names as preset spans.

It finds runs of capitalised (or Cyrillic) tokens whose loose name key is in the gazetteer and
presets them in `doc.ents` (GPE, LOC for continents), so the NER respects them: "Kyiv",
"Kurakhove", "Vuhledar", "Türkiye" become places, never PERSON/ORG. Each is also recorded as
`KnownSpan(start, end, "PLACE", origin="gazetteer")` in `doc._.wb.known`.

Noise control (measured on news text, see eval/suites/geo.py):
- a match must be the whole capitalised run ("George Washington", "Kyiv Independent" and
  "New York Times" are not places), and spans already set (actors) are never overlapped;
- a single word must be tagged a proper noun (or, in a document about the war, be a
  capitalised name of a place in Ukraine or Russia inside a sentence), must not be a stop word
  or demonym
  (place_variants.yaml `stop`), and must be a country, a division, a city of at least
  10,000 people, or, in a document about the war, any place in Ukraine or Russia; smaller
  namesakes of common words are left to the statistical NER;
- an abbreviation ("Ga.", "GA") counts only with its period or in capitals after a comma.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ...errors import WarbriefError
from ...knowledge import DATA, load_yaml
from ...knowledge.gazetteer import Candidate, get_gazetteer, stop_lists
from ...knowledge.names import has_cyrillic, name_keys
from ..state import KnownSpan
from . import cyrillic

# lower-case words allowed inside or at the end of a place name
CONNECTORS = {"of", "on", "upon", "de", "del", "la", "le", "du", "da", "am", "an", "der", "-", "’s", "'s",
              # "Port-au-Prince", "Dar es Salaam", "Bab el-Oued", "Ras al-Khaimah", "Aix-en-Provence"
              "au", "aux", "es", "el", "al", "des", "les", "los", "las", "en", "sur", "di", "do", "dos", "das"}
MAX_CONNECTORS = 3  # in a row: "-au-", "-sur-"
REGION_WORDS = {"region", "oblast", "province", "krai", "district", "raion", "governorate", "county"}
MIN_CITY = 10_000
WAR_FILE = DATA / "place_war.yaml"


def _capitalised(tok: Any) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and any(ch.isalpha() for ch in t)


def _name_follows(doc: Any, j: int) -> bool:
    """Do at most MAX_CONNECTORS connectors from token `j` lead to a capitalised word?"""
    for k in range(j + 1, min(len(doc), j + MAX_CONNECTORS + 1)):
        if _capitalised(doc[k]):
            return True
        if doc[k].lower_ not in CONNECTORS:
            return False
    return False


def _proper(tok: Any) -> bool:
    return tok.tag_ in ("NNP", "NNPS") or tok.pos_ == "PROPN" or has_cyrillic(tok.text)


@dataclass(frozen=True)
class WarWords:
    """knowledge/data/place_war.yaml: what makes a text one about the war."""

    stems: re.Pattern[str]
    monitors: re.Pattern[str]


@lru_cache(maxsize=1)
def war_words() -> WarWords:
    """Read place_war.yaml once; a bad entry raises an error naming the file and its line."""
    text = WAR_FILE.read_text(encoding="utf-8")
    raw = load_yaml(text) or {}
    out = {}
    for key in ("stems", "monitors"):
        items = raw.get(key)
        line = next((n for n, x in enumerate(text.splitlines(), 1) if x.startswith(key + ":")), 1)
        if not isinstance(items, list) or not items or not all(isinstance(x, str) and x for x in items):
            raise WarbriefError(f"[K013] {WAR_FILE}:{line}: {key} must be a non-empty list of strings")
        try:
            out[key] = re.compile("|".join(re.escape(x) if key == "stems" else x for x in items),
                                  re.IGNORECASE if key == "stems" else 0)
        except re.error as exc:
            raise WarbriefError(f"[K013] {WAR_FILE}:{line}: a pattern of {key} does not compile ({exc})") from exc
    return WarWords(out["stems"], out["monitors"])


def war_context(text: str) -> bool:
    """Does the text name the war's countries, capitals or most reported places (place_war.yaml)?"""
    return bool(war_words().stems.search(text))


def monitored(text: str) -> bool:
    """Is the text a report of a mission that worked only in Ukraine ("OSCE SMM")?"""
    return bool(war_words().monitors.search(text))


class GazetteerRuler:
    def __init__(self) -> None:
        self.stop = stop_lists()

    def accept(self, doc: Any, start: int, end: int, cands: tuple[Candidate, ...], war: bool) -> bool:
        span = doc[start:end]
        text = span.text
        keys = name_keys(text)
        if any(k in self.stop.demonyms for k in keys):
            return False
        usable = [c for c in cands if c.kind < 4 or self._abbreviation_ok(doc, start, end)]
        if not usable:
            return False
        if end - start > 1 and not all(k in self.stop.words for k in keys):
            return True
        tok = doc[start]
        if self._dateline(doc, start, end):
            return any(c.kind <= 1 and c.feature in ("city", "village", "district") for c in usable)
        if any(k in self.stop.words for k in keys):
            return False
        if self._label_line(doc, start, end):
            return any((c.kind <= 1 and c.feature in ("country", "region")) or (c.kind <= 2 and c.population >= 1000)
                       or (c.kind <= 1 and war and c.country == "UA") for c in usable)
        if not _proper(tok):
            # the tagger often misses unknown names ("captured Bakhmut" tagged an adverb):
            # mid-sentence, a capitalised name of a place of the war is still taken
            return war and not tok.is_sent_start and any(
                c.country in ("UA", "RU") and c.kind <= 1 for c in usable)
        for c in usable:
            if c.feature in ("country", "region", "other") and c.kind <= 1:
                return True
            if c.feature in ("city", "village") and c.kind <= 2 and c.population >= MIN_CITY:
                return True
            if war and c.country in ("UA", "RU") and c.kind <= 2:
                return True
        return False

    @staticmethod
    def _dateline(doc: Any, start: int, end: int) -> bool:
        """'TORRINGTON — Eighteen people ...', 'BEIRUT: The cabinet ...': a capitalised place name opening a report."""
        text = doc[start:end].text
        if not text.isupper() or len(text) < 3:
            return False
        prev = doc[start - 1] if start > 0 else None
        if prev is not None and not (prev.is_punct or prev.is_space or prev.like_num or "\n" in prev.whitespace_):
            return False
        return end < len(doc) and doc[end].text in ("—", "–", "-", "--", ",", "(", ":")

    @staticmethod
    def _label_line(doc: Any, start: int, end: int) -> bool:
        """'Kharkiv. Shelling of ...': a name standing alone at the start of a text or line."""
        at_start = start == 0 or "\n" in doc[start - 1].text or "\n" in doc[start - 1].whitespace_
        return at_start and end < len(doc) and doc[end].text in (".", ":", "\n", ",")

    @staticmethod
    def _abbreviation_ok(doc: Any, start: int, end: int) -> bool:
        text = doc[start:end].text
        if "." in text:
            return True
        return text.isupper() and start > 0 and doc[start - 1].text == ","

    def find(self, doc: Any) -> list[tuple[int, int, tuple[Candidate, ...]]]:
        gaz = get_gazetteer()
        cyr = doc.lang_ in ("uk", "ru")
        war = war_context(doc.text)
        taken = [False] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                taken[i] = True
        found: list[tuple[int, int, tuple[Candidate, ...]]] = []
        i, n, run_end = 0, len(doc), 0
        while i < n:
            tok = doc[i]
            if taken[i] or not _capitalised(tok):
                i += 1
                continue
            # the capitalised run starting here (with connectors and trailing region words); from
            # inside the last run it ends where that one does (a long hyphenated chain stays linear)
            if i >= run_end:
                j = i + 1
                while j < n and not taken[j] and (_capitalised(doc[j]) or doc[j].lower_ in CONNECTORS
                                                 or doc[j].lower_ in REGION_WORDS
                                                 or (cyr and cyrillic.region_word(doc[j]))):
                    if doc[j].lower_ in CONNECTORS and not _name_follows(doc, j):
                        break
                    j += 1
                run_end = j
            # "George Washington": a match must not leave a capitalised proper noun right before it
            prev = doc[i - 1] if i > 0 else None
            prev_proper = (prev is not None and _capitalised(prev) and _proper(prev)
                           and not has_cyrillic(prev.text))
            match = None
            if not prev_proper:
                for e in range(min(run_end, i + gaz.max_words + 1), i, -1):
                    if doc[e - 1].lower_ in CONNECTORS:
                        continue
                    text = doc[i:e].text
                    if cyr:  # an inflected name: its forms, every parse (places.cyrillic)
                        form = cyrillic.first_hit(doc, i, e, gaz)
                        if form is None or (e - i == 1 and cyrillic.opening_function_word(doc, i)):
                            continue
                        if cyrillic.in_institution(doc, i) or cyrillic.quoted(doc, i, e) \
                                or cyrillic.not_a_name(doc, i, e):
                            break  # "Верховна Рада України": the institution's name, not a place
                        if e - i == 1 and cyrillic.opening(doc, i) and not cyrillic.sure_opening(form, gaz) \
                                and not cyrillic.facility_named(doc, i, e):
                            continue
                        cyrillic.remember(doc, doc[i].idx, doc[e - 1].idx + len(doc[e - 1]), form)
                        text = form
                    elif not any(gaz.has_key(k) for k in name_keys(text)):
                        continue
                    # the rest of the run must not continue the name ("Kyiv Independent")
                    if e < run_end and _capitalised(doc[e]) and _proper(doc[e]) and not cyr:
                        break  # (Cyrillic: names are found before, "Кисловкой Харьковской области" is two places)
                    cands = gaz.lookup(text) or (cyrillic.centre_lookup(text, gaz) if cyr else ())
                    if cands and self.accept(doc, i, e, cands, war):
                        match = (i, e, cands)
                    break
            if match:
                found.append(match)
                i = match[1]
            else:
                i += 1
        return found

    def __call__(self, doc: Any) -> Any:
        from spacy.tokens import Span

        st = doc._.wb
        new = []
        for start, end, cands in self.find(doc):
            label = "LOC" if all(c.feature == "other" for c in cands) else "GPE"
            span = Span(doc, start, end, label=label)
            new.append(span)
            st.known.append(KnownSpan(span.start_char, span.end_char, "PLACE", origin="gazetteer",
                                      data={"candidates": len(cands)}))
        if new:
            doc.set_ents([*doc.ents, *new], default="unmodified")
        return doc


def create_gazetteer(nlp: Any, name: str):
    return GazetteerRuler()
