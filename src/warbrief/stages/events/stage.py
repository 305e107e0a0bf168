"""Events stage: PLOVER-typed events with actors, place, date, modality and casualties.

Runs last; reads what the earlier stages left in `doc._.wb` (entities and `mention_index`,
`places`, `times`, `claims`, `published`) and the dependency parse, and fills `events`.

For each sentence: find the triggers (`events.triggers`), code them and refine the coding by
instrument words (`refiners.tsv`), read actors, recipients and places (`events.args`), then
modality, time and claim (`events.modality`). A trigger with a coordinated list of places gives
one event per place, as ACLED codes them; "(coded to X)" places every event of its paragraph. Casualty counts ("killed two civilians", "no
casualties") go to the violent event of their sentence, or of the paragraph before; a definite
noun repeating an earlier event ("as a result of the shelling") is that event, not a new one.
Coordinated actors of a one-sided event give one event each; coreferent mentions in a sentence
or the next ("A missile strike on Odesa ... The missile hit ...") merge into one event. A noun
that is only talked about ("interest in a ceasefire") is no event (`events.triggers`).
The vocabulary of `label` and the project `mode` values are in docs/events.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from ...analysis import AcledType, Casualties, Event, EventPlace, EventTime, Offsets, Party, Span
from ...knowledge.names import slug
from ...lang.profiles import is_cyrillic
from ..dating import not_after_document
from ..markers import is_only_markers
from ..state import DocState
from .args import (
    SYMMETRIC,
    PlaceCand,
    PlaceGroup,
    PlaceIndex,
    actors_and_recipients,
    group_places,
    modifies_noun,
    object_head,
    party_like,
    qualifier_place,
)
from .casualties import CasualtyMention, add_casualties, conflicts, find_casualties
from .cyrillic import create_events_cyrillic
from .lexicon import TERRITORY, Coding, Lexicon, TriggerRule, load_lexicon
from .modality import claim_of, event_time, is_background, modality
from .triggers import Trigger, clause_tokens, find_triggers, purpose_of, refine

VIOLENT = "ASSAULT"
CIVILIAN_ATTACK_LABELS = {"shooting", "attack", "killing", "beating"}
PLACE_OBJECT_TYPES = {"ASSAULT", "COERCE"}
PLACE_OBJECT_LABELS = {"visit", "withdrawal"}
TAKEN_FROM_LABELS = {"deportation", "abduction", "displacement"}  # the event is where people were taken from
UNCODED_MODALITIES = {"denied", "hypothetical", "intended"}  # ACLED codes what happened
# acts of speech are one act whatever the number of places they name (a list of places gives one
# event per place only for what happened there, as ACLED codes it)
ONE_ACT_TYPES = {"REQUEST", "REJECT", "ACCUSE", "THREATEN", "AGREE", "CONCEDE"}
DISTRICT_WORDS = {"district", "hromada", "community", "raion", "municipality", "rayon"}
COREF_DETS = {"the", "this", "that", "these", "those", "such"}
NEW_OCCURRENCE = {"another", "again", "also", "additionally", "second", "new", "further", "more", "separately"}


@dataclass
class Draft:
    """An event before ids are given: one trigger, maybe one of several places."""

    trigger: Trigger
    sent: Any
    actors: list[Party]
    recipients: list[Party]
    place: EventPlace | None
    time: EventTime
    modality: str
    claim: str | None
    casualties: Casualties = field(default_factory=Casualties)
    place_country: str | None = None
    coded: bool = True  # False when ACLED would code another event of the sentence instead
    transfer: bool = False  # territory changed hands without a fight (after a withdrawal)


def create_events(nlp: Any, name: str):
    if is_cyrillic(nlp):  # the uk/ru profiles have no parse: events.cyrillic reads the words around
        return create_events_cyrillic(nlp)
    lex = load_lexicon()
    instruments = {w[0] for w in lex.cues["weapon"]}

    def events(doc: Any) -> Any:
        st: DocState = doc._.wb
        places = PlaceIndex(st)
        drafts: list[Draft] = []
        last_violent: Draft | None = None
        prev_groups: list[PlaceGroup] = []
        paragraph_start, paragraph_end = 0, -1
        coded: list[tuple[int, int, PlaceGroup]] = []  # "(coded to X)": the place of its paragraph
        for sent in doc.sents:
            if sent.start_char > paragraph_end:  # a new paragraph resets what carries over
                last_violent, prev_groups = None, []
                nxt = st.text.find("\n\n", sent.start_char)
                paragraph_start, paragraph_end = sent.start_char, len(st.text) if nxt < 0 else nxt
            if "coded to" in sent.text.lower():
                coded.extend((paragraph_start, paragraph_end, g) for g in group_places(
                    lex, doc, places.candidates(doc, sent)) if g.precision == "coded" and g.items[0].mappable)
            sent_drafts, groups = _sentence(st, lex, instruments, places, doc, sent, drafts, prev_groups)
            casualties = find_casualties(lex, sent)
            sent_drafts = _fold_killings(sent_drafts, last_violent, bool(casualties))
            for m in casualties:
                target = _nearest_violent(sent_drafts, m.tok) or last_violent
                if target is not None and not _fits(target, m, sent, groups):
                    if m.restates or not (m.killed or m.injured) or _same_figure(target, m):
                        continue  # "one woman was killed. The woman was killed in her home": counted once
                    target = None  # another event's figure: never added to this one
                if target is None:  # "a civilian was injured by an unknown explosive"
                    target = _casualty_event(st, lex, instruments, places, doc, sent, m, prev_groups)
                    sent_drafts.append(target)
                add_casualties(target.casualties, m)
            drafts.extend(sent_drafts)
            violent = [d for d in sent_drafts if d.trigger.coding.type == VIOLENT]
            if violent:
                last_violent = violent[-1]
            if any(g.items for g in groups):
                prev_groups = groups
        drafts = _apply_coded(drafts, coded)
        sent_index = {s.start: n for n, s in enumerate(doc.sents)}
        drafts = _merge_coreferent(drafts, sent_index)
        drafts = [d for d in drafts if st.outside_furniture(name, f"a {d.trigger.coding.type} event", d.trigger.token.idx)]
        st.events = [_to_event(f"e{n}", d) for n, d in enumerate(drafts, 1)]
        return doc

    return events


def _sentence(st: DocState, lex: Lexicon, instruments: set[str], places: PlaceIndex, doc: Any, sent: Any,
              earlier: list[Draft], prev_groups: list[PlaceGroup]) -> tuple[list[Draft], list[PlaceGroup]]:
    triggers = find_triggers(lex, sent)
    triggers = [t for t in triggers if not _corefers(t, earlier)]
    cands = places.candidates(doc, sent)  # also without triggers: a later sentence may point back
    all_groups = group_places(lex, doc, cands)
    groups = [g for g in all_groups if g.precision not in ("mention", "object", "coded")]
    weak = [g for g in all_groups if g.precision == "mention" and not party_like(doc, g.items[0])]
    owned = _assign_groups(triggers, groups)
    for g in all_groups:  # "shelled Siversk", "captured Bakhmutske": the object is the place
        head = object_head(doc, g.items[0]) if g.precision == "object" else None
        owner = next((x for x in triggers if head is not None and head.i in (x.i, x.head_verb.i)), None)
        if owner is None and head is not None and head.dep_ in ("xcomp", "ccomp") and \
                head.i not in {x.i for x in triggers}:  # "forced locals to leave Hostomel": the coercion's place
            owner = next((x for x in triggers if head.head.i in (x.i, x.head_verb.i)), None)
        if owner is not None and (owner.coding.type in PLACE_OBJECT_TYPES
                                  or owner.coding.label in PLACE_OBJECT_LABELS):
            owned.setdefault(owner.i, []).append(g)
            groups.append(g)
    place_toks = {x for g in groups for p in g.items + g.qualifiers for x in range(p.tok, p.tok_end)}
    out: list[Draft] = []
    shared: dict[int, tuple[PlaceGroup, str]] = {}
    origins: dict[int, PlaceGroup] = {}  # "fired from Belgorod": used only when nothing else is named
    taken_from: dict[int, PlaceGroup | None] = {}  # "deported a woman from X to Y": X
    for t in triggers:
        refine(lex, t, clause_tokens(t))
        # the places after the trigger first, nearest first ("the forces of Russia attacked ... in Lutsk");
        # a place qualifying a noun ("on Luhansk rebel positions in Donetskyi") after the others
        mine = sorted(owned.get(t.i, []), key=lambda g: (modifies_noun(doc, g.items[0]), g.first_tok < t.i,
                                                          abs(g.first_tok - t.i)))
        pick = next((g for g in mine if g.precision != "origin"), None)
        taken_from[t.i] = next((g for g in mine if g.precision == "origin"), None)
        if pick is not None:
            shared[t.i] = _more_specific(pick, groups + weak, doc)
        elif mine:
            origins[t.i] = mine[0]
    for t in triggers:
        group, how = shared.get(t.i, (None, ""))
        if group is None:
            group, how = _fallback_place(lex, t, triggers, shared, weak, prev_groups, origins.get(t.i))
        actors, recipients = actors_and_recipients(st, lex, t, place_toks, instruments)
        actors, recipients = [[p for p in ps if not is_only_markers(p.name)] for ps in (actors, recipients)]
        _code_by_parties(lex, t, recipients, group)
        if t.coding.label in TAKEN_FROM_LABELS and (src := taken_from.get(t.i)) is not None and src is not group:
            group, how = replace(src, precision="exact"), f"{src.cue}: where the people were taken from"
        claim = claim_of(st.claims, t.token.idx)
        time, attached = event_time(st, sent, t.token.idx)
        mod, _why = modality(lex, t, claim is not None)
        time, mod = not_after_document(st.published_dt, time, attached, mod)
        if mod in UNCODED_MODALITIES and purpose_of(lex, t):
            continue  # "cannot allow the enemy to use a pause to rearm": talk of a purpose
        if mod in ("asserted", "reported") and is_background(attached, st.published_dt):
            mod = "historical"
        elif mod in ("asserted", "reported") and "war" in t.rule.flags and t.token.pos_ in ("NOUN", "PROPN"):
            mod = "historical"  # "Russia's invasion of Ukraine": the war itself, background
        items: list[PlaceCand | None] = list(group.items) if group is not None else [None]
        if group is not None and len(items) > 1 and (t.coding.type in ONE_ACT_TYPES or mod in UNCODED_MODALITIES):
            items = items[:1]  # "demanded that Ukraine withdraw from A, B, C and D": one demand
            how = how or f"{group.cue}, the first of {len(group.items)} places of one act"
        for item in items:
            place, country = _event_place(doc, item, group, how) if item is not None and group is not None \
                else (None, None)
            for side in _actor_sides(t, actors):  # one event per place and per actor, as ACLED codes
                out.append(Draft(t, sent, side, recipients, place, time, mod,
                                 claim.id if claim is not None else None, place_country=country))
    _subordinate_retreats(out, sent)
    return out, groups


def _actor_sides(t: Trigger, actors: list[Party]) -> list[list[Party]]:
    """Coordinated actors ("Russian and Belarusian forces attacked") are one event each, as ACLED
    codes them; a symmetric event ("A and B signed an agreement", "A clashed with B") is joint."""
    if len(actors) < 2 or t.coding.label in SYMMETRIC:
        return [actors]
    kept = [a for a in actors if not any(  # "a Russian attack by Russian forces": one actor
        b is not a and b.country == a.country and a.entity is None and a.name in b.name and a.name != b.name
        for b in actors)]
    return [[a] for a in kept] if len(kept) > 1 else [kept]


def _merge_coreferent(drafts: list[Draft], sent_index: dict[int, int]) -> list[Draft]:
    """Mentions of one occurrence in a sentence or the next ("A missile strike on Odesa killed
    ten. The missile hit a neighbourhood.") are one event: same type and label, no second place,
    no actor of another country, the same attached date and whether it happened."""
    kept: list[Draft] = []
    for d in drafts:
        k = None
        here = sent_index.get(d.sent.start, 0)
        for cand in reversed(kept):  # drafts come in sentence order: look back one sentence at most
            if here - sent_index.get(cand.sent.start, 0) > 1:
                break
            if _same_occurrence(cand, d, sent_index):
                k = cand
                break
        if k is None:
            kept.append(d)
            continue
        if k.place is None and d.place is not None:
            k.place, k.place_country = d.place, d.place_country
        if "publication" in (k.time.reason or "") and "publication" not in (d.time.reason or ""):
            k.time = d.time
        k.actors = k.actors or d.actors
        names = {r.name for r in k.recipients}
        k.recipients = k.recipients + [r for r in d.recipients if r.name not in names]
        for f in ("killed", "injured"):  # a second mention restates the count rather than adds to it
            a, b = getattr(k.casualties, f), getattr(d.casualties, f)
            if b is not None and (a is None or b > a):
                setattr(k.casualties, f, b)
        k.coded = k.coded or d.coded
    return kept


def _same_occurrence(k: Draft, d: Draft, sent_index: dict[int, int]) -> bool:
    kt, dt = k.trigger, d.trigger
    if kt is dt or kt.coding.label != dt.coding.label or kt.coding.type != dt.coding.type:
        return False
    if d.actors and dt.token.pos_ != "NOUN":  # "Russian forces shelled X. Russian forces also shelled ...": two
        return False  # ("Russia's invasion ... Russia's invasion": one)
    if any(x.lower_ in NEW_OCCURRENCE for x in clause_tokens(dt)):
        return False
    if not 0 <= sent_index.get(d.sent.start, 0) - sent_index.get(k.sent.start, 0) <= 1:
        return False
    if k.place is not None and d.place is not None and k.place.entity != d.place.entity:
        return False
    kc, dc = {a.country for a in k.actors if a.country}, {a.country for a in d.actors if a.country}
    if kc and dc and not kc & dc:
        return False
    if (k.modality in UNCODED_MODALITIES or d.modality in UNCODED_MODALITIES) and k.modality != d.modality:
        return False
    attached = ["publication" not in (x.time.reason or "") and "heading" not in (x.time.reason or "")
                for x in (k, d)]
    return not all(attached) or k.time.value == d.time.value


def _is_district(p: PlaceCand, doc: Any) -> bool:
    nxt = doc[p.tok_end].lower_ if p.tok_end < len(doc) else ""
    last = p.text.split()[-1].lower() if p.text.split() else ""  # "the Mypopilska hromada" as one name
    return p.feature == "district" or nxt in DISTRICT_WORDS or (last in DISTRICT_WORDS and not p.mappable)


def _more_specific(pick: PlaceGroup, groups: list[PlaceGroup], doc: Any) -> tuple[PlaceGroup, str]:
    """'over the Odesa region (coded to Odesa)', 'in Kharkiv region near Nova Vodolaha': a town
    named in the sentence inside the region is the more precise place of the event."""
    if pick.items and all(not p.mappable for p in pick.items) and \
            not any(q.mappable for q in pick.qualifiers):  # nothing we can put on a map
        near = sorted((g for g in groups if g is not pick and g.precision != "origin"
                       and any(p.mappable for p in g.items)), key=lambda g: abs(g.first_tok - pick.first_tok))
        if near:
            return near[0], f"'{near[0].items[0].text}' is the nearest place that could be resolved"
        return pick, ""
    if pick.items and all(_is_district(p, doc) for p in pick.items):  # "the Bashtanska hromada"
        for g in groups:
            for p in (g.items if g is not pick else []):
                if p.feature in ("city", "village") and p.mappable and not _is_district(p, doc):
                    one = PlaceGroup([p], "exact", g.cue, p.tok)
                    return one, f"'{p.text}' is the most specific place named, a town in that district"
    if not pick.items or any(p.feature not in ("region", "country") for p in pick.items):
        return pick, ""
    region = pick.items[0]
    key = region.name.split()[0].lower()[:5]
    for g in groups:
        for p in g.items + g.qualifiers:
            if p.feature in ("region", "country", None) or p is region:
                continue
            inside = (region.feature == "region" and p.admin1 and key in p.admin1.lower()) or \
                     (region.feature == "country" and p.country and p.country == region.country)
            if inside:
                one = PlaceGroup([p], g.precision if g.precision in ("near", "exact") else "exact",
                                 g.cue, p.tok)
                return one, f"'{p.text}' is the most specific place named, inside {region.name}"
    return pick, ""


def _corefers(t: Trigger, earlier: list[Draft]) -> bool:
    """'the shelling' after an earlier shelling event is that event, not a new one."""
    tok = t.token
    if tok.pos_ not in ("NOUN",) or not any(c.dep_ == "det" and c.lower_ in COREF_DETS for c in tok.children):
        return False
    return any(d.trigger.coding.label == t.coding.label or d.trigger.rule is t.rule for d in earlier)


def _assign_groups(triggers: list[Trigger], groups: list[PlaceGroup]) -> dict[int, list[PlaceGroup]]:
    """Each place group goes to the nearest trigger before it in the sentence, else the first after."""
    owned: dict[int, list[PlaceGroup]] = {}
    for g in groups:
        before = [t for t in triggers if t.i < g.first_tok]
        owner = before[-1] if before else (triggers[0] if triggers else None)
        if owner is not None:
            owned.setdefault(owner.i, []).append(g)
    return owned


def _fallback_place(lex: Lexicon, t: Trigger, triggers: list[Trigger], shared: dict[int, tuple[PlaceGroup, str]],
                    weak: list[PlaceGroup], prev_groups: list[PlaceGroup], origin: PlaceGroup | None = None,
                    inherit: bool = False) -> tuple[PlaceGroup | None, str]:
    """A place for a trigger that owns none (or only "from X"): another event's of the sentence, a
    place named in the sentence, where it came from, else the previous sentence's when the sentence
    points back ("near the settlement") or `inherit` (people killed or hurt, no attack named)."""
    # nearest other trigger with a place; ties go to the earlier one (never compare Triggers)
    others = [o for o in triggers if o.i in shared and o is not t]
    if others:
        o = min(others, key=lambda x: (abs(x.i - t.i), x.i))
        return shared[o.i][0], f"shares the place of '{o.token.text}' in the same sentence"
    if weak:
        return weak[0], "the only place named in the sentence"
    if origin is not None:
        return origin, f"{origin.cue}: where it came from, the only place named for it"
    usable = [g for g in prev_groups if g.precision != "origin"] or prev_groups
    if usable and inherit:  # "... near Zaporizhzhia. Two people died."
        return usable[0], "no place in the sentence; inherited from the previous sentence of the paragraph"
    if usable and any(lex.cue("anaphor", x.lower_) for x in t.token.sent):  # "near the settlement"
        return usable[0], "no place in the sentence; the place of the previous sentence"
    return None, ""


def _event_place(doc: Any, item: PlaceCand, group: PlaceGroup, how: str) -> tuple[EventPlace, str | None]:
    """The event's place and its country; the region named beside a place stands in for it when
    the place could not be mapped or was resolved outside that region (`qualifier_place`)."""
    precision = {"near": "near", "origin": "near"}.get(group.precision, "exact")
    if item.feature in ("region", "country"):
        precision = "region"
    reason = how or f"{group.cue}" + (" in a list of places" if len(group.items) > 1 else "")
    if group.qualifiers and not how:
        reason += f", qualified by {', '.join(q.text for q in group.qualifiers)}"
    stand_in = qualifier_place(doc, item, group)
    if stand_in is not None:
        q, precision, why = stand_in
        item, reason = q, f"{reason}; {why}"
    eid = item.entity_id or f"local:{slug(item.name)}"
    return EventPlace(eid, item.name, precision, reason), item.country


def _apply_coded(drafts: list[Draft], coded: list[tuple[int, int, PlaceGroup]]) -> list[Draft]:
    """ "(coded to Bashtanka, Mykolaiv)": the note says where its event is coded; every event of the
    paragraph takes that place, keeping its own precision (an event in "the Odesa region (coded to
    Odesa)" stays `region`). Events of one trigger that end up on the same place are one."""
    if not coded:
        return drafts
    out: list[Draft] = []
    seen: set[tuple[int, str, tuple[str, ...]]] = set()
    for d in drafts:
        here = next((g for s, e, g in coded if s <= d.sent.start_char < e), None)
        if here is not None:
            item = here.items[0]
            precision = d.place.precision if d.place is not None else "exact"
            d.place = EventPlace(item.entity_id or f"local:{slug(item.name)}", item.name, precision,
                                 f"the note codes the event to '{item.text}' ({here.cue})")
            d.place_country = item.country
        key = (d.trigger.token.i, d.place.entity if d.place else "", tuple(a.name for a in d.actors))
        if here is not None and key in seen:
            continue
        seen.add(key)
        out.append(d)
    return out


def _code_by_parties(lex: Lexicon, t: Trigger, recipients: list[Party], group: PlaceGroup | None) -> None:
    """Codings that depend on who was hit: people or fighters, a person or a place."""
    c = t.coding
    targets = [x for x in _object_words(t) if x.pos_ == "NOUN" and not x.ent_type_]
    victims = any(lex.cue("victim", x.lemma_.lower()) for x in targets)
    fighters = any(lex.cue("combatant", x.lemma_.lower()) for x in targets)
    if c.label in CIVILIAN_ATTACK_LABELS and victims and not fighters and \
            c.acled_type != "Violence against civilians":
        t.coding = replace(c, acled_type="Violence against civilians", acled_sub="Attack")
    elif c.label == "killing" and fighters and not victims:
        t.coding = replace(c, acled_type="Battles", acled_sub="Armed clash")
    elif t.rule.coding.label == "destruction" and any(
            x.dep_ == "dobj" and x.head in (t.token, t.head_verb) and lex.cue("aerial", x.lemma_.lower())
            for x in targets):  # "destroyed two Russian drones": shot down, not a drone strike
        t.coding = replace(c, type="ASSAULT", mode="air-defence", label="interception",
                           acled_type="Strategic developments", acled_sub="Disrupted weapons use")
    elif t.rule.coding.label == "aid-delivery" and lex.cue("relocate", t.token.lemma_.lower()) and any(
            x.dep_ == "dobj" and x.head == t.token and x.pos_ == "NOUN" and lex.cue("victim", x.lemma_.lower())
            for x in targets):  # "transferred a woman to Crimea": people moved by force
        t.coding = replace(c, type="COERCE", mode="deport", label="deportation",
                           acled_type="Violence against civilians", acled_sub="Abduction/forced disappearance")
    elif c.label == "capture" and victims:  # "captured a woman"
        t.coding = replace(c, type="ASSAULT", mode="abduct", label="abduction",
                           acled_type="Violence against civilians", acled_sub="Abduction/forced disappearance")


def _object_words(t: Trigger) -> list[Any]:
    """The words of what the trigger acts on: its objects and their modifiers."""
    out = []
    for h in {t.token, t.head_verb}:
        for c in h.children:
            if c.dep_ in ("dobj", "nsubjpass", "attr") or (c.dep_ == "prep" and c.lower_ in ("at", "on", "against")):
                stack = [c]
                while stack:  # the phrase, without clauses hanging off it ("as a result of which ...")
                    x = stack.pop()
                    out.append(x)
                    stack.extend(g for g in x.children if g.dep_ not in ("relcl", "acl", "advcl"))
    return out


def _territory(d: Draft) -> str:
    actor_cc = next((a.country for a in d.actors if a.country), None)
    place_cc = d.place_country
    if actor_cc and place_cc:
        return "Government regains territory" if actor_cc == place_cc else "Non-state actor overtakes territory"
    return "Government regains territory" if d.trigger.coding.label == "regain" else \
        "Non-state actor overtakes territory"


def _fold_killings(drafts: list[Draft], last_violent: Draft | None, has_counts: bool) -> list[Draft]:
    """A 'killed' clause beside another violent event is that event's casualties, not an event."""
    others = [d for d in drafts if d.trigger.coding.type == VIOLENT and d.trigger.rule.coding.label != "killing"]
    keep = []
    for d in drafts:
        if d.trigger.rule.coding.label == "killing" and d.trigger.rule.words == ("kill",) and not d.actors \
                and (others or (last_violent is not None and has_counts)):
            continue
        keep.append(d)
    return keep


def _fits(target: Draft, m: CasualtyMention, sent: Any, groups: list[PlaceGroup]) -> bool:
    """Whether a figure belongs to the event: one figure per event (`conflicts`), and a figure of a
    later sentence naming another place ("... struck Kharkiv. In Odesa, three people were killed")
    is that place's event."""
    if conflicts(target.casualties, m):
        return False
    if target.sent.start == sent.start or target.place is None:
        return True
    named = {p.entity_id for g in groups for p in g.items if p.mappable and p.entity_id}
    return not named or target.place.entity in named


def _same_figure(target: Draft, m: CasualtyMention) -> bool:
    return (m.killed is None or m.killed == target.casualties.killed) and \
        (m.injured is None or m.injured == target.casualties.injured)


def _nearest_violent(drafts: list[Draft], tok_i: int) -> Draft | None:
    violent = [d for d in drafts if d.trigger.coding.type == VIOLENT]
    if not violent:
        return None
    return min(violent, key=lambda d: abs(d.trigger.i - tok_i))


def _casualty_event(st: DocState, lex: Lexicon, instruments: set[str], places: PlaceIndex, doc: Any, sent: Any,
                    m: Any, prev_groups: list[PlaceGroup]) -> Draft:
    """An event for people killed or injured when the text names no attack."""
    label = "killing" if m.killed else "injury"
    rule = TriggerRule((doc[m.tok].lemma_.lower(),), "*", Coding("ASSAULT", None, label, None, None),
                       frozenset())
    t = Trigger(doc[m.tok], m.tok + 1, rule, rule.coding, start=m.tok)
    refine(lex, t, clause_tokens(t))
    if t.refined_by is None:  # "was injured, having activated an unknown explosive": the sentence says how
        refine(lex, t, list(sent))
    cands = places.candidates(doc, sent)
    groups = [g for g in group_places(lex, doc, cands) if not party_like(doc, g.items[0])]
    groups.sort(key=lambda g: g.precision == "origin")  # "from X" only when nothing else is named
    hurt = bool(m.killed or m.injured)  # not "no one was hurt"
    group, how = (groups[0], "") if groups else _fallback_place(lex, t, [], {}, [], prev_groups, inherit=hurt)
    item = group.items[0] if group is not None and group.items else None
    claim = claim_of(st.claims, t.token.idx)
    time, _ = event_time(st, sent, t.token.idx)
    mod, _why = modality(lex, t, claim is not None)
    actors, recipients = actors_and_recipients(st, lex, t, set(), instruments)
    place, country = _event_place(doc, item, group, how) if item is not None and group is not None else (None, None)
    return Draft(t, sent, actors, recipients, place, time, mod,
                 claim.id if claim is not None else None, place_country=country)


def _subordinate_retreats(drafts: list[Draft], sent: Any) -> None:
    """'attacked ... but were forced to retreat': ACLED codes the battle, not a transfer;
    'regained control following the Russian withdrawal': a transfer, not a battle."""
    withdrawals = [d for d in drafts if d.trigger.coding.label == "withdrawal"] or \
        [x for x in sent if x.lemma_.lower() in ("withdrawal", "retreat") and x.pos_ == "NOUN"]
    territory = [d for d in drafts if d.trigger.coding.acled_sub == TERRITORY]
    battles = [d for d in drafts if d.trigger.coding.acled_type == "Battles" and d not in territory]
    if withdrawals and territory and not battles:
        for d in territory:
            d.transfer = True
        for d in drafts:
            if d.trigger.coding.label == "withdrawal":
                d.coded = False
    elif battles or territory:
        for d in drafts:
            if d.trigger.coding.type == "RETREAT" and d.trigger.coding.label == "withdrawal":
                d.coded = False


def _to_event(eid: str, d: Draft) -> Event:
    t = d.trigger
    c = t.coding
    acled = None
    if c.acled_type and c.acled_sub and d.coded and d.modality not in UNCODED_MODALITIES:
        if d.transfer:
            acled = AcledType("Strategic developments", "Non-violent transfer of territory")
        else:
            acled = AcledType(c.acled_type, _territory(d) if c.acled_sub == TERRITORY else c.acled_sub)
    tok = t.token
    doc = tok.doc
    first, last = doc[min(t.start, tok.i)], doc[max(t.end - 1, tok.i)]
    start, end = first.idx, last.idx + len(last)
    return Event(eid, c.type or "OTHER", c.mode, c.label, acled, d.actors, d.recipients, d.place, d.time,
                 d.modality, d.casualties, d.claim, Span(start, end, doc._.wb.text[start:end]),
                 Offsets(d.sent.start_char, d.sent.end_char))
