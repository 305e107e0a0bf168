"""When an NER place is not a place: surnames, speakers and streets (used by `places.Places`).

The small English model types many surnames as places ("Clark said", "Taylor's wife",
"Officer Bell") and a street as its namesake town ("East Washington Street", "Harrison
streets"). Such a span put on the map is wrong twice: the person lands in a town of the same
name, and that town votes for its state in the document's context, pulling the real places
away. `Overrule.check(doc, ent)` says what the span is instead ("PERSON", "FAC") and why, or
None; the places stage then relabels the span so the entities stage types it right (a surname
links to the person named in full).

A span is never overruled (unless its own last word makes it a street) when one of its places is a country or first-level division, or a
city of at least `big_city` people ("Moscow said", "Georgia's president", "Washington said"),
or when a preposition of place comes right before it ("in Clark"). The cue words are data:
knowledge/data/place_cues.yaml.
"""

from __future__ import annotations

from typing import Any

from ...geo import km as km_pt
from ...knowledge.gazetteer import Gazetteer
from .cues import acronym, cues, strong

PARTNER_KM = 100.0  # 'Watertown-Mayer': a hyphened partner this near is a place too

PLACE_PREPOSITIONS = {"in", "near", "outside", "around", "across", "into", "inside", "throughout", "of", "from",
                      "at", "to", "toward", "towards"}
NAME_CHARS = set("'’-.")
WAR_COUNTRIES = ("UA", "RU")
EARNED_ROLES = ("region", "district", "near", "direction")
LIST_JOINERS = {",", "and", "or"}
ALTERNATE_ALONE_POP = 100_000  # below this, an alternate name alone does not place a name


def _word(tok: Any) -> str:
    return tok.lower_.rstrip(".")


def _name_like(tok: Any) -> bool:
    t = tok.text
    return t[:1].isupper() and all(ch.isalpha() or ch in NAME_CHARS for ch in t)


class Overrule:
    """One per document (cheap: the cue words are read once per process): `relabel` the NER's
    false places, `mistyped` for the NER's missed ones; `check` says why a span is not a place."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cues = cues()
        self._people: tuple[Any, frozenset[str]] | None = None  # (doc, its surnames)

    def people(self, doc: Any) -> frozenset[str]:
        """`surnames(doc)`, once per document (relabel and mistyped both need them; relabelling
        one-word places as PERSON does not change them)."""
        if self._people is None or self._people[0] is not doc:
            self._people = (doc, self.surnames(doc))
        return self._people[1]

    def surnames(self, doc: Any) -> frozenset[str]:
        """Surnames of the people the NER names in full ("Henry Farrin" -> Farrin). Not from a
        span that is a place's name or looks like one: "Greer Station", "Lake Park", or a span
        starting with a name the NER calls a place elsewhere in the text ("Lawrenceburg Parks")."""
        out: set[str] = set()
        placed = {t.text for e in doc.ents if e.label_ in ("GPE", "LOC") for t in e}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or not 2 <= len(ent) <= 3 or not all(_name_like(t) for t in ent):
                continue
            if ent[-1].lower_ in self.cues.place_heads or ent[0].lower_ in self.cues.place_heads \
                    or ent[0].text in placed or self.gaz.has_name(ent.text):
                continue
            out.add(ent[-1].text)
        return frozenset(out)

    def relabel(self, doc: Any) -> set[int]:
        """Relabel the NER's places that are surnames, speakers or streets as PERSON or FAC, so
        that the entities stage types them right; -> their tokens."""
        from spacy.tokens import Span

        people = self.people(doc)
        ents, out = list(doc.ents), set[int]()
        for n, ent in enumerate(ents):
            if ent.label_ not in ("GPE", "LOC"):
                continue
            hit = self.check(doc, ent, people)
            if hit is not None:
                ents[n] = Span(doc, ent.start, ent.end, label=hit[0])
                out.update(range(ent.start, ent.end))
        if out:
            doc.ents = ents
        return out

    def _protected(self, text: str) -> bool:
        """Is one of the places of `text` a country, a first-level division or a big city?"""
        return any(c.kind <= 1 and (c.feature in ("country", "region") or c.population >= self.cues.big_city)
                   for c in self.gaz.lookup(text))

    def _divisions_after(self, doc: Any, i: int) -> list[Any]:
        """The countries and first-level divisions (own name, variant or dotted abbreviation)
        named right after a comma at token `i` ("Reston, Virginia", "Babatngon, Leyte")."""
        if i + 1 >= len(doc) or doc[i].text != ",":
            return []
        return [o for j in range(min(len(doc), i + 4), i + 1, -1) for o in self.gaz.lookup(doc[i + 1:j].text)
                if (o.kind <= 1 or o.kind == 4) and o.feature in ("country", "region")]

    def placed(self, doc: Any, i: int) -> bool:
        """Is token `i` a comma followed by a country or first-level division?"""
        return bool(self._divisions_after(doc, i))

    def check(self, doc: Any, ent: Any, people: frozenset[str]) -> tuple[str, str] | None:
        """("PERSON" | "FAC", why) when the span `ent` is not a place, else None."""
        text = ent.text
        low = text.lower()
        c = self.cues
        if any(low == h or low.startswith(h + " ") for h in c.road_heads):
            return "FAC", "a road, not a settlement"
        last = ent[-1]
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if self._brand(doc, ent):
            return "ORG", f"the head of a hyphened name ('{doc[ent.start:ent.end + 2].text}')"
        if len(ent) > 1 and _word(last) in c.street_words and last.text[:1].isupper():
            return "FAC", f"a street ('{text}'), not a settlement"
        protected = self._protected(text)
        if not protected and nxt is not None and _word(nxt) in c.street_words and (
                nxt.text[:1].isupper() or nxt.lower_.endswith("s") and len(nxt.text) > 3):
            return "FAC", f"part of a street name ('{text} {nxt.text}')"
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.lower_ in PLACE_PREPOSITIONS or self.placed(doc, ent.end):
            return None
        if protected:
            return self._speaker(doc, ent, prev, nxt)
        if prev is not None and _word(prev) in c.person_titles and prev.text[:1].isupper():
            return "PERSON", f"a title ('{prev.text}') comes before it"
        if len(ent) == 1 and text in people:
            return "PERSON", f"'{text}' is part of a person's name in this document"
        if nxt is not None and nxt.text in ("'s", "’s", "'", "’") and ent.end + 1 < len(doc):
            after = doc[ent.end + 1: min(len(doc), ent.end + 3)]
            if any(t.lower_ in c.person_nouns for t in after):
                return "PERSON", "what follows belongs to a person"
        return self._speaker(doc, ent, prev, nxt)

    def _brand(self, doc: Any, ent: Any) -> bool:
        """'Wal' in 'Wal-Mart', 'Mercedes' in 'Mercedes-Benz': one word joined without spaces by
        a hyphen to capitalised words that name no strong place (places.nested.strong) and no place
        near one of its own, the whole no place either ('Rostov-on-Don', 'Kyiv-Moscow',
        'Paris-Henry County', 'Watertown-Mayer' stay places)."""
        e = ent.end
        if len(ent) != 1 or e + 1 >= len(doc) or doc[e].text not in ("-", "–") or ent[-1].whitespace_ \
                or doc[e].whitespace_ or not (doc[e + 1].text[:1].isupper() and doc[e + 1].text[1:].islower()):
            return False  # not 'Watertown-ML' (a school's initials)
        f = e + 1  # the capitalised run after the hyphen: 'Henry County' in 'Paris-Henry County Arts'
        while f < min(len(doc), e + 4) and doc[f].text[:1].isupper():
            f += 1
        heads = self.gaz.lookup(ent.text)
        if any(h.kind <= 1 and (h.feature in ("country", "region", "other") or h.population >= 100_000) for h in heads):
            return False  # 'Asia-Pacific', 'Moscow-backed': a big place heads no brand
        for k in range(f, e + 1, -1):
            for c in self.gaz.lookup(doc[e + 1:k].text):
                if strong(c) or any(c.country == h.country and km_pt(c.lat, c.lon, h.lat, h.lon) <= PARTNER_KM
                                    for h in heads):
                    return False  # 'Kyiv-Moscow', 'Watertown-Mayer' (two Minnesota towns)
        return not self.gaz.lookup(doc[ent.start:e + 2].text)

    def _speaker(self, doc: Any, ent: Any, prev: Any, nxt: Any) -> tuple[str, str] | None:
        """"Nelson said", "..., said Taylor.": a person, unless the name is a country or a big
        place that speaks for its government ("Kharkiv said"); a small division does not."""
        c = self.cues
        if nxt is not None and nxt.lower_ in c.say_verbs:
            verb = nxt
        elif (prev is not None and prev.lower_ in c.say_verbs and (nxt is None or nxt.is_punct)
              and ent.start >= 2 and doc[ent.start - 2].is_punct):
            verb = prev
        else:
            return None
        if any(x.kind <= 1 and (x.feature == "country" or x.population >= c.big_city)
               for x in self.gaz.lookup(ent.text)):
            return None
        return "PERSON", f"it is the speaker of '{verb.text}'"

    # ------------------------------------------------------------------ the other way round
    def mistyped(self, doc: Any, place_tokens: set[int], taken: set[int]) -> list[tuple[int, int]]:
        """PERSON or ORG spans that their company shows to be places: 'Binh Phuoc, Vietnam' (a
        place of that name lies in the country or division after the comma), 'in Moonbi, Parkes,
        Berry and Wyong' (a gazetteer name listed with places). Not a speaker, a titled name or
        a surname (`check`), nor a span the knowledge base knows."""
        out: list[tuple[int, int]] = []
        people = self.people(doc)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG") or len(ent) > 3 or not all(_name_like(t) for t in ent):
                continue
            if any(i in place_tokens or i in taken for i in range(ent.start, ent.end)):
                continue
            cands = [c for c in self.gaz.lookup(ent.text) if c.kind <= 1 and c.feature != "country"]
            if not cands or self.check(doc, ent, people) is not None:
                continue
            if self._inside_next(doc, ent.end, cands) or (len(ent) == 1 and self._listed(doc, ent, place_tokens)):
                out.append((ent.start, ent.end))
        return out

    def _inside_next(self, doc: Any, i: int, cands: list[Any]) -> bool:
        return any(c.country == o.country and (o.feature == "country" or c.admin1_code == o.admin1_code)
                   for o in self._divisions_after(doc, i) for c in cands)

    @staticmethod
    def _listed(doc: Any, ent: Any, place_tokens: set[int]) -> bool:
        before = ent.start - 1
        after = ent.end
        left = before >= 1 and doc[before].lower_ in LIST_JOINERS and (before - 1) in place_tokens
        right = after + 1 < len(doc) and doc[after].lower_ in LIST_JOINERS and (after + 1) in place_tokens
        return left or right


def alternate_only(text: str, c: Any, ctx: Any, key: str) -> str | None:
    """Why the best place `c` of a name the text says nothing more about is left unresolved, or
    None. 'Bill' (a GeoNames alternate name of Biel/Bienne), 'FAO' (of Al Faw): a name that
    only an alternate name of a small place matches, or an acronym, with no other place of that
    country in the document, is more likely a word or a person than that place. Not in a war
    report, where the Russian-style spellings of Ukraine's villages are alternate names."""
    if c.kind != 2 or ctx.war:
        return None
    if not (text.isupper() and len(text) <= 5) and c.population >= ALTERNATE_ALONE_POP:
        return None
    if ctx.view(key).countries.get(c.country or "", 0):
        return None
    return (f"'{text}' is only an alternate name of {c.name} ({c.feature} in {c.country}), "
            f"and no other place in the text is in that country: left unresolved")


def _weak(c: Any, text: str, war: bool) -> bool:
    """In a war report, is `c` too slight a place for the bare name `text` to stand for without
    evidence? An acronym ('SIM', 'MoD') needs a place known by it (a curated variant or
    abbreviation) or a big one; any other name whose place lies outside Ukraine and Russia needs
    to be a country, a first-level division, a continent or sea, or a city of `earn_city`.
    Not in other news, whose capitalised datelines ('TORRINGTON —') and small towns the
    gazetteer ruler already weighs."""
    if not war:
        return False
    big = cues().earn_city
    if acronym(text):
        return not (c.kind in (1, 4) or (c.kind == 0 and (c.feature in ("country", "region") or c.population >= big))
                    or (c.kind == 0 and len(text) > 4 and c.country in WAR_COUNTRIES))
    if c.country in WAR_COUNTRIES or c.feature in ("country", "region", "other"):
        return False
    return not (c.kind <= 1 and c.population >= big)


def _evidence(doc: Any, m: Any, earned: set[int]) -> bool:
    """Does the text say `m` is a place: a place word before it ('in', 'near', 'struck', 'the
    village of', a person's 'of'), a
    division after its comma, a region or direction word, a relative location it fits, or a list it
    continues after an earned place ('in Ayr, Troon and Irvine')?"""
    if m.within is not None or m.role in EARNED_ROLES:
        return True
    if any(cue.fit(c) for cue in m.cues for c in m.cands):
        return True  # a place of the name lies where the text says
    j = m.start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j >= 0 and doc[j].lower_ in cues().earn_prepositions:
        return True
    if j >= 1 and doc[j].lower_ == "of" and (doc[j - 1].lower_ in cues().earn_nouns or doc[j - 1].ent_type_ == "PERSON"):
        return True  # "the villages of Ceamurlia de Jos", "Norb Mages of Lindsay"
    return j >= 1 and doc[j].lower_ in LIST_JOINERS and any(k in earned for k in (j - 1, j - 2))


def unearned(doc: Any, ms: list[Any], war: bool) -> list[Any]:
    """The mentions (in text order) that have not earned being places (see `_weak`): their
    every candidate is weak and the text gives no place evidence (`_evidence`). "Order of
    Battle", "Russian Air ...", "the Russian MoD", "SIM cards", "4th Tank Division" in a war
    report are no places; "in Ayr" still is one."""
    out, earned = [], set[int]()
    for m in ms:
        text = m.text.removeprefix("the ").removeprefix("The ")
        if m.cands and all(_weak(c, text, war) for c in m.cands) and not _evidence(doc, m, earned):
            out.append(m)
        else:
            earned.add(m.end - 1)
    return out
