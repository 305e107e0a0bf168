"""Ukrainian and Russian word forms through pymorphy3 (the dictionaries ship in their wheels).

    forms("uk", "Покровськом")  -> ("Покровськом", "Покровськ")
    forms("uk", "Покровська")   -> ("Покровська", "Покровський", "Покровськ", ...)  every parse
    parses("ru", "Зеленского")  -> the pymorphy3 parses, best first

`forms` gives a word as written, then the nominative of every parse and every lemma, so that a
caller can try each against a dictionary (the gazetteer) rather than trust the top parse: the
top parse of "Покровська" is an adjective, the gazetteer's Pokrovsk is the noun's lemma.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

MAX_PARSES = 6
FUNCTION_TAGS = frozenset({"PREP", "CONJ", "PRCL", "NPRO", "ADVB", "INTJ", "PRED", "COMP"})
_LOCK = threading.Lock()
_ANALYZERS: dict[str, Any] = {}


def analyzer(lang: str) -> Any:
    with _LOCK:
        if lang not in _ANALYZERS:
            import pymorphy3

            _ANALYZERS[lang] = pymorphy3.MorphAnalyzer(lang=lang)
        return _ANALYZERS[lang]


def share_analyzer(lang: str, morph: Any) -> None:
    """Use an analyzer already loaded (the spaCy lemmatizer's) instead of loading another."""
    if morph is not None:
        with _LOCK:
            _ANALYZERS.setdefault(lang, morph)


@functools.lru_cache(maxsize=200_000)
def parses(lang: str, word: str) -> tuple[Any, ...]:
    return tuple(analyzer(lang).parse(word)[:MAX_PARSES])


def _cased(form: str, like: str) -> str:
    if like.isupper() and len(like) > 1:
        return form.upper()
    return form[:1].upper() + form[1:] if like[:1].isupper() else form


@functools.lru_cache(maxsize=200_000)
def forms(lang: str, word: str) -> tuple[str, ...]:
    """The word as written, then the nominative singular of each parse, then each lemma."""
    out = [word]
    for p in parses(lang, word):
        nom = p.inflect({"nomn"}) if "nomn" not in p.tag else p
        for form in (nom.word if nom is not None else None, p.normal_form):
            if form:
                cased = _cased(form, word)
                if cased not in out:
                    out.append(cased)
    return tuple(out)


def tags(lang: str, word: str) -> set[str]:
    """Every grammeme of every parse of the word ("NOUN", "Surn", "gent", ...)."""
    return {g for p in parses(lang, word) for g in p.tag.grammemes}


def function_word(lang: str, word: str) -> bool:
    """Is the word's best parse a preposition, conjunction, particle, pronoun or adverb?"""
    ps = parses(lang, word)
    return bool(ps) and bool(FUNCTION_TAGS & set(ps[0].tag.grammemes))


def lemma(lang: str, word: str) -> str:
    ps = parses(lang, word)
    return ps[0].normal_form if ps else word.lower()


def lemmas(lang: str, word: str) -> tuple[str, ...]:
    """Every parse's lemma, best parse first ("березні" -> березень and береза)."""
    return tuple(dict.fromkeys(p.normal_form for p in parses(lang, word))) or (word.lower(),)
