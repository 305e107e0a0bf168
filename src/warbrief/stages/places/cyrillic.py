"""Ukrainian and Russian place names: an inflected name -> its forms -> the gazetteer.

    "під Покровськом" -> Покровськ, "у Бахмуті" -> Бахмут, "поблизу Курахового" -> Курахове,
    "Харківської області" -> Харківська область, "на Луганщині" -> Luhansk Oblast

Every parse of every word is tried, not only the top one (the top parse of "Покровська" is an
adjective), the phrase as written first; a lemma the gazetteer does not hold as written
("Росія", "Харківщина", "РФ") goes through `place_names.tsv` first, so that Росія is Russia
and not a Romanian village Roşia. The form that matched is kept in
`doc._.wb.notes["place_forms"]` by the mention's character offsets, where the places stage's
lookup finds it (lookup.candidates): resolution, reasons and the front prior are the English ones.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from ...knowledge.gazetteer import Gazetteer
from ...knowledge.lang_data import facility_words, institution_words, place_names, ru_uk_endings
from ...knowledge.names import UKRAINIAN, has_cyrillic, name_keys, romanise
from ...lang.morph import forms, function_word, lemmas, parses

FORMS_PER_WORD = 4
# lemmas of words that close a division's name ("Харківської області", "Бахмутського району")
REGION_LEMMAS = {"область", "район", "громада", "округ", "край", "обл"}
# a district or community named by its centre: "Покровська громада", "Бахмутського району"
CENTRE_WORDS = {"громада": "hromada", "район": "raion"}
RU_ADJ_ENDINGS = ((r"ская$", "ська"), (r"ский$", "ський"), (r"ское$", "ське"), (r"ый$", "ий"), (r"ая$", "а"))
NOTE = "place_forms"


def region_word(tok: Any) -> bool:
    return tok.lemma_.lower() in REGION_LEMMAS or tok.lower_ in REGION_LEMMAS


def span_forms(lang: str, words: list[str]) -> list[str]:
    """The forms a run of words may name a place by: the mapped names first, then every
    combination of the words' forms, the words as written first."""
    per_word = [forms(lang, w)[:FORMS_PER_WORD] for w in words]
    combos = [" ".join(c) for c in itertools.product(*per_word)]
    names = place_names(lang)
    mapped = [names[c.lower()] for c in [" ".join(words), *combos] if c.lower() in names]
    spelled: list[str] = []
    if lang == "ru":  # "Любомировка" is the codifier's Любомирівка
        spelled = [" ".join(ukrainian_spelling(w) for w in c) for c in itertools.product(*[p[1:] or p for p in per_word])]
        spelled += [i for w in spelled if " " not in w and (i := ikavism(w))]
    return list(dict.fromkeys([*mapped, *combos, *spelled]))


def ukrainian_spelling(word: str) -> str:
    """A Russian spelling of a Ukrainian place's word in Ukrainian spelling (ru_uk_spelling.tsv):
    the longest matching ending, then the letters only Russian has."""
    low = word.lower()
    pairs = ru_uk_endings()
    for ru, uk in pairs:
        if len(ru) > 1 and low.endswith(ru):
            low = low[: -len(ru)] + uk
            break
    for ru, uk in pairs:
        if len(ru) == 1:
            low = low.replace(ru, uk)
    return low[:1].upper() + low[1:] if word[:1].isupper() else low


def ikavism(word: str) -> str | None:
    """The Ukrainian і for a Russian о or е in a name's last closed syllable ("Спорне" ->
    "Спірне", "Полесся" -> "Полісся"), or None when the word has no such vowel."""
    out = re.sub(r"[ое](?=[^аеиоуяієїьй]+[аеиоуяієї]?$)", "і", word, count=1)
    return out if out != word else None


def first_hit(doc: Any, start: int, end: int, gaz: Gazetteer) -> str | None:
    """The first form of doc[start:end] the gazetteer has a name for, or None. A community or
    district named by an adjective ("Покровська громада") gives "Pokrovska hromada", which the
    places stage's lookup takes to its centre town (lookup.centre_candidates)."""
    words = [t.text for t in doc[start:end]]
    hits = [f for f in span_forms(doc.lang_, words) if any(gaz.has_key(k) for k in name_keys(f))]
    if hits:  # a form that is a place's own name near the war beats the text's surface form
        return min(hits, key=lambda f: (not _own_near_war(f, gaz), hits.index(f)))
    tail = doc[end - 1].lemma_.lower() if end - start == 2 else ""
    if tail in CENTRE_WORDS:
        return centre_form(doc.lang_, words[0], CENTRE_WORDS[tail], gaz)
    return None


def _own_near_war(form: str, gaz: Gazetteer) -> bool:
    return any(c.country in ("UA", "RU") and c.kind <= 1 for c in gaz.lookup(form))


def sure_opening(form: str, gaz: Gazetteer) -> bool:
    """A word opening a sentence, where every word is capitalised, is a place only when the
    name is a country's, a division's, a town's of 10,000 or a city's in Ukraine or Russia
    ("Суд" opening a line is a court, not Haiti's Sud; "Змагання" competitions, not the village)."""
    return any(c.kind <= 1 and (c.feature == "country" or (c.feature == "city" and c.population >= 10_000)
                                 or (c.feature in ("city", "region") and c.country in ("UA", "RU", "BY")))
               for c in gaz.lookup(form))


def not_a_name(doc: Any, start: int, end: int) -> bool:
    """One word that cannot be a place's name here: an acronym the place names do not list
    ("ОДА", "НАК", "ГО" are organisations; "США", "РФ" are listed), or an adjective made from a
    name that qualifies the noun after it ("Краматорської міської ради", "Київський університет")."""
    if end - start != 1:
        return False
    tok = doc[start]
    if tok.text.isupper() and len(tok.text) > 1:
        return tok.text.lower() not in place_names(doc.lang_)
    ps = parses(doc.lang_, tok.text)
    if not ps or any("NOUN" in p.tag for p in ps):
        return False
    nxt = doc[end] if end < len(doc) else None
    return nxt is not None and nxt.text[:1].islower() and bool(
        {"NOUN", "ADJF"} & set(parses(doc.lang_, nxt.text)[0].tag.grammemes if parses(doc.lang_, nxt.text) else ()))


def quoted(doc: Any, start: int, end: int) -> bool:
    """A name in guillemets is a name of something else ("ФК «Тернопіль»", "видавництво «Час»",
    "команда «Мінськ-Брест»"): a club, a publisher, a work; but a checkpoint or a station
    named so is at that place (facility words in institution_words.tsv)."""
    return _in_quotes(doc, start, end) and not facility_named(doc, start, end)


def _in_quotes(doc: Any, start: int, end: int) -> bool:
    return start > 0 and end < len(doc) and doc[start - 1].text in ("«", "„", '"') and doc[end].text in ("»", "“", '"')


def facility_named(doc: Any, start: int, end: int) -> bool:
    """"пункт пропуску «Сеньківка»": a facility named after the place it is at."""
    before = set(lemmas(doc.lang_, doc[start - 2].text.lower())) if start > 1 else set()
    return _in_quotes(doc, start, end) and bool(before & facility_words(doc.lang_))


def centre_lookup(form: str, gaz: Gazetteer) -> tuple[Any, ...]:
    """The centre towns of a "Pokrovska hromada" form (centre_form), else ()."""
    from .lookup import centre_candidates

    return centre_candidates(form, gaz) if form.endswith(tuple(f" {w}" for w in CENTRE_WORDS.values())) else ()


def centre_form(lang: str, adjective: str, word: str, gaz: Gazetteer) -> str | None:
    from .lookup import centre_candidates

    for form in forms(lang, adjective)[1:]:
        low = form.lower()
        if lang == "ru":
            for pat, rep in RU_ADJ_ENDINGS:
                low = re.sub(pat, rep, low)
        latin = romanise(low, UKRAINIAN).replace("'", "")
        name = f"{latin[:1].upper()}{latin[1:]} {word}"
        if centre_candidates(name, gaz):
            return name
    return None


def opening_function_word(doc: Any, start: int) -> bool:
    """A capitalised preposition, conjunction or pronoun ("Під", "Біля", "Крім", "Він")."""
    return function_word(doc.lang_, doc[start].text.lower())


def opening(doc: Any, i: int) -> bool:
    """Does token i open a sentence or a line (where every word is capitalised)?"""
    if i == 0 or doc[i].is_sent_start:
        return True
    prev = doc[i - 1]
    return prev.is_space or "\n" in prev.whitespace_ or prev.text in (".", "!", "?", "…", ":", "«", '"', "„", "(", "-", "–", "—")


def in_institution(doc: Any, start: int) -> bool:
    """Is the name at `start` part of an institution's name ("Верховна Рада України",
    "Господарського суду м. Києва")? An institution noun at most three words before it, with
    no punctuation between."""
    words = institution_words(doc.lang_)
    prev = doc[start - 1] if start > 0 else None
    if prev is not None and prev.text.isupper() and len(prev.text) > 1 and has_cyrillic(prev.text):
        return True  # "МОЗ України", "АПК України": an organisation's abbreviation and its country
    for k in range(start - 1, max(-1, start - 4), -1):
        tok = doc[k]
        if tok.is_punct and tok.text != ".":
            return False
        if words & set(lemmas(doc.lang_, tok.text.lower())):
            return True
    return False


def remember(doc: Any, start_char: int, end_char: int, form: str) -> None:
    doc._.wb.notes.setdefault(NOTE, {})[(start_char, end_char)] = form


def remembered(doc: Any, start_char: int, end_char: int) -> str | None:
    st = getattr(doc._, "wb", None)
    return st.notes.get(NOTE, {}).get((start_char, end_char)) if st is not None else None


# the words that put a place inside a division named after it: "Лоцкине на Миколаївщині",
# "Мирополье Сумской области", "Городище та Крейдяне на Луганщині"
DIVISION_PREPS = {"на", "у", "в"}
LIST_WORDS = {"та", "і", "й", "и", ",", "-", "–", "—"}


def division_after(doc: Any, end: int, by_start: dict[int, Any]) -> list[Any]:
    """The mention after a place that may name its division (the places stage keeps it only
    when it is a division holding the place): right after it, after на/у/в, or after the
    last name of a list it opens."""
    i = end
    for _ in range(6):
        nxt = by_start.get(i)
        if nxt is None and i < len(doc) and doc[i].lower_ in DIVISION_PREPS:
            nxt = by_start.get(i + 1)
        if nxt is not None:
            return [nxt]
        if i < len(doc) and doc[i].lower_ in LIST_WORDS and by_start.get(i + 1) is not None:
            i = by_start[i + 1].end
            continue
        break
    return []
