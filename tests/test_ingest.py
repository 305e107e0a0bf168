"""`warbrief ingest` through the real pipeline: summaries, the log, idempotency, workers, Dask,
and a crash test (kill -9 during a 500-document ingest, re-run, counts equal a clean run)."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from warbrief.cli import main
from warbrief.ingest.runner import IngestOptions, Progress, ingest
from warbrief.store import open_store

pytestmark = pytest.mark.model

PLACES = ["Kharkiv", "Kupiansk", "Pokrovsk", "Odesa", "Kherson", "Zaporizhzhia", "Sumy", "Chasiv Yar"]
VERBS = ["shelled", "struck", "attacked", "bombed"]


def synthetic(i: int) -> str:
    """A short report, different for every i."""
    place, verb = PLACES[i % len(PLACES)], VERBS[i // len(PLACES) % len(VERBS)]
    return (f"Russian forces {verb} {place} on Monday, damaging {i % 7 + 2} houses, the regional "
            f"governor said in report number {i}.")


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "in"
    (d / "nested" / "deeper").mkdir(parents=True)
    for i in range(6):
        (d / ("nested" if i % 2 else "") / f"r{i}.txt").write_text(synthetic(i))
    (d / "nested" / "deeper" / "copy.txt").write_text(synthetic(0))  # same content again
    (d / "broken.txt").write_bytes(b"\xff\xfe\x00\x01 not text")
    (d / "empty.md").write_text("   \n")
    return d


def _ingest(db, inputs, **opts):
    with open_store(str(db)) as s:
        return ingest(s, [str(i) for i in inputs], IngestOptions(progress=False, **opts)), s.counts()


def test_directory_summary_and_counts(corpus, tmp_path):
    summary, counts = _ingest(tmp_path / "w.db", [corpus])
    assert (summary.read, summary.stored, summary.skipped, summary.failed) == (9, 6, 1, 2)
    assert counts["documents"] == 6


def test_ingest_and_rerun_on_each_backend(store, corpus):
    first = ingest(store, [str(corpus)], IngestOptions(progress=False))
    again = ingest(store, [str(corpus)], IngestOptions(progress=False))
    assert (first.stored, again.stored, again.skipped, store.counts()["documents"]) == (6, 0, 7, 6)


def test_every_skipped_or_failed_input_is_logged_with_reason(corpus, tmp_path):
    _ingest(tmp_path / "w.db", [corpus])
    with open_store(str(tmp_path / "w.db")) as s:
        log = {os.path.basename(e["input"]): (e["status"], e["reason"]) for e in s.log_entries()}
    # nested/deeper/copy.txt sorts before r0.txt, so r0.txt is the second copy
    assert log["r0.txt"] == ("skipped", "same content already stored")
    assert log["broken.txt"][0] == "failed" and "binary" in log["broken.txt"][1]
    assert log["empty.md"] == ("failed", "is empty (no text to analyse)")


def test_rerun_stores_nothing_new(corpus, tmp_path):
    _, first = _ingest(tmp_path / "w.db", [corpus])
    summary, second = _ingest(tmp_path / "w.db", [corpus])
    assert (summary.stored, summary.skipped, second) == (0, 7, first)


def test_stored_analysis_equals_extract(corpus, tmp_path, analyze):
    _ingest(tmp_path / "w.db", [corpus / "r0.txt"])
    with open_store(str(tmp_path / "w.db")) as s:
        ((_meta, stored),) = list(s.analyses())
    assert stored == analyze(synthetic(0))


def test_keep_original_stores_the_file_bytes(corpus, tmp_path):
    _ingest(tmp_path / "w.db", [corpus / "r0.txt"], keep_original=True)
    with sqlite3.connect(tmp_path / "w.db") as conn:
        (original,) = conn.execute("SELECT original FROM documents").fetchone()
    assert original == (corpus / "r0.txt").read_bytes()


@pytest.mark.slow
def test_two_workers_store_what_one_does(corpus, tmp_path):
    _, one = _ingest(tmp_path / "one.db", [corpus])
    summary, two = _ingest(tmp_path / "two.db", [corpus], workers=2, batch_size=2)
    assert (two, summary.stored) == (one, 6)


def test_dask_local_cluster_stores_what_one_worker_does(corpus, tmp_path):
    distributed = pytest.importorskip("distributed")
    _, one = _ingest(tmp_path / "one.db", [corpus])
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        summary, viadask = _ingest(tmp_path / "dask.db", [corpus], dask=cluster.scheduler_address, batch_size=2)
    assert (viadask, summary.stored) == (one, 6)


def test_unreachable_dask_scheduler_is_a_usage_error(corpus, tmp_path, capsys):
    code = main(["ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--dask", "tcp://127.0.0.1:9",
                 "--no-progress"])
    assert code == 2 and "cannot reach the Dask scheduler" in capsys.readouterr().err


def test_command_prints_summary_and_exit_3_when_inputs_failed(corpus, tmp_path, capsys):
    code = main(["ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--json", "--no-progress"])
    out, err = capsys.readouterr()
    assert code == 3 and json.loads(out)["stored"] == 6 and "6 stored, 1 skipped" in err


@pytest.mark.parametrize("total, done, expected", [
    (100, 25, "25/100  25%"),
    (None, 7, "7 docs"),
])
def test_progress_line_has_rate_and_eta(total, done, expected):
    p = Progress(total, enabled=False)
    p.done = done
    line = p.render(5.0)
    assert expected in line and "docs/s" in line and ("ETA" in line) == (total is not None)


# ---- crash test ------------------------------------------------------------------------------
N_DOCS = 500


def _write_batch(path):
    rng = random.Random(7)
    lines = [json.dumps({"text": synthetic(i), "published": f"2024-10-{i % 28 + 1:02d}", "source": "Test"})
             for i in range(N_DOCS)]
    for j in rng.sample(range(N_DOCS), 10):  # ten exact repeats, scattered
        lines.insert(rng.randrange(len(lines)), lines[j])
    path.write_text("\n".join(lines) + "\n")


def _run(db, batch):
    code = "import sys; from warbrief.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen([sys.executable, "-c", code, "ingest", str(batch), "--db", str(db), "--no-progress",
                             "--batch-size", "8"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _stored(db):
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def _all_counts(db):
    with sqlite3.connect(db) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "entities", "mentions", "places", "times", "claims", "claim_chain",
                          "events", "event_parties", "neardup_bands")}


@pytest.mark.slow
def test_kill_9_then_rerun_equals_clean_run(tmp_path):
    batch = tmp_path / "batch.jsonl"
    _write_batch(batch)
    clean = _run(tmp_path / "clean.db", batch)
    assert clean.wait(timeout=500) == 0, clean.stderr.read().decode()

    db = tmp_path / "crashed.db"
    for kill_at in sorted(random.Random(11).sample(range(30, N_DOCS - 30), 3)):
        proc = _run(db, batch)
        while proc.poll() is None and _stored(db) < kill_at:
            time.sleep(0.02)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    final = _run(db, batch)
    assert final.wait(timeout=500) == 0, final.stderr.read().decode()
    assert _all_counts(db) == _all_counts(tmp_path / "clean.db")
    assert _all_counts(db)["documents"] == N_DOCS
