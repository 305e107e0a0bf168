# ruff: noqa: F811 - pytest fixtures imported from a sibling test module
"""A Ukrainian outlet's re-report of ISW (issue 16): each construction once, in sentences we wrote.

Claims: "In his turn, X ... stated", "..., the report said", "Specialists of X note that",
"according to X" inside a reported clause. Events: "X spoke with Y" / "held talks" / "met"
(CONSULT with both parties), "reportedly intends to send" (intended, X the actor), coordinated
actors inside a list item, "demonstrates his disinterest" and a ceasefire only talked about (no
events), one demand naming several regions (one REQUEST)."""

from __future__ import annotations

import pytest

from test_claims import claim_with, run  # noqa: F401 - fixture

pytestmark = pytest.mark.model

PUTIN = "Russian dictator Vladimir Putin stated that Ukraine must withdraw its troops from four regions. "


@pytest.mark.parametrize("turn", [
    "In his turn, Zelensky, in response to the proposal, stated that such conditions are an ultimatum.",
    "In his turn, President of Ukraine Volodymyr Zelensky, in response to the proposal of the Kremlin leader, "
    "stated that such conditions are an ultimatum.",
])
def test_in_his_turn_the_new_subject_speaks(run, turn):
    claims, _ = run(PUTIN + turn)
    assert claim_with(claims, "such conditions are an ultimatum")["speaker"]["entity"] == "person:volodymyr-zelenskyy"


def test_the_report_said_is_the_report_s_author_not_a_name_inside_it(run):
    text = ("The Institute for the Study of War published a new assessment. "
            "Ukrainians do not trust the Kremlin, the report said.")
    claims, _ = run(text)
    assert claim_with(claims, "Ukrainians do not trust the Kremlin")["speaker"]["entity"] == "org:isw"


def test_the_report_said_with_no_author_named_is_the_document_s_source(run):
    claims, _ = run("Ukrainians do not trust the Kremlin, the report said.", source="Ukrinform")
    assert claim_with(claims, "Ukrainians do not trust the Kremlin")["speaker"]["name"] == "Ukrinform"


def test_specialists_of_x_note_that(run):
    text = ("Putin said that Russia is ready for talks. Specialists of the Institute for the Study of War "
            "note that the Kremlin continues to reject any ceasefire.")
    claims, _ = run(text)
    assert claim_with(claims, "the Kremlin continues to reject any ceasefire")["speaker"]["entity"] == "org:isw"


def test_according_to_inside_a_reported_clause_is_relayed(run):
    text = "ISW analysts said that, according to the Ukrainian General Staff, Russian forces lost 1,200 soldiers."
    claims, _ = run(text)
    inner = claim_with(claims, "Russian forces lost 1,200 soldiers")
    assert inner["speaker"]["entity"] == "org:general-staff-of-ukraine"
    assert [link["entity"] for link in inner["chain"]] == ["org:isw"]


def _events(analyze, text):
    return analyze(text)["events"]


@pytest.mark.parametrize("text,other", [
    ("Serbian President Aleksandar Vučić spoke with Putin by phone on Tuesday.", "Putin"),
    ("Zelensky spoke by phone with Trump on Tuesday.", "Trump"),
    ("Erdogan held talks with Zelensky in Ankara.", "Zelensky"),
    ("Macron met Zelensky in Paris.", "Zelensky"),
])
def test_talks_are_consult_with_both_parties(analyze, text, other):
    consult = [e for e in _events(analyze, text) if e["type"] == "CONSULT"]
    assert len(consult) == 1
    assert consult[0]["actors"] and other in [r["name"] for r in consult[0]["recipients"]]


def test_spoke_to_reporters_is_no_talks(analyze):
    assert [e for e in _events(analyze, "Zelensky spoke to reporters in Kyiv.") if e["type"] == "CONSULT"] == []


def test_reportedly_intends_to_send_is_an_intended_event_of_its_subject(analyze):
    evs = _events(analyze, "The South Korean government reportedly intends to send personnel to Ukraine.")
    send = next(e for e in evs if e["trigger"]["text"] == "send")
    assert send["modality"] == "intended"
    assert [a["country"] for a in send["actors"]] == ["KR"]
    assert "personnel" not in [r["name"] for r in send["recipients"]]  # what is sent, not who gets it


def test_coordinated_actors_survive_a_list_item(analyze):
    text = ("ISW's key findings:\n\n* North Korea and Russia signed an agreement on military cooperation.\n"
            "* Russian forces advanced near Pokrovsk.\n")
    agree = next(e for e in _events(analyze, text) if e["type"] == "AGREE")
    assert sorted(a["country"] for a in agree["actors"]) == ["KP", "RU"]


@pytest.mark.parametrize("text,trigger", [
    ("The Russian dictator demonstrates his disinterest in negotiations.", "demonstrates"),
    ("The Russian dictator demonstrates his disinterest in negotiations.", "negotiations"),
    ("Putin refused to accept a ceasefire.", "ceasefire"),
])
def test_shown_attitudes_and_ceasefires_only_talked_about_are_no_events(analyze, text, trigger):
    assert [e for e in _events(analyze, text) if e["trigger"]["text"] == trigger] == []


def test_a_street_demonstration_is_still_a_protest(analyze):
    evs = _events(analyze, "Thousands demonstrated in Tbilisi against the government.")
    assert [e["type"] for e in evs] == ["PROTEST"]


@pytest.mark.parametrize("text", [
    "Putin demanded the withdrawal of Ukrainian troops from the Donetsk, Luhansk, Zaporizhzhia and Kherson regions.",
    "The Kremlin demanded that Ukraine withdraw from the Donetsk, Luhansk, Zaporizhzhia and Kherson regions.",
])
def test_one_demand_naming_several_regions_is_one_request(analyze, text):
    evs = _events(analyze, text)
    assert len([e for e in evs if e["type"] == "REQUEST"]) == 1
    assert len([e for e in evs if e["type"] == "RETREAT"]) <= 1
