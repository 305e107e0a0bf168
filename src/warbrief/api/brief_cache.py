"""Briefs computed once per (store version, period, options), and a bound on how many are
computed at the same time.

A 31-day brief costs about a second of CPU; the same question asked again before the store
changes gets the stored answer. The store version (`Store.version`) changes with every write,
from this process or any other, so a cached brief is never stale. Identical requests arriving
together wait for the one computation; when `slots` computations already run, a new one is
refused with `BusyError` (the API answers 429 with `Retry-After`), so a few clients cannot
take every core from the rest of the server.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from ..errors import BusyError

SIZE = 64  # briefs kept
SLOTS = 1  # briefs computed at once (per server process)
WAIT = 0.5  # seconds a computation waits for a free slot before the request is refused
FOLLOW = 60.0  # seconds an identical request waits for the computation in flight
RETRY_AFTER = 2


class BriefCache:
    def __init__(self, compute: Callable[..., Any], version: Callable[[], Hashable], size: int = SIZE,
                 slots: int = SLOTS) -> None:
        self.compute = compute
        self.version = version
        self.size = size
        self.slots = threading.BoundedSemaphore(slots)
        self.lock = threading.Lock()
        self.items: OrderedDict[Hashable, Any] = OrderedDict()
        self.inflight: dict[Hashable, threading.Event] = {}

    def get(self, *args: Any) -> Any:
        key = (self.version(), *args)
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
            done = self.inflight.get(key)
            leader = done is None
            if leader:
                done = self.inflight[key] = threading.Event()
        assert done is not None
        if not leader:
            done.wait(FOLLOW)
            with self.lock:
                if key in self.items:
                    return self.items[key]
            raise BusyError("the server is busy computing briefs; try again shortly", RETRY_AFTER)
        try:
            return self._lead(key, args)
        finally:
            with self.lock:
                self.inflight.pop(key, None)
            done.set()

    def _lead(self, key: Hashable, args: tuple[Any, ...]) -> Any:
        if not self.slots.acquire(timeout=WAIT):
            raise BusyError("the server is busy computing briefs; try again shortly", RETRY_AFTER)
        try:
            value = self.compute(*args)
        finally:
            self.slots.release()
        with self.lock:
            self.items[key] = value
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return value
