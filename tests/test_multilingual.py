"""Ukrainian and Russian read natively: language detection, the uk/ru profiles, inflected
places, dates, events with casualties in words, claims in «», and a Telegram export with posts
in three languages. Every text here is written for these tests."""

from __future__ import annotations

import json
import sqlite3

import pytest

from helpers import validate
from warbrief.errors import InputError
from warbrief.lang import detect, normalise_code
from warbrief.pipeline import DocumentInput, analyze_stream

pytestmark = pytest.mark.model


def _run(pipeline, text: str, published: str = "2024-11-01", language: str | None = None) -> dict:
    return pipeline.analyze(DocumentInput(text, published, language=language)).to_dict()


def _places(a: dict) -> dict[str, str]:
    """mention text -> canonical place name"""
    return {m["text"]: e["name"] for e in a["entities"] if e["type"] == "PLACE" for m in e["mentions"]}


# ---------------------------------------------------------------- language
@pytest.mark.parametrize("text, code", [
    ("Учора ввечері окупанти знову обстріляли село поблизу лінії фронту.", "uk"),
    ("Вчера вечером оккупанты снова обстреляли село недалеко от линии фронта.", "ru"),
    ("Russian forces shelled a village near the front line yesterday evening.", "en"),
    ("Die russischen Truppen haben gestern Abend ein Dorf an der Front beschossen.", "de"),
])
def test_language_is_detected(text, code):
    assert detect(text) == code


def test_language_code_is_normalised_or_refused():
    assert normalise_code("UK") == "uk" and normalise_code("ru-RU") == "ru" and normalise_code(None) is None
    with pytest.raises(InputError, match="ISO 639-1"):
        normalise_code("ukrainian")


def test_document_language_is_recorded_and_can_be_given(pipeline):
    assert _run(pipeline, "Окупанти обстріляли Харків.")["document"]["language"] == "uk"
    # a given language wins over detection (and picks the profile)
    forced = _run(pipeline, "Окупанти обстріляли Харків.", language="ru")
    assert forced["document"]["language"] == "ru"


def test_english_only_use_builds_no_cyrillic_profile():
    from warbrief.pipeline import Pipeline

    p = Pipeline()
    p.analyze(DocumentInput("Russian forces shelled Kharkiv on Tuesday.", "2024-11-01"))
    assert set(p._nlps) == {"en"}


# ---------------------------------------------------------------- places
def test_inflected_ukrainian_places_resolve_to_their_lemma(pipeline):
    a = _run(pipeline, "Бої тривають під Покровськом, у Бахмуті та поблизу Курахового на Донеччині.")
    validate(a)
    assert _places(a) == {"Покровськом": "Pokrovsk", "Бахмуті": "Bakhmut", "Курахового": "Kurakhove",
                          "Донеччині": "Donetsk Oblast"}
    ids = {e["name"]: e["id"] for e in a["entities"]}
    assert ids["Pokrovsk"].startswith("geonames:")  # the same id an English report gets


def test_russian_places_and_oblast_in_genitive(pipeline):
    a = _run(pipeline, "Под Кисловкой Харьковской области и в Северодонецке шли бои.")
    places = _places(a)
    assert places["Харьковской области"] == "Kharkiv Oblast"
    assert places["Северодонецке"] == "Sievierodonetsk"
    assert "Кисловкой" in places


def test_country_short_forms_are_countries_not_namesake_villages(pipeline):
    places = _places(_run(pipeline, "Росія і США обговорили ситуацію, заявили в РФ."))
    assert places["Росія"] == "Russia" and places["США"] == "United States"


def test_adjective_parse_of_a_name_still_finds_the_town(pipeline):
    # the top parse of "Покровська" is an adjective; the community is named after Pokrovsk
    places = _places(_run(pipeline, "Ворог обстріляв Покровськ. Удару зазнала Покровська громада."))
    assert places["Покровська громада"] == "Pokrovsk"


def test_a_place_inside_an_institution_name_is_not_a_place(pipeline):
    places = _places(_run(pipeline, "Верховна Рада України ухвалила закон про мобілізацію."))
    assert "України" not in places


# ---------------------------------------------------------------- dates
def test_ukrainian_and_russian_dates(pipeline):
    uk = {t["text"]: t["value"] for t in _run(pipeline, "У ніч на 7 лютого дрони атакували Одесу, а вчора "
                                                         "і минулого тижня був обстріл. 16 березня 2022 року.",
                                              "2024-03-20")["times"]}
    assert uk == {"7 лютого": "2024-02-07", "вчора": "2024-03-19", "минулого тижня": "2024-W11",
                  "16 березня 2022 року": "2022-03-16"}
    ru = {t["text"]: t["value"] for t in _run(pipeline, "В ночь на 7 февраля и вчера, 30 октября.",
                                              "2024-10-31")["times"]}
    assert ru == {"7 февраля": "2024-02-07", "вчера": "2024-10-30", "30 октября": "2024-10-30"}


# ---------------------------------------------------------------- events
def test_ukrainian_shelling_with_casualties_in_words(pipeline):
    a = _run(pipeline, "30 жовтня російські війська обстріляли Нікополь, загинули двоє цивільних, "
                       "ще п'ятеро дістали поранення.", "2024-10-31")
    validate(a)
    ev = a["events"][0]
    assert ev["acled"] == {"event_type": "Explosions/Remote violence",
                           "sub_event_type": "Shelling/artillery/missile attack"}
    assert ev["place"]["name"] == "Nikopol" and ev["time"]["value"] == "2024-10-30"
    assert ev["casualties"] == {"killed": 2, "injured": 5}
    assert ev["actors"][0]["entity"] == "org:armed-forces-of-russia"


def test_russian_repelled_attack_and_drone_strike(pipeline):
    a = _run(pipeline, "ВСУ отразили атаку под Кисловкой. Российские войска атаковали Сумы ударным "
                       "беспилотником, ранены трое.", "2024-10-31")
    subs = [(e["label"], e["acled"]["sub_event_type"]) for e in a["events"] if e["acled"]]
    assert ("repel", "Armed clash") in subs
    drone = next(e for e in a["events"] if e["label"] == "drone-strike")
    assert drone["acled"]["sub_event_type"] == "Air/drone strike"
    assert drone["casualties"]["injured"] == 3  # "трое" in any case form


def test_denied_event_is_not_coded(pipeline):
    a = _run(pipeline, "Окупанти не обстріляли Херсон цієї ночі.")
    assert all(e["acled"] is None for e in a["events"] if e["label"] == "shelling")


# ---------------------------------------------------------------- entities and claims
def test_known_actors_by_lemma_keep_english_ids(pipeline):
    a = _run(pipeline, "Сирський доповів Зеленському про ситуацію. Генштаб ЗСУ повідомив про бої.")
    ids = {e["id"] for e in a["entities"]}
    assert {"person:oleksandr-syrskyi", "person:volodymyr-zelenskyy", "org:general-staff-of-ukraine"} <= ids


def test_unknown_people_are_found_by_their_name_forms(pipeline):
    a = _run(pipeline, "Командир роти Андрій Коваленко розповів про бій.")
    persons = [m["text"] for e in a["entities"] if e["type"] == "PERSON" for m in e["mentions"]]
    assert persons == ["Андрій Коваленко"]


def test_quotes_in_guillemets_and_reported_speech(pipeline):
    a = _run(pipeline, "«Ми не віддамо жодного метра нашої землі», — заявив Зеленський. "
                       "Песков заявил, что Кремль не планирует переговоров.")
    claims = [(c["direct"], c["text"], c["speaker"]["entity"]) for c in a["claims"]]
    assert (True, "Ми не віддамо жодного метра нашої землі", "person:volodymyr-zelenskyy") in claims


# ---------------------------------------------------------------- Telegram, three languages
EXPORT = {"name": "Фронт 24/7", "type": "public_channel", "id": 7, "messages": [
    {"id": 1, "type": "message", "date": "2024-10-30T10:00:00",
     "text": "30 жовтня російські війська обстріляли Нікополь, загинули двоє цивільних."},
    {"id": 2, "type": "message", "date": "2024-10-30T11:00:00",
     "text": "30 октября российские войска обстреляли Никополь, погибли двое мирных жителей."},
    {"id": 3, "type": "message", "date": "2024-10-30T12:00:00",
     "text": "Russian forces shelled Nikopol on October 30, killing two civilians."},
]}


def test_telegram_export_posts_each_in_its_language(tmp_path, pipeline):
    from warbrief.ingest import ReadOptions
    from warbrief.ingest.telegram import from_telegram

    posts = list(from_telegram("result.json", json.dumps(EXPORT).encode(), ReadOptions()))
    results = [r for _, r in analyze_stream(posts)]
    assert [r.document.language for r in results] == ["uk", "ru", "en"]
    # all three put the strike in one place, by the same English canonical id
    assert {e.place.entity for r in results for e in r.events if e.place} == {"geonames:700051"}


def test_ingest_stores_every_post_with_its_language(tmp_path):
    from warbrief.ingest.runner import IngestOptions, ingest
    from warbrief.store import open_store

    path = tmp_path / "result.json"
    path.write_text(json.dumps(EXPORT, ensure_ascii=False), encoding="utf-8")
    db = tmp_path / "t.db"
    with open_store(str(db)) as s:
        summary = ingest(s, [str(path)], IngestOptions(progress=False))
    assert summary.stored == 3
    langs = sorted(r[0] for r in sqlite3.connect(db).execute("SELECT language FROM documents"))
    assert langs == ["en", "ru", "uk"]


def test_russian_spelling_of_ukrainian_villages_finds_the_codifier_name(pipeline):
    # Russian-language reports write Любомировка, Старый Салтов, Спорное for Любомирівка,
    # Старий Салтів, Спірне; the oblast named after them decides among namesakes
    a = _run(pipeline, "Бои шли под Любомировкой Николаевской области, у Старого Салтова Харьковской "
                       "области и в районе Спорного Донецкой области.")
    places = _places(a)
    assert places["Любомировкой"] == "Lyubomyrivka"
    assert places["Старого Салтова"] == "Staryi Saltiv"
    assert places["Спорного"] == "Spirne"


def test_search_finds_a_place_in_every_script_and_spelling(tmp_path):
    from warbrief.ingest.runner import IngestOptions, ingest
    from warbrief.store import open_store

    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"text": t, "published": "2024-10-31"}, ensure_ascii=False) for t in [
        "30 жовтня окупанти обстріляли Куп'янськ з артилерії.",
        "30 октября российские войска обстреляли Купянск.",
        "Russian forces shelled Kupyansk on October 30.",
        "Russian forces shelled Kherson on October 30."]) + "\n", encoding="utf-8")
    with open_store(str(tmp_path / "s.db")) as s:
        ingest(s, [str(batch)], IngestOptions(progress=False))
        page = s.search("Kupiansk")
        assert len(page.items) == 3
        assert {"Куп'янськ", "Купянск", "Kupyansk"} <= set(page.also_searched)
        assert len(s.search("Kherson").items) == 1


def test_quoted_names_and_initials(pipeline):
    a = _run(pipeline, "Команда «Тернопіль» перемогла у Луцьку. Ескізи для трупи М. Кропивницького.")
    assert _places(a) == {"Луцьку": "Lutsk"}
    persons = [m["text"] for e in a["entities"] if e["type"] == "PERSON" for m in e["mentions"]]
    assert persons == ["М. Кропивницького"]


def test_a_village_named_like_a_common_word_opening_a_line_is_not_a_place(pipeline):
    # Zmahannia and Peremozhets are villages; opening a line these are "competitions", "winners"
    a = _run(pipeline, "Змагання проходили у Луцьку.\nПереможці отримали кубки.")
    assert _places(a) == {"Луцьку": "Lutsk"}


def test_ukrainian_post_and_english_report_meet_in_one_finding(pipeline):
    from datetime import date

    from warbrief.brief import BriefOptions, build_brief, from_analyses

    posts = [("30 жовтня російські війська обстріляли Нікополь з артилерії, загинули двоє цивільних.", "Суспільне"),
             ("Russian forces shelled Nikopol with artillery on October 30, killing two civilians.", "Reuters")]
    analyses = [pipeline.analyze(DocumentInput(t, "2024-10-30", source=s)).to_dict() for t, s in posts]
    brief = build_brief(from_analyses(analyses), BriefOptions(date=date(2024, 10, 30)))
    merged = [f for f in brief.findings if {c.outlet for c in f.citations} == {"Суспільне", "Reuters"}]
    assert merged and len(merged[0].sources) == 2


def test_acronyms_adjectives_and_common_nouns_are_not_places(pipeline):
    a = _run(pipeline, "Суд відмовив. Рішення Краматорської міської ради оскаржили МОЗ України та ОДА, "
                       "а США підтримали Київ.")
    assert _places(a) == {"США": "United States", "Київ": "Kyiv"}
