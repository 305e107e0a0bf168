"""Languages: which one a document is in (`detect`) and how each is read (`profiles`).

    detect("30 жовтня російські війська обстріляли Нікополь")   -> "uk"
    profile("ru")                                                -> Profile(code="ru", ...)

A language is a profile of the one pipeline (see `warbrief.pipeline`): the same stages, the
same contract, with the language's tokenizer, lemmas and word lists. English reads with
`en_core_web_sm`; Ukrainian and Russian with spaCy's own `uk`/`ru` languages and the pymorphy3
lemmatizer (no statistical parser), built on first use only.
"""

from __future__ import annotations

from .detect import PROFILED, detect, normalise_code

__all__ = ["PROFILED", "detect", "normalise_code"]
