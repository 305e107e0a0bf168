"""Language identification, ISO 639-1, per document.

The script decides most documents at no cost: Latin text with English function words is
English; Cyrillic text with letters only Ukrainian has (і ї є ґ) and none only Russian has
(ы э ъ ё) is Ukrainian, and the reverse Russian. Everything else goes to py3langid's model
(shipped inside its wheel, loaded on first need only), so an English-only user never loads it.
"""

from __future__ import annotations

import re
import threading
from typing import Any

from ..errors import InputError

PROFILED = ("en", "uk", "ru")  # languages with a pipeline profile; others read as English
SAMPLE = 5000  # characters looked at
UK_LETTERS = frozenset("іїєґ")
RU_LETTERS = frozenset("ыэъё")
# languages the model may answer: the ones we read and the ones our sources are often in
MODEL_LANGS = ["en", "uk", "ru", "be", "bg", "sr", "mk", "kk", "de", "fr", "es", "it", "pl", "pt", "nl",
               "ro", "cs", "tr", "ar", "fa", "he", "zh", "ja", "ko"]
EN_WORDS = re.compile(r"\b(?:the|and|of|to|in|on|that|was|were|is|said|with|for)\b", re.IGNORECASE)
EN_WORD_SHARE = 0.04  # of words: English prose has 20-30% of them; other Latin-script text none
ISO_CODE = re.compile(r"^[a-z]{2}$")

_MODEL: Any = None
_LOCK = threading.Lock()


def normalise_code(value: str | None, where: str = "<document>") -> str | None:
    """A language code as given ('UK', 'ru-RU', ' en ') -> ISO 639-1 ('uk'), None when absent.
    Raises InputError for something that is not a two-letter code."""
    if value is None or not str(value).strip():
        return None
    code = str(value).strip().lower().replace("_", "-").split("-")[0]
    if not ISO_CODE.match(code):
        raise InputError(where, f"language {value!r} is not an ISO 639-1 code (expected e.g. en, uk, ru)")
    return code


def _model() -> Any:
    global _MODEL
    with _LOCK:
        if _MODEL is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=False)
            ident.set_languages(MODEL_LANGS)
            _MODEL = ident
        return _MODEL


def by_script(sample: str) -> str | None:
    """The language the letters alone tell, or None when only the model can."""
    letters = [c for c in sample.lower() if c.isalpha()]
    if not letters:
        return "en"
    cyrillic = sum("\u0400" <= c <= "\u04ff" for c in letters)
    if cyrillic / len(letters) < 0.3:
        words = len(sample.split()) or 1
        return "en" if len(EN_WORDS.findall(sample)) / words >= EN_WORD_SHARE else None
    uk = sum(c in UK_LETTERS for c in letters)
    ru = sum(c in RU_LETTERS for c in letters)
    if uk and not ru:
        return "uk"
    if ru and not uk:
        return "ru"
    return None


def detect(text: str) -> str:
    """The ISO 639-1 code of the text's language ('en' for text without letters)."""
    sample = text[:SAMPLE]
    found = by_script(sample)
    if found is not None:
        return found
    code, _score = _model().classify(sample)
    return str(code)
