"""The pipeline: built once, stages in order, one document's stage failure isolated."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warbrief.pipeline import STAGES, DocumentInput, _guarded_factory, parse_published


@pytest.mark.parametrize("value,kept,anchor", [
    ("2024-11-01", "2024-11-01", datetime(2024, 11, 1)),
    ("20241101", "2024-11-01", datetime(2024, 11, 1)),
    ("2024-11-01T08:30:00", "2024-11-01T08:30:00", datetime(2024, 11, 1, 8, 30)),
    (date(2024, 2, 29), "2024-02-29", datetime(2024, 2, 29)),
    (None, None, None),
    ("", None, None),
])
def test_parse_published(value, kept, anchor):
    got, dt = parse_published(value)
    assert got == kept
    assert (dt.replace(tzinfo=None) if dt else None) == anchor


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "01/11/2024", "2024-02-30"])
def test_parse_published_refuses_non_iso(bad):
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_published(bad)


@pytest.mark.model
def test_pipeline_has_every_stage_in_order(pipeline):
    names = pipeline.nlp.pipe_names
    assert [n for n in names if n.startswith("warbrief_")] == list(STAGES)
    assert names.index("warbrief_known") < names.index("ner") < names.index("warbrief_places")


@pytest.mark.model
def test_pipeline_is_built_once(pipeline):
    from warbrief.pipeline import get_pipeline

    assert get_pipeline() is pipeline


@pytest.mark.model
def test_unresolved_relative_dates_without_published(analyze):
    a = analyze("Russian forces shelled Kharkiv on Tuesday.")
    assert a["document"]["published"] is None


@pytest.mark.stage_errors
def test_failing_stage_costs_only_its_output():
    class Doc:
        class _:  # noqa: N801 - mimics spaCy's doc._
            pass

    def factory(nlp, name):
        def broken(doc):
            raise RuntimeError("boom")
        return broken

    class State:
        def __init__(self):
            self.notes = {}
            self.warnings = []

    doc = Doc()
    doc._ = Doc._()
    doc._.wb = State()
    run = _guarded_factory(factory, "warbrief_test")(None)
    assert run(doc) is doc
    assert doc._.wb.notes["stage_errors"] == ["warbrief_test: RuntimeError('boom')"]
    (w,) = doc._.wb.warnings
    assert (w.code, w.stage) == ("A001", "warbrief_test") and "RuntimeError: boom" in w.message


@pytest.mark.model
@pytest.mark.stage_errors
def test_a_crashed_stage_is_a_warning_of_the_analysis(pipeline, monkeypatch):
    """The analysis says what it lacks (contract `warnings`, valid against the schema) and the
    record read back keeps it; the other stages' output stands."""
    from helpers import validate
    from warbrief.analysis import Analysis
    from warbrief.stages.claims import stage as claims_stage

    def boom(doc, cues):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims_stage, "collect", boom)
    a = pipeline.analyze(DocumentInput("Zelensky said that Russian forces shelled Kharkiv.", "2024-11-01"))
    data = a.to_dict()
    validate(data)
    assert data["claims"] == [] and data["entities"]
    assert data["warnings"] == [{"code": "A001", "stage": "warbrief_claims",
                                 "message": "stage warbrief_claims failed on this document (RuntimeError: boom); "
                                            "its output is missing from the analysis"}]
    assert Analysis.from_dict(data).to_dict() == data


@pytest.mark.model
def test_warnings_are_empty_when_all_went_well(analyze):
    assert analyze("Zelensky said that Russian forces shelled Kharkiv.", "2024-11-01")["warnings"] == []


@pytest.mark.model
def test_document_input_where_names_origin(pipeline):
    from warbrief.errors import InputError

    with pytest.raises(InputError, match="batch.jsonl:3"):
        pipeline.make_doc(DocumentInput("", origin="batch.jsonl:3", id="abc"))


def test_registry_lists_every_stage_in_pipeline_order():
    from warbrief.stages import STAGE_NAMES, registry

    stages = registry()
    assert tuple(s.name for s in stages) == STAGE_NAMES
    assert [s.name for s in stages if s.before_ner] == ["warbrief_known", "warbrief_gazetteer"]
