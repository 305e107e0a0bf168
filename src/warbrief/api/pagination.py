"""Cursor pagination: a cursor is an opaque, URL-safe token the client passes back as
`?cursor=` to get the next page; `meta.next_cursor` is null on the last page.

The cursor wraps whatever the store needs to resume (an offset, or the store's own cursor),
together with a fingerprint of the query, so that a cursor cannot be replayed on another query.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

from .responses import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_GEOJSON_LIMIT = 10_000


def fingerprint(query: dict[str, Any]) -> str:
    canon = json.dumps({k: v for k, v in sorted(query.items()) if v is not None and k != "cursor"},
                       sort_keys=True, default=str)
    return hashlib.sha256(canon.encode()).hexdigest()[:12]


def encode(position: Any, query: dict[str, Any]) -> str:
    raw = json.dumps({"p": position, "q": fingerprint(query)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str | None, query: dict[str, Any]) -> Any:
    """The position a cursor carries (None without a cursor); 400 for a bad or foreign one."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        position, fp = data["p"], data["q"]
    except (ValueError, KeyError, TypeError) as exc:
        raise ApiError(400, "the cursor is not valid; pass back `meta.next_cursor` unchanged",
                       "bad_cursor") from exc
    if fp != fingerprint(query):
        raise ApiError(400, "the cursor belongs to a different query; repeat the query without it",
                       "bad_cursor")
    return position
