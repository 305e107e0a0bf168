"""The record types of the analysis contract (`warbrief.analysis/1`, see docs/contract.md).

Extraction stages build these dataclasses; JSON appears only at the edge (`to_dict`,
`from_dict`). Field names and order follow the contract exactly; fields the contract does not
list are documented additions (e.g. `PlaceInfo.alternatives`) and are only ever added.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

SCHEMA = "warbrief.analysis/1"

ENTITY_TYPES = ("PERSON", "ORG", "PLACE", "GROUP", "MILITARY_UNIT", "WEAPON", "OTHER")
PLACE_FEATURES = ("country", "region", "district", "city", "village", "other")
TIME_PRECISIONS = ("day", "week", "month", "quarter", "season", "year", "decade", "century",
                   "range", "duration", "time", "set", "ref", "unknown")
EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE",
               "ASSAULT", "OTHER")
MODALITIES = ("asserted", "reported", "intended", "denied", "hypothetical", "historical")
EVENT_PLACE_PRECISIONS = ("exact", "near", "region")
EVENT_TIME_PRECISIONS = ("day", "week", "month", "year", "range")


MAX_CHARS = 1_000_000  # the longest document analysed (characters)


@dataclass
class DocumentInput:
    """One document to analyse, as a reader made it. `published` is an ISO 8601 date or
    datetime (or a date); `date_note` says why a reader left it None although the input gave a
    value ("published 'Wed Nov 23' has no year ...")."""

    text: str
    published: str | date | None = None
    source: str | None = None
    title: str | None = None
    url: str | None = None
    id: str | None = None  # the caller's own id (e.g. from a .jsonl line); not the content hash
    origin: str | None = None  # where it was read from, for messages: "batch.jsonl:12", a URL
    forwarded_from: str | None = None  # the channel a forwarded post came from (Telegram)
    date_note: str | None = None
    language: str | None = None  # ISO 639-1; detected from the text when not given

    @property
    def where(self) -> str:
        return self.origin or self.id or "<document>"


def document_id(text: str) -> str:
    """Content-hash id of a document: `sha256:<hex of the text encoded as UTF-8>`."""
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return value.to_dict() if hasattr(value, "to_dict") else {
            f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class Record:
    """Mixin: `to_dict()` in field order, recursing into nested records."""

    def to_dict(self) -> dict[str, Any]:
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


@dataclass
class Span(Record):
    """A stretch of `document.text`: `text == document.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass
class Document(Record):
    id: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    language: str
    text: str


@dataclass
class PlaceInfo(Record):
    geonames_id: int | None
    lat: float | None
    lon: float | None
    feature: str
    admin1: str | None
    country: str | None
    reason: str
    # Addition to the contract: runner-up candidates, best first, each
    # {"geonames_id", "name", "lat", "lon", "country", "admin1", "feature", "score"}.
    alternatives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Entity(Record):
    id: str
    name: str
    type: str
    country: str | None
    mentions: list[Span] = field(default_factory=list)
    place: PlaceInfo | None = None


@dataclass
class TimeExpr(Record):
    start: int
    end: int
    text: str
    value: str | None
    precision: str | None
    reason: str


@dataclass
class Speaker(Record):
    entity: str | None
    name: str | None
    start: int | None
    end: int | None


@dataclass
class ChainLink(Record):
    entity: str | None
    name: str | None


@dataclass
class Claim(Record):
    id: str
    start: int
    end: int
    text: str
    direct: bool
    cue: Span | None
    speaker: Speaker | None
    chain: list[ChainLink] = field(default_factory=list)
    time: str | None = None


@dataclass
class Party(Record):
    """An event's actor or recipient."""

    entity: str | None
    name: str
    country: str | None


@dataclass
class EventPlace(Record):
    entity: str
    name: str
    precision: str
    reason: str


@dataclass
class EventTime(Record):
    value: str | None
    precision: str | None
    reason: str


@dataclass
class Casualties(Record):
    """The text's own figures for one event: never a sum of figures the text gives separately.
    `*_qualifier` (optional, additive; in the JSON only when set): "at most" ("up to 130"),
    "at least", "about"."""

    killed: int | None = None
    injured: int | None = None
    killed_qualifier: str | None = None
    injured_qualifier: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The qualifiers appear only when a figure has one: records without them stay exact."""
        out = super().to_dict()
        for k in ("killed_qualifier", "injured_qualifier"):
            if out[k] is None:
                del out[k]
        return out


@dataclass
class AcledType(Record):
    event_type: str
    sub_event_type: str


@dataclass
class Offsets(Record):
    start: int
    end: int


@dataclass
class Event(Record):
    id: str
    type: str
    mode: str | None
    label: str | None
    acled: AcledType | None
    actors: list[Party]
    recipients: list[Party]
    place: EventPlace | None
    time: EventTime | None
    modality: str
    casualties: Casualties
    claim: str | None
    trigger: Span
    sentence: Offsets


@dataclass
class AnalysisWarning(Record):
    """Something missing from an analysis that was still produced (an optional addition to the
    contract): `code` from `errors.Warnings` ("A001": a stage failed), the stage, what happened."""

    code: str
    stage: str | None
    message: str


@dataclass
class Analysis(Record):
    document: Document
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    schema: str = SCHEMA
    warnings: list[AnalysisWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "schema": self.schema,
            "document": self.document.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "claims": [c.to_dict() for c in self.claims],
            "events": [e.to_dict() for e in self.events],
            # what went wrong or was doubtful (possibly empty; older records may lack the key)
            "warnings": [w.to_dict() for w in self.warnings],
        }
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild typed records from contract JSON (used by the store and the API)."""

        def span(d: dict | None) -> Span | None:
            return Span(d["start"], d["end"], d["text"]) if d else None

        def place(d: dict | None) -> PlaceInfo | None:
            return PlaceInfo(**d) if d else None

        ents = [Entity(e["id"], e["name"], e["type"], e.get("country"),
                       [Span(m["start"], m["end"], m["text"]) for m in e.get("mentions", [])],
                       place(e.get("place"))) for e in data.get("entities", [])]
        times = [TimeExpr(**t) for t in data.get("times", [])]
        claims = [Claim(c["id"], c["start"], c["end"], c["text"], c["direct"], span(c.get("cue")),
                        Speaker(**c["speaker"]) if c.get("speaker") else None,
                        [ChainLink(**x) for x in c.get("chain", [])], c.get("time"))
                  for c in data.get("claims", [])]
        events = []
        for e in data.get("events", []):
            events.append(Event(
                e["id"], e["type"], e.get("mode"), e.get("label"),
                AcledType(**e["acled"]) if e.get("acled") else None,
                [Party(**p) for p in e.get("actors", [])],
                [Party(**p) for p in e.get("recipients", [])],
                EventPlace(**e["place"]) if e.get("place") else None,
                EventTime(**e["time"]) if e.get("time") else None,
                e["modality"], Casualties(**(e.get("casualties") or {})), e.get("claim"),
                Span(**e["trigger"]), Offsets(**e["sentence"])))
        return cls(Document(**data["document"]), ents, times, claims, events,
                   data.get("schema", SCHEMA), [AnalysisWarning(**w) for w in data.get("warnings", [])])


def offset_errors(data: dict[str, Any]) -> list[str]:
    """Every violation of the offset rule in an analysis dict: each start/end pair must satisfy
    `document.text[start:end] == text` (where a text is given) and lie inside the text."""
    text = data["document"]["text"]
    problems: list[str] = []

    def check(where: str, item: dict[str, Any] | None) -> None:
        if not item or item.get("start") is None:
            return
        s, e = item["start"], item["end"]
        if not (0 <= s <= e <= len(text)):
            problems.append(f"{where}: [{s}, {e}) outside the text (length {len(text)})")
        elif "text" in item and text[s:e] != item["text"]:
            problems.append(f"{where}: text[{s}:{e}] is {text[s:e]!r}, not {item['text']!r}")

    for e in data.get("entities", []):
        for i, m in enumerate(e.get("mentions", [])):
            check(f"entity {e['id']} mention {i}", m)
    for t in data.get("times", []):
        check(f"time {t.get('text')!r}", t)
    for c in data.get("claims", []):
        check(f"claim {c['id']}", c)
        check(f"claim {c['id']} cue", c.get("cue"))
        spk = c.get("speaker") or {}
        if spk.get("start") is not None:
            check(f"claim {c['id']} speaker", {**spk, "text": text[spk["start"]:spk["end"]]})
    for ev in data.get("events", []):
        check(f"event {ev['id']} trigger", ev.get("trigger"))
        check(f"event {ev['id']} sentence", ev.get("sentence"))
    return problems
