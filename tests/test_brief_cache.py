"""The brief is computed once per store version and period; a server busy computing briefs
answers 429 with Retry-After instead of queueing every client (issue #21, item 3)."""

from __future__ import annotations

import threading

import pytest

from warbrief.api.brief_cache import BriefCache
from warbrief.errors import BusyError
from web_fixtures import *  # noqa: F403
from web_fixtures import Builder


def _counting(backend):
    calls = []
    real = backend.briefs.compute

    def compute(*args):
        calls.append(args)
        return real(*args)

    backend.briefs.compute = compute
    return calls


def test_the_same_brief_is_computed_once(client):
    calls = _counting(client.app.state.backend)
    first = client.get("/api/brief?days=31")
    assert first.status_code == 200
    for _ in range(3):
        assert client.get("/api/brief?days=31").json() == first.json()
    assert client.get("/?days=31").status_code == 200  # the page shares the cache
    assert len(calls) == 1


def test_a_write_invalidates_the_cached_brief(client, sqlite_store):
    calls = _counting(client.app.state.backend)
    client.get("/api/brief?days=31")
    sqlite_store.add(Builder("Russian forces shelled Kupiansk again on November 2.", "2024-11-02", "New").a)
    client.get("/api/brief?days=31")
    assert len(calls) == 2


def test_identical_requests_wait_for_one_computation():
    release, calls = threading.Event(), []

    def compute(day, days):
        calls.append(day)
        release.wait(10)
        return {"day": day}

    cache = BriefCache(compute, lambda: 1)
    results: list = []
    threads = [threading.Thread(target=lambda: results.append(cache.get("2024-11-01", 1))) for _ in range(5)]
    for t in threads:
        t.start()
    while not calls:
        threading.Event().wait(0.01)
    release.set()
    for t in threads:
        t.join(10)
    assert calls == ["2024-11-01"] and results == [{"day": "2024-11-01"}] * 5


def test_a_busy_server_answers_429_with_retry_after(client):
    backend = client.app.state.backend
    started, release = threading.Event(), threading.Event()
    real = backend.briefs.compute

    def slow(*args):
        started.set()
        release.wait(10)
        return real(*args)

    backend.briefs.compute = slow
    first = threading.Thread(target=lambda: client.get("/api/brief?days=31"))
    first.start()
    try:
        assert started.wait(10)
        r = client.get("/api/brief?days=7")  # another period: needs its own computation
        assert r.status_code == 429
        assert int(r.headers["Retry-After"]) >= 1
        assert r.json()["error"]["code"] == "too_many_requests"
        assert client.get("/api/health").status_code == 200  # cheap routes are not limited
    finally:
        release.set()
        first.join(10)


def test_busy_cache_raises_busy_error():
    started, release = threading.Event(), threading.Event()

    def compute(*args):
        started.set()
        release.wait(10)

    cache = BriefCache(compute, lambda: 1)
    t = threading.Thread(target=lambda: cache.get("a"))
    t.start()
    try:
        assert started.wait(10)
        with pytest.raises(BusyError):
            cache.get("b")
    finally:
        release.set()
        t.join(10)
