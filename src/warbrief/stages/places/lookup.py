"""A place mention's candidates from the gazetteer (used by `places.Places`).

The span's own name first ("Donetsk" + " Oblast" for a listed "Donetsk, Luhansk ... oblasts";
"Donetsk region" when the text calls it a region), then the centre town a district adjective is
made from ("Bashtanskyi district" -> Bashtanka), then the longest part of a longer span that is a
strong name ("Fargo City", "Northwest D.C."), never its compass words alone; of a river's,
lake's or valley's name only the whole name before its head word ("San Fernando Valley" is
near San Fernando; "Siverskyi Donets River" is not Siverskiy). A street is not
the town inside its name ("Moss Side Avenue" is not Moss, Norway; "Highland Avenue" is not
Highland, California), though a county's road lies in its county ("Douglas County Road 12").

Then, across the mentions: a bare county name beside its county ("Kanawha", "Kanawha County"),
and a name placed once in a division and again bare ("Athens, Greece" ... "Athens").
"""

from __future__ import annotations

from typing import Any

from ...geo import km as km_pt
from ...knowledge.gazetteer import Candidate, Gazetteer
from ...knowledge.names import adjective_centres, fold_exact, name_keys
from ...knowledge.names import clean_mention as _clean
from .cues import COMPASS, cues, strong
from .cyrillic import remembered

DISTRICT_WORDS = {"district", "raion", "rayon", "hromada", "community", "municipality"}
CENTRE_TAILS = DISTRICT_WORDS | {"territorial", "urban", "rural", "village", "settlement"}
COUNTY_WORDS = {"county", "parish", "borough", "township"}  # 'Douglas County Road' is the county's road
COUNTY_TAILS = {"county", "parish"}  # 'DeKalb County' makes a bare 'DeKalb' the county
COUNTY_REACH_KM = 40.0  # a town this near a county of its name may be what the bare name means


def candidates(doc: Any, m: Any, gaz: Gazetteer, stop: Any) -> tuple[Candidate, ...]:
    """The places mention `m` (a places._Mention) may name, in the order tried above."""
    form = remembered(doc, m.start_char, m.end_char)  # "Покровськом" -> Покровськ (places.cyrillic)
    text = form or _clean(m.text)
    cands = gaz.lookup(text + m.list_suffix) if m.list_suffix else ()
    cands = cands or gaz.lookup(text)
    if not cands and m.role == "region":
        cands = gaz.lookup(text + " region")
    if not cands and (m.centre or (form is not None and text.endswith((" hromada", " raion")))):
        cands = centre_candidates(text, gaz)
    if not cands and m.end - m.start > 1 and doc[m.end - 1].lower_ in cues().nature_heads:
        # "San Fernando Valley" is named after San Fernando; "the Siverskyi Donets River" is no
        # town Siverskiy: only the whole name before the head word may be a place
        return tuple(c for c in gaz.lookup(_clean(doc[m.start:m.end - 1].text)) if strong(c))
    if not cands and m.end - m.start > 1:
        cands = sub_lookup(doc, m.start, m.end, gaz, stop)
        if doc[m.end - 1].lower_ in cues().street_words:
            county = any(t.lower_ in COUNTY_WORDS for t in doc[m.start:m.end - 1])
            cands = tuple(c for c in cands if county and c.feature == "district")
    return cands


def centre_candidates(text: str, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """The settlements a district adjective may be named after ('Bashtanskyi' -> Bashtanka)."""
    words = text.split()
    while words and words[-1].lower() in CENTRE_TAILS:
        words.pop()
    if not words:
        return ()
    head, last = " ".join(words[:-1]), words[-1]
    seen: dict[int, Candidate] = {}
    for name in adjective_centres(last):
        for c in gaz.lookup(f"{head} {name}".strip()):
            if c.feature in ("city", "village") and c.kind <= 2:
                seen.setdefault(c.id, c)
    return tuple(seen.values())


def sub_lookup(doc: Any, start: int, end: int, gaz: Gazetteer, stop: Any) -> tuple[Candidate, ...]:
    """'Fargo City', 'Northwest D.C.': the longest part of the span that is a strong name (of
    equally long parts, the one with the most populous place)."""
    for size in range(end - start - 1, 0, -1):
        found: list[tuple[Candidate, ...]] = []
        for i in range(start, end - size + 1):
            text = doc[i:i + size].text
            keys = name_keys(_clean(text))
            if not keys or any(k in stop.words or k in stop.demonyms for k in keys):
                continue
            if all(t.lower_ in COMPASS or t.text in ("-", "–") for t in doc[i:i + size]):
                continue  # 'North-Western Sydney' is in Sydney, not Zambia's North-Western province
            cands = tuple(c for c in gaz.lookup(_clean(text)) if strong(c))
            if cands:
                found.append(cands)
        if found:
            return max(found, key=lambda cs: max(c.population for c in cs))
    return ()


def county_short_forms(ms: list[Any]) -> None:
    """'DeKalb' in a text that names 'DeKalb County' is that county ("unincorporated DeKalb",
    "DeKalb's commissioners"), or a town of the name near one of its namesake counties: the
    bare name takes the county mention's places and keeps only towns within COUNTY_REACH_KM of
    them, so both mentions resolve together. Not for a name that is also a country's or a
    division's ("Washington" beside "Washington County" may be the capital or the state)."""
    counties: dict[str, tuple[Candidate, ...]] = {}
    for m in ms:
        words = _clean(m.text).split()
        if len(words) > 1 and words[-1].lower() in COUNTY_TAILS:
            ds = tuple(c for c in m.cands if c.feature == "district")
            if ds:
                counties.setdefault(fold_exact(" ".join(words[:-1])), ds)
    if not counties:
        return
    for m in ms:
        found = counties.get(fold_exact(_clean(m.text)))
        if not found or m.list_suffix or any(c.kind <= 1 and c.feature in ("country", "region") for c in m.cands):
            continue
        ids = {d.id for d in found}
        towns = tuple(c for c in m.cands if c.id not in ids and any(
            c.country == d.country and km_pt(c.lat, c.lon, d.lat, d.lon) <= COUNTY_REACH_KM for d in found))
        m.cands = found + towns


def share_divisions(ms: list[Any]) -> None:
    """One sense per document: a name the text once places in a division ("Athens, Greece")
    is placed there wherever it recurs bare (mentions of one name share their candidates and
    so their key), unless its mentions name different divisions."""
    pins: dict[str, dict[int, Any]] = {}
    for m in ms:
        if m.within is not None:
            pins.setdefault(m.key, {})[m.within.id] = m
    for m in ms:
        found = pins.get(m.key)
        if m.within is None and found is not None and len(found) == 1:
            src = next(iter(found.values()))
            m.within, m.within_keys, m.within_hard = src.within, src.within_keys, src.within_hard
