"""Exports: jsonl, csv, GeoJSON, ACLED- and PLOVER-shaped files."""

from __future__ import annotations

import csv
import io
import json

import pytest

from store_support import make_analysis
from warbrief.cli import main
from warbrief.store import EventFilter
from warbrief.store.export import ACLED_FIELDS, PLOVER_FIELDS, WRITERS

TEXT = "Russian forces shelled Kupiansk on Monday, killing two people. Talks are planned."


@pytest.fixture
def filled(store):
    store.add(make_analysis(TEXT, published="2024-10-29", url="https://example.org/k", events=[
        {"trigger": "shelled", "place": "Kupiansk", "time": "2024-10-28", "actor": "Russian forces",
         "label": "shelling", "mode": "heavy-weapons", "killed": 2,
         "acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}},
        {"type": "CONSULT", "trigger": "Talks", "time": "2024-10-30"},  # no place: not on a map
    ]))
    return store


def _export(store, fmt, **filters):
    out = io.StringIO()
    n = WRITERS[fmt](store, EventFilter(**filters), out)
    return n, out.getvalue()


def test_jsonl_is_the_stored_contract_record(filled):
    n, text = _export(filled, "jsonl")
    (line,) = text.splitlines()
    assert n == 1 and json.loads(line)["document"]["text"] == TEXT


def test_geojson_feature_carries_sentence_url_and_date(filled):
    n, text = _export(filled, "geojson")
    (feature,) = json.loads(text)["features"]
    props = feature["properties"]
    assert n == 1
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.61581, 49.71003]}
    assert (props["sentence"], props["url"], props["date"]) == (TEXT, "https://example.org/k", "2024-10-28")


def test_geojson_of_empty_selection_is_valid(filled):
    n, text = _export(filled, "geojson", types=["AID"])
    assert n == 0 and json.loads(text) == {"type": "FeatureCollection", "features": []}


def test_csv_has_one_row_per_event(filled):
    _, text = _export(filled, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["type"], r["place"]) for r in rows] == [("ASSAULT", "Kupiansk"), ("CONSULT", "")]


def test_acled_columns_and_values(filled):
    n, text = _export(filled, "acled")
    reader = csv.DictReader(io.StringIO(text))
    (row,) = list(reader)
    assert n == 1 and tuple(reader.fieldnames) == ACLED_FIELDS
    assert (row["event_date"], row["event_type"], row["actor1"], row["country"], row["admin1"],
            row["location"], row["fatalities"], row["iso"]) == (
        "2024-10-28", "Explosions/Remote violence", "Russian forces", "Ukraine", "Kharkiv Oblast",
        "Kupiansk", "2", "804")


def test_plover_fields(filled):
    n, text = _export(filled, "plover")
    recs = [json.loads(x) for x in text.splitlines()]
    assert n == 2 and all(tuple(r) == PLOVER_FIELDS for r in recs)
    assert [(r["Event Type"], r["Event Mode"], r["Placename"]) for r in recs] == [
        ("ASSAULT", "heavy-weapons", "Kupiansk"), ("CONSULT", None, None)]


def _db(store):
    url = store.engine.url.render_as_string(hide_password=False)
    return ["--db", url + (f"?options=-csearch_path%3D{store.schema}" if store.schema else "")]


def test_export_command_writes_file(filled, tmp_path):
    out = tmp_path / "events.geojson"
    assert main(["export", *_db(filled), "--format", "geojson", "--out", str(out)]) == 0
    assert len(json.loads(out.read_text())["features"]) == 1


def test_export_command_filters(filled, capsys):
    assert main(["export", *_db(filled), "--format", "csv", "--type", "CONSULT"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_acled_actor_types_and_precisions_by_the_codebook(filled):
    """Russia's forces in Ukraine are External/Other forces (8); alone they interact as '80'."""
    _, text = _export(filled, "acled")
    (row,) = list(csv.DictReader(io.StringIO(text)))
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("8", "", "80")
    assert (row["geo_precision"], row["time_precision"], row["disorder_type"]) == ("1", "1", "Political violence")


ACLED_TEXT = ("Russian forces shelled Kupiansk. Russian forces may attack Pokrovsk. Ukrainian forces struck "
              "Kupiansk. Protesters rallied in Kupiansk. Shelling hit Pokrovsk.")


@pytest.fixture
def mixed(store):
    shell = {"acled": {"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}}
    store.add(make_analysis(ACLED_TEXT, published="2024-10-29", events=[
        {"trigger": "shelled", "place": "Kupiansk", "time": "2024-10-28", "actor": "Russian forces", **shell},
        {"trigger": "attack", "place": "Pokrovsk", "time": "2024-10-28", "actor": "Russian forces",
         "modality": "hypothetical", "acled": {"event_type": "Battles", "sub_event_type": "Armed clash"}},
        {"type": "PROTEST", "trigger": "rallied", "place": "Kupiansk", "time": "2024-10-28", "actor": "Protesters",
         "acled": {"event_type": "Protests", "sub_event_type": "Peaceful protest"}},
        {"trigger": "Shelling", "place": "Pokrovsk", "time": "2024-10-28", **shell},  # no actor
    ]))
    return store


def test_acled_rows_only_for_events_acled_would_code(mixed):
    """What is only possible, and what has no actor, is no ACLED row; a protester is type 6."""
    n, text = _export(mixed, "acled")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert n == 2
    assert [(r["actor1"], r["inter1"], r["interaction"]) for r in rows] == [
        ("Russian forces", "8", "80"), ("Protesters", "6", "60")]


def test_acled_state_forces_at_home():
    from warbrief.knowledge.acled import load_acled_codes

    codes = load_acled_codes()
    assert codes.inter("org:armed-forces-of-ukraine", "Ukrainian forces", "UA", "UA") == 1
    assert codes.inter("org:armed-forces-of-russia", "Russian forces", "RU", "UA") == 8
    assert codes.inter("group:ukrainian-civilians", "Ukrainian civilians", "UA", "UA") == 7
    assert codes.inter(None, "informational conditions", None, "UA") is None
    assert codes.interaction(8, 7) == "78" and codes.interaction(1, 8) == "18" and codes.interaction(None, 7) == ""


def test_csv_cells_are_clean_one_line_text(store):
    text = "**Russian forces shelled Kupiansk.**[[3]](https://example.org/n3)\n=cmd"
    store.add(make_analysis(text, events=[{"trigger": "shelled", "place": "Kupiansk", "time": "2024-06",
                                           "precision": "month", "actor": "Russian forces"}]))
    from warbrief.store.export import cell

    assert cell("\n- **Russian forces** advanced[14]\n near Kupiansk. ") == "Russian forces advanced near Kupiansk."
    assert cell("=HYPERLINK(x)") == "'=HYPERLINK(x)" and cell("-3 degrees") == "-3 degrees"
    _, out = _export(store, "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["time_precision"], row["date_value"]) == ("month", "2024-06")
    assert "\n" not in row["sentence"] and "**" not in row["sentence"] and "[[3]]" not in row["sentence"]


def test_csv_file_starts_with_a_byte_order_mark_for_excel(filled, tmp_path, capsys):
    out = tmp_path / "events.csv"
    assert main(["export", *_db(filled), "--format", "csv", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbfdocument_id")
    assert main(["export", *_db(filled), "--format", "csv", "--out", str(out), "--no-bom"]) == 0
    assert out.read_bytes().startswith(b"document_id")
    assert main(["export", *_db(filled), "--format", "csv"]) == 0
    assert capsys.readouterr().out.startswith("document_id")
