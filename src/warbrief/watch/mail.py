"""E-mail digests over SMTP. The server is configured by URL, never stored in the database:
`$WARBRIEF_SMTP_URL` = `smtp://user@host:587?from=alerts@example.org` (STARTTLS, required), `smtps://...` (TLS), `smtp+plain://...` (no TLS, e.g. a local relay); the password
comes from `$WARBRIEF_SMTP_PASSWORD`. One message per watch and period lists every match with
its sentence, as plain text and as escaped HTML."""

from __future__ import annotations

import html
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from ..errors import UsageError

SCHEMES = {"smtp": "starttls", "smtps": "tls", "smtp+plain": "plain"}
PASSWORD_ENV = "WARBRIEF_SMTP_PASSWORD"


@dataclass
class SmtpConfig:
    host: str
    port: int
    security: str  # starttls | tls | plain
    sender: str
    user: str | None = None
    password: str | None = None

    @classmethod
    def from_url(cls, url: str, env: dict[str, str]) -> SmtpConfig:
        u = urlsplit(url)
        if u.scheme not in SCHEMES or not u.hostname:
            raise UsageError(f"[L020] the SMTP URL must be smtp://, smtps:// or smtp+plain://HOST[:PORT]?from=ADDR "
                             f"(got {u.scheme or 'no scheme'}://...)")
        if u.password:
            raise UsageError(f"[L021] the SMTP URL holds a password: remove it and set ${PASSWORD_ENV} instead")
        sender = (parse_qs(u.query).get("from") or [""])[0]
        if not sender:
            raise UsageError("[L022] the SMTP URL needs the sender: add ?from=alerts@example.org")
        port = u.port or {"tls": 465, "starttls": 587, "plain": 25}[SCHEMES[u.scheme]]
        user = unquote(u.username) if u.username else None
        return cls(u.hostname, port, SCHEMES[u.scheme], sender, user, env.get(PASSWORD_ENV) if user else None)


def compose(cfg: SmtpConfig, to: str, watch: str, period: str, matches: list[dict[str, Any]],
            msg_id: str) -> EmailMessage:
    """The digest: plain text first, the same as HTML (every value escaped)."""
    n = len(matches)
    what = "" if period.startswith("m") else f" ({period})"
    msg = EmailMessage()
    msg["Subject"] = f"warbrief: {n} new match{'es' if n != 1 else ''} for {watch}{what}"
    msg["From"], msg["To"] = cfg.sender, to
    msg["Message-ID"] = f"<{msg_id}@warbrief>"
    msg["Date"] = format_datetime(datetime.now(UTC))
    lines = [f"{n} new match{'es' if n != 1 else ''} for the watch {watch}{what}:", ""]
    for m in matches:
        lines += [f"- {m.get('date') or 'undated'} | {m.get('place') or '-'} | {m.get('source') or '-'} "
                  f"| {m['sources']} source{'s' if m['sources'] != 1 else ''}",
                  f"  {m.get('sentence') or ''}", f"  matched: {m['term']}", f"  {m['link']}", ""]
    msg.set_content("\n".join(lines))
    items = "".join(
        f"<li><p><b>{html.escape(m.get('date') or 'undated')}</b> · {html.escape(m.get('place') or '-')} · "
        f"{html.escape(m.get('source') or '-')} · {m['sources']} source(s)</p>"
        f"<blockquote>{html.escape(m.get('sentence') or '')}</blockquote>"
        f"<p>matched: {html.escape(m['term'])} · <a href=\"{html.escape(m['link'], quote=True)}\">the document</a></p></li>"
        for m in matches)
    msg.add_alternative(f"<!doctype html><html><body><p>{html.escape(lines[0])}</p><ul>{items}</ul></body></html>",
                        subtype="html")
    return msg


def send(cfg: SmtpConfig, msg: EmailMessage, timeout: float) -> None:
    """Raises OSError / smtplib.SMTPException on failure (the caller retries)."""
    if cfg.security == "tls":
        server: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=timeout,
                                               context=ssl.create_default_context())
    else:
        server = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
    with server:
        if cfg.security == "starttls":
            server.ehlo()
            if not server.has_extn("starttls"):
                raise smtplib.SMTPException(f"{cfg.host} offers no STARTTLS; use smtp+plain:// only for a "
                                            f"relay on this machine")
            server.starttls(context=ssl.create_default_context())
        if cfg.user:
            server.login(cfg.user, cfg.password or "")
        server.send_message(msg)
