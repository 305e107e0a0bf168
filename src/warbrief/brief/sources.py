"""Independent sources: a story counts ORIGINS of its report chains, never articles, never speakers.

Each document of a story has one report chain (relays not resolved to an entity are skipped,
see `known`):

    path = [document source, forwarded-from channel] + claim chain (outermost first)
           + [the claim's speaker, only when it is itself a reporting body: a document's outlet
              or an origin topics.yaml names, such as ISW or the Ukrainian General Staff]
    origin = path[-1]

so outlet B re-reporting ISW, which cites Bloomberg (`chain` [ISW, Bloomberg]), has the
origin Bloomberg, the same as ISW's own report citing Bloomberg and Bloomberg's own article.
A near-duplicate document (`duplicate_of`) takes the source of the document it re-publishes.
Any other speaker is what is reported, not who reported it: "the Security Council said" in
one ISW report is one source, ISW. One document is always one source: of its items in the
story, the one with the longest chain speaks for it.
Two names are one origin when their keys meet: entity id, slug of the name, the acronym of a
multi-word name ("Institute for the Study of War" -> "isw"), or an alias in topics.yaml.
A group of documents with one origin is shown with its chain: "RBC-Ukraine <- ISW".
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
def name_slug(name: str) -> str:
    """The brief's comparison key of a name or outlet: lower case, without URL scheme, "www."
    or a leading "the", other characters as "-" ("The Kyiv Independent" -> "kyiv-independent";
    "" when nothing is left). Not an id slug (`knowledge.names.slug`): it keeps non-ASCII
    letters out instead of transliterating them, and ids never depend on it."""
    name = name.lower().strip()
    name = re.sub(r"^(?:https?://)?(?:www\.)?", "", name)
    name = re.sub(r"^the\s+", "", name)
    return _SLUG.sub("-", name).strip("-")


def origin_keys(name: str | None, entity: str | None = None) -> set[str]:
    """Every key an origin may be known by: its entity id, its name's slug with and without a
    web suffix, its acronym ("Institute for the Study of War" -> "isw"). Not the gazetteer's
    loose spelling keys (`knowledge.names.name_keys`)."""
    keys: set[str] = set()
    if entity:
        keys.add("id:" + entity)
        if ":" in entity and not entity.startswith("local:"):
            keys.add(entity.split(":", 1)[1])
    if name:
        s = name_slug(name) or name_slug(unidecode(name))  # "Суспільне": its romanised slug
        if s:
            keys.add(s)
            keys.add(re.sub(r"-(?:com|org|net|co-uk|co|ua|ru|gov|int)$", "", s))
        words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in _ACRONYM_SKIP]
        if len(words) >= 3:
            keys.add("".join(w[0] for w in words).lower())
    return keys


def known(ref: Ref) -> bool:
    """A relay that can be an origin: an outlet, agency or institution resolved to an entity
    and named like one. An unresolved relay ("sources", "the footage") tells us nothing about
    who saw it first, and a person who passes words on ("Vučić said Putin told him") is a
    speaker, not a source."""
    return bool(ref.id) and bool(ref.name) and ref.name[:1].isupper() and ref.type != "PERSON"


class Origins:
    """Resolves items to origin names and counts distinct origins.

    `docs`: every document known (to follow `duplicate_of` to the original's source);
    `aliases`: canonical name -> alternative names (topics.yaml `origin_aliases`)."""

    def __init__(self, docs: Iterable[DocMeta] = (), aliases: dict[str, list[str]] | None = None):
        self.docs = {d.id: d for d in docs}
        self._alias: dict[str, str] = {}
        self._keys: dict[tuple[str, str | None], set[str]] = {}
        for canon, names in (aliases or {}).items():
            for n in [canon, *names]:
                for k in origin_keys(str(n)):
                    self._alias[k] = name_slug(canon)
        # reporting bodies: the outlets of the documents and the origins topics.yaml names
        self._outlets = {"alias:" + name_slug(c) for c in (aliases or {})}
        for d in self.docs.values():
            if d.source:
                self._outlets |= self.keys(Ref(None, d.source))

    def is_outlet(self, ref: Ref) -> bool:
        """An outlet, agency or analyst that publishes reports (not a speaker it quotes)."""
        return bool(self.keys(ref) & self._outlets)

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
        speaker = item.speaker
        if speaker is not None and known(speaker) and self.is_outlet(speaker) \
                and not self.keys(speaker) & self.keys(out[-1]):
            out.append(speaker)  # "analysts at ISW wrote": the report's own origin
        return out

    def origin(self, item: Item) -> Ref:
        return self.path(item)[-1]

    def keys(self, ref: Ref) -> set[str]:
        got = self._keys.get((ref.name, ref.id))
        if got is None:
            keys = origin_keys(ref.name, ref.id)
            got = self._keys[(ref.name, ref.id)] = keys | {"alias:" + self._alias[k] for k in keys
                                                           if k in self._alias}
        return got

    def distinct(self, items: Iterable[Item]) -> list[str]:
        """Display names of the distinct origins of `items`, first seen first."""
        return [name for name, _ in self.groups(items)]

    def chains(self, items: Iterable[Item]) -> list[str]:
        """Each distinct origin with the outlets that relayed it: "RBC-Ukraine <- ISW"."""
        return self.named(items)[1]

    def named(self, items: Iterable[Item]) -> tuple[list[str], list[str]]:
        """(`distinct`, `chains`) of items, computed once."""
        groups = self.groups(items)
        out = []
        for name, relays in groups:
            outer = [r for r in relays if not self.keys(Ref(None, r)) & self.keys(Ref(None, name))]
            out.append(f"{', '.join(outer)} <- {name}" if outer else name)
        return [name for name, _ in groups], out

    def groups(self, items: Iterable[Item]) -> list[tuple[str, list[str]]]:
        """(origin name, names of the relays before it) per distinct origin, one path per document."""
        longest: dict[str, list[Ref]] = {}
        for it in items:
            root = self.root(it.doc).id
            path = self.path(it)
            if root not in longest or len(path) > len(longest[root]):
                longest[root] = path
        groups: list[tuple[set[str], str, list[str]]] = []
        for path in longest.values():
            ref = path[-1]
            keys = self.keys(ref)
            relays = [r.name for r in path[:-1]]
            hit = [g for g in groups if g[0] & keys]
            if not hit:
                groups.append((set(keys), ref.name, relays))
                continue
            first = hit[0]
            first[0].update(keys)
            first[2].extend(r for r in relays if r not in first[2])
            for g in hit[1:]:  # this name joins several groups: they are one origin
                first[0].update(g[0])
                first[2].extend(r for r in g[2] if r not in first[2])
                groups.remove(g)
        return [(name, relays) for _, name, relays in groups]
