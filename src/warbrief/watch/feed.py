"""The Atom feed (RFC 4287) of a watch or a watchlist: one entry per match, newest first, with
the sentence, the place, the date, what matched and the link to the highlighted document. The
XML library escapes every value."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from .service import link

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(value: str | None) -> str:
    return value or "1970-01-01T00:00:00+00:00"  # the store's stamps are RFC 3339 already


def atom(kind: str, name: str, matches: list[dict[str, Any]], base_url: str) -> bytes:
    """The feed of a watch (`kind` "watch") or watchlist; `base_url` like http://host:8000."""
    base = base_url.rstrip("/")
    feed = ET.Element("feed", xmlns=ATOM)
    ET.SubElement(feed, "id").text = f"{base}/watches/{name}.atom"
    ET.SubElement(feed, "title").text = f"warbrief {kind}: {name}"
    ET.SubElement(feed, "updated").text = _stamp(matches[0]["created"] if matches else None)
    ET.SubElement(feed, "link", rel="self", href=f"{base}/watches/{name}.atom", type="application/atom+xml")
    ET.SubElement(feed, "link", rel="alternate", href=f"{base}/watches", type="text/html")
    ET.SubElement(ET.SubElement(feed, "author"), "name").text = "warbrief"
    ET.SubElement(feed, "generator").text = "warbrief"
    for m in matches:
        e = ET.SubElement(feed, "entry")
        ET.SubElement(e, "id").text = f"tag:warbrief,2024:{m['watch_name']}/{m['key']}"
        where = f" at {m['place']}" if m.get("place") else ""
        ET.SubElement(e, "title").text = f"{m['watch_name']}: {m['kind']}{where}, {m.get('date') or 'undated'}"
        ET.SubElement(e, "updated").text = _stamp(m["created"])
        ET.SubElement(e, "published").text = _stamp(m["created"])
        ET.SubElement(e, "link", rel="alternate", href=base + link(m), type="text/html")
        ET.SubElement(e, "category", term=m["kind"])
        ET.SubElement(e, "summary", type="text").text = m.get("sentence") or ""
        lines = [m.get("sentence") or "", "", f"Matched: {m['term']}", f"Place: {m.get('place') or '-'}",
                 f"Date: {m.get('date') or 'undated'}",
                 f"Source: {m.get('source') or '-'} ({m['sources']} independent source{'s' if m['sources'] != 1 else ''})",
                 f"Document: {m.get('title') or m['doc_id']}"]
        ET.SubElement(e, "content", type="text").text = "\n".join(lines)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
