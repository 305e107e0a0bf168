"""Places in war reports: relative locations decide among namesakes, and a name must earn being a
place (issue 16, items 3 and 4). The data files behind them load with errors naming file and line."""

from __future__ import annotations

import pytest

from warbrief.errors import WarbriefError
from warbrief.stages.places import relative, weights
from warbrief.stages.places.cues import acronym, parse_local
from warbrief.stages.places.relative import bearing


def places(analyze, text, published="2025-12-18"):
    """name as written -> list of (entity id, admin1, reason) of the PLACE entities with a point."""
    out: dict[str, list[tuple[str, str, str]]] = {}
    for e in analyze(text, published=published)["entities"]:
        p = e.get("place") or {}
        if e["type"] == "PLACE" and p.get("lat") is not None:
            for m in e["mentions"]:
                out.setdefault(m["text"], []).append((e["id"], p.get("admin1"), p.get("reason") or ""))
    return out


# ---------------------------------------------------------------- relative locations
@pytest.mark.parametrize("text,name,admin1,cue", [
    ("Russian forces attacked near Hryhorivka (east of Velykyi Burluk) on December 17.",
     "Hryhorivka", "Kharkiv Oblast", "Hryhorivka (east of Velykyi Burluk"),
    ("Russian forces attacked west of Orikhiv near Stepnohirsk, Plavni, and Pavlivka on December 17.",
     "Pavlivka", "Zaporizhzhia Oblast", "west of Orikhiv near Stepnohirsk, Plavni, and Pavlivka"),
    ("Russian forces attacked near Pavlivka (southwest of Druzhkivka) on December 17.",
     "Pavlivka", "Donetsk Oblast", "Pavlivka (southwest of Druzhkivka"),
])
def test_a_village_lies_where_the_text_says_and_the_reason_quotes_the_cue(analyze, text, name, admin1, cue):
    [(_, where, reason)] = places(analyze, text)[name]
    assert where == admin1
    assert f"the text places it '{cue}'" in reason


def test_without_the_cue_the_namesake_at_the_front_wins(analyze):
    # the same village name with no relative location: the cue above is what decides
    [(_, where, _)] = places(analyze, "Russian forces attacked near Hryhorivka on December 17.")["Hryhorivka"]
    assert where != "Kharkiv Oblast"


def test_the_sections_direction_carries_to_the_villages_under_it(analyze):
    text = ("**Russian forces continued offensive operations in the Zaporizhzhia direction on December 17.**\n"
            "Russian forces attacked near Pavlivka on December 16 and 17.")
    [(_, where, reason)] = places(analyze, text)["Pavlivka"]
    assert where == "Zaporizhzhia Oblast" and "in the Zaporizhzhia direction" in reason


def test_two_same_named_villages_with_different_cues_are_two_places(analyze):
    text = ("Russian forces attacked near Pavlivka (southwest of Druzhkivka) on December 16. "
            "Russian forces attacked west of Orikhiv near Stepnohirsk and Pavlivka on December 17.")
    found = places(analyze, text)["Pavlivka"]
    assert [w for _, w, _ in found] == ["Donetsk Oblast", "Zaporizhzhia Oblast"]
    assert found[0][0] != found[1][0]  # two entities, though neither has a GeoNames id


def test_a_later_bare_mention_takes_the_cue_of_its_namesake(analyze):
    text = ("Russian forces attacked near Hryhorivka (east of Velykyi Burluk) on December 17. "
            "Ukrainian forces counterattacked near Hryhorivka.")
    assert {w for _, w, _ in places(analyze, text)["Hryhorivka"]} == {"Kharkiv Oblast"}


@pytest.mark.parametrize("lat,lon,deg", [(51.0, 30.0, 0), (50.0, 31.0, 90), (49.0, 30.0, 180), (50.0, 29.0, 270)])
def test_bearing(lat, lon, deg):
    assert abs(bearing(50.0, 30.0, lat, lon) - deg) < 1.0


def test_a_bad_cue_file_names_its_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "place_relative.yaml"
    bad.write_text("reach_km: 90\nsame_spot_km: 3\nside_deg: 67.5\nnear_km: 60\ndirections: {north: 0}\n"
                   "cues:\n  - name: broken\n    scope: everywhere\n    pattern: 'x'\n", encoding="utf-8")
    monkeypatch.setattr(relative, "FILE", bad)
    relative.load_rules.cache_clear()
    try:
        with pytest.raises(WarbriefError, match=r"place_relative.yaml:7: cue 'broken' has scope 'everywhere'"):
            relative.load_rules()
    finally:
        relative.load_rules.cache_clear()


# ---------------------------------------------------------------- a name must earn being a place
@pytest.mark.parametrize("text,word", [
    ("Order of Battle: Drone operators of the Russian 20th Motorized Rifle Division are operating near Pokrovsk.",
     "Battle"),
    ("The Russian Air, Missile, and Drone Campaign continued against Kharkiv.", "Air"),
    ("The Russian MoD claimed that Russian forces seized a village near Pokrovsk.", "MoD"),
    ("Russian forces use SIM cards in Shahed drones that struck Kharkiv.", "SIM"),
    ("Elements of the Russian 4th Tank Division attacked near Kupyansk.", "Tank"),
    ("Data cutoff: 12 PM ET. Russian forces attacked near Pokrovsk.", "Data"),
])
def test_in_a_war_report_a_word_is_no_place(analyze, text, word):
    found = places(analyze, text)
    assert word not in found, found.get(word)


def test_a_small_place_abroad_with_place_evidence_is_still_a_place(analyze):
    found = places(analyze, "Ukrainian pilots trained in Ayr in Scotland. Russian forces struck Kharkiv.")
    assert found["Ayr"][0][1] == "Scotland"


def test_a_river_is_not_the_town_opening_its_name(analyze):
    found = places(analyze, "Ukrainian forces crossed the Siverskyi Donets River near Siversk.")
    assert "Siverskyi Donets River" not in found  # not Siverskiy near St Petersburg
    assert found["Siversk"][0][1] == "Donetsk Oblast"


def test_an_officers_surname_is_not_a_town(analyze):
    text = "The officer Aleksandr Mikhaylov commanded the assault near Pokrovsk, Russian sources said."
    assert "Mikhaylov" not in places(analyze, text)


def test_new_york_is_not_the_village_known_by_that_alternate_name(analyze):
    text = "Zelensky spoke at the UN General Assembly in New York. Russian forces attacked near Pokrovsk."
    [(eid, admin1, _)] = places(analyze, text)["New York"]
    assert admin1 == "New York" and "Donetsk" not in admin1


def test_a_list_of_oblasts_is_regions(analyze):
    a = analyze("Russian forces conducted drone strikes on Chernihiv, Kharkiv, Sumy, and Dnipropetrovsk oblasts "
                "overnight.", published="2025-12-18")
    feats = {m["text"]: e["place"]["feature"] for e in a["entities"] if e["type"] == "PLACE" for m in e["mentions"]}
    assert feats == {"Chernihiv": "region", "Kharkiv": "region", "Sumy": "region", "Dnipropetrovsk": "region"}


@pytest.mark.parametrize("text,expected", [("SIM", True), ("MoD", True), ("BASIC", True), ("DeKalb", False),
                                           ("Kharkiv", False), ("A", False)])
def test_acronym(text, expected):
    assert acronym(text) is expected


# ---------------------------------------------------------------- the data files
def test_the_weights_are_read_from_their_table():
    w = weights.weights()
    assert w.within == 8.0 and w.kind[2] == -1.0 and w.feature["country"] == 5.0


@pytest.mark.parametrize("edit,message", [
    (lambda t: t.replace("within: 8.0", "within_: 8.0"), r"place_weights.yaml:\d+: unknown weight 'within_'"),
    (lambda t: t.replace("listed: 4.0", "listed: many"), r"place_weights.yaml:\d+: listed is 'many'; expected a number"),
    (lambda t: t.replace("capital: 2.5", ""), r"weight 'capital' is missing"),
])
def test_a_bad_weights_table_names_its_file_and_line(edit, message):
    text = edit(weights.FILE.read_text(encoding="utf-8"))
    with pytest.raises(WarbriefError, match=message):
        weights.parse(text)


def test_a_bad_local_words_file_names_its_line():
    with pytest.raises(WarbriefError, match=r"x.yaml:2: town_words must be a list"):
        parse_local("institution_words: [police]\ntown_words: police\n", "x.yaml")


# ---------------------------------------------------------------- the US local news profile
def _bare_run_places(pipeline, text):
    from warbrief.pipeline import DocumentInput

    doc = pipeline.nlp(pipeline.make_doc(DocumentInput(text, "2024-01-01")))
    return [m.text for m in doc._.wb.places]


def test_the_us_local_profile_serves_local_news_but_not_war_reports(pipeline):
    from warbrief.stages.places.cues import us_local

    assert us_local().bare_institution_runs and "concord" in us_local().stop_towns
    local = "Grovetown police said the fire started on Monday."
    assert "Grovetown" in _bare_run_places(pipeline, local)
    assert "Grovetown" not in _bare_run_places(pipeline, local + " Russian forces struck Kharkiv overnight.")


def test_a_bad_profile_names_its_line():
    from warbrief.stages.places.cues import parse_us_local

    text = "bare_institution_runs: yes please\ncompass_divisions: true\nstop_towns: []\nstop_town_words: []\n"
    with pytest.raises(WarbriefError, match=r"p.yaml:1: bare_institution_runs must be true or false"):
        parse_us_local(text, "p.yaml")
