"""English number words, from knowledge/data/number_words.tsv: the one list of the project.

`number_words()` maps each word to its value; `read_number("twenty-two")`, `read_number("1,200")`
read one token's count; `scale_of("hundred")` says whether a word multiplies the count before it
("two hundred")."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import Errors, WarbriefError
from . import DATA

NUMBER_FILE = DATA / "number_words.tsv"
KINDS = {"unit", "tens", "scale", "article", "dozen"}


@dataclass(frozen=True)
class NumberWord:
    word: str
    value: int
    kind: str


def load_number_words(path: Path = NUMBER_FILE) -> list[NumberWord]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 3 or not cols[1].isdigit() or cols[2] not in KINDS:
            raise WarbriefError(Errors.E510.format(file=path.name, line=n, kinds=", ".join(sorted(KINDS)), text=line))
        out.append(NumberWord(cols[0].strip().lower(), int(cols[1]), cols[2]))
    return out


@cache
def _table() -> dict[str, NumberWord]:
    return {w.word: w for w in load_number_words()}


def number_words(kinds: frozenset[str] = frozenset(KINDS)) -> dict[str, int]:
    """word -> value for the words of the given kinds (all by default)."""
    return {w: r.value for w, r in _table().items() if r.kind in kinds}


def scale_of(word: str) -> int | None:
    r = _table().get(word.lower())
    return r.value if r is not None and r.kind == "scale" else None


def read_number(text: str, articles: bool = True) -> int | None:
    """The count one token writes: digits ("1,200"), a word ("two"), a hyphenated pair
    ("twenty-two"); "a"/"an"/"single" only with `articles`. None when it is no number, and for
    a scale word alone ("hundred", "million": "1.2 million" is not read as one million)."""
    low = text.lower().replace(",", "")
    if low.isdigit():
        return int(low)
    table = _table()
    parts = low.split("-")
    if len(parts) == 2 and (a := table.get(parts[0])) and (b := table.get(parts[1])) \
            and a.kind == "tens" and b.kind == "unit" and b.value < 10:
        return a.value + b.value
    r = table.get(low)
    if r is None or r.kind == "scale" or (r.kind == "article" and not articles):
        return None  # "million" of "1.2 million" is no count by itself
    return r.value
