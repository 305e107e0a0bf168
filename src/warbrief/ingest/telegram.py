"""Telegram Desktop channel exports (`result.json`): each post a document dated by the post,
with the channel as its source. A forwarded post remembers the channel it came from
(`DocumentInput.forwarded_from`); the claims stage puts that channel at the head of the chain
of every claim in the post, since the channel relayed them (`stages.claims.stage.relay_forward`).

A truncated export (a copy cut short) gives every complete post before the cut and one error.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..analysis import DocumentInput
from ..errors import InputError

if TYPE_CHECKING:
    from . import Item, ReadOptions


def post_text(value: Any) -> str:
    """The `text` of an exported message: a string, or a list of strings and {"text": ...}."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "".join(p if isinstance(p, str) else str(p.get("text", "")) if isinstance(p, dict) else ""
                       for p in value)
    return ""


def _date(msg: dict[str, Any]) -> str | None:
    """The post's time: `date_unixtime` (UTC), else `date` as written (read leniently later)."""
    unix = msg.get("date_unixtime")
    if isinstance(unix, str | int) and str(unix).isdigit():
        return datetime.fromtimestamp(int(unix), UTC).isoformat(timespec="seconds")
    d = msg.get("date")
    return d if isinstance(d, str) else None


def _salvage(raw: str) -> tuple[dict[str, Any], list[Any]]:
    """The header fields and every complete message of a truncated export."""
    head: dict[str, Any] = {}
    for key in ("name", "type"):
        m = re.search(rf'"{key}"\s*:\s*"((?:[^"\\]|\\.)*)"', raw[:4096])
        if m:
            head[key] = json.loads(f'"{m[1]}"')
    m = re.search(r'"messages"\s*:\s*\[', raw)
    messages: list[Any] = []
    if not m:
        return head, messages
    dec, pos = json.JSONDecoder(), m.end()
    while True:
        while pos < len(raw) and raw[pos] in " \t\r\n,":
            pos += 1
        try:
            obj, pos = dec.raw_decode(raw, pos)
        except json.JSONDecodeError:
            return head, messages
        messages.append(obj)


def from_telegram(name: str, data: bytes, opts: ReadOptions) -> Iterator[Item]:
    from . import with_options
    from .formats import decode_text

    raw = decode_text(name, data)
    if isinstance(raw, InputError):
        yield raw
        return
    truncated: str | None = None
    try:
        export = json.loads(raw)
    except json.JSONDecodeError as exc:
        export, messages = _salvage(raw)
        if not messages:
            yield InputError(name, f"not a Telegram export: invalid JSON ({exc.msg} at line {exc.lineno})")
            return
        export["messages"] = messages
        truncated = (f"the export is truncated or damaged ({exc.msg} at line {exc.lineno}); "
                     f"read the {len(messages)} complete posts before it")
    if not isinstance(export, dict) or not isinstance(export.get("messages"), list):
        yield InputError(name, "not a Telegram Desktop export (expected a result.json object with "
                               "\"messages\"; export the channel as JSON from Telegram Desktop)")
        return
    channel = export.get("name") if isinstance(export.get("name"), str) else None
    for msg in export["messages"]:
        if not isinstance(msg, dict) or msg.get("type", "message") != "message":
            continue  # service messages (pins, joins) are not posts
        where = f"{name}#{msg.get('id', '?')}"
        text = post_text(msg.get("text"))
        if not text.strip():
            yield InputError(where, "the post has no text (media only)")
            continue
        fwd = msg.get("forwarded_from")
        post = DocumentInput(text, _date(msg), channel or msg.get("from"), None, None,
                              id=str(msg["id"]) if "id" in msg else None, origin=where,
                              forwarded_from=fwd if isinstance(fwd, str) and fwd.strip() else None)
        yield with_options(post, opts)
    if truncated:
        yield InputError(name, truncated)
