# ruff: noqa: F811 - pytest fixtures imported from a sibling test module
"""Actors of events (issue 16): clean text, someone rather than something, units with their side."""

from __future__ import annotations

import pytest

from test_events import A, P, events_stage, run  # noqa: F401 - fixtures
from warbrief.analysis import Party
from warbrief.stages.events.actors import actor_or_none, clean_name
from warbrief.stages.events.lexicon import load_lexicon


@pytest.mark.parametrize("raw,clean", [
    ("*Russian forces", "Russian forces"),
    ("**Russian forces", "Russian forces"),
    ("Ukrainian delegation.[4", "Ukrainian delegation"),
    ("drones.1", "drones"),
    ("AFP]Rutte", "Rutte"),
    ("[14]", ""),
    ("Russian forces", "Russian forces"),
])
def test_actor_text_has_no_markup_or_footnote_debris(raw, clean):
    assert clean_name(raw) == clean


@pytest.mark.parametrize("party,name", [
    (Party(None, "southeast", None), None),
    (Party(None, "east", None), None),
    (Party(None, "efforts", None), None),
    (Party(None, "informational conditions", None), None),
    (Party(None, "wider military expansion efforts", None), None),
    (Party(None, "Insider reports", None), None),
    (Party(None, "Russian efforts", "RU"), "Russia"),
    (Party(None, "Drone operators", None), "Drone operators"),
    (Party(None, "local authorities", None), "local authorities"),
    (Party(None, "servicemen", None), "servicemen"),
    (Party(None, "NATO", None), "NATO"),
    (Party("org:armed-forces-of-russia", "Russian forces", "RU"), "Russian forces"),
])
def test_an_actor_is_someone(party, name):
    got = actor_or_none(load_lexicon(), party)
    assert (got.name if got is not None else None) == name




@pytest.mark.model
def test_the_formation_of_its_elements_is_the_actor(run):
    text = ("Elements of the 20th Motorized Rifle Division (8th Combined Arms Army [CAA], Southern Military "
            "District [SMD]) are reportedly striking Ukrainian positions near Kupyansk.")
    evs = run(text, [P("Kupyansk")], [A("20th Motorized Rifle Division", "RU", "MILITARY_UNIT")])
    assert {a["name"] for e in evs for a in e["actors"]} == {"20th Motorized Rifle Division"}


@pytest.mark.model
def test_an_abbreviation_in_brackets_is_not_the_subject(run):
    evs = run("[CAA], Southern Military District [SMD]) are striking Ukrainian positions near Kupyansk.",
              [P("Kupyansk")])
    assert [a["name"] for e in evs for a in e["actors"]] == []


@pytest.mark.model
def test_a_label_before_a_colon_is_not_the_subject(run):
    evs = run("Order of Battle: Drone operators of the 98th VDV Division are reportedly striking Ukrainian "
              "positions near Kupyansk.", [P("Kupyansk")])
    assert "Order" not in [a["name"] for e in evs for a in e["actors"]]


@pytest.mark.model
def test_who_died_is_not_the_actor(run):
    evs = run("Russian forces shelled Kupyansk. In Izium, a man died.", [P("Kupyansk"), P("Izium")])
    assert "man" not in [a["name"] for e in evs for a in e["actors"]]


@pytest.mark.model
def test_a_markdown_star_does_not_stick_to_the_actor(run):
    evs = run("**Russian forces attacked near Kupyansk on December 19.", [P("Kupyansk")],
              [A("Russian forces", "RU")])
    assert [a["name"] for e in evs for a in e["actors"]] == ["Russian forces"]


@pytest.mark.model
def test_a_unit_both_armies_number_alike_is_one_entity_per_side(analyze):
    r = analyze("The Russian 11th Army Corps attacked near Kupyansk. The Ukrainian 11th Army Corps repelled "
                "the assault. The 11th Army Corps also reported that it shot down drones.")
    units = {e["id"]: (e["country"], len(e["mentions"])) for e in r["entities"] if e["type"] == "MILITARY_UNIT"}
    assert units == {"local:ru-11th-army-corps": ("RU", 1), "local:ua-11th-army-corps": ("UA", 2)}


@pytest.mark.model
def test_a_unit_takes_the_side_of_the_formation_it_belongs_to(analyze):
    r = analyze("Drone operators of the 103rd Motorized Rifle Regiment (150th Motorized Rifle Division, 8th CAA, "
                "SMD) are striking Ukrainian positions near Berestok.")
    unit = next(e for e in r["entities"] if e["name"] == "103rd Motorized Rifle Regiment")
    assert unit["country"] == "RU"


@pytest.mark.model
def test_a_known_unit_name_of_the_other_side_is_not_that_unit(analyze):
    r = analyze("Elements of the Russian 3rd Army Corps attacked near Siversk.")
    unit = next(e for e in r["entities"] if e["type"] == "MILITARY_UNIT")
    assert unit["country"] == "RU"


@pytest.mark.parametrize("raw", ["room/20260205IPR33623/", "https://t.me/x", "www.example.com"])
def test_a_link_is_no_actor(raw):
    assert clean_name(raw) == ""


@pytest.mark.model
def test_coordinated_members_share_their_formation(run):
    text = "Drone operators and other elements of the 7th Motorized Rifle Brigade are striking Ukrainian forces near Kupyansk."
    evs = run(text, [P("Kupyansk")], [A("7th Motorized Rifle Brigade", "RU", "MILITARY_UNIT")])
    assert {a["name"] for e in evs for a in e["actors"]} == {"7th Motorized Rifle Brigade"}
