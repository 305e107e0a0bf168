"""The pages: each renders from the database, hostile article text stays text, no inline code,
the highlighter keeps the text whole, the map's assets are served locally."""

from __future__ import annotations

import json
import re

import pytest

from warbrief.web import STATIC
from warbrief.web.highlight import segments
from web_fixtures import *  # noqa: F403
from web_fixtures import EVIL_TITLE, corpus

PAGES = ["/", "/search", "/search?q=ceasefire", "/search?q=ceasefire&since=2024-11-01&until=2024-11-01",
         "/map", "/map?type=ASSAULT", "/entities/person:vladimir-putin", "/entities/geonames:703448",
         f"/documents/{corpus()[0]['document']['id']}", f"/documents/{corpus()[3]['document']['id']}?event=e1"]


@pytest.mark.parametrize("path", PAGES)
def test_page_renders(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("path", PAGES)
def test_no_inline_script_or_event_handler(client, path):
    html = client.get(path).text
    assert all(re.search(r'\bsrc="/static/', tag) for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", html, re.I)
    assert "style=" not in html and "<style" not in html


def test_hostile_document_is_escaped(client):
    html = client.get(f"/documents/{corpus()[3]['document']['id']}").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in html  # the title too
    assert 'href="javascript:' not in html  # a javascript: URL is never a link


@pytest.mark.parametrize("path", ["/", "/search?q=Kyiv", "/api/documents"])
def test_hostile_metadata_is_escaped_everywhere(client, path):
    body = client.get(path).text
    assert EVIL_TITLE not in body or path.startswith("/api")  # JSON carries it as data, pages escape it
    assert "<b>Outlet</b>" not in body or path.startswith("/api")


def highlighted(html: str) -> str:
    body = html.split('id="text">', 1)[1].split("</div>", 1)[0]
    return "".join(re.findall(r'<span class="hl[^"]*"[^>]*>([^<]*)</span>', body))


def test_document_page_highlights_the_selected_event(client):
    doc = corpus()[0]
    html = client.get(f"/documents/{doc['document']['id']}?event=e1").text
    assert 'id="event-e1"' in html
    assert highlighted(html).startswith("Russian forces advanced near Kupiansk on October 30")


def test_document_page_highlights_a_cited_span(client):
    doc = corpus()[1]
    text = doc["document"]["text"]
    end = text.index(".") + 1
    html = client.get(f"/documents/{doc['document']['id']}?hl=0-{end}").text
    assert 'id="hl"' in html
    assert highlighted(html) == text[:end]


def test_reasons_are_in_the_hover_text(client):
    html = client.get(f"/documents/{corpus()[0]['document']['id']}").text
    assert "only populated place named Kupiansk in Ukraine" in html
    assert "speaker: Volodymyr Zelensky" in html


def test_brief_links_each_citation_to_its_sentence(client):
    html = client.get("/?date=2024-11-01").text
    links = re.findall(r'<a class="cite" href="([^"]+)"', html)
    assert links and all(re.match(r"/documents/sha256:[0-9a-f]{64}\?.*hl=\d+-\d+", x) for x in links)


def test_empty_database_brief_says_what_to_do(tmp_path):
    from warbrief.store import open_store
    from web_fixtures import make_client

    store = open_store(str(tmp_path / "empty.db"))
    html = make_client(store, tmp_path).get("/").text
    store.close()
    assert "No brief yet" in html and "warbrief ingest" in html


def test_search_draws_a_date_histogram(client):
    html = client.get("/search").text
    days = re.findall(r'<rect [^>]*data-since="([\d-]+)"', html)
    assert days == ["2024-10-31", "2024-11-01"]


@pytest.mark.parametrize(("hist", "bars"), [
    ([("2024-10-01", 2), ("2024-10-03", 1)], [("2024-10-01", 2), ("2024-10-02", 0), ("2024-10-03", 1)]),
    ([("2023-01-05", 1), ("2024-03-09", 4)], [("2023-01-01", 1)] + [(f"2023-{m:02d}-01", 0) for m in range(2, 13)]
     + [("2024-01-01", 0), ("2024-02-01", 0), ("2024-03-01", 4)]),
])
def test_histogram_covers_the_whole_span(hist, bars):
    from warbrief.web.pages import _bars

    assert [(b["since"], b["n"]) for b in _bars(hist)["bars"]] == bars


@pytest.mark.parametrize(("path", "status"), [("/documents/sha256:none", 404), ("/entities/person:none", 404),
                                              ("/no/such/page", 404)])
def test_missing_pages_are_html_errors(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")


@pytest.mark.parametrize("asset", ["vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                                   "vendor/markercluster/leaflet.markercluster.js",
                                   "vendor/topojson/topojson-client.min.js",
                                   "vendor/basemap/basemap.topojson", "map.js", "app.css"])
def test_map_assets_are_served_locally(client, asset):
    assert client.get(f"/static/{asset}").status_code == 200


def test_basemap_holds_countries_and_first_level_divisions():
    topo = json.loads((STATIC / "vendor" / "basemap" / "basemap.topojson").read_text())
    assert set(topo["objects"]) == {"countries", "admin1"}
    admin1 = {g["properties"]["name"] for g in topo["objects"]["admin1"]["geometries"]}
    assert {"Kharkiv", "Crimea", "Sevastopol"} <= admin1
    names = {g["properties"].get("name") for g in topo["objects"]["countries"]["geometries"]}
    assert {"Ukraine", "Russia", "Poland"} <= names


def test_map_page_loads_only_local_scripts(client):
    html = client.get("/map").text
    assert re.findall(r'<script src="(?!/static/)', html) == []
    assert "tile.openstreetmap" not in html


# ---- the highlighter ------------------------------------------------------------------

def _analysis(text: str, **parts) -> dict:
    return {"document": {"text": text}, "entities": parts.get("entities", []), "times": parts.get("times", []),
            "claims": parts.get("claims", []), "events": parts.get("events", [])}


@pytest.mark.parametrize("doc", corpus(), ids=lambda d: d["document"]["source"])
def test_segments_join_to_the_text(doc):
    assert "".join(s.text for s in segments(doc, "event-e1")) == doc["document"]["text"]


def test_overlapping_marks_carry_every_class():
    text = "Putin said peace."
    a = _analysis(text, entities=[{"id": "p", "name": "Putin", "type": "PERSON", "mentions": [
        {"start": 0, "end": 5, "text": "Putin"}]}],
        claims=[{"id": "c1", "start": 0, "end": 17, "text": text, "direct": False, "cue": None,
                 "speaker": None, "chain": []}])
    first = segments(a)[0]
    assert first.text == "Putin" and {"claim", "ent", "ent-person"} <= set(first.cls.split())


@pytest.mark.parametrize("bad", [(-1, 3), (3, 99), (5, 5), (7, 2)])
def test_marks_outside_the_text_are_ignored(bad):
    text = "Kyiv at dawn."
    a = _analysis(text, times=[{"start": bad[0], "end": bad[1], "text": "?", "value": None, "precision": None,
                                "reason": "r"}])
    segs = segments(a)
    assert "".join(s.text for s in segs) == text and not any("time" in s.classes for s in segs)


@pytest.mark.parametrize("script", ["map.js", "document.js", "search.js"])
def test_page_scripts_never_write_html(script):
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write",
                         (STATIC / script).read_text())


@pytest.mark.parametrize(("path", "since"), [("/map", "2024-08-03"), ("/map?since=2024-10-31", "2024-10-31"),
                                             ("/map?until=2024-10-31", None)])
def test_map_loads_recent_events_by_default(client, path, since):
    events_url = re.search(r'data-events="([^"]+)"', client.get(path).text)[1]
    found = re.search(r"since=([\d-]+)", events_url)
    assert (found[1] if found else None) == since
