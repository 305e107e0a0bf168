"""Event type accuracy on the PLOVER gold-standard sentences (PLOVER_GSR_CAMEO.txt).

The gold file uses PLOVER 0.5 labels, which follow CAMEO's root categories; four of them were
renamed or merged in PLOVER 2021. The mapping is read from CAMEO2PLOVER-2021.txt, whose
header lines ("10: REQUEST", "19: ASSAULT") give the 2021 type of each CAMEO root code:

    old label     CAMEO root   2021 type (from the file)
    DEMAND        10           REQUEST
    DISAPPROVE    11           ACCUSE
    INVESTIGATE   09           ACCUSE
    FIGHT         19           ASSAULT
    COERCE with mode "destroy" is CAMEO 1712 "Destroy property" -> ASSAULT (the file's 1712 row)
    every other label is already a 2021 type and is kept.

PLOVER codes a statement of intent by what is intended (CAMEO 03 "express intent to cooperate,
aid, yield, meet" -> AGREE; CAMEO 13 "threaten to boycott, sanction, halt, attack" ->
THREATEN) and a refused cooperation as REJECT (CAMEO 12). warbrief keeps the intended or
negated action's own type and says so in `modality`; the suite translates:
    modality intended: ASSAULT COERCE SANCTION PROTEST THREATEN -> THREATEN; other types -> AGREE
    modality denied:   AGREE CONSULT SUPPORT COOPERATE AID CONCEDE RETREAT -> REJECT

Each sentence is one document. Its gold event is the first `(EVT: ...)` span of the record's
`textInfo.markup` (the main event). Our event for the sentence is the one whose trigger
overlaps that span, else one overlapping any EVT span, else our first event; a sentence with
no event counts as a miss. Metric: share of sentences whose event type equals the gold type.

`WARBRIEF_EVAL_VERBOSE=1` prints the misses to stderr.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs, overlaps

NEEDS = ["events/PLOVER_GSR_CAMEO.txt", "events/CAMEO2PLOVER-2021.txt"]
OLD_TO_CAMEO = {"DEMAND": "10", "DISAPPROVE": "11", "INVESTIGATE": "09", "FIGHT": "19"}
OLD_MODE_TO_CAMEO = {("COERCE", "destroy"): "1712"}
MARK = re.compile(r"\((EVT|SRC|TAR|SRC/TAR|TAR/SRC|LOC|[A-Z/]+):\s*([^()]*)\)")


def cameo_table(path: Path) -> dict[str, str]:
    """CAMEO code -> PLOVER 2021 type, from lines such as '19: ASSAULT' or '1712: ASSAULT, ...'."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Z]+)", line)
        if m:
            out.setdefault(m.group(1), m.group(2))
    return out


def gold_type(rec: dict[str, Any], table: dict[str, str]) -> str:
    label, mode = rec["event"], (rec.get("mode") or "").strip()
    code = OLD_MODE_TO_CAMEO.get((label, mode)) or OLD_TO_CAMEO.get(label)
    return table.get(code, label) if code else label


def evt_spans(rec: dict[str, Any]) -> list[tuple[int, int]]:
    """Character spans of the (EVT: ...) marks in the plain text (markup with marks removed)."""
    info = rec.get("textInfo")
    markup = (info.get("markup") if isinstance(info, dict) else info) or ""
    spans, plain, pos = [], [], 0
    for m in MARK.finditer(markup):
        plain.append(markup[pos:m.start()])
        start = sum(len(p) for p in plain)
        plain.append(m.group(2))
        if m.group(1) == "EVT":
            spans.append((start, start + len(m.group(2))))
        pos = m.end()
    plain.append(markup[pos:])
    if "".join(plain) != rec["text"]:  # markup differs from text: locate the words instead
        spans = []
        for m in MARK.finditer(markup):
            if m.group(1) == "EVT" and (k := rec["text"].find(m.group(2))) >= 0:
                spans.append((k, k + len(m.group(2))))
    return spans


HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "THREATEN"}
COOPERATIVE = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}


def plover_type(ev: dict[str, Any]) -> str:
    """Our event as PLOVER would code it (see the module docstring)."""
    if ev["modality"] == "intended" and ev["type"] not in ("REQUEST", "REJECT", "ACCUSE"):
        return "THREATEN" if ev["type"] in HOSTILE else "AGREE"
    if ev["modality"] == "denied" and ev["type"] in COOPERATIVE:
        return "REJECT"
    return ev["type"]


def pick(events: list[dict[str, Any]], spans: list[tuple[int, int]]) -> dict[str, Any] | None:
    def hits(span: tuple[int, int]) -> list[dict[str, Any]]:
        return [e for e in events if overlaps(e["trigger"]["start"], e["trigger"]["end"], *span)]

    if spans and (h := hits(spans[0])):
        return h[0]
    for s in spans:
        if h := hits(s):
            return h[0]
    return events[0] if events else None


def run(data: Path, limit: int | None) -> list[Metric]:
    table = cameo_table(data / "events" / "CAMEO2PLOVER-2021.txt")
    recs = [r for r in json.loads((data / "events" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
            if r.get("text") and r.get("event") != "DOCUMENT"]
    if limit:
        recs = recs[:limit]
    docs = [{"id": r["id"], "text": r["text"], "published": r.get("date")} for r in recs]
    analyses = analyze_docs(docs, "plover")
    verbose = bool(os.environ.get("WARBRIEF_EVAL_VERBOSE"))
    ok = found = 0
    confusion: Counter[tuple[str, str]] = Counter()
    for r, a in zip(recs, analyses, strict=True):
        gold = gold_type(r, table)
        ev = pick(a.get("events", []), evt_spans(r)) if "error" not in a else None
        ours = plover_type(ev) if ev else "-"
        found += ev is not None
        ok += ours == gold
        if ours != gold:
            confusion[(gold, ours)] += 1
            if verbose:
                trig = ev["trigger"]["text"] if ev else None
                print(f"  MISS {r['id']} gold={gold} ours={ours} trigger={trig!r} | {r['text'][:150]}",
                      file=sys.stderr)
    if verbose:
        print("  confusions:", confusion.most_common(15), file=sys.stderr)
    n = max(1, len(recs))
    return [Metric("plover", "type_accuracy", ok / n, 0.70, f"{ok}/{len(recs)}"),
            Metric("plover", "sentences_with_event", found / n, None, f"{found}/{len(recs)}")]
