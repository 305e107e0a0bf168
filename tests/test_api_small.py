"""The smaller holes of issue #21 (item 8): a forged Host reflected in a redirect, HEAD refused,
tokens that cannot be revoked or told apart, a token file's path shown to clients, UTF-16
files refused as binary."""

from __future__ import annotations

import pytest

from warbrief.api.tokens import TokenStore
from warbrief.errors import InputError, UsageError
from warbrief.ingest.formats import decode_text
from web_fixtures import *  # noqa: F403
from web_fixtures import make_client


def test_a_redirect_never_reflects_the_host_header(client):
    r = client.get("/api/events/", headers={"Host": "evil.example"}, follow_redirects=False)
    assert 300 <= r.status_code < 400
    assert "evil.example" not in r.headers["location"] and r.headers["location"].startswith("/")


def test_trusted_host_refuses_other_hosts(sqlite_store, tmp_path):
    c = make_client(sqlite_store, tmp_path, trusted_hosts=("warbrief.example",))
    assert c.get("/api/health", headers={"Host": "evil.example"}).status_code == 400
    assert c.get("/api/health", headers={"Host": "warbrief.example"}).status_code == 200


@pytest.mark.parametrize("path", ["/api/health", "/api/events", "/", "/search?q=Kyiv", "/map"])
def test_head_is_answered_where_get_is(client, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"]


def test_token_names_are_unique_and_revocable(tmp_path):
    tokens = TokenStore(tmp_path / "tokens.json")
    first = tokens.create("alice")
    with pytest.raises(UsageError, match="exists already"):
        tokens.create("alice")
    bob = tokens.create("bob")
    tokens.revoke("alice")
    assert tokens.check(first) is None and tokens.check(bob) is not None
    tokens.revoke(tokens.check(bob).id)
    assert tokens.records() == []
    with pytest.raises(UsageError):
        tokens.revoke("nobody")


def test_a_corrupt_token_file_is_not_shown_to_clients(client, tmp_path):
    (tmp_path / "tokens.json").write_text("{not json")
    r = client.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer wb_x"})
    assert r.status_code == 503
    assert str(tmp_path) not in r.text and "tokens.json" not in r.text


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_utf16_and_utf32_with_a_bom_are_decoded(codec):
    text = "Російські війська обстріляли Харків. Russian forces shelled Kharkiv."
    bom = {"utf-16-be": b"\xfe\xff", "utf-32-be": b"\x00\x00\xfe\xff"}.get(codec, b"")
    assert decode_text("report.txt", bom + text.encode(codec)) == text


def test_binary_data_is_still_refused():
    assert isinstance(decode_text("x.bin", b"\x89PNG\x00\x00\x00"), InputError)


def test_ingest_prints_each_failed_input_capped(tmp_path, capsys):
    from warbrief.cli import main
    from warbrief.ingest.runner import MAX_ERRORS

    d = tmp_path / "in"
    d.mkdir()
    for i in range(MAX_ERRORS + 5):
        (d / f"bad{i:02d}.txt").write_bytes(b"\x89PNG\x00\x00 binary")
    code = main(["ingest", str(d), "--db", str(tmp_path / "w.db"), "--no-progress"])
    err = capsys.readouterr().err.splitlines()
    lines = [line for line in err if line.startswith("warbrief: error: ")]
    assert code == 3 and len(lines) == MAX_ERRORS + 1
    assert "bad00.txt" in lines[0] and "binary" in lines[0]
    assert "and 5 more" in lines[-1]


def test_deeply_nested_html_is_reported_as_too_deep():
    from warbrief.ingest import ReadOptions
    from warbrief.ingest.formats import from_html

    body = "<div>" * 5000 + "<p>Russian forces shelled Kharkiv on Monday, the governor said.</p>" + "</div>" * 5000
    page = f"<html><head><title>Deep</title></head><body>{body}</body></html>".encode()
    (item,) = list(from_html("deep.html", page, ReadOptions()))
    assert isinstance(item, InputError) and "nested 5,00" in item.reason
