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
    for name in ("admin1.tsv", "admin2.tsv", "countries.tsv", "villages_ua.tsv", "settlements_ua.tsv"):
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


def test_an_index_built_from_other_data_is_rebuilt(gaz, tmp_path, monkeypatch):
    """Editing a shipped data file (an analyst adds a variant) makes the old index stale."""
    import warbrief.knowledge.gazetteer_build as gb

    target = tmp_path / "gazetteer.sqlite"
    shutil.copyfile(gaz.path, target)
    assert gz._usable(target)
    data = tmp_path / "data"
    shutil.copytree(gb.DATA, data)
    with open(data / "place_variants.yaml", "a", encoding="utf-8") as f:
        f.write("\n# an analyst's edit\n")
    monkeypatch.setattr(gb, "DATA", data)
    gb.index_version.cache_clear()
    try:
        assert not gz._usable(target)
    finally:
        gb.index_version.cache_clear()


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


# ------------------------------------------------------------------ Ukraine's settlements (KATOTTG)
def _xlsx(path: Path, rows: list[list[str]]) -> Path:
    """A minimal .xlsx whose first sheet holds `rows` (shared strings, as Excel writes them)."""
    import zipfile
    from xml.sax.saxutils import escape

    strings: list[str] = []
    cells = []
    for i, row in enumerate(rows, 1):
        cs = []
        for j, v in enumerate(row):
            if v:
                strings.append(v)
                cs.append(f'<c r="{"ABCDEFG"[j]}{i}" t="s"><v>{len(strings) - 1}</v></c>')
        cells.append(f'<row r="{i}">{"".join(cs)}</row>')
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{ns}">'
                   + "".join(f"<si><t>{escape(x)}</t></si>" for x in strings) + "</sst>")
        z.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{ns}"><sheetData>{"".join(cells)}'
                   "</sheetData></worksheet>")
    return path


def test_the_codifier_is_read_with_its_hierarchy(tmp_path):
    from tools.gazetteer.sources_ua import katottg_settlements

    o, r, h = "UA63000000000000001", "UA63020000000000002", "UA63020010000000003"
    path = _xlsx(tmp_path / "k.xlsx", [
        ["Кодифікатор"], ["Перший рівень", "Другий рівень", "Третій рівень", "Четвертий рівень", "", "Категорія", "Назва"],
        [o, "", "", "", "", "O", "Харківська"], [o, r, "", "", "", "P", "Вигаданський"],
        [o, r, h, "", "", "H", "Вигаданська "], [o, r, h, "UA63020010010000004", "", "M", "Вигаданськ"],
        [o, r, h, "UA63020010020000005", "", "C", "Тестівка"], [o, r, h, "UA63020010020000005", "UA6302001002000009", "B", "Район"],
    ])
    got = katottg_settlements(path, {"63": "07"})
    assert [(s["name"], s["cat"], s["a1"]) for s in got] == [("Вигаданськ", "M", "07"), ("Тестівка", "C", "07")]
    assert got[1]["hromada_name"] == "Вигаданська" and got[1]["raion_name"] == "Вигаданський"


@pytest.mark.parametrize("adjective,names,centre", [
    ("Соледарська", ["Веселе", "Соледар", "Спірне"], "Соледар"),
    ("Верхньосадівська", ["Фруктове", "Верхньосадове"], "Верхньосадове"),
    ("Гуляйпільська", ["Гуляйпільське", "Гуляйполе"], "Гуляйполе"),  # the city before a village
    ("Лубенська", ["Вовчик", "Лубни"], "Лубни"),  # the hromada's one city
])
def test_a_hromada_centre_is_found_by_its_name(adjective, names, centre):
    from tools.gazetteer.sources_ua import _centres

    cats = {"Гуляйполе": "M", "Лубни": "M", "Соледар": "M"}
    members = [{"name": n, "cat": cats.get(n, "C")} for n in names]
    assert _centres(adjective, members)[0]["name"] == centre


def test_a_hromada_without_a_likely_centre_has_none():
    from tools.gazetteer.sources_ua import _centres

    assert _centres("Зеленська", [{"name": "Дубове", "cat": "C"}, {"name": "Липове", "cat": "C"}]) == []


@pytest.mark.parametrize("ukrainian,russian", [
    ("Петрівське", "Petrovskoye"), ("Оленівка", "Olenovka"), ("Зелене", "Zelenoye"),
    ("Новотроїцьке", "Novotroitskoye"), ("Андріївка", "Andreevka"), ("Київ", ""), ("Гуляйполе", ""),
])
def test_russian_style_spellings_of_ukrainian_names(ukrainian, russian):
    from tools.gazetteer.sources_ua import russian_style

    assert russian_style(ukrainian) == russian


@pytest.mark.parametrize("adjective,stem", [("Huliaipilskyi", "huliaipil"), ("Huliaipilska", "huliaipil"),
                                             ("Vovchanskyi", "vovchan")])
def test_old_districts_meet_hromadas_by_stem(adjective, stem):
    from tools.gazetteer.sources_ua import _district_stem

    assert _district_stem(adjective) == stem


def test_every_codifier_settlement_row_is_well_formed():
    rows = list(read_tsv(DATA / "settlements_ua.tsv"))
    assert len(rows) > 25_000
    precisions = {"exact", "hromada", "raion", "postal", "postal-district"}
    for r in rows:
        assert len(r) == 13 and r[0] == "UA" and r[11] in precisions, r
        assert 44.0 < float(r[9]) < 52.5 and 22.0 < float(r[10]) < 40.5, r
    assert {r[1] for r in rows} >= {"05", "07", "08", "14", "26"}  # Donetsk, Kharkiv, Kherson, Luhansk, Zaporizhzhia


def test_a_village_known_only_to_the_codifier_is_found_near_its_hromada(gaz):
    (c,) = [c for c in gaz.lookup("Lemziakivka") if c.admin1_code == "14"]
    assert c.gid is None and c.approximate and c.precision == "hromada"
    assert "Troitska hromada" in c.note and "Svativskyi raion" in c.note
    troitske = [t for t in gaz.lookup("Troitske") if t.admin1_code == "14" and t.gid]
    assert troitske and min(abs(t.lat - c.lat) + abs(t.lon - c.lon) for t in troitske) < 0.5


def test_a_cities500_place_takes_its_official_ukrainian_name(gaz):
    (hit,) = [c for c in gaz.lookup("Гуляйполе") if c.admin1_code == "26"]
    assert hit.gid is not None and hit.kind <= 1 and not hit.approximate


def test_a_russian_style_spelling_finds_the_ukrainian_village(gaz):
    assert {c.id for c in gaz.lookup("Lemzyakovka")} & {c.id for c in gaz.lookup("Lemziakivka")}


@pytest.mark.parametrize("ukrainian,russian,variants", [
    ("Логвинове", "Logvinovoye", ["Logvinovo"]),  # the Russian noun beside the adjective form
    ("Очеретине", "Ocheretinoye", ["Ocheretino"]),
    ("Верхньошироківське", "Verkhneshirokovskoye", ["Verkhnioshyrokivske"]),  # "Verkhnyoshyrokivske"
    ("Нове", "Novoye", []), ("Зелене", "Zelenoye", []), ("Петрівське", "Petrovskoye", []),
])
def test_spelling_variants_that_reporting_uses(ukrainian, russian, variants):
    from warbrief.knowledge.names import spelling_variants

    assert spelling_variants(ukrainian, russian) == variants


@pytest.mark.parametrize("division,centre", [
    ("Kherson Oblast", "Kherson"), ("Luhansk Oblast", "Luhansk"), ("Dnipropetrovsk Oblast", "Dnipro"),
    ("Crimea", "Simferopol"), ("Belgorod Oblast", "Belgorod"),
])
def test_the_wars_divisions_are_pinned_at_their_centre(gaz, division, centre):
    (region,) = [c for c in gaz.lookup(division) if c.feature == "region" and c.kind <= 1]
    town = max((c for c in gaz.lookup(centre) if c.feature == "city" and c.country == region.country),
               key=lambda c: c.population)
    assert (region.lat, region.lon) == (town.lat, town.lon)


def test_other_divisions_keep_the_middle_of_their_land(gaz):
    (region,) = [c for c in gaz.lookup("Ontario") if c.feature == "region" and c.kind <= 1]
    assert region.lat > 46  # not Toronto (43.7)


@pytest.mark.parametrize("code,name", [("WA", "Western Australia"), ("QLD", "Queensland"), ("ON", "Ontario")])
def test_australian_and_canadian_division_codes_are_abbreviations(gaz, code, name):
    assert any(c.kind == 4 and c.name == name for c in gaz.lookup(code))


def test_russian_noun_forms_and_soft_sign_spellings_find_the_village(gaz):
    assert {c.id for c in gaz.lookup("Logvinovo")} & {c.id for c in gaz.lookup("Lohvynove")}
    assert {c.id for c in gaz.lookup("Verkhnyoshyrokivske")} & {c.id for c in gaz.lookup("Verkhnoshyrokivske")}


@pytest.mark.parametrize("name,text,country,same", [
    ("Makiyivka", "Makiivka", "UA", True),  # GeoNames' and the official romanisation
    ("Kup'yans'k", "Kupyansk", "UA", True),
    ("Iran", "Iraan", "IR", False),  # loose folding elsewhere stays loose
    ("Lynn", "Linn", "US", False),
    ("Saint-Denis", "Saint Denis", "FR", True),
])
def test_a_name_as_written(name, text, country, same):
    from warbrief.knowledge.names import as_written

    assert as_written(name, text, country) is same


def test_a_codifier_village_in_a_war_report_says_how_near_its_point_is(analyze):
    out = analyze("Russian forces shelled Lemziakivka, Luhansk Oblast, on Tuesday, the Ukrainian army said.",
                  published="2023-03-01")
    (e,) = [e for e in out["entities"] if e["type"] == "PLACE" and e["name"] == "Lemziakivka"]
    assert e["place"]["admin1"] == "Luhansk Oblast" and "Troitska hromada" in e["place"]["reason"]
    assert "not its own" in e["place"]["reason"]


def test_codifier_villages_do_not_become_places_in_ordinary_text(analyze):
    out = analyze("Mayor Ellen Dovhalivka opened the new library in Springfield, Illinois on Monday.",
                  published="2023-03-01")
    assert not [e for e in out["entities"] if e["type"] == "PLACE" and (e.get("place") or {}).get("country") == "UA"]


def test_a_city_does_not_take_a_village_name_as_its_official_one(gaz):
    # Donetsk (709717) lists a former name among its GeoNames alternates; the codifier's villages
    # of that name must not make it an official variant
    donetsk = [c for c in gaz.lookup("Oleksandrivka") if c.gid == 709717]
    assert all(c.kind >= 2 for c in donetsk)
    assert [c for c in gaz.lookup("Oleksandrivka") if c.admin1_code == "05" and c.kind == 0 and c.feature == "village"]
