"""Watches: matching on arrival, idempotent (re-ingest and re-check add nothing), a
near-duplicate adds a source, the same answers as `warbrief events|claims|search`, YAML, CLI.
On SQLite and, when WARBRIEF_TEST_PG is reachable, PostgreSQL."""

from __future__ import annotations

import pytest

from store_support import PLACES, WIRE, make_analysis
from warbrief.cli import main
from warbrief.errors import UsageError
from warbrief.store import EventFilter
from warbrief.watch import service
from warbrief.watch.model import WatchSpec

POKROVSK = list(PLACES["Pokrovsk"][1:3])


def watch(store, name, kind="events", **query):
    opts = {k: query.pop(k) for k in ("min_sources", "webhook", "email", "digest", "watchlist") if k in query}
    spec = WatchSpec(name, kind, query, **opts)
    return service.add(store, spec)


def strike(text_place="Pokrovsk", words="Russian forces shelled {p} on October 30.", **kw):
    text = words.format(p=text_place)
    return make_analysis(text, events=[{"trigger": "shelled", "place": text_place, "time": "2024-10-30",
                                        "actor": "Russian forces", **kw}])


def keys(store, name):
    return [m["key"] for m in store.watch.matches([name], 100)]


def test_an_event_within_the_radius_matches_once(store):
    watch(store, "pokrovsk", place="Pokrovsk", radius_km=15, near=POKROVSK)
    near, far = strike("Pokrovsk"), strike("Kupiansk")
    store.add(near)
    store.add(far)
    assert keys(store, "pokrovsk") == [near["document"]["id"] + "#e1"]
    store.add(near)  # re-ingest: same content, skipped
    assert store.check_watches() == (2, 0)  # re-check: nothing new
    assert len(keys(store, "pokrovsk")) == 1


@pytest.mark.parametrize("radius,matched", [(14, True), (13, False)])
def test_the_radius_is_the_great_circle_distance(store, radius, matched):
    watch(store, "w", radius_km=radius, near=[POKROVSK[0] + 0.12, POKROVSK[1]])  # 13.3 km north
    store.add(strike())
    assert bool(keys(store, "w")) is matched


@pytest.mark.parametrize("query", [
    {"types": ["ASSAULT"]}, {"types": ["AID"]}, {"actor": "russian"}, {"actor": "Ukrainian"},
    {"text": "shelled pokrovsk"}, {"text": "advanced"}, {"place": "Pokrovsk"}, {"place": "geonames:703656"},
    {"modality": "asserted"}, {"modality": "denied"}, {"source": "ISW"}, {"source": "Other"},
    {"since": "2024-10-30", "until": "2024-10-30"}, {"since": "2024-10-31"},
    {"place": "Kupiansk", "radius_km": 200.0, "types": ["ASSAULT"], "actor": "Russian forces"},
])
def test_a_watch_matches_what_the_same_event_filter_finds(store, query):
    q = dict(query)
    if q.get("radius_km"):
        q["near"] = list(PLACES[q["place"]][1:3])
    watch(store, "w", **q)
    a = strike()
    store.add(a)
    f = EventFilter(**{k: tuple(v) if k == "near" else v for k, v in q.items()})
    expected = [f"{e['document']['id']}#{e['id']}" for e in store.events(f).items]
    assert keys(store, "w") == expected


def test_a_near_duplicate_adds_a_source_not_a_match(store):
    watch(store, "wire", text="combined missile")
    original = make_analysis(WIRE, events=[{"trigger": "launched", "time": "2024-10-29"}])
    copy = make_analysis("UPDATE: " + WIRE, source="Other Wire", events=[{"trigger": "launched", "time": "2024-10-29"}])
    store.add(original)
    assert store.add(copy).status == "near-duplicate"
    [m] = store.watch.matches(["wire"])
    assert m["sources"] == 2 and m["doc_id"] == original["document"]["id"]
    assert [s["source"] for s in store.watch.match_sources(m["seq"])] == ["ISW", "Other Wire"] or \
        sorted(s["source"] for s in store.watch.match_sources(m["seq"])) == ["ISW", "Other Wire"]
    store.check_watches()  # re-checking links nothing twice
    assert store.watch.matches(["wire"])[0]["sources"] == 2


def test_min_sources_holds_delivery_until_enough_outlets_report(store):
    watch(store, "wire", text="combined missile", min_sources=2, webhook="https://hooks.example.org/x")
    store.add(make_analysis(WIRE, events=[{"trigger": "launched", "time": "2024-10-29"}]))
    assert store.watch.pending() == 0
    store.add(make_analysis("UPDATE: " + WIRE, events=[{"trigger": "launched", "time": "2024-10-29"}]))
    assert store.watch.pending() == 0  # same outlet (ISW): not an independent source
    store.add(make_analysis(WIRE + " Reporting by a staff correspondent.", source="Other Wire",
                            events=[{"trigger": "launched", "time": "2024-10-29"}]))
    assert store.watch.pending() == 1


def test_claim_and_search_watches(store):
    watch(store, "medvedev", "claims", speaker="Medvedev")
    watch(store, "guarantees", "documents", words="security guarantees")
    text = "Medvedev said the West offers no security guarantees. Talks resumed in Istanbul."
    a = make_analysis(text, claims=[{"text": "the West offers no security guarantees", "speaker": "Medvedev"}])
    store.add(a)
    store.add(make_analysis("Zelensky said talks on guarantees would go on.",
                            claims=[{"text": "talks on guarantees would go on", "speaker": "Zelensky"}]))
    [c] = store.watch.matches(["medvedev"])
    assert (c["kind"], c["sentence"], c["term"]) == ("claim", "the West offers no security guarantees",
                                                      "speaker 'Medvedev'")
    [d] = store.watch.matches(["guarantees"])
    assert d["doc_id"] == a["document"]["id"] and "security guarantees" in d["sentence"]


def test_a_failing_match_never_fails_the_ingest(store):
    # a radius around a place the store does not know (written around the service's checks)
    store.watch.put({"name": "broken", "kind": "events", "query": {"place": "Atlantis", "radius_km": 5}}, None)
    a = strike()
    assert store.add(a).status == "stored"
    assert store.has(a["document"]["id"])
    [entry] = store.log_entries(status="watch-failed")
    assert "Atlantis" in entry["reason"]


def test_removing_a_watch_removes_its_matches(store):
    watch(store, "w", types=["ASSAULT"], webhook="https://hooks.example.org/x")
    store.add(strike())
    service.remove(store, "w")
    assert store.watch.watches() == [] and store.watch.pending() == 0
    with pytest.raises(UsageError, match="no watch named"):
        service.remove(store, "w")


def test_watchlists_group_watches(store):
    watch(store, "a", types=["ASSAULT"], watchlist="donetsk")
    watch(store, "b", place="Pokrovsk", watchlist="donetsk")
    store.add(strike())
    kind, names = service.feed_members(store, "donetsk")
    assert (kind, names) == ("watchlist", ["a", "b"])
    assert len(store.watch.matches(names)) == 2


def test_yaml_export_then_import_gives_the_same_watches(store, tmp_path):
    watch(store, "pokrovsk", place="Pokrovsk", radius_km=15, near=POKROVSK, watchlist="donetsk",
          email="analyst@example.org", digest="weekly")
    watch(store, "medvedev", "claims", speaker="Medvedev", min_sources=2)
    text = service.export_yaml(store)
    before = [{k: r[k] for k in ("name", "kind", "query", "min_sources", "email", "digest", "watchlist_name")}
              for r in store.watch.watches()]
    for r in store.watch.watches():
        service.remove(store, r["name"])
    assert service.import_yaml(store, text, "w.yaml") == 2
    after = [{k: r[k] for k in before[0]} for r in store.watch.watches()]
    assert after == before


@pytest.mark.parametrize("text,message", [
    ("a: [unclosed", "w.yaml:2"),
    ("a: {events: {}, claims: {}}", "exactly one of"),
    ("a: {events: {colour: red}}", "no filter 'colour'"),
    ("a: {documents: {}}", "needs words"),
    ("bad name!: {events: {}}", "watch name"),
    ("a: {events: {}, digest: hourly}", "digest must be"),
    ("a: {events: {}, webhook_secret_env: whsec_abc}", "never the secret"),
    ("a: {events: {radius_km: abc, near: [48.3, 37.2]}}", "radius_km='abc' is not valid"),
    ("a: {events: {types: [BOMBING]}}", "types="),
    ("a: {events: {since: yesterday}}", "since="),
    ("a: {claims: {direct: maybe}}", "direct="),
])
def test_a_bad_watch_file_names_the_problem_and_stores_nothing(store, text, message):
    with pytest.raises(UsageError, match=message):
        service.import_yaml(store, "ok: {events: {types: [ASSAULT]}}\n" + text, "w.yaml")
    assert store.watch.watches() == []


def test_cli_add_list_show_export_remove(tmp_path, capsys):
    db = str(tmp_path / "w.db")
    assert main(["watch", "add", "pokrovsk", "--db", db, "--near", "48.28,37.18", "--radius", "15",
                 "--list", "donetsk"]) == 0
    assert main(["watch", "add", "pokrovsk", "--db", db, "--type", "ASSAULT"]) == 2  # exists
    assert main(["watch", "add", "x", "--db", db, "--speaker", "Putin", "--type", "ASSAULT"]) == 2
    assert main(["watch", "add", "hook", "--db", db, "--type", "ASSAULT", "--webhook", "http://127.0.0.1:9/x"]) == 2
    capsys.readouterr()
    assert main(["watch", "list", "--db", db]) == 0
    assert "pokrovsk" in capsys.readouterr().out
    assert main(["watch", "show", "pokrovsk", "--db", db]) == 0
    assert "radius_km=15" in capsys.readouterr().out
    out = tmp_path / "w.yaml"
    assert main(["watch", "export", "--db", db, "--out", str(out)]) == 0
    assert "list: donetsk" in out.read_text()
    assert main(["watch", "remove", "pokrovsk", "--db", db]) == 0
    assert main(["watch", "import", str(out), "--db", db]) == 0
    assert main(["watch", "check", "--db", db]) == 0
    assert main(["watch", "remove", "nothing", "--db", db]) == 2


@pytest.mark.parametrize("words,text", [("Kyiv", "Drones hit Kyïv overnight."),
                                        ("ile cite", "Talks went on at the Île de la Cité."),
                                        ("Київ", "Удар по КИЇВ вночі, повідомили в міськраді.")])
def test_search_watches_fold_case_and_diacritics_as_search_does(store, words, text):
    watch(store, "w", "documents", words=words)
    store.add(make_analysis(text))
    expected = [r["document"]["id"] for r in store.search(words).items]
    assert [m["doc_id"] for m in store.watch.matches(["w"])] == expected
