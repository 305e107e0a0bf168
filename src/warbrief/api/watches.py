"""`/api/watches`: list, create and delete watches (writes need the bearer token) and read a
watch's (or a watchlist's) matches. The body of a new watch is the YAML form of
`warbrief watch export`, as JSON, plus its name."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from ..errors import UsageError
from ..watch import service
from ..watch.model import from_yaml_dict
from .responses import ERROR_RESPONSES, ApiError, Envelope, ok
from .security import require_token

router = APIRouter(prefix="/api", responses=ERROR_RESPONSES)
_ERR = ERROR_RESPONSES[400]["model"]
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {401: {"model": _ERR, "description": "no valid token"},
                                                    409: {"model": _ERR, "description": "the name is taken"}}
Name = Annotated[str, Path(max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]


class WatchBody(BaseModel):
    """Exactly one of `events`, `claims` (the filters of GET /api/events, /api/claims) or
    `documents` ({"words": ...}, as a search)."""

    name: str = Field(max_length=64)
    events: dict[str, Any] | None = None
    claims: dict[str, Any] | None = None
    documents: dict[str, Any] | None = None
    list: str | None = Field(None, max_length=64)
    min_sources: int = Field(1, ge=1, le=100)
    webhook: str | None = Field(None, max_length=2000)
    webhook_secret_env: str | None = Field(None, max_length=100)
    email: str | None = Field(None, max_length=320)
    digest: str | None = None

    model_config = {"extra": "forbid"}


def _store(request: Request) -> Any:
    return request.app.state.store


def public(row: dict[str, Any]) -> dict[str, Any]:
    """A watch for readers: where its matches go is said, not shown (URLs may hold secrets)."""
    return {"name": row["name"], "list": row["watchlist_name"], "kind": row["kind"], "query": row["query"],
            "min_sources": row["min_sources"], "webhook": bool(row["webhook"]), "email": bool(row["email"]),
            "digest": row["digest"], "matches": row["matches"], "last_match": row["last_match"],
            "feed": f"/watches/{row['name']}.atom", "created": row["created"]}


@router.get("/watches", response_model=Envelope, summary="Watches")
def list_watches(request: Request, list: Annotated[str | None, Query(max_length=64)] = None) -> Any:
    """Every watch (or a watchlist's), with its match count and feed."""
    rows = [public(r) for r in _store(request).watch.watches(list)]
    return ok(rows, count=len(rows))


@router.post("/watches", response_model=Envelope, status_code=201, summary="Create a watch",
             responses=WRITE_RESPONSES)
def create_watch(request: Request, body: WatchBody, token_name: Annotated[str, Depends(require_token)]) -> Any:
    """Add a watch; needs `Authorization: Bearer <token>`. Webhook targets on private networks
    are refused (the CLI's `--allow-private-urls` is not offered here)."""
    d = body.model_dump(exclude_none=True)
    spec = from_yaml_dict(d.pop("name"), d, f"watch {body.name}")
    store = _store(request)
    if store.watch.get(spec.name) is not None:
        raise ApiError(409, f"a watch named {spec.name!r} exists; DELETE it first", "conflict")
    service.add(store, spec)
    return ok(public(service.get(store, spec.name)), status=201)


@router.delete("/watches/{name}", response_model=Envelope, summary="Delete a watch", responses=WRITE_RESPONSES)
def delete_watch(request: Request, name: Name, token_name: Annotated[str, Depends(require_token)]) -> Any:
    """Remove a watch with its matches and pending deliveries; needs the token."""
    if not _store(request).watch.remove(name):
        raise ApiError(404, f"no watch named {name!r}; see GET /api/watches")
    return ok({"name": name, "removed": True})


@router.get("/watches/{name}/matches", response_model=Envelope, summary="A watch's matches")
def watch_matches(request: Request, name: Name, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                  cursor: Annotated[str | None, Query(max_length=20, pattern=r"^\d+$")] = None) -> Any:
    """The matches of a watch, or of every watch of a watchlist, newest first: the sentence,
    place, date, what matched, the independent sources so far and the link to the document."""
    store = _store(request)
    try:
        _, names = service.feed_members(store, name)
    except UsageError as exc:
        raise ApiError(404, str(exc)) from None
    rows = store.watch.matches(names, limit + 1, int(cursor) if cursor else None)
    nxt = str(rows[limit - 1]["seq"]) if len(rows) > limit else None
    return ok([service.public_match(m) for m in rows[:limit]], limit=limit, count=min(len(rows), limit),
              next_cursor=nxt)
