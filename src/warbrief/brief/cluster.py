"""Clustering: reports of the same event or the same claim across documents join into a Story.

Two items are one story when (`same_story`):

- events: same PLOVER type, compatible labels, dates within `day_slack` days of each other, places
  within `km` kilometres (or the same place id, or one a region containing the other), and
  actors that do not contradict (a shared country or entity when both sides name one);
- claims: the same speaker (entity id or name) and content tokens with Jaccard >= `claim_sim`;
- anything else (sentences, or an event or claim without fields to compare): the sentences
  have token Jaccard >= `text_sim` (re-published or near-identical wording), or >=
  `same_doc_sim` for two sentences of one document (a summary line and its restatement).

Items with identical fields join at once (`exact_key`); among the rest, candidate pairs come
from blocking (type + map cell for located events, speaker for claims, shared rare tokens
for text), so the work grows about linearly with the number of items.
"""

from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from ..geo import KM_PER_DEGREE, km_or_none
from .items import Item, PlaceRef, Ref
from .sources import name_slug


@dataclass
class ClusterOptions:
    km: float = 25.0
    day_slack: int = 1
    claim_sim: float = 0.3
    text_sim: float = 0.55
    same_doc_sim: float = 0.7  # two sentences of one document: only a near-restatement joins
    rare_tokens: int = 3  # tokens per item used to find text candidates
    max_posting: int = 100  # tokens in more items than this are too common to block on


@dataclass
class Story:
    id: str
    items: list[Item] = field(default_factory=list)

    @property
    def kind(self) -> str:
        kinds = {i.kind for i in self.items}
        return "event" if "event" in kinds else "claim" if "claim" in kinds else "sentence"

    @property
    def docs(self) -> list[str]:
        return sorted({i.doc.id for i in self.items})


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


def km_between(a: PlaceRef, b: PlaceRef) -> float | None:
    return km_or_none(a.lat, a.lon, b.lat, b.lon)


def _days(it: Item) -> tuple:
    if it.day0 is not None:
        return it.day0, it.day1 or it.day0
    d = it.doc.day
    return (d - timedelta(days=2), d) if d else (None, None)


def _dates_meet(a: Item, b: Item, slack: int) -> bool:
    a0, a1 = _days(a)
    b0, b1 = _days(b)
    if a0 is None or b0 is None:
        return True
    s = timedelta(days=slack)
    return a0 <= b1 + s and b0 <= a1 + s


def _places_meet(a: PlaceRef | None, b: PlaceRef | None, km: float) -> bool | None:
    """True/False when both places are known, None when one is missing."""
    if a is None or b is None:
        return None
    if a.id and a.id == b.id:
        return True
    if "region" in (a.precision, b.precision) or {a.feature, b.feature} & {"region", "country"}:
        return name_slug(a.name) == name_slug(b.name)  # a region is no place to meet in
    dist = km_between(a, b)
    if dist is None:
        return name_slug(a.name) == name_slug(b.name)
    return dist <= km


def _ref_keys(refs: Iterable[Ref]) -> set[str]:
    out = set()
    for r in refs:
        if r.id:
            out.add(r.id)
        if r.country:
            out.add("country:" + r.country)
    return out


def same_story(a: Item, b: Item, opt: ClusterOptions) -> bool:
    if a.doc.id == b.doc.id and a.start == b.start and a.kind != b.kind:
        return True  # an event and the claim that reports it, in one sentence
    if a.doc.id == b.doc.id:
        # two sentences of one document: only a near-restatement joins (a summary line and
        # its body sentence), never a shared region or type alone
        return jaccard(a.tokens, b.tokens) >= opt.same_doc_sim
    if a.kind == "event" and b.kind == "event" and a.type and b.type:
        if a.type != b.type or (a.label and b.label and a.label != b.label):
            return False
        if not _dates_meet(a, b, opt.day_slack):
            return False
        ka, kb = _ref_keys(a.actors), _ref_keys(b.actors)
        if ka and kb and not ka & kb:
            return False
        places = _places_meet(a.place, b.place, opt.km)
        if places is not None:
            return places
        return jaccard(a.tokens, b.tokens) >= opt.text_sim
    if a.kind == "claim" and b.kind == "claim" and a.speaker and b.speaker:
        if not _speaker_key(a.speaker) & _speaker_key(b.speaker):
            return False
        if not _dates_meet(a, b, 3):
            return False
        return jaccard(a.tokens, b.tokens) >= opt.claim_sim
    return jaccard(a.tokens, b.tokens) >= opt.text_sim


@functools.lru_cache(maxsize=65536)
def _speaker_key(r: Ref) -> frozenset[str]:
    return frozenset(({r.id} if r.id and not r.id.startswith("local:") else set()) | {name_slug(r.name)})


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _cell(p: PlaceRef, km: float) -> tuple[int, int] | None:
    if p.lat is None or p.lon is None:
        return None
    dlat = km / KM_PER_DEGREE
    dlon = km / max(1.0, KM_PER_DEGREE * math.cos(math.radians(p.lat)))
    return int(math.floor(p.lat / dlat)), int(math.floor(p.lon / dlon))


def candidate_pairs(items: list[Item], opt: ClusterOptions) -> Iterator[tuple[int, int]]:
    """Index pairs worth comparing (may repeat)."""
    # located events: type + map cell, with the 8 neighbouring cells
    cells: dict[tuple, list[int]] = defaultdict(list)
    by_place: dict[tuple, list[int]] = defaultdict(list)
    speakers: dict[str, list[int]] = defaultdict(list)
    same_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        same_sentence[(it.doc.id, it.start)].append(i)
        if it.kind == "event" and it.place is not None:
            c = _cell(it.place, opt.km)
            if c is not None:
                cells[(it.type, *c)].append(i)
            else:
                by_place[(it.type, it.place.admin1 or name_slug(it.place.name))].append(i)
        if it.kind == "claim" and it.speaker:
            for k in _speaker_key(it.speaker):
                speakers[k].append(i)
    for members in same_sentence.values():
        yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    for (typ, y, x), members in cells.items():
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                other = cells.get((typ, y + dy, x + dx))
                if other:
                    yield from ((a, b) for a in members for b in other if a < b)
    for members in by_place.values():
        if len(members) <= 400:
            yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1:])
    for members in speakers.values():
        if len(members) <= 400:
            yield from ((a, b) for n, a in enumerate(members) for b in members[n + 1:])
        else:  # a prolific speaker: fall back to shared rare tokens among their claims
            sub = [items[i] for i in members]
            yield from ((members[a], members[b]) for a, b in _token_pairs(sub, opt))
    yield from _token_pairs(items, opt)


def _token_pairs(items: list[Item], opt: ClusterOptions) -> Iterator[tuple[int, int]]:
    df: dict[str, int] = defaultdict(int)
    for it in items:
        for t in it.tokens:
            df[t] += 1
    postings: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        usable = [t for t in it.tokens if 2 <= df[t] <= opt.max_posting]
        usable.sort(key=lambda t: (df[t], t))
        for t in usable[: opt.rare_tokens]:
            postings[t].append(i)
    seen: set[tuple[int, int]] = set()
    for members in postings.values():
        for n, a in enumerate(members):
            for b in members[n + 1:]:
                if (a, b) not in seen:
                    seen.add((a, b))
                    yield a, b


def exact_key(it: Item) -> tuple:
    """Items with equal keys are one story without comparing further: an event with the same
    type, label, place, actors and dates, or a claim or sentence with the same words (and
    speaker)."""
    if it.kind == "event" and it.place is not None and it.place.id:
        return ("e", it.type, it.label, it.place.id, frozenset(_ref_keys(it.actors)), *_days(it))
    speaker = frozenset(_speaker_key(it.speaker)) if it.kind == "claim" and it.speaker else None
    return ("t", it.kind, speaker, it.tokens) if it.tokens else ("i", it.key)


def cluster(items: list[Item], opt: ClusterOptions | None = None) -> list[Story]:
    """Group items into stories; stories come out in order of their first item."""
    opt = opt or ClusterOptions()
    uf = _UnionFind(len(items))
    first: dict[tuple, int] = {}
    reps: list[int] = []
    for i, it in enumerate(items):
        k = exact_key(it)
        if k in first:
            uf.union(first[k], i)
        else:
            first[k] = i
            reps.append(i)
    sub = [items[i] for i in reps]
    done: set[tuple[int, int]] = set()
    for ra, rb in candidate_pairs(sub, opt):
        a, b = reps[ra], reps[rb]
        if (a, b) in done or uf.find(a) == uf.find(b):
            continue
        done.add((a, b))
        if same_story(items[a], items[b], opt):
            uf.union(a, b)
    groups: dict[int, list[Item]] = defaultdict(list)
    for i, it in enumerate(items):
        groups[uf.find(i)].append(it)
    return [Story(f"s{n}", members) for n, (_, members) in enumerate(sorted(groups.items()))]
