"""The application factory: `create_app(db_url)` -> a FastAPI app serving the JSON API
under `/api` (OpenAPI at `/api/openapi.json`), the pages and their static files.

    app = create_app("warbrief.db")                       # or a postgresql+psycopg:// URL
    uvicorn.run(app, host="127.0.0.1", port=8000)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..store import Store, open_store
from .backend import Backend
from .ingest import MAX_UPLOAD, ingest_document
from .responses import install_handlers
from .security import BodyLimit, HeadAndRedirects, RefuseNul, SecurityHeaders, content_security_policy
from .tokens import TokenStore

DESCRIPTION = """warbrief's HTTP API: documents and their analysis records (`warbrief.analysis/1`),
events, claims, entities with timelines, and the daily brief.

Every answer is `{"data": ..., "meta": {...}}`; every error is
`{"error": {"status", "code", "message", "details"}}`. Lists are paginated by cursor: pass
`meta.next_cursor` back as `?cursor=` (null on the last page); `?limit=` is at most 500
(10,000 with `format=geojson`). Writes need `Authorization: Bearer <token>` from
`warbrief token create`."""


@dataclass
class Settings:
    """What the server is configured with (options object rather than wide signatures)."""

    max_body: int = MAX_UPLOAD + 64 * 1024  # bytes of one request body
    tile_url: str | None = None  # an online tile layer ({z}/{x}/{y}); none = offline basemap only
    tile_attribution: str = ""
    tokens_path: Path | str | None = None  # default: $WARBRIEF_TOKENS or <data dir>/tokens.json
    trusted_hosts: tuple[str, ...] = ()  # Host headers answered (400 for others); empty: any

    @classmethod
    def from_env(cls) -> Settings:
        hosts = tuple(h.strip() for h in os.environ.get("WARBRIEF_TRUSTED_HOSTS", "").split(",") if h.strip())
        return cls(tile_url=os.environ.get("WARBRIEF_TILE_URL") or None,
                   tile_attribution=os.environ.get("WARBRIEF_TILE_ATTRIBUTION", ""),
                   tokens_path=os.environ.get("WARBRIEF_TOKENS") or None, trusted_hosts=hosts)


def from_env() -> FastAPI:
    """The app over $WARBRIEF_DB with settings from the environment: the factory that
    `warbrief serve --workers N` gives each Uvicorn worker process."""
    return create_app(os.environ.get("WARBRIEF_DB"))


def create_app(db_url: str | None = None, *, store: Store | None = None, settings: Settings | None = None,
               ingest: Callable[..., dict[str, Any]] | None = None) -> FastAPI:
    """The app over the database at `db_url` (or an open `store`). `ingest(doc, who)` replaces
    the analyse-and-store step of `POST /api/documents` (tests)."""
    from ..web import STATIC
    from ..web.pages import html_error, make_templates
    from ..web.pages import router as pages_router
    from .routes import router as api_router

    settings = settings or Settings.from_env()
    store = store or open_store(db_url)
    app = FastAPI(title="warbrief", version=__version__, description=DESCRIPTION,
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.settings = settings
    app.state.store = store
    app.state.backend = Backend(store)
    app.state.tokens = TokenStore(settings.tokens_path)
    app.state.templates = make_templates()
    app.state.ingest = ingest or (lambda doc, who: ingest_document(store, doc, who))
    install_handlers(app, html_error)
    app.include_router(api_router)
    app.include_router(pages_router)
    app.include_router(import_module("warbrief.api.watches").router)  # watches: API, then pages and feeds
    app.include_router(import_module("warbrief.web.watch_pages").router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(BodyLimit, max_bytes=settings.max_body)
    app.add_middleware(RefuseNul)
    app.add_middleware(HeadAndRedirects)
    if settings.trusted_hosts:
        from starlette.middleware.trustedhost import TrustedHostMiddleware

        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(settings.trusted_hosts))
    app.add_middleware(SecurityHeaders, csp=content_security_policy(settings.tile_url))
    return app
