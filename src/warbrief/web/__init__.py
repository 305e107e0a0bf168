"""The pages: server-rendered Jinja2 templates (autoescaped) with a little JavaScript from
`static/` (no inline code: the Content-Security-Policy forbids it).

    /                   the latest brief, citations linking to the sentence in the document
    /search             full-text search with filters and a date histogram
    /documents/{id}     the text with entities, places, dates, claims and events highlighted
    /entities/{id}      profile, dated timeline, positions over time
    /map                events on a Leaflet map over an offline Natural Earth basemap
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

__all__ = ["STATIC", "TEMPLATES"]
