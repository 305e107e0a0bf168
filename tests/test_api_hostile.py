"""Crafted inputs get a 400, never a 500 (issue #21, item 7): forged and mistyped cursors,
non-ASCII digits, NUL characters, JSON nested very deep. On SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import json
import re

import pytest

from web_fixtures import *  # noqa: F403
from web_fixtures import make_client

LISTS = ["/api/documents", "/api/events", "/api/claims", "/api/entities", "/api/events?format=geojson"]


def _unsigned(position) -> str:
    """A cursor as the old, unkeyed codec built it: anyone could write one."""
    raw = json.dumps({"p": position, "q": "0" * 12}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("position", [7, True, [1, 2], {"a": 1}, None, "9" * 40, "x"])
def test_forged_cursors_are_refused(any_client, path, position):
    r = any_client.get(path, params={"cursor": _unsigned(position)})
    assert r.status_code == 400, r.text
    assert r.json()["error"]["code"] == "bad_cursor"


@pytest.mark.parametrize("path", LISTS)
def test_a_cursor_signed_for_another_store_is_refused(any_client, sqlite_store, tmp_path, path):
    from warbrief.store.cursor import CursorCodec

    forged = CursorCodec(b"another store's key").encode("1", {"limit": 1})
    r = any_client.get(path, params={"limit": 1, "cursor": forged})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_cursor"


def test_a_cursor_keeps_working_after_a_restart(sqlite_store, tmp_path):
    first = make_client(sqlite_store, tmp_path)
    cursor = first.get("/api/events", params={"limit": 1}).json()["meta"]["next_cursor"]
    again = make_client(sqlite_store, tmp_path)  # a new app (another worker) over the same store
    assert again.get("/api/events", params={"limit": 1, "cursor": cursor}).status_code == 200


def test_the_store_key_is_private(sqlite_store, tmp_path):
    make_client(sqlite_store, tmp_path)
    key = tmp_path / "web.db.secret"
    assert key.exists() and key.stat().st_mode & 0o077 == 0


@pytest.mark.parametrize("url", [
    "/search?q=Kyiv&cursor=" + "9" * 40,
    "/search?q=Kyiv&cursor=" + _unsigned(5),
    "/search?cursor=" + "9" * 40,
])
def test_search_page_refuses_bad_cursors(any_client, url):
    assert any_client.get(url).status_code == 400


@pytest.mark.parametrize("url", ["/map?limit=²", "/map?limit=٣", "/map?limit=" + "9" * 40,
                                 "/documents/x?hl=²-³"])
def test_non_ascii_digits_are_not_numbers(any_client, url):
    assert any_client.get(url).status_code in (200, 404)


@pytest.mark.parametrize("url", ["/api/documents?q=Ky%00iv", "/api/events?place=Ky%00iv", "/api/claims?speaker=%00",
                                 "/api/entities?name=a%00", "/search?q=%00", "/api/documents/a%00b"])
def test_nul_characters_are_refused(any_client, url):
    r = any_client.get(url)
    assert r.status_code == 400, r.text


@pytest.mark.parametrize("depth", [1_000, 100_000])
def test_deeply_nested_json_is_refused(client, token, depth):
    body = "[" * depth + "]" * depth
    r = client.post("/api/documents", content=body, headers={"Authorization": f"Bearer {token}",
                                                             "Content-Type": "application/json"})
    assert r.status_code in (400, 422), r.text


def test_search_snippets_are_marked_alike_on_both_databases(any_client):
    hits = any_client.get("/api/documents", params={"q": "Kyiv"}).json()["data"]
    assert hits and all("<b>" not in h["snippet"] and "[" in h["snippet"] for h in hits)
    page = any_client.get("/search", params={"q": "Kyiv"}).text
    snippets = re.findall(r'<p class="snippet">(.*?)</p>', page, re.S)
    assert snippets and all("&lt;b&gt;" not in s and "<mark>" in s for s in snippets)
