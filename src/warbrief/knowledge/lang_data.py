"""Per-language word lists for Ukrainian and Russian, in `knowledge/data/lang/*.tsv`.

Every file is tab-separated with a first column `lang` (uk, ru or * for both); a bad line is
reported with its file and line number. Loaded once per process.
"""

from __future__ import annotations

import functools
from pathlib import Path

from ..errors import WarbriefError
from . import DATA

LANG_DATA = DATA / "lang"
LANGS = ("uk", "ru")


def rows(name: str, ncols: int, path: Path | None = None) -> list[tuple[int, list[str]]]:
    """(line number, columns) of every data line of `data/lang/<name>`."""
    path = path or LANG_DATA / name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WarbriefError(f"[L001] cannot read the language data file {path}: {exc}; "
                            f"reinstall warbrief so that its data files are present") from None
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != ncols or cols[0] not in (*LANGS, "*"):
            raise WarbriefError(f"[L002] {path.name} line {n}: expected {ncols} tab-separated columns "
                                f"starting with uk, ru or * (see the file's header): {line!r}")
        out.append((n, cols))
    return out


def for_lang(lang: str, cols: list[str]) -> bool:
    return cols[0] in (lang, "*")


@functools.cache
def place_names(lang: str) -> dict[str, str]:
    """lower-case lemma or phrase -> gazetteer name (place_names.tsv)."""
    return {cols[1].lower(): cols[2] for _, cols in rows("place_names.tsv", 3) if for_lang(lang, cols)}


@functools.cache
def institution_words(lang: str) -> frozenset[str]:
    """Lemmas of nouns that head an institution's name (institution_words.tsv)."""
    return frozenset(cols[1].lower() for _, cols in rows("institution_words.tsv", 3)
                     if for_lang(lang, cols) and cols[2] != "facility")


@functools.cache
def facility_words(lang: str) -> frozenset[str]:
    """Lemmas of facilities named after their place (institution_words.tsv, "facility")."""
    return frozenset(cols[1].lower() for _, cols in rows("institution_words.tsv", 3)
                     if for_lang(lang, cols) and cols[2] == "facility")


@functools.cache
def ru_uk_endings() -> tuple[tuple[str, str], ...]:
    """(Russian ending, Ukrainian ending), longest first (ru_uk_spelling.tsv); one-letter rows
    with an ending of one letter are letter maps applied anywhere."""
    pairs = [(cols[1].lower(), cols[2].lower()) for _, cols in rows("ru_uk_spelling.tsv", 3)]
    return tuple(sorted(dict.fromkeys(pairs), key=lambda p: -len(p[0])))
