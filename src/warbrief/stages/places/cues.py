"""Cues the place modules share: the words of `knowledge/data/place_cues.yaml`, the local
institutions' words of `knowledge/data/place_local.yaml` (`local_words`) and what makes a place
name strong enough to stand alone. Every module of this package may import this one; it
imports none of them."""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from typing import Any

from ...errors import WarbriefError
from ...knowledge import DATA, load_yaml
from ...knowledge.gazetteer import Candidate

COMPASS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "northern",
           "southern", "eastern", "western", "central", "upper", "lower", "greater"}


@dataclass(frozen=True)
class Cues:
    big_city: int
    say_verbs: frozenset[str]
    person_titles: frozenset[str]
    person_nouns: frozenset[str]
    street_words: frozenset[str]
    place_heads: frozenset[str]
    road_heads: tuple[str, ...]
    outlet_words: frozenset[str] = frozenset()
    nature_heads: frozenset[str] = frozenset()
    earn_prepositions: frozenset[str] = frozenset()
    earn_nouns: frozenset[str] = frozenset()
    earn_city: int = 100_000


@lru_cache(maxsize=1)
def cues() -> Cues:

    raw = load_yaml((DATA / "place_cues.yaml").read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return Cues(int(raw.get("big_city", 500_000)), words("say_verbs"), words("person_titles"),
                words("person_nouns"), words("street_words"), words("place_heads"),
                tuple(sorted((str(w).lower() for w in raw.get("road_heads") or []), key=len, reverse=True)),
                words("outlet_words"), words("nature_heads"), words("earn_prepositions"), words("earn_nouns"),
                int(raw.get("earn_city", 100_000)))

@dataclass(frozen=True)
class LocalWords:
    """knowledge/data/place_local.yaml: see the comments there."""

    institution_words: frozenset[str]
    town_words: frozenset[str]
    modifiers: frozenset[str]
    heads: frozenset[str]
    tied_words: frozenset[str]
    tied_pairs: frozenset[str]
    school_words: frozenset[str]
    title_prefixes: frozenset[str]

    @cached_property
    def institution_or_town(self) -> frozenset[str]:
        return self.institution_words | self.town_words

    @cached_property
    def after_modifier(self) -> frozenset[str]:
        """What may follow a modifier: a town or institution word or a head ("City Manager")."""
        return self.town_words | self.institution_words | self.heads

    @cached_property
    def never_names(self) -> frozenset[str]:
        """One-word 'names' that are town, modifier, institution or title words."""
        return self.town_words | self.modifiers | self.institution_words | self.title_prefixes


LOCAL_FILE = DATA / "place_local.yaml"


def parse_local(text: str, path: Any = LOCAL_FILE) -> LocalWords:
    """The word lists of a place_local.yaml text; a missing list, an unknown one or a list that
    is not one raises an error naming the file and line."""
    raw = load_yaml(text) or {}
    names = [f.name for f in fields(LocalWords)]
    lines = {k: n for n, line in enumerate(text.splitlines(), 1) for k in names + list(raw) if line.startswith(k + ":")}
    for key in raw:
        if key not in names:
            raise WarbriefError(f"[K012] {path}:{lines.get(key, 1)}: unknown list {key!r}; known: {', '.join(names)}")
    out = {}
    for key in names:
        words = raw.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise WarbriefError(f"[K012] {path}:{lines.get(key, 1)}: {key} must be a list of lower-case words")
        out[key] = frozenset(w.lower() for w in words)
    return LocalWords(**out)


@lru_cache(maxsize=1)
def local_words() -> LocalWords:
    return parse_local(LOCAL_FILE.read_text(encoding="utf-8"))


@dataclass(frozen=True)
class UsLocal:
    """knowledge/data/place_profile_us_local.yaml: see the comments there."""

    bare_institution_runs: bool
    compass_divisions: bool
    stop_towns: frozenset[str]
    stop_town_words: frozenset[str]


US_LOCAL_FILE = DATA / "place_profile_us_local.yaml"


def parse_us_local(text: str, path: Any = US_LOCAL_FILE) -> UsLocal:
    """The US local news profile of a place_profile_us_local.yaml text; a missing or mistyped
    key raises an error naming the file and line."""
    raw = load_yaml(text) or {}
    names = [f.name for f in fields(UsLocal)]
    lines = {k: n for n, line in enumerate(text.splitlines(), 1) for k in names + list(raw) if line.startswith(k + ":")}
    for key in raw:
        if key not in names:
            raise WarbriefError(f"[K012] {path}:{lines.get(key, 1)}: unknown key {key!r}; known: {', '.join(names)}")
    out: dict[str, Any] = {}
    for key in names:
        value = raw.get(key)
        flag = key in ("bare_institution_runs", "compass_divisions")
        if (flag and not isinstance(value, bool)) or (not flag and not (
                isinstance(value, list) and all(isinstance(w, str) for w in value))):
            raise WarbriefError(f"[K012] {path}:{lines.get(key, 1)}: {key} must be "
                                f"{'true or false' if flag else 'a list of lower-case words'}")
        out[key] = value if flag else frozenset(str(w).lower() for w in value or [])
    return UsLocal(**out)


@lru_cache(maxsize=1)
def us_local() -> UsLocal:
    return parse_us_local(US_LOCAL_FILE.read_text(encoding="utf-8"))


def strong(c: Candidate) -> bool:
    """A place whose name alone, inside an institution's name, makes it a place mention."""
    if c.feature in ("country", "region"):
        return c.kind <= 1
    if c.feature == "district":
        return c.kind == 0
    return c.kind == 0 and c.population >= 10_000


def acronym(text: str) -> bool:
    """'SIM', 'BASIC', 'MoD': written in capitals, or short with a capital inside (not 'DeKalb')."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return False
    return text.isupper() or (len(text) <= 4 and any(ch.isupper() for ch in text[1:]))
