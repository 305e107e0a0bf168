"""US postal-code places below cities500 (data/postal_places_us.tsv): how the maintainer tool
makes them, how the gazetteer knows them and that they win only with support."""

from __future__ import annotations

import pytest

from tools.gazetteer import sources_us as us
from warbrief.knowledge.gazetteer import get_gazetteer
from warbrief.pipeline import DocumentInput


def _postal_line(zip_code: str, name: str, state: str, lat: float, lon: float, acc: str = "4") -> str:
    return "\t".join(["US", zip_code, name, "Somestate", state, "Some", "001", "", "", str(lat), str(lon), acc])


def test_postal_rows_merge_zip_codes_and_drop_cities500_namesakes(tmp_path, monkeypatch):
    f = tmp_path / us.POSTAL_FILE
    f.parent.mkdir(parents=True)
    f.write_text("\n".join([
        _postal_line("00001", "Quillback", "NE", 41.0, -97.0),
        _postal_line("00002", "Quillback", "NE", 41.2, -97.2),
        _postal_line("00003", "Quillback", "NE", 41.1, -97.1),  # three zip codes: their median
        _postal_line("00004", "Quillback", "OH", 40.0, -82.0),  # another state: another place
        _postal_line("00005", "Bigtown", "NE", 40.5, -96.5),    # a cities500 place 5 km away
        _postal_line("00006", "Fartown", "NE", 40.5, -96.5),    # its cities500 namesake is 200 km away
        _postal_line("09001", "APO AE", "", 49.4, 8.7, ""),     # military mail, no state
        _postal_line("00007", "Guessville", "NE", 42.0, -98.0, ""),  # no accuracy: not used
        _postal_line("00008", "Avenue", "MD", 38.3, -76.8),  # a common word
    ]) + "\n", encoding="utf-8")
    monkeypatch.setattr(us, "cities500_points", lambda cc: {
        "bigtown": [(40.54, -96.5, "NE")], "fartown": [(42.3, -96.5, "NE")]})
    rows = us.postal_place_rows(tmp_path, is_word=lambda name: name == "Avenue")
    assert ["US", "NE", "Quillback", "41.1000", "-97.1000"] in rows
    assert ["US", "OH", "Quillback", "40.0000", "-82.0000"] in rows
    names = [r[2] for r in rows]
    assert "Bigtown" not in names and "Fartown" in names
    assert not any(n.startswith("APO") or n in ("Guessville", "Avenue") for n in names)


def test_a_small_post_office_place_is_in_the_gazetteer():
    cands = [c for c in get_gazetteer().lookup("Lanexa") if c.precision == "postal"]
    assert cands, "Lanexa (Virginia, below cities500) should be a postal place"
    c = cands[0]
    assert (c.country, c.admin1_code, c.feature, c.population, c.gid) == ("US", "VA", "village", 0, None)
    assert "zip-code area" in (c.note or "")
    assert 37.0 < c.lat < 38.0 and -77.5 < c.lon < -76.5


@pytest.fixture
def run(pipeline):
    def go(text: str):
        return pipeline.nlp(pipeline.make_doc(DocumentInput(text, "2010-05-01")))

    return go


def _pick(doc, text):
    found = [m for m in doc._.wb.places if m.text == text]
    assert found, f"no place mention {text!r} in {[m.text for m in doc._.wb.places]}"
    return found[0]


def test_a_big_city_beats_its_postal_namesake_without_support(run):
    # there are post-office places named Detroit (Alabama, Maine, Texas...): the city still wins
    m = _pick(run("Car sales rose in Detroit last month, the company said."), "Detroit")
    assert m.entity_id is not None and m.place.country == "US" and m.place.admin1 == "Michigan"


def test_a_postal_place_wins_with_its_state_after_a_comma(run):
    m = _pick(run("A barn burned down in Lanexa, Virginia, on Sunday night."), "Lanexa")
    assert m.place.lat is not None and 37.0 < m.place.lat < 38.0
    assert m.place.admin1 == "Virginia" and "zip-code area" in m.reason


@pytest.mark.parametrize("name", ["Detroit", "Moscow", "East Texas", "South China"])
def test_postal_places_never_share_a_name_with_other_places(name):
    # post offices named Detroit (Alabama) or Moscow (Idaho's is a city; Vermont's a post
    # office) would only be hijacked namesakes; "East Texas" means the region
    assert not [c for c in get_gazetteer().lookup(name) if c.precision == "postal"]


def test_the_postal_file_is_an_input_of_the_index_version():
    from warbrief.knowledge.gazetteer_build import INPUTS

    assert "postal_places_us.tsv" in INPUTS  # an edited file rebuilds the index
