"""Delivering matches: the outbox worker. Every match's deliveries are written to the outbox in
the ingest transaction; this sends the due ones, marks each sent only after the target took it
(at least once: a kill between the two resends it with the same idempotency key, the webhook's
`webhook-id` or the e-mail's Message-ID), retries failures with exponential back-off and
dead-letters them after the last attempt (`warbrief watch show NAME` lists them). Nothing here
ever raises into an ingest: a failing channel is recorded and retried, never fatal.

    report = deliver_due(store, DeliverySettings.from_env())
    with Dispatcher(store, settings):   # the same in a thread, every second (serve, ingest)
        ...
"""

from __future__ import annotations

import logging
import os
import smtplib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from ..errors import UsageError, WarbriefError
from ..store.watches import stamp
from . import mail, webhook
from .service import public_match

log = logging.getLogger(__name__)


@dataclass
class DeliverySettings:
    base_url: str = "http://127.0.0.1:8000"  # links in webhooks and e-mails
    smtp_url: str | None = None  # smtp://user@host:587?from=...; the password from $WARBRIEF_SMTP_PASSWORD
    backoff_s: float = 30.0  # first retry after this, doubling each time
    max_attempts: int = 6  # then the delivery is dead-lettered
    timeout_s: float = 10.0
    allow_private: bool = False  # webhook targets on private networks, for every watch
    env: Mapping[str, str] = field(default_factory=lambda: os.environ)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DeliverySettings:
        env = os.environ if env is None else env
        return cls(base_url=env.get("WARBRIEF_BASE_URL", cls.base_url), smtp_url=env.get("WARBRIEF_SMTP_URL") or None,
                   allow_private=env.get("WARBRIEF_WEBHOOK_ALLOW_PRIVATE", "") in ("1", "true", "yes"), env=env)


@dataclass
class Report:
    sent: int = 0
    retrying: int = 0
    dead: int = 0
    errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        s = f"{self.sent} sent, {self.retrying} to retry, {self.dead} dead-lettered"
        return s + (f" (last error: {self.errors[-1]})" if self.errors else "")


def deliver_due(store: Any, settings: DeliverySettings | None = None, now: datetime | None = None,
                digest_now: bool = False) -> Report:
    """Send every due delivery once. `digest_now` sends daily and weekly digests before their
    period has ended. Never raises for a failing target."""
    settings = settings or DeliverySettings.from_env()
    now = now or datetime.now(UTC)
    report = Report()
    done: set[int] = set()
    while True:
        rows = [r for r in store.watch.due(stamp(now)) if r["outbox"] not in done]
        if digest_now:
            rows += [r for r in store.watch.due("9999", channel="email") if r["outbox"] not in done
                     and r["outbox"] not in {x["outbox"] for x in rows}]
        if not rows:
            return report
        for r in rows:
            done.add(r["outbox"])
        _webhooks(store, [r for r in rows if r["channel"] == "webhook"], settings, now, report)
        _emails(store, [r for r in rows if r["channel"] == "email"], settings, now, report)


def _fail(store: Any, outbox: list[int], attempts: int, error: str, permanent: bool,
          settings: DeliverySettings, now: datetime, report: Report) -> None:
    last = permanent or attempts + 1 >= settings.max_attempts
    nxt = None if last else stamp(now + timedelta(seconds=settings.backoff_s * 2 ** attempts))
    store.watch.mark_failed(outbox, error, nxt)
    report.errors.append(error)
    if last:
        report.dead += len(outbox)
    else:
        report.retrying += len(outbox)
    log.warning("watch delivery failed (%s): %s", "dead-lettered" if last else "will retry", error)


def _webhooks(store: Any, rows: list[dict[str, Any]], s: DeliverySettings, now: datetime, report: Report) -> None:
    for r in rows:
        if not r["webhook"]:  # the watch was changed since: nowhere to send it
            _fail(store, [r["outbox"]], r["attempts"], "the watch has no webhook any more", True, s, now, report)
            continue
        msg_id = f"msg_{r['watch_name']}_{r['key']}".replace(" ", "_")
        body = webhook.payload(public_match(r, s.base_url))
        got = webhook.post(r["webhook"], msg_id, body, r["webhook_secret_env"], bool(r["allow_private"]) or
                           s.allow_private, s.timeout_s, s.env)
        if got.ok:
            store.watch.mark_sent([r["outbox"]])
            report.sent += 1
        else:
            _fail(store, [r["outbox"]], r["attempts"], got.error or "failed", got.permanent, s, now, report)


def _emails(store: Any, rows: list[dict[str, Any]], s: DeliverySettings, now: datetime, report: Report) -> None:
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        groups.setdefault((r["watch_name"], r["email"], r["period"]), []).append(r)
    for (watch, to, period), group in groups.items():
        ids = [r["outbox"] for r in group]
        attempts = max(r["attempts"] for r in group)
        if not to:
            _fail(store, ids, attempts, "the watch has no e-mail address any more", True, s, now, report)
            continue
        try:
            if not s.smtp_url:
                raise UsageError("no SMTP server: set WARBRIEF_SMTP_URL (e.g. smtp://user@host:587?from=alerts@...)")
            cfg = mail.SmtpConfig.from_url(s.smtp_url, dict(s.env))
            matches = [public_match(r, s.base_url) for r in group]
            mail.send(cfg, mail.compose(cfg, to, watch, period, matches, f"digest.{watch}.{period}"), s.timeout_s)
        except (OSError, smtplib.SMTPException, WarbriefError) as exc:
            _fail(store, ids, attempts, f"e-mail to {to}: {exc}", isinstance(exc, UsageError), s, now, report)
            continue
        store.watch.mark_sent(ids)
        report.sent += len(ids)


class Dispatcher:
    """`deliver_due` in a background thread, every `interval` seconds and on `wake()`. A
    context manager: leaving it runs one last pass (bounded by the targets' time-outs)."""

    def __init__(self, store: Any, settings: DeliverySettings | None = None, interval: float = 1.0) -> None:
        self.store, self.settings, self.interval = store, settings or DeliverySettings.from_env(), interval
        self._stop, self._wake = threading.Event(), threading.Event()
        self._thread = threading.Thread(target=self._run, name="warbrief-deliver", daemon=True)
        self.report = Report()

    def _pass(self) -> None:
        try:
            r = deliver_due(self.store, self.settings)
        except Exception as exc:  # noqa: BLE001 - e.g. the database is busy: the outbox keeps it for the next
            # pass; a background loop that died here would stop every delivery of the server
            log.warning("watch delivery pass failed: %s: %s", type(exc).__name__, exc)
            self.report.errors.append(str(exc))
            return
        self.report.sent += r.sent
        self.report.retrying += r.retrying
        self.report.dead += r.dead
        self.report.errors += r.errors

    def _run(self) -> None:
        while not self._stop.is_set():
            self._pass()
            self._wake.wait(self.interval)
            self._wake.clear()

    def wake(self) -> None:
        self._wake.set()

    def __enter__(self) -> Dispatcher:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join()
        self._pass()
