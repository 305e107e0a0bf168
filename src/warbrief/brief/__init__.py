"""Cross-document work: clustering, independent sources, positions over time, the daily brief.

    from warbrief.brief import BriefOptions, build_brief, render
    records = from_store(None, since, until)          # or from_jsonl([...]) / from_analyses([...])
    brief = build_brief(records, BriefOptions(date=date(2024, 11, 1), days=1))
    print(render(brief, "md"))

Modules: `items` (analysis -> Items), `topics` (topics.yaml), `cluster` (stories),
`sources` (independent origins), `rank` (findings), `positions` (positions, contradictions,
timelines), `build` (the brief), `render` (md/html/json), `records` (store / JSONL input).
"""

from __future__ import annotations

from .build import Brief, BriefOptions, build_brief
from .cluster import ClusterOptions, Story, cluster
from .items import DocMeta, Item, items_from_analysis
from .positions import Contradiction, Position, contradictions, positions, timeline
from .rank import Citation, Finding
from .records import from_analyses, from_jsonl, from_store
from .render import FORMATS, render
from .sources import Origins
from .topics import Topics, load_topics

__all__ = ["FORMATS", "Brief", "BriefOptions", "Citation", "ClusterOptions", "Contradiction", "DocMeta",
           "Finding", "Item", "Origins", "Position", "Story", "Topics", "build_brief", "cluster",
           "contradictions", "from_analyses", "from_jsonl", "from_store", "items_from_analysis",
           "load_topics", "positions", "render", "timeline"]
