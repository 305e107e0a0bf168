"""ACLED's codebook as warbrief applies it to its own events (knowledge/data/acled_codes.yaml):
which events ACLED would code, the actor type ("inter" code) of each actor, the interaction
code of a pair, and the reach of a source.

    codes = load_acled_codes()
    codes.codable(event_type, modality, precision, has_actor, has_date) -> bool
    codes.inter(entity_id, name, actor_country, event_country) -> int | None  (None: no row)
    codes.interaction(inter1, inter2) -> str     # "18", "80"
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..errors import Errors, WarbriefError
from . import DATA, load_yaml

ACLED_FILE = DATA / "acled_codes.yaml"
STATE, EXTERNAL, CIVILIANS = 1, 8, 7


@dataclass(frozen=True)
class ActorRule:
    inter: int | str  # a code, or "state" (1 at home, 8 abroad)
    ids: tuple[str, ...]
    words: frozenset[str]


@dataclass(frozen=True)
class AcledCodes:
    event_types: frozenset[str]
    modalities: frozenset[str]
    precisions: frozenset[str]
    inter_names: dict[int, str]
    rules: tuple[ActorRule, ...]
    demonstrators: dict[str, int]
    civilian_targets: frozenset[str]
    scales: dict[str, str]  # lower-case source name -> scale
    default_scale: str

    def codable(self, event_type: str | None, modality: str | None, precision: str | None,
                has_actor: bool, has_date: bool) -> bool:
        """Would ACLED code this event? Political violence, demonstrations or a strategic
        development that happened, with an actor, a located place and a date."""
        return (event_type in self.event_types and modality in self.modalities
                and precision in self.precisions and has_actor and has_date)

    def inter(self, entity: str | None, name: str, country: str | None, event_country: str | None,
              event_type: str | None = None) -> int | None:
        """The ACLED actor type of one actor, or None when no rule knows it."""
        code = self._rule(entity, name)
        if event_type in self.demonstrators and code in (None, CIVILIANS):
            return self.demonstrators[event_type]
        if code == "state":
            return STATE if country and event_country and country == event_country else EXTERNAL
        return code if isinstance(code, int) else None

    def _rule(self, entity: str | None, name: str) -> int | str | None:
        if entity:
            for r in self.rules:
                if any(fnmatch.fnmatchcase(entity, p) for p in r.ids):
                    return r.inter
        low = " " + " ".join(re.findall(r"[\w'-]+", name.lower())) + " "
        for r in self.rules:
            if any(f" {w} " in low for w in r.words):
                return r.inter
        return None

    def second_actor(self, event_type: str | None, inter2: int | None) -> int | None:
        """Civilians are the second actor of violence against civilians when none is named."""
        return CIVILIANS if inter2 is None and event_type in self.civilian_targets else inter2

    @staticmethod
    def interaction(inter1: int | None, inter2: int | None) -> str:
        """ACLED's interaction code: the two actor types, lower first ("18"); one actor alone
        is its type and 0 ("80"); "" when the first actor's type is unknown."""
        if inter1 is None:
            return ""
        if inter2 is None:
            return f"{inter1}0"
        a, b = sorted((inter1, inter2))
        return f"{a}{b}"

    def source_scale(self, source: str | None) -> str:
        return self.scales.get((source or "").strip().lower(), self.default_scale)


def _fail(msg: str) -> WarbriefError:
    return WarbriefError(Errors.K030.format(path=ACLED_FILE, msg=msg))


@lru_cache(maxsize=1)
def load_acled_codes() -> AcledCodes:
    raw: dict[str, Any] = load_yaml(ACLED_FILE.read_text(encoding="utf-8")) or {}
    try:
        rows = raw["rows"]
        rules = []
        for i, r in enumerate(raw["actor_types"], 1):
            inter = r["inter"]
            if not (inter == "state" or (isinstance(inter, int) and 1 <= inter <= 8)):
                raise _fail(f"actor_types rule {i}: inter must be 1..8 or 'state', not {inter!r}")
            rules.append(ActorRule(inter, tuple(r.get("ids") or ()), frozenset(str(w).lower() for w in r.get("words") or ())))
        scale_raw = dict(raw.get("source_scale") or {})
        default = str(scale_raw.pop("default", "") or "")
        scales = {str(n).lower(): kind.title() if kind != "new media" else "New media"
                  for kind, names in scale_raw.items() for n in names or ()}
        return AcledCodes(frozenset(rows["event_types"]), frozenset(rows["modalities"]),
                          frozenset(rows["place_precisions"]),
                          {int(k): str(v) for k, v in raw["inter_names"].items()}, tuple(rules),
                          {str(k): int(v) for k, v in (raw.get("demonstrators") or {}).items()},
                          frozenset(raw.get("civilian_targets") or ()), scales, default)
    except (KeyError, TypeError, ValueError) as exc:
        raise _fail(f"missing or malformed entry ({exc!r})") from None
