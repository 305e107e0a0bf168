"""Place names the NER missed or mistyped, where only a place fits (for the places stage).

A capitalised run of gazetteer names (own names or curated variants) is a place mention when
the word before it takes a place ("moved to Nitro", "a trail near Meadow Grove"), when a party
letter and a hyphen come before it ("Sen. Byron Dorgan, D-N.D."), or when a word for the
place's people follows it ("Augusta native", "Chicopee residents discuss", "Clinton couple
faces"): local news names its towns so in headlines, where the NER often sees a person or
nothing. A one-word PERSON or ORG guess is overruled; a longer name ("Jordan Smith",
"Richmond Hospital") is not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...knowledge.gazetteer import StopLists, get_gazetteer
from ...knowledge.names import clean_mention, name_keys
from .cues import cues, local_words
from .nested import outlet_name

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# words after which a capitalised name the NER missed is taken as a place ("moved to Nitro")
MISSED_BEFORE = {"in", "of", "near", "at", "from", "to", "outside", "around", "toward", "towards", "into", "across"}
PARTY_LETTERS = {"D", "R", "I", "DFL"}  # "Sen. Byron Dorgan, D-N.D."
# words for a place's people, after which a capitalised name is the place ("Augusta native");
# not "students" ("Lipscomb students" attend a school) nor officials and police ("Federal
# police"): institutions are places.nested's, with the document's backing
PEOPLE_AFTER = {"native", "natives", "resident", "residents", "man", "woman", "men", "women", "boy", "girl",
                "teen", "teens", "teenager", "couple", "family", "families", "youth", "voters", "homeowners",
                "motorist", "motorcyclist", "driver", "businessman", "businesswoman", "mother", "father"}
# words after a name that make it a town's, never a country's ("Jordan man", "Jordan Elementary"):
# a country's people and offices take its demonym (places.py)
NOT_BEFORE_PEOPLE = {"the", "a", "an", "his", "her", "their", "our", "my", "its", "your"}  # "the Smith family"
NEAR_WORDS = ("near", "outside", "around")
MAX_RUN = 4  # tokens
BIG_CITY = 1_000_000  # an acronym may name a city this big ("NYC")


def missed_spans(doc: Any, covered: set[int], stop: StopLists) -> list[tuple[int, int, str | None]]:
    """(start, end, role) token spans of the places the NER missed; `covered` tokens are
    mentions already (or relabelled non-places) and are never part of one."""
    found: list[tuple[int, int, str | None]] = []
    ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    n, i = len(doc), 0
    while i < n:
        if i in covered or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and j - i < MAX_RUN and j not in covered and (doc[j].text[:1].isupper() or doc[j].text == "."):
            j += 1
        if not ((i > 0 and _place_slot(doc, i)) or _townsfolk(doc, i, j)):
            i += 1
            continue
        ent = ent_of.get(i)
        if (j == i or (ent is not None and (ent.start < i or ent.end > j or ent.label_ in PLACE_LABELS))
                or not _place_name(doc[i:j].text, stop)):
            i = max(j, i + 1)
            continue
        found.append((i, j, "near" if i > 0 and doc[i - 1].lower_ in NEAR_WORDS else None))
        i = j
    return found


def _place_slot(doc: Any, i: int) -> bool:
    prev = doc[i - 1]
    if prev.lower_ in MISSED_BEFORE:
        return True
    return prev.text == "-" and i >= 2 and doc[i - 2].text in PARTY_LETTERS


def _townsfolk(doc: Any, i: int, j: int) -> bool:
    """'Augusta native', 'Chicopee residents discuss': doc[i:j] right before a word for its
    people (PEOPLE_AFTER), not after "the" or a possessive ("the Smith family", "Jane's
    family"), and not a word the text also writes in lower case ("Early voters")."""
    if j >= len(doc) or j == i or not doc[j].text.islower() or doc[j].lower_ not in PEOPLE_AFTER:
        return False
    if j - i == 1 and (doc[i].is_stop or doc[i].lower_ in _lower_words(doc)):
        return False  # "One man", "Her family", "Early voters"
    return i == 0 or (doc[i - 1].lower_ not in NOT_BEFORE_PEOPLE and doc[i - 1].tag_ != "POS")


def _lower_words(doc: Any) -> set[str]:
    """The words the document writes in lower case (remembered with the document)."""
    memo = doc.user_data.get("warbrief:lower")
    if memo is None:
        memo = doc.user_data["warbrief:lower"] = {t.text for t in doc if t.text.islower()}
    return memo


def _place_name(text: str, stop: StopLists) -> bool:
    """Is `text` (all of it) a place's own name or curated variant, and not a stop word? An
    acronym ("NICE", "REAL") only when it is a country's, a division's or a big city's ("NSW",
    "NYC")."""
    name = clean_mention(text)
    keys = name_keys(name)
    if not keys or any(k in stop.words or k in stop.demonyms for k in keys):
        return False
    cands = get_gazetteer().lookup(name)
    if len(text) > 2 and text.isalpha() and text.isupper():
        return any(c.kind in (0, 1, 4) and (c.feature in ("country", "region") or c.population >= BIG_CITY)
                   for c in cands)
    return any(c.kind <= 1 or (c.kind == 4 and "." in text) for c in cands)


def echo_spans(doc: Any, named: list[tuple[int, int]], covered: set[int], people: frozenset[str],
               stop: StopLists, placed: Callable[[Any, int], bool]) -> list[tuple[int, int]]:
    """Other occurrences of a name the text uses as a place: one sense per document. The NER
    often types a town a place in one sentence and a person or part of an organisation in the
    next ("in Gainesville", then "Rodeo Gainesville", "The Gainesville Riding Club").

    The name must stand as a place somewhere: one of `named` (token spans the NER typed GPE/LOC
    or the gazetteer ruler found) after a word that takes a place ("in", "near", "from" ...) or
    before a comma and a division (`placed`: "Gainesville, Texas"); not the head of a hyphened
    word ("in Wal-Mart stores") nor an acronym that is no country's, division's or big city's
    ("NICE", "REAL"; see `_place_name`). An occurrence is not taken inside a longer person's
    name ("Jordan Smith", or "Paris Hilton" typed an organisation), a news outlet's name ("the
    Dublin Daily"), a street's ("California Street"), after a title ("Mr. Paris"), nor when the
    text gives a person that surname."""
    texts: dict[tuple[str, ...], None] = {}
    for a, b in named:
        words = tuple(t.text for t in doc[a:b])
        slot = a > 0 and _place_slot(doc, a) or placed(doc, b)
        if not slot or (b < len(doc) and doc[b].text in ("-", "–")):  # not 'Wal' of 'in Wal-Mart'
            continue
        if not all(w[:1].isupper() for w in words) or words[-1] in people or not _place_name(doc[a:b].text, stop):
            continue
        texts.setdefault(words, None)
    if not texts:
        return []
    c = cues()
    ent_of = {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}
    starts: dict[str, list[tuple[str, ...]]] = {}
    for words in texts:
        starts.setdefault(words[0], []).append(words)
    found: list[tuple[int, int]] = []
    for tok in doc:
        for words in starts.get(tok.text, ()):
            i, j = tok.i, tok.i + len(words)
            if j > len(doc) or tuple(t.text for t in doc[i:j]) != words or any(k in covered for k in range(i, j)):
                continue
            ent = ent_of.get(i)
            if ent is not None and ((ent.label_ == "PERSON" and len(ent) > 1) or outlet_name(doc, ent)
                                    or (ent.label_ != "PERSON" and _short_name(ent))):
                continue
            nxt, prev = (doc[j] if j < len(doc) else None), (doc[i - 1] if i > 0 else None)
            if nxt is not None and nxt.text[:1].isupper() and nxt.lower_ in c.street_words:
                continue
            if prev is not None and prev.lower_.rstrip(".") in c.person_titles:
                continue
            found.append((i, j))
            covered.update(range(i, j))
    return found


def _short_name(ent: Any) -> bool:
    """A two-word name that may be a person's the NER took for an organisation ("Paris Hilton"),
    not an institution ("Dublin Council") nor a longer name ("the Gainesville Riding Club")."""
    toks = [t for t in ent if t.lower_ != "the"]
    return len(toks) <= 2 and toks[-1].lower_ not in local_words().institution_or_town


def local_after() -> frozenset[str]:
    """Words after which a name is a town's (its people or offices: "the Jordan man", "Jordan Police")."""
    return frozenset(PEOPLE_AFTER) | local_words().town_words
