"""Many writers on one SQLite file, and workers that die with their parent (issue #21, items
2 and 5). Writers are separate processes, as `warbrief ingest` runs are."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from warbrief.analysis import document_id

WRITER = """
import json, random, sys
from warbrief.store import open_store
db, path, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
analyses = [json.loads(line) for line in open(path)]
random.Random(seed).shuffle(analyses)
store = open_store(db)
run = store.start_run("test writer")
for a in analyses:
    store.add(a, run=run)
    store.log(run, a["document"]["id"], "ok", "stored or skipped")
store.finish_run(run, {"n": len(analyses)})
"""


def _analysis(i: int) -> dict:
    text = f"Russian forces shelled Kharkiv on Monday, report {i}. " + "The governor said so. " * (i % 5 + 1)
    return {"schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": None, "source": f"S{i % 3}", "url": None,
                         "published": f"2024-10-{i % 28 + 1:02d}", "language": "en", "text": text},
            "entities": [], "times": [], "claims": [], "events": []}


def _count(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT count(*) FROM documents").fetchone()[0],
                conn.execute("SELECT count(DISTINCT id) FROM documents").fetchone()[0])


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_all_succeed_and_store_each_document_once(tmp_path, writers):
    batch = tmp_path / "batch.jsonl"
    n = 60
    batch.write_text("".join(json.dumps(_analysis(i)) + "\n" for i in range(n)))
    db = tmp_path / "shared.db"  # not created yet: the writers also race to migrate it
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(db), str(batch), str(seed)],
                              stderr=subprocess.PIPE) for seed in range(writers)]
    statuses = _api_posts(db, tmp_path, 20)  # while the writers run
    errors = [p.communicate(timeout=300)[1].decode() for p in procs]
    assert [p.returncode for p in procs] == [0] * writers, "\n".join(errors)
    assert statuses == [201] * 20
    assert _count(db) == (n + 20, n + 20)


def _api_posts(db: Path, tmp_path: Path, k: int) -> list[int]:
    """`k` POST /api/documents through the app (analysis stood in for: no model), on the same file."""
    from warbrief.store import open_store
    from web_fixtures import make_client

    store = open_store(str(db))
    try:
        client = make_client(store, tmp_path)
        token = client.app.state.tokens.create("writer")
        return [client.post("/api/documents", headers={"Authorization": f"Bearer {token}"},
                            json={"text": f"Ukrainian forces struck a depot near Kherson, post {i}."}).status_code
                for i in range(k)]
    finally:
        store.close()


# ---- workers die with their parent ----------------------------------------------------------
def _ingest(tmp_path: Path, workers: int) -> subprocess.Popen:
    batch = tmp_path / "big.jsonl"
    text = "Russian forces shelled Kharkiv on Monday, the regional governor said. " * 40
    batch.write_text("".join(json.dumps({"text": f"{i}. {text}"}) + "\n" for i in range(600)))  # under the 4 MB file limit
    code = "import sys; from warbrief.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "ingest", str(batch), "--db", str(tmp_path / "w.db"),
                             "--no-progress", "--workers", str(workers), "--batch-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.mark.slow
@pytest.mark.model
def test_workers_die_when_ingest_is_killed(tmp_path):
    proc = _ingest(tmp_path, workers=2)
    parent = psutil.Process(proc.pid)
    try:
        assert _wait(lambda: len(parent.children()) >= 2, 240), "the workers did not start"
        workers = parent.children()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        gone = _wait(lambda: not any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers), 15)
        assert gone, f"workers {[w.pid for w in workers]} outlived their killed parent"
    finally:
        for w in psutil.Process(os.getpid()).children(recursive=True):
            if w.pid != proc.pid:
                w.kill()
        if proc.poll() is None:
            proc.kill()
