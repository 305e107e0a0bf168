"""Events stage: demands, requests, wishes, warnings and offers, coded as PLOVER codes them.

"X must Y", "X said Y should Z", "called on X to Y", "urged X to Y", "demanded that X Y" are a
REQUEST by the speaker, and the requested action is not an event that happened (modality
`hypothetical`, no ACLED coding). Each test parses a sentence we wrote and runs only the spaCy
parser and the events stage (no entities, places, times or claims), so that it tests the
events stage alone.
"""

from __future__ import annotations

import pytest

from warbrief.pipeline import DocumentInput
from warbrief.stages.events.lexicon import load_lexicon
from warbrief.stages.events.stage import create_events

pytestmark = pytest.mark.model

SPACY = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")


@pytest.fixture(scope="module")
def run(pipeline):
    stage = create_events(pipeline.nlp, "warbrief_events")

    def go(text: str) -> list[dict]:
        doc = pipeline.make_doc(DocumentInput(text, "2024-11-01"))
        for name, proc in pipeline.nlp.pipeline:
            if name in SPACY:
                doc = proc(doc)
        return [e.to_dict() for e in stage(doc)._.wb.events]

    return go


def by_trigger(evs: list[dict], word: str) -> dict:
    hits = [e for e in evs if e["trigger"]["text"] == word]
    assert hits, f"no event on {word!r}: {[(e['trigger']['text'], e['type']) for e in evs]}"
    return hits[0]


def types(evs: list[dict]) -> list[str]:
    return [e["type"] for e in evs]


# ------------------------------------------------------------------ demands in what is said
@pytest.mark.parametrize("text,speech,action", [
    ("The foreign minister said that Moscow must withdraw its troops from the border.", "said", "withdraw"),
    ("The parliament declared that Belarus should release the detained activists.", "declared", "release"),
    ("The envoy stressed that the sanctions must be lifted first.", "stressed", "lifted"),
])
def test_what_a_party_must_do_is_a_demand_and_not_an_event(run, text, speech, action):
    evs = run(text)
    demand = by_trigger(evs, speech)
    assert (demand["type"], demand["label"], demand["modality"]) == ("REQUEST", "demand", "asserted")
    owed = by_trigger(evs, action)
    assert owed["modality"] == "hypothetical"
    assert owed["acled"] is None


@pytest.mark.parametrize("text", [
    "The minister said that Russian forces shelled the town overnight.",  # a statement of fact
    "The mayor said Russian troops must have shelled the bridge.",  # a guess about the past
    "Analysts said prices should rise next year.",  # not a party that can be told
    "The general said that we must withdraw from the village.",  # the speaker's own duty
    "The commander insisted that his troops had not fired on the convoy.",  # insisting on a fact
])
def test_saying_without_a_demand_is_no_request(run, text):
    assert "REQUEST" not in types(run(text))


def test_the_speakers_own_duty_is_intended(run):
    evs = run("The general said that we must withdraw from the village.")
    assert by_trigger(evs, "withdraw")["modality"] == "intended"


@pytest.mark.parametrize("text,demand,action", [
    ("The prime minister insisted that the army withdraw from the border.", "insisted", "withdraw"),
    ("The president told the rebels to surrender their weapons.", "told", "surrender"),
    ("Kyiv demanded that Moscow release all prisoners of war.", "demanded", "release"),
])
def test_a_demand_that_a_party_act_makes_the_act_hypothetical(run, text, demand, action):
    evs = run(text)
    assert by_trigger(evs, demand)["type"] == "REQUEST"
    assert by_trigger(evs, action)["modality"] == "hypothetical"


def test_has_to_is_an_obligation_not_a_fact(run):
    evs = run("The Kremlin has to negotiate with Kyiv.")
    assert by_trigger(evs, "negotiate")["modality"] == "hypothetical"


# ------------------------------------------------------------------ requests and appeals
@pytest.mark.parametrize("text,asking,action,doer", [
    ("Lithuania called on NATO to deploy more troops to the Baltic states.", "called on", "deploy", "NATO"),
    ("Poland urged Germany to send tanks to Ukraine.", "urged", "send", "Germany"),
    ("Kyiv asked Washington to provide long-range missiles.", "asked", "provide", "Washington"),
    ("Moldova appealed to the OSCE to investigate the explosion.", "appealed", "investigate", "OSCE"),
])
def test_requested_action_is_hypothetical_and_done_by_the_addressee(run, text, asking, action, doer):
    evs = run(text)
    assert by_trigger(evs, asking)["type"] == "REQUEST"
    asked = by_trigger(evs, action)
    assert asked["modality"] == "hypothetical"
    assert asked["acled"] is None
    assert doer in [a["name"] for a in asked["actors"]]


def test_called_for_someone_to_be_handed_over_is_hypothetical(run):
    evs = run("The opposition called for the warlord to be extradited from Moscow.")
    assert by_trigger(evs, "extradited")["modality"] == "hypothetical"


def test_what_the_requested_action_is_about_still_happened(run):
    evs = run("Kyiv appealed to the UN to investigate the strike on the hospital.")
    assert by_trigger(evs, "investigate")["modality"] == "hypothetical"
    assert by_trigger(evs, "strike")["modality"] == "asserted"


def test_pressuring_a_party_is_a_request(run):
    evs = run("The authorities pressured the workers to cancel their strike.")
    assert by_trigger(evs, "pressured")["type"] == "REQUEST"


# ------------------------------------------------------------------ wishes, warnings, offers
def test_wanting_another_party_to_act_is_hypothetical_wanting_to_act_is_intended(run):
    assert by_trigger(run("The president wants Western partners to supply fighter jets."),
                      "supply")["modality"] == "hypothetical"
    assert by_trigger(run("The general wants to capture the bridge."), "capture")["modality"] == "intended"


def test_warning_against_an_attack_is_a_threat_and_the_attack_did_not_happen(run):
    evs = run("The defence minister warned Kyiv against attacking Belgorod.")
    assert by_trigger(evs, "warned")["type"] == "THREATEN"
    attack = by_trigger(evs, "attacking")
    assert attack["modality"] == "hypothetical" and attack["acled"] is None


@pytest.mark.parametrize("text,word,mode", [
    ("Moscow warned that it would strike the weapons depots.", "warned", "violence"),
    ("The president warned Minsk of severe consequences.", "warned", None),
    ("The junta threatened to seize the port.", "threatened", "territory"),
    ("The government threatened to expel the diplomats.", "threatened", "expel"),
    ("The prime minister threatened Finland last year.", "threatened", None),
])
def test_threats_and_their_modes(run, text, word, mode):
    ev = by_trigger(run(text), word)
    assert (ev["type"], ev["mode"]) == ("THREATEN", mode)


@pytest.mark.parametrize("text", [
    "Officials warned that continued strikes could worsen the situation.",  # a risk, not a threat
    "Experts warn that conditions are unlikely to improve soon.",
    "Continuing the war will threaten the stability of the regime.",  # endanger
    "The country faces an existential threat.",
])
def test_cautions_and_dangers_are_no_threat(run, text):
    assert "THREATEN" not in types(run(text))


def test_what_is_threatened_is_no_event_of_its_own(run):
    evs = run("Western threats of sanctions on the oil trade grew.")
    assert by_trigger(evs, "threats")["mode"] == "restrict"
    assert "SANCTION" not in types(evs)


def test_an_offer_to_act_is_agree_and_the_act_is_intended(run):
    evs = run("Turkey offered to mediate between the two governments.")
    assert by_trigger(evs, "offered")["type"] == "AGREE"
    assert by_trigger(evs, "mediate")["modality"] == "intended"


# ------------------------------------------------------------------ PLOVER codings from the trigger data
@pytest.mark.parametrize("text,word,type_,mode", [
    ("Georgia and Armenia signed a border treaty.", "treaty", "AGREE", None),  # signing is AGREE (issue #5)
    ("The mission withdrew its observers from the region.", "withdrew", "SANCTION", "withdraw"),
    ("The government suspended the publication of the opposition newspaper.", "suspended", "COERCE", "censor"),
    ("The court cancelled the restrictions on public gatherings.", "cancelled", "CONCEDE", "ease"),
    ("The junta declared a state of emergency in the capital.", "state of emergency", "COERCE", "martial-law"),
    ("The envoy launched a mediation effort between the two capitals.", "mediation", "CONSULT", "third-party"),
    ("The two navies held joint exercises in the Black Sea.", "joint exercises", "COOPERATE", "military"),
    ("The union called off the strike.", "called off", "CONCEDE", None),
])
def test_plover_codings(run, text, word, type_, mode):
    ev = by_trigger(run(text), word)
    assert (ev["type"], ev["mode"]) == (type_, mode)


def test_withdrawing_observers_is_not_a_transfer_of_territory(run):
    ev = by_trigger(run("The mission withdrew its observers from the region."), "withdrew")
    assert ev["acled"] is None


def test_obligation_rows_are_requests():
    lex = load_lexicon()
    rows = [r for rules in list(lex.single.values()) + list(lex.multi.values()) for r in rules
            if "obligation" in r.flags]
    assert rows and {r.coding.type for r in rows} == {"REQUEST"}
    assert {"must", "should"} <= {w[0] for w in lex.cues["obligation"]}


# ------------------------------------------------------------------ who a demand is made of
@pytest.mark.parametrize("text,speech,addressee", [
    ("The foreign minister said that Moscow must withdraw its troops from the border.", "said", "Moscow"),
    ("Kyiv demanded that Minsk release the detained journalists.", "demanded", "Minsk"),
    ("The prime minister insisted that the army withdraw from the border.", "insisted", "army"),
    ("Poland urged Germany to send tanks to Ukraine.", "urged", "Germany"),
    ("The president told the rebels to surrender their weapons.", "told", "rebels"),
])
def test_the_party_told_what_it_must_do_is_the_requests_recipient(run, text, speech, addressee):
    demand = by_trigger(run(text), speech)
    assert demand["type"] == "REQUEST"
    assert [r["name"] for r in demand["recipients"]] == [addressee]


@pytest.mark.parametrize("text,speech", [
    ("The envoy stressed that the sanctions must be lifted first.", "stressed"),  # passive: no addressee
])
def test_a_demand_without_an_addressee_has_no_recipient(run, text, speech):
    assert by_trigger(run(text), speech)["recipients"] == []
