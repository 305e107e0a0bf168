"""Routes of the pages. Each reads through the same service object as the API (the app's
`backend`, never imported from `api/`) and renders one template."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from ..analysis import EVENT_TYPES, MODALITIES
from ..brief.render import layout
from ..errors import UsageError
from ..store import DocumentFilter
from . import STATIC, TEMPLATES
from .highlight import segments

router = APIRouter(include_in_schema=False)
MAP_LIMIT = 10_000
MAP_DAYS = 90  # the map loads this many days before the latest document by default
SEARCH_PAGE = 20


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))  # autoescape is on for .html
    env = templates.env
    env.autoescape = True
    stamp = str(int(max((p.stat().st_mtime for p in STATIC.glob("*.*")), default=0)))
    env.globals["static"] = lambda path: f"/static/{path}?v={stamp}"
    return templates


def _t(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def _db(request: Request) -> Any:
    return request.app.state.backend


def render(request: Request, name: str, code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("q", None)
    return _t(request).TemplateResponse(request, name, context, status_code=code)


def html_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", status, status=status, message=message, nav=None)


def safe_url(url: str | None) -> str | None:
    """Only http(s) links are made clickable (never javascript: or data:)."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def _selection(request: Request) -> str | None:
    p = request.query_params
    if p.get("event"):
        return f"event-{p['event']}"
    if p.get("claim"):
        return f"claim-{p['claim']}"
    return None


def _span(request: Request, text_len: int) -> tuple[int, int] | None:
    """`?hl=START-END` highlights any sentence (the brief's citations use it)."""
    raw = request.query_params.get("hl", "")
    a, _, b = raw.partition("-")
    if _number(a) and _number(b) and int(a) < int(b) <= text_len:
        return int(a), int(b)
    return None


def _number(raw: str) -> bool:
    """ASCII digits only: `str.isdigit` also accepts "²", which `int` refuses."""
    return raw.isascii() and raw.isdigit() and len(raw) <= 12


@router.get("/", response_class=HTMLResponse)
def brief_page(request: Request, date: str | None = None, days: int = 1) -> HTMLResponse:
    days = min(max(days, 1), 31)
    try:
        got = _db(request).cached_brief(date, days)
    except UsageError as exc:
        return html_error(request, 400, str(exc))
    if got is None:
        return render(request, "brief.html", brief=None, findings=[], nav="brief")
    brief, data = got
    by_rank = {fd["rank"]: {**fd, "citations": [_cite_link(c) for c in fd["citations"]]} for fd in data["findings"]}
    groups = [(title, [(axis, [by_rank[f.rank] for f in fs]) for axis, fs in axes])
              for _sid, title, axes in layout(brief)]  # the CLI's order (brief.render.layout)
    return render(request, "brief.html", brief=data, findings=list(by_rank.values()), groups=groups,
                  nav="brief", days=days)


def _cite_link(c: dict[str, Any]) -> dict[str, Any]:
    """A citation with the link to its own sentence (`start`/`end`, and the event or claim)."""
    link = f"/documents/{c['document']}"
    if c.get("start") is not None and c.get("end") is not None:
        kind, item = c.get("kind"), c.get("item")
        sel = f"{kind}={item}&" if kind in ("event", "claim") and item else ""
        link += f"?{sel}hl={c['start']}-{c['end']}#" + (f"{kind}-{item}" if sel else "hl")
    return {**c, "link": link, "safe_url": safe_url(c.get("url"))}


@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str | None = None, source: str | None = None, since: str | None = None,
                until: str | None = None, cursor: str | None = None) -> HTMLResponse:
    db = _db(request)
    dq = DocumentFilter(q.strip() if q and q.strip() else None, source or None, _day(since), _day(until))
    query = {"q": dq.q, "source": dq.source, "since": dq.since, "until": dq.until}
    try:
        page = db.documents(dq, SEARCH_PAGE, db.cursors.decode(cursor, query))
        hist = db.histogram(dq)
    except UsageError as exc:
        return render(request, "search.html", 400, error=str(exc), results=[], histogram=None, q=q,
                      nav="search", form=dq, sources=db.sources())
    nxt = None
    if page.next_cursor:
        params = {k: v for k, v in {"q": dq.q, "source": dq.source, "since": dq.since, "until": dq.until,
                                     "cursor": db.cursors.encode(page.next_cursor, query)}.items() if v}
        nxt = "/search?" + urlencode(params)
    return render(request, "search.html", results=[_result(r) for r in page.items], histogram=_bars(hist),
                  also_searched=page.also_searched, q=dq.q, form=dq, next_url=nxt, nav="search",
                  sources=db.sources(), error=None)


def _day(value: str | None) -> str | None:
    import re

    return value if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


def _result(r: dict[str, Any]) -> dict[str, Any]:
    """A search hit; the store marks matches in the snippet with [ ] (split here so the
    template escapes the text and marks the words)."""
    parts: list[tuple[str, bool]] = []
    snippet = r.get("snippet") or ""
    rest = snippet
    while rest:
        a = rest.find("[")
        b = rest.find("]", a + 1) if a >= 0 else -1
        if a < 0 or b < 0:
            parts.append((rest, False))
            break
        if a:
            parts.append((rest[:a], False))
        parts.append((rest[a + 1:b], True))
        rest = rest[b + 1:]
    return {**r, "parts": parts, "safe_url": safe_url(r["document"].get("url"))}


def _bars(hist: list[tuple[str, int]], width: int = 1000, height: int = 70) -> dict[str, Any] | None:
    """SVG bars of a date histogram (attributes, not inline styles): one bar per day over the
    whole span, empty days included, or one per month over spans longer than 400 days."""
    from datetime import date, timedelta

    counts = {d: n for d, n in hist if _day(d)}
    if not counts:
        return None
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    spans: list[tuple[str, str, int]] = []  # (since, until, count)
    if (last - first).days <= 400:
        days = [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]
        spans = [(d, d, counts.get(d, 0)) for d in days]
    else:
        months: dict[str, int] = {}
        for d, n in counts.items():
            months[d[:7]] = months.get(d[:7], 0) + n
        y, m = first.year, first.month
        while (y, m) <= (last.year, last.month):
            key = f"{y:04d}-{m:02d}"
            end = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).isoformat()
            spans.append((f"{key}-01", end, months.get(key, 0)))
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(n for _, _, n in spans)
    w = min(40.0, width / len(spans))
    bars = [{"x": round(i * w + 1, 1), "y": round(height - max(2.0, height * n / top) + 5, 1) if n else height + 3,
             "w": round(max(1.0, w - 2), 1), "h": round(max(2.0, height * n / top), 1) if n else 2,
             "since": a, "until": b, "n": n} for i, (a, b, n) in enumerate(spans)]
    return {"bars": bars, "width": width, "height": height + 20, "first": spans[0][0], "last": spans[-1][1],
            "top": top, "total": sum(counts.values())}


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str) -> HTMLResponse:
    db = _db(request)
    analysis = db.analysis(doc_id)
    if analysis is None:
        return html_error(request, 404, f"No document {doc_id} in this database.")
    meta = db.document_meta(doc_id) or {}
    doc = analysis["document"]
    selected = _selection(request)
    segs = segments(analysis, selected, _span(request, len(doc.get("text", ""))))
    ents = sorted((e for e in analysis.get("entities", []) if e.get("mentions")),
                  key=lambda e: (-len(e["mentions"]), e["name"]))
    return render(request, "document.html", doc=doc, analysis=analysis, segments=segs, entities=ents,
                  selected=selected, safe_url=safe_url(doc.get("url")), duplicate_of=meta.get("duplicate_of"),
                  nav=None)


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str) -> HTMLResponse:
    db = _db(request)
    entity = db.entity(entity_id)
    if entity is None:
        return html_error(request, 404, f"No entity {entity_id} in this database.")
    timeline = db.timeline(entity)
    pos = db.positions(entity)
    return render(request, "entity.html", entity=entity, timeline=timeline, positions=pos["positions"],
                  contradictions=pos["contradictions"], nav=None)


@router.get("/map", response_class=HTMLResponse)
def map_page(request: Request) -> HTMLResponse:
    """Events of the MAP_DAYS days up to the latest located event (not after the latest document),
    unless `since`/`until` say otherwise; the slider opens on that event's day."""
    from datetime import date, timedelta

    keep = ("type", "actor", "place", "radius_km", "near", "bbox", "until", "source", "modality")
    params = [(k, v) for k, v in request.query_params.multi_items() if k in keep and v]
    since = _day(request.query_params.get("since"))
    latest = _db(request).store.latest_event_day()
    if since is None and not request.query_params.get("until") and latest:
        since = (date.fromisoformat(latest) - timedelta(days=MAP_DAYS)).isoformat()
    if since:
        params.append(("since", since))
    settings = request.app.state.settings
    window = request.query_params.get("window", "7")
    raw = request.query_params.get("limit", "")
    limit = min(int(raw), MAP_LIMIT) if _number(raw) and int(raw) > 0 else MAP_LIMIT
    return render(request, "map.html", event_types=EVENT_TYPES, modalities=MODALITIES, limit=limit,
                  window=window if window in ("1", "7", "30", "0") else "7", since=since, latest=latest,
                  query=urlencode(params), selected_type=request.query_params.get("type"),
                  tile_url=settings.tile_url, tile_attribution=settings.tile_attribution, nav="map")


@router.get("/map/labels.json", include_in_schema=False)
def map_labels() -> JSONResponse:
    """The basemap's city names (the same for every store: cached by the browser for a day)."""
    from ..knowledge.map_labels import city_labels

    return JSONResponse(city_labels(), headers={"Cache-Control": "public, max-age=86400"})


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)

