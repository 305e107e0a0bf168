"""The offline gazetteer: name keys, lookups, shipped data files, the index's life cycle, the CLI."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from warbrief.errors import GazetteerError
from warbrief.knowledge import DATA
from warbrief.knowledge import gazetteer as gz
from warbrief.knowledge.gazetteer_build import load_curated, read_tsv
from warbrief.knowledge.names import name_keys, ukrainian_latin


@pytest.fixture
def gaz():
    """Function-scoped so that it runs after conftest's data-directory fixture (the index itself
    is built once per session and cached per path)."""
    return gz.get_gazetteer()


def ids(cands) -> set[int | None]:
    return {c.gid for c in cands}


@pytest.mark.parametrize("variant", ["Kupiansk", "Kup'yans'k", "Kup’yans’k", "Купянськ", "Купянск", "KUPYANSK",
                                     "Kupʼyansk"])
def test_transliteration_variants_share_a_key(variant):
    assert set(name_keys(variant)) & set(name_keys("Kupyansk"))


@pytest.mark.parametrize("a,b", [("Klishchiivka", "Klischiivka"), ("Клещеевка", "Kleshcheevka"),
                                 ("Shchastia", "Schastia"), ("Щастя", "Schastya")])
def test_shch_and_sch_spellings_share_a_key(a, b):
    assert set(name_keys(a)) & set(name_keys(b))


@pytest.mark.parametrize("text", ["", "   ", "!!!", "—", "\u200b", "''"])
def test_names_without_letters_have_no_key(text):
    assert name_keys(text) == ()


@pytest.mark.parametrize("name,gid", [
    ("Kupyansk", 703656), ("Kupiansk", 703656), ("Kup'yans'k", 703656), ("Купянськ", 703656),
    ("Купянск", 703656), ("Vuhledar", 690823), ("Ugledar", 690823), ("Kurakhove", 695357),
    ("Kurakhovo", 695357), ("Bakhmut", 713174), ("Artemovsk", 713174), ("Kyiv", 703448), ("Kiev", 703448),
    ("Türkiye", 298795), ("Turkiye", 298795), ("Donetsk Oblast", 709716), ("the Donetsk region", 709716),
    ("Донецька область", 709716), ("Zaporozhye Oblast", 687699), ("Zaporizhzhia region", 687699),
    ("Kharkov Oblast", 706482), ("Crimea", 703883), ("Belgorod region", 578071), ("Ga.", 4197000),
    ("ＫＹＩＶ", 703448),
])
def test_lookup_finds_the_place(gaz, name, gid):
    assert gid in ids(gaz.lookup(name))


@pytest.mark.parametrize("name", ["Xyzzyqville", "", "a" * 5000, "\x00\x01", "🙂🙂"])
def test_lookup_of_unknown_or_odd_names_is_empty(gaz, name):
    assert gaz.lookup(name) == ()


def test_admin1_names_are_english(gaz):
    assert gaz.admin1_name("UA", "07") == "Kharkiv Oblast"
    assert gaz.admin1_name("US", "TX") == "Texas"


@pytest.mark.parametrize("country,count", [("UA", 27), ("RU", 83)])
def test_every_division_of_ukraine_and_russia_is_shipped(country, count):
    rows = [r for r in read_tsv(DATA / "admin1.tsv") if r[0] == country]
    assert len(rows) >= count


@pytest.mark.parametrize("country", ["UA", "RU"])
def test_every_division_of_ukraine_and_russia_has_a_curated_english_name(country):
    curated = load_curated()["admin1"]
    codes = {f"{r[0]}.{r[1]}" for r in read_tsv(DATA / "admin1.tsv") if r[0] == country}
    assert codes - set(curated) == set()


def test_data_files_record_their_origin():
    for name in ("admin1.tsv", "admin2.tsv", "countries.tsv", "villages_ua.tsv"):
        head = (DATA / name).read_text(encoding="utf-8")[:600]
        assert "GeoNames" in head and "CC BY 4.0" in head, name


@pytest.mark.parametrize("word", ["russian", "ukrainian", "american"])
def test_demonyms_are_listed_as_not_places(word):
    from warbrief.knowledge.names import name_key

    assert name_key(word) in gz.stop_lists().demonyms


@pytest.mark.parametrize("cyrillic,latin", [("Іскриськівщина", "Iskryskivshchyna"), ("Ясинувата", "Yasynuvata"),
                                            ("Золота Нива", "Zolota Nyva")])
def test_ukrainian_names_are_romanised_for_display(cyrillic, latin):
    assert ukrainian_latin(cyrillic) == latin


# ------------------------------------------------------------------ the index's life cycle
def test_a_damaged_index_is_refused_with_the_fix(tmp_path):
    bad = tmp_path / "gazetteer.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError, match="warbrief gazetteer build"):
        gz.open_gazetteer(bad, build_missing=False)


def test_a_missing_index_is_refused_with_the_fix_when_building_is_off(tmp_path):
    with pytest.raises(GazetteerError, match="warbrief gazetteer build"):
        gz.open_gazetteer(tmp_path / "none.sqlite", build_missing=False)


@pytest.mark.parametrize("content", [None, b"garbage" * 50])
def test_a_missing_or_damaged_index_is_rebuilt(gaz, tmp_path, monkeypatch, capsys, content):
    target = tmp_path / "gazetteer.sqlite"
    if content is not None:
        target.write_bytes(content)
    calls = []

    def fake_build(path: Path, quiet: bool = False):  # copies the session's index instead of 20 s of work
        calls.append(path)
        shutil.copyfile(gaz.path, path)
        return {}

    monkeypatch.setattr("warbrief.knowledge.gazetteer_build.build", fake_build)
    rebuilt = gz.open_gazetteer(target)
    assert calls == [target]
    assert 703656 in ids(rebuilt.lookup("Kupyansk"))
    assert "building it" in capsys.readouterr().err


# ------------------------------------------------------------------ CLI
def test_cli_lookup_prints_candidates_as_json(gaz, capsys):
    from warbrief.cli import main

    assert main(["gazetteer", "lookup", "Kup'yans'k"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert rows[0]["entity_id"] == "geonames:703656" and rows[0]["admin1"] == "Kharkiv Oblast"


@pytest.mark.parametrize("argv,code", [(["gazetteer", "lookup", "Xyzzyqville"], 1), (["gazetteer", "lookup"], 2)])
def test_cli_lookup_exit_codes(gaz, argv, code):
    from warbrief.cli import main

    assert main(argv) == code


def test_cli_info_describes_the_index(gaz, capsys):
    from warbrief.cli import main

    assert main(["gazetteer", "info"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["schema"] and json.loads(info["counts"])["cities"] > 200_000


@pytest.mark.parametrize("adjective,centre", [
    ("Bashtanskyi", "Bashtanka"), ("Bashtanska", "Bashtanka"), ("Lozivska", "Lozova"),
    ("Huliaipilska", "Huliaipole"), ("Volnovaskyi", "Volnovakha"), ("Kupianskyi", "Kupiansk"),
    ("Bakhmutskyi", "Bakhmut"), ("Zaporizkyi", "Zaporizhzhia"), ("Sumskyi", "Sumy"),
])
def test_a_district_adjective_gives_its_centre_town_name(adjective, centre):
    from warbrief.knowledge.names import adjective_centres

    assert centre in adjective_centres(adjective)


@pytest.mark.parametrize("word", ["Kyiv", "Bakhmut", "Odesa"])
def test_a_plain_name_has_no_district_adjective_reading(word):
    from warbrief.knowledge.names import adjective_centres

    assert adjective_centres(word) == []
