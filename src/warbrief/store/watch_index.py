"""Which watches could match an item: the event watches indexed by a one-degree grid (radius
watches), by place (place watches), by event type, and the rest grouped by their actor and
words, so one event meets a handful of watches, not all of them. Every test here is a
necessary condition of the watch's SQL filter; the SQL (in `watch_match`) decides."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..geo import km_or_none as km
from .query import EventFilter, _geonames_id

MAX_GRID_KM = 500.0  # wider circles are checked against every event


def fold(s: str) -> str:
    """Case and diacritics folded, as FTS5's unicode61 tokenizer with remove_diacritics does."""
    if s.isascii():
        return s.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", s)).casefold()


# combining marks (NFKD splits them off their letters); folding both sides the same way, and at
# least as much as FTS5 does, keeps `words_in` a necessary condition of its match
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def words_in(words: str | None, folded_text: str) -> bool:
    """Every word of `words` in an already folded text (a necessary condition of FTS5's match)."""
    return not words or all(fold(w) in folded_text for w in re.findall(r"\w+", words, re.UNICODE))


def event_may_match(f: EventFilter, e: Any, parties: list[Any], source: str | None) -> bool:
    """A necessary condition of `event_where(f)` on one event's columns (never False for an
    event the SQL would match)."""
    if (f.types and e.type not in f.types) or (f.modality and e.modality != f.modality) \
            or (f.label and e.label != f.label) or (f.source and source != f.source):
        return False
    if f.since and (e.date_start is None or e.date_start < f.since):
        return False
    if f.until and (e.date_start is None or e.date_end is None or e.date_start > f.until or e.date_end > f.until):
        return False
    if f.text and (not e.sentence or f.text.lower() not in e.sentence.lower()):
        return False
    if f.actor and not any(p.entity == f.actor or (p.name and f.actor.lower() in p.name.lower()) for p in parties):
        return False
    if f.radius_km is not None and f.near is not None:
        d = km(f.near[0], f.near[1], e.lat, e.lon)
        return d is not None and d <= f.radius_km * 1.001 + 0.01
    return True


def _cell_lon(x: float) -> int:
    return int((math.floor(x) + 180) % 360 - 180)


def _cells(lat: float, lon: float, radius: float) -> Iterator[tuple[int, int]]:
    dlat = radius / 110.0 + 0.01
    dlon = dlat / max(0.01, math.cos(math.radians(min(89.0, abs(lat) + dlat))))
    for a in range(math.floor(lat - dlat), math.floor(lat + dlat) + 1):
        for b in range(math.floor(lon - dlon), math.floor(lon + dlon) + 1):
            yield a, _cell_lon(b)


@dataclass
class EventIndex:
    grid: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    places: dict[Any, list[Any]] = field(default_factory=dict)
    types: dict[str, list[Any]] = field(default_factory=dict)
    groups: dict[tuple[str | None, str | None], list[Any]] = field(default_factory=dict)  # (actor, words)

    @classmethod
    def build(cls, ws: list[Any]) -> EventIndex:
        idx = cls()
        for w in ws:
            f: EventFilter = w.events
            if f.radius_km is not None and f.near is not None and f.radius_km <= MAX_GRID_KM:
                for c in set(_cells(f.near[0], f.near[1], f.radius_km)):
                    idx.grid.setdefault(c, []).append(w)
            elif f.place and f.radius_km is None:
                gid = _geonames_id(f.place)
                idx.places.setdefault(gid if gid is not None else f.place.strip().lower(), []).append(w)
            elif f.types and not (f.actor or f.text):
                for t in f.types:
                    idx.types.setdefault(t.upper(), []).append(w)
            else:
                idx.groups.setdefault((f.actor.lower() if f.actor else None, f.text.lower() if f.text else None),
                                      []).append(w)
        return idx

    def live_groups(self, sentences: str, parties: list[Any]) -> list[list[Any]]:
        """The actor/words groups that one of a document's events could meet: their words in
        some sentence (`sentences`: all of them, lower case), their actor among its parties."""
        names = [(p.entity, (p.name or "").lower()) for p in parties]
        live = []
        for (actor, words), ws in self.groups.items():
            if words and words not in sentences:
                continue
            if actor and not any(ent == actor or actor in name for ent, name in names) \
                    and not any(ent == w.events.actor for w in ws for ent, _ in names):
                continue
            live.append(ws)
        return live

    def candidates(self, e: Any, live: list[list[Any]]) -> Iterator[Any]:
        """The watches that could match event row `e` (`live`: the document's live groups)."""
        if e.lat is not None and e.lon is not None:
            yield from self.grid.get((math.floor(e.lat), _cell_lon(e.lon)), ())
        gid_hits = self.places.get(e.geonames_id, []) if e.geonames_id is not None else []
        name_hits = self.places.get(e.place_name.strip().lower(), []) if e.place_name else []
        yield from gid_hits
        yield from (w for w in name_hits if w not in gid_hits)
        yield from self.types.get(e.type, ())
        for ws in live:
            yield from ws
