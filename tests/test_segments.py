"""Genre-aware sentences (footnote markers, list items, headings), page furniture as data, and
dates that do not run ahead of their document. Every text here is written for the test."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from warbrief.analysis import EventTime, TimeExpr
from warbrief.errors import WarbriefError
from warbrief.knowledge.furniture import load_furniture, match_furniture, parse_furniture
from warbrief.stages.dating import not_after_document
from warbrief.stages.segments.breaks import sentence_breaks

ISW = (
    "Click\nhere\nto see ISW's interactive map of the Russian invasion of Ukraine. These maps complement "
    "the static control-of-terrain map that ISW produces daily by showing a dynamic frontline.\n"
    "**Russian forces recently advanced near Pokrovsk.** Geolocated footage published on February 24 shows "
    "that Russian forces advanced west of Pokrovsk.[[12]](https://example.org/notes#_edn12) Ukrainian "
    "forces repelled a Russian assault near Myrnohrad on February 24.[13]\n"
    "Order of Battle: Drone operators of the Russian 20th Motorized Rifle Division are reportedly "
    "striking Ukrainian positions near Kostiantynivka.[14]\n"
    "Key Takeaways:\n"
    "* Moldovan President Maia Sandu called for a referendum on joining the European Union\n"
    "* Russian forces attacked Siversk, Lyman, and Kupiansk.\n"
)


def starts_of(text: str) -> list[str]:
    b = sentence_breaks(text)
    return sorted(text[i:i + 12] for i in b.starts)


# ---------------------------------------------------------------- breaks (no model)
@pytest.mark.parametrize("text, opens", [
    ("Russia struck Odesa.[1] Axios reported the talks.", "Axios report"),
    ("Russia struck Odesa[2] Axios reported the talks.", "Axios report"),
    ("Russia struck Odesa.[[3]](https://x.org/a#_edn3)\nThe SBU reported a strike.", "The SBU repo"),
    ("Russia struck Odesa.\n[iv]\n[v]\nThe SBU reported a strike.", "The SBU repo"),
    ("Russia struck Odesa.[^6] **Ukraine responded.**", "**Ukraine re"),
    ("The talks ended.** US envoys met later.", "US envoys me"),
])
def test_a_footnote_marker_ends_a_sentence_before_a_capital(text, opens):
    assert opens in starts_of(text)


def test_a_marker_before_lower_case_ends_nothing():
    text = "Russia struck Odesa[1] and Kherson on Monday."
    assert sentence_breaks(text).starts == set()


def test_a_marker_stays_with_the_sentence_it_closes():
    text = "Russia struck Odesa.[[3]](https://x.org/a) The SBU reported."
    b = sentence_breaks(text)
    assert b.markers == [(20, 42)]
    assert not set(range(20, 42)) & b.starts and 20 in b.no_starts


@pytest.mark.parametrize("text, opens", [
    ("Key points:\n* Sandu called for a referendum\n* Russian forces attacked Siversk.", "* Russian fo"),
    ("Key points:\n* Sandu called for a referendum\nRussian forces attacked Siversk.", "Russian forc"),
    ("Summary\n  1. Sandu spoke\n  2. Russia attacked", "2. Russia at"),
    ("## Kupiansk direction\nRussian forces attacked.", "Russian forc"),
    ("**Russian Supporting Effort – Northern Axis**\nRussian forces attacked.", "Russian forc"),
])
def test_list_items_and_headings_are_sentences_of_their_own(text, opens):
    assert opens in starts_of(text)


def test_a_bullet_and_its_first_word_are_one_sentence():
    text = "Intro.\n* **Russian drones struck a hospital.**"
    b = sentence_breaks(text)
    assert text.index("*") in b.starts and text.index("Russian") in b.no_starts


def test_link_text_on_lines_of_its_own_is_one_sentence():
    text = "Cutoff.\nClick\nhere\nto see the map."
    assert text.index("here") in sentence_breaks(text).no_starts


# ---------------------------------------------------------------- furniture data
@pytest.mark.parametrize("sentence, name", [
    ("Click\nhere\nto access ISW's archive of interactive time-lapse maps.", "isw-map-note"),
    ("These maps complement the static control-of-terrain map that ISW produces daily.", "isw-map-note"),
    ("See topline text for reports of strikes.", "isw-topline"),
    ("Order of Battle: Elements of the Russian 11th Army Corps are operating near Kupiansk.", "isw-order-of-battle"),
    ("Sign up for our daily newsletter", "newsletter"),
    ("- [Privacy Policy](https://outlet.example/privacy)", "navigation"),
    ("© 2026 Example Media. All rights reserved.", "disclaimer"),
])
def test_boilerplate_matches_its_pattern(sentence, name):
    p = match_furniture(sentence)
    assert p is not None and p.name == name
    assert f"page furniture '{name}'" in p.reason and "line" in p.reason


@pytest.mark.parametrize("sentence", [
    "Russian forces attacked near Pokrovsk and Myrnohrad on February 24.",
    "Click-bait aside, the SBU reported a strike on the Belbek airbase.",
    "Zelensky stated that Ukraine will sign up to the European proposal.",
])
def test_reporting_is_not_furniture(sentence):
    assert match_furniture(sentence) is None


def test_every_shipped_pattern_compiles():
    assert len(load_furniture()) > 20


@pytest.mark.parametrize("row, code", [
    ("isw-map-note\t^click here (\tbroken", "E602"),
    ("isw-map-note\tonly two columns", "E601"),
])
def test_a_bad_row_names_file_and_line(row, code):
    with pytest.raises(WarbriefError, match=rf"\[{code}\] .*furniture.tsv line 3"):
        parse_furniture("# header\n\n" + row + "\n", Path("furniture.tsv"))


# ---------------------------------------------------------------- dates after the document
PUB = datetime(2026, 2, 26)


def test_an_event_dated_after_its_document_without_a_cue_takes_the_publication_date():
    t = TimeExpr(0, 7, "June 16", "2026-06-16", "day", "month and day, year 2026 (upcoming)")
    time, mod = not_after_document(PUB, EventTime("2026-06-16", "day", "'June 16' in the event's sentence"), t,
                                   "asserted")
    assert (time.value, mod) == ("2026-02-26", "asserted")
    assert "after the publication date 2026-02-26" in time.reason and "no future cue" in time.reason


def test_an_event_dated_ahead_by_a_future_cue_is_intended():
    t = TimeExpr(0, 7, "March 3", "2026-03-03", "day", "month and day, year 2026 from publication date; future tense")
    time, mod = not_after_document(PUB, EventTime("2026-03-03", "day", "'March 3' in the event's sentence"), t,
                                   "asserted")
    assert (time.value, mod) == ("2026-03-03", "intended")


# ---------------------------------------------------------------- through the pipeline
@pytest.fixture(scope="module")
def isw(analyze):
    return analyze(ISW, published="2026-02-26")


def test_furniture_sentences_keep_entities_but_give_no_events_or_claims(isw):
    text = isw["document"]["text"]
    oob = text.index("Order of Battle"), text.index("Key Takeaways")
    maps = 0, text.index("**Russian forces")
    for lo, hi in (oob, maps):
        assert not [e for e in isw["events"] if lo <= e["trigger"]["start"] < hi]
        assert not [c for c in isw["claims"] if lo <= c["start"] < hi]
    assert any(m["start"] >= oob[0] and m["end"] <= oob[1] for e in isw["entities"] for m in e["mentions"]
               if e["name"] == "Kostiantynivka")


def test_a_furniture_skip_says_which_pattern(pipeline):
    from warbrief.pipeline import DocumentInput

    doc = pipeline.nlp(pipeline.make_doc(DocumentInput(ISW, "2026-02-26")))
    messages = [w.message for w in doc._.wb.warnings if w.code == "A002"]
    assert any("isw-order-of-battle" in m and "event" in m for m in messages)
    stored = pipeline.analyze(DocumentInput(ISW, "2026-02-26")).to_dict()["warnings"]  # what the user sees
    assert any(w["code"] == "A002" and "isw-order-of-battle" in w["message"] for w in stored)


def test_a_bullet_is_not_glued_to_the_next(isw):
    text = isw["document"]["text"]
    bullet = text.index("* Moldovan"), text.index("* Russian forces")
    for e in isw["events"]:
        if bullet[0] <= e["trigger"]["start"] < bullet[1]:
            assert e["sentence"]["end"] <= bullet[1]
            assert e["place"] is None or e["place"]["name"] not in ("Siversk", "Lyman", "Kupiansk")
    assert len([e for e in isw["events"] if e["label"] == "referendum"]) <= 1


def test_markers_are_no_part_of_claims_and_sentences_split_at_them(isw):
    text = isw["document"]["text"]
    for c in isw["claims"]:
        assert "[" not in c["text"] and "](" not in c["text"]
    repelled = next(e for e in isw["events"] if e["trigger"]["text"] == "repelled")
    assert text[repelled["sentence"]["start"]:].startswith("Ukrainian forces repelled")
    for item in isw["claims"] + [m for e in isw["entities"] for m in e["mentions"]]:
        assert text[item["start"]:item["end"]] == item["text"]


@pytest.mark.parametrize("sentence, value", [
    ("ISW assesses that Russian forces held positions in Siversk as of June 16.", "2025-06-16"),
    ("Russian forces have not advanced near Lyman since June 16.", "2025-06-16"),
    ("Ukrainian and US officials will meet in Geneva on March 3.", "2026-03-03"),
])
def test_a_month_day_is_past_unless_a_future_cue_says_otherwise(analyze, sentence, value):
    res = analyze(sentence, published="2026-02-26")
    t = next(t for t in res["times"] if t["precision"] == "day")
    assert t["value"] == value, t
    if value < "2026-02-26":
        assert "past" in t["reason"] or "after the publication date" in t["reason"]


def test_no_event_is_dated_after_its_document_without_a_cue(analyze):
    res = analyze("Russian forces struck Kharkiv City as of June 16, the General Staff reported.",
                  published="2026-02-26")
    for e in res["events"]:
        if e["modality"] not in ("intended", "hypothetical"):
            assert e["time"]["value"] <= "2026-02-26", e["time"]


@pytest.mark.parametrize("text, only", [
    ("[62]", True), ("[", True), ("[[xliv]](https://example.org/a#_edn44)", True),
    ("Russian forces", False), ("Kupiansk[3]", False),
])
def test_a_name_made_of_markers_is_no_name(text, only):
    from warbrief.stages.markers import is_only_markers

    assert is_only_markers(text) is only


def test_a_place_before_its_marker_is_found_and_no_entity_is_a_marker(analyze):
    text = ("Russian forces attacked near Kupiansk.[[7]](https://example.org/r#_edn7) Ukrainian forces "
            "struck Belgorod.[8]\n[9] https://t.me/example_channel/101\n[10] https://t.me/example_channel/102\n")
    res = analyze(text, published="2026-02-26")
    names = {e["name"] for e in res["entities"]}
    assert {"Kupiansk", "Belgorod"} <= names
    for e in res["entities"]:
        for m in e["mentions"]:
            assert "[" not in m["text"] and "]" not in m["text"], m
    for ev in res["events"]:
        assert "[" not in " ".join(p["name"] for p in ev["actors"] + ev["recipients"])
        assert ev["trigger"]["start"] < text.index("[9]")  # the endnote list is furniture


def test_a_furniture_line_takes_nothing_of_the_line_after_it(analyze):
    text = ("Russian Supporting Effort – Northern Axis (Russian objective: Create buffer zones along the border)\n"
            "Russian forces continued offensive operations in northern Sumy Oblast on February 25 but did "
            "not advance.\n")
    res = analyze(text, published="2026-02-26")
    second = text.index("Russian forces continued")
    assert [e for e in res["events"] if e["trigger"]["start"] >= second]
    assert not [e for e in res["events"] if e["trigger"]["start"] < second]


def test_a_furniture_line_is_not_broken_inside():
    from warbrief.knowledge.furniture import load_furniture
    from warbrief.stages.segments.stage import _furniture_lines

    text = "Top stories.\nDo Not Sell or Share My Personal Information\nRussian forces struck Sumy."
    b = sentence_breaks(text)
    _furniture_lines(text, b, load_furniture())
    assert text.index("Do Not") in b.starts and text.index("Russian") in b.starts
    assert text.index("Share") not in b.starts and text.index("Share") in b.no_starts


@pytest.mark.parametrize("pattern, words", [
    (r"\bISW will update (this|the) (time-lapse )?map", ("isw will update ",)),
    (r"\b(sign up|subscribe|register)\b.{0,60}\b(news|inbox)", ("sign up", "subscribe", "register")),
    (r"\bfor more information on ISW'?s map", ("for more information on isw",)),
    (r"^\W*(home|menu)\W*$|^\W*search$", ()),
])
def test_the_words_a_pattern_requires(pattern, words):
    from warbrief.knowledge.furniture import needles

    assert needles(pattern) == words
