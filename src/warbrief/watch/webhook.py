"""Webhooks signed per the Standard Webhooks scheme (standardwebhooks.com): headers
`webhook-id` (the delivery's idempotency key, the same on every retry), `webhook-timestamp`
(Unix seconds) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body`
under the secret; a `whsec_` secret is base64 after its prefix). The target is checked like a
URL to ingest: loopback, private and link-local addresses are refused unless allowed."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..ingest.url import check_address
from ..jsonl import dumps_line

USER_AGENT = "warbrief-webhooks"


@dataclass
class Attempt:
    ok: bool
    error: str | None = None
    permanent: bool = False  # no retry can help (no secret, refused address)


def secret_key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        return base64.b64decode(secret[len("whsec_"):])
    return secret.encode()


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret_key(secret), f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode()


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """The receiver's check (used by the tests; any Standard Webhooks library does the same)."""
    expected = sign(secret, headers["webhook-id"], int(headers["webhook-timestamp"]), body).split(",", 1)[1]
    return any(hmac.compare_digest(expected, s.split(",", 1)[1])
               for s in headers["webhook-signature"].split() if s.startswith("v1,"))


def payload(match: dict[str, Any]) -> bytes:
    return dumps_line({"type": "watch.match", "timestamp": match.get("created"), "data": match}).encode()


def post(url: str, msg_id: str, body: bytes, secret_env: str, allow_private: bool, timeout: float,
         env: Mapping[str, str] | None = None) -> Attempt:
    """One delivery attempt (the secret read from `env`, default the process environment);
    never raises."""
    import httpx

    secret = (os.environ if env is None else env).get(secret_env or "")
    if not secret:
        return Attempt(False, f"the signing secret ${secret_env} is not set in the environment", permanent=True)
    reason = check_address(url, allow_private)
    if reason:
        return Attempt(False, reason.replace("--allow-private-urls", "`watch add --allow-private-urls` or "
                                             "WARBRIEF_WEBHOOK_ALLOW_PRIVATE=1"), permanent="refused" in reason)
    ts = int(time.time())
    headers = {"content-type": "application/json", "user-agent": USER_AGENT, "webhook-id": msg_id,
               "webhook-timestamp": str(ts), "webhook-signature": sign(secret, msg_id, ts, body)}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False) as client:
            r = client.post(url, content=body, headers=headers)
    except (httpx.HTTPError, ValueError) as exc:
        return Attempt(False, f"{type(exc).__name__}: {exc}")
    if 200 <= r.status_code < 300:
        return Attempt(True)
    return Attempt(False, f"HTTP {r.status_code} from {url}: {r.text[:200]!r}")


def decode(body: bytes) -> dict[str, Any]:
    return json.loads(body)
