"""Events in Ukrainian and Russian text (the uk/ru profiles), coded like the English ones.

The profiles have no dependency parse, so an event's parts are read from the words around its
trigger, within its sentence:
- triggers: `data/events/<lang>/triggers.tsv`, matched by lemma (any parse of a word); the words
  of a phrase may have up to two words between them ("завдали ракетних ударів"); instrument cues
  anywhere in the sentence (`refiners.tsv`: дрон, безпілотник -> Air/drone strike) re-code it;
- place: the "(геоприв'язка — X)" of its paragraph, else the sentence's resolved place nearest
  the trigger after a place word (у, під, поблизу ... from `cues.tsv`), a settlement before a
  region, else the place of the sentence before in the paragraph;
- actors: the nearest known actor (ORG, GROUP, unit, person) before the trigger; recipients: the
  nearest after it;
- time: as in English (`modality.event_time`): the sentence's date, the heading's, publication;
- modality: denied after "не", intended after "намагалися"/"пытались", reported when the
  sentence attributes its news ("за повідомленнями", "по данным"), else asserted;
- casualties: a killed/injured word with a numeral in digits or words next to it, in any case
  form ("двоє загинули", "поранено двох", "четверо дістали поранення", "погибли трое").
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ...analysis import AcledType, Casualties, Event, EventPlace, Offsets, Party, Span
from ...lang.morph import lemmas, parses
from ..state import DocState, PlaceMention
from .lexicon import EVENTS_DATA, TERRITORY, Coding, Lexicon, TriggerRule, load_lexicon
from .modality import event_time


def slug(text: str) -> str:  # as events.stage.slug (which imports this module)
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


GAP = 2  # words allowed between the words of a trigger phrase
CASUALTY_WINDOW = 3  # words between a casualty word and its number
ACTOR_TYPES = ("ORG", "GROUP", "MILITARY_UNIT", "PERSON")
VERB_TAGS = {"VERB", "INFN", "PRTF", "PRTS", "GRND"}


@dataclass
class Hit:
    start: int  # token indices of the trigger's words
    end: int
    rule: TriggerRule
    coding: Coding


@functools.cache
def lexicon(lang: str) -> Lexicon:
    return load_lexicon(EVENTS_DATA / lang)


def _lemma_sets(lang: str, sent: Any) -> list[set[str]]:
    return [set(lemmas(lang, t.text.lower())) | {t.lower_} for t in sent]


def _pos_ok(lang: str, tok: Any, pos: str) -> bool:
    if pos == "*":
        return True
    grams = {g for p in parses(lang, tok.text.lower()) for g in p.tag.grammemes}  # every parse: "била"
    return bool(grams & VERB_TAGS) if pos == "V" else "NOUN" in grams


def _match(words: tuple[str, ...], sets: list[set[str]], i: int) -> int | None:
    """End index (exclusive) of the phrase `words` starting at token i, or None."""
    if words[0] not in sets[i]:
        return None
    j = i + 1
    for w in words[1:]:
        k = next((k for k in range(j, min(len(sets), j + GAP + 1)) if w in sets[k]), None)
        if k is None:
            return None
        j = k + 1
    return j


def find_triggers(lang: str, lex: Lexicon, sent: Any, sets: list[set[str]]) -> list[Hit]:
    hits: list[Hit] = []
    taken: set[int] = set()
    rules = sorted([r for rs in lex.multi.values() for r in rs], key=lambda r: -len(r.words)) + \
        [r for rs in lex.single.values() for r in rs]
    for rule in rules:
        for i in range(len(sets)):
            end = _match(rule.words, sets, i)
            if end is None or taken & set(range(i, end)) or not _pos_ok(lang, sent[i], rule.pos):
                continue
            hits.append(Hit(i, end, rule, rule.coding))
            taken |= set(range(i, end))
    hits.sort(key=lambda h: h.start)
    return hits


def _refine(lex: Lexicon, hit: Hit, sets: list[set[str]]) -> None:
    for r in lex.refiners:
        if hit.coding.label not in r.applies_to:
            continue
        if any(_match(r.words, sets, i) is not None for i in range(len(sets))):
            c = r.coding
            hit.coding = Coding(c.type or hit.coding.type, c.mode or hit.coding.mode, c.label or hit.coding.label,
                                c.acled_type or hit.coding.acled_type, c.acled_sub or hit.coding.acled_sub)
            return


def _cue_at(lex: Lexicon, kind: str, sets: list[set[str]], i: int) -> bool:
    return any(_match(w, sets, i) is not None for w in lex.cues.get(kind, ()))


def _places_in(st: DocState, start: int, end: int) -> list[PlaceMention]:
    return [p for p in st.places if start <= p.start < end and p.place is not None and p.place.lat is not None]


def _pick_place(lex: Lexicon, sent: Any, sets: list[set[str]], hit: Hit,
                places: list[PlaceMention]) -> tuple[PlaceMention, str] | None:
    """The sentence's place for a trigger: settlements before regions, after a place word, nearest."""
    if not places:
        return None
    trig = sent[hit.start].idx

    def cue_before(p: PlaceMention) -> str | None:
        tok = sent.doc.char_span(p.start, p.end, alignment_mode="expand")
        if tok is None:
            return None
        for k in range(tok.start - 1, max(sent.start, tok.start - 3) - 1, -1):
            i = k - sent.start
            for w in lex.cues.get("place", ()):
                if _match(w, sets, i) is not None:
                    return lex.value("place", " ".join(w)) or "exact"
        return None

    def rank(p: PlaceMention) -> tuple[int, int, int]:
        region = p.place.feature in ("region", "country") if p.place else True
        return (region, cue_before(p) is None, abs(p.start - trig))

    best = min(places, key=rank)
    return best, cue_before(best) or "exact"


def _parties(st: DocState, sent: Any, hit: Hit) -> tuple[list[Party], list[Party]]:
    trig_start, trig_end = sent[hit.start].idx, sent[hit.end - 1].idx + len(sent[hit.end - 1])
    before: list[tuple[int, Party]] = []
    after: list[tuple[int, Party]] = []
    for (s, e), eid in st.mention_index.items():
        if not (sent.start_char <= s < sent.end_char):
            continue
        ent = st.entity(eid)
        if ent is None or ent.type not in ACTOR_TYPES:
            continue
        party = Party(ent.id, ent.name, ent.country)
        (before if e <= trig_start else after).append((trig_start - e if e <= trig_start else s - trig_end, party))
    actors = [min(before, key=lambda x: x[0])[1]] if before else []
    recipients = [min(after, key=lambda x: x[0])[1]] if after else []
    return actors, recipients


def _modality(lex: Lexicon, sets: list[set[str]], hit: Hit) -> str:
    if hit.start > 0 and _cue_at(lex, "negation", sets, hit.start - 1):
        return "denied"
    if any(_cue_at(lex, "attempt", sets, i) for i in range(max(0, hit.start - 3), hit.start)):
        return "intended" if hit.coding.label not in ("attack", "advance", "clash") else "asserted"
    if any(_cue_at(lex, "reported", sets, i) for i in range(len(sets))):
        return "reported"
    return "asserted"


def _number(lex: Lexicon, sent: Any, sets: list[set[str]], i: int) -> int | None:
    tok = sent[i]
    if tok.text.isdigit() and len(tok.text) <= 4:
        return int(tok.text)
    for (kind, word), value in lex.cue_values.items():
        if kind == "number" and word in sets[i]:
            return int(value)
    return None


def casualties(lex: Lexicon, sent: Any, sets: list[set[str]]) -> Casualties:
    out = Casualties()
    for i in range(len(sets)):
        for kind in ("killed", "injured"):
            if not _cue_at(lex, kind, sets, i):
                continue
            near = [*range(i - 1, max(-1, i - CASUALTY_WINDOW - 1), -1), *range(i + 1, min(len(sets), i + CASUALTY_WINDOW + 1))]
            n = next((v for k in near if (v := _number(lex, sent, sets, k)) is not None), None)
            if n is not None and getattr(out, kind) is None:
                setattr(out, kind, n)
    return out


def _acled(c: Coding, modality: str, actors: list[Party], place_country: str | None) -> AcledType | None:
    if not (c.acled_type and c.acled_sub) or modality in ("denied", "intended"):
        return None
    sub = c.acled_sub
    if sub == TERRITORY:
        gov = bool(actors) and actors[0].country is not None and actors[0].country == (place_country or "UA")
        sub = "Government regains territory" if gov or c.label == "regain" else "Non-state actor overtakes territory"
    return AcledType(c.acled_type, sub)


def _coded_place(st: DocState, lex: Lexicon, sent: Any, sets: list[set[str]]) -> PlaceMention | None:
    """The place after "(геоприв'язка — X)" in the sentence, if any."""
    for i in range(len(sets)):
        if _cue_at(lex, "coded", sets, i):
            after = _places_in(st, sent[i].idx, sent.end_char)
            return after[0] if after else None
    return None


def _event_place(p: PlaceMention, precision: str, why: str) -> EventPlace:
    if p.place is not None and p.place.feature in ("region", "country"):
        precision = "region"
    return EventPlace(p.entity_id or f"local:{slug(p.name or p.text)}", p.name or p.text, precision, why)


def _paragraphs(doc: Any) -> list[list[Any]]:
    out: list[list[Any]] = [[]]
    for sent in doc.sents:
        if out[-1] and "\n\n" in doc.text[out[-1][-1].end_char - 1:sent.start_char + 1]:
            out.append([])
        out[-1].append(sent)
    return out


def _sentence_events(st: DocState, lex: Lexicon, lang: str, sent: Any, carry: PlaceMention | None,
                     coded: PlaceMention | None) -> tuple[list[Event], PlaceMention | None]:
    sets = _lemma_sets(lang, sent)
    places = _places_in(st, sent.start_char, sent.end_char)
    out: list[Event] = []
    seen: set[tuple[str | None, str | None]] = set()
    for hit in find_triggers(lang, lex, sent, sets):
        _refine(lex, hit, sets)
        picked = _pick_place(lex, sent, sets, hit, places)
        if coded is not None:
            place: EventPlace | None = _event_place(coded, "exact", f"'{coded.text}': the place the note is coded to")
            country = coded.place.country if coded.place else None
        elif picked is not None:
            p, precision = picked
            place, country = _event_place(p, precision, f"'{p.text}' in the event's sentence"), p.place.country if p.place else None
        elif carry is not None:
            place = _event_place(carry, "exact", f"'{carry.text}' in the sentence before")
            country = carry.place.country if carry.place else None
        else:
            place, country = None, None
        actors, recipients = _parties(st, sent, hit)
        mod = _modality(lex, sets, hit)
        c = hit.coding
        key = (c.label, place.entity if place else None)
        if key in seen:
            continue
        seen.add(key)
        first, last = sent[hit.start], sent[hit.end - 1]
        start, end = first.idx, last.idx + len(last)
        time, _ = event_time(st, sent, start)
        out.append(Event("", c.type or "OTHER", c.mode, c.label, _acled(c, mod, actors, country), actors, recipients,
                         place, time, mod, Casualties(), None, Span(start, end, st.text[start:end]),
                         Offsets(sent.start_char, sent.end_char)))
    found = min(places, key=lambda p: (p.place.feature in ("region", "country") if p.place else True)) if places else None
    return out, found or carry


def _repeats(e: Event, last: Event | None, lang: str) -> bool:
    """A noun naming the paragraph's last event again ("Під час другого обстрілу") is that event."""
    if last is None or e.type != last.type or e.acled != last.acled:
        return False
    noun = not any(g in VERB_TAGS for p in parses(lang, e.trigger.text.split()[0].lower())[:1]
                   for g in p.tag.grammemes)
    return noun and (e.place is None or last.place is None or e.place.entity == last.place.entity)


def create_events_cyrillic(nlp: Any) -> Any:
    lang = nlp.lang
    lex = lexicon(lang)

    def events(doc: Any) -> Any:
        st: DocState = doc._.wb
        found: list[Event] = []
        for para in _paragraphs(doc):
            coded = next((c for s in para if (c := _coded_place(st, lex, s, _lemma_sets(lang, s))) is not None), None)
            carry: PlaceMention | None = None
            last: Event | None = None
            for sent in para:
                evs, carry = _sentence_events(st, lex, lang, sent, carry, coded)
                evs = [e for e in evs if not _repeats(e, last, lang)]
                for e in evs:  # a sentence without a date goes on with the one before
                    if last is not None and e.time is not None and e.time.reason.startswith("no date"):
                        e.time = last.time
                cas = casualties(lex, sent, _lemma_sets(lang, sent))
                violent = [e for e in evs if e.type == "ASSAULT"] or ([last] if last is not None else [])
                if violent and (cas.killed is not None or cas.injured is not None):
                    target = violent[0].casualties
                    target.killed = target.killed if target.killed is not None else cas.killed
                    target.injured = target.injured if target.injured is not None else cas.injured
                found.extend(evs)
                last = evs[0] if evs else last
        for n, e in enumerate(found, 1):
            e.id = f"e{n}"
        st.events = found
        return doc

    return events
