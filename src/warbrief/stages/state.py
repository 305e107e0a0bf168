"""`DocState`: what the stages of one document share (`doc._.wb`).

Each stage reads what earlier stages wrote and fills its own fields. Stage outputs are the
contract's records (`warbrief.analysis`); intermediate findings are small typed records here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..analysis import AnalysisWarning, Claim, Entity, Event, PlaceInfo, TimeExpr
from ..errors import Warnings


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
class Furniture:
    """A sentence (or its tail from a line start on) that is page furniture: a map note, a
    label, a newsletter line. `pattern` names the row of knowledge/data/page_furniture.tsv."""

    start: int
    end: int
    pattern: str
    reason: str


@dataclass
class DocState:
    text: str
    published: str | None
    published_dt: datetime | None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    forwarded_from: str | None = None  # the channel a forwarded post came from (Telegram)
    language: str = "en"  # ISO 639-1 (warbrief.lang)
    known: list[KnownSpan] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # (start, end) of each entity mention -> entity id; filled by the entities stage
    mention_index: dict[tuple[int, int], str] = field(default_factory=dict)
    # what the analysis lacks (a stage that failed on this document), for `Analysis.warnings`
    warnings: list[AnalysisWarning] = field(default_factory=list)
    # footnote markers ("[14]", "[[14]](url)") and page furniture, filled by the segments stages
    markers: list[tuple[int, int]] = field(default_factory=list)
    furniture: list[Furniture] = field(default_factory=list)
    # free room for a stage to leave findings for later stages (documented where used)
    notes: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def furniture_at(self, *offsets: int) -> Furniture | None:
        """The page-furniture sentence holding any of these offsets, or None."""
        return next((f for f in self.furniture for o in offsets if f.start <= o < f.end), None)

    def trim_markers(self, start: int, end: int) -> int:
        """The end of text[start:end] without the footnote markers (and spaces) it ends with."""
        changed = True
        while changed:
            changed = False
            while end > start and self.text[end - 1].isspace():
                end -= 1
            for ms, me in self.markers:
                if start <= ms < end <= me or (start <= ms and me == end):
                    end, changed = ms, True
        return end

    def outside_furniture(self, stage: str, what: str, *offsets: int) -> bool:
        """False when one of the offsets lies in page furniture; then the skip is recorded
        where the user sees it (the analysis' warnings) with the pattern that matched."""
        f = self.furniture_at(*offsets)
        if f is not None:
            self.warnings.append(AnalysisWarning(
                "A002", stage, Warnings.A002.format(what=what, start=f.start, end=f.end, reason=f.reason)))
        return f is None

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
