"""The JSON API on SQLite and PostgreSQL: one success shape, one error shape, filters, cursor
pagination, page-size limits, the contract record, entities, the brief."""

from __future__ import annotations

import pytest

from helpers import validate
from web_fixtures import *  # noqa: F403
from web_fixtures import corpus

LISTS = ["/api/documents", "/api/documents?q=ceasefire", "/api/events", "/api/claims", "/api/entities"]


@pytest.mark.parametrize("path", LISTS)
def test_lists_have_the_success_shape(any_client, path):
    r = any_client.get(path)
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"data", "meta"}
    assert isinstance(body["data"], list) and body["data"]
    assert {"limit", "next_cursor", "count"} <= set(body["meta"])


@pytest.mark.parametrize(("path", "status", "code"), [
    ("/api/documents/sha256:nothing", 404, "not_found"),
    ("/api/entities/person:nobody", 404, "not_found"),
    ("/api/events?limit=0", 422, "invalid"),
    ("/api/documents?limit=501", 422, "invalid"),
    ("/api/events?limit=10001", 422, "invalid"),
    ("/api/events?since=yesterday", 422, "invalid"),
    ("/api/events?since=2024-13", 422, "invalid"),
    ("/api/events?type=FROBNICATE", 422, "invalid"),
    ("/api/events?bbox=1,2,3", 422, "invalid"),
    ("/api/events?radius_km=10", 422, "invalid"),
    ("/api/documents?cursor=not-a-cursor", 400, "bad_cursor"),
    ("/api/nowhere", 404, "not_found"),
])
def test_errors_have_the_error_shape(any_client, path, status, code):
    r = any_client.get(path)
    assert r.status_code == status
    assert set(r.json()) == {"error"}
    err = r.json()["error"]
    assert err["status"] == status and err["code"] == code and err["message"]


def test_document_is_the_stored_contract_record(any_client):
    original = corpus()[0]
    r = any_client.get(f"/api/documents/{original['document']['id']}")
    assert r.status_code == 200
    assert r.json()["data"] == original
    validate(r.json()["data"])


@pytest.mark.parametrize(("query", "expected"), [
    ("type=ASSAULT", {"advanced", "strike", "shelled"}),
    ("type=CONSULT", {"met"}),
    ("place=Kupiansk&radius_km=30", {"advanced"}),
    ("near=48.3,37.2&radius_km=20", {"strike"}),
    ("bbox=30,50,31,51", {"met", "shelled"}),
    ("since=2024-11-01&until=2024-11-01&type=ASSAULT", {"strike", "shelled"}),
    ("since=2024-11&until=2024-11&type=ASSAULT", {"strike", "shelled"}),  # months, as the CLI takes them
    ("until=2024-10&type=ASSAULT", {"advanced"}),
    ("actor=org:armed-forces-of-russia", {"advanced", "shelled"}),
    ("text=grain", {"met"}),
])
def test_event_filters(any_client, query, expected):
    r = any_client.get(f"/api/events?{query}")
    assert r.status_code == 200, r.text
    assert {e["trigger"]["text"] for e in r.json()["data"]} == expected


def test_events_as_geojson_carry_sentence_and_link(any_client):
    r = any_client.get("/api/events?format=geojson&type=CONSULT")
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    f = fc["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [30.5234, 50.4501]}
    assert f["properties"]["sentence"].startswith("Delegations met in Kyiv")
    assert f["properties"]["document"].startswith("sha256:") and f["properties"]["event"] == "e1"


@pytest.mark.parametrize(("query", "limit"), [("limit=10000", 500), ("format=geojson&limit=10000", 10000),
                                              ("limit=3", 3)])
def test_event_page_size_is_capped_in_json(any_client, query, limit):
    r = any_client.get(f"/api/events?{query}")
    assert r.status_code == 200 and r.json()["meta"]["limit"] == limit


@pytest.mark.parametrize("path", ["/api/documents?q=%20%21", "/api/claims?text=%3F"])
def test_searches_without_words_find_nothing(any_client, path):
    r = any_client.get(path)
    assert r.status_code == 200 and r.json()["data"] == []


@pytest.mark.parametrize(("query", "speakers"), [
    ("speaker=Putin", {"Vladimir Putin"}),
    ("speaker=person:volodymyr-zelensky", {"Volodymyr Zelensky"}),
    ("text=ceasefire", {"Vladimir Putin", "Volodymyr Zelensky"}),
    ("since=2024-11-01", {"Vladimir Putin"}),
])
def test_claim_filters(any_client, query, speakers):
    r = any_client.get(f"/api/claims?{query}")
    assert r.status_code == 200, r.text
    assert {c["speaker"]["name"] for c in r.json()["data"]} == speakers


@pytest.mark.parametrize("path", ["/api/documents", "/api/events", "/api/claims", "/api/entities"])
def test_cursor_walks_every_item_once(any_client, path):
    everything = any_client.get(path).json()["data"]
    seen, cursor = [], None
    for _ in range(20):
        r = any_client.get(path, params={"limit": 1, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200
        seen += r.json()["data"]
        cursor = r.json()["meta"]["next_cursor"]
        if cursor is None:
            break
    assert seen == everything


def test_cursor_of_another_query_is_refused(any_client):
    cursor = any_client.get("/api/events?limit=1").json()["meta"]["next_cursor"]
    r = any_client.get("/api/events", params={"limit": 1, "type": "CONSULT", "cursor": cursor})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_cursor"


def test_entity_profile_has_timeline_and_positions(any_client):
    r = any_client.get("/api/entities/person:vladimir-putin")
    data = r.json()["data"]
    assert data["entity"]["name"] == "Vladimir Putin" and data["entity"]["mentions"] == 1
    assert [(t["kind"], t["date"]) for t in data["timeline"]] == [("claim", "2024-11-01")]
    assert {"positions", "contradictions"} <= set(data)


def test_place_entity_timeline_lists_its_events(any_client):
    data = any_client.get("/api/entities/geonames:703448").json()["data"]
    assert {t["type"] for t in data["timeline"]} == {"CONSULT", "ASSAULT"}


def test_brief_cites_stored_documents(any_client):
    r = any_client.get("/api/brief?date=2024-11-01")
    assert r.status_code == 200
    brief = r.json()["data"]
    ids = {a["document"]["id"] for a in corpus()}
    cited = {c["document"] for f in brief["findings"] for c in f["citations"]}
    assert brief["findings"] and cited <= ids


def test_brief_of_an_empty_database_is_not_found(tmp_path):
    from warbrief.store import open_store
    from web_fixtures import make_client

    store = open_store(str(tmp_path / "empty.db"))
    r = make_client(store, tmp_path).get("/api/brief")
    store.close()
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"


def test_openapi_describes_every_route(client):
    spec = client.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/documents/{doc_id}", "/api/events", "/api/claims", "/api/entities",
            "/api/entities/{entity_id}", "/api/brief"} <= set(spec["paths"])
    assert "multipart/form-data" in spec["paths"]["/api/documents"]["post"]["requestBody"]["content"]
