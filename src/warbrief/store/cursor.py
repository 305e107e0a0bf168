"""The one cursor codec: an opaque, URL-safe token that a client passes back to get the next
page of a list (API `?cursor=`, the search page's "next" link).

A cursor carries the store's position (a string: a row number, an offset or an entity id) and
a fingerprint of the query it belongs to, signed with HMAC-SHA256 under the store's secret
(`secret_for`), so a client can neither forge a position nor replay a cursor on another query.
Decoding checks the signature first, then the types: whatever a client sends, the answer is a
position string or a `UsageError` (a 400), never a crash.

The secret is per store and needs no table: for a SQLite file, a file beside it
(`<db>.secret`, mode 0600); for PostgreSQL, a file in warbrief's data directory named after the
database URL; for an in-memory database, a random key for the process.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine

from ..errors import UsageError

MAX_POSITION = 200  # characters of a position
_MEMORY_KEY = secrets.token_bytes(32)


class CursorCodec:
    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def encode(self, position: str, query: dict[str, Any]) -> str:
        raw = json.dumps({"p": position, "q": _fingerprint(query)}, separators=(",", ":")).encode()
        return f"{_b64(raw)}.{_b64(self._sign(raw))}"

    def decode(self, cursor: str | None, query: dict[str, Any]) -> str | None:
        """The position `cursor` carries (None without one); `UsageError` for any other token."""
        if not cursor:
            return None
        body, _, sig = cursor.partition(".")
        try:
            raw, mac = _unb64(body), _unb64(sig)
        except ValueError:
            raise _bad() from None
        if not hmac.compare_digest(mac, self._sign(raw)):
            raise _bad()
        data = json.loads(raw)  # signed by us: well-formed
        if data.get("q") != _fingerprint(query):
            raise UsageError("[Q004] the cursor belongs to a different query; repeat the query without it")
        position = data.get("p")
        if not isinstance(position, str) or not position or len(position) > MAX_POSITION:
            raise _bad()
        return position

    def _sign(self, raw: bytes) -> bytes:
        return hmac.new(self.secret, raw, hashlib.sha256).digest()[:18]


def _bad() -> UsageError:
    return UsageError("[Q003] the cursor is not valid; pass back `next_cursor` of the previous page unchanged")


def _fingerprint(query: dict[str, Any]) -> str:
    canon = json.dumps({k: v for k, v in sorted(query.items()) if v is not None and k != "cursor"},
                       sort_keys=True, default=str)
    return hashlib.sha256(canon.encode()).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    if not text or len(text) > 1000:
        raise ValueError("empty or too long")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))  # binascii.Error is a ValueError


def secret_for(engine: Engine) -> bytes:
    """The store's signing key, created on first use."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        if not url.database or url.database == ":memory:":
            return _MEMORY_KEY
        path = Path(str(Path(url.database).expanduser().resolve()) + ".secret")
    else:
        from ..knowledge import data_dir

        name = hashlib.sha256(url.render_as_string(hide_password=True).encode()).hexdigest()[:20]
        path = data_dir() / "secrets" / f"{name}.secret"
    return _read_or_create(path)


def _read_or_create(path: Path) -> bytes:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_hex(32).encode())
    for _ in range(50):  # another process may be writing it this instant
        key = path.read_bytes().strip()
        if len(key) == 64:
            return key
        import time

        time.sleep(0.01)
    raise UsageError(f"[Q005] the cursor key {path.name} is damaged; delete it (cursors restart)")
