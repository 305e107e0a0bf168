"""An event's arguments: actors and recipients and its place (casualties: events/casualties.py).

Actors come from the trigger's (or its support verb's) subject, a passive's "by" agent, a
nominal trigger's nationality adjective or possessor ("a Russian attack", "Russia's strike"),
or "between A and B". Recipients are direct objects and "against/at/on/with" objects that are
neither places nor weapons. Each party is an entity where the entities stage found one, with a
country from the entity, else from the country words of the actor knowledge base.

Places are read from the surface, where the small parser is least reliable: place mentions
joined only by commas and "and"/"or" form one group; a trailing region ("Pobieda, Donetsk") is a
qualifier, not a new place; the words before the group say how close the event was ("near",
"in the direction of" -> near; "in", "at" -> exact; "from" -> where fire came from; "coded to"
-> the place a note is coded to). A group belongs to the nearest trigger before it in the
sentence (else the first after it), and a list group gives one event per place, as ACLED codes
them. A place the gazetteer could not put on the map, or put outside the region named beside
it ("Pisky, Donetsk region" found only in Mykolaiv Oblast), gives way to that region.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from ...analysis import Party
from ...geo import km_or_none
from ..state import DocState
from .actors import actor_or_none, clean_name, other_line, outside_brackets
from .lexicon import Lexicon
from .triggers import Trigger, addressee, demanded_clause, inherited_subject, subject_of

PARTY_MOD_DEPS = {"amod", "compound", "poss", "nmod", "case"}
SYMMETRIC = {"clash", "talks", "agreement", "cooperation", "visit", "call", "mediation"}
MUTUAL = {"clash"}  # "A clashed with B": both are actors, as in ACLED's battles
RECIPIENT_PREPS = {"against", "at", "on", "upon", "with", "to", "toward", "towards"}
REGION_WORDS = {"region", "oblast", "province", "krai", "republic", "district", "raion", "county"}
NOT_PARTY_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY"}
CODED_TO = re.compile(r"\bcoded\s+to\s+(?:the\s+)?$", re.I)  # "(coded to Bashtanka, Mykolaiv)"
NOT_CODED = re.compile(r"\b(?:fatalit\w*|casualt\w*|deaths?)\s+(?:\w+\s+)?coded\s+to\s+(?:the\s+)?$", re.I)
SITE_NOUNS = {"city", "town", "village", "settlement", "community", "hromada", "district", "raion", "region",
              "oblast", "province", "area", "outskirts", "direction", "axis", "front", "suburb", "suburbs",
              "vicinity", "border", "borderland", "line", "sector", "neighbourhood", "neighborhood"}
NEAR_LINK = re.compile(r"^\s*,?\s*(?:near|outside|close\s+to|not\s+far\s+from)\s+(?:the\s+)?$", re.I)
JOIN = re.compile(r"^\s*(?:(?:district|raion|hromada|region|oblast|territorial community|village|town|city|"
                  r"settlement)\s*(?=,))?"
                  r"(?:,|,?\s*(?:and|or|&))?\s*(?:the\s+)?$", re.I)
# JOIN and NEAR_LINK backtrack quadratically over a long run of whitespace; no link between two
# places is longer than this ("territorial community, and the ")
MAX_LINK = 80


@dataclass
class PlaceCand:
    """A place mention in a sentence, with what the places stage made of it."""

    start: int
    end: int
    tok: int  # first token index
    tok_end: int
    text: str
    entity_id: str | None
    name: str
    country: str | None = None
    feature: str | None = None
    admin1: str | None = None
    role: str | None = None  # the places stage's role ("near", "direction", "region")
    mappable: bool = True  # the entity has coordinates
    lat: float | None = None
    lon: float | None = None


@dataclass
class PlaceGroup:
    """Place mentions joined by commas/and/or: `items` are the event places, the rest qualify them."""

    items: list[PlaceCand]
    precision: str  # "near" | "exact" | "origin" | "coded" | "object" | "mention"
    cue: str  # the words that set the precision
    first_tok: int
    has_conj: bool = False
    qualifiers: list[PlaceCand] = field(default_factory=list)
    locator: PlaceCand | None = None  # "the Feldman Ecopark near Lisne": the town the place is near


# ------------------------------------------------------------------ parties
def party_tokens(noun: Any) -> list[Any]:
    """The noun phrase naming a party: the noun and its left modifiers, without determiners."""
    toks = [noun]
    stack = [c for c in noun.lefts if c.dep_ in PARTY_MOD_DEPS]
    while stack:
        c = stack.pop()
        toks.append(c)
        stack.extend(x for x in c.lefts if x.dep_ in PARTY_MOD_DEPS)
        stack.extend(x for x in c.children if x.dep_ in ("case", "cc", "conj") and x.i < noun.i)
    idx = {x.i for x in toks}
    k = noun.i
    while k - 1 in idx:  # only the contiguous run of words ending at the noun
        k -= 1
    toks = [x for x in sorted(toks, key=lambda x: x.i) if x.i >= k]
    while toks and (toks[0].dep_ in ("det", "cc", "punct") or toks[0].pos_ in ("CCONJ", "PUNCT")):
        toks.pop(0)  # "and Ukrainian troops" -> "Ukrainian troops"
    return toks


def country_of_words(lex: Lexicon, toks: list[Any]) -> str | None:
    """The country named by the longest run of words ("South Korean", "Ukraine's", "Kremlin")."""
    words = [t.lower_.removesuffix("'s").removesuffix("’s") for t in toks if t.dep_ != "case"]
    for n in range(min(len(words), 4), 0, -1):
        for k in range(len(words) - n + 1):
            cc = lex.countries.get(" ".join(words[k:k + n]))
            if cc:
                return cc
    return None


def make_party(st: DocState, lex: Lexicon, toks: list[Any]) -> Party | None:
    if not toks:
        return None
    doc = toks[0].doc
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    ent = st.entity_at(start, end)
    if toks[-1].pos_ == "PRON" and ent is None:  # "it shot down": the entity "it" stands for
        return antecedent(st, lex, toks[-1])
    country = None
    if toks[0].pos_ == "PRON" and toks[0].dep_ == "poss" and ent is None:  # "its forces"
        owner = antecedent(st, lex, toks[0])
        if owner is not None and owner.country:  # "its forces" -> "Ukrainian forces"
            rest = doc._.wb.text[toks[1].idx:end] if len(toks) > 1 else ""
            adj = lex.country_adjs.get(owner.country)
            name = f"{adj} {rest}" if adj and rest else doc._.wb.text[start:end]
            return Party(None, name, owner.country)
    if ent is not None:
        country = ent.country or (ent.place.country if ent.place else None)
    country = country or country_of_words(lex, toks)
    if country is None:  # "the military forces of Russia"
        of = next((c for c in toks[-1].children if c.dep_ == "prep" and c.lower_ == "of"), None)
        o = _pobj(of) if of is not None else None
        if o is not None:
            country = country_of_words(lex, party_tokens(o))
    name = clean_name(doc._.wb.text[start:end])
    if not name:
        return None
    if ent is None and country and len(toks) == 1 and toks[0].pos_ == "ADJ":  # "a Russian attack"
        name = lex.country_names.get(country, name)
    return Party(ent.id if ent is not None else None, name, country)


PERSON_PRONOUNS = {"he", "him", "his", "she", "her"}
THING_PRONOUNS = {"it", "its", "they", "them", "their", "we", "our", "us"}
ACTOR_TYPES = ("ORG", "GROUP", "MILITARY_UNIT", "PLACE")


def antecedent(st: DocState, lex: Lexicon, pron: Any) -> Party | None:
    """The party a pronoun stands for: the speaker when it is the subject of what they said
    ("the General Staff said that its forces repelled ..."), else the nearest earlier entity of
    a fitting kind in the sentence or the one before it."""
    low = pron.lower_
    if low in ("who", "which", "that") and pron.head.dep_ == "relcl" and pron.head.head.pos_ in ("NOUN", "PROPN"):
        noun = outside_brackets(pron.head.head, pron)  # "the brigade, which shot down ...": the noun
        return None if noun is None or noun.pos_ == "PRON" else make_party(st, lex, party_tokens(noun))
    if low not in PERSON_PRONOUNS | THING_PRONOUNS:
        return None
    person = low in PERSON_PRONOUNS
    v = pron.head
    for _ in range(5):  # up to the clause a verb of saying governs
        if v.dep_ == "ccomp" and lex.cue("speech", v.head.lemma_.lower()):
            subj = next((c for c in v.head.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
            if subj is not None:
                p = make_party(st, lex, party_tokens(subj))
                ent = st.entity(p.entity) if p is not None and p.entity else None
                if p is not None and (ent is None or (ent.type == "PERSON") == person):
                    return p
            break
        if v.head.i == v.i:
            break
        v = v.head
    sents = [pron.sent.start_char]
    if pron.sent.start > 0:
        sents.insert(0, pron.doc[pron.sent.start - 1].sent.start_char)
    best = None
    for (ms, me), eid in st.mention_index.items():
        if not (sents[0] <= ms and me <= pron.idx):
            continue
        ent = st.entity(eid)
        if ent is None or (ent.type == "PERSON") != person or ent.type not in ACTOR_TYPES + ("PERSON",):
            continue
        if ent.type == "PLACE" and not (ent.place and ent.place.feature == "country"):
            continue
        if best is None or ms > best[0]:
            best = (ms, ent)
    if best is None:
        return None
    ent = best[1]
    return Party(ent.id, ent.name, ent.country or (ent.place.country if ent.place else None))


def parties_of(st: DocState, lex: Lexicon, noun: Any, skip: set[int]) -> list[Party]:
    """One party per coordinated noun ("Russian and Belarusian forces" gives two)."""
    out: list[Party] = []
    for n in [noun, *[c for c in noun.children if c.dep_ == "conj"]]:
        if n.i in skip or n.pos_ == "NUM" or n.ent_type_ in NOT_PARTY_ENTS:
            continue
        if lex.cue("weapon", n.lemma_.lower()) or lex.cue("weapon", n.lower_):
            out.extend(weapon_owner(lex, n))  # "Russian drones attacked": Russia did
            continue
        if any(r.pos in ("N", "*") for r in lex.single.get(n.lemma_.lower(), [])):
            continue  # an event noun ("a ceasefire would allow ...") is not a party
        if (formation := _formation_of(st, lex, n, skip)) is not None:
            out.append(formation)  # "drone operators of the 5th Motorized Rifle Brigade": the brigade
            continue
        toks = party_tokens(n)
        adjs = [c for c in n.lefts if c.dep_ == "amod" and country_of_words(lex, [c])]
        more = [c for a in adjs for c in a.children if c.dep_ == "conj" and country_of_words(lex, [c])]
        if adjs and more:  # "Russian and Ukrainian forces"
            for a in [*adjs, *more]:
                p = make_party(st, lex, [a])
                if p is not None:
                    p.name = f"{a.text} {n.text}"
                    out.append(p)
            continue
        p = make_party(st, lex, toks)
        if p is not None:
            out.append(p)
    return out


def _formation_of(st: DocState, lex: Lexicon, n: Any, skip: set[int]) -> Party | None:
    """ "elements of the 20th Motorized Rifle Division", "crews of the 297th Brigade": the formation
    their "of" object names, when it is an entity or a country (cues.tsv `member`)."""
    if not lex.cue("member", n.lemma_.lower()):
        return None
    sharing = [n, *[c for c in n.children if c.dep_ == "conj" and lex.cue("member", c.lemma_.lower())]]
    of = next((c for x in sharing for c in x.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    o = _pobj(of) if of is not None else None  # "drone operators and other elements of the 7th Brigade"
    if o is None or o.i in skip or o.pos_ not in ("NOUN", "PROPN"):
        return None
    p = make_party(st, lex, party_tokens(o))
    return p if p is not None and (p.entity or p.country) else None


def weapon_owner(lex: Lexicon, weapon: Any) -> list[Party]:
    """A weapon is never a party; the country named on it is ("Russian drones" -> Russia)."""
    for c in weapon.lefts:
        if c.dep_ in ("amod", "compound", "poss", "nmod") and (cc := country_of_words(lex, [c])):
            return [Party(None, lex.country_names.get(cc, c.text), cc)]
    return []


def _pobj(prep: Any) -> Any:
    return next((g for g in prep.children if g.dep_ == "pobj"), None)


def actors_and_recipients(st: DocState, lex: Lexicon, t: Trigger, place_toks: set[int],
                          instruments: set[str]) -> tuple[list[Party], list[Party]]:
    actors: list[Party] = []
    recipients: list[Party] = []
    tok, verb = t.token, t.head_verb
    heads = [tok] if verb == tok else [tok, verb]
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB" and verb == tok:
        heads.append(tok.head)  # "clashes took place between A and B"
    skip = set(place_toks)
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_ == "VBG":
        for c in tok.lefts:  # "a Russian attack", "Russia's strike"
            if c.dep_ in ("amod", "compound", "poss", "nmod") and country_of_words(lex, [c]):
                actors.extend(parties_of(st, lex, c, skip))
    if tok.dep_ == "acl" and verb == tok and (lex.cue("weapon", tok.head.lemma_.lower())):
        actors.extend(weapon_owner(lex, tok.head))  # "Russian drones launched overnight": by Russia
    subj = inherited_subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    if subj is not None and (subj.dep_ == "nsubjpass" or passive):  # "were repulsed from X"
        recipients.extend(p for p in parties_of(st, lex, subj, skip) if subj.i not in skip)
        subj = None
    if subj is not None and t.coding.label == "explosion" and tok.pos_ == "VERB" and \
            not any(c.dep_ == "dobj" for c in tok.children):  # "a vehicle exploded": it was hit
        recipients.extend(p for p in parties_of(st, lex, subj, skip) if subj.i not in skip)
        subj, passive = None, True
    if subj is not None and other_line(subj, tok):  # a heading line glued to a list item is not its subject;
        subj = next((c for c in subj.head.children if c.dep_ in ("nsubj", "nsubjpass") and c is not subj
                     and not other_line(c, tok)), None)  # the item's own ("* North Korea and Russia signed")
    if subj is not None:
        subj = outside_brackets(subj, verb)
    if subj is not None and lex.cue("undergo", verb.lemma_.lower()):  # "a man died": it happened to him
        recipients.extend(p for p in parties_of(st, lex, subj, skip) if subj.i not in skip)
        subj, passive = None, True
    if subj is not None and not actors and subj.i != tok.i:
        actors.extend(parties_of(st, lex, subj, skip))
    if not actors:  # "exploded on a Russian landmine", "struck with Russian artillery"
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and c.lower_ in ("on", "with", "by", "from") and (o := _pobj(c)) is not None \
                        and lex.cue("weapon", o.lemma_.lower()):
                    actors.extend(weapon_owner(lex, o))
    if not actors and subj is None and not passive and tok.pos_ == "VERB":
        left = _noun_before(tok)  # "Russian forces recently advanced" mis-parsed
        if left is not None:
            actors.extend(parties_of(st, lex, left, skip))
    for h in heads:
        for c in h.children:
            if c.dep_ == "agent" and (o := _pobj(c)) is not None:
                actors.extend(parties_of(st, lex, o, skip))
            elif c.dep_ == "prep" and (c.lower_ == "by" and tok == h and h.pos_ == "NOUN"
                                       or c.lower_ in ("by", "from") and passive and h == verb):
                if (o := _pobj(c)) is not None:
                    actors.extend(parties_of(st, lex, o, skip))
            elif c.dep_ == "prep" and c.lower_ == "between" and (o := _pobj(c)) is not None:
                actors.extend(parties_of(st, lex, o, skip))
            elif c.dep_ == "dobj" and h == tok and c.i != tok.i and c.lemma_.lower() not in instruments:
                got = parties_of(st, lex, c, skip)
                if t.coding.type == "AID":  # "send personnel to Ukraine": what is sent; "supplied Ukraine"
                    got = [p for p in got if p.entity or p.country]
                recipients.extend(got)
            elif c.dep_ == "prep" and c.lower_ in RECIPIENT_PREPS and (o := _pobj(c)) is not None:
                if c.lower_ == "with" and t.coding.label not in SYMMETRIC:
                    continue
                if o.lemma_.lower() in instruments or o.i in skip:
                    continue
                if c.lower_ == "with" and t.coding.label in MUTUAL:
                    actors.extend(parties_of(st, lex, o, skip))  # both sides of a clash fought
                else:
                    recipients.extend(parties_of(st, lex, o, skip))
    if t.coding.type == "REQUEST" and not recipients and tok.pos_ == "VERB":
        recipients.extend(addressees(st, lex, tok, skip))
    actors = [a for a in (actor_or_none(lex, p) for p in actors) if a is not None]
    return _dedupe(actors), _dedupe([r for r in recipients if r.name not in {a.name for a in actors}])


def addressees(st: DocState, lex: Lexicon, verb: Any, skip: set[int]) -> list[Party]:
    """Who a demand is made of: the subject of the clause saying what is owed ("said that China
    must withdraw", "demanded that Moscow release"); none when that clause is passive ("sanctions
    must be lifted") or its subject is not a party."""
    clause = demanded_clause(lex, verb)
    subj = subject_of(clause) if clause is not None else None
    if subj is None or subj.dep_ != "nsubj" or subj.i in skip or not addressee(lex, subj, False):
        return []
    return parties_of(st, lex, subj, skip)


def _noun_before(tok: Any) -> Any:
    """The noun right before a verb on its line, past adverbs and auxiliaries."""
    k = tok.i - 1
    while k >= tok.sent.start and tok.doc[k].pos_ in ("ADV", "AUX", "PART"):
        k -= 1
    if k < tok.sent.start or "\n" in tok.doc._.wb.text[tok.doc[k].idx:tok.idx]:
        return None
    left = tok.doc[k]
    return left if left.pos_ in ("NOUN", "PROPN") else None


def _dedupe(parties: list[Party]) -> list[Party]:
    seen, out = set(), []
    for p in parties:
        key = (p.entity, p.name)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return out


# ------------------------------------------------------------------ places
class PlaceIndex:
    """A document's place mentions, sorted once, looked up per sentence."""

    def __init__(self, st: DocState) -> None:
        ents = {e.id: e for e in st.entities}
        self.places = sorted(st.places, key=lambda p: p.start)
        self.place_starts = [p.start for p in self.places]
        self.mentions = sorted((s, e, ents[eid]) for (s, e), eid in st.mention_index.items()
                               if eid in ents and ents[eid].type == "PLACE")
        self.mention_starts = [m[0] for m in self.mentions]

    def candidates(self, doc: Any, sent: Any) -> list[PlaceCand]:
        """Place mentions in the sentence: the places stage's mentions, else PLACE entities; the
        entity id is the entities stage's, so that it points into `entities[]`."""
        text = doc._.wb.text
        out: dict[tuple[int, int], PlaceCand] = {}
        s0, s1 = sent.start_char, sent.end_char
        # adjectives are demonyms ("Ukrainian troops"), never places
        demonyms = {t.idx for t in sent if t.pos_ == "ADJ" or (t.dep_ == "amod" and t.tag_ == "JJ")}
        linked = {(ms, me): ent for ms, me, ent in
                  self.mentions[bisect_left(self.mention_starts, s0):bisect_left(self.mention_starts, s1)]}
        for pm in self.places[bisect_left(self.place_starts, s0):bisect_left(self.place_starts, s1)]:
            if pm.end > s1 or pm.start in demonyms:
                continue
            span = doc.char_span(pm.start, pm.end, alignment_mode="expand")
            if span is None:
                continue
            info = pm.place
            ent = linked.get((pm.start, pm.end))
            located = ent.place if ent is not None else info  # the event points at the entity
            out[(pm.start, pm.end)] = PlaceCand(
                pm.start, pm.end, span.start, span.end, pm.text, ent.id if ent else pm.entity_id,
                pm.name or pm.text, info.country if info else None, info.feature if info else None,
                info.admin1 if info else None, pm.role,
                mappable=located is not None and located.lat is not None,
                lat=located.lat if located else None, lon=located.lon if located else None)
        for (ms, me), ent in linked.items():
            if me > s1 or ms in demonyms or any(ms < e and s < me for s, e in out):
                continue
            span = doc.char_span(ms, me, alignment_mode="expand")
            if span is None:
                continue
            info = ent.place
            out[(ms, me)] = PlaceCand(ms, me, span.start, span.end, text[ms:me], ent.id, ent.name,
                                      ent.country or (info.country if info else None),
                                      info.feature if info else None, info.admin1 if info else None,
                                      mappable=info is not None and info.lat is not None,
                                      lat=info.lat if info else None, lon=info.lon if info else None)
        return sorted(out.values(), key=lambda p: p.start)


def _is_qualifier(prev: PlaceCand, cur: PlaceCand, doc: Any, group_conj: bool, size: int) -> bool:
    if cur.feature in ("region", "country"):
        return prev.feature not in ("region", "country") or cur.feature == "country"
    if prev.admin1 and cur.name and cur.name.split()[0].lower() in prev.admin1.lower():
        return True
    nxt = doc[cur.tok_end] if cur.tok_end < len(doc) else None
    if nxt is not None and nxt.lower_ in REGION_WORDS:
        return True
    return not group_conj and size == 2  # "near Pobieda, Donetsk": two names, no "and"


def group_places(lex: Lexicon, doc: Any, cands: list[PlaceCand]) -> list[PlaceGroup]:
    runs: list[list[PlaceCand]] = []
    for c in cands:
        gap = c.start - runs[-1][-1].end if runs else MAX_LINK + 1
        if gap <= MAX_LINK and JOIN.match(doc._.wb.text[runs[-1][-1].end:c.start]):
            runs[-1].append(c)
        else:
            runs.append([c])
    groups = []
    for run in runs:
        between = " ".join(doc._.wb.text[a.end:b.start] for a, b in zip(run, run[1:], strict=False))
        conj = bool(re.search(r"\b(and|or)\b|&", between))
        items, quals = [run[0]], []  # type: list[PlaceCand], list[PlaceCand]
        for prev, cur in zip(run, run[1:], strict=False):
            (quals if _is_qualifier(prev, cur, doc, conj, len(run)) else items).append(cur)
        precision, cue = _locative(lex, doc, run[0], run[-1])
        groups.append(PlaceGroup(items, precision, cue, run[0].tok, conj, quals))
    for g, nxt in zip(groups, groups[1:], strict=False):
        end = max(p.end for p in g.items + g.qualifiers)
        link = doc._.wb.text[end:nxt.items[0].start]
        if len(link) <= MAX_LINK and NEAR_LINK.match(link):
            g.locator = nxt.items[0]
    return groups


def _locative(lex: Lexicon, doc: Any, first: PlaceCand, last: PlaceCand) -> tuple[str, str]:
    """How the words around a place group place the event: near / exact / origin / coded / object."""
    sent_start = doc[first.tok].sent.start
    before = doc._.wb.text[doc[sent_start].idx:first.start]
    if CODED_TO.search(before) and not NOT_CODED.search(before):
        return "coded", f"'coded to {first.text}'"
    after = doc[last.tok_end] if last.tok_end < len(doc) else None
    if after is not None and after.pos_ != "ADP" and lex.cue("near", after.lower_):  # "the Bakhmut direction"
        return "near", f"'the {last.text} {after.text}'"
    words: list[Any] = []
    k = first.tok - 1
    while k >= sent_start and len(words) < 6:
        w = doc[k]
        if w.pos_ in ("VERB", "AUX", "PUNCT") and not lex.cue("near", w.lower_):
            break
        words.insert(0, w)
        k -= 1
    lowers = [w.lower_ for w in words]
    for n in range(len(lowers)):
        for size in (2, 1):
            chunk = tuple(lowers[n:n + size])
            if len(chunk) == size and (chunk in lex.cues["near"]):
                return "near", f"'{' '.join(w.text for w in words[n:])} {first.text}'"
    for w in reversed(words):
        if w.pos_ == "ADP" or w.dep_ == "prep":
            if lex.cue("origin", w.lower_):
                return "origin", f"'{w.text} {first.text}'"
            if lex.cue("exact", w.lower_):
                return "exact", f"'{w.text} {first.text}'"
            break
    if first.role in ("near", "direction"):
        return "near", f"the places stage read '{first.text}' as {first.role}"
    if object_head(doc, first) is not None:
        return "object", f"'{first.text}' is the object of the event"
    return "mention", f"'{first.text}' is mentioned in the sentence"


def object_head(doc: Any, place: PlaceCand) -> Any:
    """The verb a place is the direct object (or passive subject) of, else None."""
    tok = doc[place.tok_end - 1]
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass"):
        return tok.head
    k = place.tok - 1
    while k >= 0 and doc[k].dep_ == "det":
        k -= 1
    if k >= 0 and doc[k].pos_ == "VERB" and doc[k].sent == doc[place.tok].sent:
        return doc[k]  # "shelled Slovyansk" (whatever the parser made of it)
    return None


def party_like(doc: Any, place: PlaceCand) -> bool:
    """The mention names an actor rather than a location ("Russia attacked", "Russian forces")."""
    tok = doc[place.tok_end - 1]
    if tok.dep_ == "compound":  # "Kharkiv governor said" but not "came to Kharkiv zoo"
        return tok.head.dep_ in ("nsubj", "nsubjpass", "poss")
    return tok.pos_ == "ADJ" or tok.dep_ in ("nsubj", "poss", "amod") \
        or (tok.dep_ == "pobj" and tok.head.lower_ in ("by", "between", "with", "against"))


def modifies_noun(doc: Any, place: PlaceCand) -> bool:
    """The mention qualifies another noun rather than naming where the event was ("on Luhansk
    rebel positions in Donetskyi", "the Kharkiv governor"); "Kharkiv city" or "the Bakhmut
    direction" still name a place."""
    tok = doc[place.tok_end - 1]
    head = tok.head
    return tok.dep_ in ("compound", "amod", "nmod") and head.i >= place.tok_end and head.pos_ == "NOUN" \
        and head.lemma_.lower() not in SITE_NOUNS and head.lower_ not in SITE_NOUNS


NAMESAKE_KM = 100  # a place resolved this close to the region named beside it may be just across its border


def _km(a: PlaceCand, b: PlaceCand) -> float | None:
    return km_or_none(a.lat, a.lon, b.lat, b.lon)


def _inside(item: PlaceCand, region: PlaceCand) -> bool:
    """Whether the resolved place lies in the region (or the division of the town) named beside it;
    True when we cannot tell."""
    if item.country and region.country and item.country != region.country:
        return False
    if not item.admin1 or not region.admin1:
        return True
    key = (region.name or region.text).split()[0].lower()[:5]
    return item.admin1 == region.admin1 or key in item.admin1.lower()


def qualifier_place(doc: Any, item: PlaceCand, group: PlaceGroup) -> tuple[PlaceCand, str, str] | None:
    """(place, precision, reason) when the region named beside a place is all we can map: the place
    itself has no coordinates ("in Yasunivka, Donetsk" with Yasunivka not in the gazetteer), or was
    resolved outside that region and far from it ("near Pisky, Donetsk region" with the only Pisky
    found in Mykolaiv Oblast: a namesake, not the place meant; a village just across the border,
    within NAMESAKE_KM of the region's point, stays)."""
    q = next((q for q in group.qualifiers if q.mappable and q.feature not in (None, "country")), None)
    if q is None or q.start < item.start or "," not in doc._.wb.text[item.end:q.start]:
        return _locator_place(item, group.locator)  # ("Elmendorf-Richardson" split in two: no region)
    nxt = doc[q.tok_end].lower_ if q.tok_end < len(doc) else ""
    precision = "region" if q.feature in ("region", "district") or nxt in REGION_WORDS else "near"
    if not item.mappable:
        return q, precision, f"'{item.text}' could not be put on a map; it lies in '{q.text}', named beside it"
    if _inside(item, q) or (precision == "near" and item.feature == "city" and item.country == q.country):
        return None  # "hit Kharkiv, Sumy": two towns, not a town and its region
    if (dist := _km(item, q)) is not None and dist < NAMESAKE_KM and item.country == q.country:
        return None
    where = item.admin1 or item.country
    return q, precision, f"'{item.text}' was resolved in {where}, outside '{q.text}' named beside it"


def _locator_place(item: PlaceCand, near: PlaceCand | None) -> tuple[PlaceCand, str, str] | None:
    """'at the Feldman Ecopark near Lisne': the town stands in for a site that could not be mapped,
    or was resolved in another country or far from the town it is said to be near."""
    if near is None or not near.mappable:
        return None
    if not item.mappable:
        return near, "near", f"'{item.text}' could not be put on a map; it is near '{near.text}'"
    dist = _km(item, near)
    if item.country == near.country and (dist is None or dist < NAMESAKE_KM):
        return None
    where = item.admin1 or item.country
    return near, "near", f"'{item.text}' was resolved in {where}, far from '{near.text}' it is said to be near"
