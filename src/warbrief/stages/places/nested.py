"""Place names inside the names of local institutions, for the places stage (`Places.nested`).

"Fargo" in "Fargo Police", "Minnesota" in "the Minnesota Department of Transportation": a span
the NER typed ORG, FAC, PERSON or NORP holds a place name when it (or the word after it) has an
institution word (`institution_words` of knowledge/data/place_local.yaml). Any part of such a span that names a strong place (a
country or first-level division, a district, a city of 10,000 or more; `strong`) is a place
mention. An ORG span without one names a place only where a country opens it ("the U.S.
Geological Survey"), or a first-level division of a country the document names other places in
("the Nebraska Baseball Hall of Fame"); never a news outlet's name ("the Washington Post", "Texas
Tribune", "Kyiv Independent": an outlet word of place_cues.yaml), which stays an organisation.

A small town is taken only where a local institution opens with it, right before a town word
("the Millbrook Senior Center", "Dunmore Board of Finance", "Parkton High School"), and only
when the document backs it: the same place is also named elsewhere as a place, or (not for
schools, often named after people) the document's other places lie in one of its first-level
divisions, or the word after it ties it to a town by itself (police, fire, mayor, township ...).
A county's bare stem ("Ferris Circuit Court") counts like a small town; a name ending in
"County" or "Parish" is a place wherever it opens a span; a few stop-listed town names
(`stop_towns` of the US local news profile, place_profile_us_local.yaml) still open their
town's police or mayor ("the Concord Police").

Capitalised runs the NER left without an entity are searched the same way, a name at their
start right before a town or title word: "Dover Mayor Jane Roe", "the Avon Parish Sheriff's
Office", "Grovetown police said" (see `institution_spans`).

A name joined by a hyphen or en dash to a place mention is one too when it lies in the same
first-level division or both are countries: "Henry County" in "the Paris-Henry County Arts
Council", "Lincoln" in "University of Nebraska-Lincoln" (see `hyphen_partners`); so is a
first-level division after compass words ("Northeast Nebraska", `compass_divisions`).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from ...knowledge.actors import load_actors
from ...knowledge.gazetteer import Candidate, StopLists, get_gazetteer
from ...knowledge.names import name_keys
from .cues import COMPASS, UsLocal, cues, local_words, strong

DETERMINERS = {"the", "a", "an"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
NAME_LABELS = {"ORG", "FAC", "PERSON", "NORP"}
BARE = "warbrief:bare"  # kb_id of a capitalised run the NER left without an entity
MAX_NAME = 4  # tokens



def _state_abbreviation(c: Candidate, text: str) -> bool:
    """'S.C.' in 'the S.C. Highway Patrol', 'N.D.' in 'N.D. State University': a division's
    dotted abbreviation (a bare 'IN' or 'OR' is a word)."""
    return c.feature == "region" and c.kind == 4 and "." in text


def _weak(c: Candidate) -> bool:
    """A small town, or a county named by its bare stem ("Ferris" for Ferris County)."""
    return (c.kind == 0 and c.feature in ("city", "village")) or (c.kind == 3 and c.feature == "district")


def institution_spans(doc: Any, profile: UsLocal | None) -> Iterator[Any]:
    """The NER's entities, then (with the US local news profile) each capitalised run without an
    entity that opens with a name followed by a town or title word ("Dover Mayor", "Grovetown
    police", "the Avon Parish Sheriff's Office"), as an ORG span marked BARE for `nested_spans`."""
    yield from doc.ents
    if profile is None or not profile.bare_institution_runs:
        return
    in_ent = {i for e in doc.ents for i in range(e.start, e.end)}
    n, i = len(doc), 0
    while i < n:
        if i in in_ent or not doc[i].text[:1].isupper():
            i += 1
            continue
        j = i
        while j < n and j not in in_ent and (doc[j].text[:1].isupper() or doc[j].text in ("'s", "’s")):
            j += 1
        end = j + 1 if j < n and doc[j].lower_ in local_words().town_words else j
        # a run that goes on from an entity is its tail: not "Mill" in "Mundy's Mill" (NER: "Mundy")
        after_ent = i > 0 and (i - 1 in in_ent or doc[i - 1].text in ("'s", "’s", "-", "–"))
        if end - i >= 2 and not after_ent:
            yield Span(doc, i, end, label="ORG", kb_id=BARE)
        i = max(j, i + 1)


def _opening(doc: Any, e: int) -> tuple[str, str] | None:
    """The town words after a name ending at `e`: (the first, the one that makes it an
    institution), or None."""
    w = doc[e].lower_ if e < len(doc) else ""
    if w in local_words().town_words:
        return w, w
    nxt = doc[e + 1].lower_ if e + 1 < len(doc) else ""
    if w in local_words().modifiers and nxt in local_words().after_modifier:
        return w, nxt
    return None


def _never(tok: Any, size: int) -> bool:
    """A one-word 'name' that is a function, title, institution or compass word ("Her",
    "Superior", "Western")."""
    low = tok.lower_
    return size == 1 and ((tok.is_stop and not tok.text.isupper())
                          or low in local_words().never_names | COMPASS)


def nested_spans(doc: Any, ent: Any, stop: StopLists, profile: UsLocal | None = None) -> list[tuple[int, int]]:
    """Token spans (start, end) of the place names inside `ent` (see the module's doc). In a
    person's name or a bare run, only one that opens it: not "Albert" in "Albert Smith Elementary"."""
    bare = ent.kb_id_ == BARE
    words = {t.lower_ for t in ent} | ({doc[ent.end].lower_} if ent.end < len(doc) else set())
    if ent.label_ != "NORP" and not words & local_words().institution_or_town:
        # "the U.S. Geological Survey", "the Nebraska Baseball Hall of Fame" name their country or
        # state; "the Washington Post", "Texas Tribune" (outlets) stay organisations
        named = _name_opening(doc, ent) if ent.label_ == "ORG" and not bare else None
        return [named] if named else []
    gaz = get_gazetteer()
    first = _first_name_token(doc, ent)
    # "Aleksandr Mikhaylov" typed NORP: names only, no demonym: a person, whose surname is no town
    person = (ent.label_ == "NORP" and 2 <= len(ent) <= 3 and all(t.text[:1].isupper() for t in ent)
              and ent[0].lower_ not in COMPASS  # "East Oxford" is a place
              and not any(k in stop.demonyms for t in ent for k in name_keys(t.text)))
    found, i = [], ent.start
    while i < ent.end:
        tok = doc[i]
        if not tok.text[:1].isupper() or tok.lower_ in DETERMINERS or ((bare or person) and i != first):
            i += 1
            continue
        hit = None
        for e in range(min(ent.end, i + MAX_NAME), i, -1):
            text = doc[i:e].text
            keys = name_keys(text)
            if not keys or any(k in stop.demonyms for k in keys) or _never(tok, e - i):
                continue
            if any(k in stop.words for k in keys) and not (
                    profile is not None and ent.label_ == "ORG" and not bare and i == first
                    and text.lower() in profile.stop_towns and e < len(doc) and doc[e].lower_ in profile.stop_town_words and doc[e].text[:1].isupper()):
                continue
            opening = _opening(doc, e) if i == first else None
            if opening is None and i == first and e - i > 1 and doc[e - 1].lower_ in ("county", "parish"):
                opening = ("", "")  # "Anderson County Crimestoppers": a county is a place by its name
            if (opening is None and (bare or ent.label_ in ("PERSON", "WORK_OF_ART"))) or (ent.label_ != "NORP" and not words & local_words().institution_words
                                              and opening is None):
                continue
            cands = gaz.lookup(text)
            if any(strong(c) or _state_abbreviation(c, text) for c in cands):
                # a bare run is less sure: "Federal police" opening a sentence, "Goshen Elementary"
                doubt = bare and (_lower_follower(doc, i, e) or (opening is not None and opening[1] in local_words().school_words))
                if not doubt or _backed(doc, i, e, cands, opening):
                    hit = e
                    break
            if opening is not None and any(_weak(c) for c in cands) and _backed(doc, i, e, cands, opening):
                hit = e
                break
        if hit:
            found.append((i, hit))
            i = hit
        else:
            i += 1
    return found


def _name_opening(doc: Any, ent: Any) -> tuple[int, int] | None:
    """A country's name opening an organisation's, with more of the name after it ("U.S.
    Census", "the Ukraine Defense Contact Group"; not "Ukraine" alone, not a demonym), or a
    first-level division's of a country the document names other places in ("Ohio Partners for
    Affordable Energy" beside Columbus; not "Central" in "Central Station", "Flanders" in a
    Texan's "Flanders Road", nor a region that is no division: "the Donbass People's Militia");
    never a news outlet's (see `_outlet`) nor one the actor knowledge base knows by name."""
    first = _first_name_token(doc, ent)
    if first >= ent.end - 1 or _outlet(doc, ent, first):
        return None
    gaz = get_gazetteer()
    countries = {a[0] for _, a in _support(doc).anchors}
    compass = doc[first].lower_ in COMPASS
    street = doc[ent.end - 1].lower_ in cues().street_words  # "West Palestine Avenue"
    for start in (first, first + 1) if compass else (first,):  # "Western Pennsylvania Kennel Club"
        for e in range(min(ent.end if start > first else ent.end - 1, start + MAX_NAME), start, -1):
            cands = [c for c in gaz.lookup(doc[start:e].text) if c.kind <= 1]
            if any(c.feature == "country" for c in cands) and not (street and start > first):
                return start, e
            if (e - start > 1 or not compass) and _division_of(cands, countries) and not street and (
                    doc[first:ent.end].text not in load_actors().by_alias):
                return start, e
    return None


def _division_of(cands: list[Candidate], countries: set[str]) -> bool:
    """Is one of `cands` a first-level division of one of `countries`?"""
    return any(c.feature == "region" and c.kind <= 1 and c.admin1_code and c.country in countries for c in cands)


def compass_divisions(doc: Any, places: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """A first-level division's name right after compass words ("Northeast Nebraska", "the North
    East Texas Regional ...", "Central Florida District") where nothing else took it, in a
    country the document names other places in; not "West Virginia", a division's own name.
    Each as (where the compass words start, the name's start, its end): the compass words are
    no place of their own ("Northeast" is not the town of North East)."""
    gaz = get_gazetteer()
    covered = {i for a, b in places for i in range(a, b)}
    countries = {a[0] for _, a in _support(doc).anchors}
    found = []
    for t in doc[:-1]:
        if t.lower_ not in COMPASS or not t.text[:1].isupper() or doc[t.i + 1].lower_ in COMPASS:
            continue
        a = t.i
        while a > 0 and doc[a - 1].lower_ in COMPASS and doc[a - 1].text[:1].isupper():
            a -= 1
        for e in range(min(len(doc), t.i + 1 + MAX_NAME), t.i + 1, -1):
            if any(i in covered or not doc[i].text[:1].isupper() for i in range(t.i + 1, e)) or (
                    e < len(doc) and doc[e].lower_ in cues().street_words):  # "West Palestine Avenue"
                continue
            if _division_of([c for c in gaz.lookup(doc[t.i + 1:e].text)], countries) and not any(
                    c.kind <= 1 for s in range(a, t.i + 1) for c in gaz.lookup(doc[s:e].text)):
                found.append((a, t.i + 1, e))
                break
    return found


def outlet_name(doc: Any, ent: Any) -> bool:
    """Is the entity `ent` a news outlet's name (see `_outlet`)?"""
    return ent.label_ in ("ORG", "WORK_OF_ART") and _outlet(doc, ent, ent.start)


def _outlet(doc: Any, ent: Any, first: int) -> bool:
    """Is the organisation `ent` (its name from `first`) a news outlet: has it an outlet word
    ("the Texas Tribune", "New York Daily News", "Kyiv Post"; knowledge/data/place_cues.yaml)?"""
    outlets = cues().outlet_words
    toks = list(doc[first:ent.end]) + ([doc[ent.end]] if ent.end < len(doc) and doc[ent.end].text[:1].isupper() else [])
    return any(part in outlets for t in toks for part in t.lower_.replace("–", "-").split("-"))


def _first_name_token(doc: Any, ent: Any) -> int:
    """Where an institution's own name starts: after "the", titles ("Former Dover Mayor") and a
    sentence's first function word."""
    i = ent.start
    while i < ent.end - 1 and (doc[i].lower_ in DETERMINERS | local_words().title_prefixes
                               or (doc[i].is_sent_start and doc[i].is_stop)):  # "But Dover Mayor"
        i += 1
    return i


def _lower_follower(doc: Any, a: int, b: int) -> bool:
    """'Federal police', 'Metro police' at a sentence's start: a capitalised word, not a name."""
    return doc[a].is_sent_start and b < len(doc) and doc[b].text.islower()


def _backed(doc: Any, a: int, b: int, cands: tuple[Candidate, ...], opening: tuple[str, str] | None) -> bool:
    """Does the document back a place named by doc[a:b] before the town words `opening`?"""
    sup = _support(doc)
    if {c.id for c in cands} & sup.ids or sup.elsewhere(doc, a, b):
        return True
    w, head = opening or ("", "")
    if w in local_words().school_words or head in local_words().school_words or _lower_follower(doc, a, b):
        return False
    if (w in local_words().tied_words or (w in local_words().tied_pairs and head in local_words().tied_words | {"council"})) and any(
            c.kind == 0 for c in cands if _weak(c)):
        return True
    own = set(name_keys(doc[a:b].text))
    return any((c.country, c.admin1_code) in sup.admin1s_without(own) for c in cands if _weak(c) or strong(c))


@dataclass
class _Support:
    """The document's place mentions as the NER and the gazetteer ruler saw them."""

    ids: set[int] = field(default_factory=set)  # their candidates
    anchors: list[tuple[frozenset[str], tuple[str, str]]] = field(default_factory=list)  # name -> division
    place_tokens: set[int] = field(default_factory=set)
    name_tokens: set[int] = field(default_factory=set)  # inside ORG/PERSON/... spans

    def admin1s_without(self, keys: set[str]) -> set[tuple[str, str]]:
        return {a for k, a in self.anchors if not k & keys}

    def elsewhere(self, doc: Any, a: int, b: int) -> bool:
        """The same words elsewhere as a place, bare (a dateline, "Highway 29, Millbrook") or
        before a word that ties them to a town ("Millbrook Police")."""
        want = [t.lower_ for t in doc[a:b]]
        size = b - a
        for s in range(len(doc) - size + 1):
            if a - size < s < b or [t.lower_ for t in doc[s:s + size]] != want:
                continue
            if s in self.place_tokens:
                return True
            nxt = doc[s + size].lower_ if s + size < len(doc) else ""
            if doc[s].text[:1].isupper() and nxt in local_words().tied_words and doc[s + size].text[:1].isupper():
                return True  # "Millbrook Police" elsewhere backs "the Millbrook Senior Center"
            if not doc[s].text[:1].isupper() or doc[s].is_sent_start:
                continue  # "her", or a capital any sentence's first word has
            if s not in self.name_tokens and nxt not in local_words().institution_or_town and nxt not in ("'s", "’s"):
                return True
        return False


_MEMO = threading.local()


def _support(doc: Any) -> _Support:
    memo = getattr(_MEMO, "last", None)
    if memo is not None and memo[0] is doc:
        return memo[1]
    gaz = get_gazetteer()
    sup = _Support()
    spans = [e for e in doc.ents if e.label_ in PLACE_LABELS]
    st = getattr(doc._, "wb", None)
    for k in (st.known if st is not None else []):
        if k.origin == "gazetteer":
            span = doc.char_span(k.start, k.end, alignment_mode="expand")
            if span is not None:
                spans.append(span)
    for e in doc.ents:
        if e.label_ in NAME_LABELS:
            sup.name_tokens.update(range(e.start, e.end))
    seen: set[str] = set()
    for span in spans:
        sup.place_tokens.update(range(span.start, span.end))
        text = span.text.removeprefix("the ").removeprefix("The ").strip()
        cands = gaz.lookup(text)
        sup.ids.update(c.id for c in cands)
        keys = frozenset(name_keys(text))
        if not cands or keys & seen:
            continue
        seen |= keys
        regions = [c for c in cands if c.feature == "region" and (c.kind <= 1 or c.kind == 4)]
        towns = [c for c in cands if c.kind <= 1 and c.feature in ("city", "village", "district")]
        for c in regions or ([max(towns, key=lambda c: c.population)] if towns else []):
            if c.country and c.admin1_code:
                sup.anchors.append((keys, (c.country, c.admin1_code)))
    _MEMO.last = (doc, sup)
    return sup


def hyphen_partners(doc: Any, places: list[tuple[int, int]], stop: StopLists) -> list[tuple[int, int]]:
    """Token spans of the names joined by a hyphen or en dash to a place mention (`places`):
    "Henry County" in "the Paris-Henry County Arts Council", "Lincoln" in "the University of
    Nebraska-Lincoln", "Syria" in "the Lebanon-Syria Treaty". The partner is a place when it
    lies in the same first-level division as the place beside it, or both are countries; a
    country is one beside an organisation's own name too ("the NATO-Russia Council"; not
    "France" in "Agence France-Presse", one name)."""
    gaz = get_gazetteer()
    covered = {i for a, b in places for i in range(a, b)}
    place_at = {i: (a, b) for a, b in places for i in range(a, b)}
    name_at = {i: e for e in doc.ents if e.label_ in NAME_LABELS for i in range(e.start, e.end)}
    found: list[tuple[int, int]] = []
    for h in range(1, len(doc) - 1):
        if doc[h].text not in ("-", "–") or doc[h - 1].whitespace_ or doc[h].whitespace_:
            continue
        for near, spans in ((h - 1, [(h + 1, e) for e in range(min(len(doc), h + 1 + MAX_NAME), h + 1, -1)]),
                            (h + 1, [(s, h) for s in range(max(0, h - MAX_NAME), h)])):
            other = place_at.get(near)
            # beside a name of its own ("NATO-Russia"), not inside one ("Agence France-Presse")
            ent = name_at.get(near)
            named = ent is not None and not ent.start <= h < ent.end
            for a, b in spans:
                if any(i in covered or not doc[i].text[:1].isupper() or doc[i].lower_ in DETERMINERS
                       or doc[i].text in ("-", "–") for i in range(a, b)):
                    continue
                if _partner(gaz, doc[a:b].text, doc[other[0]:other[1]].text if other else None, named, stop,
                            doc[a], b - a):
                    found.append((a, b))
                    covered.update(range(a, b))
                    break
    return found


def _partner(gaz: Any, text: str, other: str | None, named: bool, stop: StopLists, tok: Any, size: int) -> bool:
    """Is `text`, joined by a hyphen to the place named `other` (None: not a place; `named`: an
    organisation's name of its own), one too?"""
    keys = name_keys(text)
    if not keys or any(k in stop.demonyms for k in keys) or _never(tok, size):
        return False
    cands = [c for c in gaz.lookup(text) if c.kind <= 1]
    if named and any(c.feature == "country" for c in cands) and not any(k in stop.words for k in keys):
        return True
    if other is None:
        return False
    near = gaz.lookup(other.removeprefix("the ").removeprefix("The "))
    if any(c.feature == "country" for c in cands) and any(o.feature == "country" and o.kind <= 1 for o in near):
        return True
    divisions = {(o.country, o.admin1_code) for o in near if o.kind <= 1 and o.admin1_code}
    return any((c.country, c.admin1_code) in divisions for c in cands
               if c.feature in ("city", "village", "district", "region") and c.admin1_code)
