"""What the rest of a document says about where its places are (used by the places stage).

A name never votes for itself: the context a mention is scored against is made from the
*other* names of the document, each name counted once however often it is repeated (eight
mentions of "Rogersville" must not outvote "Greene County" and "Webster County" about which
state the story is in). Four kinds of evidence come from the other names:

- their picks: which countries and first-level divisions they lie in, which divisions the text
  names ("Georgia" resolved to the state), and the nearest of their points (`View`);
- division support: other names that have a place by their own name in the same division
  (`support`), before anything is resolved;
- lists: a name listed with names that resolved to divisions (countries) is one too
  ("Ohio, Oregon, Indiana and Utah"; `lists`, `mark_lists`);
- neighbours: other names that have a place within `NEAR_KM` of a candidate (`Neighbours`):
  "Richmond" and "Madison County" are both common, but only in Kentucky do a Richmond and a
  Madison County lie together.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...geo import flat_km
from ...geo import km as km_pt
from ...knowledge.gazetteer import Candidate, Gazetteer
from .ruler import monitored, war_context

NEAR_KM = 50.0  # a candidate with another name's place this close is "among" that name
MAX_NAME_CANDIDATES = 40  # a name with more places than this says nothing about where the text is
NEAR_FEATURES = ("city", "village", "district")


def km(a: Candidate, b: Candidate) -> float:
    return km_pt(a.lat, a.lon, b.lat, b.lon)


@dataclass
class View:
    """The picks of every name but one: country and division weights (one per name), the
    divisions named, the settlements to measure closeness to."""

    countries: dict[str, float]
    divisions: dict[tuple[str | None, str | None], float]
    total: float
    anchors: list[Candidate]
    _nearest: dict[int, float] = field(default_factory=dict)

    def nearest_km(self, c: Candidate) -> float:
        """Distance to the closest other anchor (inf when none); an equirectangular estimate,
        good to a few percent at the few hundred km it is used for."""
        d = self._nearest.get(c.id)
        if d is None:
            d = self._nearest[c.id] = min((flat_km(c.lat, c.lon, a.lat, a.lon) for a in self.anchors if a.id != c.id),
                                          default=math.inf)
        return d


class Neighbours:
    """Which names of a document have a place near a given point (a grid of 1-degree cells)."""

    def __init__(self, names: dict[str, tuple[Candidate, ...]], labels: dict[str, str]) -> None:
        self.labels = labels
        self.words = {k: frozenset(v.lower().split()) for k, v in labels.items()}
        self.cells: dict[tuple[int, int], list[tuple[str, Candidate]]] = defaultdict(list)
        for key, cands in names.items():
            if len(cands) > MAX_NAME_CANDIDATES:
                continue
            for c in cands:
                if c.kind <= 1 and c.feature in NEAR_FEATURES:
                    self.cells[(math.floor(c.lat), math.floor(c.lon))].append((key, c))
        self._memo: dict[tuple[int, str], frozenset[str]] = {}

    def label(self, key: str) -> str:
        return self.labels.get(key, key)

    def kin(self, a: str, b: str) -> bool:
        """Do the names `a` and `b` (keys) share their words, one holding all of the other's
        ("DeKalb" and "DeKalb County", "Richmond" and "North Richmond")? Such places lie
        together wherever they are, so being near one another says nothing."""
        wa = self.words.get(a) or frozenset(a.lower().split())
        wb = self.words.get(b) or frozenset(b.lower().split())
        return bool(wa and wb) and (wa <= wb or wb <= wa)

    def names_near(self, c: Candidate, exclude: str) -> frozenset[str]:
        """The other names with a place within NEAR_KM of `c` (not `c` itself, and not names
        that are kin to `exclude`, see `kin`)."""
        memo = self._memo.get((c.id, exclude))
        if memo is not None:
            return memo
        found: set[str] = set()
        if self.cells:
            la, lo = math.floor(c.lat), math.floor(c.lon)
            reach = 1 if abs(c.lat) < 50 else 2
            for i in (la - 1, la, la + 1):
                for j in range(lo - reach, lo + reach + 1):
                    for key, o in self.cells.get((i, j), ()):
                        if (key != exclude and key not in found and o.id != c.id and km(c, o) <= NEAR_KM
                                and not self.kin(key, exclude)):
                            found.add(key)
        out = self._memo[(c.id, exclude)] = frozenset(found)
        return out


@dataclass
class Context:
    war: bool
    picks: list[tuple[str, Candidate, float]]  # (name key, place, weight): one weight per name
    admin1s: dict[tuple[str, str | None], str]  # divisions the document names
    country_names: dict[str, str]
    # (country, admin1) -> the names of mentions with a candidate there ("Athens" and "Georgia")
    support: dict[tuple[str | None, str | None], set[str]] = field(default_factory=dict)
    near: Neighbours | None = None
    gaz: Gazetteer | None = None
    when: date | None = None  # the document's date: the front line of that time
    # places known before resolving (a name with one place) -> that name's key: "Athens-Clarke
    # County" makes Athens, Georgia the likelier "Athens"
    sure: dict[int, str] = field(default_factory=dict)
    _views: dict[str, View] = field(default_factory=dict)
    memo: dict[tuple[str, int], tuple[float, list[str]]] = field(default_factory=dict)  # (name, place id)

    def country_name(self, cc: str | None) -> str:
        return self.country_names.get(cc or "", cc or "?")

    def a1_name(self, c: Candidate) -> str:
        name = self.gaz.admin1_name(c.country, c.admin1_code) if self.gaz else None
        return name or f"{c.country}.{c.admin1_code}"

    def view(self, key: str) -> View:
        """The context seen by the mentions of name `key`: the picks of all other names."""
        v = self._views.get(key)
        if v is None:
            countries: dict[str, float] = defaultdict(float)
            divisions: dict[tuple[str | None, str | None], float] = defaultdict(float)
            anchors: list[Candidate] = []
            for k, c, w in self.picks:
                if k == key:
                    continue
                if c.country:
                    countries[c.country] += w
                if c.feature != "country":
                    divisions[(c.country, c.admin1_code)] += w
                if c.feature in ("city", "village") and len(anchors) < 200:
                    anchors.append(c)
            v = self._views[key] = View(dict(countries), dict(divisions), sum(countries.values()), anchors)
        return v

    @classmethod
    def make(cls, picks: list[tuple[str, Candidate]], text: str) -> Context:
        """From (name key, place) pairs: a name with several different picks shares its one vote."""
        uniq = list(dict.fromkeys((k, c) for k, c in picks))
        per_name = Counter(k for k, _ in uniq)
        weighted = [(k, c, 1.0 / per_name[k]) for k, c in uniq]
        admin1s = {(c.country, c.admin1_code): c.name for _, c in uniq if c.feature == "region" and c.country}
        names = {c.country: c.name for _, c in uniq if c.feature == "country" and c.country}
        war = war_context(text) or monitored(text) or any(c.country == "UA" for _, c in uniq)
        return cls(war, weighted, admin1s, names)


def support(names: dict[str, tuple[Candidate, ...]]) -> dict[tuple[str | None, str | None], set[str]]:
    """Which divisions the document's names could share: a name with at most
    MAX_NAME_CANDIDATES candidates supports each division where it has a candidate by its own
    name or a variant."""
    out: dict[tuple[str | None, str | None], set[str]] = {}
    for key, cands in names.items():
        if not cands or len(cands) > MAX_NAME_CANDIDATES:
            continue
        for c in cands:
            if c.kind <= 1 and c.country and c.admin1_code:
                out.setdefault((c.country, c.admin1_code), set()).add(key)
    return out


def lists(doc: Any, ms: list[Any]) -> list[list[Any]]:
    """The lists of names: runs of three or more place mentions (`ms`, in text order) joined by
    commas, "and" or "or" ("Arizona, Arkansas, California ... and Wyoming")."""
    out: list[list[Any]] = []
    for m in ms:
        prev = out[-1][-1] if out else None
        gap = [t.text for t in doc[prev.end:m.start]] if prev is not None and prev.end <= m.start else None
        if gap in ([","], ["and"], ["or"], [",", "and"], [",", "or"]):
            out[-1].append(m)
        else:
            out.append([m])
    return [g for g in out if len(g) >= 3]


def mark_lists(groups: list[list[Any]]) -> None:
    """Each listed name's `listed_as`: 'country' or 'region' when at least two of the other
    names, and three in four, resolved to one (in the last pass): then "Georgia" or "Oregon"
    in the list is one too."""
    for group in groups:
        feats = Counter(m.best.feature for m in group if m.best is not None)
        for m in group:
            own = m.best.feature if m.best is not None else None
            m.listed_as = None
            for f in ("region", "country"):
                n = feats[f] - (own == f)
                if n >= 2 and n >= 0.75 * (len(group) - 1):
                    m.listed_as = f
