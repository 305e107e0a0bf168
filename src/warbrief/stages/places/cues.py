"""Cues the place modules share: the words of `knowledge/data/place_cues.yaml` and what makes a
place name strong enough to stand alone. Every module of this package may import this one; it
imports none of them."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...knowledge import DATA, load_yaml
from ...knowledge.gazetteer import Candidate

# words that make an ORG/FAC/PERSON span a local institution named after its place
# ("Alexandria Police", "the Mansfield Police Department"); news outlets are not among them
INSTITUTION_WORDS = {"police", "sheriff", "parish", "county", "city", "department", "fire", "schools",
                     "school", "council", "hospital", "university", "college", "board", "court",
                     "district", "commission", "state", "house", "senate", "office", "administration",
                     "mayor", "guard", "government", "society", "chamber", "association", "library",
                     "center", "centre", "club", "museum", "airport", "township", "public", "highway",
                     "transportation", "educators", "officials", "authorities", "residents", "bureau",
                     "service", "services", "senior", "superior", "selectman", "selectmen", "elementary",
                     "parks", "committee", "foundation", "reservoir", "refuge", "depot", "forest", "federal",
                     "community", "regional", "metropolitan", "metro", "zoo", "agency", "authority",
                     "legislature", "assembly", "delegation", "corrections", "superintendent",
                     "division", "party", "clinic", "league", "alliance", "festival", "facility", "coalition",
                     "cabinet", "branch", "turnpike"}
# words after which a place's name opens one of its institutions ("Millbrook Senior Center",
# "a Kettering Republican"), and words that need one of those (or an institution word) after
# them ("Dover City Council", "Ferris Circuit Court"; not "Emerald City Players", "Elm Court")
TOWN_WORDS = {"police", "fire", "sheriff", "sheriff's", "sheriff’s", "mayor", "township", "twp", "borough",
              "selectman", "selectmen", "board", "council", "school", "schools", "high", "elementary",
              "area", "senior", "seniors", "library", "chamber", "planning", "zoning", "democratic",
              "republican", "rescue", "parks", "recreation", "reservoir", "aldermen", "alderman",
              "commissioners", "prosecutor", "officials", "residents", "firefighters", "officers",
              "councilman", "councilwoman", "councillor", "councilor", "trustees", "superintendent",
              "constable", "marshal", "coroner", "treasurer", "clerk", "assessor"}
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
    earn_city: int = 100_000


@lru_cache(maxsize=1)
def cues() -> Cues:

    raw = load_yaml((DATA / "place_cues.yaml").read_text(encoding="utf-8"))

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    return Cues(int(raw.get("big_city", 500_000)), words("say_verbs"), words("person_titles"),
                words("person_nouns"), words("street_words"), words("place_heads"),
                tuple(sorted((str(w).lower() for w in raw.get("road_heads") or []), key=len, reverse=True)),
                words("outlet_words"), words("nature_heads"), words("earn_prepositions"),
                int(raw.get("earn_city", 100_000)))

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
