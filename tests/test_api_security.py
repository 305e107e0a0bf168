"""Security of the API: tokens for writes, request and upload limits, the private-network
refusal for URL ingest, security headers, and a bounded schemathesis run against the
OpenAPI document."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, settings

from web_fixtures import *  # noqa: F403
from web_fixtures import make_client

TEXT = "Russian forces shelled Kherson on November 2, officials said."


def post(client, token=None, headers=None, **kw):
    headers = {**(headers or {}), **({"Authorization": f"Bearer {token}"} if token else {})}
    return client.post("/api/documents", headers=headers, **kw)


@pytest.mark.parametrize("header", [None, "Bearer", "Bearer wb_not-a-real-token", "Basic dXNlcjpwYXNz",
                                    "bearer "])
def test_writes_without_a_valid_token_are_refused(client, header):
    headers = {"Authorization": header} if header else {}
    r = client.post("/api/documents", headers=headers, json={"text": TEXT})
    assert r.status_code == 401
    assert r.json()["error"]["code"] == "unauthorized"
    assert r.headers["www-authenticate"].startswith("Bearer")


def test_token_store_keeps_only_a_hash(client, token):
    stored = client.app.state.tokens.path.read_text()
    assert token not in stored and len(json.loads(stored)["tokens"]) == 1


def test_write_with_token_stores_once(client, token):
    first = post(client, token, json={"text": TEXT, "published": "2024-11-02", "source": "Test"})
    again = post(client, token, json={"text": TEXT})
    assert (first.status_code, first.json()["data"]["status"]) == (201, "stored")
    assert (again.status_code, again.json()["data"]["status"]) == (200, "skipped")
    assert client.get(f"/api/documents/{first.json()['data']['id']}").status_code == 200


@pytest.mark.parametrize(("body", "status"), [
    ({}, 422),
    ({"text": TEXT, "url": "https://example.org/"}, 422),
    ({"url": "ftp://example.org/report.txt"}, 422),
    ({"text": TEXT, "colour": "red"}, 422),
])
def test_bad_ingest_bodies_are_refused(client, token, body, status):
    r = post(client, token, json=body)
    assert r.status_code == status and r.json()["error"]["message"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/report", "http://localhost/admin",
                                 "http://10.0.0.8/x", "http://[::1]/x", "http://169.254.169.254/latest/meta-data"])
def test_url_ingest_refuses_private_networks(client, token, url):
    r = post(client, token, json={"url": url})
    assert r.status_code == 400
    assert "refused" in r.json()["error"]["message"]


def test_upload_of_a_text_file_is_stored(client, token):
    r = post(client, token, files={"file": ("report.txt", TEXT.encode(), "text/plain")},
             data={"source": "Upload", "published": "2024-11-02"})
    assert r.status_code == 201, r.text
    stored = client.get(f"/api/documents/{r.json()['data']['id']}").json()["data"]
    assert stored["document"]["text"] == TEXT


@pytest.mark.parametrize(("name", "status"), [("tool.exe", 415), ("noext", 415)])
def test_uploads_of_unknown_kinds_are_refused(client, token, name, status):
    r = post(client, token, files={"file": (name, b"MZ\x00\x00", "application/octet-stream")})
    assert r.status_code == status


def test_other_content_types_are_refused(client, token):
    r = post(client, token, content=TEXT.encode(), headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


@pytest.mark.parametrize("chunked", [False, True])
def test_request_body_over_the_limit_is_refused(sqlite_store, tmp_path, chunked):
    client = make_client(sqlite_store, tmp_path, max_body=1000)
    token = client.app.state.tokens.create("t")
    body = json.dumps({"text": "x" * 5000}).encode()
    content = iter([body[:2000], body[2000:]]) if chunked else body
    r = client.post("/api/documents", content=content,
                    headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"


@pytest.mark.parametrize("path", ["/", "/map", "/search", "/api/events", "/api/nowhere", "/static/app.css"])
def test_security_headers_on_every_answer(client, path):
    h = client.get(path).headers
    csp = h["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "object-src 'none'" in csp
    assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"


def test_tile_server_is_allowed_only_when_configured(sqlite_store, tmp_path):
    client = make_client(sqlite_store, tmp_path, tile_url="https://{s}.tiles.example.org/{z}/{x}/{y}.png")
    csp = client.get("/map").headers["content-security-policy"]
    assert "img-src 'self' data: https://*.tiles.example.org" in csp
    assert "tiles.example.org" in client.get("/map").text


# ---- schemathesis: every documented operation, generated inputs, bounded ----------------

OPERATIONS = ["GET /api/documents", "POST /api/documents", "GET /api/documents/{doc_id}", "GET /api/events",
              "GET /api/claims", "GET /api/entities", "GET /api/entities/{entity_id}", "GET /api/brief",
              "GET /api/health", "GET /api/watches", "POST /api/watches", "DELETE /api/watches/{name}",
              "GET /api/watches/{name}/matches"]


@pytest.fixture
def api_schema(sqlite_store, tmp_path, monkeypatch):
    import schemathesis

    from warbrief.errors import InputError

    # generated URLs must not reach the network: the URL reader answers as if refused
    monkeypatch.setattr("warbrief.ingest.url.fetch", lambda url, opts: InputError(url, "not fetched in tests"))
    client = make_client(sqlite_store, tmp_path)
    token = client.app.state.tokens.create("schemathesis")
    return schemathesis.openapi.from_asgi("/api/openapi.json", client.app), token


def test_every_operation_is_fuzzed(api_schema):
    labels = {r.ok().label for r in api_schema[0].get_all_operations()}
    assert labels == set(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_conforms_to_its_openapi(api_schema, label):
    """Schemathesis' checks (no server error, documented status codes, content types and
    response schemas) on 30 generated requests per operation. Schema-valid requests that the
    API still refuses with 422 (a radius without a centre, a latitude beyond 90) are allowed."""
    from hypothesis import given
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    schema, token = api_schema
    op = next(r.ok() for r in schema.get_all_operations() if r.ok().label == label)

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(op.as_strategy())
    def check(case):
        response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                                          excluded_checks=[positive_data_acceptance])
        body = response.json()
        if response.status_code >= 400:
            assert set(body) == {"error"} and body["error"]["status"] == response.status_code
        else:
            assert "meta" in body

    check()


@pytest.mark.model
def test_write_runs_the_pipeline_and_stores_the_record(pipeline, sqlite_store, tmp_path):
    from fastapi.testclient import TestClient

    from warbrief.api import Settings, create_app

    app = create_app(store=sqlite_store, settings=Settings(tokens_path=tmp_path / "tokens.json"))
    client = TestClient(app, raise_server_exceptions=False)
    token = app.state.tokens.create("model")
    r = post(client, token, json={"text": TEXT, "published": "2024-11-02", "source": "Test"})
    assert r.status_code == 201, r.text
    record = client.get(f"/api/documents/{r.json()['data']['id']}").json()["data"]
    assert record["document"]["text"] == TEXT and record["document"]["published"] == "2024-11-02"
    assert r.json()["data"]["events"] == len(record["events"])


@pytest.mark.model
def test_a_published_field_that_is_not_iso_is_refused(pipeline, sqlite_store, tmp_path):
    """An API field is an option, a promise: strict ISO 8601 (files are read leniently)."""
    from fastapi.testclient import TestClient

    from warbrief.api import Settings, create_app

    app = create_app(store=sqlite_store, settings=Settings(tokens_path=tmp_path / "tokens.json"))
    client = TestClient(app, raise_server_exceptions=False)
    r = post(client, app.state.tokens.create("model"), json={"text": TEXT, "published": "Dec 17, 2016"})
    assert r.status_code == 400 and "ISO 8601" in r.json()["error"]["message"]
