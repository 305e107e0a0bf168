"""Stored JSON: whole analyses are compressed (zlib; they are ~10x their text and compress ~5x);
the small per-row records of events and claims are plain UTF-8 JSON (`pack_item`), because list
queries decode one per row returned and compressing a few hundred bytes saves little.
`unpack` reads both (zlib data never starts with `{`).

The stored analysis leaves out `document.text` (kept once, in `documents.text`); `unpack_analysis`
puts it back, so readers get the exact contract record."""

from __future__ import annotations

import json
import zlib
from typing import Any


def pack(obj: Any) -> bytes:
    return zlib.compress(json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6)


def pack_item(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def unpack(data: bytes) -> Any:
    return json.loads(data if data[:1] == b"{" else zlib.decompress(data))


def unpack_many(datas: list[bytes]) -> list[Any]:
    """Many stored records at once: plain JSON ones are parsed as one array (one parser call)."""
    if all(d[:1] == b"{" for d in datas):
        return json.loads(b"[" + b",".join(datas) + b"]") if datas else []
    return [unpack(d) for d in datas]


def pack_analysis(analysis: dict[str, Any]) -> bytes:
    doc = analysis["document"]
    return pack({**analysis, "document": {**doc, "text": None}})


def unpack_analysis(data: bytes, text: str) -> dict[str, Any]:
    a = unpack(data)
    a["document"]["text"] = text
    return a
