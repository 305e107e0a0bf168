"""`DocState`: what the stages of one document share (`doc._.wb`).

Each stage reads what earlier stages wrote and fills its own fields. Stage outputs are the
contract's records (`warbrief.analysis`); intermediate findings are small typed records here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..analysis import Claim, Entity, Event, PlaceInfo, TimeExpr


@dataclass
class KnownSpan:
    """A name matched from the knowledge base or the gazetteer before the statistical NER.

    `start`/`end` are character offsets into the text (like every other record here).

    `label` is a contract entity type (PERSON, ORG, PLACE, GROUP, MILITARY_UNIT, WEAPON, OTHER);
    `kb_id` the knowledge-base id (`person:vladimir-putin`) or None for gazetteer names."""

    start: int
    end: int
    label: str
    kb_id: str | None = None
    origin: str = "kb"  # "kb" | "description" | "title" (entities stage) | "gazetteer"
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class PlaceMention:
    """One mention of a place and what the places stage made of it."""

    start: int
    end: int
    text: str
    entity_id: str | None  # "geonames:<id>" when resolved, else None
    name: str | None  # canonical English name when resolved
    place: PlaceInfo | None  # None when the mention could not be resolved
    reason: str = ""
    # e.g. "direction" for "the Pokrovsk direction", "region" for "Donetsk Oblast"
    role: str | None = None


@dataclass
class DocState:
    text: str
    published: str | None
    published_dt: datetime | None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    language: str = "en"  # ISO 639-1 (warbrief.lang)
    known: list[KnownSpan] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # (start, end) of each entity mention -> entity id; filled by the entities stage
    mention_index: dict[tuple[int, int], str] = field(default_factory=dict)
    # free room for a stage to leave findings for later stages (documented where used)
    notes: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def entity_at(self, start: int, end: int, types: tuple[str, ...] | None = None) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest mention."""
        best: tuple[int, Entity] | None = None
        for (ms, me), eid in self.mention_index.items():
            if ms < end and start < me:
                ent = self.entity(eid)
                if ent is None or (types and ent.type not in types):
                    continue
                if best is None or me - ms > best[0]:
                    best = (me - ms, ent)
        return best[1] if best else None
