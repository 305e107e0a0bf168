"""Page furniture: the boilerplate sentences of reports and outlets' pages, from
`knowledge/data/page_furniture.tsv` (map notes, labels, disclaimers, newsletter and navigation
lines). A sentence that matches keeps its entities but yields no events and no claims.

    match_furniture("Click\\nhere\\nto see ISW's interactive map ...") -> FurniturePattern(name="isw-map-note", ...)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import WarbriefError
from . import DATA

FURNITURE_FILE = DATA / "page_furniture.tsv"
COLUMNS = ("name", "pattern", "note")
SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class FurniturePattern:
    name: str
    regex: re.Pattern[str]
    note: str
    line: int  # where it is written in the data file, for messages

    @property
    def reason(self) -> str:
        return f"page furniture '{self.name}' ({self.note}; {FURNITURE_FILE.name} line {self.line})"


def parse_furniture(text: str, path: Path = FURNITURE_FILE) -> tuple[FurniturePattern, ...]:
    """The rows of a furniture file; a bad row raises `WarbriefError` naming file and line."""
    out: list[FurniturePattern] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != len(COLUMNS) or not all(cols):
            raise WarbriefError(f"[E601] {path} line {n}: expected {len(COLUMNS)} non-empty tab-separated "
                                f"columns ({', '.join(COLUMNS)}), found {len(cols)}: {line!r}")
        try:
            regex = re.compile(cols[1], re.IGNORECASE)
        except re.error as exc:
            raise WarbriefError(f"[E602] {path} line {n}: the pattern {cols[1]!r} is not a valid regular "
                                f"expression ({exc}); fix or escape it") from None
        out.append(FurniturePattern(cols[0], regex, cols[2], n))
    return tuple(out)


@functools.cache
def load_furniture() -> tuple[FurniturePattern, ...]:
    try:
        text = FURNITURE_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise WarbriefError(f"[E600] cannot read the page-furniture patterns {FURNITURE_FILE} ({exc}); "
                            "reinstall warbrief so that its data files are present") from None
    return parse_furniture(text)


def match_furniture(sentence: str, patterns: tuple[FurniturePattern, ...] | None = None) -> FurniturePattern | None:
    """The first pattern the sentence (whitespace collapsed) matches, or None."""
    flat = SPACES.sub(" ", sentence).strip()
    for p in load_furniture() if patterns is None else patterns:
        if p.regex.search(flat):
            return p
    return None
