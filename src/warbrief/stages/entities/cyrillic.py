"""Ukrainian and Russian actors and names, for the `warbrief_known` stage of the uk/ru profiles.

- Known actors by lemma: every Cyrillic alias of the knowledge base (actors/cyrillic.yaml) is
  matched on the words' lemmas, so "Зеленського", "російських військ" and "ЗСУ" are
  person:volodymyr-zelenskyy, org:armed-forces-of-russia and org:armed-forces-of-ukraine.
- Other people: a run of capitalised words that the dictionary knows as a first name,
  patronymic or surname ("Олександра Сирського" if he were not known, "Анна Петрова") is a
  PERSON span. There is no statistical NER for these profiles; this is what limits recall
  (a surname the dictionary does not list, alone, is missed).
"""

from __future__ import annotations

import re
from typing import Any

from ...knowledge.actors import ActorKB
from ...knowledge.gazetteer import get_gazetteer
from ...knowledge.names import has_cyrillic
from ...lang.morph import function_word, lemma, parses
from ..places.cyrillic import first_hit, region_word
from .spans import Cand

MAX_WORDS = 6
NAME_TAGS = {"Name", "Surn", "Patr"}
# grammemes that make a capitalised word something else than a name part
NOT_NAME_TAGS = {"Geox", "Orgn", "Abbr"}
# words after which a name is a place's: "у", "під", "поблизу", "околиці", "под", "около"
PLACE_WORDS = {"у", "в", "во", "на", "під", "біля", "поблизу", "околиці", "районі", "із", "з", "до", "над", "від",
               "под", "около", "возле", "вблизи", "окрестности", "из", "от", "села", "селі", "місті", "селе", "городе",
               "напрямку", "направлении", "місто", "город", "село"}


class LemmaActors:
    """Known actors' Cyrillic aliases, looked up by the words' lemmas."""

    def __init__(self, nlp: Any, kb: ActorKB) -> None:
        self.kb = kb
        self.lang = nlp.lang
        self.table: dict[tuple[str, ...], str] = {}
        for actor in kb.actors.values():
            for alias in (*actor.aliases, *actor.descriptions):
                if has_cyrillic(alias):
                    words = tuple(self.key(t.text) for t in nlp.tokenizer(alias) if not t.is_space)
                    if words and 0 < len(words) <= MAX_WORDS:
                        self.table.setdefault(words, actor.id)

    def key(self, word: str) -> str:
        return word.lower() if word.isupper() or not word.isalpha() else lemma(self.lang, word)

    def find(self, doc: Any) -> list[Cand]:
        keys = [self.key(t.text) for t in doc]
        out: list[Cand] = []
        i = 0
        while i < len(doc):
            hit = None
            for n in range(min(MAX_WORDS, len(doc) - i), 0, -1):
                actor_id = self.table.get(tuple(keys[i:i + n]))
                if actor_id is not None and (n > 1 or doc[i].text[:1].isupper() or self._lower_ok(actor_id)):
                    hit = (n, actor_id)
                    break
            if hit is None:
                i += 1
                continue
            n, actor_id = hit
            out.append(Cand(i, i + n, self.kb.actors[actor_id].type, actor_id, "kb", 0))
            i += n
        return out

    def _lower_ok(self, actor_id: str) -> bool:
        """A one-word lower-case alias ("окупанти", "рятувальники") names its actor only when
        the knowledge base lists it in lower case (never a person)."""
        return self.kb.actors[actor_id].type != "PERSON"


def _name_part(lang: str, tok: Any, strict: bool = True) -> bool:
    """Is the token a capitalised first name, patronymic or surname? `strict`: and nothing
    else ("Владимир" is also a city: a name part only beside another name part)."""
    text = tok.text
    if not (text[:1].isupper() and text.isalpha() and has_cyrillic(text)) or text.isupper():
        return False
    ps = parses(lang, text)
    grams = {g for p in ps[:3] for g in p.tag.grammemes}
    return bool(NAME_TAGS & grams) and not (strict and NOT_NAME_TAGS & grams)


def _place_instead(doc: Any, i: int, j: int, gaz: Any) -> bool:
    """Is the name run doc[i:j] a place? It names one in the gazetteer and follows a place word
    ("у Білій Криниці", "поблизу Макарова"), or it is one surname-only word naming a place in
    Ukraine or Russia ("обстріляли Макарів")."""
    if i > 0 and doc[i - 1].text[:1].isupper() and not doc[i - 1].is_sent_start \
            and first_hit(doc, i - 1, j, gaz) is not None:
        return True  # "Старого Салтова": the end of a longer place name
    form = first_hit(doc, i, j, gaz)
    if form is None:
        return False
    if i > 0 and doc[i - 1].lower_ in PLACE_WORDS:
        return True
    top = parses(doc.lang_, doc[i].text)[:1]
    if j - i == 1 and top and not ({"Name", "Patr"} & set(top[0].tag.grammemes)):
        return any(c.country in ("UA", "RU") and c.kind <= 2 and c.feature in ("city", "village")
                   for c in gaz.lookup(form))
    return False


INITIAL = re.compile(r"^[А-ЯІЇЄҐЁ]\.$")


def _after_initials(doc: Any, i: int, taken: set[int]) -> int | None:
    """End of "М. Кропивницького", "С. П. Корольова" starting at token i: initials, then a
    capitalised word (any word: the surname may be an adjective's form), or None."""
    k = i
    while k < len(doc) and k not in taken and INITIAL.match(doc[k].text):
        k += 1
    if k == i or k >= len(doc) or k in taken:
        return None
    w = doc[k].text
    return k + 1 if w[:1].isupper() and w.isalpha() and has_cyrillic(w) and not w.isupper() else None


def person_spans(doc: Any, taken: set[int]) -> list[Cand]:
    """Runs of capitalised name words (first name, patronymic, surname) not already taken, and
    not a place (`_place_instead`)."""
    lang = doc.lang_
    gaz = get_gazetteer()
    out: list[Cand] = []
    i = 0
    while i < len(doc):
        end = _after_initials(doc, i, taken) if i not in taken else None
        if end is not None:
            out.append(Cand(i, end, "PERSON", None, "pattern", 2))
            i = end
            continue
        if i in taken or not _name_part(lang, doc[i], strict=False) or function_word(lang, doc[i].text.lower()):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and j not in taken and j - i < 4 and _name_part(lang, doc[j], strict=False):
            j += 1
        if j - i == 1 and not _name_part(lang, doc[i]):  # "Владимир" alone may be the city
            i += 1
            continue
        if not (j < len(doc) and region_word(doc[j])) and not _place_instead(doc, i, j, gaz):  # "Покровська громада"
            out.append(Cand(i, j, "PERSON", None, "pattern", 2))
        i = j
    return out


def find(doc: Any, actors: LemmaActors) -> list[Cand]:
    known = actors.find(doc)
    taken = {i for c in known for i in range(c.start, c.end)}
    return known + person_spans(doc, taken)
