"""Positions over time and dated histories.

`positions(items, actor, topic)`: the dated statements and acts of an actor on a topic, each with
its stance ("open" / "against" / None) from topics.yaml cues; `contradictions(...)` pairs a
statement with the actor's next statement on the same topic that takes the other stance
("open to negotiations" against "rejected any negotiated ceasefire").
`timeline(items, query)`: everything dated about an entity or place, oldest first.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..dates import published_day
from .items import Item, Ref
from .sources import name_slug


@dataclass
class Position:
    actor: str
    topic: str
    stance: str | None
    date: str | None
    sentence: str
    item: Item
    key: str = ""  # the actor's entity id, or the slug of its name

    def to_dict(self) -> dict[str, Any]:
        d = self.item.doc
        return {"actor": self.actor, "topic": self.topic, "stance": self.stance, "date": self.date,
                "sentence": self.sentence, "kind": self.item.kind,
                "citation": {"outlet": d.source, "date": published_day(d.published),
                             "url": d.url, "document": d.id}}


@dataclass
class Contradiction:
    actor: str
    topic: str
    earlier: Position
    later: Position

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "topic": self.topic, "earlier": self.earlier.to_dict(),
                "later": self.later.to_dict()}


def _fold(text: str) -> str:
    """Slug with transliteration variants folded: Kupyansk = Kupiansk, Zaporizhzhya = Zaporizhzhia."""
    return name_slug(text).replace("y", "i").replace("j", "i").replace("ii", "i")


def matches(ref: Ref | None, query: str) -> bool:
    """An actor or place answers to a query by id, name, or slug (case-insensitive, spelling
    variants of transliteration folded)."""
    if ref is None:
        return False
    q = _fold(query)
    if not q:
        return False
    keys = {_fold(ref.name)}
    if ref.id:
        keys.add(ref.id.lower())
        keys.add(_fold(ref.id.split(":", 1)[-1]))
    if query.lower() in keys or q in keys:
        return True
    return any(q in k.split("-") or k.endswith("-" + q) or k.startswith(q + "-") for k in keys)


def _who(it: Item) -> list[Ref]:
    return [it.speaker] if it.speaker else list(it.actors)


def _date(it: Item) -> str | None:
    d = it.cite_day
    return d.isoformat() if d else None


def positions(items: Iterable[Item], actor: str | None = None, topic: str | None = None
              ) -> list[Position]:
    out = []
    seen: set[tuple[str, str, str]] = set()
    for it in items:
        if it.kind == "sentence":
            continue
        for ref in _who(it):
            if actor and not matches(ref, actor):
                continue
            for t in it.topics:
                if topic and t != topic:
                    continue
                who = ref.id or name_slug(ref.name)
                if (who, t, it.text) in seen:  # the same sentence reported by several documents
                    continue
                seen.add((who, t, it.text))
                out.append(Position(ref.name, t, it.stance.get(t), _date(it),
                                    it.claim_text or it.text, it, who))
    out.sort(key=lambda p: (p.date or "", p.actor, p.topic))
    return out


def contradictions(found: list[Position]) -> list[Contradiction]:
    """Each change of stance by one actor on one topic, in date order."""
    by_key: dict[tuple[str, str], list[Position]] = defaultdict(list)
    for p in found:
        if p.stance:
            by_key[(p.key or name_slug(p.actor), p.topic)].append(p)
    out = []
    for (_, topic), seq in by_key.items():
        for a, b in zip(seq, seq[1:], strict=False):
            if a.stance != b.stance:
                out.append(Contradiction(b.actor, topic, a, b))
    out.sort(key=lambda c: (c.later.date or "", c.actor))
    return out


def timeline(items: Iterable[Item], query: str) -> list[Item]:
    """Items about an entity or place (actor, recipient, speaker, chain or place), oldest first,
    one per sentence and date (re-reports of the same sentence are folded)."""
    out: list[Item] = []
    seen: set[tuple[str, str, str]] = set()
    for it in items:
        refs = [*it.actors, *it.recipients, *it.chain, *((it.speaker,) if it.speaker else ())]
        if it.place is not None:
            refs.append(Ref(it.place.id, it.place.name))
            if it.place.admin1:
                refs.append(Ref(None, it.place.admin1))
        if not any(matches(r, query) for r in refs):
            continue
        key = (it.kind, it.text, _date(it) or "")
        if key in seen:
            continue
        seen.add(key)
        out.append(it)
    out.sort(key=lambda i: (_date(i) or "", i.doc.published or "", i.para))
    return out
