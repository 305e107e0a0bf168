"""Ingest orchestration: read inputs, skip what is stored, extract (in this process, in N
worker processes, or on a Dask cluster), and write each document with ONE writer, one
transaction per document. Every skipped or failed input is recorded with its reason.

    summary = ingest(store, ["reports/", "feed.xml", "result.json"], IngestOptions(workers=2))

Results come back in input order, so a run is deterministic (near-duplicates link to the
earlier copy) and a re-run after a crash finds the stored prefix and goes on from there.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..analysis import DocumentInput, document_id
from ..errors import Errors, InputError, UsageError
from . import FILE_READERS, ReadOptions, read_inputs

log = logging.getLogger(__name__)

Result = tuple[dict[str, Any] | None, str | None, bytes | None]  # (analysis, error reason, signature)


@dataclass
class IngestOptions:
    read: ReadOptions = field(default_factory=ReadOptions)
    workers: int = 1  # extraction processes (1: in this process)
    dask: str | None = None  # address of a Dask scheduler, e.g. tcp://10.0.0.5:8786
    batch_size: int = 16  # documents per extraction task
    keep_original: bool = False  # also store the input bytes of single-document files
    progress: bool | None = None  # None: show a progress bar when stderr is a terminal
    warn: Callable[[str], None] | None = None  # told one line per document stored with a warning


MAX_ERRORS = 20  # failed inputs printed one per line; the rest are counted


@dataclass
class Summary:
    read: int = 0
    stored: int = 0
    skipped: int = 0  # same content already stored
    near_duplicates: int = 0
    failed: int = 0
    undated: int = 0  # stored without a publication date (see `warbrief log --status undated`)
    seconds: float = 0.0
    write_seconds: float = 0.0  # time spent storing (inside Store.add)
    run: int | None = None
    errors: list[str] = field(default_factory=list)  # "input: reason", the first MAX_ERRORS

    def fail(self, store: Any, where: str, reason: str) -> None:
        """Count and log one failed input, keeping its reason for stderr."""
        self.failed += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(f"{where}: {reason}")
        store.log(self.run, where, "failed", reason)

    def error_lines(self) -> list[str]:
        """One line per failed input, as `extract` prints them, capped with a count."""
        more = self.failed - len(self.errors)
        return self.errors + ([f"... and {more} more (`warbrief log --run {self.run}`)"] if more > 0 else [])

    def as_dict(self) -> dict[str, Any]:
        return {"read": self.read, "stored": self.stored, "skipped": self.skipped,
                "near_duplicates": self.near_duplicates, "failed": self.failed, "undated": self.undated,
                "seconds": round(self.seconds, 2), "write_seconds": round(self.write_seconds, 2),
                "run": self.run}

    def line(self) -> str:
        rate = self.read / self.seconds if self.seconds else 0.0
        text = (f"{self.read} read, {self.stored} stored, {self.skipped} skipped (already stored), "
                f"{self.near_duplicates} near-duplicates linked, {self.failed} failed"
                + (f", {self.undated} undated" if self.undated else "")
                + f" in {self.seconds:.1f}s ({rate:.1f} docs/s)")
        if self.failed or self.near_duplicates or self.skipped or self.undated:
            text += f"; see `warbrief log --run {self.run}`"
        return text


class Progress:
    """A one-line progress bar with rate and ETA on stderr (no dependency)."""

    def __init__(self, total: int | None, stream: IO[str] | None = None, enabled: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.total, self.done, self.start, self.last = total, 0, time.monotonic(), 0.0

    def update(self, n: int = 1, note: str = "") -> None:
        self.done += n
        now = time.monotonic()
        if self.enabled and (now - self.last >= 0.2 or self.done == self.total):
            self.last = now
            self.stream.write("\r" + self.render(now - self.start, note) + "\x1b[K")
            self.stream.flush()

    def render(self, elapsed: float, note: str = "") -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        if self.total and self.done <= self.total:
            frac = self.done / self.total
            bar = "#" * int(frac * 30)
            eta = (self.total - self.done) / rate if rate else 0.0
            return (f"[{bar:<30}] {self.done}/{self.total} {frac:4.0%} {rate:.1f} docs/s "
                    f"ETA {_clock(eta)} {note}").rstrip()
        return f"{self.done} docs {rate:.1f} docs/s elapsed {_clock(elapsed)} {note}".rstrip()

    def close(self) -> None:
        if self.enabled and self.done:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


def estimate_total(specs: list[str]) -> int | None:
    """Documents to expect: one per file, one per line of .jsonl; None when unknown (URLs, stdin)."""
    total = 0
    for spec in specs:
        p = Path(spec)
        try:
            if "://" in spec or spec == "-":
                return None
            files = [f for f in p.rglob("*") if f.suffix.lower() in FILE_READERS] if p.is_dir() else [p]
            for f in files:
                if f.suffix.lower() in (".jsonl", ".ndjson"):
                    with f.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                else:
                    total += 1
        except OSError:
            total += 1
    return total


# ---- extraction (runs in this process, in a worker process, or on a Dask worker) -----------
def extract_batch(items: list[DocumentInput]) -> list[Result]:
    """Analyse a batch; per item (analysis dict, None, signature) or (None, reason, None)."""
    from ..pipeline import analyze_stream
    from ..store.neardup import signature

    out: list[Result] = []
    for _item, result in analyze_stream(items, batch_size=len(items) or 1):
        if isinstance(result, InputError):
            out.append((None, result.reason, None))
            continue
        a = result.to_dict()
        out.append((a, None, signature(a["document"]["text"])))
    return out


def _warm() -> None:
    from ..pipeline import get_pipeline

    get_pipeline()


def _worker_init(parent: int) -> None:
    """A worker dies with its parent, even a parent killed with -9: Linux sends the worker
    SIGKILL when the parent goes (PR_SET_PDEATHSIG); elsewhere, and if the parent died before
    that took effect, a watchdog thread sees the worker adopted by another process and exits."""
    import contextlib
    import ctypes
    import threading

    with contextlib.suppress(OSError, AttributeError):  # not Linux: the watchdog alone
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG = 1

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="warbrief-parent-watch", daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)
    _warm()


class _Local:
    def map(self, batches: Iterable[list[DocumentInput]]) -> Iterator[list[Result]]:
        for b in batches:
            yield extract_batch(b)

    def close(self) -> None:
        pass


class _Pool:
    """N worker processes, each with its own pipeline; results in submission order."""

    def __init__(self, workers: int) -> None:
        import multiprocessing
        import threading
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        # fork starts workers in a fraction of spawn's time (no re-import of spaCy), but is only
        # safe while this process runs a single thread
        method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() \
            else "spawn"
        if method == "fork":
            # load the pipeline once, here: forked workers inherit it (copy-on-write) instead of
            # each loading its own, which on a busy machine costs a worker's start in CPU time
            _warm()
        self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method), initializer=_worker_init,
                                        initargs=(os.getpid(),))

    def map(self, batches: Iterable[list[DocumentInput]]) -> Iterator[list[Result]]:
        return _ordered(lambda b: self.pool.submit(extract_batch, b), batches, 2 * self.workers,
                        lambda f: f.result())

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


class _Dask:
    def __init__(self, address: str) -> None:
        _check_reachable(address)
        try:
            from distributed import Client

            self.client = Client(address, timeout=20, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise UsageError(Errors.I001.format(address=address, why=exc)) from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, batches: Iterable[list[DocumentInput]]) -> Iterator[list[Result]]:
        def submit(b: list[DocumentInput]) -> Any:
            return self.client.submit(extract_batch, b, pure=False)

        return _ordered(submit, batches, 2 * self.workers + 1, lambda f: f.result())

    def close(self) -> None:
        self.client.close()


def _check_reachable(address: str) -> None:
    """Fail fast, with the reason, when a tcp:// scheduler refuses connections."""
    import socket
    from urllib.parse import urlsplit

    if not address.startswith("tcp://"):
        return
    u = urlsplit(address)
    try:
        socket.create_connection((u.hostname or "127.0.0.1", u.port or 8786), timeout=5).close()
    except OSError as exc:
        raise UsageError(Errors.I001.format(address=address, why=exc.strerror or exc)) from None


def _ordered(submit: Callable[[Any], Any], batches: Iterable[Any], window: int,
             get: Callable[[Any], Any]) -> Iterator[Any]:
    pending: deque[Any] = deque()
    for b in batches:
        pending.append(submit(b))
        if len(pending) >= window:
            yield get(pending.popleft())
    while pending:
        yield get(pending.popleft())


# ---- the run -------------------------------------------------------------------------------
def _batches(store: Any, items: Iterable[DocumentInput | InputError], opts: IngestOptions,
             summary: Summary, progress: Progress, seen: set[str]) -> Iterator[list[DocumentInput]]:
    """New documents in batches; inputs that failed to read and known documents are logged."""
    batch: list[DocumentInput] = []
    for item in items:
        summary.read += 1
        if isinstance(item, InputError):
            summary.fail(store, item.source, item.reason)
            progress.update()
            continue
        did = document_id(item.text)
        if did in seen or store.has(did):
            summary.skipped += 1
            store.log(summary.run, item.where, "skipped", "same content already stored", did)
            progress.update()
            continue
        seen.add(did)
        batch.append(item)
        if len(batch) >= opts.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(store: Any, specs: list[str], opts: IngestOptions | None = None, command: str = "",
           items: Iterable[DocumentInput | InputError] | None = None) -> Summary:
    """Ingest `specs` (or ready `items`) into `store`; returns the summary of the run."""
    from ..store import IngestMeta
    from ..store.write import now

    opts = opts or IngestOptions()
    if opts.workers < 1:
        raise UsageError(Errors.I002.format(workers=opts.workers))
    summary = Summary(run=store.start_run(command))
    progress = Progress(None if items is not None else estimate_total(specs), enabled=opts.progress)
    backend = _Dask(opts.dask) if opts.dask else _Pool(opts.workers) if opts.workers > 1 else _Local()
    start = time.monotonic()
    retrieved = now()
    source = items if items is not None else read_inputs(specs, opts.read)
    try:
        batches = deque[list[DocumentInput]]()

        def feed() -> Iterator[list[DocumentInput]]:
            for b in _batches(store, source, opts, summary, progress, set()):
                batches.append(b)
                yield b

        for results in backend.map(feed()):
            for item, (analysis, reason, sig) in zip(batches.popleft(), results, strict=True):
                if analysis is None:
                    summary.fail(store, item.where, reason or "could not be analysed")
                else:
                    meta = IngestMeta(origin=item.origin, retrieved=retrieved,
                                   forwarded_from=item.forwarded_from,
                                   original=_original(item) if opts.keep_original else None)
                    t0 = time.monotonic()
                    try:
                        res = store.add(analysis, meta, sig, run=summary.run)
                    except InputError as exc:
                        summary.fail(store, item.where, exc.reason)
                        progress.update()
                        continue
                    summary.write_seconds += time.monotonic() - t0
                    if res.status in ("stored", "near-duplicate"):
                        _report(store, summary, opts, item, analysis, res.doc_id)
                    if res.status == "stored":
                        summary.stored += 1
                    elif res.status == "near-duplicate":
                        summary.near_duplicates += 1
                    else:
                        summary.skipped += 1
                        store.log(summary.run, item.where, "skipped", "same content already stored", res.doc_id)
                progress.update()
    finally:
        backend.close()
        progress.close()
        summary.seconds = time.monotonic() - start
        store.finish_run(summary.run, summary.as_dict())
    return summary


UNDATED = ("stored undated: it will not appear in a dated brief (give --published DATE when ingesting, "
           "or include it with `warbrief brief --undated`)")


def _report(store: Any, summary: Summary, opts: IngestOptions, item: DocumentInput,
            analysis: dict[str, Any], doc_id: str) -> None:
    """Log (and tell `opts.warn`) what a stored document lacks: a date, a stage's output."""
    notes: list[tuple[str, str]] = []
    if not analysis["document"].get("published"):
        summary.undated += 1
        notes.append(("undated", f"{item.date_note or 'the input gives no publication date'}; {UNDATED}"))
    furniture = 0
    for w in analysis.get("warnings") or []:
        if w.get("code") == "A003":  # the undated note above says it
            continue
        if w.get("code") == "A002":  # page furniture: one line for the document, not one per item
            furniture += 1
            continue
        notes.append(("warning", f"[{w.get('code')}] {w.get('message')}"))
    if furniture:
        notes.append(("warning", f"[A002] {furniture} event(s) or claim(s) in page furniture not kept "
                                 "(the analysis' warnings name each and the pattern that matched)"))
    for status, reason in notes:
        store.log(summary.run, item.where, status, reason, doc_id)
        if opts.warn:
            opts.warn(f"{item.where}: {reason}")


def _original(item: DocumentInput) -> bytes | None:
    """The bytes of a single-document file (not a line of a batch or a post of an export)."""
    if item.origin and os.path.isfile(item.origin):
        try:
            return Path(item.origin).read_bytes()
        except OSError:
            return None
    return None
