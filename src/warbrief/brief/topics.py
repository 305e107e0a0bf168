"""Topics, sections and ranking weights, read once from `knowledge/data/topics.yaml`.

    topics = load_topics()
    topics.match("Putin rejected any negotiated ceasefire")   -> ["negotiations"]
    topics.stance("Putin rejected any negotiated ceasefire", ["negotiations"])
                                                               -> {"negotiations": "against"}
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import Errors, WarbriefError
from ..knowledge import load_yaml

_NEGATION = re.compile(r"\b(?:not|no|never|n't|neither|nor|without)\b", re.I)


def _compile(patterns: list[str]) -> re.Pattern[str] | None:
    alts = []
    for p in patterns or []:
        p = str(p).strip().lower()
        if not p:
            continue
        star = p.endswith("*")
        body = r"\s+".join(re.escape(w) for w in p.rstrip("*").split())
        alts.append(body + (r"[\w'’-]*" if star else ""))
    if not alts:
        return None
    alts.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alts) + r")(?![\w])", re.I)


@dataclass
class Section:
    id: str
    title: str
    labels: frozenset[str]
    modes: frozenset[str]
    types: frozenset[str]
    topics: frozenset[str]


@dataclass
class Topic:
    id: str
    label: str
    section: str
    pattern: re.Pattern[str] | None
    open: re.Pattern[str] | None
    against: re.Pattern[str] | None


@dataclass
class Signal:
    """A documented ranking feature found in a story's sentences: 1 when any of its
    patterns occurs (and, with `topics`, the story matches one of those topics)."""

    id: str
    weight: float
    pattern: re.Pattern[str] | None
    topics: frozenset[str] = frozenset()
    about: str = ""


@dataclass
class Topics:
    topics: dict[str, Topic]
    sections: list[Section]
    ranking: dict[str, Any] = field(default_factory=dict)
    actor_weights: dict[str, dict[str, float]] = field(default_factory=dict)
    origin_aliases: dict[str, list[str]] = field(default_factory=dict)
    phrases: dict[str, str] = field(default_factory=dict)
    boilerplate: re.Pattern[str] | None = None
    axis_cues: list[str] = field(default_factory=list)  # "direction", "tactical area"
    editorial_openers: frozenset[str] = frozenset()  # "we": the publisher's own voice, no finding
    side_names: dict[str, str] = field(default_factory=dict)  # "RU" -> "Russian forces"
    signals: list[Signal] = field(default_factory=list)

    def is_boilerplate(self, text: str) -> bool:
        """Web page chrome ("click here to see the map"), from topics.yaml `boilerplate`."""
        return bool(self.boilerplate and self.boilerplate.search(text))

    def match(self, text: str) -> list[str]:
        """Ids of the topics whose patterns occur in `text`, in file order."""
        return [t.id for t in self.topics.values() if t.pattern and t.pattern.search(text)]

    def stance(self, text: str, found: list[str] | tuple[str, ...]) -> dict[str, str]:
        """topic -> "open" | "against" for the found topics with a stance cue in `text`.

        An `open` cue under a negation ("not ready to", "no willingness") counts as `against`."""
        out: dict[str, str] = {}
        for tid in found:
            t = self.topics.get(tid)
            if t is None:
                continue
            if t.against and t.against.search(text):
                out[tid] = "against"
            elif t.open and (m := t.open.search(text)):
                before = text[max(0, m.start() - 25):m.start()]
                out[tid] = "against" if _NEGATION.search(before) else "open"
        return out

    def section_of(self, kind: str, type_: str | None, label: str | None, mode: str | None,
                   topics: tuple[str, ...] | list[str], located: bool = True) -> str:
        """The first section whose rule the item meets; `other` when none does. Fighting needs a
        place: an unlocated "advance" or "regain" ("regained consciousness", "a push for a peace
        deal") is sectioned by its words, as a statement is."""
        sections = self.sections
        if kind == "event" and not located and self._front_only(label, mode, type_):
            kind, sections = "sentence", [s for s in self.sections if s.id != "front"]
        if kind == "event":
            for s in self.sections:
                if (label and label in s.labels) or (mode and mode in s.modes):
                    return s.id
            for s in self.sections:
                if type_ and type_ in s.types:
                    return s.id
        ordered = [s for s in sections if s.id != "front"] + [s for s in sections if s.id == "front"]
        for s in ordered if kind != "event" else self.sections:
            if any(t in s.topics for t in topics):
                return s.id
        return "diplomacy" if kind == "claim" else "other"

    def _front_only(self, label: str | None, mode: str | None, type_: str | None) -> bool:
        front = next((s for s in self.sections if s.id == "front"), None)
        return front is not None and bool((label and label in front.labels) or (mode and mode in front.modes)
                                          or (type_ and type_ in front.types))

    def title(self, section: str) -> str:
        for s in self.sections:
            if s.id == section:
                return s.title
        return section.title()

    def weight(self, name: str, default: float = 0.0) -> float:
        for sig in self.signals:
            if sig.id == name:
                return sig.weight
        return float(self.ranking.get(name, default))


def parse_topics(data: dict[str, Any]) -> Topics:
    try:
        topics = {
            tid: Topic(tid, t.get("label", tid), t.get("section", "other"),
                       _compile(t.get("patterns", [])),
                       _compile((t.get("stance") or {}).get("open", [])),
                       _compile((t.get("stance") or {}).get("against", [])))
            for tid, t in (data.get("topics") or {}).items()}
        sections = [Section(s["id"], s.get("title", s["id"]), frozenset(s.get("labels") or []),
                            frozenset(s.get("modes") or []), frozenset(s.get("types") or []),
                            frozenset(s.get("topics") or [])) for s in data.get("sections") or []]
        signals = [Signal(sid, float(v["weight"]), _compile(v.get("patterns", [])),
                          frozenset(v.get("topics") or []), str(v.get("about", "")))
                   for sid, v in (data.get("signals") or {}).items()]
    except (KeyError, TypeError, AttributeError, ValueError, re.error) as exc:
        raise WarbriefError(Errors.B001.format(exc=exc)) from None
    return Topics(topics, sections, data.get("ranking") or {}, data.get("actor_weights") or {},
                  data.get("origin_aliases") or {}, data.get("phrases") or {},
                  _compile(data.get("boilerplate") or []), [str(x) for x in data.get("axis_cues") or []],
                  frozenset(str(x).lower() for x in data.get("editorial_openers") or []),
                  {str(k): str(v) for k, v in (data.get("side_names") or {}).items()}, signals)


@functools.lru_cache(maxsize=4)
def load_topics(path: str | None = None) -> Topics:
    """The topics file shipped with the package, or the one at `path`. Read once per process."""
    if path:
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = resources.files("warbrief.knowledge").joinpath("data/topics.yaml").read_text("utf-8")
    return parse_topics(load_yaml(text) or {})
