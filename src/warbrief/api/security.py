"""What protects the server: security headers (a strict Content-Security-Policy: scripts and
styles only from this origin, no inline code), a request-size limit, and bearer-token checks
for writes. Pure ASGI middleware, so that it costs next to nothing per request."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request

from ..errors import UsageError
from .responses import ApiError
from .tokens import TokenStore

log = logging.getLogger(__name__)

Scope = dict[str, Any]
Message = dict[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def content_security_policy(tile_url: str | None = None) -> str:
    """The CSP of every answer. An online tile layer, when configured, adds its host to img-src."""
    img = "'self' data:"
    if tile_url:
        parts = urlsplit(tile_url.replace("{s}", "a"))
        host = parts.hostname or ""
        if host:
            wildcard = "*." + host.split(".", 1)[1] if tile_url.startswith(f"{parts.scheme}://{{s}}.") else host
            img += f" {parts.scheme}://{wildcard}"
    return ("default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """Adds the CSP and the usual hardening headers to every HTTP answer."""

    def __init__(self, app: ASGIApp, csp: str) -> None:
        self.app = app
        self.headers = [
            (b"content-security-policy", csp.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            (b"cross-origin-opener-policy", b"same-origin"),
            (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + self.headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, whether declared (Content-Length) or
    streamed (chunked): the handler never sees more than the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length" and (not value.isdigit() or int(value) > self.max_bytes):
                await self._refuse(send)
                return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _TooLarge:
            if not started:
                await self._refuse(send)

    async def _refuse(self, send: Send) -> None:
        await send_error(send, 413, "too_large", f"the request body exceeds the limit of {self.max_bytes:,} bytes")


async def send_error(send: Send, status: int, code: str, message: str, headers: list | None = None) -> None:
    """An error in the API's shape, sent straight from a middleware."""
    body = json.dumps({"error": {"status": status, "code": code, "message": message, "details": []}}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close"), *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


class RefuseNul:
    """A NUL character in the path or the query is never meaningful (and PostgreSQL refuses it
    in text): 400 before any handler runs."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and ("\x00" in scope.get("path", "")
                                        or b"%00" in scope.get("query_string", b"")
                                        or b"\x00" in scope.get("query_string", b"")):
            await send_error(send, 400, "bad_request", "the request contains a NUL character")
            return
        await self.app(scope, receive, send)


class _TooLarge(Exception):
    pass


def require_token(request: Request) -> str:
    """FastAPI dependency for writes: a valid `Authorization: Bearer <token>` or 401.
    Returns the token's name."""
    tokens: TokenStore = request.app.state.tokens
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    challenge = {"WWW-Authenticate": 'Bearer realm="warbrief"'}
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "this request writes to the database and needs `Authorization: Bearer <token>`; "
                            "create a token with `warbrief token create`", headers=challenge)
    try:
        record = tokens.check(token.strip())
    except UsageError as exc:  # the file's path and contents stay in the server log
        log.error("token store: %s", exc)
        raise ApiError(503, "the server's token store cannot be read; the server log has the details") from None
    if record is None:
        raise ApiError(401, "the bearer token is not valid; create one with `warbrief token create`",
                       headers=challenge)
    return record.name


class HeadAndRedirects:
    """HEAD is answered wherever GET is (the GET's status and headers, no body), and a
    redirect's `Location` on this server is made relative, so a forged `Host` header is never
    reflected in it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        head = scope["method"] == "HEAD"
        if head:
            scope = {**scope, "method": "GET"}
        host = next((v for k, v in scope.get("headers", []) if k == b"host"), b"")

        async def patched(message: Message) -> None:
            if message["type"] == "http.response.start" and 300 <= message["status"] < 400:
                message = {**message, "headers": [(k, _relative(v, host) if k == b"location" else v)
                                                  for k, v in message.get("headers", [])]}
            elif head and message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, patched)


def _relative(location: bytes, host: bytes) -> bytes:
    """'http://<the request's Host>/path?q' -> '/path?q' (other locations unchanged)."""
    parts = urlsplit(location.decode("latin-1"))
    if not parts.scheme or parts.netloc.encode("latin-1") != host:
        return location
    return (parts.path or "/").encode("latin-1") + (b"?" + parts.query.encode("latin-1") if parts.query else b"")
