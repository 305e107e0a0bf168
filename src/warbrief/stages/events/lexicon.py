"""The event stage's knowledge, read from `warbrief/knowledge/data/events/*.tsv` once per process.

    triggers.tsv   trigger words and phrases -> PLOVER type/mode, project label, ACLED type
    refiners.tsv   instrument/target cues that re-code a trigger ("with drones" -> drone strike)
    cues.tsv       modality cues, place prepositions, casualty words, civilian nouns

Each file documents its columns in its header, so analysts can extend them. Country words
("Russian", "Kyiv") for actors come from the actor knowledge base's `actors/countries.yaml`.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ...analysis import EVENT_TYPES
from ...errors import Errors, WarbriefError
from ...knowledge import DATA, load_yaml

EVENTS_DATA = DATA / "events"
TERRITORY = "TERRITORY"


@dataclass(frozen=True)
class Coding:
    """How an event is coded: PLOVER type and mode, project label, ACLED type and sub-type."""

    type: str
    mode: str | None
    label: str | None
    acled_type: str | None
    acled_sub: str | None


@dataclass(frozen=True)
class TriggerRule:
    words: tuple[str, ...]
    pos: str  # "V", "N" or "*"
    coding: Coding
    flags: frozenset[str]

    @property
    def head(self) -> int:
        """Index in `words` of the trigger token: first word of a verb phrase, last of a noun phrase."""
        return len(self.words) - 1 if self.pos == "N" else 0


@dataclass(frozen=True)
class Refiner:
    words: tuple[str, ...]
    applies_to: frozenset[str]
    priority: int
    coding: Coding  # fields left None keep the trigger's own value


@dataclass
class Lexicon:
    single: dict[str, list[TriggerRule]] = field(default_factory=lambda: defaultdict(list))
    multi: dict[str, list[TriggerRule]] = field(default_factory=lambda: defaultdict(list))
    refiners: list[Refiner] = field(default_factory=list)
    # kind -> set of word tuples (cues.tsv)
    cues: dict[str, set[tuple[str, ...]]] = field(default_factory=lambda: defaultdict(set))
    # (kind, word) -> the row's value column ("threat", "capture") -> "territory"
    cue_values: dict[tuple[str, str], str] = field(default_factory=dict)
    # lower-case word -> ISO country code ("russian" -> "RU", "kyiv" -> "UA")
    countries: dict[str, str] = field(default_factory=dict)
    # ISO country code -> English short name ("RU" -> "Russia")
    country_names: dict[str, str] = field(default_factory=dict)
    # ISO country code -> first adjective ("RU" -> "Russian")
    country_adjs: dict[str, str] = field(default_factory=dict)

    def cue(self, kind: str, word: str) -> bool:
        return (word,) in self.cues.get(kind, ())

    def value(self, kind: str, word: str) -> str | None:
        return self.cue_values.get((kind, word))

    def multiword_cues(self, kind: str) -> list[tuple[str, ...]]:
        return [w for w in self.cues.get(kind, ()) if len(w) > 1]


def _rows(path: Path, ncols: int) -> list[list[str]]:
    if not path.exists():
        raise WarbriefError(Errors.E501.format(path=path))
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) != ncols:
            raise WarbriefError(Errors.E502.format(name=path.name, line=n, found=len(cols), expected=ncols, text=line))
        rows.append(cols)
    return rows


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def _coding(type_: str, mode: str, label: str, acled_type: str, acled_sub: str, where: str) -> Coding:
    t = _opt(type_)
    if t is not None and t not in EVENT_TYPES:
        raise WarbriefError(Errors.E503.format(where=where, value=t, allowed=", ".join(EVENT_TYPES)))
    return Coding(t or "", _opt(mode), _opt(label), _opt(acled_type), _opt(acled_sub))


def _country_words() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """Country names, aliases, capitals and demonyms from the actor knowledge base
    -> (word -> code, code -> name, code -> adjective)."""
    path = DATA / "actors" / "countries.yaml"
    if not path.exists():
        return {}, {}, {}

    data = load_yaml(path.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    names: dict[str, str] = {}
    adjs: dict[str, str] = {}
    for code, info in data.items():
        if not isinstance(info, dict):
            continue
        if isinstance(info.get("name"), str):
            names[str(code)] = info["name"]
        if info.get("adj") and isinstance(info["adj"][0], str):
            adjs[str(code)] = info["adj"][0]
        words = [info.get("name"), info.get("capital"), *(info.get("aliases") or []),
                 *(info.get("adj") or []), *(info.get("plural") or [])]
        for w in words:
            if isinstance(w, str) and w:
                out.setdefault(w.lower(), str(code))
    return out, names, adjs


@functools.cache
def load_lexicon(folder: Path = EVENTS_DATA) -> Lexicon:
    """Read the event knowledge files (cached for the process)."""
    lex = Lexicon()
    for cols in _rows(folder / "triggers.tsv", 8):
        pattern, pos, type_, mode, label, at, sub, flags = cols
        words = tuple(pattern.lower().split())
        rule = TriggerRule(words, pos, _coding(type_, mode, label, at, sub, f"triggers.tsv {pattern!r}"),
                           frozenset(f for f in flags.split(",") if f and f != "-"))
        if len(words) == 1:
            lex.single[words[0]].append(rule)
        else:
            lex.multi[words[0]].append(rule)
    for rules in lex.multi.values():
        rules.sort(key=lambda r: -len(r.words))
    for cols in _rows(folder / "refiners.tsv", 8):
        cue, applies, prio, type_, mode, label, at, sub = cols
        lex.refiners.append(Refiner(tuple(cue.lower().split()), frozenset(applies.split(",")), int(prio),
                                    _coding(type_, mode, label, at, sub, f"refiners.tsv {cue!r}")))
    lex.refiners.sort(key=lambda r: -r.priority)
    for kind, word, value in _rows(folder / "cues.tsv", 3):
        lex.cues[kind].add(tuple(word.lower().split()))
        lex.cue_values.setdefault((kind, word.lower()), value)
    lex.countries, lex.country_names, lex.country_adjs = _country_words()
    return lex
