"""The watch pages: `/watches` (every watch with its latest matches, and the form behind the
"watch this" buttons) and the Atom feeds `/watches/{name}.atom` (a watch or a watchlist)."""

from __future__ import annotations

import shlex

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..errors import UsageError
from ..watch import service
from ..watch.feed import atom
from .pages import html_error, render

router = APIRouter(include_in_schema=False)
LATEST = 5
FEED_ENTRIES = 100
# "watch this": the query parameters a page passes, and the `watch add` option of each
PREFILL = (("from_search", "--from-search"), ("place", "--place"), ("radius", "--radius"), ("type", "--type"),
           ("actor", "--actor"), ("speaker", "--speaker"), ("source", "--source"))


def _base(request: Request) -> str:
    return str(request.base_url).rstrip("/")


@router.get("/watches", response_class=HTMLResponse)
def watches_page(request: Request) -> HTMLResponse:
    store = request.app.state.store
    rows = store.watch.watches()
    latest = {r["name"]: [{**m, "link": service.link(m)} for m in store.watch.matches([r["name"]], LATEST)]
              for r in rows}
    prefill = {k: v.strip() for k, v in request.query_params.items() if k in dict(PREFILL) and v.strip()}
    command = None
    if prefill or "new" in request.query_params:
        opts = [f"{flag} {shlex.quote(prefill[k])}" for k, flag in PREFILL if k in prefill]
        command = "warbrief watch add NAME " + " ".join(opts)
    return render(request, "watches.html", watches=rows, latest=latest, lists=store.watch.watchlists(),
                  prefill=prefill, show_form=command is not None, command=command, nav="watches")


@router.get("/watches/{name}.atom")
def watch_feed(request: Request, name: str) -> Response:
    store = request.app.state.store
    try:
        kind, names = service.feed_members(store, name)
    except UsageError as exc:
        return html_error(request, 404, str(exc))
    body = atom(kind, name, store.watch.matches(names, FEED_ENTRIES), _base(request))
    return Response(body, media_type="application/atom+xml; charset=utf-8",
                    headers={"cache-control": "no-cache"})

