"""`make eval`: per-stage quality metrics on ../shared/eval, compared with eval/baseline.json.

Each suite is a module in eval/suites exposing `run(data: Path, limit: int | None) -> list[Metric]`
and `NEEDS` (paths under the data folder it reads). The data never enters this repository.

    python -m eval.run [--data ../shared/eval] [--only time,geo] [--limit N] [--update-baseline]
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from pathlib import Path

from .common import Metric

SUITES = ["time", "actors", "geo", "mordecai", "acledplaces", "isw", "bellingcat", "quotes", "acled",
          "plover", "brief", "eventsanity", "hygiene", "multilingual"]
BASELINE = Path(__file__).with_name("baseline.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/eval"))
    ap.add_argument("--only", help="comma-separated suites (default: all)")
    ap.add_argument("--limit", type=int, help="at most N items per suite (quick look)")
    ap.add_argument("--update-baseline", action="store_true", help="write these numbers as the new baseline")
    ns = ap.parse_args(argv)
    if not ns.data.is_dir():
        print(f"eval: no evaluation data at {ns.data} (it lives beside the project, in ../shared/eval); "
              "nothing to measure", file=sys.stderr)
        return 0
    wanted = ns.only.split(",") if ns.only else SUITES
    unknown = set(wanted) - set(SUITES)
    if unknown:
        ap.error(f"unknown suite(s): {', '.join(sorted(unknown))}; choose from {', '.join(SUITES)}")
    metrics: list[Metric] = []
    for name in wanted:
        try:
            mod = importlib.import_module(f"eval.suites.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"eval.suites.{name}":
                print(f"eval: suite {name!r} not written yet", file=sys.stderr)
                continue
            raise
        missing = [p for p in getattr(mod, "NEEDS", []) if not (ns.data / p).exists()]
        if missing:
            print(f"eval: suite {name!r} skipped, missing {', '.join(missing)}", file=sys.stderr)
            continue
        t0 = time.perf_counter()
        rows = mod.run(ns.data, ns.limit)
        print(f"eval: {name} done in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
        metrics.extend(rows)
    baseline = json.loads(BASELINE.read_text()) if BASELINE.exists() else {}
    print_table(metrics, baseline)
    if ns.update_baseline and not ns.limit:
        baseline.update({m.key: m.value for m in metrics if m.value is not None})
        BASELINE.write_text(json.dumps(dict(sorted(baseline.items())), indent=1) + "\n")
        print(f"eval: baseline written to {BASELINE}", file=sys.stderr)
    return 0


def print_table(metrics: list[Metric], baseline: dict[str, float]) -> None:
    head = f"{'stage':<12} {'metric':<34} {'value':>8} {'baseline':>9} {'delta':>8} {'target':>8}  ok"
    print(head)
    print("-" * len(head))
    for m in metrics:
        base = baseline.get(m.key)
        val = "-" if m.value is None else f"{m.value:.3f}"
        b = "-" if base is None else f"{base:.3f}"
        d = "-" if base is None or m.value is None else f"{m.value - base:+.3f}"
        tgt = "-" if m.target is None else ("<=" if m.lower_is_better else ">=") + f"{m.target:g}"
        ok = {True: "yes", False: "NO", None: ""}[m.meets()]
        print(f"{m.stage:<12} {m.name:<34} {val:>8} {b:>9} {d:>8} {tgt:>8}  {ok}"
              + (f"  {m.detail}" if m.detail else ""))


if __name__ == "__main__":
    raise SystemExit(main())
