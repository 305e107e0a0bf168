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


@pytest.mark.parametrize("text,ent,name", [
    ("He was voted into the Nebraska Rodeo Hall of Fame in May. He lives in Omaha.",
     "the Nebraska Rodeo Hall of Fame", "Nebraska"),
    ("Ohio Friends of Clean Rivers filed the complaint in Omaha.", "Ohio Friends of Clean Rivers", "Ohio"),
    ("The Missouri Valley Hawks won in Omaha on Saturday.", "The Missouri Valley Hawks", "Missouri"),
])
def test_a_state_opening_an_organisations_name_is_a_place(pipeline, text, ent, name):
    m = _places(pipeline, text, [(ent, "ORG"), ("Omaha", "GPE")])[name]
    assert (m.place.country, m.place.feature) == ("US", "region")


@pytest.mark.parametrize("text,ent", [
    ("Ohio Friends of Clean Rivers filed the complaint.", "Ohio Friends of Clean Rivers"),  # no place in the US
    ("Central Station reopened in Omaha.", "Central Station"),  # a division of other countries
    ("The crash on Illinois Harbor Road in Omaha hurt two.", "Illinois Harbor Road"),
])
def test_a_division_opens_an_organisation_only_in_a_country_the_document_is_about(pipeline, text, ent):
    ents = [(ent, "ORG")] + ([("Omaha", "GPE")] if "Omaha" in text else [])
    assert set(_places(pipeline, text, ents)) <= {"Omaha"}


@pytest.mark.parametrize("text,ent", [
    ("The Texas Tribune reported the vote first.", "The Texas Tribune"),
    ("The story ran in the New York Daily News on Sunday.", "the New York Daily News"),
    ("Reporters of the Ohio Morning Herald were there.", "the Ohio Morning Herald"),
    ("The Kyiv Independent reported the strike.", "The Kyiv Independent"),
    ("The Kyiv Post reported the strike.", "The Kyiv Post"),
    ("The Nebraska Evening Star printed the letter.", "The Nebraska Evening Star"),
    ("According to Ukrainian Pravda, the minister resigned.", "Ukrainian Pravda"),
])
def test_a_news_outlet_named_after_a_state_or_city_names_no_place(pipeline, text, ent):
    assert _places(pipeline, text, [(ent, "ORG")]) == {}


@pytest.mark.parametrize("text,ents,name,admin1", [
    ("Members of the Paris-Henry County Arts Council met on Friday.", [("Paris", "GPE")], "Henry County",
     "Tennessee"),
    ("The Springfield-Greene County Health Department issued a warning.", [("Springfield", "GPE")],
     "Greene County", "Missouri"),
    ("Crews from Huntsville–Walker County EMS responded.", [("Huntsville", "GPE")], "Walker County", "Texas"),
    ("She studies at the University of Nebraska-Lincoln.", [("Nebraska", "GPE")], "Lincoln", "Nebraska"),
])
def test_a_name_joined_by_a_hyphen_to_a_place_in_its_state_is_a_place(pipeline, text, ents, name, admin1):
    m = _places(pipeline, text, ents)[name]
    assert (m.place.country, m.place.admin1) == ("US", admin1)


@pytest.mark.parametrize("text,ents,names", [
    ("The NATO-Russia Council met in Brussels.", [("NATO", "ORG"), ("Brussels", "GPE")], {"Russia", "Brussels"}),
    ("The Lebanon-Syria Treaty was signed in May.", [("Lebanon", "GPE")], {"Lebanon", "Syria"}),
    ("Kate Smith-Jackson spoke in Dover on Monday.", [("Kate Smith-Jackson", "PERSON"), ("Dover", "GPE")],
     {"Dover"}),
    ("The Dover-Smith Trophy was awarded in Dover.", [("Dover", "GPE"), ("Dover", "GPE")], {"Dover"}),
])
def test_a_country_joined_by_a_hyphen_is_a_place_and_a_surname_is_not(pipeline, text, ents, names):
    assert set(_places(pipeline, text, ents)) == names


def test_a_country_inside_one_organisations_hyphenated_name_is_no_place(pipeline):
    text = "Agence France-Presse reported the strike."
    assert _places(pipeline, text, [("Agence France-Presse", "ORG")]) == {}


def test_a_region_that_is_no_division_does_not_open_an_armed_group_as_a_place(pipeline):
    text = "The Donbass People's Militia shelled positions near Avdiivka."
    ents = [("The Donbass People's Militia", "ORG"), ("Avdiivka", "GPE")]
    assert set(_places(pipeline, text, ents)) == {"Avdiivka"}


@pytest.mark.parametrize("text,ents,name", [
    ("The North East Texas Water Group met in Tyler on Tuesday.", [("North East", "LOC"), ("Tyler", "GPE")], "Texas"),
    ("Rain is expected across Northeast Kansas and in Topeka.", [("Northeast", "LOC"), ("Topeka", "GPE")], "Kansas"),
    ("Members of the Western Pennsylvania Kennel Association met in Pittsburgh.",
     [("the Western Pennsylvania Kennel Association", "ORG"), ("Pittsburgh", "GPE")], "Pennsylvania"),
])
def test_a_state_after_a_compass_word_is_the_state(pipeline, text, ents, name):
    got = _places(pipeline, text, ents)
    assert got[name].place.feature == "region" and not {"North East", "Northeast", "Western"} & set(got)


def test_a_state_named_with_its_compass_word_is_left_whole(pipeline):
    text = "The West Virginia Mountaineers played in Charleston."
    got = _places(pipeline, text, [("The West Virginia Mountaineers", "ORG"), ("Charleston", "GPE")])
    assert got["West Virginia"].place.admin1 == "West Virginia" and "Virginia" not in got


def test_a_street_named_after_a_state_is_no_state(pipeline):
    text = "A car crashed on West Ohio Street in Columbus."
    assert set(_places(pipeline, text, [("Columbus", "GPE")])) == {"Columbus"}
