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
