"""One name, every spelling: the words of a search grown by the other spellings the store holds
of the same entity ("Kupiansk" also searches "Kupyansk" and "Куп'янськ").

A run of up to MAX_NAME query words is a name when a stored entity bears it (its canonical
name, or a mention written so), or when the gazetteer resolves it to places the store holds.
Its spellings are the texts of those entities' mentions that are written as names (a capital
or a non-Latin letter first, no "the ..."): other romanisations ("Kupyansk"), other scripts
("Куп'янськ", "Купянск") and their inflected forms ("під Куп'янськом"), which full-text search
would not find from the name alone; "the city" (a coreferent mention) is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, or_, select
from sqlalchemy.engine import Connection

from ..knowledge.gazetteer import Candidate
from ..knowledge.names import name_keys
from .schema import entities, mentions

MAX_NAME = 3  # words
MAX_SPELLINGS = 12  # per name, most frequent first
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Expansion:
    """The query as groups of alternatives: every group must match, any spelling of a group."""

    groups: list[list[str]] = field(default_factory=list)
    also: list[str] = field(default_factory=list)  # the spellings added, for "also searched: ..."


def expand(conn: Connection, words: str) -> Expansion:
    """The words of `words`, each name among them with its other stored spellings."""
    toks = _WORD.findall(words)
    out = Expansion()
    i = 0
    while i < len(toks):
        for n in range(min(MAX_NAME, len(toks) - i), 0, -1):
            name = " ".join(toks[i:i + n])
            spelled = _spellings(conn, name) if n > 1 or len(name) > 2 else []
            if spelled or n == 1:
                own = " ".join(_WORD.findall(name)).casefold()
                group = [name] + [s for s in spelled if " ".join(_WORD.findall(s)).casefold() != own]
                out.groups.append(group)
                out.also += group[1:]
                i += n
                break
    return out


def _spellings(conn: Connection, name: str) -> list[str]:
    if not name_keys(name):
        return []
    ids = _entities(conn, name)
    if not ids:
        return []
    rows = conn.execute(select(mentions.c.text, func.count().label("n")).where(mentions.c.entity.in_(ids))
                        .group_by(mentions.c.text).order_by(func.count().desc(), mentions.c.text).limit(200)).all()
    seen: dict[str, str] = {}
    for text, _n in rows:
        words = " ".join(_WORD.findall(text)).casefold()  # the words as full-text search sees them
        if words and _name_like(text) and words not in seen:
            seen[words] = text.strip()
    return list(seen.values())[:MAX_SPELLINGS]


def _name_like(text: str) -> bool:
    """A mention written as a name: "Kupyansk", "Куп'янськом"; not "the city" or "it"."""
    first = text.strip()[:1]
    return bool(first) and (first.isupper() or not first.isascii()) and not re.match(r"(?i)the\s", text.strip())


def _entities(conn: Connection, name: str) -> list[str]:
    """Stored entities that bear `name`, or places the gazetteer resolves it to."""
    low = name.lower()
    ids = [r for (r,) in conn.execute(
        select(entities.c.id).where(or_(func.lower(entities.c.name) == low,
                                        entities.c.id.in_(select(mentions.c.entity)
                                                          .where(func.lower(mentions.c.text) == low)))).limit(20))]
    gids = [c.entity_id for c in _places(name) if c.kind <= 2 and c.entity_id]  # its own or an alternate name
    if gids:
        ids += [r for (r,) in conn.execute(select(entities.c.id).where(entities.c.id.in_(gids))) if r not in ids]
    return ids


def _places(name: str) -> list[Candidate]:
    """The gazetteer's places of a name, when its index is built (a search never builds one)."""
    from ..errors import GazetteerError
    from ..knowledge.gazetteer import get_gazetteer, index_path

    if not index_path().exists():
        return []
    try:
        return list(get_gazetteer().lookup(name))[:5]
    except GazetteerError:
        return []
