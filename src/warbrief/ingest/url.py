"""Fetch an http(s) URL safely: time-out, size cap, every redirect checked, and addresses on
loopback, private, link-local or otherwise reserved networks refused unless allowed."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

if TYPE_CHECKING:
    from . import Item, ReadOptions

MAX_REDIRECTS = 5
USER_AGENT = "warbrief (+offline news analysis)"


def check_address(url: str, allow_private: bool) -> str | None:
    """None when `url` may be fetched, else the reason it may not."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r} (only http and https)"
    host = parts.hostname
    if not host:
        return "the URL has no host"
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        return f"the host {host!r} could not be resolved ({exc})"
    if allow_private:
        return None
    for info in infos:
        addr = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
                or addr.is_multicast or addr.is_unspecified):
            return (f"the host {host!r} resolves to {addr}, a loopback, private or link-local address; "
                    "refused (use --allow-private-urls to fetch it anyway)")
    return None


def fetch(url: str, opts: ReadOptions) -> tuple[bytes, str, str] | InputError:
    """-> (body, content type, final URL) or the InputError that stopped it."""
    import httpx

    current = url
    try:
        with httpx.Client(timeout=opts.timeout, follow_redirects=False,
                          headers={"User-Agent": USER_AGENT}) as client:
            for _ in range(MAX_REDIRECTS + 1):
                reason = check_address(current, opts.allow_private)
                if reason:
                    return InputError(url, reason if current == url else f"redirected to {current}: {reason}")
                with client.stream("GET", current) as resp:
                    if resp.is_redirect:
                        location = resp.headers.get("location")
                        if not location:
                            return InputError(url, f"HTTP {resp.status_code} redirect without a Location")
                        current = urljoin(current, location)
                        continue
                    if resp.status_code >= 400:
                        return InputError(url, f"HTTP {resp.status_code} {resp.reason_phrase}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > opts.max_bytes:
                        return InputError(url, f"the response is {int(declared):,} bytes; the limit is {opts.max_bytes:,}")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body.extend(chunk)
                        if len(body) > opts.max_bytes:
                            return InputError(url, f"the response exceeds the limit of {opts.max_bytes:,} bytes")
                    ctype = resp.headers.get("content-type", "").split(";")[0].strip().lower()
                    return bytes(body), ctype, current
            return InputError(url, f"more than {MAX_REDIRECTS} redirects")
    except httpx.TimeoutException:
        return InputError(url, f"timed out after {opts.timeout:g} s")
    except httpx.HTTPError as exc:
        return InputError(url, f"could not be fetched ({type(exc).__name__}: {exc})")


def read_url(url: str, opts: ReadOptions) -> Iterator[Item]:
    from dataclasses import replace

    from .feed import FEED_TYPES, from_feed, looks_like_feed
    from .formats import from_html, from_pdf, from_text

    got = fetch(url, opts)
    if isinstance(got, InputError):
        yield got
        return
    body, ctype, final = got
    opts = replace(opts, url=opts.url or final)
    if ctype == "application/pdf" or body.startswith(b"%PDF-"):
        yield from from_pdf(url, body, opts)
    elif ctype in ("text/html", "application/xhtml+xml") or body[:512].lstrip().lower().startswith(
            (b"<!doctype html", b"<html")):
        yield from from_html(url, body, opts)
    elif ctype in FEED_TYPES or looks_like_feed(body):
        yield from from_feed(url, body, opts)
    elif ctype.startswith("text/") or not ctype:
        yield from from_text(url, body, opts)
    else:
        yield InputError(url, f"unsupported content type {ctype!r} (expected HTML, PDF or text)")
