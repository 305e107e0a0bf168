"""Publication dates as users have them (issue 18): a batch with messy dates is read, analysed
and stored whole; undated documents are reported, logged and can join a brief."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from warbrief.analysis import DocumentInput
from warbrief.cli import main
from warbrief.errors import InputError
from warbrief.ingest import ReadOptions, read_inputs
from warbrief.ingest.runner import IngestOptions, ingest
from warbrief.store import open_store

TEXT = "Russian forces shelled {} on Monday, the regional governor said."
# (published as a scraper wrote it, what warbrief stores)
LINES = [
    ("Dec 17, 2016", "2016-12-17"),
    ("17 December 2016", "2016-12-17"),
    ("Wed Nov 23 2016", "2016-11-23"),
    ("Wed, 23 Nov 2016 07:58:00 -0500", "2016-11-23T07:58:00-05:00"),
    ("Wed Nov 23", "2016-11-23"),  # no year: read against the batch's latest date, 17 Dec 2016
    ("7:58 AM ET", None),  # a time alone: undated
    ("sometime last winter", None),
    (None, None),
]
PLACES = ["Kharkiv", "Kupiansk", "Pokrovsk", "Odesa", "Kherson", "Sumy", "Izium", "Lyman"]


def _batch(tmp_path):
    path = tmp_path / "scraped.jsonl"
    rows = [{"text": TEXT.format(p), **({"published": pub} if pub else {})} for p, (pub, _) in zip(PLACES, LINES, strict=True)]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_every_line_of_a_messy_batch_is_read(tmp_path):
    docs = list(read_inputs([str(_batch(tmp_path))]))
    assert not [d for d in docs if isinstance(d, InputError)]
    assert [d.published for d in docs] == [want for _, want in LINES]
    notes = [d.date_note for d in docs]
    assert notes[5] and "'7:58 AM ET'" in notes[5] and "time without a day" in notes[5]
    assert notes[6] and "is not a date" in notes[6]
    assert notes[7] is None  # nothing given, nothing to explain
    assert all(n is None for n in notes[:5])


def test_the_option_dates_what_the_file_cannot(tmp_path):
    docs = list(read_inputs([str(_batch(tmp_path))], ReadOptions(published="2016-12-20")))
    assert [d.published for d in docs][5:] == ["2016-12-20"] * 3
    assert all(d.date_note is None for d in docs)


def test_a_year_less_day_without_a_reference_stays_undated(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"text": TEXT.format("Kharkiv"), "published": "Wed Nov 23"}) + "\n")
    (doc,) = read_inputs([str(path)])
    assert isinstance(doc, DocumentInput) and doc.published is None and "no year" in (doc.date_note or "")


def test_feed_dates_feedparser_cannot_parse_are_read_leniently(tmp_path):
    feed = tmp_path / "wire.rss"
    feed.write_text("""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>a</title><guid>a</guid><pubDate>Dec 17, 2016</pubDate><description>Shelling in Sumy.</description></item>
<item><title>b</title><guid>b</guid><pubDate>Wed Nov 23</pubDate><description>Shelling in Izium.</description></item>
</channel></rss>""")
    docs = list(read_inputs([str(feed)]))
    assert [d.published for d in docs] == ["2016-12-17", "2016-11-23"]


def test_telegram_dates_without_unix_time_are_read_leniently(tmp_path):
    export = tmp_path / "result.json"
    export.write_text(json.dumps({"name": "Front", "messages": [
        {"id": 1, "type": "message", "date": "2024-10-30T10:00:00", "text": "Shelling in Sumy."},
        {"id": 2, "type": "message", "date": "30 October 2024", "text": "Shelling in Izium."},
        {"id": 3, "type": "message", "date": "yesterday", "text": "Shelling in Lyman."}]}))
    docs = list(read_inputs([str(export)]))
    assert [d.published for d in docs] == ["2024-10-30T10:00:00", "2024-10-30", None]


@pytest.mark.model
def test_a_messy_batch_is_stored_whole_and_the_undated_are_reported(tmp_path, capsys):
    db = str(tmp_path / "w.db")
    warned: list[str] = []
    with open_store(db) as store:
        summary = ingest(store, [str(_batch(tmp_path))], IngestOptions(progress=False, warn=warned.append))
        logged = store.log_entries(summary.run, "undated")
        today = datetime.now(UTC).date().isoformat()
        dated = [m["id"] for m, _ in store.analyses(since=today, until=today)]
        with_undated = [m for m, _ in store.analyses(since=today, until=today, undated=True)]
    assert (summary.read, summary.stored, summary.failed, summary.undated) == (8, 8, 0, 3)
    assert "3 undated" in summary.line()
    assert len(warned) == 3 and all(w.startswith(str(tmp_path)) for w in warned)  # one line per document
    assert any("'7:58 AM ET'" in w for w in warned)
    assert sorted(e["input"].rsplit(":", 1)[1] for e in logged) == ["6", "7", "8"]
    assert all("warbrief brief --undated" in e["reason"] for e in logged)
    assert dated == [] and len(with_undated) == 3 and all(m["published"] is None for m in with_undated)

    assert main(["log", "--db", db, "--status", "undated"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 3 and "7:58 AM ET" in out


def test_a_stored_documents_warnings_and_missing_date_are_logged():
    from warbrief.ingest.runner import Summary, _report

    class Log:
        def __init__(self):
            self.entries = []

        def log(self, run, where, status, reason, doc_id=None):
            self.entries.append((where, status, reason))

    store, summary, told = Log(), Summary(run=1), []
    analysis = {"document": {"published": None},
                "warnings": [{"code": "A001", "stage": "warbrief_times", "message": "stage warbrief_times failed"}]}
    _report(store, summary, IngestOptions(warn=told.append), DocumentInput("x", origin="a.txt"), analysis, "sha256:x")
    assert [(w, s) for w, s, _ in store.entries] == [("a.txt", "undated"), ("a.txt", "warning")]
    assert store.entries[1][2] == "[A001] stage warbrief_times failed" and summary.undated == 1 and len(told) == 2


def test_brief_undated_includes_the_undated_by_their_ingest_day(tmp_path, capsys):
    """`warbrief brief --undated`: a document stored without a date joins the brief of the day
    it was ingested; without the option it is left out."""
    from brief_fixtures import advance_report

    db = str(tmp_path / "wb.db")
    with open_store(db) as store:
        for n in range(2):
            a = advance_report(f"Outlet {n}", place=("Kupiansk", "Pokrovsk")[n], day=None)
            a["document"]["published"] = None
            store.add(a)
    today = datetime.now(UTC).date().isoformat()
    assert main(["brief", "--db", db, "--date", today, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["documents"] == 0
    assert main(["brief", "--db", db, "--date", today, "--format", "json", "--undated"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 2 and data["findings"]
    assert {c["date"] for f in data["findings"] for c in f["citations"]} == {today}


def test_a_published_field_of_any_type_never_refuses_the_line(tmp_path):
    path = tmp_path / "typed.jsonl"
    path.write_text("".join(json.dumps({"text": TEXT.format(p), "published": v}) + "\n"
                            for p, v in (("Sumy", 1481968800), ("Izium", {"day": 17}), ("Lyman", 20161217))))
    docs = list(read_inputs([str(path)]))
    assert [d.published for d in docs] == ["2016-12-17T10:00:00+00:00", None, "2016-12-17"]
    assert "is not a date" in (docs[1].date_note or "")
