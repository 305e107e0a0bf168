"""What the API and the pages read and write, over the store (`warbrief.store`) and the brief
(`warbrief.brief`). Plain dicts out; the routes wrap them in the API's shapes.

Every read is one of the store's queries (no SQL here); this module combines them (a word
search filtered by source and days, an entity's timeline and positions, the brief).
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from ..dates import published_day
from ..errors import UsageError
from ..store import ClaimFilter, DocumentFilter, EntityFilter, EventFilter, Page, Store
from ..store.cursor import CursorCodec, secret_for
from ..store.query import FEATURE_COLUMNS
from .brief_cache import BriefCache

DocQuery = DocumentFilter  # the name the routes and pages use


class Backend:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.cursors = CursorCodec(secret_for(store.engine))
        self.briefs = BriefCache(self.brief, store.version)

    # ---- documents --------------------------------------------------------------------
    def document_meta(self, doc_id: str) -> dict[str, Any] | None:
        return self.store.document_meta(doc_id)

    def analysis(self, doc_id: str) -> dict[str, Any] | None:
        return self.store.analysis(doc_id)

    def documents(self, dq: DocQuery, limit: int, cursor: str | None) -> Page:
        if dq.q:
            page = self.store.search(dq.q, limit=limit, cursor=cursor)
            items = [it for it in page.items if self._doc_matches(it["document"], dq)]
            return Page(items, page.next_cursor, page.also_searched)
        return self.store.documents(dq, limit=limit, cursor=cursor)

    @staticmethod
    def _doc_matches(doc: dict[str, Any], dq: DocQuery) -> bool:
        day = published_day(doc.get("published"))
        if dq.source and doc.get("source") != dq.source:
            return False
        if dq.since and (not day or day < dq.since):
            return False
        return not (dq.until and (not day or day > dq.until))

    def histogram(self, dq: DocQuery, scan: int = 1000) -> list[tuple[str, int]]:
        """Documents per publication day: for a word search, over its best `scan` matches."""
        if dq.q:
            page = self.store.search(dq.q, limit=scan)
            days = Counter(published_day(it["document"].get("published")) for it in page.items
                           if self._doc_matches(it["document"], dq))
            return sorted((d, n) for d, n in days.items() if d)
        return self.store.day_histogram(dq)

    def latest_day(self) -> str | None:
        return self.store.latest_day()

    def sources(self) -> list[str]:
        return self.store.sources()

    # ---- events, claims, entities -----------------------------------------------------
    def events(self, f: EventFilter, limit: int, cursor: str | None,
               bbox: tuple[float, float, float, float] | None = None) -> Page:
        if bbox is not None:
            f.bbox = bbox  # the store filters the box in SQL, on its lat/lon index
        return self.store.events(f, limit=limit, cursor=cursor)

    def event_features(self, f: EventFilter, limit: int, cursor: str | None,
                       bbox: tuple[float, float, float, float] | None = None) -> Page:
        """Events as GeoJSON Features (for the map), read from the events' columns with the
        store's own filter; a radius the database cannot compute in SQL goes through the
        store's event query (exact distance in Python)."""
        if bbox is not None:
            f.bbox = bbox
        rows = self.store.event_rows(f, limit=limit, cursor=cursor)
        if rows is None:
            page = self.events(f, limit, cursor)
            return Page([feature(e) for e in page.items], page.next_cursor)
        return Page([_feature(*(r[k] for k in FEATURE_COLUMNS)) for r in rows.items], rows.next_cursor)

    def claims(self, f: ClaimFilter, limit: int, cursor: str | None, topic: str | None = None) -> Page:
        page = self.store.claims(f, limit=limit, cursor=cursor)
        if topic:
            topics = _topics()
            page = Page([c for c in page.items if topic in topics.match(c.get("text", ""))], page.next_cursor)
        return page

    def entities(self, f: EntityFilter, limit: int, cursor: str | None) -> Page:
        return self.store.entities(f, limit=limit, cursor=cursor)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        return self.store.entity(entity_id)

    def entity_documents(self, entity_id: str, limit: int = 200) -> list[str]:
        """Ids of the documents that mention an entity, newest published first."""
        return self.store.entity_documents(entity_id, limit)

    def timeline(self, entity: dict[str, Any], limit: int = 200) -> list[dict[str, Any]]:
        """Dated statements (claims the entity made) and events (as actor, or at the place),
        oldest first."""
        out: list[dict[str, Any]] = []
        for c in self.store.claims(ClaimFilter(speaker=entity["id"]), limit=limit).items:
            out.append({"kind": "claim", "date": c.get("date"), "id": c["id"], "text": c.get("text"),
                        "document": c["document"], "start": c.get("start"), "end": c.get("end"),
                        "direct": c.get("direct")})
        ef = (EventFilter(place=f"geonames:{entity['geonames_id']}") if entity.get("geonames_id")
              else EventFilter(actor=entity["id"]))
        for e in self.store.events(ef, limit=limit).items:
            out.append({"kind": "event", "date": e.get("date_start"), "id": e["id"], "type": e.get("type"),
                        "label": e.get("label"), "text": e.get("sentence_text"), "document": e["document"],
                        "place": (e.get("place") or {}).get("name"), "modality": e.get("modality")})
        out.sort(key=lambda x: (x.get("date") or "9999", x["kind"]))
        return out

    def positions(self, entity: dict[str, Any], docs: int = 100) -> dict[str, Any]:
        """The entity's dated positions by topic, and its changes of stance (brief module)."""
        from ..brief.items import DocMeta, items_from_analysis
        from ..brief.positions import contradictions, positions

        topics = _topics()
        items = []
        for doc_id in self.entity_documents(entity["id"], docs):
            meta, analysis = self.document_meta(doc_id), self.analysis(doc_id)
            if meta and analysis:
                dm = DocMeta(meta["id"], meta["source"], meta["url"], meta["published"], meta["title"],
                             meta["duplicate_of"])
                items.extend(items_from_analysis(dm, analysis, topics))
        found = positions(items, actor=entity["name"])
        found.sort(key=lambda p: p.date or "")
        return {"positions": [_position(p) for p in found],
                "contradictions": [c.to_dict() for c in contradictions(found)]}

    # ---- the brief ---------------------------------------------------------------------
    def cached_brief(self, day: str | None, days: int = 1) -> tuple[Any, dict[str, Any]] | None:
        """`brief`, computed once per store version (`BriefCache`); `BusyError` when the
        server already computes as many briefs as it allows."""
        return self.briefs.get(day, days)

    def brief(self, day: str | None, days: int = 1) -> tuple[Any, dict[str, Any]] | None:
        """(Brief object, its dict) for the period ending `day` (default: the latest day with
        documents), None when the database holds no dated document (`brief.records`)."""
        from ..brief.records import brief_from_store

        try:
            end = date.fromisoformat(day) if day else None
        except ValueError:
            raise UsageError(f"date {day!r} is not a day (expected YYYY-MM-DD)") from None
        brief = brief_from_store(self.store, end, days, topics=_topics())
        return (brief, brief.to_dict()) if brief is not None else None


def _feature(doc_id: Any, eid: Any, type_: Any, label: Any, modality: Any, lat: Any, lon: Any, day0: Any,
             day1: Any, place: Any, precision: Any, sentence: Any, source: Any) -> dict[str, Any]:
    return {"type": "Feature", "id": f"{doc_id}#{eid}",
            "geometry": {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None,
            "properties": {"document": doc_id, "event": eid, "type": type_, "label": label, "modality": modality,
                           "date": day0, "date_end": day1, "place": place, "precision": precision,
                           "sentence": sentence, "source": source}}


def feature(e: dict[str, Any]) -> dict[str, Any]:
    """A store event item as a GeoJSON Feature: the source sentence, its document (the page
    `/documents/{document}?event={event}` shows it highlighted), the dates and the place."""
    doc = e.get("document") or {}
    place = e.get("place") or {}
    return _feature(doc.get("id"), e.get("id"), e.get("type"), e.get("label"), e.get("modality"), e.get("lat"),
                    e.get("lon"), e.get("date_start"), e.get("date_end"), place.get("name"), place.get("precision"),
                    e.get("sentence_text"), doc.get("source"))


def _topics() -> Any:
    from ..brief.topics import load_topics

    return load_topics()


def _position(p: Any) -> dict[str, Any]:
    d = p.to_dict()
    d.setdefault("document", p.item.doc.id)
    d["start"], d["end"] = p.item.start, p.item.end
    return d
