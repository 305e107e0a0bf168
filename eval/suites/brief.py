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
"""

from __future__ import annotations

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
    the brief of each report's date."""
    from datetime import date

    from warbrief.brief import BriefOptions, build_brief, from_analyses, from_store, load_topics
    from warbrief.brief.build import window

    opts = [BriefOptions(date=date.fromisoformat(d), days=1, most=TOP) for d in days]
    good = [a for a in analyses if "error" not in a]
    try:
        from warbrief.store import open_store
    except ImportError:
        return [build_brief(from_analyses(good), o) for o in opts]
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/brief.db"
        with open_store(url) as store:
            for a in good:
                store.add(a)
        return [build_brief(list(from_store(url, *window(o, load_topics()))), o) for o in opts]


def run(data: Path, limit: int | None) -> list[Metric]:
    from warbrief.brief.items import tokens

    rows = [json.loads(line) for line in (data / NEEDS[0]).read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        rows = rows[:limit]
    docs = []
    for r in rows:
        day = (r.get("content_date_inferred") if r.get("warning") else None) or r["report_date_from_url"]
        docs.append({"text": strip_takeaways(r["text"], r["key_takeaways"]), "published": day,
                     "source": "ISW", "url": r.get("url"), "title": r.get("title"), "id": r.get("url")})
    analyses = analyze_docs(docs, "brief")
    briefs = _briefs(analyses, [d["published"] for d in docs])
    total = covered = strict = written = useful = 0
    for r, d, a, brief in zip(rows, docs, analyses, briefs, strict=True):
        if "error" in a:
            print(f"  brief: {d['id']}: {a['error']}", file=sys.stderr)
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
