"""The JSON API under `/api` (described by `/api/openapi.json`).

Every answer is `{"data": ..., "meta": {...}}` or `{"error": {...}}` (see `responses`); lists
are paginated by cursor (`?limit=` up to 500, `?cursor=` from `meta.next_cursor`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from pydantic import AfterValidator

from ..analysis import EVENT_TYPES, MODALITIES
from ..dates import iso_range
from ..store import ClaimFilter, EntityFilter, EventFilter
from . import pagination
from .backend import Backend, DocQuery
from .ingest import INGEST_OPENAPI, ingest_request
from .responses import ERROR_RESPONSES, ApiError, ApiJSON, Envelope, ok
from .security import require_token

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)

Limit = Annotated[int, Query(ge=1, le=pagination.MAX_LIMIT, description=f"page size, 1 to {pagination.MAX_LIMIT}")]
EventLimit = Annotated[int, Query(ge=1, le=pagination.MAX_GEOJSON_LIMIT,
                                  description=f"page size, 1 to {pagination.MAX_LIMIT} (larger values are "
                                              f"capped), or up to {pagination.MAX_GEOJSON_LIMIT} with format=geojson")]
Cursor = Annotated[str | None, Query(max_length=600, description="`meta.next_cursor` of the previous page")]
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _day_of(value: str | None, end: bool) -> str | None:
    """A day, month or year as the CLI takes them ('2024-11') -> its first (or last) day."""
    if value is None:
        return None
    found = iso_range(value)
    if found is None:
        raise ValueError(f"{value!r} is no date: give YYYY-MM-DD, YYYY-MM or YYYY")
    return found[1] if end else found[0]


Since = Annotated[str | None, Query(pattern=DATE, description="first day: YYYY-MM-DD, or a month YYYY-MM or a year YYYY "
                                                                "(from its first day)"),
                  AfterValidator(lambda v: _day_of(v, end=False))]
Until = Annotated[str | None, Query(pattern=DATE, description="last day: YYYY-MM-DD, or a month YYYY-MM or a year YYYY "
                                                                "(to its last day)"),
                  AfterValidator(lambda v: _day_of(v, end=True))]
Text = Annotated[str | None, Query(max_length=200)]


async def backend(request: Request) -> Backend:
    # async: a plain attribute read, so FastAPI calls it on the event loop instead of sending
    # it to the thread pool (one thread hop less per request)
    return request.app.state.backend


Db = Annotated[Backend, Depends(backend)]


def _limit(limit: int, geojson: bool = False) -> int:
    """The effective page size: JSON pages hold at most MAX_LIMIT items (`meta.limit` says)."""
    return limit if geojson else min(limit, pagination.MAX_LIMIT)


def _page(codec: Any, db_call: Any, query: dict[str, Any], limit: int, cursor: str | None
          ) -> tuple[list[Any], dict]:
    position = pagination.decode(codec, cursor, query)
    page = db_call(limit, position)
    nxt = pagination.encode(codec, page.next_cursor, query) if page.next_cursor is not None else None
    meta = {"limit": limit, "count": len(page.items), "next_cursor": nxt}
    if getattr(page, "also_searched", None):
        meta["also_searched"] = page.also_searched  # a name's other spellings the search added
    return page.items, meta


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for x in values or [] for v in x.split(",") if v.strip()]


def _floats(value: str | None, n: int, name: str) -> tuple[float, ...] | None:
    if value is None:
        return None
    parts = value.split(",")
    try:
        nums = tuple(float(p) for p in parts)
    except ValueError:
        nums = ()
    if len(nums) != n or not all(map(_finite, nums)):
        raise ApiError(422, f"{name} must be {n} comma-separated numbers (got {value!r})", "invalid")
    return nums


def _finite(x: float) -> bool:
    return x == x and abs(x) != float("inf")


# ---- documents ------------------------------------------------------------------------

@router.get("/documents", response_model=Envelope, summary="Search and list documents")
def list_documents(db: Db, q: Text = None, source: Text = None, since: Since = None, until: Until = None,
                   limit: Limit = pagination.DEFAULT_LIMIT, cursor: Cursor = None) -> Any:
    """Documents matching all the words of `q` (best first, with a snippet), or without `q`
    the newest stored first; near-duplicates are left out."""
    if q is not None and not re.search(r"\w", q):
        return ok([], limit=limit, count=0, next_cursor=None)  # nothing to search for
    dq = DocQuery(q, source, since, until)
    query = {"q": q, "source": source, "since": since, "until": until, "limit": limit}
    items, meta = _page(db.cursors, lambda n, c: db.documents(dq, n, c), query, _limit(limit), cursor)
    return ok(items, **meta)


@router.get("/documents/{doc_id}", response_model=Envelope, summary="One document's analysis record")
def get_document(db: Db, doc_id: Annotated[str, Path(max_length=100)]) -> Any:
    """`data` is the analysis record of the contract (`warbrief.analysis/1`), exactly as
    stored; `meta` adds where it came from (origin, retrieval time, near-duplicate link)."""
    analysis = db.analysis(doc_id)
    if analysis is None:
        raise ApiError(404, f"no document {doc_id!r} in this database; find ids with GET /api/documents")
    meta = db.document_meta(doc_id) or {}
    return ok(analysis, document={k: meta.get(k) for k in ("origin", "retrieved", "duplicate_of")})


@router.post("/documents", response_model=Envelope, status_code=201, summary="Ingest a document",
             openapi_extra=INGEST_OPENAPI, responses={200: {"model": Envelope, "description": "already stored"},
                                                      401: {"model": ERROR_RESPONSES[400]["model"],
                                                            "description": "no valid token"},
                                                      415: {"model": ERROR_RESPONSES[400]["model"],
                                                            "description": "neither JSON nor a form, or a "
                                                                           "file of a kind warbrief cannot read"}})
async def post_document(request: Request, db: Db, token_name: Annotated[str, Depends(require_token)]) -> Any:
    """Analyse and store a text, a URL (fetched with the private-network refusal) or an
    uploaded file (.txt, .md, .html, .pdf). JSON body or multipart form; needs
    `Authorization: Bearer <token>` (`warbrief token create`)."""
    doc_input = await ingest_request(request)
    result = await run_in_threadpool(request.app.state.ingest, doc_input, token_name)
    return ok(result, status=201 if result["status"] == "stored" else 200)


# ---- events and claims ----------------------------------------------------------------

GEOJSON_RESPONSE: dict[int | str, dict[str, Any]] = {200: {"content": {"application/geo+json": {"schema": {"type": "object"}}},
                          "description": "events (JSON envelope, or GeoJSON with format=geojson)"}}


@router.get("/events", response_model=Envelope, responses=GEOJSON_RESPONSE, summary="Events")
def list_events(db: Db,
                type: Annotated[list[str] | None, Query(description="PLOVER types; repeat or comma-separate")] = None,
                actor: Text = None, place: Text = None,
                radius_km: Annotated[float | None, Query(gt=0, le=20000)] = None,
                near: Annotated[str | None, Query(max_length=60, description="LAT,LON centre for radius_km")] = None,
                bbox: Annotated[str | None, Query(max_length=120, description="MINLON,MINLAT,MAXLON,MAXLAT")] = None,
                since: Since = None, until: Until = None, text: Text = None,
                modality: Literal[MODALITIES] | None = None, label: Text = None,  # type: ignore[valid-type]
                source: Text = None, format: Literal["json", "geojson"] = "json",
                limit: EventLimit = pagination.DEFAULT_LIMIT, cursor: Cursor = None) -> Any:
    """Events filtered by type, actor, place (name or `geonames:ID`, with `radius_km`), a
    `near` point and radius, a bounding box, dates, words of the sentence, modality, label or
    source. `format=geojson` answers a FeatureCollection (properties carry the source sentence
    and the link to the document)."""
    types = [t.upper() for t in _split(type)]
    bad = [t for t in types if t not in EVENT_TYPES]
    if bad:
        raise ApiError(422, f"unknown event type {bad[0]!r}; one of {', '.join(EVENT_TYPES)}", "invalid")
    centre = _floats(near, 2, "near")
    box = _floats(bbox, 4, "bbox")
    if centre and not (-90 <= centre[0] <= 90 and -180 <= centre[1] <= 180):
        raise ApiError(422, "near must be LAT,LON within -90..90, -180..180", "invalid")
    if box and not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
        raise ApiError(422, "bbox must be MINLON,MINLAT,MAXLON,MAXLAT with min <= max", "invalid")
    if radius_km is not None and not (centre or place):
        raise ApiError(422, "radius_km needs a centre: give place or near", "invalid")
    f = EventFilter(types=types, actor=actor, place=place, radius_km=radius_km,
                    near=(centre[0], centre[1]) if centre else None, since=since, until=until, text=text,
                    modality=modality, label=label, source=source)
    geo = format == "geojson"
    query = {"type": ",".join(types) or None, "actor": actor, "place": place, "radius_km": radius_km,
             "near": near, "bbox": bbox, "since": since, "until": until, "text": text, "modality": modality,
             "label": label, "source": source, "format": format, "limit": limit}
    if geo:
        features, meta = _page(db.cursors, lambda n, c: db.event_features(f, n, c, box), query, limit, cursor)  # type: ignore[arg-type]
        return ApiJSON({"type": "FeatureCollection", "features": features, "meta": meta},
                       media_type="application/geo+json")
    items, meta = _page(db.cursors, lambda n, c: db.events(f, n, c, box), query, _limit(limit), cursor)  # type: ignore[arg-type]
    return ok(items, **meta)


@router.get("/claims", response_model=Envelope, summary="Claims (who said what)")
def list_claims(db: Db, speaker: Text = None, via: Text = None,
                topic: Annotated[str | None, Query(max_length=60, description="a topic of topics.yaml")] = None,
                text: Text = None, since: Since = None, until: Until = None, direct: bool | None = None,
                source: Text = None, limit: Limit = pagination.DEFAULT_LIMIT, cursor: Cursor = None) -> Any:
    """Claims by speaker (entity id or name), relay (`via`), topic, words of the claim,
    dates (the statement's time, else its document's date), direct quotes or reported speech."""
    if text is not None and not re.search(r"\w", text):
        return ok([], limit=limit, count=0, next_cursor=None)  # nothing to search for
    f = ClaimFilter(speaker=speaker, via=via, text=text, since=since, until=until, direct=direct, source=source)
    query = {"speaker": speaker, "via": via, "topic": topic, "text": text, "since": since, "until": until,
             "direct": direct, "source": source, "limit": limit}
    items, meta = _page(db.cursors, lambda n, c: db.claims(f, n, c, topic), query, _limit(limit), cursor)
    return ok(items, **meta)


# ---- entities -------------------------------------------------------------------------

@router.get("/entities", response_model=Envelope, summary="Entities")
def list_entities(db: Db, name: Text = None,
                  type: Annotated[str | None, Query(max_length=20)] = None,
                  country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{2}$")] = None,
                  limit: Limit = pagination.DEFAULT_LIMIT, cursor: Cursor = None) -> Any:
    """Entities by part of the name, type (PERSON, ORG, PLACE ...) and country, with their
    mention and document counts."""
    f = EntityFilter(type=type, name=name, country=country)
    query = {"name": name, "type": type, "country": country, "limit": limit}
    items, meta = _page(db.cursors, lambda n, c: db.entities(f, n, c), query, _limit(limit), cursor)
    return ok(items, **meta)


@router.get("/entities/{entity_id:path}", response_model=Envelope, summary="An entity's profile and timeline")
def get_entity(db: Db, entity_id: Annotated[str, Path(max_length=200)],
               positions: Annotated[bool, Query(description="add positions over time (slower)")] = True) -> Any:
    """The entity, its dated timeline (its statements, and the events it took part in or that
    happened at the place), and its positions over time by topic with changes of stance."""
    entity = db.entity(entity_id)
    if entity is None:
        raise ApiError(404, f"no entity {entity_id!r}; find ids with GET /api/entities?name=...")
    data: dict[str, Any] = {"entity": entity, "timeline": db.timeline(entity)}
    if positions:
        data.update(db.positions(entity))
    return ok(data)


# ---- the brief ------------------------------------------------------------------------

@router.get("/brief", response_model=Envelope, summary="The brief of key findings")
def get_brief(db: Db, date: Since = None, days: Annotated[int, Query(ge=1, le=31)] = 1) -> Any:
    """5 to 12 ranked findings for the `days` ending on `date` (default: the latest day with
    documents), each one sentence with its citations and independent source count."""
    got = db.cached_brief(date, days)
    if got is None:
        raise ApiError(404, "the database holds no dated document yet; ingest some with `warbrief ingest`")
    return ok(got[1])


@router.get("/health", response_model=Envelope, summary="Liveness and counts")
def health(db: Db) -> Any:
    return ok({"status": "ok", "counts": db.store.counts()})
