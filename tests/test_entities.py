"""The entities stages: knowledge-base linking, descriptions, titles by date, coreference."""

from __future__ import annotations

import pytest


def entity(result, eid):
    found = [e for e in result["entities"] if e["id"] == eid]
    assert found, f"{eid} not among {[e['id'] for e in result['entities']]}"
    return found[0]


def mention_texts(result, eid):
    return [m["text"] for m in entity(result, eid)["mentions"]]


def entity_of(result, text):
    """The entity with a mention whose text is `text`."""
    hits = [e for e in result["entities"] if any(m["text"] == text for m in e["mentions"])]
    assert len(hits) == 1, f"{text!r} in {[(e['id'], [m['text'] for m in e['mentions']]) for e in result['entities']]}"
    return hits[0]


@pytest.mark.parametrize("text,eid,etype,country", [
    ("Vladimir Putin spoke on Tuesday.", "person:vladimir-putin", "PERSON", "RU"),
    ("Officials said Zelenskiy would travel.", "person:volodymyr-zelenskyy", "PERSON", "UA"),
    ("Aleksandar Vucic met the envoy.", "person:aleksandar-vucic", "PERSON", "RS"),
    ("The report by ISW was published late.", "org:isw", "ORG", "US"),
    ("Bloomberg reported the deal first.", "org:bloomberg", "ORG", "US"),
    ("The SBU detained two agents.", "org:sbu", "ORG", "UA"),
    ("The Black Sea Fleet moved its ships.", "unit:black-sea-fleet", "MILITARY_UNIT", "RU"),
    ("Kyiv asked for more HIMARS launchers.", "weapon:himars", "WEAPON", "US"),
])
def test_knowledge_base_names_link_to_their_entity(analyze, text, eid, etype, country):
    e = entity(analyze(text), eid)
    assert (e["type"], e["country"]) == (etype, country)


@pytest.mark.parametrize("text,mention", [
    ("The Kremlin said the talks were over.", "Kremlin"),
    ("A statement from the Kremlin followed.", "Kremlin"),
])
def test_metonyms_drop_the_determiner(analyze, text, mention):
    assert mention_texts(analyze(text), "org:kremlin") == [mention]


@pytest.mark.parametrize("text,published,eid", [
    ("The Russian defence minister visited the front.", "2024-05-01", "person:sergei-shoigu"),
    ("The Russian defence minister visited the front.", "2024-06-01", "person:andrei-belousov"),
    ("Ukraine's commander-in-chief toured the positions.", "2023-11-01", "person:valerii-zaluzhnyi"),
    ("Ukraine's commander-in-chief toured the positions.", "2024-03-01", "person:oleksandr-syrskyi"),
    ("The talks were praised by the US president.", "2022-04-01", "person:joe-biden"),
    ("The talks were praised by the US president.", "2025-04-01", "person:donald-trump"),
    ("The NATO secretary-general warned allies.", "2025-01-10", "person:mark-rutte"),
])
def test_titles_resolve_by_publication_date(analyze, text, published, eid):
    assert entity(analyze(text, published=published), eid)["type"] == "PERSON"


@pytest.mark.parametrize("text,expected", [
    ("Russian President Vladimir Putin met the envoy. Putin later said the Russian president wanted peace.",
     ["Vladimir Putin", "Putin", "Russian president"]),
    ("Volodymyr Zelenskyy spoke in Kyiv. The president thanked the allies. Zelensky then left.",
     ["Volodymyr Zelenskyy", "president", "Zelensky"]),
    ("Lloyd Austin arrived in Brussels. Austin said more aid would come.", ["Lloyd Austin", "Austin"]),
])
def test_every_mention_of_a_person_is_in_one_entity(analyze, text, expected):
    result = analyze(text, published="2024-06-01")
    eid = entity_of(result, expected[0])["id"]
    assert mention_texts(result, eid) == expected


@pytest.mark.parametrize("text,title", [
    ("Russian President Vladimir Putin met the envoy.", "Russian President"),
    ("Defence Minister Andrei Belousov inspected the troops.", "Defence Minister"),
])
def test_a_title_before_a_name_is_not_a_separate_entity(analyze, text, title):
    result = analyze(text, published="2024-06-01")
    starts = {m["start"] for e in result["entities"] for m in e["mentions"]}
    assert text.index(title) not in starts


@pytest.mark.parametrize("text,full,short", [
    ("John Smith, a local teacher, was evacuated. Smith said the shelling lasted hours.", "John Smith", "Smith"),
    ("Maria Kovalenko runs the shelter. Kovalenko said supplies were short.", "Maria Kovalenko", "Kovalenko"),
])
def test_unknown_people_get_one_local_entity(analyze, text, full, short):
    result = analyze(text)
    e = entity_of(result, full)
    assert e["id"].startswith("local:") and e["type"] == "PERSON"
    assert [m["text"] for m in e["mentions"]] == [full, short]


def test_an_unknown_person_takes_the_country_of_the_title_before_the_name(analyze):
    result = analyze("Latvian Foreign Minister Anna Berzina called the attack a crime.")
    e = entity_of(result, "Anna Berzina")
    assert (e["type"], e["country"], e["id"]) == ("PERSON", "LV", "local:anna-berzina")


@pytest.mark.parametrize("text,mention,eid,country", [
    ("North Korean soldiers were seen near the border.", "North Korean soldiers", "group:north-korean-troops", "KP"),
    ("Russian drones hit the port overnight.", "Russian", "group:russians", "RU"),
    ("Thousands of Ukrainians fled the city.", "Ukrainians", "group:ukrainians", "UA"),
    ("Ukrainian troops held the line.", "Ukrainian troops", "group:ukrainian-troops", "UA"),
])
def test_demonyms_and_personnel_are_groups_with_a_country(analyze, text, mention, eid, country):
    e = entity_of(analyze(text), mention)
    assert (e["id"], e["type"], e["country"]) == (eid, "GROUP", country)


@pytest.mark.parametrize("text,mention,eid,etype,country", [
    ("Russian forces advanced overnight.", "Russian forces", "org:armed-forces-of-russia", "ORG", "RU"),
    ("The Russian military command denied it.", "Russian military command", "org:armed-forces-of-russia", "ORG", "RU"),
    ("Poland's defence ministry confirmed the flight.", "Poland's defence ministry",
     "org:ministry-of-defence-of-poland", "ORG", "PL"),
    ("Ukraine's Western partners pledged more air defence.", "Ukraine's Western partners", "group:western-allies",
     "GROUP", None),
])
def test_descriptions_become_entities_with_a_country(analyze, text, mention, eid, etype, country):
    e = entity_of(analyze(text), mention)
    assert (e["id"], e["type"], e["country"]) == (eid, etype, country)


@pytest.mark.parametrize("text,name", [
    ("Kyiv rejected the proposal on Monday.", "Kyiv"),
    ("Luhansk was shelled again, officials said.", "Luhansk"),
    ("Kurakhove fell after weeks of fighting.", "Kurakhove"),
    ("Türkiye hosted the talks between the delegations.", "Türkiye"),
])
def test_gazetteer_places_are_never_people_or_organisations(analyze, text, name):
    assert entity_of(analyze(text), name)["type"] == "PLACE"


TEXT = ("Russian President Vladimir Putin said on Friday that Russian forces had taken Kurakhove. "
        "Ukraine's commander-in-chief denied it. Putin's spokesman Dmitry Peskov declined to comment, "
        "and John Smith, a British analyst, said Smith's team had no evidence.\n")


def test_mention_offsets_are_exact_and_indexed(analyze, pipeline):
    result = analyze(TEXT, published="2024-12-01")
    mentions = [m for e in result["entities"] for m in e["mentions"]]
    assert mentions and all(TEXT[m["start"]:m["end"]] == m["text"] for m in mentions)
    assert all(m["text"] == m["text"].strip() for m in mentions)


def test_entities_are_sorted_by_first_mention(analyze):
    result = analyze(TEXT, published="2024-12-01")
    firsts = [e["mentions"][0]["start"] for e in result["entities"]]
    assert firsts == sorted(firsts)


def test_mention_index_covers_every_mention(pipeline):
    from warbrief.pipeline import DocumentInput

    doc = pipeline.nlp(pipeline.make_doc(DocumentInput(TEXT, published="2024-12-01")))
    st = doc._.wb
    expected = {(m.start, m.end): e.id for e in st.entities for m in e.mentions}
    assert st.mention_index == expected


@pytest.mark.parametrize("text,published,mention,eid", [
    ("The talks were hosted by the president of Poland.", "2024-03-01", "president of Poland", "person:andrzej-duda"),
    ("Ukraine’s foreign minister flew to Brussels.", "2024-12-01", "Ukraine’s foreign minister",
     "person:andrii-sybiha"),
    ("Dmitry Medvedev posted again. The former president often does.", "2024-12-01", "president",
     "person:dmitry-medvedev"),
    ("Xi Jinping spoke first. The Chinese leader then left.", "2024-12-01", "Chinese leader", "person:xi-jinping"),
])
def test_descriptions_of_people(analyze, text, published, mention, eid):
    assert entity_of(analyze(text, published=published), mention)["id"] == eid


@pytest.mark.parametrize("text,word", [
    ("Pro-Russian politicians cheered the decision.", "Russian politicians"),
    ("The Russian-occupied town lost power.", "Russian"),
])
def test_hyphenated_compounds_are_not_the_country_s_people(analyze, text, word):
    result = analyze(text)
    assert not [e for e in result["entities"] if e["id"] in ("group:russians", "group:russian-officials")]


def test_armed_forces_of_a_country_written_out(analyze):
    e = entity_of(analyze("Aid went to the armed forces of Ukraine."), "armed forces of Ukraine")
    assert (e["id"], e["country"]) == ("org:armed-forces-of-ukraine", "UA")


def test_a_first_name_alone_links_to_the_one_person_so_named(analyze):
    text = "Boris Johnson visited Kyiv in April. Boris was greeted by the mayor."
    result = analyze(text, published="2022-04-10")
    assert mention_texts(result, "person:boris-johnson") == ["Boris Johnson", "Boris"]


@pytest.mark.parametrize("text,mention,eid,country", [
    ("Elements of the 47th Mechanized Brigade repelled the assault.", "47th Mechanized Brigade",
     "unit:47th-mechanized-brigade", "UA"),
    ("The Russian 20th Motorized Rifle Division lost a tank.", "20th Motorized Rifle Division",
     "local:20th-motorized-rifle-division", "RU"),
])
def test_numbered_units_are_military_units(analyze, text, mention, eid, country):
    e = entity_of(analyze(text), mention)
    assert (e["id"], e["type"], e["country"]) == (eid, "MILITARY_UNIT", country)


def test_a_description_right_before_the_name_is_not_a_second_mention(analyze):
    result = analyze("Kremlin spokesman Dmitry Peskov declined to comment.", published="2024-06-01")
    assert mention_texts(result, "person:dmitry-peskov") == ["Dmitry Peskov"]


def local_mentions(result):
    return {m["text"] for e in result["entities"] if e["id"].startswith("local:") for m in e["mentions"]}


@pytest.mark.parametrize("text,junk", [
    ("Cookie Policy\nThe mayor of Lviv, Andriy Sadovyi, spoke to reporters on Monday.", "Cookie Policy"),
    ("Latest News\nReset Password\nThe council met in Brussels on Friday.", "Reset Password"),
    ("Press Ctrl + Enter to report an error.\nThe talks resumed on Monday.", "Ctrl + Enter"),
])
def test_menu_and_button_words_are_not_entities(analyze, text, junk):
    assert junk not in local_mentions(analyze(text))


@pytest.mark.parametrize("text,junk", [
    ("Kremlin Warns Helsinki Over Massive Losses At Border\nThe talks resumed on Monday.", "Massive Losses"),
    ("Trump Warns Clinton Over Deal\nNegotiators met in Geneva on Tuesday.", "Trump Warns Clinton"),
    ("- [Kremlin Warns Of Massive Losses](https://example.org/a-b)\nThe talks resumed on Monday.",
     "Massive Losses"),
])
def test_headline_fragments_not_named_in_the_body_are_not_entities(analyze, text, junk):
    assert junk not in local_mentions(analyze(text))


@pytest.mark.parametrize("text,name", [
    ("Photo: Maria Kowalczyk/Getty Images\nSoldiers rested near the front on Sunday.", "Maria Kowalczyk"),
    ("A soldier rests in a trench. (Tomasz Wrobel/AFP via Getty Images)\nShelling continued.", "Tomasz Wrobel"),
    ("By John Keller\nShelling continued overnight, officials said.", "John Keller"),
])
def test_credits_and_bylines_are_not_entities(analyze, text, name):
    assert name not in local_mentions(analyze(text))


@pytest.mark.parametrize("text,name", [
    ("Kowalczyk Visits Kyiv\nMaria Kowalczyk, a Polish senator, arrived in Kyiv on Monday.", "Maria Kowalczyk"),
    ("John Keller Resigns\nOn Friday, John Keller resigned, the ministry said.", "John Keller"),
    ("The report thanks Olha Marchenko, Ivan Dudko, Petro Savchuk and Dmytro Lysenko for research.",
     "Ivan Dudko"),
])
def test_people_named_in_the_body_stay_entities(analyze, text, name):
    assert name in local_mentions(analyze(text))


@pytest.mark.parametrize("text,trimmed", [
    ("The study was funded by a grant from the Stepanenko Foundation of Lutsk.", "Stepanenko Foundation"),
])
def test_a_name_cut_short_does_not_end_in_a_function_word(analyze, text, trimmed):
    assert not any(m.endswith((" of", " the")) for m in local_mentions(analyze(text)))


def test_a_known_name_in_capitals_links_to_its_entity(analyze):
    result = analyze("REUTERS\nKyiv was shelled overnight, Reuters reported.")
    assert all(not e["id"].startswith("local:") for e in result["entities"] if e["type"] == "ORG")


@pytest.mark.parametrize("text,country", [
    ("Lyon Metropolitan Police", "FR"),          # a body named after its seat: a city of 100,000+
    ("Bavaria Farmers Association", "DE"),       # ... or a first-level division
    ("Lyon Smith", None),                        # no seat word: a place inside a name is not enough
])
def test_short_text_takes_the_country_of_a_seat_named_inside_it(text, country):
    from warbrief.knowledge.actors import load_actors

    assert load_actors().resolve(text).country == country


@pytest.mark.parametrize("text,country,actor", [
    ("Boko Haram militants", "NG", "org:boko-haram"),
    ("a Sinaloa Cartel cell", "MX", "org:sinaloa-cartel"),
    ("the ELN guerrillas", "CO", "org:eln"),
])
def test_armed_groups_outside_europe_have_a_country(text, country, actor):
    from warbrief.knowledge.actors import load_actors

    res = load_actors().resolve(text)
    assert (res.country, res.actor.id if res.actor else None) == (country, actor)


def test_a_head_of_state_outside_europe_resolves_by_title_and_date():
    from datetime import date

    from warbrief.knowledge.actors import load_actors

    kb = load_actors()
    assert kb.resolve("the Kenyan president", date(2023, 3, 1)).actor.id == "person:william-ruto"
    assert kb.resolve("the Kenyan president", date(2020, 3, 1)).actor.id == "person:uhuru-kenyatta"


@pytest.mark.parametrize("text,place", [
    ("Settlers moved deeper into the West Bank last year.", "West Bank"),
    ("A grant came from the West Virginia Division of Highways.", "West Virginia"),
])
def test_a_known_name_that_only_opens_a_place_name_yields_to_the_place(analyze, text, place):
    e = entity_of(analyze(text), place)
    assert e["type"] == "PLACE" and e["place"]["lat"] is not None


def test_the_west_alone_is_still_the_group(analyze):
    assert entity_of(analyze("The West must keep supporting Ukraine."), "The West")["id"] == "group:the-west"
