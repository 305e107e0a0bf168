"""When the NER's place is a person or a street (stages/place_filters.py), and how much one other
name says about the document's country (places.COUNTRY_QUORUM)."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from warbrief.pipeline import DocumentInput


@pytest.fixture
def run(pipeline):
    def go(text: str, published: str | None = "2009-03-24"):
        return pipeline.nlp(pipeline.make_doc(DocumentInput(text, published)))

    return go


def _places(doc) -> set[str]:
    return {m.text for m in doc._.wb.places}


def _types(doc, text) -> set[str]:
    return {e.type for e in doc._.wb.entities for m in e.mentions if m.text == text}


@pytest.mark.parametrize("text,name", [
    ('"I never saw the car," Clark said on Tuesday.', "Clark"),
    ("The tenant moved out in May, Nelson said.", "Nelson"),
    ('"We will rebuild," said Taylor.', "Taylor"),
])
def test_a_speaker_is_a_person_not_a_town(run, text, name):
    doc = run(text)
    assert name not in _places(doc)


def test_a_surname_of_a_person_named_in_full_is_that_person(run):
    doc = run("Police arrested Henry Farrin in Fargo on Monday. Farrin was released on bail. "
              "Officers said Farrin had no record.")
    assert "Farrin" not in _places(doc)
    assert "Fargo" in _places(doc)
    people = [e for e in doc._.wb.entities if e.type == "PERSON" and e.name == "Henry Farrin"]
    assert people and len(people[0].mentions) >= 2


def test_what_belongs_to_a_person_is_not_a_towns(pipeline):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc("Bell's widow spoke to reporters. Moscow's position has not changed.")
    doc.ents = [Span(doc, 0, 1, label="GPE"), Span(doc, 7, 8, label="GPE")]
    rule = Overrule(get_gazetteer())
    assert rule.check(doc, doc.ents[0], frozenset())[0] == "PERSON"
    assert rule.check(doc, doc.ents[1], frozenset()) is None  # a big city keeps its possessive


@pytest.mark.parametrize("text,name,kind", [
    ("The fire started on East Washington Street late on Friday.", "East Washington Street", "FAC"),
    ("Water was shut off between Lakeview and Harrison streets.", "Harrison", "FAC"),
    ("Officer Bell arrived first.", "Bell", "PERSON"),
])
def test_streets_and_titled_names_are_not_settlements(pipeline, text, name, kind):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc(text)
    start = next(t.i for t in doc if text[t.idx:].startswith(name))
    end = start + len(pipeline.nlp.make_doc(name))
    doc.ents = [Span(doc, start, end, label="GPE")]
    hit = Overrule(get_gazetteer()).check(doc, doc.ents[0], frozenset())
    assert hit is not None and hit[0] == kind


@pytest.mark.parametrize("text,name", [
    ("Moscow said on Tuesday that the talks had failed.", "Moscow"),
    ("Kharkiv said the shelling went on overnight.", "Kharkiv"),
    ("Ryan Clark grew up in Clark, where his parents still live.", "Clark"),
    ("Officials in Reston, Virginia, said the lab was closed.", "Reston"),
])
def test_states_capitals_and_names_after_a_preposition_stay_places(run, text, name):
    assert name in _places(run(text))


def test_a_person_span_named_after_a_place_gives_no_surname(pipeline):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc("Greer Station has forty old buildings. Mary Odell lives there.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 7, 9, label="PERSON")]
    assert Overrule(get_gazetteer()).people(doc) == {"Odell"}


def test_one_other_name_is_weak_evidence_of_the_documents_country():
    from warbrief.knowledge.gazetteer import Candidate
    from warbrief.stages.places.context import Context
    from warbrief.stages.places.stage import Places, _Mention

    def cand(pid, cc, a1, lat, lon, pop):
        return Candidate(pid, pid, "Alta", lat, lon, cc, a1, pop, "city", 0)

    mention = _Mention(0, 1, "Alta", 0, 4)
    here = cand(1, "PH", "01", 14.0, 121.0, 4000)
    one = Context.make([("san pedro", cand(2, "PH", "02", 10.0, 124.0, 300_000))], "a story")
    two = Context.make([("san pedro", cand(2, "PH", "02", 10.0, 124.0, 300_000)),
                        ("iloilo", cand(3, "PH", "03", 10.7, 122.6, 400_000))], "a story")
    places = Places()
    b_one = places._context_of(mention, here, one, [])
    b_two = places._context_of(mention, here, two, [])
    assert b_one < b_two  # the same share of the country, but from one name it counts half


def test_a_person_span_starting_with_a_place_named_elsewhere_gives_no_surname(pipeline):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc("Lawrenceburg Parks runs the games. Lawrenceburg is ready.")
    doc.ents = [Span(doc, 0, 2, label="PERSON"), Span(doc, 6, 7, label="GPE")]
    assert Overrule(get_gazetteer()).people(doc) == frozenset()


@pytest.mark.parametrize("text,name,country", [
    ("Cases were reported in Moonbi, Parkes, Berry and Wyong in regional New South Wales.", "Parkes", "AU"),
    ("Hog specimens from Tacloban and Babatngon were tested.", "Babatngon", "PH"),
])
def test_a_name_listed_with_places_is_a_place(run, text, name, country):
    doc = run(text)
    found = [m for m in doc._.wb.places if m.text == name]
    assert found and found[0].place.country == country


def test_a_person_guess_followed_by_its_country_is_a_place(pipeline):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc("Swans died near Tacloban, Philippines, and near Parkes, Kenya.")
    doc.ents = [Span(doc, 3, 4, label="PERSON"), Span(doc, 9, 10, label="PERSON")]
    got = Overrule(get_gazetteer()).mistyped(doc, set(), set())
    assert got == [(3, 4)]  # no Parkes lies in Kenya


def test_a_speaker_listed_after_a_place_stays_a_person(pipeline):
    from warbrief.knowledge.gazetteer import get_gazetteer
    from warbrief.stages.places.filters import Overrule

    doc = pipeline.nlp.make_doc("Officials in Texas, Clark said, were slow.")
    doc.ents = [Span(doc, 2, 3, label="GPE"), Span(doc, 4, 5, label="PERSON")]
    assert Overrule(get_gazetteer()).mistyped(doc, {2}, set()) == []


def test_at_the_context_cap_more_evidence_still_breaks_the_tie():
    import dataclasses

    from warbrief.knowledge.gazetteer import Candidate
    from warbrief.stages.places import stage as places_mod
    from warbrief.stages.places.context import Context

    def cand(pid, a1, lat, lon):
        return Candidate(pid, pid, "Scott County", lat, lon, "US", a1, 0, "district", 0)

    in_a = cand(1, "IN", 38.7, -85.7)
    in_b = cand(2, "IL", 39.6, -90.5)
    picks = [("salem", cand(3, "IN", 38.6, -86.1)), ("austin", cand(4, "IN", 38.75, -85.8)),
             ("quincy", cand(5, "IL", 39.9, -91.4))]
    ctx = Context.make(picks, "a story")
    mention = places_mod._Mention(0, 2, "Scott County", 0, 12)
    p = places_mod.Places()
    p.w = dataclasses.replace(p.w, context_cap=1.0)  # both candidates reach it
    a, b = p._context_of(mention, in_a, ctx, []), p._context_of(mention, in_b, ctx, [])
    assert 1.0 <= b < a < 1.1  # capped, yet the division with two other names ranks first


def test_in_a_war_report_one_other_name_gives_the_country_in_full():
    from warbrief.knowledge.gazetteer import Candidate
    from warbrief.stages.places.context import Context
    from warbrief.stages.places.stage import Places, _Mention

    here = Candidate(1, 1, "Alta", 14.0, 121.0, "PH", "01", 4000, "city", 0)
    other = Candidate(2, 2, "San Pedro", 10.0, 124.0, "PH", "02", 300_000, "city", 0)
    ctx = Context.make([("san pedro", other)], "a story")
    mention = _Mention(0, 1, "Alta", 0, 4)
    ctx.war = False
    calm = Places()._context_of(mention, here, ctx, [])
    ctx.war, ctx.memo = True, {}
    assert Places()._context_of(mention, here, ctx, []) == pytest.approx(calm + 2.0)


def test_an_alternate_name_alone_of_a_small_far_place_is_left_unresolved():
    from warbrief.knowledge.gazetteer import Candidate
    from warbrief.stages.places.context import Context
    from warbrief.stages.places.filters import alternate_only

    small = Candidate(1, 1, "Biel", 47.1, 7.2, "CH", "BE", 55_000, "city", 2)
    big = Candidate(2, 2, "Mumbai", 19.0, 72.8, "IN", "16", 12_000_000, "city", 2)
    own = Candidate(3, 3, "Biel", 47.1, 7.2, "CH", "BE", 55_000, "city", 0)
    lone = Context.make([], "a story")
    assert alternate_only("Bill", small, lone, "bill")  # a word or a person, not Biel
    assert alternate_only("Bombay", big, lone, "bombay") is None  # a big city's old name stands
    assert alternate_only("Biel", own, lone, "biel") is None  # its own name
    swiss = Context.make([("bern", Candidate(4, 4, "Bern", 46.9, 7.4, "CH", "BE", 130_000, "city", 0))], "a story")
    assert alternate_only("Bill", small, swiss, "bill") is None  # another Swiss place backs it
    assert alternate_only("FAO", big, lone, "fao")  # an acronym, however big the place


def test_an_unresolved_name_says_why(pipeline):
    from warbrief.stages.state import DocState

    doc = pipeline.nlp.make_doc("They met in Walk on Sunday.")  # "Walk": an old name of Valga/Valka
    doc._.wb = DocState(text=doc.text, published=None, published_dt=None)
    doc.ents = [Span(doc, 3, 4, label="GPE")]  # as if the NER had taken the word for a place
    doc = pipeline.nlp.get_pipe("warbrief_places")(doc)
    [walk] = [m for m in doc._.wb.places if m.text == "Walk"]
    assert walk.entity_id is None and "only an alternate name" in walk.place.reason
