"""Search across scripts and spellings: a searched place name -> every way the store writes it.

    expand(conn, "Kupiansk") -> [("Kupiansk", ["Kupyansk", "Куп'янськ", "Купянск", "Куп'янськом"])]

A word (or run of words) the gazetteer knows is a place's name: the stored entities of those
places (GeoNames ids) and every text their mentions have in stored documents, in any script and
inflection, are searched too. A name that the gazetteer does not know but that a stored entity
has (its canonical English name) expands the same way. English-only stores gain the other
romanisations ("Kupyansk" for "Kupiansk"); mixed stores the Cyrillic forms.
"""

from __future__ import annotations

import re

from sqlalchemy import Connection, select

from .schema import entities, mentions

MAX_VARIANTS = 12  # per word: the most frequent spellings
MAX_WORDS = 3  # a place name of up to three words ("Velyka Novosilka")


def _place_ids(name: str) -> list[int]:
    from ..knowledge.gazetteer import get_gazetteer

    try:
        return [c.gid for c in get_gazetteer().lookup(name) if c.gid is not None and c.kind <= 2]
    except Exception:  # noqa: BLE001 - search must work without a gazetteer index
        return []


def _spellings(conn: Connection, name: str) -> list[str]:
    ids = [f"geonames:{g}" for g in _place_ids(name)]
    ids += [r.id for r in conn.execute(select(entities.c.id).where(entities.c.name == name))]
    if not ids:
        return []
    rows = conn.execute(select(mentions.c.text).where(mentions.c.entity.in_(ids))).all()
    counts: dict[str, int] = {}
    for (text,) in rows:
        counts[text] = counts.get(text, 0) + 1
    folded = name.casefold()
    ranked = sorted((t for t in counts if t.casefold() != folded), key=lambda t: (-counts[t], t))
    return ranked[:MAX_VARIANTS]


def expand(conn: Connection, words: str) -> list[tuple[str, list[str]]]:
    """The query as (term, other spellings) pairs, longest place names first."""
    terms = re.findall(r"[\w'’-]+", words, re.UNICODE)
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(terms):
        for n in range(min(MAX_WORDS, len(terms) - i), 0, -1):
            name = " ".join(terms[i:i + n])
            found = _spellings(conn, name) if name[:1].isupper() or not name.isascii() else []
            if found or n == 1:
                out.append((name, found))
                i += n
                break
    return out


def fts_terms(pairs: list[tuple[str, list[str]]]) -> str:
    """An FTS5 query: every term required, each as any of its spellings (quoted phrases)."""
    def phrase(t: str) -> str:
        return '"' + t.replace('"', " ") + '"'

    return " ".join(phrase(t) if not alts else "(" + " OR ".join(phrase(x) for x in [t, *alts]) + ")"
                    for t, alts in pairs)


def also_searched(pairs: list[tuple[str, list[str]]]) -> list[str]:
    return [a for _, alts in pairs for a in alts]


def pg_terms(pairs: list[tuple[str, list[str]]]) -> str:
    """The same for PostgreSQL's websearch_to_tsquery ("a OR b c" is (a | b) & c)."""
    def phrase(t: str) -> str:
        return '"' + t.replace('"', " ") + '"' if " " in t or "'" in t else t

    return " ".join(" OR ".join(phrase(x) for x in [t, *alts]) for t, alts in pairs)
