"""Feed and Telegram export readers (no pipeline needed)."""

from __future__ import annotations

import http.server
import json
import threading

import pytest

from warbrief.errors import InputError
from warbrief.ingest import ReadOptions, read_inputs
from warbrief.ingest.feed import from_feed, html_to_text
from warbrief.ingest.telegram import from_telegram

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Test Wire</title>
<item><title>Strike on Odesa</title><link>https://example.org/a</link><guid>a1</guid>
<pubDate>Tue, 29 Oct 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;A missile hit the port.&lt;/p&gt;&lt;p&gt;Officials said so.&lt;/p&gt;</description></item>
<item><title>No body</title><link>https://example.org/b</link></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Atom Desk</title><id>urn:x</id><updated>2024-11-01T00:00:00Z</updated>
<entry><title>Talks</title><id>urn:1</id><updated>2024-11-01T09:30:00Z</updated>
<link href="https://example.org/talks"/><content type="html">Delegations met in Istanbul.</content></entry>
</feed>"""


def _docs(items):
    return [i for i in items if not isinstance(i, InputError)]


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


def test_rss_entry_becomes_document():
    (doc,) = _docs(from_feed("f.xml", RSS, ReadOptions()))
    assert (doc.text, doc.title, doc.url, doc.source, doc.published) == (
        "A missile hit the port.\n\nOfficials said so.", "Strike on Odesa", "https://example.org/a",
        "Test Wire", "2024-10-29T10:00:00+00:00")


def test_feed_entry_without_text_is_an_error_naming_it():
    (err,) = _errors(from_feed("f.xml", RSS, ReadOptions()))
    assert err.source == "f.xml#2" and "no text" in err.reason


def test_atom_entry():
    (doc,) = _docs(from_feed("a.atom", ATOM, ReadOptions()))
    assert (doc.text, doc.source, doc.published) == ("Delegations met in Istanbul.", "Atom Desk",
                                                     "2024-11-01T09:30:00+00:00")


def test_command_line_source_wins_over_feed_title():
    (doc,) = _docs(from_feed("a.atom", ATOM, ReadOptions(source="Mine")))
    assert doc.source == "Mine"


@pytest.mark.parametrize("data, reason", [
    (b"<!DOCTYPE html><html><body><p>Latest news</p></body></html>", "HTML page, not an RSS"),
    (b"just some words", "not an RSS or Atom feed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', "no entries"),
])
def test_not_a_feed(data, reason):
    (err,) = list(from_feed("feed.rss", data, ReadOptions()))
    assert isinstance(err, InputError) and reason in err.reason


def test_html_to_text_keeps_paragraphs_drops_scripts():
    assert html_to_text("<p>One &amp; two</p><script>x()</script><p>Three</p>") == "One & two\n\nThree"


EXPORT = {"name": "Front News", "type": "public_channel", "id": 1, "messages": [
    {"id": 1, "type": "message", "date": "2024-10-30T10:00:00", "date_unixtime": "1730275200",
     "text": "Zelensky said that Ukraine needs more air defence."},
    {"id": 2, "type": "message", "date": "2024-10-30T11:00:00", "forwarded_from": "Kyiv Daily",
     "text": ["The mayor said that ", {"type": "bold", "text": "three drones"}, " were shot down."]},
    {"id": 3, "type": "service", "action": "pin_message"},
    {"id": 4, "type": "message", "date": "2024-10-30T12:00:00", "text": "", "photo": "photos/1.jpg"},
]}


def _export(messages=None) -> bytes:
    return json.dumps({**EXPORT, **({"messages": messages} if messages is not None else {})}).encode()


def test_telegram_posts_become_documents():
    docs = _docs(from_telegram("result.json", _export(), ReadOptions()))
    assert [(d.text, d.source, d.published) for d in docs] == [
        ("Zelensky said that Ukraine needs more air defence.", "Front News", "2024-10-30T08:00:00+00:00"),
        ("The mayor said that three drones were shot down.", "Front News", "2024-10-30T11:00:00")]


def test_telegram_forward_is_recorded():
    docs = _docs(from_telegram("result.json", _export(), ReadOptions()))
    assert [d.forwarded_from for d in docs] == [None, "Kyiv Daily"]


def test_telegram_media_only_post_is_an_error_naming_it():
    (err,) = _errors(from_telegram("result.json", _export(), ReadOptions()))
    assert err.source == "result.json#4" and "no text" in err.reason


def test_truncated_telegram_export_keeps_complete_posts():
    data = _export()
    cut = data[:data.index(b'"id": 2')]  # cut inside the second message
    items = list(from_telegram("result.json", cut, ReadOptions()))
    assert [d.text for d in _docs(items)] == ["Zelensky said that Ukraine needs more air defence."]
    assert "truncated" in _errors(items)[-1].reason


@pytest.mark.parametrize("data, reason", [
    (b'{"not": "telegram"}', "not a Telegram Desktop export"),
    (b"[1, 2, 3]", "not a Telegram Desktop export"),
    (b'{"name": "x", "mess', "invalid JSON"),
])
def test_not_a_telegram_export(data, reason):
    (err,) = list(from_telegram("data.json", data, ReadOptions()))
    assert reason in err.reason


def test_directory_dispatches_feeds_and_exports(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "wire.rss").write_bytes(RSS)
    (tmp_path / "result.json").write_bytes(_export())
    (tmp_path / "note.txt").write_text("Shelling continued overnight.")
    docs = _docs(read_inputs([str(tmp_path)]))
    assert sorted(d.text[:12] for d in docs) == ["A missile hi", "Shelling con", "The mayor sa", "Zelensky sai"]


class _FeedHandler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - http.server API
        body, ctype = (RSS, "application/rss+xml") if self.path == "/feed" else (ATOM, "application/xml")
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("path, first", [("/feed", "A missile hit the port."), ("/atom", "Delegations met")])
def test_feed_url_is_read_as_a_feed(path, first):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _FeedHandler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}{path}"
        docs = _docs(read_inputs([url], ReadOptions(allow_private=True)))
    finally:
        httpd.shutdown()
    assert docs[0].text.startswith(first)
