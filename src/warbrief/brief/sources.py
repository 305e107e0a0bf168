"""Independent sources: a story counts ORIGINS, not articles.

The origin of an item is the innermost relay of its information (relays not resolved to an
entity are skipped, see `known`):

    path = [document source, forwarded-from channel] + claim chain (outermost first) + [speaker, for an event inside a claim]
    origin = path[-1]

so outlet B re-reporting ISW, which cites Bloomberg (`chain` [ISW, Bloomberg]), has the
origin Bloomberg, the same as ISW's own report citing Bloomberg and Bloomberg's own article.
A near-duplicate document (`duplicate_of`) takes the source of the document it re-publishes.
Two names are one origin when their keys meet: entity id, slug of the name, the acronym of a
multi-word name ("Institute for the Study of War" -> "isw"), or an alias in topics.yaml.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from unidecode import unidecode

from .items import DocMeta, Item, Ref

_SLUG = re.compile(r"[^a-z0-9]+")
_ACRONYM_SKIP = {"of", "the", "for", "and", "in", "on", "to", "a", "an"}


@functools.lru_cache(maxsize=65536)
def slug(name: str) -> str:
    name = name.lower().strip()
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name)
    name = re.sub(r"^the\s+", "", name)
    return _SLUG.sub("-", name).strip("-")


def name_keys(name: str | None, entity: str | None = None) -> set[str]:
    keys: set[str] = set()
    if entity:
        keys.add("id:" + entity)
        if ":" in entity and not entity.startswith("local:"):
            keys.add(entity.split(":", 1)[1])
    if name:
        s = slug(name) or slug(unidecode(name))  # "Суспільне": its romanised slug
        if s:
            keys.add(s)
            keys.add(re.sub(r"-(?:com|org|net|co-uk|co|ua|ru|gov|int)$", "", s))
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _ACRONYM_SKIP]
        if len(words) >= 3:
            keys.add("".join(w[0] for w in words).lower())
    return keys


def known(ref: Ref) -> bool:
    """A relay that can be an origin: resolved to an entity and named like one. An unresolved
    speaker ("sources", "the footage") tells us nothing about who saw it first."""
    return bool(ref.id) and bool(ref.name) and ref.name[:1].isupper()


class Origins:
    """Resolves items to origin names and counts distinct origins.

    `docs`: every document known (to follow `duplicate_of` to the original's source);
    `aliases`: canonical name -> alternative names (topics.yaml `origin_aliases`)."""

    def __init__(self, docs: Iterable[DocMeta] = (), aliases: dict[str, list[str]] | None = None):
        self.docs = {d.id: d for d in docs}
        self._alias: dict[str, str] = {}
        for canon, names in (aliases or {}).items():
            for n in [canon, *names]:
                for k in name_keys(str(n)):
                    self._alias[k] = slug(canon)

    def add_docs(self, docs: Iterable[DocMeta]) -> None:
        for d in docs:
            self.docs[d.id] = d

    def root(self, doc: DocMeta) -> DocMeta:
        seen = {doc.id}
        while doc.duplicate_of and doc.duplicate_of in self.docs and doc.duplicate_of not in seen:
            doc = self.docs[doc.duplicate_of]
            seen.add(doc.id)
        return doc

    def path(self, item: Item) -> list[Ref]:
        """Who relayed the item, outermost first, ending with its origin."""
        root = self.root(item.doc)
        out = [Ref(None, root.source) if root.source else Ref("doc:" + root.id, root.id)]
        if root.forwarded_from:
            out.append(Ref(None, root.forwarded_from))
        out.extend(r for r in item.chain if known(r))
        if item.kind == "event" and item.speaker is not None and known(item.speaker):
            out.append(item.speaker)
        return out

    def origin(self, item: Item) -> Ref:
        return self.path(item)[-1]

    def keys(self, ref: Ref) -> set[str]:
        keys = name_keys(ref.name, ref.id)
        return keys | {"alias:" + self._alias[k] for k in keys if k in self._alias}

    def distinct(self, items: Iterable[Item]) -> list[str]:
        """Display names of the distinct origins of `items`, first seen first. One sentence
        gives one origin: its deepest relay (the event's speaker rather than the outlet that
        reports the claim holding the event)."""
        deepest: dict[tuple[str, int], tuple[int, Item]] = {}
        for it in items:
            key = (it.doc.id, it.start)
            depth = len(self.path(it))
            if key not in deepest or depth > deepest[key][0]:
                deepest[key] = (depth, it)
        groups: list[tuple[set[str], str]] = []
        for _, it in deepest.values():
            ref = self.origin(it)
            keys = self.keys(ref)
            hit = [g for g in groups if g[0] & keys]
            if not hit:
                groups.append((set(keys), ref.name))
                continue
            first = hit[0]
            first[0].update(keys)
            for g in hit[1:]:  # this name joins several groups: they are one origin
                first[0].update(g[0])
                groups.remove(g)
        return [name for _, name in groups]
