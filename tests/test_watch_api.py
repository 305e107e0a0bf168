"""Watches over HTTP: /api/watches (writes need the token), a watch's matches, the /watches
page (escaped), the Atom feed, and the "watch this" links on the search, entity and map pages."""

from __future__ import annotations

import feedparser

from warbrief.watch import service
from warbrief.watch.model import WatchSpec
from web_fixtures import *  # noqa: F403


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_creating_and_deleting_a_watch_needs_the_token(client, token):
    body = {"name": "pokrovsk", "events": {"place": "Pokrovsk", "radius_km": 15}, "list": "donetsk"}
    assert client.post("/api/watches", json=body).status_code == 401
    r = client.post("/api/watches", json=body, headers=auth(token))
    assert r.status_code == 201, r.text
    data = r.json()["data"]
    assert data["feed"] == "/watches/pokrovsk.atom" and data["query"]["near"] == [48.282, 37.176]  # the store's point
    assert client.post("/api/watches", json=body, headers=auth(token)).status_code == 409
    assert [w["name"] for w in client.get("/api/watches").json()["data"]] == ["pokrovsk"]
    assert client.delete("/api/watches/pokrovsk").status_code == 401
    assert client.delete("/api/watches/pokrovsk", headers=auth(token)).status_code == 200
    assert client.delete("/api/watches/pokrovsk", headers=auth(token)).status_code == 404


def test_the_api_refuses_bad_watches_and_private_webhooks(client, token):
    for body in ({"name": "x", "events": {"colour": "red"}}, {"name": "x"}, {"name": "x", "events": {}, "allow_private": True},
                 {"name": "x", "events": {}, "webhook": "http://127.0.0.1:8000/hook"}):
        assert client.post("/api/watches", json=body, headers=auth(token)).status_code in (400, 422), body
    assert client.get("/api/watches").json()["data"] == []


def test_readers_see_that_a_watch_delivers_not_where(client, token):
    body = {"name": "w", "events": {"types": ["ASSAULT"]}, "email": "secret-analyst@example.org"}
    client.post("/api/watches", json=body, headers=auth(token))
    listed = client.get("/api/watches").text
    assert "secret-analyst" not in listed and '"email":true' in listed.replace(" ", "")


def test_a_watch_matches_page_by_page_with_links(client):
    store = client.app.state.store
    service.add(store, WatchSpec("assaults", "events", {"types": ["ASSAULT"]}))
    assert store.check_watches() == (4, 3)
    first = client.get("/api/watches/assaults/matches?limit=2").json()
    rest = client.get(f"/api/watches/assaults/matches?limit=2&cursor={first['meta']['next_cursor']}").json()
    items = first["data"] + rest["data"]
    assert len(items) == 3 and rest["meta"]["next_cursor"] is None
    assert all(m["link"].startswith("/documents/sha256:") and m["term"] == "ASSAULT" for m in items)
    assert client.get("/api/watches/nothing/matches").status_code == 404


def test_the_watches_page_lists_latest_matches_escaped(client):
    store = client.app.state.store
    service.add(store, WatchSpec("kyiv", "events", {"place": "Kyiv"}, watchlist="capital"))
    store.check_watches()
    page = client.get("/watches").text
    assert 'id="watch-kyiv"' in page and "/watches/kyiv.atom" in page and "/watches/capital.atom" in page
    assert "<script>alert" not in page


def test_the_feed_of_a_watchlist_reads_in_a_feed_reader(client):
    store = client.app.state.store
    service.add(store, WatchSpec("kyiv", "events", {"place": "Kyiv"}, watchlist="capital"))
    service.add(store, WatchSpec("putin", "claims", {"speaker": "Putin"}, watchlist="capital"))
    store.check_watches()
    r = client.get("/watches/capital.atom")
    assert r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo and feed.feed.title == "warbrief watchlist: capital"
    assert {e.summary for e in feed.entries} == {"Delegations met in Kyiv on November 1 to discuss grain exports.",
                                                 "Russian forces shelled Kyiv on November 1.",
                                                 "Russia rejected any negotiated ceasefire"}
    assert client.get("/watches/nothing.atom").status_code == 404


def test_watch_this_on_search_entity_and_map_pages(client):
    search = client.get("/search?q=ceasefire").text
    assert "/watches?new=1&amp;from_search=ceasefire" in search
    entity = client.get("/entities/geonames:708000").text
    assert "/watches?new=1&amp;place=Pokrovsk&amp;radius=15" in entity
    assert "Watch this" in client.get("/map?type=ASSAULT").text
    form = client.get("/watches?new=1&from_search=ceasefire").text
    assert 'id="watch-form"' in form and "warbrief watch add NAME --from-search ceasefire" in form


def test_a_document_posted_to_the_api_is_matched(client, token):
    store = client.app.state.store
    service.add(store, WatchSpec("grain", "documents", {"words": "grain corridor"}))
    r = client.post("/api/documents", json={"text": "Ships left Odesa through the grain corridor on Monday."},
                    headers=auth(token))
    assert r.status_code == 201
    [m] = client.get("/api/watches/grain/matches").json()["data"]
    assert m["doc_id"] == r.json()["data"]["id"] and "grain corridor" in m["sentence"]
