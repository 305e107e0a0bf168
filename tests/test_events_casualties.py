# ruff: noqa: F811 - pytest fixtures imported from a sibling test module
"""Casualties: one figure per event, the text's own; never a sum of separate figures (issue 16).

Same harness as test_events.py: the sentence is parsed, places are set by hand, only the events
stage runs."""

from __future__ import annotations

import pytest

from test_events import P, events_stage, run  # noqa: F401 - fixtures
from warbrief.knowledge.numbers import load_number_words, number_words, read_number

pytestmark = pytest.mark.model


def _killed(evs):
    return sorted(e["casualties"]["killed"] for e in evs if e["casualties"]["killed"] is not None)


def test_a_restated_death_is_counted_once(run):
    evs = run("Russian drones struck Kupyansk overnight; one woman was killed. The woman was killed in her home.",
              [P("Kupyansk")])
    assert _killed(evs) == [1]


def test_figures_of_different_places_are_not_added(run):
    evs = run("Russian strikes on Kupyansk killed two people and injured five. In Izium, three people were killed.",
              [P("Kupyansk"), P("Izium")])
    by_place = {(e["place"] or {}).get("name"): e["casualties"]["killed"] for e in evs
                if e["casualties"]["killed"] is not None}
    assert by_place == {"Kupyansk": 2, "Izium": 3}


def test_a_second_figure_of_the_paragraph_is_not_added_to_the_first(run):
    evs = run("Ukrainian forces killed up to 130 Russian soldiers near Kupyansk. Ukrainian forces also destroyed "
              "10 tanks near Kupyansk. Russian shelling killed 3 civilians.", [P("Kupyansk"), P("Kupyansk", occurrence=1)])
    assert 143 not in _killed(evs) and 133 not in _killed(evs)
    assert 130 in _killed(evs)


def test_a_figure_the_text_adds_is_summed(run):
    evs = run("Russian forces shelled Kupyansk, killing two civilians. Another three civilians died in hospital.",
              [P("Kupyansk")])
    assert _killed(evs) == [5]


@pytest.mark.parametrize("text,killed,qualifier", [
    ("Ukrainian forces killed up to 130 Russian soldiers near Kupyansk.", 130, "at most"),
    ("A Russian missile strike on Kupyansk killed at least five people.", 5, "at least"),
    ("Russian shelling of Kupyansk killed nearly 40 people.", 40, "about"),
    ("Russian shelling of Kupyansk killed two people.", 2, None),
])
def test_an_approximate_figure_keeps_its_number_and_says_so(run, text, killed, qualifier):
    evs = run(text, [P("Kupyansk")])
    got = [(e["casualties"]["killed"], e["casualties"].get("killed_qualifier")) for e in evs
           if e["casualties"]["killed"] is not None]
    assert got == [(killed, qualifier)]


@pytest.mark.parametrize("text,value", [("two", 2), ("Twenty-two", 22), ("1,200", 1200), ("forty", 40), ("million", None),
                                        ("dozens", None), ("a", 1)])
def test_number_words_come_from_one_list(text, value):
    assert read_number(text) == value


def test_number_words_file_is_the_one_list():
    words = number_words()
    assert words["twelve"] == 12 and words["hundred"] == 100
    assert len({w.word for w in load_number_words()}) == len(load_number_words())


def test_a_bad_number_row_names_file_and_line(tmp_path):
    from warbrief.errors import WarbriefError

    bad = tmp_path / "number_words.tsv"
    bad.write_text("# header\ntwo\t2\tunit\nthree\tthree\tunit\n", encoding="utf-8")
    with pytest.raises(WarbriefError, match=r"number_words.tsv line 3"):
        load_number_words(bad)
