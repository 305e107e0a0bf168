"""Names that lists and district words make divisions, for the places stage.

`division_lists`: "in Becker, Clay, Douglas and Wilkin counties", "the Donetsk, Luhansk and
Kherson regions", "strikes on Chernihiv, Kharkiv, Sumy ... oblasts": every capitalised name of
such a list is a division (precision `region` or `district`), never the city of that name.
`district_adjectives`: "the Bashtanskyi district", "Bashtanska hromada": a capitalised adjective
before a district word names a district after its centre town.
"""

from __future__ import annotations

from typing import Any

from ...knowledge.gazetteer import get_gazetteer
from ...knowledge.names import adjective_centres
from ...lang.profiles import CYRILLIC
from . import cyrillic
from .lookup import DISTRICT_WORDS

# a list of names closed by one of these is a list of divisions ("Barrow and Jackson counties")
LIST_NOUNS = {"regions": "region", "oblasts": "region", "provinces": "region", "states": "region",
              "governorates": "region", "counties": "district", "parishes": "district",
              "districts": "district", "raions": "district"}
LIST_SUFFIX = {"counties": " County", "parishes": " Parish", "districts": " District", "raions": " Raion",
               "regions": " Oblast", "oblasts": " Oblast", "provinces": " Province", "governorates": " Governorate"}


def division_lists(doc: Any) -> list[tuple[int, int, str, str]]:
    """'in Becker, Clay, Douglas and Wilkin counties', 'the Donetsk, Luhansk and Kherson
    regions': each capitalised name of the list is a division, whatever the NER said."""
    found: list[tuple[int, int, str, str]] = []
    for tok in doc:
        role = LIST_NOUNS.get(tok.lower_) if tok.lower_ != "states" or tok.text == "states" else None
        # "the Homs and Aleppo Governorates"; "States" only in lower case: not "the United States"
        if role is None:
            continue
        names: list[tuple[int, int]] = []
        j = tok.i - 1
        while j >= 0:
            end = j + 1
            while j >= 0 and doc[j].text[:1].isupper() and doc[j].lower_ not in ("the", "in", "and"):
                j -= 1
            if j + 1 == end:
                break
            names.append((j + 1, end))
            if j >= 0 and doc[j].lower_ in (",", "and", "or", "&"):
                j -= 1
                if j >= 0 and doc[j].lower_ in (",", "and"):  # ", and"
                    j -= 1
                continue
            break
        if not names:
            continue
        for a, b in names:
            found.append((a, b, role, LIST_SUFFIX.get(tok.lower_, "")))
    return found


def district_adjectives(doc: Any) -> list[tuple[int, int]]:
    """'the Bashtanskyi district', 'Bashtanska hromada', 'Znob-Novhorodske territorial
    community': a capitalised adjective before a district word names a district or community
    after its centre town (resolved to the centre, see `places.lookup.centre_candidates`)."""
    found = []
    for tok in doc:
        if tok.lower_ not in DISTRICT_WORDS:
            continue
        j = tok.i - 1
        if j >= 0 and doc[j].lower_ in ("territorial", "urban", "rural", "village", "settlement"):
            j -= 1
        if j < 0 or not doc[j].text[:1].isupper() or not adjective_centres(doc[j].text):
            continue
        if get_gazetteer().has_name(doc[j].text):
            continue  # "Pysarivka community", "Kyivskyi district": a place's own name
        a = j
        while a - 2 >= 0 and doc[a - 1].text in ("-", "–") and doc[a - 2].text[:1].isupper():
            a -= 2  # "Znob-Novhorodske"
        found.append((a, tok.i + 1))
    return found


LIST_JOINERS = {"-", "–", "and", "or", "&", ","}  # a comma ends the walk


def after_comma(doc: Any, end: int, by_start: dict[int, Any]) -> list[Any]:
    """The mention that may name the division of the mention ending at token `end`: the one
    after its comma, or after the comma closing a compound or pair it opens
    ("Molodizhne-Katerynivka, Luhansk", "A and B, Sumy"). Ukrainian and Russian name it without
    a comma (cyrillic.division_after)."""
    if doc.lang_ in CYRILLIC:
        return cyrillic.division_after(doc, end, by_start)
    out, i = [], end
    for _ in range(6):
        if i + 1 >= len(doc) or doc[i].text not in LIST_JOINERS:
            break
        nxt = by_start.get(i + 1)
        if nxt is None:
            break
        if doc[i].text == ",":
            out.append(nxt)
            break  # "Kyiv, Kharkiv, Odesa": only the name right after a comma
        i = nxt.end
    return out
