"""Precision checks on the reporting analysts read: the dev ISW reports and noisy page scrapes.

No gold labels; three counts of things that must not happen (lower is better, target 0):

    furniture_events   events whose trigger lies in a page-furniture sentence (a map note,
                       "Order of Battle:", a newsletter line; patterns from
                       knowledge/data/page_furniture.tsv). Sentences are found here by a plain
                       splitter of the suite's own (a sentence ends at . ! ? or a footnote
                       marker before a capital, at a line break after one, at a blank line, and
                       a bullet or heading line is its own sentence), not by the pipeline's.
    future_events      events dated after their document's date that are neither `intended`
                       nor `hypothetical` ("as of June 16" in a February report).
    glued_sentences    event sentences longer than GLUE_CHARS that span a footnote marker
                       followed by a capitalised word, or a bullet line: two sentences the
                       segmenter ran together.
    furniture_claims   claims whose content lies in a page-furniture sentence.

The ISW report's date is the one its text speaks of (`content_date_inferred`), else the URL's;
a scrape's is its URL date, else the day it was scraped. `WARBRIEF_EVAL_VERBOSE=1` prints
each finding to stderr.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from warbrief.knowledge.furniture import match_furniture
from warbrief.stages.dating import first_day

from ..common import Metric, analyze_docs

NEEDS = ["isw/isw_reports_dev.jsonl", "news/articles_noisy_scrapes.jsonl"]
GLUE_CHARS = 300
MARKER = r"\[\[?(?:\d{1,3}|[ivxlc]{1,8})\]\]?(?:\([^)\s]*\))?"
GLUED = re.compile(rf"{MARKER}[ \t]*\n?\s*[\"“*]*[A-Z]|\n[ \t]*(?:[*\-•]|\d{{1,2}}\.)[ \t]+\S")
# inside a line: a sentence's end or a footnote marker, then a capitalised word
ENDS = re.compile(rf"(?:[.!?][\"”’)*]*(?:{MARKER})*|{MARKER})[ \t]+(?=[\"“*(]*[A-Z])")
LIST_LINE = re.compile(r"^[ \t]*(?:[*\-•]|#+|\d{1,2}\.)[ \t]")
LINE_OPENS = re.compile(r"^[ \t]*(?:[\"“*(\[#•\-]|\d{1,2}\.|[A-Z])")
LINE_ENDS = re.compile(rf"(?:[.!?][\"”’)*]*|{MARKER})[ \t]*$")
UNREPORTED = {"intended", "hypothetical"}


def run(data: Path, limit: int | None) -> list[Metric]:
    docs = _docs(data, limit)
    counts = {"furniture_events": 0, "future_events": 0, "glued_sentences": 0, "furniture_claims": 0}
    events = 0
    for doc, res in zip(docs, analyze_docs(docs, "hygiene"), strict=True):
        if "error" in res:
            continue
        events += len(res["events"])
        for key, n in _check(doc, res).items():
            counts[key] += n
    detail = f"{len(docs)} documents, {events} events"
    return [Metric("hygiene", k, float(v), 0.0, detail if k == "furniture_events" else "", lower_is_better=True)
            for k, v in counts.items()]


def _docs(data: Path, limit: int | None) -> list[dict[str, Any]]:
    out = []
    for line in (data / NEEDS[0]).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.append({"id": r["url"], "text": r["text"], "url": r["url"],
                    "published": r.get("content_date_inferred") or r.get("report_date_from_url")})
    for line in (data / NEEDS[1]).read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        out.append({"id": r["id"], "text": r["text"], "url": r.get("url"), "title": r.get("title"),
                    "published": r.get("url_date") or (r.get("scraped_at") or "")[:10] or None})
    return out[:limit] if limit else out


def sentences(text: str) -> list[tuple[int, int]]:
    """The suite's own plain sentence split: (start, end) pairs. A line break ends a sentence
    unless the next line goes on in lower case after a line without a sentence end; a list or
    heading line is a sentence of its own; inside a line, a sentence end or a footnote marker
    before a capitalised word ends one."""
    out: list[tuple[int, int]] = []
    start, prev = 0, ""
    for m in re.finditer(r"[^\n]*\n?", text):
        line = m.group()
        if not line:
            break
        joined = prev and not LIST_LINE.match(prev) and not LINE_ENDS.search(prev.rstrip("\n")) \
            and line.strip() and not LINE_OPENS.match(line)
        if not joined and m.start() > start:
            out.append((start, m.start()))
            start = m.start()
        prev = line if line.strip() else prev
    out.append((start, len(text)))
    split: list[tuple[int, int]] = []
    for s, e in out:
        for m in ENDS.finditer(text, s, e):
            split.append((s, m.end()))
            s = m.end()
        split.append((s, e))
    return [(s, e) for s, e in split if text[s:e].strip()]


def _check(doc: dict[str, Any], res: dict[str, Any]) -> dict[str, int]:
    text = res["document"]["text"]
    furniture = [(s, e, p.name) for s, e in sentences(text) if (p := match_furniture(text[s:e])) is not None
                 or (LIST_LINE.match(text[s:e]) and (p := match_furniture(LIST_LINE.sub("", text[s:e], 1))))]
    published = first_day(res["document"]["published"])
    out = {"furniture_events": 0, "future_events": 0, "glued_sentences": 0, "furniture_claims": 0}
    glued: set[tuple[int, int]] = set()
    for ev in res["events"]:
        t0 = ev["trigger"]["start"]
        hit = next((f for f in furniture if f[0] <= t0 < f[1]), None)
        if hit is not None:
            out["furniture_events"] += 1
            _say(doc, f"furniture event {ev['type']} {ev['trigger']['text']!r} in {hit[2]}: {_snip(text, hit)}")
        when = first_day((ev.get("time") or {}).get("value"))
        if published and when and when > published and ev["modality"] not in UNREPORTED:
            out["future_events"] += 1
            _say(doc, f"future event {ev['type']} {ev['trigger']['text']!r} dated {ev['time']['value']} "
                      f"({ev['time'].get('reason')}) in a document of {published}")
        s, e = ev["sentence"]["start"], ev["sentence"]["end"]
        if e - s > GLUE_CHARS and (s, e) not in glued and GLUED.search(text, s + 1, e - 1):
            glued.add((s, e))
            _say(doc, f"glued sentence of {e - s} characters: {_snip(text, (s, e))}")
    out["glued_sentences"] = len(glued)
    for c in res["claims"]:
        hit = next((f for f in furniture if f[0] <= c["start"] < f[1]), None)
        if hit is not None:
            out["furniture_claims"] += 1
            _say(doc, f"furniture claim in {hit[2]}: {c['text'][:100]!r}")
    return out


def _snip(text: str, span: tuple[int, ...]) -> str:
    return repr(re.sub(r"\s+", " ", text[span[0]:span[1]])[:160])


def _say(doc: dict[str, Any], message: str) -> None:
    if os.environ.get("WARBRIEF_EVAL_VERBOSE"):
        print(f"  hygiene {doc['id'][-60:]}: {message}", file=sys.stderr)
