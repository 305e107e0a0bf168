"""The warbrief database: SQLite by default, PostgreSQL by URL; one writer, many readers.

    >>> from warbrief.store import open_store
    >>> store = open_store("sqlite:///:memory:")          # or a path, or postgresql+psycopg://...
    >>> store.add(analysis.to_dict())                     # one transaction per document
    WriteResult(status='stored', ...)
    >>> store.events(types=["ASSAULT"], place="Kupiansk", radius_km=25, since="2024-10-01").items
    >>> for meta, a in store.analyses(since="2024-10-01"): ...   # for cross-document work

Migrations (Alembic, shipped in `migrations/`) run on open. See `query` for the filters and
`write` for what is stored per document.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DataError, OperationalError

from ..errors import Errors, InputError, StoreError
from . import neardup, query, watch_match
from .codec import unpack_analysis
from .engine import display_url, make_engine, migrate, resolve_url, write_transaction
from .query import ClaimFilter, DocumentFilter, EntityFilter, EventFilter, Page
from .schema import claims, documents, entities, events, ingest_log, ingest_runs
from .watches import WatchStore
from .write import IngestMeta, WriteResult, add_analysis, log_entry, now

__all__ = ["ClaimFilter", "DocumentFilter", "EntityFilter", "IngestMeta", "EventFilter", "Page", "Store", "WriteResult",
           "open_store", "resolve_url"]

T = TypeVar("T")
DOC_META = ("id", "title", "source", "url", "published", "retrieved", "origin", "forwarded_from")


def _between(column: Any, since: str | None, until: str | None) -> list[Any]:
    return [c for c in (column >= since if since else None, column <= until if until else None) if c is not None]


def open_store(url: str | None = None, schema: str | None = None) -> Store:
    """Open (creating and migrating when needed) the database at `url` (`--db`, else
    `$WARBRIEF_DB`, else ./warbrief.db). Raises `StoreError` with a one-line reason."""
    resolved = resolve_url(url)
    engine = make_engine(resolved, schema)
    try:
        migrate(engine, schema)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine, schema)


class Store:
    """A database of analysed documents. Writes go through `add` (one transaction each)."""

    def __init__(self, engine: Engine, schema: str | None = None) -> None:
        self.engine = engine
        self.schema = schema
        self._places: dict[str, dict[str, Any]] = {}

    @property
    def url(self) -> str:
        return display_url(str(self.engine.url))

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- writing ---------------------------------------------------------------------
    def add(self, analysis: dict[str, Any], meta: IngestMeta | None = None, sig: bytes | None = None,
            run: int | None = None) -> WriteResult:
        """Store one analysis (contract dict) and everything in it, in one transaction. A
        near-duplicate is also recorded in the ingest log of `run`."""
        def work(conn: Connection) -> WriteResult:
            result = add_analysis(conn, analysis, meta, sig)
            watch_match.on_arrival(conn, result.status, result.doc_id, result.duplicate_of, run)  # hook: watches
            if result.status == "near-duplicate":
                log_entry(conn, run, (meta.origin if meta else None) or result.doc_id, "near-duplicate",
                          f"near-duplicate of {result.duplicate_of} (similarity {result.similarity:.2f}); "
                          f"linked to it, not stored as a new report", result.doc_id)
            return result

        try:
            return self.write(work)
        except OperationalError as exc:
            raise StoreError(Errors.S010.format(url=self.url, why=str(exc.orig).splitlines()[0])) from None
        except DataError as exc:  # e.g. PostgreSQL refuses NUL characters in text
            raise InputError(analysis["document"]["id"], "the database refused the document: "
                             f"{str(exc.orig).splitlines()[0]}") from None

    def has(self, doc_id: str) -> bool:
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.seq).where(documents.c.id == doc_id)).first() is not None

    def write(self, work: Callable[[Connection], T]) -> T:
        """`work(conn)` in one write transaction, retried while SQLite is busy (see
        `engine.write_transaction`); every write of the store goes through here."""
        return write_transaction(self.engine, work)

    def start_run(self, command: str) -> int:
        return self.write(lambda conn: conn.execute(ingest_runs.insert().returning(ingest_runs.c.seq),
                                                    {"started": now(), "command": command}).scalar_one())

    def finish_run(self, run: int, summary: dict[str, Any]) -> None:
        self.write(lambda conn: conn.execute(update(ingest_runs).where(ingest_runs.c.seq == run)
                                             .values(finished=now(), summary=json.dumps(summary))))

    def log(self, run: int | None, source: str, status: str, reason: str, doc_id: str | None = None) -> None:
        """Record a skipped or failed input with its reason (shown by `warbrief log`)."""
        self.write(lambda conn: log_entry(conn, run, source, status, reason, doc_id))

    @property
    def watch(self) -> WatchStore:
        """Watches, their matches and deliveries (see `watches`; matching in `watch_match`)."""
        return WatchStore(self.engine)

    def check_watches(self, since: str | None = None, until: str | None = None,
                      names: list[str] | None = None) -> tuple[int, int]:
        """Re-match the documents published in [since, until] against the watches (`names`, or
        all): one transaction per document; -> (documents checked, new matches)."""
        with self.engine.connect() as conn:
            seqs = watch_match.period_documents(conn, since, until)
        new = 0
        for seq in seqs:
            with self.engine.begin() as conn:
                new += watch_match.check_document(conn, seq, names)
        return len(seqs), new

    # ---- reading ---------------------------------------------------------------------
    def version(self) -> int:
        """Changes with every stored document, whichever process wrote it (for caches)."""
        with self.engine.connect() as conn:
            return conn.execute(select(func.max(documents.c.seq))).scalar() or 0

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            def n(table: Any, *where: Any) -> int:
                return conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one()

            return {"documents": n(documents, documents.c.duplicate_of.is_(None)),
                    "near_duplicates": n(documents, documents.c.duplicate_of.is_not(None)),
                    "entities": n(entities), "claims": n(claims), "events": n(events)}

    def events(self, f: EventFilter | None = None, *, limit: int = 100, cursor: str | None = None,
               **filters: Any) -> Page:
        with self.engine.connect() as conn:
            return query.events_page(conn, f or EventFilter(**filters), limit, cursor)

    def count_events(self, f: EventFilter | None = None, **filters: Any) -> int:
        with self.engine.connect() as conn:
            return query.count_events(conn, f or EventFilter(**filters))

    def claims(self, f: ClaimFilter | None = None, *, limit: int = 100, cursor: str | None = None,
               **filters: Any) -> Page:
        with self.engine.connect() as conn:
            return query.claims_page(conn, f or ClaimFilter(**filters), limit, cursor)

    def entities(self, f: EntityFilter | None = None, *, limit: int = 100, cursor: str | None = None,
                 **filters: Any) -> Page:
        with self.engine.connect() as conn:
            return query.entities_page(conn, f or EntityFilter(**filters), limit, cursor)

    def search(self, words: str, *, limit: int = 20, cursor: str | None = None) -> Page:
        with self.engine.connect() as conn:
            return query.search_page(conn, words, limit, cursor)

    def documents(self, f: DocumentFilter, *, limit: int = 20, cursor: str | None = None) -> Page:
        """Documents without search words, newest stored first (`query.documents_page`)."""
        return self._read(query.documents_page, f, limit, cursor)

    def document_meta(self, doc_id: str) -> dict[str, Any] | None:
        return self._read(query.document_row, doc_id)

    def day_histogram(self, f: DocumentFilter) -> list[tuple[str, int]]:
        return self._read(query.day_histogram, f)

    def latest_day(self) -> str | None:
        return self._read(query.latest_day)

    def sources(self) -> list[str]:
        return self._read(query.sources)

    def event_rows(self, f: EventFilter, *, limit: int = 100, cursor: str | None = None) -> Page | None:
        return self._read(query.event_rows_page, f, limit, cursor)

    def entity(self, entity_id: str) -> dict[str, Any] | None:
        return self._read(query.entity_row, entity_id)

    def entity_documents(self, entity_id: str, limit: int = 200) -> list[str]:
        return self._read(query.entity_document_ids, entity_id, limit)

    def _read(self, fn: Callable[..., T], *args: Any) -> T:
        with self.engine.connect() as conn:
            return fn(conn, *args)

    def iter_events(self, f: EventFilter | None = None, **filters: Any) -> Iterator[dict[str, Any]]:
        return query.iter_pages(self.events, f or EventFilter(**filters))

    def analysis(self, doc_id: str) -> dict[str, Any] | None:
        """The exact contract record stored for a document, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(documents.c.analysis, documents.c.text).where(documents.c.id == doc_id)).first()
        return unpack_analysis(row.analysis, row.text) if row else None

    def analyses(self, since: str | None = None, until: str | None = None,
                 include_duplicates: bool = False, undated: bool = False
                 ) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(document metadata, analysis dict) for every stored document, oldest published first;
        `since`/`until` (YYYY-MM-DD) filter on the publication date (undated documents are left
        out when either is given, unless `undated`: then those ingested in the period come too,
        `ingested` in their metadata). Near-duplicates are left out unless asked for."""
        cols = [documents.c[c] for c in DOC_META] + [documents.c.duplicate_of, documents.c.ingested,
                                                      documents.c.analysis, documents.c.text]
        q = select(*cols)
        if not include_duplicates:
            q = q.where(documents.c.duplicate_of.is_(None))
        day, ingest_day = documents.c.published_date, func.substr(documents.c.ingested, 1, 10)
        if since or until:
            dated = and_(*_between(day, since, until))
            q = q.where(or_(dated, and_(day.is_(None), *_between(ingest_day, since, until))) if undated else dated)
        q = q.order_by(func.coalesce(day, ingest_day) if undated else day, documents.c.seq)
        with self.engine.connect() as conn:
            for row in conn.execution_options(yield_per=200).execute(q):
                meta = {c: row._mapping[c] for c in DOC_META + ("duplicate_of",)}
                if undated:
                    meta["ingested"] = row.ingested
                yield meta, unpack_analysis(row.analysis, row.text)

    def duplicates(self, of: str | None = None) -> list[dict[str, Any]]:
        """Near-duplicate links: {id, duplicate_of, similarity, source, url, title, published},
        all of them or those of one original document."""
        q = select(documents.c.id, documents.c.duplicate_of, documents.c.similarity, documents.c.source,
                   documents.c.url, documents.c.title, documents.c.published
                   ).where(documents.c.duplicate_of.is_not(None))
        if of:
            q = q.where(documents.c.duplicate_of == of)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(documents.c.seq))]

    def log_entries(self, run: int | None = None, status: str | None = None, limit: int = 1000
                    ) -> list[dict[str, Any]]:
        """Skipped and failed inputs, newest first."""
        q = select(ingest_log)
        if run is not None:
            q = q.where(ingest_log.c.run == run)
        if status:
            q = q.where(ingest_log.c.status == status)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q.order_by(ingest_log.c.seq.desc()).limit(limit))]

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(ingest_runs).order_by(ingest_runs.c.seq.desc()).limit(limit))]

    def latest_event_day(self) -> str | None:
        """The last day an event is dated, not counting days after the latest publication (an
        event dated after every document is a misreading, not where the data is)."""
        with self.engine.connect() as conn:
            published = conn.execute(select(func.max(documents.c.published_date))
                                     .where(documents.c.duplicate_of.is_(None))).scalar()
            q = select(func.max(events.c.date_start)).where(events.c.lat.is_not(None))
            if published:
                q = q.where(events.c.date_start <= published)
            return conn.execute(q).scalar() or published

    def place_details(self, entity_id: str) -> dict[str, Any]:
        """{geonames_id, lat, lon, feature, admin1, country} of a place entity ({} if unknown)."""
        if entity_id not in self._places:
            with self.engine.connect() as conn:
                row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
            self._places[entity_id] = {k: row._mapping[k] for k in (
                "geonames_id", "lat", "lon", "feature", "admin1", "country")} if row else {}
        return self._places[entity_id]

    def signature(self, text: str) -> bytes | None:
        """The near-duplicate signature of a text (compute it in workers to spare the writer)."""
        return neardup.signature(text)
