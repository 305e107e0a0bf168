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

from ..errors import Errors, WarbriefError
from . import DATA

FURNITURE_FILE = DATA / "page_furniture.tsv"
COLUMNS = ("name", "pattern", "note")
SPACES = re.compile(r"\s+")
PLAIN_RUN = re.compile(r"[\w '’-]+")
PLAIN_GROUP = re.compile(r"(?<!\\)\((?!\?)([\w '’|-]+)\)([?*]|\{0)?")
MIN_NEEDLE = 4


@dataclass(frozen=True)
class FurniturePattern:
    name: str
    regex: re.Pattern[str]
    note: str
    line: int  # where it is written in the data file, for messages
    # words every match contains (one of them), lower case: a substring test that spares most
    # sentences the regular expression (see `needles`)
    needles: tuple[str, ...] = ()

    def search(self, flat: str, lowered: str) -> bool:
        if self.needles and not any(n in lowered for n in self.needles):
            return False
        return self.regex.search(flat) is not None

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
            raise WarbriefError(Errors.E601.format(path=path, line=n, n=len(COLUMNS), columns=", ".join(COLUMNS),
                                                   found=len(cols), text=line))
        try:
            regex = re.compile(cols[1], re.IGNORECASE)
        except re.error as exc:
            raise WarbriefError(Errors.E602.format(path=path, line=n, pattern=cols[1], exc=exc)) from None
        out.append(FurniturePattern(cols[0], regex, cols[2], n, needles(cols[1])))
    return tuple(out)


def needles(pattern: str) -> tuple[str, ...]:
    """Literal words a match of `pattern` must contain, one of them at least: its longest run
    of plain characters outside any group ("isw will update "), else the alternatives of a
    group every match passes through when each is plain ("sign up", "subscribe", "register");
    () when no word is sure."""
    outside = _outside_groups(pattern)
    if "|" in outside:
        return ()  # a top-level alternation: no word is required
    best = max(PLAIN_RUN.findall(outside), key=len, default="")
    if len(best) >= MIN_NEEDLE:
        return (best.lower(),)
    groups = [m.group(1).split("|") for m in PLAIN_GROUP.finditer(pattern)
              if not m.group(2) and _depth(pattern, m.start()) == 0]
    groups = [g for g in groups if min(len(a) for a in g) >= MIN_NEEDLE]
    return tuple(a.lower() for a in max(groups, key=lambda g: min(len(a) for a in g))) if groups else ()


def _depth(pattern: str, at: int) -> int:
    return _outside_groups(pattern[:at], depth_only=True).count("(")


def _outside_groups(pattern: str, depth_only: bool = False) -> str:
    """The pattern with every group, class, escape and optional character blanked to NUL, so
    that what is left is what every match contains (with `depth_only`, the open groups)."""
    out, depth, i = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\" or c == "[":
            j = i + 1 if c == "\\" else pattern.find("]", i + 2)
            j = len(pattern) - 1 if j < 0 else j
            out.append("\0" * (j + 1 - i))
            i = j + 1
            continue
        depth += c == "("
        optional = pattern[i + 1:i + 2] in ("?", "*", "{")
        out.append(c if depth == 0 and not optional and c not in ")^$.*+?{}" else "\0")
        depth -= c == ")" and depth > 0
        i += 1
    return "(" * depth if depth_only else "".join(out)


@functools.cache
def load_furniture() -> tuple[FurniturePattern, ...]:
    try:
        text = FURNITURE_FILE.read_text(encoding="utf-8")
    except OSError as exc:
        raise WarbriefError(Errors.E600.format(path=FURNITURE_FILE, exc=exc)) from None
    return parse_furniture(text)


def match_furniture(sentence: str, patterns: tuple[FurniturePattern, ...] | None = None) -> FurniturePattern | None:
    """The first pattern the sentence (whitespace collapsed) matches, or None."""
    flat = SPACES.sub(" ", sentence).strip()
    lowered = flat.lower()
    for p in load_furniture() if patterns is None else patterns:
        if p.search(flat, lowered):
            return p
    return None
