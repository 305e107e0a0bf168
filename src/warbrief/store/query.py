"""Queries over the store: events, claims, entities, full-text search; cursor pagination.

Every query takes a filter dataclass and returns a `Page` (items + `next_cursor`, an opaque
string to pass back for the next page, None on the last page). Items are plain dicts: the
contract record (event or claim JSON) plus where it came from (`document`) and what the
store derived (`lat`/`lon`, `date_start`/`date_end`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, exists, func, or_, select, text
from sqlalchemy.engine import Connection

from ..errors import UsageError
from ..geo import EARTH_RADIUS_KM as EARTH_KM
from ..geo import bbox
from ..geo import km_or_none as km
from .codec import unpack_many
from .schema import claim_chain, claims, documents, entities, event_parties, events, mentions
from .spellings import Expansion, expand

MAX_LIMIT = 10_000


@dataclass
class Page:
    items: list[dict[str, Any]]
    next_cursor: str | None = None
    also_searched: list[str] = field(default_factory=list)  # other spellings a search added


@dataclass
class EventFilter:
    types: list[str] = field(default_factory=list)  # PLOVER types, e.g. ["ASSAULT"]
    actor: str | None = None  # entity id or (part of) a name; actors and recipients
    place: str | None = None  # place name, "geonames:703656" or "703656"
    radius_km: float | None = None  # with `place` or `near`: everything within this distance
    near: tuple[float, float] | None = None  # (lat, lon) centre for radius_km
    since: str | None = None  # YYYY-MM-DD: events whose time lies within [since, until]
    until: str | None = None
    text: str | None = None  # words in the event's sentence
    modality: str | None = None
    label: str | None = None
    source: str | None = None  # the document's source (outlet)
    bbox: tuple[float, float, float, float] | None = None  # (min lon, min lat, max lon, max lat)


@dataclass
class ClaimFilter:
    speaker: str | None = None  # entity id or (part of) the speaker's name
    via: str | None = None  # an entity id or name in the claim's chain (who relayed it)
    text: str | None = None  # full-text search over the claim's text
    since: str | None = None  # YYYY-MM-DD on the claim's time, else its document's date
    until: str | None = None
    direct: bool | None = None
    source: str | None = None


@dataclass
class EntityFilter:
    type: str | None = None
    name: str | None = None  # part of the name, case-insensitive
    country: str | None = None


_DOC_COLS = (documents.c.id.label("doc_id"), documents.c.title.label("doc_title"),
             documents.c.source.label("doc_source"), documents.c.url.label("doc_url"),
             documents.c.published.label("doc_published"))


def _doc(row: Any) -> dict[str, Any]:
    return {"id": row.doc_id, "title": row.doc_title, "source": row.doc_source, "url": row.doc_url,
            "published": row.doc_published}


def _cursor_int(cursor: str | None) -> int | None:
    if cursor is None:
        return None
    if not (isinstance(cursor, str) and cursor.isascii() and cursor.isdigit() and len(cursor) <= 18):
        raise UsageError(f"[Q001] invalid cursor {str(cursor)[:40]!r}: pass back the next_cursor of the previous page")
    return int(cursor)


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"[Q002] limit must be between 1 and {MAX_LIMIT:,} (got {limit})")
    return limit


def _like(value: str) -> str:
    return "%" + value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _geonames_id(place: str) -> int | None:
    m = re.fullmatch(r"(?:geonames:)?(\d+)", place.strip())
    return int(m[1]) if m else None


def place_center(conn: Connection, place: str) -> tuple[float, float] | None:
    """Coordinates of a place known to the store, by GeoNames id or name (case-insensitive)."""
    gid = _geonames_id(place)
    q = select(entities.c.lat, entities.c.lon).where(entities.c.lat.is_not(None))
    q = q.where(entities.c.geonames_id == gid) if gid is not None else q.where(
        entities.c.type == "PLACE", func.lower(entities.c.name) == place.strip().lower())
    row = conn.execute(q.order_by(entities.c.id).limit(1)).first()
    return (row.lat, row.lon) if row else None


@dataclass
class EventWhere:
    conds: list[Any]
    circle: tuple[float, float, float] | None = None  # (lat, lon, km) still to check in Python


def event_where(conn: Connection, f: EventFilter) -> EventWhere:
    conds: list[Any] = []
    if f.types:
        conds.append(events.c.type.in_([t.upper() for t in f.types]))
    if f.since:
        conds.append(events.c.date_start >= f.since)
    if f.until:
        conds += [events.c.date_start <= f.until, events.c.date_end <= f.until]
    if f.modality:
        conds.append(events.c.modality == f.modality)
    if f.label:
        conds.append(events.c.label == f.label)
    if f.text:
        conds.append(func.lower(events.c.sentence).like(_like(f.text), escape="\\"))
    if f.actor:
        p = event_parties  # selects only indexed columns, so the EXISTS reads the index alone
        conds.append(select(p.c.event).where(p.c.event == events.c.seq, or_(
            p.c.entity == f.actor, func.lower(p.c.name).like(_like(f.actor), escape="\\"))).exists())
    if f.source:
        conds.append(events.c.doc.in_(select(documents.c.seq).where(documents.c.source == f.source)))
    if f.bbox is not None:
        w, s, e, n = f.bbox
        conds += [events.c.lat.between(s, n), *_lon_range(w, e)]
    center = f.near
    circle = None
    if f.radius_km is not None:
        if center is None and f.place:
            center = place_center(conn, f.place)
            if center is None:
                raise UsageError(f"[Q003] place {f.place!r} is not in the database, so no radius can be "
                                 f"drawn around it: give its GeoNames id or --near LAT,LON")
        if center is None:
            raise UsageError("[Q004] a radius needs a centre: give --place or --near LAT,LON")
        box, exact = _radius(conn, center, f.radius_km)
        conds += box
        if exact is None:
            circle = (center[0], center[1], f.radius_km)
        else:
            conds.append(exact)
    elif f.place:
        gid = _geonames_id(f.place)
        conds.append(events.c.geonames_id == gid if gid is not None
                     else func.lower(events.c.place_name) == f.place.strip().lower())
    return EventWhere(conds, circle)


def sqlite_has_math() -> bool:
    """Whether this process's SQLite has the built-in math functions (3.35+, compiled with
    SQLITE_ENABLE_MATH_FUNCTIONS, as most builds are). Without them the exact distance is
    checked in Python on the rows of the bounding box."""
    global _SQLITE_MATH
    if _SQLITE_MATH is None:
        import sqlite3

        try:
            with closing(sqlite3.connect(":memory:")) as c:
                _SQLITE_MATH = c.execute("SELECT asin(sqrt(power(sin(radians(30)), 2)))").fetchone()[0] is not None
        except sqlite3.OperationalError:
            _SQLITE_MATH = False
    return _SQLITE_MATH


_SQLITE_MATH: bool | None = None


def _lon_range(west: float, east: float) -> list[Any]:
    """Longitude between west and east; a range across the antimeridian (west > east) wraps."""
    if west <= east:
        return [events.c.lon.between(west, east)]
    return [or_(events.c.lon >= west, events.c.lon <= east)]


def _radius(conn: Connection, center: tuple[float, float], km: float) -> tuple[list[Any], Any]:
    """(a bounding box the index can use, the exact great-circle test in SQL), the second None
    when the database has no math functions (then the caller checks the distance in Python).
    The test is haversine's `a <= sin^2(km / 2R)`, the same as `distance <= km` without asin;
    every factor of the centre is a constant, so SQLite evaluates it in C, never calling back
    into Python (no GIL held per row)."""
    lat, lon = center
    west, south, east, north = bbox(lat, lon, km)
    box: list[Any] = [events.c.lat.between(south, north)]
    if (west, east) != (-180.0, 180.0):
        box += _lon_range(west, east)
    half = km / (2 * EARTH_KM)
    if half >= math.pi / 2:  # half the globe's circumference or more: everywhere
        return box, events.c.lat.is_not(None)
    if conn.dialect.name == "sqlite" and not sqlite_has_math():
        return box, None
    rlat, rlon = math.radians(lat), math.radians(lon)
    a = (func.power(func.sin((func.radians(events.c.lat) - rlat) / 2), 2)
         + math.cos(rlat) * func.cos(func.radians(events.c.lat))
         * func.power(func.sin((func.radians(events.c.lon) - rlon) / 2), 2))
    return box, a <= math.sin(half) ** 2


def _in_circle(row: Any, circle: tuple[float, float, float]) -> bool:
    d = km(circle[0], circle[1], row.lat, row.lon)
    return d is not None and d <= circle[2]


_EVENT_COLS = (events.c.seq, events.c.data, events.c.lat, events.c.lon, events.c.geonames_id,
               events.c.date_start, events.c.date_end, events.c.date_source, events.c.sentence, *_DOC_COLS)


def _event_rows(conn: Connection, conds: list[Any], after: int | None, n: int) -> list[Any]:
    """The first `n` matching events after `after`, in seq order. The seqs are picked first (from
    the covering index when the filters allow), then only those rows are read and joined."""
    seqs = select(events.c.seq).where(and_(True, *conds))
    if after is not None:
        seqs = seqs.where(events.c.seq > after)
    page = seqs.order_by(events.c.seq).limit(n).subquery()
    q = (select(*_EVENT_COLS).join(documents, documents.c.seq == events.c.doc)
         .where(events.c.seq.in_(select(page.c.seq))).order_by(events.c.seq))
    return list(conn.execute(q).all())


def events_page(conn: Connection, f: EventFilter, limit: int = 100, cursor: str | None = None) -> Page:
    after = _cursor_int(cursor)
    where = event_where(conn, f)
    want = _limit(limit) + 1
    if where.circle is None:
        rows = _event_rows(conn, where.conds, after, want)
    else:  # no SQL math: the box's rows, chunk by chunk, kept when inside the circle
        rows, chunk = [], max(want, 500)
        while len(rows) < want:
            got = _event_rows(conn, where.conds, after, chunk)
            rows += [r for r in got if _in_circle(r, where.circle)]
            if len(got) < chunk:
                break
            after = got[-1].seq
    rows = rows[:want]
    items = [{**e, "document": _doc(r), "lat": r.lat, "lon": r.lon,
              "geonames_id": r.geonames_id, "date_start": r.date_start, "date_end": r.date_end,
              "date_source": r.date_source, "sentence_text": r.sentence}
             for r, e in zip(rows[:limit], unpack_many([r.data for r in rows[:limit]]), strict=True)]
    return Page(items, str(rows[limit - 1].seq) if len(rows) > limit else None)


def count_events(conn: Connection, f: EventFilter) -> int:
    where = event_where(conn, f)
    if where.circle is None:
        return conn.execute(select(func.count()).select_from(events).where(and_(True, *where.conds))
                            ).scalar_one()
    circle = where.circle
    return sum(_in_circle(r, circle) for r in conn.execute(
        select(events.c.lat, events.c.lon).where(and_(True, *where.conds))))


def claims_page(conn: Connection, f: ClaimFilter, limit: int = 100, cursor: str | None = None) -> Page:
    after = _cursor_int(cursor)
    conds: list[Any] = claim_where(conn, f)
    if after is not None:
        conds.append(claims.c.seq > after)
    q = (select(claims.c.seq, claims.c.data, claims.c.date, *_DOC_COLS)
         .join(documents, documents.c.seq == claims.c.doc)
         .where(and_(True, *conds)).order_by(claims.c.seq).limit(_limit(limit) + 1))
    rows = conn.execute(q).all()
    items = [{**c, "document": _doc(r), "date": r.date}
             for r, c in zip(rows[:limit], unpack_many([r.data for r in rows[:limit]]), strict=True)]
    return Page(items, str(rows[limit - 1].seq) if len(rows) > limit else None)


def claim_where(conn: Connection, f: ClaimFilter) -> list[Any]:
    """The conditions of a claim filter (over `claims` joined with `documents`)."""
    conds: list[Any] = []
    if f.speaker:
        conds.append(or_(claims.c.speaker_entity == f.speaker,
                         func.lower(claims.c.speaker_name).like(_like(f.speaker), escape="\\")))
    if f.via:
        cc = claim_chain
        conds.append(exists().where(cc.c.claim == claims.c.seq, or_(
            cc.c.entity == f.via, func.lower(cc.c.name).like(_like(f.via), escape="\\"))))
    if f.since:
        conds.append(claims.c.date >= f.since)
    if f.until:
        conds.append(claims.c.date <= f.until)
    if f.direct is not None:
        conds.append(claims.c.direct == f.direct)
    if f.source:
        conds.append(documents.c.source == f.source)
    if f.text:
        conds.append(claims.c.seq.in_(_fts_claims(conn, f.text)))
    return conds


def entities_page(conn: Connection, f: EntityFilter, limit: int = 100, cursor: str | None = None) -> Page:
    conds: list[Any] = []
    if cursor is not None:
        conds.append(entities.c.id > cursor)
    if f.type:
        conds.append(entities.c.type == f.type.upper())
    if f.name:
        conds.append(func.lower(entities.c.name).like(_like(f.name), escape="\\"))
    if f.country:
        conds.append(entities.c.country == f.country.upper())
    counts = (select(mentions.c.entity, func.count().label("n"), func.count(func.distinct(mentions.c.doc)).label("d"))
              .group_by(mentions.c.entity).subquery())
    q = (select(entities, func.coalesce(counts.c.n, 0).label("mentions"),
                func.coalesce(counts.c.d, 0).label("documents"))
         .outerjoin(counts, counts.c.entity == entities.c.id)
         .where(and_(True, *conds)).order_by(entities.c.id).limit(_limit(limit) + 1))
    rows = conn.execute(q).all()
    items = [dict(r._mapping) for r in rows[:limit]]
    return Page(items, rows[limit - 1].id if len(rows) > limit else None)


def fts_query(words: str | Expansion) -> str:
    """User words -> an FTS5 query that cannot be a syntax error: every word quoted, all
    required; a name's other spellings (an `Expansion`) are alternatives ("a" OR "b c")."""
    groups = words.groups if isinstance(words, Expansion) else [[t] for t in re.findall(r"\w+", words, re.UNICODE)]
    if not groups:
        raise UsageError(f"[Q005] nothing to search for in {words!r}: give one or more words")

    def phrase(s: str) -> str:
        return '"' + " ".join(re.findall(r"\w+", s, re.UNICODE)) + '"'

    return " AND ".join(phrase(g[0]) if len(g) == 1 else "(" + " OR ".join(phrase(x) for x in g) + ")" for g in groups)


def pg_tsquery(exp: Expansion) -> tuple[str, dict[str, str]]:
    """The same query for PostgreSQL: an SQL tsquery expression and its parameters."""
    if not exp.groups:
        raise UsageError("[Q005] nothing to search for: give one or more words")
    parts, params = [], {}
    for i, group in enumerate(exp.groups):
        alts = []
        for j, spelling in enumerate(group):
            params[f"q{i}_{j}"] = spelling
            alts.append(f"phraseto_tsquery('english', :q{i}_{j})")
        parts.append("(" + " || ".join(alts) + ")")
    return " && ".join(parts), params


def _fts_claims(conn: Connection, words: str) -> Select[Any]:
    exp = expand(conn, words)
    if conn.dialect.name == "postgresql":
        tsq, params = pg_tsquery(exp)
        return select(claims.c.seq).where(text(f"claims.tsv @@ ({tsq})").bindparams(**params))
    return select(text("rowid")).select_from(text("claims_fts")).where(
        text("claims_fts MATCH :q").bindparams(q=fts_query(exp)))


def search_page(conn: Connection, words: str, limit: int = 20, cursor: str | None = None) -> Page:
    """Documents matching all the words (a name in any spelling the store holds), best first,
    with a snippet: plain text with the matches between [ and ] on both databases (the pages
    mark them, escaped)."""
    offset = _cursor_int(cursor) or 0
    lim = _limit(limit)
    exp = expand(conn, words)
    if conn.dialect.name == "postgresql":
        tsq, params = pg_tsquery(exp)
        sql = text(f"""SELECT d.id AS doc_id, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url,
                   d.published AS doc_published,
                   ts_headline('english', d.text, t.q,
                               'MaxWords=20, MinWords=8, StartSel="[", StopSel="]"') AS snippet,
                   ts_rank(d.tsv, t.q) AS score
            FROM documents d, (SELECT {tsq} AS q) t
            WHERE d.tsv @@ t.q AND d.duplicate_of IS NULL
            ORDER BY score DESC, d.seq LIMIT :n OFFSET :o""").bindparams(n=lim + 1, o=offset, **params)
    else:
        sql = text("""SELECT d.id AS doc_id, d.title AS doc_title, d.source AS doc_source, d.url AS doc_url,
                   d.published AS doc_published,
                   snippet(documents_fts, 1, '[', ']', '...', 16) AS snippet,
                   -bm25(documents_fts) AS score
            FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
            WHERE documents_fts MATCH :q AND d.duplicate_of IS NULL
            ORDER BY bm25(documents_fts), d.seq LIMIT :n OFFSET :o""").bindparams(
            q=fts_query(exp), n=lim + 1, o=offset)
    rows = conn.execute(sql).all()
    items = [{"document": _doc(r), "snippet": r.snippet, "score": round(float(r.score), 4)} for r in rows[:lim]]
    return Page(items, str(offset + lim) if len(rows) > lim else None, exp.also)


def iter_pages(fetch: Any, f: Any, page_size: int = 1000) -> Iterator[dict[str, Any]]:
    """Every item of a paginated query, page by page."""
    cursor = None
    while True:
        page = fetch(f, limit=page_size, cursor=cursor)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


# ---- documents, the date histogram, map features, one entity (what the API and pages read) ---
DOC_FIELDS = ("id", "title", "source", "url", "published", "retrieved", "origin", "duplicate_of")


@dataclass
class DocumentFilter:
    q: str | None = None  # words (full-text search); None lists documents newest first
    source: str | None = None
    since: str | None = None  # YYYY-MM-DD on the publication day
    until: str | None = None


def _doc_fields(r: Any) -> dict[str, Any]:
    return {k: r._mapping[k] for k in DOC_FIELDS}


def _doc_where(f: DocumentFilter) -> list[Any]:
    conds: list[Any] = [documents.c.duplicate_of.is_(None)]
    if f.source:
        conds.append(documents.c.source == f.source)
    if f.since:
        conds.append(documents.c.published_date >= f.since)
    if f.until:
        conds.append(documents.c.published_date <= f.until)
    return conds


def document_row(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(*[documents.c[k] for k in DOC_FIELDS]).where(documents.c.id == doc_id)).first()
    return _doc_fields(row) if row else None


def documents_page(conn: Connection, f: DocumentFilter, limit: int, cursor: str | None = None) -> Page:
    """Documents (not near-duplicates) matching the filter's source and days, newest stored first."""
    after = _cursor_int(cursor)
    q = select(documents.c.seq, *[documents.c[k] for k in DOC_FIELDS]).where(*_doc_where(f))
    if after is not None:
        q = q.where(documents.c.seq < after)
    rows = conn.execute(q.order_by(documents.c.seq.desc()).limit(_limit(limit) + 1)).all()
    items = [{"document": _doc_fields(r), "snippet": None, "score": None} for r in rows[:limit]]
    return Page(items, str(rows[limit - 1].seq) if len(rows) > limit else None)


def day_histogram(conn: Connection, f: DocumentFilter) -> list[tuple[str, int]]:
    """(publication day, documents) for the filter's source and days, oldest first."""
    q = (select(documents.c.published_date, func.count()).where(*_doc_where(f))
         .where(documents.c.published_date.is_not(None))
         .group_by(documents.c.published_date).order_by(documents.c.published_date))
    return [(d, n) for d, n in conn.execute(q).all()]


def latest_day(conn: Connection) -> str | None:
    return conn.execute(select(func.max(documents.c.published_date))
                        .where(documents.c.duplicate_of.is_(None))).scalar()


def sources(conn: Connection, limit: int = 500) -> list[str]:
    q = select(documents.c.source).where(documents.c.source.is_not(None)).distinct()
    return [s for (s,) in conn.execute(q.order_by(documents.c.source).limit(limit))]


FEATURE_COLUMNS = ("doc_id", "event_id", "type", "label", "modality", "lat", "lon", "date_start", "date_end",
                   "place_name", "place_precision", "sentence", "source")


def event_rows_page(conn: Connection, f: EventFilter, limit: int, cursor: str | None = None) -> Page | None:
    """Events as flat rows of `FEATURE_COLUMNS` (for the map), straight from the events'
    columns without decoding each stored record; None when the filter has a radius the
    database cannot compute in SQL (then `events_page` filters by exact distance)."""
    after = _cursor_int(cursor)
    where = event_where(conn, f)
    if where.circle is not None:
        return None
    ev = events
    conds = [*where.conds, *([ev.c.seq > after] if after is not None else [])]
    q = (select(ev.c.seq, ev.c.event_id, ev.c.type, ev.c.label, ev.c.modality, ev.c.lat, ev.c.lon,
                ev.c.date_start, ev.c.date_end, ev.c.place_name, ev.c.place_precision,
                ev.c.sentence, documents.c.id.label("doc_id"), documents.c.source)
         .join(documents, documents.c.seq == ev.c.doc).where(*conds).order_by(ev.c.seq).limit(limit + 1))
    rows = conn.execute(q).all()
    items = [{k: r._mapping[k] for k in FEATURE_COLUMNS} for r in rows[:limit]]
    return Page(items, str(rows[limit - 1].seq) if len(rows) > limit else None)


def entity_row(conn: Connection, entity_id: str) -> dict[str, Any] | None:
    """One entity with its counts of mentions and of documents."""
    row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
    if row is None:
        return None
    n, d = conn.execute(select(func.count(), func.count(func.distinct(mentions.c.doc)))
                        .where(mentions.c.entity == entity_id)).one()
    return {**dict(row._mapping), "mentions": n, "documents": d}


def entity_document_ids(conn: Connection, entity_id: str, limit: int = 200) -> list[str]:
    """Ids of the documents that mention an entity, newest published first."""
    q = (select(documents.c.id).join(mentions, mentions.c.doc == documents.c.seq)
         .where(mentions.c.entity == entity_id, documents.c.duplicate_of.is_(None))
         .group_by(documents.c.id, documents.c.published_date)
         .order_by(documents.c.published_date.desc()).limit(limit))
    return list(conn.execute(q).scalars())
