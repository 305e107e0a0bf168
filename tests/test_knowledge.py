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
