"""Suite `eventsanity`: precision checks on the events of ISW assessments and news (issue 16).

No gold here: the checks count what is wrong on its face, on the dev ISW reports
(`isw/isw_reports_dev.jsonl`) and the news sets (`news/articles.jsonl`, the page scrapes
`news/articles_noisy_scrapes.jsonl`), each set its own rows:

- `actor_not_entity`: of the events with an actor, the share with an actor that is neither an
  entity of the analysis nor a country (`entity` and `country` both null): text the entities
  stage did not know as an actor.
- `actor_junk`: of the events with an actor, the share with an actor whose text is junk on its
  face: Markdown or link debris (`*`, `[`, `]`, `(`, `http`, `www.`), or no capitalised word and
  no country ("southeast", "efforts", "informational conditions").
- `summed_casualties`: of the events with a killed or injured figure, the share whose figure is
  not written in the event's paragraph (as digits or a number word): a sum of several figures
  ("up to 130 ... 10 ... 3" read as 143), or a figure counted twice. Zero ("no casualties")
  is never counted.

Set WARBRIEF_EVAL_VERBOSE=1 to print the offending events.
"""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

from warbrief.knowledge.numbers import number_words

from ..common import Metric, analyze_docs

NEEDS = ["isw/isw_reports_dev.jsonl", "news/articles.jsonl", "news/articles_noisy_scrapes.jsonl"]
SETS = {"isw": "isw/isw_reports_dev.jsonl", "news": "news/articles.jsonl",
        "noisy": "news/articles_noisy_scrapes.jsonl"}
DEBRIS = re.compile(r"[*\[\]()]|https?:|www\.")
NUMBER = re.compile(r"\d[\d,]*")


def load(path: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        row = json.loads(line)
        published = row.get("report_date_from_url") or row.get("url_date") or row.get("crawl_date_field") \
            or (row.get("scraped_at") or "")[:10] or None
        docs.append({"id": row.get("id") or f"d{n}", "text": row.get("text") or "", "title": row.get("title"),
                     "url": row.get("url"), "source": row.get("publisher") or row.get("domain"),
                     "published": published})
    return docs[:limit] if limit else docs


def junk_actor(p: dict[str, Any]) -> bool:
    name = p.get("name") or ""
    if DEBRIS.search(name):
        return True
    return not p.get("country") and not any(w[:1].isupper() for w in name.split())


def paragraph(text: str, start: int, end: int) -> str:
    a = text.rfind("\n\n", 0, start)
    b = text.find("\n\n", end)
    return text[a + 1 if a >= 0 else 0: b if b >= 0 else len(text)]


def figures(text: str, words: dict[str, int]) -> set[int]:
    out = {int(m.group().replace(",", "")) for m in NUMBER.finditer(text) if m.group().replace(",", "")}
    low = re.findall(r"[a-z]+", text.lower())
    out.update(words[w] for w in low if w in words)
    return out


def check(analyses: list[dict[str, Any]], docs: list[dict[str, Any]], words: dict[str, int]) -> dict[str, Any]:
    counts = {"with_actor": 0, "not_entity": 0, "junk": 0, "with_figure": 0, "summed": 0, "events": 0}
    verbose = os.environ.get("WARBRIEF_EVAL_VERBOSE")
    for a, d in zip(analyses, docs, strict=True):
        text = d["text"]
        for e in a.get("events", []):
            counts["events"] += 1
            actors = e.get("actors") or []
            if actors:
                counts["with_actor"] += 1
                if any(not p.get("entity") and not p.get("country") for p in actors):
                    counts["not_entity"] += 1
                if any(junk_actor(p) for p in actors):
                    counts["junk"] += 1
                    if verbose:
                        print(f"  junk actor {[p['name'] for p in actors]} in {e['trigger']['text']!r}",
                              file=sys.stderr)
            cas = e.get("casualties") or {}
            given = [v for v in (cas.get("killed"), cas.get("injured")) if v]
            if given:
                counts["with_figure"] += 1
                sent = e.get("sentence") or {}
                near = figures(paragraph(text, sent.get("start", 0), sent.get("end", 0)), words)
                if any(v not in near for v in given):
                    counts["summed"] += 1
                    if verbose:
                        print(f"  casualties {cas} not in the paragraph of {e['trigger']['text']!r}: "
                              f"{text[sent.get('start', 0):sent.get('end', 0)][:160]!r}", file=sys.stderr)
    return counts


def run(data: Path, limit: int | None) -> list[Metric]:
    words = number_words()
    out: list[Metric] = []
    for name, rel in SETS.items():
        docs = load(data / rel, limit)
        c = check(analyze_docs(docs, f"eventsanity:{name}"), docs, words)
        n_act, n_fig = c["with_actor"], c["with_figure"]
        out.append(Metric("eventsanity", f"{name}_actor_not_entity", c["not_entity"] / n_act if n_act else None,
                          detail=f"{c['not_entity']}/{n_act} events with an actor", lower_is_better=True))
        out.append(Metric("eventsanity", f"{name}_actor_junk", c["junk"] / n_act if n_act else None,
                          detail=f"{c['junk']}/{n_act}", lower_is_better=True))
        out.append(Metric("eventsanity", f"{name}_summed_casualties", c["summed"] / n_fig if n_fig else None,
                          detail=f"{c['summed']}/{n_fig} events with a figure ({c['events']} events)",
                          lower_is_better=True))
    return out
