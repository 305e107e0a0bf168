"""The store on SQLite and PostgreSQL: writing, idempotency, near-duplicates, reading back."""

from __future__ import annotations

import pytest

from store_support import WIRE, make_analysis
from warbrief.analysis import Analysis
from warbrief.store import IngestMeta, open_store


def test_add_stores_document_and_items(store):
    a = make_analysis("Russian forces shelled Kupiansk on Monday.",
                      events=[{"trigger": "shelled", "place": "Kupiansk", "time": "2024-10-28", "actor": "Russian forces"}],
                      claims=[{"text": "Russian forces shelled Kupiansk", "speaker": "Oleh Syniehubov"}])
    assert store.add(a).status == "stored"
    assert store.counts() == {"documents": 1, "near_duplicates": 0, "entities": 3, "claims": 1, "events": 1}


def test_same_content_twice_is_stored_once(store):
    a = make_analysis("Ukrainian forces repelled an attack near Pokrovsk.")
    first, second = store.add(a), store.add(a)
    assert (first.status, second.status) == ("stored", "skipped")
    assert store.counts()["documents"] == 1


def test_stored_analysis_is_the_exact_record(store):
    a = make_analysis("A drone hit Odesa at night.",
                      events=[{"trigger": "hit", "place": "Odesa", "time": "2024-10-31"}])
    store.add(a)
    back = store.analysis(a["document"]["id"])
    assert back == a
    assert Analysis.from_dict(back).to_dict() == a


@pytest.mark.parametrize("edit", [
    lambda t: "UPDATE: " + t,
    lambda t: t + " Reporting by a staff correspondent.",
    lambda t: t.replace("Tuesday morning", "Tuesday"),
])
def test_near_duplicate_is_linked_not_stored(store, edit):
    original = make_analysis(WIRE, events=[{"trigger": "attack", "time": "2024-10-29"}])
    copy = make_analysis(edit(WIRE), source="Other Wire", events=[{"trigger": "attack", "time": "2024-10-29"}])
    store.add(original)
    res = store.add(copy, IngestMeta(origin="copy.txt"))
    assert (res.status, res.duplicate_of) == ("near-duplicate", original["document"]["id"])
    assert store.counts()["events"] == 1
    assert [d["id"] for d in store.duplicates(of=original["document"]["id"])] == [copy["document"]["id"]]
    assert store.log_entries(status="near-duplicate")[0]["input"] == "copy.txt"


def test_different_story_is_not_a_near_duplicate(store):
    store.add(make_analysis(WIRE))
    other = ("Negotiators from both delegations met in Istanbul for a second day of talks on grain "
             "exports, prisoner exchanges and the safety of nuclear power plants, the foreign ministry "
             "said, adding that no agreement on a ceasefire had been reached and that experts would "
             "continue consultations next week in Geneva with representatives of the United Nations.")
    assert store.add(make_analysis(other)).status == "stored"


def test_analyses_filter_on_publication_date_and_skip_duplicates(store):
    for day in ("2024-10-01", "2024-10-15", "2024-11-02"):
        store.add(make_analysis(f"Report of {day}: shelling continued.", published=day))
    store.add(make_analysis(WIRE, published="2024-10-16"))
    store.add(make_analysis("UPDATE: " + WIRE, published="2024-10-16"))
    got = [meta["published"] for meta, _ in store.analyses(since="2024-10-10", until="2024-10-31")]
    assert got == ["2024-10-15", "2024-10-16"]


def test_reopening_keeps_everything(store_target):
    with open_store(*store_target) as s:
        s.add(make_analysis("Shelling of Pokrovsk continued."))
    with open_store(*store_target) as s:
        assert s.counts()["documents"] == 1


def test_ingest_log_records_reason(store):
    store.log(None, "bad.txt", "failed", "is not valid UTF-8")
    (entry,) = store.log_entries()
    assert (entry["input"], entry["status"], entry["reason"]) == ("bad.txt", "failed", "is not valid UTF-8")


def test_run_summary_is_kept(store):
    run = store.start_run("warbrief ingest x")
    store.finish_run(run, {"stored": 3})
    assert store.runs()[0]["summary"] == '{"stored": 3}'


@pytest.mark.postgres
def test_text_the_database_refuses_is_an_input_error(store_target):
    from warbrief.errors import InputError

    if store_target[1] is None:
        pytest.skip("SQLite stores NUL characters; only PostgreSQL refuses them")
    with open_store(*store_target) as s:
        with pytest.raises(InputError, match="refused"):
            s.add(make_analysis("Shelling\x00 continued."))
        assert s.add(make_analysis("Shelling continued.")).status == "stored"


@pytest.mark.parametrize("packer", ["pack", "pack_item"])
@pytest.mark.parametrize("record", [{"id": "e1", "type": "ASSAULT"}, {"id": "c1", "text": "Київ said “yes”"}])
def test_stored_records_read_back_compressed_or_plain(packer, record):
    from warbrief.store import codec

    assert codec.unpack(getattr(codec, packer)(record)) == record


@pytest.mark.parametrize("packers", [["pack_item", "pack_item"], ["pack", "pack_item"], ["pack", "pack"], []])
def test_many_stored_records_read_back_in_order(packers):
    from warbrief.store import codec

    records = [{"id": f"e{i}", "n": i} for i in range(len(packers))]
    assert codec.unpack_many([getattr(codec, p)(r) for p, r in zip(packers, records, strict=True)]) == records
