"""API tokens for writes (`POST /api/documents`): created by `warbrief token create`.

Only a SHA-256 hash of each token is kept, in a JSON file (`$WARBRIEF_TOKENS`, else
`tokens.json` in warbrief's data directory), so that reading the file does not reveal a token:

    {"tokens": [{"name": "alice", "created": "2024-11-01T10:00:00+00:00", "sha256": "<hex>"}]}
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import UsageError

PREFIX = "wb_"


def default_path() -> Path:
    env = os.environ.get("WARBRIEF_TOKENS")
    if env:
        return Path(env)
    from ..knowledge import data_dir

    return data_dir() / "tokens.json"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class TokenRecord:
    name: str
    created: str
    sha256: str

    @property
    def id(self) -> str:
        """A short public id (the start of the hash), for `token list` and `token revoke`."""
        return self.sha256[:12]


class TokenStore:
    """The hashed tokens in one file. Reads the file on each check, so a token created while
    the server runs works at once."""

    def __init__(self, path: Path | str | None = None) -> None:
        self.path = Path(path) if path else default_path()

    def records(self) -> list[TokenRecord]:
        if not self.path.exists():
            return []
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return [TokenRecord(r["name"], r["created"], r["sha256"]) for r in data.get("tokens", [])]
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise UsageError(f"the token file {self.path} is unreadable ({exc}); delete it and "
                             "create new tokens with `warbrief token create`") from exc

    def create(self, name: str = "default") -> str:
        """A new random token; only its hash is written. Returns the token (shown once).
        Names are unique, so that `revoke NAME` means one token."""
        token = PREFIX + secrets.token_urlsafe(32)
        records = self.records()
        if any(r.name == name for r in records):
            raise UsageError(f"a token named {name!r} exists already; choose another --name, or "
                             f"`warbrief token revoke {name}` first")
        records.append(TokenRecord(name, datetime.now(UTC).isoformat(timespec="seconds"), _digest(token)))
        self._write(records)
        return token

    def revoke(self, key: str) -> list[TokenRecord]:
        """Remove the token named `key`, or whose id (`token list`) is `key`; -> the removed."""
        records = self.records()
        gone = [r for r in records if r.name == key or (len(key) >= 8 and r.sha256.startswith(key))]
        if not gone:
            raise UsageError(f"no token named {key!r} or with that id; `warbrief token list` shows them")
        self._write([r for r in records if r not in gone])
        return gone

    def _write(self, records: list[TokenRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"tokens": [r.__dict__ for r in records]}, indent=1), encoding="utf-8")
        os.chmod(tmp, 0o600)
        tmp.replace(self.path)

    def check(self, token: str | None) -> TokenRecord | None:
        """The record of a valid token, else None (constant-time comparison)."""
        if not token:
            return None
        digest = _digest(token)
        found = None
        for record in self.records():
            if hmac.compare_digest(record.sha256, digest):
                found = record
        return found
