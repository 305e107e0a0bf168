"""Cursor pagination: a cursor is an opaque, URL-safe token the client passes back as
`?cursor=` to get the next page; `meta.next_cursor` is null on the last page.

The cursor wraps whatever the store needs to resume (an offset, or the store's own cursor),
together with a fingerprint of the query, signed (`warbrief.store.cursor`, the one codec the
API and the pages share), so that a cursor can be neither forged nor replayed on another query.
"""

from __future__ import annotations

from typing import Any

from ..errors import UsageError
from ..store.cursor import CursorCodec
from .responses import ApiError

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_GEOJSON_LIMIT = 10_000


def encode(codec: CursorCodec, position: str, query: dict[str, Any]) -> str:
    return codec.encode(position, query)


def decode(codec: CursorCodec, cursor: str | None, query: dict[str, Any]) -> str | None:
    """The position a cursor carries (None without a cursor); 400 for a bad, forged or foreign one."""
    try:
        return codec.decode(cursor, query)
    except UsageError as exc:
        raise ApiError(400, str(exc), "bad_cursor") from None
