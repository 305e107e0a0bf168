"""The daily brief against ISW's "Key Takeaways".

For each ISW dev report: the report's own Key Takeaways list is removed from its text (runs of
lines that are nothing but takeaways; see `strip_takeaways`), the rest is analysed, stored in one temporary SQLite
store (or kept in memory when the store cannot be opened), and the brief for the report's date
is written from it (period 1 day, top 10 findings). All reports share the store, so a brief
sees the reports of the days before its own (novelty). Report date: `content_date_inferred` when the
data flags a URL/date mismatch, else `report_date_from_url`.

Match (defined before looking at single items, the same for every report):
  tokens(x) = content tokens of x as the brief computes them (lower case, stop words dropped,
  crude suffix stripping; `warbrief.brief.items.tokens`). A takeaway T is COVERED by a finding F
  when they share at least 3 content tokens and the shared tokens make up at least half of the
  smaller of the two token sets (overlap coefficient |T & F| / min(|T|, |F|) >= 0.5).
  The strict variant also requires Dice 2|T & F| / (|T| + |F|) >= 0.4.

Metrics: coverage (covered takeaways / all takeaways, target >= 0.6), strict coverage, and
precision (top-10 findings that cover at least one takeaway / findings written).

The independent yardstick `isw_brief.py` beside the data (its `cut`, `words` and `covers`, called
from here so the numbers are its own) adds `isw_coverage@10` and `isw_precision@10` for its two
modes: `toplines` (only the Key Takeaways list is cut) and `bare` (every line that is or starts
with a takeaway is cut, so the brief must find the story in the body). Differences from running
the yardstick on the CLI: the documents are analysed in process, with the report URL as id.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from eval.common import Metric, analyze_docs

NEEDS = ["isw/isw_reports_dev.jsonl"]
TOP = 10


def strip_takeaways(text: str, takeaways: list[str]) -> str:
    """The text without its Key Takeaways list (the answer key): runs of two or more lines that
    are each nothing but a takeaway, with only blank or bullet lines between them. A takeaway
    line standing alone is the report's own topline paragraph and stays."""
    from warbrief.brief.items import clean

    keys = {clean(t).rstrip(". ").lower() for t in takeaways if t.strip()}

    def is_takeaway(line: str) -> bool:
        c = clean(line).rstrip(". ").lower().lstrip("0123456789.) ")
        # a truncated takeaway: the line starts with it and is not much longer
        return bool(c) and any(c == k or (len(k) > 40 and c.startswith(k[:-3]) and len(c) < len(k) + 40)
                               for k in keys)

    lines = text.split("\n")
    hits = [is_takeaway(line) for line in lines]
    filler = [not hit and re.fullmatch(r"[\s\-*•\d.)]*", line) is not None for line, hit in zip(lines, hits, strict=True)]
    drop: set[int] = set()
    i = 0
    while i < len(lines):
        if not hits[i]:
            i += 1
            continue
        run, j = [i], i + 1
        while j < len(lines) and (hits[j] or filler[j]):
            if hits[j]:
                run.append(j)
            j += 1
        if len(run) >= 2:
            drop.update(run)
        i = j
    return "\n".join("" if n in drop else line for n, line in enumerate(lines))


def covers(t: frozenset[str], f: frozenset[str], strict: bool = False) -> bool:
    shared = len(t & f)
    if shared < 3 or not t or not f:
        return False
    ok = shared / min(len(t), len(f)) >= 0.5
    return ok and (not strict or 2 * shared / (len(t) + len(f)) >= 0.4)


def _briefs(analyses: list[dict[str, Any]], days: list[str]) -> list[Any]:
    """All reports go into one store (so each brief sees the earlier days for novelty); then
    the brief of each report's date, read as the CLI, the API and the pages read it."""
    from datetime import date

    from warbrief.brief import BriefOptions, build_brief, from_analyses

    good = [a for a in analyses if "error" not in a]
    try:
        from warbrief.brief.records import brief_from_store
        from warbrief.store import open_store
    except ImportError:
        return [build_brief(from_analyses(good), BriefOptions(date=date.fromisoformat(d), days=1, most=TOP))
                for d in days]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/brief.db"
        with open_store(url) as store:
            for a in good:
                store.add(a)
            return [brief_from_store(store, date.fromisoformat(d), 1, TOP) for d in days]


def report_day(r: dict[str, Any]) -> str:
    return (r.get("content_date_inferred") if r.get("warning") else None) or r["report_date_from_url"]


def _docs(rows: list[dict[str, Any]], cut: Any) -> list[dict[str, Any]]:
    return [{"text": cut(r["text"], r["key_takeaways"]), "published": report_day(r), "source": "ISW",
             "url": r.get("url"), "title": r.get("title"), "id": r.get("url")} for r in rows]


def yardstick(data: Path) -> Any | None:
    """The module `isw_brief.py` beside the data, or None when it is not there."""
    path = data / "isw_brief.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("isw_brief_yardstick", path)
    if spec is None or spec.loader is None:
        return None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def run(data: Path, limit: int | None) -> list[Metric]:
    rows = [json.loads(line) for line in (data / NEEDS[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    docs = _docs(rows, strip_takeaways)
    analyses = analyze_docs(docs, "brief")
    out = _own_metrics(rows, docs, analyses, _briefs(analyses, [d["published"] for d in docs]))
    ys = yardstick(data)
    for mode in ("toplines", "bare"):
        if ys is None:
            out.append(Metric("brief", f"isw_coverage@10[{mode}]", None, None, "isw_brief.py not found"))
            continue
        docs = _docs(rows, lambda text, keys, m=mode: ys.cut(text, keys, m))
        analyses = analyze_docs(docs, f"brief-{mode}")
        out += _yardstick_metrics(ys, mode, rows, _briefs(analyses, [d["published"] for d in docs]))
    return out


def _yardstick_metrics(ys: Any, mode: str, rows: list[dict[str, Any]], briefs: list[Any]) -> list[Metric]:
    total = covered = written = useful = 0
    for r, brief in zip(rows, briefs, strict=True):
        fw = [ys.words(f.sentence) for f in (brief.findings if brief else [])[:TOP]]
        keys = [ys.words(t) for t in r["key_takeaways"]]
        written += len(fw)
        useful += sum(any(ys.covers(t, f) for t in keys) for f in fw)
        total += len(keys)
        covered += sum(any(ys.covers(t, f) for f in fw) for t in keys)
    target = {"toplines": 0.7, "bare": 0.6}[mode]
    return [Metric("brief", f"isw_coverage@10[{mode}]", covered / total if total else None, target,
                   f"{covered}/{total} takeaways (isw_brief.py)"),
            Metric("brief", f"isw_precision@10[{mode}]", useful / written if written else None, target,
                   f"{useful}/{written} findings cover a takeaway (isw_brief.py)")]


def _own_metrics(rows: list[dict[str, Any]], docs: list[dict[str, Any]], analyses: list[dict[str, Any]],
                 briefs: list[Any]) -> list[Metric]:
    from warbrief.brief.items import tokens

    total = covered = strict = written = useful = 0
    for r, d, a, brief in zip(rows, docs, analyses, briefs, strict=True):
        if "error" in a or brief is None:
            print(f"  brief: {d['id']}: {a.get('error', 'no brief')}", file=sys.stderr)
            total += len(r["key_takeaways"])
            continue
        ftoks = [tokens(f.sentence) for f in brief.findings[:TOP]]
        written += len(ftoks)
        useful += sum(any(covers(tokens(t), f) for t in r["key_takeaways"]) for f in ftoks)
        for t in r["key_takeaways"]:
            tt = tokens(t)
            total += 1
            covered += any(covers(tt, f) for f in ftoks)
            strict += any(covers(tt, f, strict=True) for f in ftoks)
    cov = covered / total if total else None
    detail = f"{covered}/{total} takeaways, {len(rows)} reports, top {TOP}"
    return [Metric("brief", "takeaway_coverage@10", cov, 0.6, detail),
            Metric("brief", "takeaway_coverage_strict@10", strict / total if total else None, None,
                   f"{strict}/{total}, also Dice >= 0.4"),
            Metric("brief", "finding_precision@10", useful / written if written else None, None,
                   f"{useful}/{written} findings cover a takeaway")]
