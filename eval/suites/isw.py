"""ISW reports: are villages where the report's own relative locations say, and is no word a place?

Runs the external yardstick `../shared/eval/isw_places.py` on the dev ISW reports with this
checkout's `warbrief` (so `make eval` and the outside check are one measurement): consistency
is the share of villages written "X (northeast of Y)" or "northeast of Y near A, B, and C" that
resolve within 90 km of Y on the stated side; junk_rate the share of place mentions resolved
more than 1,500 km from Kyiv that are neither a country, a division nor a city of 50,000+.
Targets (issue 16): consistency >= 0.97, junk_rate <= 0.003. `--limit N` scores the first N
reports only.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from ..common import Metric

NEEDS = ["isw_places.py", "isw/isw_reports_dev.jsonl", "score.py"]
LAST_LINE = re.compile(r"isw_places\[[^\]]*\] consistent=(?P<c>[\d.]+) resolved=(?P<r>[\d.]+) junk_rate=(?P<j>[\d.]+)")
TIMEOUT_S = 1800


def _warbrief() -> Path:
    exe = Path(sys.executable).with_name("warbrief")
    if not exe.exists():
        raise RuntimeError(f"eval isw: no warbrief executable beside {sys.executable}; run `make install-dev`")
    return exe


def run(data: Path, limit: int | None) -> list[Metric]:
    reports = data / "isw" / "isw_reports_dev.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        if limit:
            lines = [x for x in reports.read_text(encoding="utf-8").splitlines() if x.strip()][:limit]
            reports = Path(tmp) / "reports.jsonl"
            reports.write_text("\n".join(lines) + "\n", encoding="utf-8")
        proc = subprocess.run([sys.executable, str(data / "isw_places.py"), str(_warbrief()), "--reports", str(reports)],
                              capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    found = LAST_LINE.search(proc.stdout)
    if proc.returncode != 0 or found is None:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"eval isw: isw_places.py failed (exit {proc.returncode}): {tail[0]}")
    n = dict(kv.split("=", 1) for line in proc.stdout.splitlines() if line.startswith("checks=") for kv in line.split())
    return [Metric("places", "isw.relative_consistency", float(found["c"]), 0.97,
                   f"{n.get('consistent')}/{n.get('checks')} cued villages"),
            Metric("places", "isw.resolved", float(found["r"]), None),
            Metric("places", "isw.junk_rate", float(found["j"]), 0.003,
                   f"{n.get('junk')}/{n.get('place_mentions')} place mentions", lower_is_better=True)]
