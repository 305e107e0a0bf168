"""What the API and the pages read and write, over the store (`warbrief.store`) and the brief
(`warbrief.brief`). Plain dicts out; the routes wrap them in the API's shapes.

Most reads are the store's own queries. A few the store does not offer (a document's metadata
row, listing documents without search words, the date histogram, one entity by id) are read
here from the store's schema, read-only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from ..errors import UsageError
from ..store import ClaimFilter, EntityFilter, EventFilter, Page, Store
from ..store.cursor import CursorCodec, secret_for
from ..store.query import _cursor_int, event_where
from ..store.schema import documents, entities, events, mentions
from .brief_cache import BriefCache

DOC_FIELDS = ("id", "title", "source", "url", "published", "retrieved", "origin", "duplicate_of")


@dataclass
class DocQuery:
    q: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None


def _doc_row(r: Any) -> dict[str, Any]:
    return {k: r._mapping[k] for k in DOC_FIELDS}


class Backend:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.cursors = CursorCodec(secret_for(store.engine))
        self.briefs = BriefCache(self.brief, store.version)

    # ---- documents --------------------------------------------------------------------
    def document_meta(self, doc_id: str) -> dict[str, Any] | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(*[documents.c[k] for k in DOC_FIELDS])
                               .where(documents.c.id == doc_id)).first()
        return _doc_row(row) if row else None

    def analysis(self, doc_id: str) -> dict[str, Any] | None:
        return self.store.analysis(doc_id)

    def documents(self, dq: DocQuery, limit: int, cursor: str | None) -> Page:
        if dq.q:
            page = self.store.search(dq.q, limit=limit, cursor=cursor)
            items = [it for it in page.items if self._doc_matches(it["document"], dq)]
            return Page(items, page.next_cursor)
        after = _cursor_int(cursor)
        q = select(documents.c.seq, *[documents.c[k] for k in DOC_FIELDS]).where(*self._doc_where(dq))
        if after is not None:
            q = q.where(documents.c.seq < after)
        q = q.order_by(documents.c.seq.desc()).limit(limit + 1)
        with self.store.engine.connect() as conn:
            rows = conn.execute(q).all()
        items = [{"document": _doc_row(r), "snippet": None, "score": None} for r in rows[:limit]]
        return Page(items, str(rows[limit - 1].seq) if len(rows) > limit else None)

    @staticmethod
    def _doc_where(dq: DocQuery) -> list[Any]:
        conds: list[Any] = [documents.c.duplicate_of.is_(None)]
        if dq.source:
            conds.append(documents.c.source == dq.source)
        if dq.since:
            conds.append(documents.c.published_date >= dq.since)
        if dq.until:
            conds.append(documents.c.published_date <= dq.until)
        return conds

    @staticmethod
    def _doc_matches(doc: dict[str, Any], dq: DocQuery) -> bool:
        day = (doc.get("published") or "")[:10]
        if dq.source and doc.get("source") != dq.source:
            return False
        if dq.since and (not day or day < dq.since):
            return False
        return not (dq.until and (not day or day > dq.until))

    def histogram(self, dq: DocQuery, scan: int = 1000) -> list[tuple[str, int]]:
        """Documents per publication day: for a word search, over its best `scan` matches."""
        if dq.q:
            page = self.store.search(dq.q, limit=scan)
            days = Counter((it["document"].get("published") or "")[:10] for it in page.items
                           if self._doc_matches(it["document"], dq))
            return sorted((d, n) for d, n in days.items() if d)
        q = (select(documents.c.published_date, func.count()).where(*self._doc_where(dq))
             .where(documents.c.published_date.is_not(None))
             .group_by(documents.c.published_date).order_by(documents.c.published_date))
        with self.store.engine.connect() as conn:
            return [(d, n) for d, n in conn.execute(q).all()]

    def latest_day(self) -> str | None:
        with self.store.engine.connect() as conn:
            return conn.execute(select(func.max(documents.c.published_date))
                                .where(documents.c.duplicate_of.is_(None))).scalar()

    def sources(self) -> list[str]:
        with self.store.engine.connect() as conn:
            return [s for (s,) in conn.execute(select(documents.c.source).where(documents.c.source.is_not(None))
                                               .distinct().order_by(documents.c.source).limit(500))]

    # ---- events, claims, entities -----------------------------------------------------
    def events(self, f: EventFilter, limit: int, cursor: str | None,
               bbox: tuple[float, float, float, float] | None = None) -> Page:
        if bbox is not None:
            f.bbox = bbox  # the store filters the box in SQL, on its lat/lon index
        return self.store.events(f, limit=limit, cursor=cursor)

    def event_features(self, f: EventFilter, limit: int, cursor: str | None,
                       bbox: tuple[float, float, float, float] | None = None) -> Page:
        """Events as GeoJSON Features (for the map), read straight from the events' columns with
        the store's own filter, without decoding each stored event record. A radius the database
        cannot compute in SQL goes through the store's query (exact distance in Python)."""
        if bbox is not None:
            f.bbox = bbox
        after = _cursor_int(cursor)
        ev = events
        with self.store.engine.connect() as conn:
            where = event_where(conn, f)
            if where.circle is None:
                conds = [*where.conds, *([ev.c.seq > after] if after is not None else [])]
                q = (select(ev.c.seq, ev.c.event_id, ev.c.type, ev.c.label, ev.c.modality, ev.c.lat, ev.c.lon,
                            ev.c.date_start, ev.c.date_end, ev.c.place_name, ev.c.place_precision,
                            ev.c.sentence, documents.c.id.label("doc_id"), documents.c.source)
                     .join(documents, documents.c.seq == ev.c.doc).where(*conds).order_by(ev.c.seq)
                     .limit(limit + 1))
                rows = conn.execute(q).all()
        if where.circle is not None:
            page = self.events(f, limit, cursor)
            return Page([feature(e) for e in page.items], page.next_cursor)
        out = [_feature(r.doc_id, r.event_id, r.type, r.label, r.modality, r.lat, r.lon, r.date_start, r.date_end,
                        r.place_name, r.place_precision, r.sentence, r.source) for r in rows[:limit]]
        return Page(out, str(rows[limit - 1].seq) if len(rows) > limit else None)

    def claims(self, f: ClaimFilter, limit: int, cursor: str | None, topic: str | None = None) -> Page:
        page = self.store.claims(f, limit=limit, cursor=cursor)
        if topic:
            topics = _topics()
            page = Page([c for c in page.items if topic in topics.match(c.get("text", ""))], page.next_cursor)
        return page

    def entities(self, f: EntityFilter, limit: int, cursor: str | None) -> Page:
        return self.store.entities(f, limit=limit, cursor=cursor)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        with self.store.engine.connect() as conn:
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
            if row is None:
                return None
            n, d = conn.execute(select(func.count(), func.count(func.distinct(mentions.c.doc)))
                                .where(mentions.c.entity == entity_id)).one()
        return {**dict(row._mapping), "mentions": n, "documents": d}

    def entity_documents(self, entity_id: str, limit: int = 200) -> list[str]:
        """Ids of the documents that mention an entity, newest published first."""
        q = (select(documents.c.id).join(mentions, mentions.c.doc == documents.c.seq)
             .where(mentions.c.entity == entity_id, documents.c.duplicate_of.is_(None))
             .group_by(documents.c.id, documents.c.published_date)
             .order_by(documents.c.published_date.desc()).limit(limit))
        with self.store.engine.connect() as conn:
            return list(conn.execute(q).scalars())

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
        documents), None when the database holds no dated document."""
        from ..brief.build import BriefOptions, build_brief, window
        from ..brief.items import DocMeta

        day = day or self.latest_day()
        if not day:
            return None
        try:
            end = date.fromisoformat(day)
        except ValueError:
            raise UsageError(f"date {day!r} is not a day (expected YYYY-MM-DD)") from None
        opt = BriefOptions(date=end, days=days)
        topics = _topics()
        first, last = window(opt, topics)
        records = ((DocMeta(m["id"], m["source"], m["url"], m["published"], m["title"], m["duplicate_of"]), a)
                   for m, a in self.store.analyses(since=(first - timedelta(days=0)).isoformat(),
                                                   until=last.isoformat()))
        brief = build_brief(records, opt, topics)
        return brief, brief.to_dict()


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
