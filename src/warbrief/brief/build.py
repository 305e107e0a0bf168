"""The daily brief: analyses in, ranked and cited findings out. Pure functions, no I/O.

    brief = build_brief(records, BriefOptions(date=date(2024, 11, 1), days=1))

`records`: (DocMeta, analysis dict) pairs covering the period and the lookback days before it
(for novelty). Steps: items of every document -> stories (cluster) -> per story its items in
the period, independent origins, features and score -> each side's advances summed up in one
front finding -> 5..12 findings, each one sentence with its citations -> positions and
contradictions of the period's actors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from .cluster import ClusterOptions, Story, cluster
from .front import front_summaries
from .items import DocMeta, Item, items_from_analysis
from .positions import Contradiction, contradictions, positions
from .rank import Finding, in_period, make_finding, select
from .sources import Origins
from .topics import Topics, load_topics

Day = date  # the fields below are named `date`


@dataclass
class BriefOptions:
    date: Day
    days: int = 1
    most: int = 10  # findings at most (the brief keeps 5 to 12)
    fewest: int = 5
    lookback_days: int | None = None  # default: topics.yaml ranking.lookback_days
    stale_days: int = 3  # events dated more than this before the period are background
    cluster: ClusterOptions = field(default_factory=ClusterOptions)

    @property
    def start(self) -> Day:
        return self.date - timedelta(days=max(1, self.days) - 1)


@dataclass
class Brief:
    date: Day
    start: Day
    days: int
    findings: list[Finding]
    contradictions: list[Contradiction]
    documents: int
    stories: int
    sections: list[tuple[str, str]]  # (id, title) in print order

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "period": {"start": self.start.isoformat(),
                                                          "end": self.date.isoformat(),
                                                          "days": self.days},
                "documents": self.documents, "stories": self.stories,
                "findings": [f.to_dict() for f in self.findings],
                "contradictions": [c.to_dict() for c in self.contradictions]}


def lookback(opt: BriefOptions, topics: Topics) -> int:
    if opt.lookback_days is not None:
        return opt.lookback_days
    return int(topics.ranking.get("lookback_days", 7))


def window(opt: BriefOptions, topics: Topics) -> tuple[date, date]:
    """First and last publication day of the documents the brief reads."""
    return opt.start - timedelta(days=lookback(opt, topics)), opt.date


def collect_items(records: Iterable[tuple[DocMeta, dict[str, Any]]], topics: Topics,
                  first: date, last: date) -> tuple[list[Item], list[DocMeta]]:
    items: list[Item] = []
    docs: list[DocMeta] = []
    for meta, analysis in records:
        day = meta.day
        if day is None or not first <= day <= last:
            continue
        docs.append(meta)
        items.extend(items_from_analysis(meta, analysis, topics))
    return items, docs


def build_brief(records: Iterable[tuple[DocMeta, dict[str, Any]]], opt: BriefOptions,
                topics: Topics | None = None) -> Brief:
    topics = topics or load_topics()
    first, last = window(opt, topics)
    items, docs = collect_items(records, topics, first, last)
    origins = Origins(docs, topics.origin_aliases)
    stories = cluster(items, opt.cluster)
    candidates = [f for s in stories if (f := _story_finding(s, opt, origins, topics))]
    summaries, candidates = front_summaries(candidates, origins, topics)
    candidates = summaries + candidates
    findings = select(candidates, most=min(12, opt.most), fewest=opt.fewest)
    in_window = [i for i in items if in_period(i, opt.start, opt.date)
                 or (i.doc.day is not None and i.doc.day < opt.start)]
    changes = [c for c in contradictions(positions(in_window))
               if c.later.item.doc.day and c.later.item.doc.day >= opt.start]
    period_docs = sum(1 for d in docs if d.day and d.day >= opt.start)
    return Brief(opt.date, opt.start, opt.days, findings, changes[:8], period_docs, len(stories),
                 [(s.id, s.title) for s in topics.sections])


def _story_finding(story: Story, opt: BriefOptions, origins: Origins, topics: Topics
                   ) -> Finding | None:
    period = [i for i in story.items if in_period(i, opt.start, opt.date)]
    if not period:
        return None
    stale = opt.start - timedelta(days=opt.stale_days)
    dated = [i.day1 for i in period if i.day1 is not None]
    if dated and all(d < stale for d in dated):
        return None  # background: only old events re-told
    novel = not any(i.doc.day is not None and i.doc.day < opt.start for i in story.items)
    return make_finding(story, period, novel, origins, topics)
