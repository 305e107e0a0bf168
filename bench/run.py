"""`make bench`: speed and memory, measured in one run so ratios are comparable.

Extraction: documents per second of warbrief's full pipeline against bare en_core_web_sm
`nlp.pipe` on the same texts (../shared/eval/news/articles.jsonl, or the sample corpus when
absent), peak memory, and the cold start of one `warbrief extract` of a short document.
Other benchmarks (store, brief, API) live in bench/<name>.py as `run(data_dir) -> rows`.

    python -m bench.run [--data ../shared/eval] [--only extract,store]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SUITES = ["extract", "gazetteer", "store", "brief", "api", "watch", "multilingual"]
Row = tuple[str, float | None, str]


def corpus(data: Path) -> tuple[Path, str]:
    news = data / "news" / "articles.jsonl"
    if news.exists():
        return news, f"{news} ({sum(1 for _ in news.open())} articles)"
    from importlib import resources

    sample = Path(str(resources.files("warbrief.samples").joinpath("corpus.jsonl")))
    return sample, f"the sample corpus ({sum(1 for _ in sample.open())} reports; ../shared/eval absent)"


def _worker(mode: str, path: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "bench.worker", mode, str(path)], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_extract(data: Path) -> list[Row]:
    path, label = corpus(data)
    print(f"bench: extract on {label}", file=sys.stderr)
    warbrief_bin = str(Path(sys.executable).with_name("warbrief"))
    with tempfile.TemporaryDirectory() as tmp:
        short = Path(tmp) / "short.txt"
        short.write_text("Russian forces advanced near Kupyansk on October 30, the General Staff said.\n")
        subprocess.run([warbrief_bin, "extract", str(short)], capture_output=True, check=False)  # build indexes
        bare = _worker("bare", path)
        full = _worker("warbrief", path)
        t0 = time.perf_counter()
        subprocess.run([warbrief_bin, "extract", str(short), "--published", "2024-11-01"],
                       capture_output=True, check=True)
        cold = time.perf_counter() - t0
    return [
        ("extract.bare_sm_docs_per_s", bare["docs_per_s"], "docs/s"),
        ("extract.warbrief_docs_per_s", full["docs_per_s"], "docs/s"),
        ("extract.ratio_vs_bare_sm", full["docs_per_s"] / bare["docs_per_s"], "x (target >= 0.6)"),
        ("extract.warbrief_chars_per_s", full["chars"] / full["elapsed_s"], "chars/s"),
        ("extract.peak_memory", full["peak_mb"], "MB (target <= 1024)"),
        ("extract.bare_sm_peak_memory", bare["peak_mb"], "MB"),
        ("extract.pipeline_load", full["load_s"], "s"),
        ("extract.cold_start_one_short_doc", cold, "s (target <= 3)"),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval"))
    ap.add_argument("--only", help=f"comma-separated: {','.join(SUITES)}")
    ns = ap.parse_args(argv)
    os.environ.setdefault("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    rows: list[Row] = []
    for name in ns.only.split(",") if ns.only else SUITES:
        t0 = time.perf_counter()
        if name == "extract":
            rows += bench_extract(ns.data)
        else:
            try:
                mod = importlib.import_module(f"bench.{name}")
            except ModuleNotFoundError as exc:
                if exc.name == f"bench.{name}":
                    print(f"bench: {name} not written yet", file=sys.stderr)
                    continue
                raise
            rows += mod.run(ns.data)
        print(f"bench: {name} done in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    print(f"{'benchmark':<44} {'value':>12}  unit")
    print("-" * 72)
    for key, value, unit in rows:
        v = "-" if value is None else (f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}")
        print(f"{key:<44} {v:>12}  {unit}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
