"""RSS and Atom feeds (feedparser): each entry a document, with its date, link and the feed's
title as the source. A feed is parsed from bytes already read; nothing is fetched here."""

from __future__ import annotations

import calendar
import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any

from ..analysis import DocumentInput
from ..errors import InputError

if TYPE_CHECKING:
    from . import Item, ReadOptions

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
              "text/xml", "application/feed+json")
_BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
          "article", "ul", "ol", "pre", "hr"}


class _Text(HTMLParser):
    """HTML fragment -> plain text, one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    if "<" not in fragment:
        return html.unescape(fragment).strip()
    p = _Text()
    p.feed(fragment)
    p.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(p.parts))
    return re.sub(r"\s*\n\s*(\n\s*)+", "\n\n", text).strip()


def looks_like_feed(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head) or \
        head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def _published(entry: Any) -> str | None:
    """The entry's date as feedparser parsed it (UTC), else as the feed wrote it (read
    leniently later: feedparser does not know every way feeds write dates)."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return datetime.fromtimestamp(calendar.timegm(t), UTC).isoformat(timespec="seconds")
    for key in ("published", "updated", "created"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return str(entry[key])
    return None


def _body(entry: Any) -> str:
    for c in entry.get("content") or []:
        if c.get("value"):
            return html_to_text(c["value"])
    return html_to_text(entry.get("summary") or entry.get("description") or "")


def from_feed(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    """Every entry of an RSS/Atom feed; an HTML page or a broken feed is one clear error."""
    from . import file_date, with_options

    head = data[:1024].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        yield InputError(name, "is an HTML page, not an RSS or Atom feed (give the feed's own URL, "
                               "found in the page's <link rel=\"alternate\" type=\"application/rss+xml\">)")
        return
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        yield InputError(name, "is not an RSS or Atom feed" + (f" ({why})" if why else ""))
        return
    if not parsed.entries:
        yield InputError(name, "the feed has no entries")
        return
    source = parsed.feed.get("title") or None
    reference = file_date([_published(parsed.feed), *(_published(e) for e in parsed.entries)])
    for i, entry in enumerate(parsed.entries, 1):
        where = f"{name}#{i}"
        text = _body(entry)
        title = html_to_text(entry.get("title") or "") or None
        if not text:
            yield InputError(where, "the feed entry has no text (no content or summary)")
            continue
        doc = DocumentInput(text, _published(entry), None, title, entry.get("link") or None,
                            id=entry.get("id") or None, origin=where)
        yield with_options(doc, opts, reference, source=source)
