"""Fetch an http(s) URL safely: one deadline for the whole fetch, size cap, every redirect
checked, and addresses on loopback, private, link-local or otherwise reserved networks refused
unless allowed. The connection goes to the address that passed the check (with the original
Host and TLS server name), so a second DNS answer cannot redirect it."""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from ..errors import InputError

if TYPE_CHECKING:
    from . import Item, ReadOptions

MAX_REDIRECTS = 5
USER_AGENT = "warbrief (+offline news analysis)"


def check_address(url: str, allow_private: bool) -> str | None:
    """None when `url` may be fetched, else the reason it may not."""
    return resolve_checked(url, allow_private)[0]


def resolve_checked(url: str, allow_private: bool) -> tuple[str | None, str | None]:
    """(None, the address to connect to) when `url` may be fetched, else (the reason, None).
    The connection goes to that very address: a name that resolves again to another one
    (DNS rebinding) cannot lead the fetch elsewhere."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"unsupported URL scheme {parts.scheme!r} (only http and https)", None
    host = parts.hostname
    if not host:
        return "the URL has no host", None
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80),
                                   type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, ValueError) as exc:
        return f"the host {host!r} could not be resolved ({exc})", None
    addrs = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    if not allow_private:
        for addr in addrs:
            if (addr.is_private or addr.is_loopback or addr.is_link_local or addr.is_reserved
                    or addr.is_multicast or addr.is_unspecified):
                return (f"the host {host!r} resolves to {addr}, a loopback, private or link-local address; "
                        "refused (use --allow-private-urls to fetch it anyway)"), None
    if not addrs:
        return f"the host {host!r} has no address", None
    return None, str(addrs[0])


def _pinned(url: str, addr: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL with its host replaced by the checked address, the Host header and the TLS
    server name (SNI, and the name the certificate must carry) of the original host."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{addr}]" if ":" in addr else addr
    if parts.port:
        netloc += f":{parts.port}"
    header = host if not parts.port else f"{host}:{parts.port}"
    return parts._replace(netloc=netloc).geturl(), {"Host": header}, {"sni_hostname": host}


def fetch(url: str, opts: ReadOptions) -> tuple[bytes, str, str] | InputError:
    """-> (body, content type, final URL) or the InputError that stopped it. `opts.timeout`
    bounds the whole fetch (redirects, headers and body), not only each read."""
    import httpx

    deadline = time.monotonic() + opts.timeout
    try:
        with httpx.Client(follow_redirects=False, headers={"User-Agent": USER_AGENT}) as client:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                reason, addr = resolve_checked(current, opts.allow_private)
                if reason or addr is None:
                    reason = reason or "no address"
                    return InputError(url, reason if current == url else f"redirected to {current}: {reason}")
                got = _get(client, current, addr, deadline, opts)
                if isinstance(got, str):
                    current = urljoin(current, got)
                    continue
                if isinstance(got, InputError):
                    return InputError(url, got.reason)
                return got[0], got[1], current
            return InputError(url, f"more than {MAX_REDIRECTS} redirects")
    except (httpx.TimeoutException, _Deadline):
        return InputError(url, f"timed out after {opts.timeout:g} s")
    except httpx.HTTPError as exc:
        return InputError(url, f"could not be fetched ({type(exc).__name__}: {exc})")


class _Deadline(Exception):
    pass


def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Deadline
    return left


def _get(client: Any, url: str, addr: str, deadline: float, opts: ReadOptions
         ) -> tuple[bytes, str] | str | InputError:
    """One request to the checked address: (body, type), a redirect's Location, or an error."""
    import httpx

    target, headers, ext = _pinned(url, addr)
    with client.stream("GET", target, headers=headers, extensions=ext,
                       timeout=httpx.Timeout(_left(deadline))) as resp:
        if resp.is_redirect:
            location = resp.headers.get("location")
            return location if location else InputError(url, f"HTTP {resp.status_code} redirect without a Location")
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
            _left(deadline)  # a server dripping bytes cannot keep the fetch alive
        return bytes(body), resp.headers.get("content-type", "").split(";")[0].strip().lower()


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
