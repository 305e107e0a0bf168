"""Place names inside the names of local institutions (stages/place_nested.py), on invented text
with the NER's entities set by hand, so that only the places stage decides."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from warbrief.stages.state import DocState


def _places(pipeline, text, ents=()):
    return {m.text: m for m in _mentions(pipeline, text, ents)}


def _mentions(pipeline, text, ents=()):
    """The places stage alone on `text`, the NER having found exactly `ents` ((words, label), in
    the order they occur)."""
    doc = pipeline.nlp.make_doc(text)
    doc._.wb = DocState(text=doc.text, published=None, published_dt=None)
    spans: list[Span] = []
    for words, label in ents:
        start = doc.text.index(words, spans[-1].end_char if spans else 0)
        span = doc.char_span(start, start + len(words), label=label)
        assert span is not None, words
        spans.append(span)
    doc.ents = spans
    return pipeline.nlp.get_pipe("warbrief_places")(doc)._.wb.places


@pytest.mark.parametrize("text,ent,name", [
    ("Punxsutawney Police arrested two men on Friday.", "Punxsutawney Police", "Punxsutawney"),
    ("The fire was put out by the Coudersport Volunteer Fire Department.",
     "the Coudersport Volunteer Fire Department", "Coudersport"),
    ("Smethport Mayor Jane Roe opened the meeting.", "Smethport Mayor Jane Roe", "Smethport"),
])
def test_a_small_town_opening_its_police_fire_or_mayor_is_a_place(pipeline, text, ent, name):
    label = "PERSON" if "Roe" in ent else "ORG"
    m = _places(pipeline, text, [(ent, label)])[name]
    assert (m.role, m.place.country, m.place.admin1) == ("in-name", "US", "Pennsylvania")


def test_a_small_town_opening_another_institution_needs_the_document_to_back_it(pipeline):
    alone = "A meeting is planned at the Kutztown Senior Center on Monday."
    assert _places(pipeline, alone, [("the Kutztown Senior Center", "ORG")]) == {}
    named = alone + " The speaker grew up in Kutztown."
    assert "Kutztown" in _places(pipeline, named, [("the Kutztown Senior Center", "ORG"), ("Kutztown", "GPE")])
    nearby = alone + " Visitors came from Harrisburg."  # another place in the same state
    got = _places(pipeline, nearby, [("the Kutztown Senior Center", "ORG"), ("Harrisburg", "GPE")])
    assert got["Kutztown"].place.admin1 == "Pennsylvania"


def test_a_school_backs_its_town_only_when_the_town_is_named_elsewhere(pipeline):
    text = "Students at Zelienople High School raised money for families in Pittsburgh."
    ents = [("Zelienople High School", "ORG"), ("Pittsburgh", "GPE")]
    assert "Zelienople" not in _places(pipeline, text, ents)  # schools are often named after people
    text += " The families live in Zelienople."
    ents.append(("Zelienople", "GPE"))
    assert "Zelienople" in _places(pipeline, text, ents)


@pytest.mark.parametrize("text,name", [
    ("But Tionesta Mayor Jane Roe said the bridge would reopen.", "Tionesta"),
    ("Crews from the Emporium Volunteer Fire Department responded.", "Emporium"),
    ("A judge of the Greene County Family Court issued the order.", "Greene County"),
])
def test_a_place_before_a_title_is_found_where_the_ner_saw_nothing(pipeline, text, name):
    assert _places(pipeline, text)[name].role == "in-name"


@pytest.mark.parametrize("text,ents", [
    ("She wrote for the Washington Post and the New York Daily News.",
     [("the Washington Post", "ORG"), ("the New York Daily News", "ORG")]),
    ("American Electric Power will build the plant.", [("American Electric Power", "ORG")]),
    ("Jordan Smith spoke at the dinner.", [("Jordan Smith", "PERSON")]),
    ("Students of Albert Cassens Elementary sang.", [("Albert Cassens Elementary", "PERSON")]),
    ("Vice Mayor Jane Roe chaired the session.", [("Jane Roe", "PERSON")]),
    ("Federal police arrived at dawn.", []),
    ("She missed work for two days. Her family called the police.", []),
    ("The seniors met at the Emporium Senior Center on Tuesday.", [("the Emporium Senior Center", "ORG")]),
])
def test_companies_newspapers_people_and_unbacked_towns_are_not_places(pipeline, text, ents):
    assert _places(pipeline, text, ents) == {}


@pytest.mark.parametrize("text,ent,name", [
    ("Officers of the Ohio Division of Wildlife released the fish.", "the Ohio Division of Wildlife", "Ohio"),
    ("The Nevada Republican Party met in March.", "The Nevada Republican Party", "Nevada"),
])
def test_a_state_inside_a_public_body_or_party_name_is_a_place(pipeline, text, ent, name):
    assert _places(pipeline, text, [(ent, "ORG")])[name].place.feature == "region"


def test_a_town_named_before_its_police_elsewhere_backs_its_other_institutions(pipeline):
    text = "Emporium Police closed the road. Later the Emporium Senior Center opened as a shelter."
    got = _mentions(pipeline, text, [("Emporium Police", "ORG"), ("the Emporium Senior Center", "ORG")])
    assert [m.start for m in got] == [0, text.index("Emporium Senior")]


@pytest.mark.parametrize("text,ents,name", [
    ("Officers of the Concord Police searched the house.", [("the Concord Police", "ORG")], "Concord"),
    ("Anderson County Crimestoppers offered a reward.", [("Anderson County Crimestoppers", "PERSON")],
     "Anderson County"),
])
def test_a_stop_listed_town_before_its_police_and_a_county_in_a_person_span_are_places(pipeline, text, ents,
                                                                                          name):
    assert _places(pipeline, text, ents)[name].role == "in-name"


@pytest.mark.parametrize("text,ents", [
    ("The Liberty Fire Company held a breakfast.", [("The Liberty Fire Company", "ORG")]),
    ("Residents were worried, said Lopez. Police officers went to the site.", []),
])
def test_fire_companies_and_names_ending_a_sentence_are_not_places(pipeline, text, ents):
    assert _places(pipeline, text, ents) == {}


def test_a_country_opening_an_organisations_name_is_a_place_and_the_organisation_stays(analyze):
    res = analyze("An earthquake shook the valley overnight, according to the U.S. Geological Survey.")
    by_text = {m["text"]: e for e in res["entities"] for m in e["mentions"]}
    assert by_text["U.S."]["type"] == "PLACE" and by_text["U.S."]["country"] == "US"
    assert by_text["U.S. Geological Survey"]["type"] == "ORG"


def test_a_newspaper_named_after_a_city_names_no_place(analyze):
    res = analyze("The Washington Post reported the deal first.")
    assert not [e for e in res["entities"] if e["type"] == "PLACE"]


def test_an_institution_keeps_its_own_entity_beside_its_town(analyze):
    res = analyze("Officers of the Fargo Police arrested two men in Moorhead.")
    types = {m["text"]: e["type"] for e in res["entities"] for m in e["mentions"]}
    assert types.get("Fargo") == "PLACE" and types.get("Fargo Police") == "ORG"


def test_a_dotted_state_abbreviation_opening_an_institution_is_the_state(analyze):
    res = analyze("The S.C. Highway Patrol is looking for the driver.")
    places = [e for e in res["entities"] if e["type"] == "PLACE"]
    assert [p["place"]["admin1"] for p in places] == ["South Carolina"]


@pytest.mark.parametrize("text", [
    "The Kharkiv Regional Military Administration said two people were hurt.",
    "Oleh Syniehubov, head of the Kharkiv Regional State Administration, spoke on Monday.",
])
def test_a_regional_administration_names_its_oblast(analyze, text):
    places = [e for e in analyze(text, published="2024-01-01")["entities"] if e["type"] == "PLACE"]
    assert [(p["name"], p["place"]["feature"]) for p in places] == [("Kharkiv Oblast", "region")]


def test_a_town_opening_a_quoted_title_span_is_still_found(pipeline):
    from spacy.tokens import Span

    from warbrief.stages.state import DocState

    doc = pipeline.nlp.make_doc('"It matters," Dover Mayor Jane Roe said. He read "Paris Nights" twice.')
    doc._.wb = DocState(text=doc.text, published=None, published_dt=None)
    start = next(t.i for t in doc if t.text == "Dover")
    paris = next(t.i for t in doc if t.text == "Paris")
    # the NER reads a name after a closing quote as a title (WORK_OF_ART)
    doc.ents = [Span(doc, start, start + 4, label="WORK_OF_ART"), Span(doc, paris, paris + 2, label="WORK_OF_ART")]
    doc = pipeline.nlp.get_pipe("warbrief_places")(doc)
    assert [m.text for m in doc._.wb.places] == ["Dover"]  # not "Paris" in a book's title
