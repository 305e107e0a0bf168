"""Stage `warbrief_places` (after the NER): resolve every place mention to a GeoNames place.

Mentions are the gazetteer ruler's spans and the NER's GPE/LOC/FAC spans (demonyms and stop
words aside), place names inside local institutions ("the Georgia Bureau of Investigation"),
joined by a hyphen to a place ("Paris-Henry County") or after compass words ("Northeast
Nebraska"; places.nested), and capitalised gazetteer names the NER missed or took for a
one-word person or organisation where only a place fits ("moved to Zanesville", "Augusta
native"; places.missed), other occurrences of a name the text places ("in Gainesville",
then "The Gainesville Riding Club"; places.missed.echo_spans), or that their company shows to be places ("Binh Phuoc, Vietnam", "Moonbi, Parkes and Wyong"). The NER's
places that are surnames, speakers or streets ("Clark said", "Officer Bell", "East Washington
Street") are relabelled PERSON or FAC first (places.filters); a street the NER calls a
facility is never the town inside its name ("Moss Side Avenue"). Each
gets a `PlaceMention` in `doc._.wb.places`; one that cannot be resolved gets `entity_id=None`
and a PlaceInfo saying why, and never affects the others.

Resolution scores every candidate of a mention (see `score`):
  population (log), how the name belongs to it (own name > variant > alternate/historical),
  feature (countries and divisions first; divisions when the text says "region", "Oblast" or
  lists "the Donetsk, Luhansk ... regions"), the document's countries (named countries, the
  countries of unambiguous places), a division named in the document or right after the name
  ("Paris, Texas"; "Lyman in Donetsk Oblast"), closeness to the other places, and a prior for
  Ukraine and Russia only when the document is about the war. A division after a comma
  ("Petrivka, Kharkiv", also closing "A-B, Luhansk" or "A and B, Sumy") rules out the namesakes
  outside it and the division's own capital, unless the name is also a big city elsewhere
  ("Kyiv, Kharkiv and Odesa"). In a war report, among settlements of one name, those near the
  front (front.py, data/war_front.yaml) at the document's date come first, villages most of all (their
  size says little about where fighting was), though never past a city of the name ("Makiivka"); an OSCE SMM report is a war report.
  "Bashtanskyi district", "Bashtanska hromada" resolve to the centre town the adjective is made
  from (names.adjective_centres). In a war report, relative locations ("Andriivka (northeast of
  Sumy City)"; places.relative) favour the namesakes on the stated side, and small places abroad
  and acronyms need place evidence (places.filters.unearned: "Order of Battle" is none).

The document context (places.context) is made of the *other* names, each counted once: a
name never votes for itself, and a candidate near a place of another name ("Richmond" beside
"Madison County") or a division holding the other names' picks ("Georgia" beside "Atlanta")
gains. Document-wide evidence is capped so that a crowd of local names cannot turn "Oregon"
into a village; evidence of the very spot (the division the text names, other names' places
near the candidate: Decatur, Georgia beside "Avondale Estates" and "DeKalb County") counts past
the cap unless the name is also a country's or division's, and so does a place the text names
otherwise by a name only it has ("Athens-Clarke County" for Athens, Georgia). A bare name beside
its county ("Kanawha" and "Kanawha County") is that county or a town near it
(places.lookup.county_short_forms). One other name's country counts half ("the document is about X" needs two names). The
capital of the country most other names lie in gains too ("Washington" in a US story is the
capital unless Seattle and Spokane say the state), and a name listed with divisions is one. A
name that heads local people or offices anywhere in the text ("the Jordan man", "Jordan
Elementary") is not the country of that name: countries take their demonym there. Three
passes: each uses the places the one before resolved. The winner's reason names
its deciding factors; runner-ups go to `PlaceInfo.alternatives`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...analysis import PlaceInfo
from ...knowledge.gazetteer import Candidate, Gazetteer, get_gazetteer, stop_lists
from ...knowledge.names import as_written, fold_exact, name_keys, slug
from ...knowledge.names import clean_mention as _clean
from ...lang.profiles import CYRILLIC
from ..state import PlaceMention
from .context import NEAR_FEATURES, Context, Neighbours, lists, mark_lists, support
from .cues import UsLocal, us_local
from .filters import Overrule, alternate_only, unearned
from .front import load_front
from .lists import after_comma, district_adjectives, division_lists
from .lookup import candidates, county_short_forms, share_divisions
from .missed import echo_spans, local_after, missed_spans
from .nested import compass_divisions, hyphen_partners, institution_spans, nested_spans
from .relative import Cue, carry, cue_evidence, find_cues
from .ruler import monitored, war_context
from .weights import weights

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# may contain a place name ("Fargo Police", "Kyiv Post", NORP "US soldier", "Russia officials")
NAME_LABELS = {"ORG", "FAC", "PERSON", "NORP", "WORK_OF_ART"}  # quotes make "Dublin Mayor X" a title
REGION_WORDS = {"region", "regions", "oblast", "oblasts", "province", "provinces", "krai", "governorate",
                "governorates", "state"}
DIRECTION_WORDS = {"direction", "directions", "axis", "sector", "front", "salient", "bridgehead"}
NEAR_BEFORE = ("near", "outskirts of", "vicinity of", "east of", "west of", "north of", "south of",
               "northeast of", "northwest of", "southeast of", "southwest of", "close to", "around",
               "outside", "outside of", "direction of", "km from", "kilometers from", "kilometres from",
               "approaches to")
MAX_ALTERNATIVES = 3
# "Bashtanskyi district", "Bashtanska hromada", "Znob-Novhorodske territorial community"
# how a division after a comma reaches back over a compound or list: "Molodizhne-Katerynivka,
# Luhansk", "Butkivka and Balakirevka, Luhansk"
PASSES = 3  # each pass sees the places the one before resolved
# the scoring weights are data: knowledge/data/place_weights.yaml (places.weights)


@dataclass
class _Mention:
    start: int  # token offsets
    end: int
    text: str
    start_char: int
    end_char: int
    role: str | None = None
    list_suffix: str = ""  # " County" for a name in "Barrow and Jackson counties"
    centre: bool = False  # "Bashtanskyi district": the candidates are its centre town's namesakes
    cands: tuple[Candidate, ...] = ()
    within: Candidate | None = None  # "Paris, Texas" -> Texas
    within_keys: tuple[str, ...] = ()  # the name keys of the containing division's mention
    within_hard: bool = False  # rule out places outside `within` (not for "Kyiv, Kharkiv and Odesa")
    best: Candidate | None = None
    scored: list[tuple[float, Candidate, list[str]]] = field(default_factory=list)
    unresolved: str | None = None  # why a name with candidates is left without a place
    listed_as: str | None = None  # what most other names of its list resolved to: country or region
    local: bool = False  # a mention of its name heads local people or offices ("Jordan man", "Jordan Elementary")
    cues: list[Cue] = field(default_factory=list)  # where the text says it lies ("(northeast of Sumy City)")

    _key: tuple[tuple[Candidate, ...], str] | None = None

    @property
    def key(self) -> str:
        """The name as the document's context counts it: mentions with the same places are one
        name ("NEWARK" and "Newark", "Georgia" and "north Georgia")."""
        if self._key is None or self._key[0] is not self.cands:
            k = (",".join(sorted(str(c.id) for c in self.cands)) if self.cands
                 else fold_exact(_clean(self.text) + self.list_suffix))
            self._key = (self.cands, k)
        return self._key[1]


def _inside(c: Candidate, o: Candidate) -> bool:
    """Is place `c` inside the division or country `o`?"""
    if c.country != o.country or c.id == o.id:
        return False
    return o.feature == "country" or (o.feature == "region" and c.admin1_code == o.admin1_code)


def _capital_keys() -> dict[str, frozenset[str]]:
    """Country -> the name keys of its capital (actors/countries.yaml)."""
    from ...knowledge.actors import load_actors

    return {cc: frozenset(name_keys(c.capital)) for cc, c in load_actors().countries.items() if c.capital}


def place_ids(picks: list[Candidate]) -> dict[int, str]:
    """The entity id of each picked place: its GeoNames id, else "local:<name>" like any
    unknown name, and, when two different places without a GeoNames id share a name in the
    document, the name and point ("local:pavlivka+47.600+35.510"), so that they stay two."""
    seen: dict[str, set[int]] = {}
    for c in picks:
        if not c.entity_id:
            seen.setdefault(slug(c.name), set()).add(c.id)
    out = {}
    for c in picks:
        key = slug(c.name)
        out[c.id] = c.entity_id or (f"local:{key}{c.lat:+.3f}{c.lon:+.3f}" if len(seen[key]) > 1 else f"local:{key}")
    return out


class Places:
    def __init__(self) -> None:
        self.stop = stop_lists()
        self.front = load_front()
        self.capitals = _capital_keys()
        self.w = weights()

    def front_km(self, c: Candidate, when: date | None = None) -> float:
        """Distance (km) from a place to the front line at `when` (front.Front.km)."""
        return self.front.km(c.id, c.lat, c.lon, when)

    # ------------------------------------------------------------------ mentions
    def mentions(self, doc: Any) -> list[_Mention]:
        st = doc._.wb
        out: dict[tuple[int, int], _Mention] = {}
        gaz_chars = {(k.start, k.end) for k in st.known if k.origin == "gazetteer"}
        rule = Overrule(get_gazetteer())
        overruled = rule.relabel(doc)  # surnames, speakers, streets: PERSON or FAC
        for ent in doc.ents:
            if ent.label_ not in PLACE_LABELS and (ent.start_char, ent.end_char) not in gaz_chars:
                continue
            keys = name_keys(_clean(ent.text))
            if not keys or any(k in self.stop.demonyms for k in keys) or ent.start in overruled:
                continue
            out[(ent.start_char, ent.end_char)] = _Mention(ent.start, ent.end, ent.text, ent.start_char,
                                                           ent.end_char)
        if doc.lang_ in CYRILLIC:  # the English finders below read English words (places.cyrillic)
            return sorted(out.values(), key=lambda m: m.start)
        for m in [*self.division_lists(doc), *self.district_adjectives(doc)]:
            for key in [k for k in out if k[0] < m.end_char and m.start_char < k[1]]:
                del out[key]
            out[(m.start_char, m.end_char)] = m
        covered = {i for m in out.values() for i in range(m.start, m.end)} | overruled
        kb = {t.i for k in st.known if k.kb_id for t in doc.char_span(k.start, k.end, alignment_mode="expand") or ()}
        for a, b in rule.mistyped(doc, covered, kb):
            out[(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))] = _Mention(a, b, doc[a:b].text, doc[a].idx,
                                                                         doc[b - 1].idx + len(doc[b - 1]))
        covered = {i for m in out.values() for i in range(m.start, m.end)} | overruled
        # a known organisation or person named like a town is not that town ('the White House
        # said' is not White House, Tennessee); a place opening its name still is ('the U.S. ...')
        actors = {(k.start, k.end) for k in st.known if k.kb_id and k.kb_id.startswith(("org:", "person:"))}
        # US local news heuristics (place_profile_us_local.yaml): not for a report of the war
        profile = None if war_context(doc.text) or monitored(doc.text) else us_local()
        for ent in institution_spans(doc, profile):  # the NER's and bare runs ('Dover Mayor')
            if ent.label_ in NAME_LABELS and (ent.start_char, ent.end_char) not in out:
                for m in self.nested(doc, ent, profile):
                    if not any(i in covered for i in range(m.start, m.end)) and (m.start_char, m.end_char) not in actors:
                        out[(m.start_char, m.end_char)] = m
        spans = [(m.start, m.end) for m in out.values()]
        joined = [(a, a, b) for a, b in hyphen_partners(doc, spans, self.stop)]  # 'Paris-Henry County'
        if profile is not None and profile.compass_divisions:
            joined += compass_divisions(doc, spans)  # 'Northeast Nebraska'
        leads = {i for lead, a, _ in joined for i in range(lead, a)}  # not 'Northeast' (North East, PA)
        out = {k: m for k, m in out.items() if m.start not in leads}
        for _, a, b in joined:
            span = doc[a:b]
            out[(span.start_char, span.end_char)] = _Mention(a, b, span.text, span.start_char, span.end_char)
        covered = {i for m in out.values() for i in range(m.start, m.end)} | overruled
        for m in self.missed(doc, covered):
            out[(m.start_char, m.end_char)] = m
        ner = {(e.start, e.end) for e in doc.ents if e.label_ in ("GPE", "LOC")}
        named = [(m.start, m.end) for m in out.values() if (m.start_char, m.end_char) in gaz_chars or (m.start, m.end) in ner]
        covered = {i for m in out.values() for i in range(m.start, m.end)} | overruled
        for a, b in echo_spans(doc, named, covered, rule.people(doc), self.stop, rule.placed):
            span = doc[a:b]  # 'The Gainesville Riding Club' in a text about Gainesville
            out[(span.start_char, span.end_char)] = _Mention(a, b, span.text, span.start_char, span.end_char)
        return sorted(out.values(), key=lambda m: m.start)

    def missed(self, doc: Any, covered: set[int]) -> list[_Mention]:
        """Names the NER missed or mistyped where only a place fits (places.missed)."""
        return [_Mention(a, b, doc[a:b].text, doc[a:b].start_char, doc[a:b].end_char, role=role)
                for a, b, role in missed_spans(doc, covered, self.stop)]

    @staticmethod
    def division_lists(doc: Any) -> list[_Mention]:
        """'in Becker, Clay, Douglas and Wilkin counties': each name a division (places.lists)."""
        return [_Mention(a, b, doc[a:b].text, doc[a:b].start_char, doc[a:b].end_char, role=role, list_suffix=suffix)
                for a, b, role, suffix in division_lists(doc)]

    @staticmethod
    def district_adjectives(doc: Any) -> list[_Mention]:
        """'the Bashtanskyi district': a district named after its centre town (places.lists)."""
        return [_Mention(a, b, doc[a:b].text, doc[a:b].start_char, doc[a:b].end_char, role="district", centre=True)
                for a, b in district_adjectives(doc)]

    def nested(self, doc: Any, ent: Any, profile: UsLocal | None) -> list[_Mention]:
        """Place names inside an organisation, facility or mis-typed person span: 'Fargo' in
        'Fargo Police', 'Minnesota' in 'the Minnesota Department of Transportation' (places.nested)."""
        return [_Mention(a, b, doc[a:b].text, doc[a].idx, doc[b - 1].idx + len(doc[b - 1]),
                         role="region" if b < len(doc) and doc[b].lower_ in ("regional", "oblast") else "in-name")
                for a, b in nested_spans(doc, ent, self.stop, profile)]  # "the Kharkiv Regional ...": the oblast

    def _role(self, doc: Any, m: _Mention, spans: dict[int, _Mention]) -> str | None:
        low = m.text.lower()
        if any(low.endswith(" " + w) for w in REGION_WORDS):
            return "region"
        nxt = doc[m.end].lower_ if m.end < len(doc) else ""
        if nxt in DIRECTION_WORDS:
            return "direction"
        if nxt in REGION_WORDS:
            return "region"
        if self._in_region_list(doc, m, spans):
            return "region"
        before = doc[max(0, m.start - 3):m.start].text.lower()
        before = before.removesuffix(" the").strip()
        if any(before.endswith(p) for p in NEAR_BEFORE):
            return "near"
        return None

    @staticmethod
    def _in_region_list(doc: Any, m: _Mention, spans: dict[int, _Mention]) -> bool:
        """'the Donetsk, Luhansk, Zaporizhzhia and Kherson regions': walk the list to its noun."""
        i = m.end
        while i < len(doc):
            tok = doc[i]
            if tok.lower_ in (",", "and", "or", "&"):
                i += 1
            elif i in spans:
                i = spans[i].end
            else:
                return tok.lower_ in REGION_WORDS and tok.lower_.endswith("s")
        return False

    # ------------------------------------------------------------------ scoring
    def score(self, m: _Mention, c: Candidate, ctx: Context) -> tuple[float, list[str]]:
        """Higher is better. Prior (population, name kind, feature) + textual evidence (region
        words, "X, Y", relative locations) + the war + document context, the last capped (see
        knowledge/data/place_weights.yaml) so that a crowd of local names cannot turn "Iran" into
        a Texas village."""
        why: list[str] = []
        s = self._prior(m, c, ctx, why)
        s = self._said(m, c, ctx, s, why)
        s = self._war(m, c, ctx, s, why)
        return s + self._context(m, c, ctx, why), why

    def _prior(self, m: _Mention, c: Candidate, ctx: Context, why: list[str]) -> float:
        """Size, how the name belongs to the place, and its kind."""
        w = self.w
        size = math.log10(c.population + 1)
        if ctx.war and c.country in ("UA", "RU") and c.feature == "village" and not m.centre:  # below a town
            size = w.town_size - w.war_village_pop_weight / w.population_weight * (w.town_size - min(size, w.town_size))
        s = size * w.population_weight
        s += w.kind.get(c.kind, w.kind_other) + (w.approximate_point if c.approximate else 0.0)
        if c.kind <= 1 or c.feature not in ("country", "region"):
            s += w.feature.get(c.feature, 0.0)  # not for "Uman", an old alternate name of Oman
        if c.kind == 2:
            why.append(f"'{m.text}' is one of its alternate names")
        if as_written(c.name, _clean(m.text), c.country if c.kind == 0 else None) or (
                c.kind == 1 and c.feature != "country"):
            s += w.as_written  # its name as written, or a curated spelling of it ("Odessa" for Odesa)
        elif c.kind == 0:
            s += w.loose_own  # own name only after loose folding ("Iraan" for "Iran")
        if m.text.isupper() and len(m.text) <= 4 and not c.name.isupper() and c.kind not in (1, 4):
            s += w.acronym_miss  # "US" is not the village of Us
        return s

    def _said(self, m: _Mention, c: Candidate, ctx: Context, s: float, why: list[str]) -> float:
        """What the text says of this mention: region words, lists, "X, Y", relative locations."""
        w = self.w
        if m.centre:
            why.append(f"the centre of {_clean(m.text)}")
        elif m.role in ("region", "district"):
            if c.feature == m.role:
                s += w.role_match
                why.append(f"the text calls it a {m.role}")
            elif c.feature != "country":
                s += w.role_miss
        if m.local and c.feature == "country":
            s += w.local_country  # a country's people and offices take its demonym: "a Jordanian man"
        if self._home_capital(m, c, ctx):
            s += w.capital
            why.append(f"the capital of {ctx.country_name(c.country)}, the document's country")
        if m.listed_as is not None and c.feature == m.listed_as:
            s += w.listed
            why.append(f"listed with other {'countries' if c.feature == 'country' else 'divisions'}")
        if m.cues:
            bonus, said = cue_evidence(m.cues, c)
            if said:
                s += bonus
                why.insert(0, said)
        if m.within is not None:
            d = m.within
            if _inside(c, d) and c.id != d.id and not set(name_keys(c.name)) & set(m.within_keys):
                s += w.within
                why.append(f"the text places it in {d.name}")
                if c.kind >= 2 and any(o.kind == 0 and _inside(o, d) and o.population * 10 >= c.population
                                       for o in m.cands):
                    # in the division, a place of that very name beats one it once had; not a
                    # hamlet against a renamed town ("Pervomaisk, Luhansk" is Sokolohirsk)
                    s += w.within_alternate
            elif m.within_hard:
                s += w.within_miss  # "Oleksandrivka, Donetsk" is neither outside the oblast nor its capital
        return s

    def _war(self, m: _Mention, c: Candidate, ctx: Context, s: float, why: list[str]) -> float:
        """The front line and the war's countries; namesakes of big places elsewhere."""
        w = self.w
        if (ctx.war and c.country in ("UA", "RU") and c.feature in ("city", "village") and len(m.cands) > 1
                and m.role != "region" and not any(o.feature in ("country", "region") for o in m.cands)):
            # among settlements only: "Chechnya" is the republic, not a village near the front
            d, f = self.front_km(c, ctx.when), self.front
            if c.approximate:  # its point is its hromada's: it may lie this much nearer
                d = max(0.0, d - w.approximate_front_slack_km)
            if d < f.reach:
                s += f.bonus * (1 - d / f.reach)
                why.append(f"{d:.0f} km from the front line{' at the time' if ctx.when else ''}")
            if (c.feature == "village" and c.population < 10 ** w.town_size and d < f.village_reach
                    and not any(o.population >= w.city_size and o.kind <= 1 for o in m.cands)):
                # namesake villages: the one at the front; not against a city of the name ("Makiivka")
                s += f.village_bonus * (1 - d / f.village_reach)
        if c.kind == 0 and c.feature in ("city", "village") and any(
                o.feature == "region" and o.kind <= 2 and o.country == c.country and o.admin1_code == c.admin1_code
                for o in m.cands):
            s += w.division_town  # "New York": the city that gives its division its name
        if c.kind >= 2 and c.country in ("UA", "RU") and c.population < w.city_size and any(
                o.kind <= 1 and o.country not in ("UA", "RU") and (o.feature in ("country", "region")
                                                                   or o.population >= w.city_size)
                for o in m.cands):
            s += w.alternate_behind  # "New York" is the state or the city, not Niu-York by an alternate name
        if ctx.war and c.country in ("UA", "RU"):
            s += w.war_ukraine if c.country == "UA" else w.war_russia
            why.append("the document is about Russia's war on Ukraine")
        return s

    def _home_capital(self, m: _Mention, c: Candidate, ctx: Context) -> bool:
        """Is `c` the capital of the country most of the document's other names lie in?
        ("Washington" in a US story is the capital, not the state.)"""
        if c.feature != "city" or c.kind > 1 or not c.country or not set(name_keys(c.name)) & self.capitals.get(c.country, frozenset()):
            return False
        if any(o.country == c.country and o.feature == "city" and o.population > c.population and o.id != c.id
               and set(name_keys(o.name)) & set(name_keys(c.name)) for o in m.cands):
            return False  # the capital is the biggest city of its name in its country
        v = ctx.view(m.key)
        return v.total >= 2 and v.countries.get(c.country, 0) >= 0.5 * v.total

    def _context(self, m: _Mention, c: Candidate, ctx: Context, why: list[str]) -> float:
        """Document evidence for `c`; the same for every mention of one name, so computed once."""
        memo = ctx.memo.get((m.key, c.id))
        if memo is None:
            reasons: list[str] = []
            memo = ctx.memo[(m.key, c.id)] = (self._context_of(m, c, ctx, reasons), reasons)
        why.extend(memo[1])
        return memo[0]

    def _context_of(self, m: _Mention, c: Candidate, ctx: Context, why: list[str]) -> float:
        w = self.w
        b = 0.0  # evidence from the document at large: capped
        # evidence of this very spot (the division the text names, names of places near it)
        # counts past the cap, unless the name is also a country's or a division's ("Kansas")
        local = 0.0
        uncapped = not any(o.id != c.id and o.kind <= 1 and o.feature in ("country", "region") for o in m.cands)
        v = ctx.view(m.key)  # the other names' picks: a name never votes for itself
        cc_share = v.countries.get(c.country or "", 0) / v.total if c.country and v.total else 0.0
        if cc_share:
            # one other name is weak evidence of the document's country, unless a war report
            b += w.country_share * cc_share * (1.0 if ctx.war else min(1.0, v.total / w.country_quorum))
            if cc_share >= 0.3 and not ctx.war:
                why.append(f"the document is about {ctx.country_name(c.country)}")
        if c.country and (c.country, c.admin1_code) in ctx.admin1s and c.feature != "region":
            if uncapped:
                local += w.division_named
            else:
                b += w.division_named
            why.append(f"the document names its division ({ctx.admin1s[(c.country, c.admin1_code)]})")
        same_a1 = v.divisions.get((c.country, c.admin1_code), 0)
        if c.country and c.admin1_code and same_a1 > 0 and c.feature != "region":
            b += w.same_division * same_a1 / max(1.0, v.total)
        backing = ctx.support.get((c.country, c.admin1_code), set()) - {m.key}
        if c.country and c.admin1_code and backing and c.feature != "country" and c.kind <= 1:
            b += w.backing * min(len(backing), w.backing_max)
            why.append(f"other names in the text have places in {ctx.a1_name(c)} too")
        if ctx.near is not None and c.feature in NEAR_FEATURES:
            near = ctx.near.names_near(c, m.key)
            if near:
                if uncapped:
                    local += w.near * min(len(near), 2)
                else:
                    b += w.near * min(len(near), 2)
                why.append(f"near places named {', '.join(sorted(ctx.near.label(k) for k in near)[:2])}")
        if ctx.sure.get(c.id, m.key) != m.key and c.feature in NEAR_FEATURES:
            if uncapped:
                local += w.same_place
            else:
                b += w.same_place
            why.append(f"the text also calls it {ctx.near.label(ctx.sure[c.id]) if ctx.near else ctx.sure[c.id]}")
        if c.feature == "region" and c.country and v.total:
            inside = v.divisions.get((c.country, c.admin1_code), 0)
            if inside:
                b += w.region_holds * inside / v.total
                why.append(f"other places in the text lie in {c.name}")
        d = v.nearest_km(c) if c.feature in ("city", "village", "district") else math.inf
        if d < math.inf:
            if d < w.near_km:
                b += w.near_km_bonus
                why.append(f"{d:.0f} km from other places in the document")
            elif d < w.far_km:
                b += w.far_km_bonus
        cap = w.village_context_cap if c.feature == "village" else w.context_cap
        return local + min(b, cap) + w.beyond_cap * max(0.0, b - cap)  # at the cap, more evidence still wins a tie

    @staticmethod
    def certain(ms: list[_Mention]) -> list[tuple[str, Candidate]]:
        """What is certain before resolving: single-candidate names, named countries and divisions."""
        picks = []
        for m in ms:
            strong = [c for c in m.cands if c.kind <= 1]
            if len(m.cands) == 1:
                picks.append((m.key, m.cands[0]))
            elif len(strong) == 1 and strong[0].feature in ("country", "region"):
                picks.append((m.key, strong[0]))
        return picks

    def resolve(self, m: _Mention, ctx: Context) -> None:
        scored = []
        for c in m.cands:
            s, why = self.score(m, c, ctx)
            scored.append((s, c, why))
        scored.sort(key=lambda x: (-x[0], x[1].kind, -x[1].population, x[1].id))
        m.scored = scored
        m.best = scored[0][1] if scored else None
        free = m.within is None and m.role is None  # the text says nothing of where it is
        m.unresolved = alternate_only(_clean(m.text), m.best, ctx, m.key) if m.best and free else None
        if m.unresolved:
            m.best = None

    # ------------------------------------------------------------------ the stage
    def __call__(self, doc: Any) -> Any:
        st = doc._.wb
        gaz = get_gazetteer()
        ms = self.mentions(doc)
        if not ms:
            return doc
        by_start = {m.start: m for m in ms}
        for m in ms:
            m.role = m.role or self._role(doc, m, by_start)
            m.cands = candidates(doc, m, gaz, self.stop)
        county_short_forms(ms)  # 'DeKalb' beside 'DeKalb County'
        containers: set[str] = set()  # "Texas" in "Paris, Texas": the division, not a neighbour
        for m in ms:  # "Paris, Texas", "Pobieda, Donetsk": a containing division after a comma
            inner = [c for c in m.cands if c.feature not in ("region", "country")]
            for nxt in after_comma(doc, m.end, by_start):
                outer = [o for o in nxt.cands if o.feature in ("region", "country") and o.kind <= 4
                         and any(_inside(c, o) for c in inner)]
                if outer:
                    m.within = max(outer, key=lambda o: (o.kind in (0, 1, 4), o.population))
                    m.within_keys = name_keys(_clean(nxt.text))
                    containers.add(nxt.key)
                    m.within_hard = not any(c.kind <= 1 and c.population >= 50_000 and not _inside(c, m.within)
                                            for c in inner)
                    if nxt.role is None and m.within.feature == "region":
                        nxt.role = "region"
                    break
        war = Context.make(self.certain(ms), doc.text).war  # a guess of "Tin" cannot start a war
        if war:  # "Andriivka (northeast of Sumy City)": the text's own relative locations
            spans = [(m.start_char, m.end_char) for m in ms]
            found = carry([m.key for m in ms], spans, find_cues(doc.text, spans, gaz))
            for i, m in enumerate(ms):
                m.cues = found.get(i, [])
        ms = self._drop(doc, ms, unearned(doc, ms, war))  # "Order of Battle", "the Russian MoD"
        if not ms:
            return doc
        share_divisions(ms)  # 'Athens, Greece' ... 'Athens'
        names = {m.key: m.cands for m in ms}
        backing = support(names)
        near = Neighbours({k: cs for k, cs in names.items() if k not in containers}, {m.key: _clean(m.text) for m in ms})
        sure = {c.id: k for k, c in self.certain(ms) if len(names.get(k, ())) == 1}
        ctx = Context.make(self.certain(ms), doc.text)
        listed = lists(doc, ms)
        after = local_after()
        local = {m.key for m in ms if m.end < len(doc) and doc[m.end].lower_ in after}
        for m in ms:
            m.local = m.key in local
        for _ in range(PASSES):  # each pass sees the places the one before resolved
            ctx.support, ctx.near, ctx.gaz, ctx.war, ctx.sure = backing, near, gaz, war, sure
            ctx.when = st.published_dt.date() if st.published_dt else None
            mark_lists(listed)
            for m in ms:
                self.resolve(m, ctx)
            ctx = Context.make([(m.key, m.best) for m in ms if m.best is not None], doc.text)
        ids = place_ids([m.best for m in ms if m.best is not None])
        st.places = [self.to_mention(m, gaz, ids) for m in ms]
        return doc

    @staticmethod
    def _drop(doc: Any, ms: list[_Mention], gone: list[_Mention]) -> list[_Mention]:
        """Mentions that are no places after all: out of the places and out of the NER's places
        (so the entities stage does not make them places either)."""
        if not gone:
            return ms
        spans = {(m.start, m.end) for m in gone}
        doc.ents = [e for e in doc.ents if (e.start, e.end) not in spans or e.label_ not in PLACE_LABELS]
        return [m for m in ms if (m.start, m.end) not in spans]

    def to_mention(self, m: _Mention, gaz: Gazetteer, ids: dict[int, str]) -> PlaceMention:
        if m.best is None:
            reason = m.unresolved or f"no place named '{_clean(m.text)}' in the gazetteer"
            info = PlaceInfo(None, None, None, "other", None, None, reason)
            return PlaceMention(m.start_char, m.end_char, m.text, None, None, info, reason, m.role)
        c = m.best
        reason = self.reason(m)
        alts = [{"geonames_id": a.gid, "name": a.name, "lat": a.lat, "lon": a.lon, "country": a.country,
                 "admin1": self.admin1(a, gaz), "feature": a.feature, "score": round(s, 2)}
                for s, a, _ in m.scored[1:1 + MAX_ALTERNATIVES]]
        info = PlaceInfo(c.gid, round(c.lat, 5), round(c.lon, 5), c.feature, self.admin1(c, gaz), c.country,
                         reason, alts)
        return PlaceMention(m.start_char, m.end_char, m.text, ids[c.id], c.name, info, reason, m.role)

    @staticmethod
    def admin1(c: Candidate, gaz: Gazetteer) -> str | None:
        if c.feature == "country":
            return None
        return gaz.admin1_name(c.country, c.admin1_code)

    @staticmethod
    def reason(m: _Mention) -> str:
        s, c, why = m.scored[0]
        where = f"{c.feature} in {c.country}" if c.country else c.feature
        n = len(m.scored)
        if n == 1:
            head = f"only place named '{_clean(m.text)}' in the gazetteer ({where})"
        else:
            head = f"best of {n} places named '{_clean(m.text)}' ({where}, population {c.population:,})"
        if c.gid is None:
            head += f", known by name and point only (no GeoNames id{'; ' + c.note if c.note else ''})"
        return "; ".join([head, *why[:3]])


def create_places(nlp: Any, name: str):
    return Places()
