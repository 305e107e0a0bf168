"""Events stage: triggers, coding, arguments, place, time, modality, casualties, claims.

Each test parses a sentence we wrote with the spaCy model, sets what the earlier stages would
have left in `doc._.wb` (entities, places, times, claims) by hand, and runs only the events
stage, so that these tests do not depend on how good the other stages are today.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from helpers import validate
from warbrief.analysis import Claim, Entity, PlaceInfo, Span, TimeExpr
from warbrief.errors import WarbriefError
from warbrief.pipeline import DocumentInput
from warbrief.stages.events.lexicon import load_lexicon
from warbrief.stages.events.stage import create_events
from warbrief.stages.state import PlaceMention

pytestmark = pytest.mark.model

SPACY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@dataclass
class P:
    """A place the places stage would have resolved."""

    text: str
    feature: str = "city"
    admin1: str | None = "Donetsk Oblast"
    country: str = "UA"
    occurrence: int = 0
    mapped: bool = True  # False: resolved to no coordinates (a name the gazetteer lacks)
    at: tuple[float, float] | None = None  # lat, lon; by default 48.0 + n/10, 37.0 + n/10


@dataclass
class A:
    """An actor entity the entities stage would have found."""

    text: str
    country: str | None
    type: str = "ORG"


@dataclass
class T:
    """A time expression the times stage would have normalised."""

    text: str
    value: str
    precision: str = "day"


def _find(text: str, s: str, occ: int = 0) -> int:
    pos = -1
    for _ in range(occ + 1):
        pos = text.index(s, pos + 1)
    return pos


@pytest.fixture(scope="module")
def events_stage(pipeline):
    return create_events(pipeline.nlp, "warbrief_events")


@pytest.fixture(scope="module")
def run(pipeline, events_stage):
    def go(text: str, places=(), actors=(), times=(), claims=(), published: str | None = "2024-11-01"):
        doc = pipeline.make_doc(DocumentInput(text, published))
        for name, proc in pipeline.nlp.pipeline:
            if name in SPACY:
                doc = proc(doc)
        st = doc._.wb
        for n, p in enumerate(places):
            s = _find(text, p.text, p.occurrence)
            eid = f"geonames:{900000 + n}"
            lat, lon = (p.at or (48.0 + n / 10, 37.0 + n / 10)) if p.mapped else (None, None)
            info = PlaceInfo(900000 + n, lat, lon, p.feature, p.admin1, p.country, "test")
            st.places.append(PlaceMention(s, s + len(p.text), p.text, eid, p.text, info))
            st.entities.append(Entity(eid, p.text, "PLACE", p.country, [Span(s, s + len(p.text), p.text)], info))
            st.mention_index[(s, s + len(p.text))] = eid
        for a in actors:
            s = _find(text, a.text)
            eid = f"org:{a.text.lower().replace(' ', '-')}"
            st.entities.append(Entity(eid, a.text, a.type, a.country, [Span(s, s + len(a.text), a.text)]))
            st.mention_index[(s, s + len(a.text))] = eid
        for t in times:
            s = _find(text, t.text)
            st.times.append(TimeExpr(s, s + len(t.text), t.text, t.value, t.precision, "test"))
        for n, content in enumerate(claims, 1):
            s = _find(text, content)
            st.claims.append(Claim(f"c{n}", s, s + len(content), content, False, None, None))
        return [e.to_dict() for e in events_stage(doc)._.wb.events]

    return go


LIST = ("Russian forces recently advanced near Kupyansk, Svatove, Pokrovsk, Kurakhove, and Vuhledar, "
        "and Ukrainian troops recently regained lost positions near Kurakhove.")
LIST_PLACES = [P("Kupyansk", admin1="Kharkiv Oblast"), P("Svatove", admin1="Luhansk Oblast"), P("Pokrovsk"),
               P("Kurakhove"), P("Vuhledar"), P("Kurakhove", occurrence=1)]


def test_coordinated_places_give_one_event_each(run):
    evs = run(LIST, LIST_PLACES)
    got = [(e["label"], e["place"]["name"], e["actors"][0]["country"]) for e in evs]
    assert got == [("advance", "Kupyansk", "RU"), ("advance", "Svatove", "RU"), ("advance", "Pokrovsk", "RU"),
                   ("advance", "Kurakhove", "RU"), ("advance", "Vuhledar", "RU"),
                   ("regain", "Kurakhove", "UA")]


def test_near_gives_near_precision(run):
    evs = run(LIST, LIST_PLACES)
    assert {e["place"]["precision"] for e in evs} == {"near"}


def test_trailing_region_qualifies_the_place(run):
    evs = run("Ukrainian forces repelled a Russian assault near Pobieda, Donetsk.",
              [P("Pobieda"), P("Donetsk", feature="region")])
    assert {e["place"]["name"] for e in evs} == {"Pobieda"}


@pytest.mark.parametrize("places,why", [
    ([P("Zorianka", "village", mapped=False), P("Kharkiv", "region", "Kharkiv Oblast")], "could not be put on a map"),
    ([P("Zorianka", "village", "Sumy Oblast", at=(51.5, 34.0)), P("Kharkiv", "region", "Kharkiv Oblast")],
     "resolved in Sumy Oblast"),
    ([P("Zorianka", "village", "Tbilisi", "GE", at=(41.7, 44.8)), P("Kharkiv", "region", "Kharkiv Oblast")],
     "outside"),
])
def test_region_beside_a_place_stands_in_when_the_place_is_not_there(run, places, why):
    evs = run("Russian forces shelled near Zorianka, Kharkiv region.", places)
    assert [(e["place"]["name"], e["place"]["precision"]) for e in evs] == [("Kharkiv", "region")]
    assert why in evs[0]["place"]["reason"]


@pytest.mark.parametrize("text,places,want", [
    ("Russian forces shelled near Zorianka, Kharkiv region.",
     [P("Zorianka", "village", "Kharkiv Oblast"), P("Kharkiv", "region", "Kharkiv Oblast")], "Zorianka"),
    ("Russian forces shelled near Zorianka, Kharkiv region.",  # just across the border: the text may be loose
     [P("Zorianka", "village", "Luhansk Oblast", at=(49.4, 38.0)), P("Kharkiv", "region", "Kharkiv Oblast",
                                                                      at=(49.5, 37.0))], "Zorianka"),
    ("Russian missiles hit Poltava, Sumy.",  # two towns, not a town and its region
     [P("Poltava", "city", "Poltava Oblast"), P("Sumy", "city", "Sumy Oblast")], "Poltava"),
])
def test_a_place_inside_the_region_beside_it_stays(run, text, places, want):
    evs = run(text, places)
    assert evs[0]["place"]["name"] == want


@pytest.mark.parametrize("kherson_village,want", [("Kherson Oblast", "Zorianka"), ("Sumy Oblast", "Kherson")])
def test_village_word_before_the_region_keeps_them_one_group(run, kherson_village, want):
    evs = run("Russian forces shelled Zorianka village, Kherson.",
              [P("Zorianka", "village", kherson_village, at=(46.6, 32.6) if kherson_village[0] == "K" else (51, 34)),
               P("Kherson", "city", "Kherson Oblast", at=(46.6, 32.6))])
    assert [e["place"]["name"] for e in evs] == [want]


def test_coded_to_names_the_event_place(run):
    evs = run("Russian forces shelled the Verbivska hromada (coded to Verbivka, Kharkiv).",
              [P("Verbivska hromada", "other", None, mapped=False), P("Verbivka", "village", "Kharkiv Oblast"),
               P("Kharkiv", "region", "Kharkiv Oblast")])
    assert [e["place"]["name"] for e in evs] == ["Verbivka"]
    assert "coded to Verbivka" in evs[0]["place"]["reason"]


def test_coded_to_in_a_later_sentence_places_the_paragraph(run):
    evs = run("Russian shelling of the Sumy region damaged a school. (coded to Sumy as the exact location is "
              "unknown)", [P("Sumy", "region", "Sumy Oblast"), P("Sumy", "city", "Sumy Oblast", occurrence=1)])
    assert [(e["place"]["entity"], e["place"]["precision"]) for e in evs] == [("geonames:900001", "region")]


def test_fatalities_coded_to_another_event_is_not_a_place_code(run):
    evs = run("Russian forces shelled Orikhiv. Two soldiers were killed at unspecified locations (fatalities "
              "coded to Huliaipole event).", [P("Orikhiv"), P("Huliaipole")])
    assert evs and not any("codes the event" in (e["place"] or {}).get("reason", "") for e in evs)


def test_origin_is_used_only_when_nothing_else_is_named(run):
    evs = run("Ukrainian forces clashed with Russian troops moving from Kupyansk to Borova.",
              [P("Kupyansk"), P("Borova")])
    assert [e["place"]["name"] for e in evs] == ["Borova"]
    evs = run("Russian artillery fired from Belgorod overnight.", [P("Belgorod", country="RU")])
    assert [e["place"]["name"] for e in evs] == ["Belgorod"]
    assert "where it came from" in evs[0]["place"]["reason"]


def test_a_place_qualifying_a_noun_is_not_the_event_place(run):
    evs = run("Ukrainian forces fired artillery on Kreminna militia positions in Zhytlivka.",
              [P("Kreminna"), P("Zhytlivka")])
    assert [e["place"]["name"] for e in evs] == ["Zhytlivka"]


def test_near_after_a_place_is_the_next_places_preposition(run):
    evs = run("Russian forces fired mortars at the Sunflower Park near Lozova.",
              [P("Sunflower Park", "other"), P("Lozova")])
    assert (evs[0]["place"]["name"], evs[0]["place"]["precision"]) == ("Sunflower Park", "exact")


@pytest.mark.parametrize("park,want", [
    (P("Sunflower Park", "other", mapped=False), ("Lozova", "near")),
    (P("Sunflower Park", "city", "Hanoi", "VN", at=(21.0, 105.8)), ("Lozova", "near")),
    (P("Sunflower Park", "other"), ("Sunflower Park", "exact")),
])
def test_the_town_a_site_is_near_stands_in_for_a_site_we_cannot_place(run, park, want):
    evs = run("Russian forces fired mortars at the Sunflower Park near Lozova.", [park, P("Lozova")])
    assert (evs[0]["place"]["name"], evs[0]["place"]["precision"]) == want


def test_people_killed_with_no_attack_named_inherit_the_paragraph_place(run):
    evs = run("Russian soldiers ran over a car near Orikhiv on a country road. Two people died.", [P("Orikhiv")])
    dead = [e for e in evs if e["casualties"]["killed"] == 2]
    assert dead and dead[0]["place"]["name"] == "Orikhiv" and "inherited" in dead[0]["place"]["reason"]


def test_place_of_origin_is_not_the_event_place(run):
    evs = run("Ukrainian forces fired rockets toward Svatove from their positions in Kreminna.",
              [P("Svatove"), P("Kreminna")])
    assert [e["place"]["name"] for e in evs] == ["Svatove"]


def test_direct_object_place_is_exact(run):
    evs = run("Russian forces shelled Siversk on Monday.", [P("Siversk")])
    assert (evs[0]["place"]["name"], evs[0]["place"]["precision"]) == ("Siversk", "exact")


@pytest.mark.parametrize("text,acled", [
    ("Russian forces shelled Siversk.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    ("Russian forces launched a drone strike on Siversk.", ("Explosions/Remote violence", "Air/drone strike")),
    ("Russian aircraft struck Siversk.", ("Explosions/Remote violence", "Air/drone strike")),
    ("Russian forces conducted air strikes near Siversk.", ("Explosions/Remote violence", "Air/drone strike")),
    ("A landmine exploded near Siversk.", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    ("Russian forces clashed with Ukrainian forces near Siversk.", ("Battles", "Armed clash")),
    ("Ukrainian air defence shot down a Russian drone over Siversk.",
     ("Strategic developments", "Disrupted weapons use")),
    ("Hundreds of residents protested in Siversk.", ("Protests", "Peaceful protest")),
    ("Football fans rioted in Siversk.", ("Riots", "Violent demonstration")),
    ("Police arrested two men in Siversk.", ("Strategic developments", "Arrests")),
    ("Soldiers looted shops in Siversk.", ("Strategic developments", "Looting/property destruction")),
    ("Russian soldiers abducted a volunteer in Siversk.",
     ("Violence against civilians", "Abduction/forced disappearance")),
])
def test_acled_types(run, text, acled):
    evs = run(text, [P("Siversk")])
    assert acled in [(e["acled"]["event_type"], e["acled"]["sub_event_type"]) for e in evs if e["acled"]]


@pytest.mark.parametrize("text,sub", [
    ("Ukrainian forces recaptured Lyman.", "Government regains territory"),
    ("Russian forces captured Lyman.", "Non-state actor overtakes territory"),
])
def test_territory_depends_on_who_takes_whose_place(run, text, sub):
    evs = run(text, [P("Lyman", country="UA")])
    assert evs[0]["acled"]["sub_event_type"] == sub


@pytest.mark.parametrize("text,type_,label", [
    ("North Korea and Russia signed an agreement.", "AGREE", "agreement"),
    ("Putin openly rejected any negotiated ceasefire.", "REJECT", "rejection"),
    ("Kyiv accused Moscow of shelling civilians.", "ACCUSE", "accusation"),
    ("Zelensky met the Polish president in Warsaw.", "CONSULT", "talks"),
    ("Germany delivered air defence systems to Ukraine.", "AID", "aid-delivery"),
    ("The European Union imposed new sanctions on Russian banks.", "SANCTION", "sanction"),
    ("Moscow threatened retaliation.", "THREATEN", "threat"),
    ("Russia mobilized 300,000 reservists.", "MOBILIZE", "mobilization"),
    ("Russian troops withdrew from Kherson.", "RETREAT", "withdrawal"),
])
def test_plover_types(run, text, type_, label):
    evs = run(text)
    assert (type_, label) in [(e["type"], e["label"]) for e in evs]


def test_agreement_takes_the_attached_date(run):
    evs = run("North Korea and Russia signed an agreement on October 30.",
              times=[T("October 30", "2024-10-30")])
    assert (evs[0]["type"], evs[0]["time"]["value"], evs[0]["time"]["precision"]) == ("AGREE", "2024-10-30", "day")


def test_compound_actors_each_get_a_country(run):
    evs = run("North Korea and Russia signed an agreement.")
    assert {a["country"] for a in evs[0]["actors"]} == {"KP", "RU"}


def test_heading_date_applies_to_the_list_below(run):
    text = "Key findings as of October 31:\nRussian forces recently advanced near Kupyansk."
    evs = run(text, [P("Kupyansk")], times=[T("October 31", "2024-10-31")])
    assert evs[0]["time"]["value"] == "2024-10-31" and "heading" in evs[0]["time"]["reason"]


def test_publication_date_is_the_last_resort(run):
    evs = run("Russian forces shelled Kupyansk.", [P("Kupyansk")], published="2024-11-01")
    assert (evs[0]["time"]["value"], evs[0]["time"]["reason"]) == (
        "2024-11-01", "no date in the sentence; publication date")


@pytest.mark.parametrize("text,modality", [
    ("Russian forces shelled Kupyansk.", "asserted"),
    ("Russian forces reportedly shelled Kupyansk.", "reported"),
    ("Russian forces did not shell Kupyansk.", "denied"),
    ("Russia denied attacking Kupyansk.", "denied"),
    ("Russian forces could attack Kupyansk.", "hypothetical"),
    ("If Russian forces attack Kupyansk, the front will move.", "hypothetical"),
    ("Russian forces intend to attack Kupyansk.", "intended"),
    ("Russian forces will attack Kupyansk.", "intended"),
    ("Russian forces previously attacked Kupyansk.", "historical"),
])
def test_modality(run, text, modality):
    evs = [e for e in run(text, [P("Kupyansk")]) if e["type"] == "ASSAULT"]
    assert evs[0]["modality"] == modality


def test_hypothetical_consequence_did_not_happen(run):
    evs = run("A ceasefire would allow Ukraine to rearm.")
    assert evs and {e["modality"] for e in evs} == {"hypothetical"}
    assert all(e["acled"] is None for e in evs)


def test_intention_is_intended(run):
    evs = run("The South Korean government intends to send personnel to Ukraine.")
    send = next(e for e in evs if e["trigger"]["text"] == "send")
    assert (send["modality"], send["type"], send["actors"][0]["country"]) == ("intended", "AID", "KR")


def test_date_long_before_publication_is_historical(run):
    evs = run("Russian forces occupied Crimea in 2014.", [P("Crimea", feature="region", admin1="Crimea")],
              times=[T("2014", "2014", "year")])
    assert evs[0]["modality"] == "historical"


def test_event_inside_a_claim_is_reported_and_linked(run):
    text = "The general staff said that Russian forces shelled Kupyansk."
    evs = run(text, [P("Kupyansk")], claims=["Russian forces shelled Kupyansk"])
    shelling = next(e for e in evs if e["label"] == "shelling")
    assert (shelling["claim"], shelling["modality"]) == ("c1", "reported")


@pytest.mark.parametrize("text,killed,injured", [
    ("Russian forces shelled Kupyansk, killing two civilians.", 2, None),
    ("Russian forces shelled Kupyansk. There was one fatality.", 1, None),
    ("Russian forces shelled Kupyansk and wounded five people.", None, 5),
    ("Russian forces shelled Kupyansk. There were no casualties.", 0, 0),
    ("Russian forces shelled Kupyansk. 3 civilians were killed and 2 were wounded.", 3, 2),
    ("Russian forces shelled Kupyansk. Casualties unknown.", None, None),
])
def test_casualties(run, text, killed, injured):
    evs = run(text, [P("Kupyansk")])
    shelling = [e for e in evs if e["label"] == "shelling"]
    assert len(shelling) == 1
    assert (shelling[0]["casualties"]["killed"], shelling[0]["casualties"]["injured"]) == (killed, injured)


def test_the_shelling_refers_back_to_the_shelling(run):
    evs = run("Russian forces shelled Kupyansk. As a result of the shelling, one person was wounded.",
              [P("Kupyansk")])
    assert [(e["label"], e["casualties"]["injured"]) for e in evs] == [("shelling", 1)]


def test_offsets_point_into_the_text(run):
    text = "On Monday, Russian forces shot down a drone near Kupyansk."
    evs = run(text, [P("Kupyansk")])
    e = evs[0]
    assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"] == "shot down"
    assert (e["sentence"]["start"], e["sentence"]["end"]) == (0, len(text))


def test_no_trigger_no_event(run):
    assert run("The weather in Kupyansk was cold.", [P("Kupyansk")]) == []


def test_lexicon_rejects_unknown_plover_type(tmp_path):
    src = load_lexicon.__wrapped__  # the uncached loader
    from warbrief.stages.events.lexicon import EVENTS_DATA

    for name in ("refiners.tsv", "cues.tsv"):
        (tmp_path / name).write_text((EVENTS_DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text("shell\tV\tBOMBARD\t-\tshelling\t-\t-\t-\n", encoding="utf-8")
    with pytest.raises(WarbriefError, match="not a PLOVER event type"):
        src(tmp_path)


def test_lexicon_rejects_wrong_column_count(tmp_path):
    from warbrief.stages.events.lexicon import EVENTS_DATA

    for name in ("refiners.tsv", "cues.tsv"):
        (tmp_path / name).write_text((EVENTS_DATA / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text("shell\tV\tASSAULT\n", encoding="utf-8")
    with pytest.raises(WarbriefError, match="columns"):
        load_lexicon.__wrapped__(tmp_path)


def test_full_pipeline_events_satisfy_the_contract(analyze):
    text = ("Key findings as of October 31:\n"
            "Russian forces recently advanced near Kupyansk and Pokrovsk. Ukrainian officials said "
            "that Russian drones struck Kharkiv overnight, killing two civilians.")
    data = analyze(text, published="2024-11-01")
    validate(data)
    assert data["events"] and all(e["id"] == f"e{n}" for n, e in enumerate(data["events"], 1))


@pytest.mark.parametrize("text", [
    "The president raised the topic of a ceasefire.",
    "The Kremlin still shows no interest in a ceasefire.",
    "The ministers held talks on a ceasefire in Geneva.",
    "The prime minister firmly rejected any ceasefire.",
    "Several senators discussed a ceasefire.",
])
def test_a_topic_of_talk_is_not_an_event(run, text):
    evs = run(text)
    assert "ceasefire" not in [e["label"] for e in evs]


def test_a_stance_verb_stays_an_event_when_its_object_is_dropped(run):
    evs = run("The prime minister firmly rejected any ceasefire.")
    assert [e["type"] for e in evs] == ["REJECT"]


@pytest.mark.parametrize("text", [
    "We must not let the army use the lull to rearm.",
    "The army could use the lull to rearm.",
])
def test_a_purpose_that_did_not_happen_is_not_an_event(run, text):
    evs = run(text)
    assert "rearmament" not in [e["label"] for e in evs]


def test_an_asserted_purpose_clause_is_kept(run):
    evs = run("Hundreds of dockers left their posts to protest against the new law.")
    assert "protest" in [e["label"] for e in evs]


def test_an_asserted_ceasefire_is_still_an_event(run):
    evs = run("A ceasefire took effect in the region on Sunday.")
    assert "ceasefire" in [e["label"] for e in evs]


def test_second_mention_of_a_strike_merges_into_the_first(run):
    evs = run("A Russian missile strike hit Zhytomyr on Tuesday, injuring six people. "
              "The missile destroyed a school.", [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    strikes = [e for e in evs if e["label"] == "missile-strike"]
    assert [(e["place"]["name"], e["casualties"]["injured"]) for e in strikes] == [("Zhytomyr", 6)]


def test_separate_strikes_with_their_own_subjects_stay_apart(run):
    evs = run("Russian forces shelled Ternova. Russian forces also shelled Vovchansk.",
              [P("Ternova"), P("Vovchansk")])
    assert [e["place"]["name"] for e in evs] == ["Ternova", "Vovchansk"]


@pytest.mark.parametrize("text", [
    "The missile struck a warehouse in Zhytomyr.",
    "A drone hit a warehouse in Zhytomyr.",
])
def test_a_weapon_is_never_an_actor(run, text):
    evs = run(text, [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert evs and all(not e["actors"] for e in evs)


@pytest.mark.parametrize("text,country", [
    ("Russian drones struck a warehouse in Zhytomyr.", "RU"),
    ("Ukrainian drones hit an oil depot in Zhytomyr.", "UA"),
])
def test_a_weapon_country_is_the_actor(run, text, country):
    evs = run(text, [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [(a["name"], a["country"]) for a in evs[0]["actors"]] == [(
        {"RU": "Russia", "UA": "Ukraine"}[country], country)]


def test_launched_drones_are_a_drone_strike_by_their_country(run):
    evs = run("Air defence units shot down 12 of 30 Russian drones launched overnight over Zhytomyr.",
              [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    strike = next(e for e in evs if e["label"] == "drone-strike")
    assert (strike["acled"]["sub_event_type"], [a["country"] for a in strike["actors"]]) == (
        "Air/drone strike", ["RU"])


def test_coordinated_actor_name_has_no_conjunction(run):
    evs = run(LIST, LIST_PLACES)
    assert evs[-1]["actors"][0]["name"] == "Ukrainian troops"


@pytest.mark.parametrize("text,actor,country", [
    ("The Moldovan coast guard said it seized a boat near Zhytomyr.", "The Moldovan coast guard", "MD"),
    ("The Moldovan coast guard said that its units seized a boat near Zhytomyr.",
     "The Moldovan coast guard", "MD"),
])
def test_pronoun_actor_resolves_to_the_speaker(run, text, actor, country):
    evs = run(text, [P("Zhytomyr", admin1="Zhytomyr Oblast")], actors=[A(actor, country)])
    assert evs and evs[0]["actors"] and evs[0]["actors"][0]["country"] == country


def test_coordinated_actors_give_one_event_each(run):
    evs = run("Russian and Belarusian forces attacked Ukrainian positions near Zhytomyr.",
              [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert sorted(tuple(a["country"] for a in e["actors"]) for e in evs) == [("BY",), ("RU",)]


def test_a_joint_event_keeps_its_actors_together(run):
    evs = run("Moldova and Romania signed an agreement.")
    assert [sorted(a["country"] for a in e["actors"]) for e in evs] == [["MD", "RO"]]


def test_town_inside_the_region_is_preferred(run):
    evs = run("Ukrainian forces shot down a drone over the Odesa region near Odesa.",
              [P("Odesa region", feature="region", admin1=None), P("Odesa", admin1="Odesa Oblast", occurrence=1)])
    assert [e["place"]["name"] for e in evs] == ["Odesa"]


def test_anaphoric_place_carries_over(run):
    evs = run("Russian forces shelled Ternova. Additionally, Russian forces shelled near the settlement.",
              [P("Ternova")])
    assert [e["place"]["name"] if e["place"] else None for e in evs] == ["Ternova", "Ternova"]


def test_no_place_is_carried_without_an_anaphor(run):
    evs = run("Russian forces shelled Ternova. Moscow threatened retaliation.", [P("Ternova")])
    assert evs[-1]["type"] == "THREATEN" and evs[-1]["place"] is None


@pytest.mark.parametrize("text,acled", [
    ("Russian forces withdrew from Lyman and Ukrainian forces regained control of the town.",
     ("Strategic developments", "Non-violent transfer of territory")),
    ("Russian forces shelled Lyman and Ukrainian forces fired back.", ("Battles", "Armed clash")),
    ("Russian forces killed two Ukrainian soldiers in Lyman.", ("Battles", "Armed clash")),
    ("Russian soldiers killed two civilians in Lyman.", ("Violence against civilians", "Attack")),
    ("Ukrainian forces seized a Russian weapons cache in Lyman.",
     ("Strategic developments", "Disrupted weapons use")),
])
def test_acled_coding_by_arguments(run, text, acled):
    evs = run(text, [P("Lyman")])
    assert acled in [(e["acled"]["event_type"], e["acled"]["sub_event_type"]) for e in evs if e["acled"]]


@pytest.mark.model
def test_equidistant_triggers_sharing_a_place_do_not_crash(pipeline):
    """Two triggers at the same distance from a third used to be compared as objects."""
    text = ("Russian forces shelled and attacked positions, and then struck and bombed the town of "
            "Kupyansk again.")
    doc = pipeline.nlp(pipeline.make_doc(DocumentInput(text, published="2024-11-01")))
    assert not doc._.wb.notes.get("stage_errors")


def test_the_subject_of_an_active_killing_is_not_counted(run):
    evs = run("A Russian missile strike on Zhytomyr killed seven people.", [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [e["casualties"]["killed"] for e in evs] == [7]


def test_instrument_weapon_gives_the_actor(run):
    evs = run("A truck exploded on a Russian landmine near Zhytomyr.", [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [[a["country"] for a in e["actors"]] for e in evs] == [["RU"]]


def test_what_exploded_is_not_the_actor(run):
    evs = run("A truck exploded on a landmine near Zhytomyr.", [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert (evs[0]["actors"], [r["name"] for r in evs[0]["recipients"]]) == ([], ["truck"])


def test_a_repeated_noun_mention_is_one_event(run):
    evs = run("Moldova's blockade of the port began in May. Moldova's blockade has cut exports.",
              times=[T("May", "2024-05", "month")])
    assert [e["label"] for e in evs].count("blockade") == 1


def test_relative_pronoun_actor_is_the_noun_it_modifies(run):
    evs = run("Moldovan border guards, who intercepted a drone near Zhytomyr, were decorated.",
              [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    interception = next(e for e in evs if e["label"] == "interception")
    assert [a["country"] for a in interception["actors"]] == ["MD"]


def test_possessive_pronoun_party_is_named_by_its_country(run):
    evs = run("The Moldovan coast guard said that its units seized a boat near Zhytomyr.",
              [P("Zhytomyr", admin1="Zhytomyr Oblast")], actors=[A("The Moldovan coast guard", "MD")])
    assert [a["name"] for a in evs[0]["actors"]] == ["Moldovan units"]


@pytest.mark.parametrize("text", [
    "Ukrainian drones attacked a depot in occupied Zhytomyr.",
    "Ukrainian drones attacked a depot near the occupied Zhytomyr.",
])
def test_a_participle_before_a_place_is_an_adjective(run, text):
    evs = run(text, [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [e["label"] for e in evs] == ["drone-strike"]


@pytest.mark.parametrize("text", [
    "Diplomats made progress on the mechanics of a theoretical ceasefire.",
    "A European force would patrol the border after a ceasefire.",
    "Neither side expects a lasting ceasefire soon.",
])
def test_a_kind_of_event_or_one_yet_to_come_is_not_an_event(run, text):
    evs = run(text)
    assert "ceasefire" not in [e["label"] for e in evs]


def test_a_violent_event_after_which_people_were_hurt_is_kept(run):
    evs = run("Two civilians were injured after an explosion in Zhytomyr.", [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [e["label"] for e in evs] == ["explosion"]


@pytest.mark.parametrize("text,sub", [
    ("Ukrainian gunners destroyed three Russian drones over Zhytomyr.", "Disrupted weapons use"),
    ("Russian drones destroyed a warehouse in Zhytomyr.", "Air/drone strike"),
])
def test_destroying_a_flying_weapon_is_an_interception(run, text, sub):
    evs = run(text, [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [e["acled"]["sub_event_type"] for e in evs] == [sub]


def test_casualties_without_an_attack_take_their_cause_from_the_sentence(run):
    evs = run("A farmer was injured, having stepped on an unexploded shell near Zhytomyr.",
              [P("Zhytomyr", admin1="Zhytomyr Oblast")])
    assert [(e["label"], e["acled"]["sub_event_type"]) for e in evs] == [
        ("explosion", "Remote explosive/landmine/IED")]


@pytest.mark.parametrize("text", [
    "The second chapter provides an overview of the budget.",
    "In this image made from video provided by the regional governor, smoke rises over the town.",
    "Satellite photos provided to reporters show the damaged bridge.",
    "The columnist has offered sharp analysis of the peace process.",
    "Moscow again demonstrated no willingness to compromise.",
])
def test_a_verb_whose_object_is_content_is_no_event(run, text):
    evs = run(text)
    assert [e["label"] for e in evs if e["label"] in ("aid-delivery", "offer", "protest")] == []


@pytest.mark.parametrize("text,label", [
    ("Norway provided ten ambulances to Kharkiv hospitals.", "aid-delivery"),
    ("Hundreds of students demonstrated outside the parliament.", "protest"),
])
def test_a_verb_with_a_material_object_is_still_an_event(run, text, label):
    evs = run(text)
    assert label in [e["label"] for e in evs]


@pytest.mark.parametrize("text", [
    "Grain exports have fallen since Russia's invasion of Ukraine.",
    "Since the full-scale invasion began, the museum has stayed closed.",
])
def test_the_invasion_as_the_war_itself_is_background(run, text):
    evs = [e for e in run(text) if e["label"] == "invasion"]
    assert [e["modality"] for e in evs] == ["historical"]


def test_an_invasion_still_to_come_keeps_its_modality(run):
    evs = [e for e in run("Analysts said an invasion of the island would be costly.") if e["label"] == "invasion"]
    assert [e["modality"] for e in evs] == ["hypothetical"]


def test_an_invading_army_is_no_event(run):
    evs = run("The invading army brought parade uniforms.")
    assert [e["label"] for e in evs] == []


@pytest.mark.parametrize("text,type_", [
    ("The governor lifted the night curfew in the province.", "CONCEDE"),
    ("The court allowed the opposition leader to hold a rally.", "CONCEDE"),
    ("The navy lifted its blockade of the port.", "RETREAT"),
])
def test_lifting_a_restriction_is_a_concession_and_a_blockade_a_retreat(run, text, type_):
    evs = [e for e in run(text) if e["label"] in ("easing", "concession")]
    assert [e["type"] for e in evs] == [type_]


@pytest.mark.parametrize("text", [
    "Russian forces stepped up their assaults on the town.",
    "Russian forces intensified attacks on the town.",
])
def test_a_support_verb_gives_its_subject_to_a_noun_event(run, text):
    evs = [e for e in run(text) if e["label"] == "attack"]
    assert [[a["country"] for a in e["actors"]] for e in evs] == [["RU"]]


# ------------------------------------------------------------------ people moved by force, note headings
@pytest.mark.parametrize("text,origin,dest", [
    ("Occupying troops transferred three teenagers from Oleshky to Skadovsk.", "Oleshky", "Skadovsk"),
    ("Russian soldiers abducted a farmer from Vasylivka and took him to Tokmak.", "Vasylivka", "Tokmak"),
])
def test_people_taken_away_are_placed_where_they_were_taken_from(run, text, origin, dest):
    evs = run(text, [P(origin), P(dest)])
    taken = [e for e in evs if e["label"] in ("deportation", "abduction")]
    assert taken and taken[0]["place"]["name"] == origin
    assert taken[0]["acled"] == {"event_type": "Violence against civilians",
                                 "sub_event_type": "Abduction/forced disappearance"}


def test_transferring_civilians_is_a_deportation_transferring_shells_is_aid(run):
    people = by_label_or_trigger(run("Russian forces transferred a woman to Crimea."), "transferred")
    assert (people["type"], people["mode"], people["label"]) == ("COERCE", "deport", "deportation")
    goods = by_label_or_trigger(run("Norway transferred ammunition to Ukraine."), "transferred")
    assert (goods["type"], goods["label"], goods["acled"]) == ("AID", "military-aid", None)


def by_label_or_trigger(evs: list[dict], word: str) -> dict:
    hits = [e for e in evs if e["trigger"]["text"] == word]
    assert hits, [(e["trigger"]["text"], e["label"]) for e in evs]
    return hits[0]


def test_a_note_heading_names_the_event_when_the_sentence_names_none(run):
    evs = run("Displacement: On 3 April 2022, Russian troops put the villagers of Kozarovychi on buses.",
              [P("Kozarovychi", admin1="Kyiv Oblast")])
    assert [(e["type"], e["label"]) for e in evs] == [("COERCE", "displacement")]
    ev = evs[0]
    assert ev["acled"] == {"event_type": "Strategic developments", "sub_event_type": "Other"}
    assert [a["country"] for a in ev["actors"]] == ["RU"]
    assert ev["place"]["name"] == "Kozarovychi"


def test_a_heading_gives_way_to_the_event_the_sentence_names(run):
    evs = run("Looting: On 2 May 2022, Russian forces shelled Orikhiv.", [P("Orikhiv")])
    assert [e["label"] for e in evs] == ["shelling"]


def test_a_heading_row_is_no_event_in_running_text(run):
    assert run("The displacement of families from the east continued.") == []


def test_looting_heading_takes_the_actor_and_place_of_the_sentence(run):
    evs = run("Looting: On 9 May 2022, Russian forces shipped sunflower oil out of Vasylivka.", [P("Vasylivka")])
    assert [(e["label"], e["place"]["name"]) for e in evs] == [("looting", "Vasylivka")]
    assert evs[0]["actors"][0]["country"] == "RU"


@pytest.mark.parametrize("text,verb", [
    ("Russian troops forced the residents to abandon Kozarovychi.", "forced"),
    ("The soldiers made the villagers leave Kozarovychi.", "made"),
])
def test_people_forced_to_leave_are_displaced_not_withdrawing(run, text, verb):
    evs = run(text, [P("Kozarovychi", admin1="Kyiv Oblast")])
    assert [(e["trigger"]["text"], e["type"], e["label"]) for e in evs] == [(verb, "COERCE", "displacement")]
    assert evs[0]["place"]["name"] == "Kozarovychi"
    assert evs[0]["actors"][0]["name"] in ("Russian troops", "soldiers")


def test_fighters_made_to_leave_are_no_displacement(run):
    evs = run("Ukrainian fire forced the Russian battalion to abandon Kozarovychi.", [P("Kozarovychi")])
    assert "displacement" not in [e["label"] for e in evs]
