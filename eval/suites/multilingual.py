"""Ukrainian and Russian: what `multilingual_check.py` (beside the eval data) reports.

NER on NER-UK 2.0 and NEREL (names only: gold spans starting with a capital; overlap match),
F1 for PLACE and PERSON per language; ACLED notes translated into Ukrainian and Russian: an
event within 25 km of ACLED's point, on its date, of its event type and sub-type (any event of
the note counts). The check runs the installed `warbrief extract` (this venv's), so the numbers
are those of the command line. `--limit` does not apply (the check reads whole files).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eval.common import Metric

NEEDS = ["multilingual_check.py", "multilingual"]
TARGETS = {"acled_location25": 0.85, "acled_date": 0.95, "acled_event_type": 0.85, "acled_sub_event_type": 0.75,
           "place_f1": 0.80}
PERSON_TARGETS = {"ru": 0.75, "uk": 0.65}
TIMEOUT = 1800  # seconds


def run(data: Path, limit: int | None = None) -> list[Metric]:
    exe = Path(sys.executable).with_name("warbrief")
    proc = subprocess.run([sys.executable, str(data / "multilingual_check.py"), str(exe), "--verbose"],
                          capture_output=True, text=True, timeout=TIMEOUT, check=False)
    lines = proc.stdout.strip().splitlines()
    last = lines[-1] if lines else ""
    if proc.returncode != 0 or not last.startswith("multilingual "):
        print(f"eval: multilingual check failed ({proc.returncode}): {proc.stderr.strip()[-300:]}", file=sys.stderr)
        return []
    detail = {ln.split(":")[0]: ln.split(":", 1)[1].strip() for ln in lines if " NER " in ln or " ACLED " in ln}
    out = []
    for pair in last.split()[1:]:
        key, value = pair.split("=")
        lang, name = key.split(".", 1)
        target = PERSON_TARGETS[lang] if name == "person_f1" else TARGETS.get(name)
        what = f"{lang} NER {name[:-3].upper()}" if name.endswith("_f1") else f"{lang} ACLED (60 notes)"
        out.append(Metric("multilingual", f"{lang}_{name}", float(value), target, detail.get(what, "")))
    return out
