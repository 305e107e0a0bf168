"""Matching on arrival: the watches of a store against a document just written, inside the
transaction that writes it (so the matches and their deliveries commit with the document, or
not at all). Idempotent: one match per watch and item (a re-run or `watch check` adds none); a
near-duplicate of a matched report adds a source to the match instead of a new one.

The filters are the store's own (`EventFilter`, `ClaimFilter`, full-text words), answered by
the same SQL as `warbrief events|claims|search`, restricted to the new document's items. A
cheap necessary condition on the item's columns (`_*_may_match`) first sets aside the watches
that cannot match, so 1,000 watches cost a handful of queries per document, not 1,000.
"""

from __future__ import annotations

import json
import logging
import re
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import WarbriefError
from ..geo import km_or_none as km
from .codec import unpack_many
from .query import ClaimFilter, EventFilter, claim_where, event_where, fts_query
from .schema import claims, documents, event_parties, events
from .watch_index import EventIndex, event_may_match, fold, words_in
from .watch_schema import watch_match_sources, watch_matches, watch_outbox, watches
from .watches import stamp

log = logging.getLogger(__name__)


@dataclass
class Compiled:
    """A watch ready to match: its filter and where its matches go."""

    seq: int
    name: str
    kind: str  # events | claims | documents
    min_sources: int
    channels: tuple[str, ...]  # "webhook", "email"
    digest: str | None
    events: EventFilter | None = None
    claims: ClaimFilter | None = None
    words: str | None = None
    source: str | None = None  # documents: the outlet
    sql: dict[str, Any] = field(default_factory=dict)  # dialect -> (statement, circle), built once


@dataclass
class Active:
    """The watches of a store, compiled, by kind, with the event watches indexed."""

    events: list[Compiled]
    claims: list[Compiled]
    documents: list[Compiled]
    index: EventIndex

    @property
    def all(self) -> list[Compiled]:
        return self.events + self.claims + self.documents


def compile_watch(row: Any) -> Compiled:
    q = row.query if isinstance(row.query, dict) else json.loads(row.query)
    channels = tuple(c for c, on in (("webhook", row.webhook), ("email", row.email)) if on)
    w = Compiled(row.seq, row.name, row.kind, row.min_sources or 1, channels, row.digest)
    if row.kind == "events":
        q = dict(q)
        for k in ("near", "bbox"):
            if q.get(k) is not None:
                q[k] = tuple(q[k])
        w.events = EventFilter(**q)
    elif row.kind == "claims":
        w.claims = ClaimFilter(**q)
    else:
        w.words, w.source = q.get("words"), q.get("source")
    return w


_CACHE: weakref.WeakKeyDictionary[Engine, tuple[Any, Active]] = weakref.WeakKeyDictionary()


def active_watches(conn: Connection, names: list[str] | None = None) -> Active:
    """The store's watches (or those named), compiled once and kept until one is added, changed
    or removed."""
    key = tuple(conn.execute(select(func.count(), func.max(watches.c.seq), func.max(watches.c.updated))).one())
    cached = _CACHE.get(conn.engine)
    if cached is None or cached[0] != key:
        ws = [compile_watch(r) for r in conn.execute(select(watches).order_by(watches.c.seq))]
        cached = (key, _active(ws))
        _CACHE[conn.engine] = cached
    if names:
        return _active([w for w in cached[1].all if w.name in names])
    return cached[1]


def _active(ws: list[Compiled]) -> Active:
    ev = [w for w in ws if w.kind == "events"]
    return Active(ev, [w for w in ws if w.kind == "claims"], [w for w in ws if w.kind == "documents"],
                  EventIndex.build(ev))


def on_arrival(conn: Connection, status: str, doc_id: str, duplicate_of: str | None, run: int | None = None) -> int:
    """Match a document just written (`status` of its WriteResult) inside the caller's
    transaction; returns the number of new matches. A failure here is recorded in the ingest
    log and rolled back to a savepoint: it never fails the ingest."""
    if status == "skipped" or not conn.execute(select(watches.c.seq).limit(1)).first():
        return 0
    try:
        with conn.begin_nested():
            ws = active_watches(conn)
            if status == "near-duplicate" and duplicate_of:
                add_source(conn, doc_id, duplicate_of, ws.all)
                return 0
            seq = conn.execute(select(documents.c.seq).where(documents.c.id == doc_id)).scalar_one()
            return match_document(conn, seq, ws)
    except (SQLAlchemyError, WarbriefError) as exc:
        from .write import log_entry

        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        log.warning("watch matching failed for %s: %s", doc_id, reason)
        log_entry(conn, run, doc_id, "watch-failed", f"matching against the watches failed: {reason}", doc_id)
        return 0


def match_document(conn: Connection, doc_seq: int, ws: Active) -> int:
    doc = conn.execute(select(documents.c.id, documents.c.source, documents.c.title, documents.c.url,
                              documents.c.published_date, documents.c.text).where(documents.c.seq == doc_seq)).one()
    found: list[tuple[Compiled, dict[str, Any]]] = []
    if ws.events:
        found += _match_events(conn, doc_seq, doc, ws.index)
    if ws.claims:
        found += _match_claims(conn, doc_seq, doc, ws.claims)
    if ws.documents:
        found += _match_documents(conn, doc_seq, doc, ws.documents)
    return _record(conn, found, doc) if found else 0


# ---- events --------------------------------------------------------------------------------
def _match_events(conn: Connection, doc_seq: int, doc: Any, index: EventIndex) -> list[tuple[Compiled, dict]]:
    rows = conn.execute(select(events.c.seq, events.c.type, events.c.modality, events.c.label, events.c.lat,
                               events.c.lon, events.c.geonames_id, events.c.place_name, events.c.date_start,
                               events.c.date_end, events.c.sentence).where(events.c.doc == doc_seq)).all()
    if not rows:
        return []
    parties: dict[int, list[Any]] = {}
    for p in conn.execute(select(event_parties.c.event, event_parties.c.entity, event_parties.c.name)
                          .where(event_parties.c.event.in_([r.seq for r in rows]))):
        parties.setdefault(p.event, []).append(p)
    maybe: dict[int, Compiled] = {}
    live = index.live_groups("\n".join((r.sentence or "").lower() for r in rows),
                             [p for ps in parties.values() for p in ps]) if index.groups else []
    for r in rows:
        ps = parties.get(r.seq, [])
        for w in index.candidates(r, live):
            if w.seq not in maybe and event_may_match(w.events, r, ps, doc.source):  # type: ignore[arg-type]
                maybe[w.seq] = w
    hits = [(w, s) for w in maybe.values() for s in _confirm_events(conn, w, doc_seq)]
    if not hits:
        return []
    full = {r.seq: r for r in conn.execute(select(events).where(events.c.seq.in_({s for _, s in hits})))}
    data = dict(zip(full, unpack_many([r.data for r in full.values()]), strict=True))
    return [(w, _event_item(w.events, full[s], data[s])) for w, s in hits]  # type: ignore[arg-type]


@dataclass
class Prepared:
    """A watch's SELECT compiled once to the driver's SQL, run per document with its seq (the
    per-execution work of SQLAlchemy is most of the cost of a query this small)."""

    sql: str
    names: tuple[str, ...] | None  # positional dialects: parameter order
    params: dict[str, Any]

    @classmethod
    def of(cls, conn: Connection, stmt: Any) -> Prepared:
        c = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        params = c.construct_params()
        for name, proc in c._bind_processors.items():  # e.g. booleans as 0/1 on SQLite
            if name in params and params[name] is not None:
                params[name] = proc(params[name])
        return cls(c.string, tuple(c.positiontup) if c.positiontup else None, params)

    def run(self, conn: Connection, doc_seq: int) -> list[Any]:
        """Rows (tuples) for one document, on the transaction's own connection."""
        p = {**self.params, "doc": doc_seq}
        args: Any = tuple(p[n] for n in self.names) if self.names is not None else p
        cur = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cur.execute(self.sql, args)
            return list(cur.fetchall())
        finally:
            cur.close()


def _event_sql(conn: Connection, w: Compiled) -> tuple[Any, Any]:
    """(the SQL of the watch's filter over one document's events, a circle still to check),
    built once per watch (unless a place's centre must be looked up each time)."""
    got = w.sql.get(conn.dialect.name)
    if got is None:
        f = w.events
        assert f is not None
        where = event_where(conn, f)
        got = (Prepared.of(conn, select(events.c.seq, events.c.lat, events.c.lon)
                           .where(events.c.doc == bindparam("doc", 0), *where.conds)), where.circle)
        if not (f.radius_km is not None and f.near is None):
            w.sql[conn.dialect.name] = got
    return got


def _confirm_events(conn: Connection, w: Compiled, doc_seq: int) -> list[int]:
    stmt, circle = _event_sql(conn, w)
    got = stmt.run(conn, doc_seq)
    if circle is not None:
        lat, lon, r = circle
        got = [g for g in got if (d := km(lat, lon, g[1], g[2])) is not None and d <= r]
    return sorted(g[0] for g in got)


def _event_item(f: EventFilter, r: Any, e: dict[str, Any]) -> dict[str, Any]:
    sent = e.get("sentence") or {}
    place = (e.get("place") or {}).get("name")
    return {"kind": "event", "item_id": r.event_id, "sentence": r.sentence, "start": sent.get("start"),
            "end": sent.get("end"), "place": place, "lat": r.lat, "lon": r.lon, "date": r.date_start,
            "term": describe_event(f, r, place)}


def describe_event(f: EventFilter, r: Any, place: str | None) -> str:
    """Which of the watch's terms this event met, for a reader."""
    parts = [r.type] if f.types else []
    if f.radius_km is not None and f.near is not None:
        d = km(f.near[0], f.near[1], r.lat, r.lon)
        where = f.place or f"{f.near[0]:.4f},{f.near[1]:.4f}"
        parts.append(f"within {f.radius_km:g} km of {where}" + (f" ({place}, {d:.1f} km)" if d is not None else ""))
    elif f.place:
        parts.append(f"at {f.place}")
    for label, value in (("actor", f.actor), ("words", f.text), ("modality", f.modality), ("label", f.label),
                         ("source", f.source)):
        if value:
            parts.append(f"{label} '{value}'")
    return "; ".join(parts) or "any event"


# ---- claims and documents ---------------------------------------------------------------
def _match_claims(conn: Connection, doc_seq: int, doc: Any, ws: list[Compiled]) -> list[tuple[Compiled, dict]]:
    rows = conn.execute(select(claims).where(claims.c.doc == doc_seq)).all()
    if not rows:
        return []
    folded = {r.seq: fold(r.text) for r in rows} if conn.dialect.name == "sqlite" else {}
    speakers = [(r.speaker_entity, (r.speaker_name or "").lower()) for r in rows]
    heard: dict[str, bool] = {}  # speaker filter -> does any claim of the document have it
    out = []
    for w in ws:
        f = w.claims
        assert f is not None
        if f.speaker:
            sp = f.speaker
            if sp not in heard:
                heard[sp] = any(ent == sp or sp.lower() in name for ent, name in speakers)
            if not heard[sp]:
                continue
        if not any(_claim_may_match(f, r, doc.source, folded.get(r.seq)) for r in rows):
            continue
        stmt = w.sql.get(conn.dialect.name)
        if stmt is None:
            stmt = w.sql[conn.dialect.name] = Prepared.of(conn, select(claims.c.seq)
                                                          .join(documents, documents.c.seq == claims.c.doc)
                                                          .where(claims.c.doc == bindparam("doc", 0), *claim_where(conn, f)))
        got = {g[0] for g in stmt.run(conn, doc_seq)}
        out += [(w, _claim_item(f, r)) for r in rows if r.seq in got]
    return out


def _claim_may_match(f: ClaimFilter, r: Any, source: str | None, folded: str | None) -> bool:
    """A necessary condition of `claim_where(f)` on one claim (`folded`: its folded text on
    SQLite; PostgreSQL stems, so there its full-text query alone decides)."""
    if f.speaker and not (r.speaker_entity == f.speaker
                          or (r.speaker_name and f.speaker.lower() in r.speaker_name.lower())):
        return False
    if (f.direct is not None and bool(r.direct) != f.direct) or (f.source and source != f.source):
        return False
    if (f.since and (r.date is None or r.date < f.since)) or (f.until and (r.date is None or r.date > f.until)):
        return False
    return folded is None or words_in(f.text, folded)


def _claim_item(f: ClaimFilter, r: Any) -> dict[str, Any]:
    parts = [f"{label} '{v}'" for label, v in (("speaker", f.speaker), ("via", f.via), ("words", f.text),
                                                ("source", f.source)) if v]
    if f.direct:
        parts.append("direct quote")
    return {"kind": "claim", "item_id": r.claim_id, "sentence": r.text, "start": r.start, "end": r.end,
            "place": None, "lat": None, "lon": None, "date": r.date,
            "term": "; ".join(parts) or "any claim"}


def _match_documents(conn: Connection, doc_seq: int, doc: Any, ws: list[Compiled]) -> list[tuple[Compiled, dict]]:
    folded = fold(f"{doc.title or ''} {doc.text}") if conn.dialect.name == "sqlite" else None
    out = []
    for w in ws:
        if (w.source and doc.source != w.source) or (folded is not None and not words_in(w.words, folded)):
            continue
        if w.words and not _fts_sql(conn, w).run(conn, doc_seq):
            continue
        out.append((w, _document_item(w, doc)))
    return out


def _fts_sql(conn: Connection, w: Compiled) -> Prepared:
    """The full-text query of a search watch over one document (as `warbrief search`)."""
    got = w.sql.get(conn.dialect.name)
    if got is None:
        if conn.dialect.name == "postgresql":
            sql = text("SELECT 1 FROM documents WHERE seq = :doc AND tsv @@ websearch_to_tsquery('english', :q)")
            got = Prepared.of(conn, sql.bindparams(doc=0, q=w.words))
        else:
            sql = text("SELECT 1 FROM documents_fts WHERE documents_fts MATCH :q AND rowid = :doc")
            got = Prepared.of(conn, sql.bindparams(q=fts_query(w.words or ""), doc=0))
        w.sql[conn.dialect.name] = got
    return got


def _document_item(w: Compiled, doc: Any) -> dict[str, Any]:
    """The sentence holding the first of the words (else the document's first sentence)."""
    body = doc.text
    first = re.findall(r"\w+", w.words or "", re.UNICODE)[:1]
    m = re.search(re.escape(first[0]), body, re.IGNORECASE) if first else None
    at = m.start() if m else 0
    dot = body.rfind(". ", 0, at)
    start = max(dot + 2 if dot >= 0 else 0, body.rfind("\n", 0, at) + 1)
    ends = [i for i in (body.find(". ", at), body.find("\n", at)) if i >= 0]
    end = min(ends) + 1 if ends else len(body)
    return {"kind": "document", "item_id": None, "sentence": body[start:end].strip(), "start": start, "end": end,
            "place": None, "lat": None, "lon": None, "date": doc.published_date,
            "term": f"words '{w.words}'" + (f"; source '{w.source}'" if w.source else "")}


# ---- recording a match and its deliveries ------------------------------------------------
def _insert(conn: Connection) -> Any:
    return pg_insert if conn.dialect.name == "postgresql" else sqlite_insert


def _record(conn: Connection, found: list[tuple[Compiled, dict[str, Any]]], doc: Any) -> int:
    """Insert the matches not yet recorded (-> how many), their first source and deliveries,
    a few statements for all of a document's matches."""
    at = stamp()
    rows = {}
    for w, item in found:
        key = doc.id + (f"#{item['item_id']}" if item.get("item_id") else "")
        rows[(w.seq, key)] = {**item, "watch": w.seq, "key": key, "doc_id": doc.id, "title": doc.title,
                              "source": doc.source, "url": doc.url, "sources": 1, "created": at}
    have = {(r.watch, r.key) for r in conn.execute(select(watch_matches.c.watch, watch_matches.c.key)
                                                   .where(watch_matches.c.doc_id == doc.id))}
    new = [r for k, r in rows.items() if k not in have]
    if not new:
        return 0
    ins = _insert(conn)
    got = conn.execute(ins(watch_matches).on_conflict_do_nothing(index_elements=["watch", "key"])
                       .returning(watch_matches.c.seq, watch_matches.c.watch), new).all()
    conn.execute(ins(watch_match_sources).on_conflict_do_nothing(),
                 [{"match": g.seq, "doc_id": doc.id, "source": doc.source} for g in got])
    by_seq = {w.seq: w for w, _ in found}
    enqueue_many(conn, [(by_seq[g.watch], g.seq) for g in got if by_seq[g.watch].min_sources <= 1])
    return len(got)


def add_source(conn: Connection, dup_id: str, original_id: str, ws: list[Compiled]) -> None:
    """A near-duplicate of `original_id` arrived: each match of the original gains it as a
    source; a match reaching its watch's minimum of independent sources is delivered now."""
    by_seq = {w.seq: w for w in ws}
    source = conn.execute(select(documents.c.source).where(documents.c.id == dup_id)).scalar()
    ins = _insert(conn)
    for m in conn.execute(select(watch_matches.c.seq, watch_matches.c.watch, watch_matches.c.sources)
                          .where(watch_matches.c.doc_id == original_id)).all():
        added = conn.execute(ins(watch_match_sources).on_conflict_do_nothing(),
                             {"match": m.seq, "doc_id": dup_id, "source": source}).rowcount
        if not added:
            continue
        n = conn.execute(select(func.count(func.distinct(func.coalesce(watch_match_sources.c.source,
                                                                       watch_match_sources.c.doc_id))))
                         .where(watch_match_sources.c.match == m.seq)).scalar_one()
        conn.execute(watch_matches.update().where(watch_matches.c.seq == m.seq).values(sources=n))
        w = by_seq.get(m.watch)
        if w and m.sources < w.min_sources <= n:
            enqueue_many(conn, [(w, m.seq)])


def digest_period(digest: str | None, at: datetime, match_seq: int) -> tuple[str, datetime]:
    """(period key, when it may be sent): immediate now; daily after the UTC day ends; weekly
    after the ISO week ends."""
    if digest == "daily":
        day = at.date()
        return day.isoformat(), datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(days=1)
    if digest == "weekly":
        y, wk, wd = at.isocalendar()
        monday = datetime(at.year, at.month, at.day, tzinfo=UTC) - timedelta(days=wd - 1)
        return f"{y}-W{wk:02d}", monday + timedelta(days=7)
    return f"m{match_seq}", at


def enqueue_many(conn: Connection, matches: list[tuple[Compiled, int]], at: datetime | None = None) -> None:
    """The outbox rows of new matches, one per channel of their watch."""
    at = at or datetime.now(UTC)
    rows = []
    for w, match_seq in matches:
        for ch in w.channels:
            period, when = digest_period(w.digest, at, match_seq) if ch == "email" else (f"m{match_seq}", at)
            rows.append({"match": match_seq, "watch": w.seq, "channel": ch, "period": period, "status": "pending",
                         "attempts": 0, "next_at": stamp(when)})
    if rows:
        conn.execute(_insert(conn)(watch_outbox).on_conflict_do_nothing(index_elements=["match", "channel"]), rows)


def period_documents(conn: Connection, since: str | None, until: str | None) -> list[int]:
    """Document seqs of a period (by publication date), oldest first, for `watch check`."""
    q = select(documents.c.seq)
    if since:
        q = q.where(documents.c.published_date >= since)
    if until:
        q = q.where(documents.c.published_date <= until)
    return list(conn.execute(q.order_by(documents.c.seq)).scalars())


def check_document(conn: Connection, doc_seq: int, names: list[str] | None = None) -> int:
    """Re-match one stored document (`watch check`): new matches only; a near-duplicate adds its
    source to its original's matches."""
    ws = active_watches(conn, names)
    if not ws.all:
        return 0
    d = conn.execute(select(documents.c.id, documents.c.duplicate_of).where(documents.c.seq == doc_seq)).one()
    if d.duplicate_of:
        add_source(conn, d.id, d.duplicate_of, ws.all)
        return 0
    return match_document(conn, doc_seq, ws)
