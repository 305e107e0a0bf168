"""The place-scoring weights (knowledge/data/place_weights.yaml) as one typed record.

`weights()` reads the file once per process. A key the record lacks, or one it does not know,
is an error naming the file and the line to fix, so that a typo cannot silently drop a term.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...errors import WarbriefError
from ...knowledge import DATA, load_yaml

FILE = DATA / "place_weights.yaml"
KINDS = {"own": 0, "variant": 1, "alternate": 2, "stem": 3, "abbreviation": 4}


@dataclass(frozen=True)
class Weights:
    population_weight: float
    kind: dict[int, float]  # Candidate.kind -> term; `kind_other` for any other
    kind_other: float
    feature: dict[str, float]
    as_written: float
    loose_own: float
    acronym_miss: float
    approximate_point: float
    role_match: float
    role_miss: float
    local_country: float
    capital: float
    listed: float
    within: float
    within_alternate: float
    within_miss: float
    division_town: float
    alternate_behind: float
    war_ukraine: float
    war_russia: float
    war_village_pop_weight: float
    town_size: float
    city_size: float
    approximate_front_slack_km: float
    country_share: float
    country_quorum: float
    division_named: float
    same_division: float
    backing: float
    backing_max: float
    near: float
    same_place: float
    region_holds: float
    near_km: float
    near_km_bonus: float
    far_km: float
    far_km_bonus: float
    context_cap: float
    village_context_cap: float
    beyond_cap: float


def _line(text: str, key: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith(key + ":"):
            return n
    return 1


def _number(path: Path, text: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WarbriefError(f"[K011] {path}:{_line(text, key)}: {key} is {value!r}; expected a number")
    return float(value)


def parse(text: str, path: Path = FILE) -> Weights:
    """The weights of a place_weights.yaml text (see the module's doc for the errors)."""
    raw = load_yaml(text) or {}
    if not isinstance(raw, dict):
        raise WarbriefError(f"[K011] {path}:1: expected a mapping of weight names to numbers")
    names = {f.name for f in fields(Weights)} - {"kind_other"}
    unknown = sorted(set(raw) - names)
    if unknown:
        raise WarbriefError(f"[K011] {path}:{_line(text, unknown[0])}: unknown weight {unknown[0]!r}; "
                            f"known: {', '.join(sorted(names))}")
    missing = sorted(names - set(raw))
    if missing:
        raise WarbriefError(f"[K011] {path}: weight {missing[0]!r} is missing; add it (see the file's comments)")
    kinds = dict(raw["kind"] or {})
    for k in [*KINDS, "other"]:
        if k not in kinds:
            raise WarbriefError(f"[K011] {path}:{_line(text, 'kind')}: kind.{k} is missing")
    values: dict[str, Any] = {k: _number(path, text, k, v) for k, v in raw.items() if k not in ("kind", "feature")}
    values["kind"] = {KINDS[k]: _number(path, text, k, v) for k, v in kinds.items() if k in KINDS}
    values["kind_other"] = _number(path, text, "other", kinds["other"])
    values["feature"] = {str(k): _number(path, text, str(k), v) for k, v in (raw["feature"] or {}).items()}
    return Weights(**values)


@lru_cache(maxsize=1)
def weights() -> Weights:
    return parse(FILE.read_text(encoding="utf-8"))
