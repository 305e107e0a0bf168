"""The war's front line (data/war_front.yaml) as the places stage uses it: the points of the
whole war and those of dated stretches of it, and a place's distance to the front at a date.

Among settlements of one name in a war report, the one near the front of the document's date is
the likelier (see places.Places.score)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...geo import km as km_pt
from ...knowledge import DATA, load_yaml

Points = tuple[tuple[float, float], ...]
MEMO_LIMIT = 100_000  # distances remembered per (place, date) before the memo starts afresh


@dataclass(frozen=True)
class Front:
    """data/war_front.yaml: the points of the whole war and those of dated stretches of it."""

    points: Points
    periods: tuple[tuple[date | None, date | None, Points], ...]
    reach: float
    bonus: float
    village_reach: float
    village_bonus: float
    _memo: dict[tuple[int, date | None], float] = field(default_factory=dict, compare=False, repr=False)

    def at(self, when: date | None) -> Points:
        """The front at a date (`from` inclusive, `until` exclusive); every point when undated."""
        extra = [p for a, b, pts in self.periods if when is None or ((a is None or a <= when)
                                                                      and (b is None or when < b)) for p in pts]
        return self.points + tuple(extra)

    def km(self, place_id: int, lat: float, lon: float, when: date | None = None) -> float:
        """Distance (km) from a place to the nearest point of the front at `when` (the
        document's date; None: the fronts of the whole war), remembered per place and date."""
        key = (place_id, when)
        d = self._memo.get(key)
        if d is None:
            if len(self._memo) > MEMO_LIMIT:
                self._memo.clear()
            d = self._memo[key] = min(km_pt(lat, lon, a, b) for a, b in self.at(when))
        return d


def load_front() -> Front:

    data = load_yaml((DATA / "war_front.yaml").read_text(encoding="utf-8"))

    def pts(xs: list[list[float]]) -> Points:
        return tuple((float(a), float(b)) for a, b in xs)

    periods = tuple((p.get("from"), p.get("until"), pts(p["points"])) for p in data.get("periods") or ())
    return Front(pts(data["points"]), periods, float(data["reach_km"]), float(data["bonus"]),
                 float(data.get("village_reach_km", 0.0)), float(data.get("village_bonus", 0.0)))
