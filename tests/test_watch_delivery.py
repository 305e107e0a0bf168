"""Delivering watch matches: signed webhooks (Standard Webhooks) with retries, back-off and a
dead-letter log, e-mail digests (plain text + escaped HTML) through a local aiosmtpd server,
the Atom feed read by feedparser, the private-network refusal, and a kill -9 between ingest and
delivery that loses no match and sends none twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
from fastapi.testclient import TestClient

from store_support import PLACES, make_analysis
from warbrief.errors import UsageError
from warbrief.store import open_store
from warbrief.watch import service, webhook
from warbrief.watch.deliver import DeliverySettings, deliver_due
from warbrief.watch.mail import SmtpConfig
from warbrief.watch.model import WatchSpec
from watch_servers import *  # noqa: F403
from watch_servers import ENV, SECRET

TESTS = Path(__file__).resolve().parent
POKROVSK = list(PLACES["Pokrovsk"][1:3])


def settings(smtp_url=None, **kw):
    return DeliverySettings(base_url="http://wb.test", smtp_url=smtp_url, backoff_s=kw.pop("backoff_s", 0),
                            max_attempts=kw.pop("max_attempts", 3), timeout_s=5, allow_private=True, env=ENV, **kw)


def day_of_reports():
    """Five reports of one day: three events near Pokrovsk (one sentence with markup), two far."""
    texts = [("Russian forces shelled Pokrovsk on October 30.", "Pokrovsk"),
             ("Russian forces attacked near Pokrovsk <b>& Myrnohrad</b> on October 30.", "Pokrovsk"),
             ("Drones struck Pokrovsk overnight on October 30.", "Pokrovsk"),
             ("Russian forces shelled Kupiansk on October 30.", "Kupiansk"),
             ("A drone struck Odesa port on October 30.", "Odesa")]
    out = []
    for text, place in texts:
        t = next(w for w in ("shelled", "attacked", "struck") if w in text)
        out.append(make_analysis(text, events=[{"trigger": t, "place": place, "time": "2024-10-30"}]))
    return out


@pytest.fixture
def now():
    """The delivery clock: just after the matches were written (the outbox uses the real clock)."""
    return datetime.now(UTC) + timedelta(seconds=1)


@pytest.fixture
def db(tmp_path):
    store = open_store(str(tmp_path / "w.db"))
    yield store
    store.close()


def test_done_when_each_event_near_pokrovsk_once_in_feed_webhook_and_digest(db, receiver, smtp, now):
    service.add(db, WatchSpec("pokrovsk", "events", {"place": "Pokrovsk", "radius_km": 15, "near": POKROVSK},
                              webhook=receiver.url, email="analyst@example.org", digest="daily", allow_private=True))
    docs = day_of_reports()
    for a in docs:
        db.add(a)
    for a in docs:  # the day ingested again: nothing new
        db.add(a)
    s = settings(smtp.url)
    assert deliver_due(db, s, now=now).sent == 3
    assert deliver_due(db, s, now=now).sent == 0
    assert smtp.messages == []  # daily: not before the day ends
    assert deliver_due(db, s, now=now + timedelta(days=1)).sent == 3

    sentences = {a["document"]["text"] for a in docs[:3]}
    # the webhook receiver: three signed POSTs, one per event
    assert len(receiver.received) == 3 and len(set(receiver.ids())) == 3
    for headers, body in receiver.received:
        assert webhook.verify(SECRET, headers, body)
        data = json.loads(body)["data"]
        assert data["watch"] == "pokrovsk" and data["link"].startswith("http://wb.test/documents/sha256:")
    assert {json.loads(b)["data"]["sentence"] for _, b in receiver.received} == sentences
    # the digest: one message listing the three with their sentences, text and escaped HTML
    [msg] = smtp.messages
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "3 new matches for pokrovsk" in msg["Subject"]
    assert all(sn in plain for sn in sentences) and plain.count("http://wb.test/documents/") == 3
    assert "&lt;b&gt;&amp; Myrnohrad&lt;/b&gt;" in html and "<b>&" not in html
    # the feed: three entries with sentence, place, date, term and link
    from warbrief.api import Settings, create_app

    client = TestClient(create_app(store=db, settings=Settings(tokens_path=None)))
    feed = feedparser.parse(client.get("/watches/pokrovsk.atom").content)
    assert not feed.bozo and len(feed.entries) == 3
    assert {e.summary for e in feed.entries} == sentences
    for e in feed.entries:
        assert "Matched: within 15 km of Pokrovsk" in e.content[0].value and "Date: 2024-10-30" in e.content[0].value
        assert e.link.startswith("http://testserver/documents/") and "hl=" in e.link


def test_a_failing_webhook_is_retried_with_back_off_then_dead_lettered(db, receiver, now):
    service.add(db, WatchSpec("w", "events", {"types": ["ASSAULT"]}, webhook=receiver.url, allow_private=True))
    db.add(day_of_reports()[0])
    receiver.status = [500] * 10
    s = settings(backoff_s=10, max_attempts=3)
    assert deliver_due(db, s, now=now).retrying == 1
    assert deliver_due(db, s, now=now + timedelta(seconds=9)).sent == 0  # still backing off
    assert len(receiver.received) == 1
    assert deliver_due(db, s, now=now + timedelta(seconds=11)).retrying == 1  # then 20 s
    assert deliver_due(db, s, now=now + timedelta(seconds=25)).sent == 0
    assert deliver_due(db, s, now=now + timedelta(seconds=32)).dead == 1
    assert len(set(receiver.ids())) == 1 and len(receiver.received) == 3  # the same id on every retry
    [dead] = db.watch.outbox("w", "dead")
    assert dead["attempts"] == 3 and "HTTP 500" in dead["last_error"]
    assert db.watch.retry_dead("w") == 1
    receiver.status = []
    assert deliver_due(db, s, now=now + timedelta(seconds=40)).sent == 1


def test_webhooks_to_private_networks_are_refused_unless_allowed(db, receiver, now):
    with pytest.raises(UsageError, match="refused"):
        service.add(db, WatchSpec("w", "events", {}, webhook=receiver.url))
    # a watch allowed once, then delivered where private targets are not allowed
    db.watch.put({"name": "w", "kind": "events", "query": {}, "webhook": receiver.url,
                  "webhook_secret_env": "WARBRIEF_WEBHOOK_SECRET"}, None)
    db.add(day_of_reports()[0])
    s = settings()
    s.allow_private = False
    assert deliver_due(db, s, now=now).dead == 1
    assert receiver.received == []
    assert "loopback, private or link-local" in db.watch.outbox("w", "dead")[0]["last_error"]


def test_a_missing_signing_secret_dead_letters_and_says_which_variable(db, receiver, now):
    service.add(db, WatchSpec("w", "events", {}, webhook=receiver.url, webhook_secret_env="HOOK_KEY",
                              allow_private=True))
    db.add(day_of_reports()[0])
    assert deliver_due(db, settings(), now=now).dead == 1
    assert "$HOOK_KEY" in db.watch.outbox("w", "dead")[0]["last_error"]


def test_an_unreachable_smtp_server_is_retried_and_never_raises(db, now):
    service.add(db, WatchSpec("w", "events", {}, email="a@example.org", digest="immediate"))
    db.add(day_of_reports()[0])
    from watch_servers import free_port

    r = deliver_due(db, settings(f"smtp+plain://127.0.0.1:{free_port()}?from=x@example.org"), now=now)
    assert (r.sent, r.retrying) == (0, 1) and "a@example.org" in r.errors[0]


@pytest.mark.parametrize("url,message", [
    ("smtp://user:hunter2@mail.example.org?from=a@example.org", "WARBRIEF_SMTP_PASSWORD"),
    ("smtp://mail.example.org", "from="),
    ("http://mail.example.org?from=a@example.org", "smtp://"),
])
def test_smtp_urls_hold_no_password_and_name_the_sender(url, message):
    with pytest.raises(UsageError, match=message):
        SmtpConfig.from_url(url, {})


def test_the_smtp_password_comes_from_the_environment():
    cfg = SmtpConfig.from_url("smtps://alerts@mail.example.org?from=a@example.org", {"WARBRIEF_SMTP_PASSWORD": "pw"})
    assert (cfg.port, cfg.security, cfg.user, cfg.password) == (465, "tls", "alerts", "pw")


WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from store_support import make_analysis
from warbrief.store import open_store
store = open_store({db!r})
for i in range({n}):
    text = f"Report {{i}}: Russian forces shelled Pokrovsk, the {{i}}th strike this month."
    store.add(make_analysis(text, events=[{{"trigger": "shelled", "place": "Pokrovsk", "time": "2024-10-30"}}]))
    print(i, flush=True)
print("done", flush=True)
time.sleep(120)
"""


def _writer(db: Path, n: int, kill_after: int | None) -> None:
    """Store n reports, one transaction each; kill -9 after `kill_after` (None: after the last,
    before anything is delivered)."""
    code = WRITER.format(tests=str(TESTS), db=str(db), n=n)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        for line in proc.stdout:  # type: ignore[union-attr]
            if line.strip() == "done" or (kill_after is not None and line.strip() == str(kill_after)):
                break
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


def _deliver(db: Path, kill_when=None, receiver=None) -> None:
    env = {**os.environ, **ENV, "WARBRIEF_WEBHOOK_ALLOW_PRIVATE": "1"}
    proc = subprocess.Popen([str(Path(sys.executable).with_name("warbrief")), "watch", "deliver", "--db", str(db)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if kill_when is None:
        assert proc.wait(timeout=120) == 0, proc.stderr.read().decode()  # type: ignore[union-attr]
        return
    for _ in range(6000):
        if kill_when(receiver) or proc.poll() is not None:
            break
        import time

        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


@pytest.mark.slow
def test_kill_9_between_ingest_and_delivery_loses_no_match_and_sends_none_twice(tmp_path, receiver):
    n = 12
    path = tmp_path / "crash.db"
    with open_store(str(path)) as store:
        service.add(store, WatchSpec("pokrovsk", "events", {"place": "Pokrovsk", "radius_km": 15, "near": POKROVSK},
                                     webhook=receiver.url, allow_private=True))
    _writer(path, n, kill_after=4)  # killed mid-ingest
    _writer(path, n, kill_after=None)  # re-run to the end, killed before delivering
    with open_store(str(path)) as store:
        assert len(store.watch.matches(["pokrovsk"], 100)) == n and store.watch.pending() == n
    _deliver(path)
    _deliver(path)  # again: nothing left to send
    assert len(receiver.received) == n and len(set(receiver.ids())) == n


@pytest.mark.slow
def test_kill_9_during_delivery_resends_only_with_the_same_idempotency_key(tmp_path, receiver):
    n = 8
    path = tmp_path / "crash.db"
    with open_store(str(path)) as store:
        service.add(store, WatchSpec("w", "events", {"types": ["ASSAULT"]}, webhook=receiver.url, allow_private=True))
    _writer(path, n, kill_after=None)
    receiver.delay = 0.05
    _deliver(path, kill_when=lambda r: len(r.received) >= 3, receiver=receiver)
    receiver.delay = 0
    _deliver(path)
    ids = receiver.ids()
    assert len(set(ids)) == n  # every match delivered
    assert len(ids) - len(set(ids)) <= 1  # at most the one in flight, with its own id again


def test_cli_ingest_matches_and_a_dead_webhook_never_fails_it(tmp_path, pipeline, capsys, monkeypatch):
    from warbrief.cli import main
    from watch_servers import free_port

    db = str(tmp_path / "i.db")
    monkeypatch.setenv("WARBRIEF_WEBHOOK_SECRET", SECRET)
    assert main(["watch", "add", "kupiansk", "--db", db, "--place", "Kupiansk", "--radius", "20",
                 "--webhook", f"http://127.0.0.1:{free_port()}/closed", "--allow-private-urls"]) == 0
    report = tmp_path / "report.txt"
    report.write_text("Russian forces advanced near Kupiansk on October 30, the General Staff said.\n")
    assert main(["ingest", str(report), "--db", db, "--published", "2024-11-01", "--no-progress"]) == 0
    assert "1 to retry" in capsys.readouterr().err
    with open_store(db) as store:
        [m] = store.watch.matches(["kupiansk"])
        assert m["place"] == "Kupiansk" and "advanced near Kupiansk" in m["sentence"]
        [row] = store.watch.outbox("kupiansk")
        assert row["status"] == "pending" and row["attempts"] == 1 and "ConnectError" in row["last_error"]


def test_the_dispatcher_delivers_in_the_background_as_serve_does(db, receiver):
    import time

    from warbrief.watch.deliver import Dispatcher

    service.add(db, WatchSpec("w", "events", {"types": ["ASSAULT"]}, webhook=receiver.url, allow_private=True))
    with Dispatcher(db, settings(), interval=0.05) as d:
        db.add(day_of_reports()[0])
        d.wake()
        for _ in range(400):  # bounded: at most a few seconds
            if receiver.received:
                break
            time.sleep(0.01)
    assert len(receiver.received) == 1 and d.report.sent == 1


class _Crash(BaseException):
    """Stands for the process dying (nothing in warbrief catches it)."""


@pytest.mark.parametrize("when", ["before_sending", "after_sending"])
def test_a_crash_mid_delivery_loses_nothing_and_repeats_only_with_the_same_key(db, receiver, now, monkeypatch, when):
    service.add(db, WatchSpec("w", "events", {"types": ["ASSAULT"]}, webhook=receiver.url, allow_private=True))
    for a in day_of_reports():
        db.add(a)
    real, calls = webhook.post, []

    def dying(*args, **kw):
        calls.append(1)
        if len(calls) == 3 and when == "before_sending":
            raise _Crash
        got = real(*args, **kw)
        if len(calls) == 3:
            raise _Crash
        return got

    monkeypatch.setattr(webhook, "post", dying)
    with pytest.raises(_Crash):
        deliver_due(db, settings(), now=now)
    monkeypatch.setattr(webhook, "post", real)
    deliver_due(db, settings(), now=now)
    ids = receiver.ids()
    assert len(set(ids)) == 5  # every match delivered
    assert len(ids) == (6 if when == "after_sending" else 5)  # the one sent unmarked, again, same id


def test_a_watch_changed_after_its_match_dead_letters_instead_of_failing(db, receiver, now):
    service.add(db, WatchSpec("w", "events", {}, webhook=receiver.url, email="a@example.org", digest="immediate",
                              allow_private=True))
    db.add(day_of_reports()[0])
    service.import_yaml(db, "w: {events: {}}", "w.yaml")  # no webhook, no e-mail any more
    r = deliver_due(db, settings("smtp+plain://127.0.0.1:1?from=x@example.org"), now=now)
    assert (r.sent, r.dead) == (0, 2) and receiver.received == []
