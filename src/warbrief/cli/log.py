"""`warbrief log`: the inputs ingest skipped or failed on, with their reasons; and past runs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..jsonl import dumps_line
from .query import FMT, add_db, open_db

HELP = """\
Show what `warbrief ingest` skipped or could not read, with the reason, newest first.

Statuses: failed (could not be read or analysed), skipped (same content already stored),
near-duplicate (linked to an earlier document instead of stored as a new report), undated
(stored without a publication date: a dated brief leaves it out; see `warbrief brief
--undated`), warning (stored, but a stage failed on it: that part of the analysis is missing),
watch-failed (stored, but matching it against the watches failed; see docs/watches.md).

Examples:
  warbrief log --last --status failed
  warbrief log --runs
  warbrief log --status undated
  warbrief log --run 3 --format jsonl
"""


def register(sub: Any) -> None:
    p = sub.add_parser("log", help="inputs ingest skipped or failed on, with reasons",
                       description=HELP, formatter_class=FMT)
    add_db(p)
    which = p.add_mutually_exclusive_group()
    which.add_argument("--run", dest="run_id", type=int, metavar="N", help="only run N")
    which.add_argument("--last", action="store_true", help="only the last run")
    which.add_argument("--runs", action="store_true", help="list the runs with their summaries")
    p.add_argument("--status", choices=("failed", "skipped", "near-duplicate", "undated", "warning", "watch-failed"),
                   help="only this status")
    p.add_argument("--limit", type=int, default=200, metavar="N", help="at most N entries (default 200)")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    out = sys.stdout
    with open_db(args) as store:
        if args.runs:
            rows = store.runs(args.limit)
            for r in rows:
                if args.format == "jsonl":
                    out.write(json.dumps(r) + "\n")
                else:
                    s = json.loads(r["summary"]) if r["summary"] else {}
                    counts = ", ".join(f"{k} {v}" for k, v in s.items() if k != "run") or "unfinished"
                    out.write(f"run {r['seq']:<4} {r['started']}  {counts}  {r['command'] or ''}\n")
            return 0
        run_id = args.run_id
        if args.last:
            runs = store.runs(1)
            run_id = runs[0]["seq"] if runs else -1
        rows = store.log_entries(run_id, args.status, args.limit)
    for r in rows:
        if args.format == "jsonl":
            out.write(dumps_line(r) + "\n")
        else:
            out.write(f"{r['at']}  run {r['run']}  {r['status']:<14}  {r['input']}: {r['reason']}\n")
    if not rows:
        print("warbrief: nothing logged" + (f" for run {run_id}" if run_id is not None else ""), file=sys.stderr)
    return 0
