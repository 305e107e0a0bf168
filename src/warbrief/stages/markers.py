"""Footnote markers, the shape every stage shares: `[14]`, `[xii]`, `[^14]`, `[[14]](url)`,
`[14](url)` (a link target holds no space). The syntax of the formats reports arrive in, not
knowledge about the world, so it lives here as code."""

from __future__ import annotations

import re

MARKER = r"\[\[?\^?(?:\d{1,3}|[ivxlcdm]{1,8})\]\]?(?:\([^)\s]*\))?"
MARKER_RE = re.compile(MARKER)


def is_only_markers(text: str) -> bool:
    """True when nothing but markers and punctuation is left: "[62]", "[", "[[xliv]](https://...)"."""
    return not any(ch.isalnum() for ch in MARKER_RE.sub("", text))
