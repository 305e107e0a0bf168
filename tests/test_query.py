"""Queries (Python API and the `events`/`claims`/`entities`/`search`/`log` commands)."""

from __future__ import annotations

import json

import pytest

from store_support import make_analysis
from warbrief.cli import main
from warbrief.errors import UsageError
from warbrief.store import EventFilter

DOCS = [
    ("Russian forces shelled Kupiansk on Monday, Oleh Syniehubov said.", "2024-10-29", "ISW",
     [{"trigger": "shelled", "place": "Kupiansk", "time": "2024-10-28", "actor": "Russian forces", "label": "shelling"}],
     [{"text": "Russian forces shelled Kupiansk on Monday", "speaker": "Oleh Syniehubov", "chain": ["Reuters"]}]),
    ("Ukrainian troops repelled an assault near Pokrovsk in October.", "2024-11-02", "Kyiv Post",
     [{"trigger": "assault", "place": "Pokrovsk", "time": "2024-10", "precision": "month", "actor": "Ukrainian troops"}],
     []),
    ("Officials in Odesa agreed to restore grain exports.", "2024-11-05", "ISW",
     [{"type": "AGREE", "trigger": "agreed", "place": "Odesa", "time": "2024-11-05"}],
     [{"text": "restore grain exports", "speaker": "Volodymyr Zelensky", "time": "2024-11-04"}]),
]


@pytest.fixture
def filled(store):
    for text, pub, src, events, claims in DOCS:
        store.add(make_analysis(text, published=pub, source=src, url=f"https://example.org/{pub}",
                                events=events, claims=claims))
    return store


def _sentences(page):
    return [e["sentence_text"].split()[0] for e in page.items]


@pytest.mark.parametrize("filters, first_words", [
    ({}, ["Russian", "Ukrainian", "Officials"]),
    ({"types": ["ASSAULT"]}, ["Russian", "Ukrainian"]),
    ({"types": ["AGREE"]}, ["Officials"]),
    ({"since": "2024-10-01", "until": "2024-10-31"}, ["Russian", "Ukrainian"]),
    ({"since": "2024-10-29"}, ["Officials"]),  # the October event (a month) is not within
    ({"place": "Kupiansk"}, ["Russian"]),
    ({"place": "geonames:708408"}, ["Ukrainian"]),
    ({"place": "708408"}, ["Ukrainian"]),
    ({"place": "Kupiansk", "radius_km": 200}, ["Russian", "Ukrainian"]),  # Pokrovsk is ~160 km away
    ({"place": "Kupiansk", "radius_km": 100}, ["Russian"]),
    ({"near": (46.5, 30.7), "radius_km": 20}, ["Officials"]),
    ({"actor": "Russian forces"}, ["Russian"]),
    ({"actor": "ukrainian"}, ["Ukrainian"]),
    ({"text": "grain"}, ["Officials"]),
    ({"source": "Kyiv Post"}, ["Ukrainian"]),
    ({"types": ["ASSAULT"], "since": "2024-10-01", "until": "2024-12-31", "place": "Pokrovsk",
      "radius_km": 50}, ["Ukrainian"]),
])
def test_event_filters(filled, filters, first_words):
    assert _sentences(filled.events(EventFilter(**filters))) == first_words


RADIUS_CASES = [
    ({"place": "Kupiansk", "radius_km": 165}, ["Russian", "Ukrainian"]),  # Pokrovsk is 161.6 km away
    ({"place": "Kupiansk", "radius_km": 158}, ["Russian"]),
    ({"near": (46.5, 30.7), "radius_km": 20}, ["Officials"]),
    ({"near": (46.5, 30.7), "radius_km": 1}, []),
    ({"near": (0.0, 0.0), "radius_km": 20_000}, ["Russian", "Ukrainian", "Officials"]),  # the whole globe
]


@pytest.fixture
def no_sql_math(monkeypatch):
    """SQLite without its math functions: the box in SQL, the exact distance in Python."""
    monkeypatch.setattr("warbrief.store.query.sqlite_has_math", lambda: False)


@pytest.mark.parametrize("filters, first_words", RADIUS_CASES)
def test_radius_without_sql_math_functions(filled, no_sql_math, filters, first_words):
    assert _sentences(filled.events(EventFilter(**filters))) == first_words


@pytest.mark.parametrize("filters, first_words", RADIUS_CASES)
def test_radius_count_without_sql_math_functions(filled, no_sql_math, filters, first_words):
    assert filled.count_events(EventFilter(**filters)) == len(first_words)


def test_radius_pages_without_sql_math_functions(filled, no_sql_math):
    seen, cursor = [], None
    while True:
        page = filled.events(EventFilter(place="Kupiansk", radius_km=200), limit=1, cursor=cursor)
        seen += _sentences(page)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == ["Russian", "Ukrainian"]


@pytest.mark.parametrize("bbox, first_words", [
    ((37.0, 49.0, 38.5, 50.0), ["Russian"]),  # min lon, min lat, max lon, max lat around Kupiansk
    ((30.0, 46.0, 31.0, 47.0), ["Officials"]),
    ((30.0, 46.0, 39.0, 50.0), ["Russian", "Ukrainian", "Officials"]),
    ((20.0, 40.0, 25.0, 45.0), []),
    ((170.0, 46.0, 31.0, 47.0), ["Officials"]),  # across the antimeridian: 170E .. 180 .. 31E
])
def test_event_bbox_filter(filled, bbox, first_words):
    assert _sentences(filled.events(EventFilter(bbox=bbox))) == first_words


def test_event_carries_document_and_coordinates(filled):
    (e,) = filled.events(place="Odesa").items
    assert (e["document"]["url"], e["lat"], e["date_start"]) == ("https://example.org/2024-11-05", 46.47747,
                                                                 "2024-11-05")


def test_cursor_pages_cover_everything_once(filled):
    seen, cursor = [], None
    while True:
        page = filled.events(limit=1, cursor=cursor)
        seen += _sentences(page)
        if page.next_cursor is None:
            break
        cursor = page.next_cursor
    assert seen == ["Russian", "Ukrainian", "Officials"]


def test_radius_for_unknown_place_is_a_usage_error(filled):
    with pytest.raises(UsageError, match="not in the database"):
        filled.events(place="Atlantis", radius_km=10)


@pytest.mark.parametrize("filters, speakers", [
    ({"speaker": "Syniehubov"}, ["Oleh Syniehubov"]),
    ({"speaker": "person:volodymyr-zelensky"}, ["Volodymyr Zelensky"]),
    ({"via": "Reuters"}, ["Oleh Syniehubov"]),
    ({"text": "grain exports"}, ["Volodymyr Zelensky"]),
    ({"since": "2024-11-01"}, ["Volodymyr Zelensky"]),
    ({"until": "2024-10-31"}, ["Oleh Syniehubov"]),
])
def test_claim_filters(filled, filters, speakers):
    assert [c["speaker"]["name"] for c in filled.claims(**filters).items] == speakers


@pytest.mark.parametrize("filters, names", [
    ({"type": "PLACE"}, ["Kupiansk", "Odesa", "Pokrovsk"]),
    ({"name": "kup"}, ["Kupiansk"]),
])
def test_entity_filters(filled, filters, names):
    assert sorted(e["name"] for e in filled.entities(**filters).items) == names


def test_entity_counts_mentions_and_documents(filled):
    (e,) = filled.entities(name="Kupiansk").items
    assert (e["mentions"], e["documents"]) == (1, 1)


@pytest.mark.parametrize("words, found", [
    ("grain exports", ["2024-11-05"]),
    ("Pokrovsk", ["2024-11-02"]),
    ("submarine", []),
    ('"unbalanced quote', []),
])
def test_search(filled, words, found):
    assert [r["document"]["published"] for r in filled.search(words).items] == found


def test_search_snippet_marks_the_word(filled):
    (r,) = filled.search("grain").items
    assert "grain" in r["snippet"] and r["snippet"] != "grain"


def _spelled(text: str, spelling: str, pub: str) -> dict:
    """A document that writes Kupiansk as `spelling`, resolved to the one place entity."""
    a = make_analysis(text.replace(spelling, "Kupiansk"), published=pub, events=[
        {"trigger": "shelled", "place": "Kupiansk", "time": pub, "actor": "Russian forces"}])
    a["document"]["text"] = text
    a["document"]["id"] = "sha256:" + format(abs(hash(text)), "064x")[:64]
    for e in a["entities"]:
        for m in e["mentions"]:
            if m["text"] == "Kupiansk":
                m["end"] = m["start"] + len(spelling)
                m["text"] = spelling
    return a


@pytest.fixture
def spellings(store):
    store.add(_spelled("Russian forces shelled Kupyansk again on Tuesday, the governor said.", "Kupyansk", "2024-10-29"))
    store.add(_spelled("Російські війська shelled Куп'янськ overnight, according to the regional administration.",
                       "Куп'янськ", "2024-10-30"))
    store.add(make_analysis("A convoy reached Pokrovsk with generators and medicine.", published="2024-10-31"))
    return store


def test_search_finds_every_spelling_of_a_name(spellings):
    """'Kupiansk' (the gazetteer's spelling, written by neither text) finds the document that
    writes Kupyansk and the one that writes Куп'янськ, and says what else it searched."""
    page = spellings.search("Kupiansk")
    assert sorted(r["document"]["published"] for r in page.items) == ["2024-10-29", "2024-10-30"]
    assert set(page.also_searched) == {"Kupyansk", "Куп'янськ"}
    page = spellings.search("Kupyansk shelled")
    assert sorted(r["document"]["published"] for r in page.items) == ["2024-10-29", "2024-10-30"]


def test_search_expansion_keeps_other_words_required(spellings):
    assert spellings.search("Kupiansk generators").items == []
    assert [r["document"]["published"] for r in spellings.search("Pokrovsk").items] == ["2024-10-31"]
    assert spellings.search("Pokrovsk").also_searched == []


def test_search_says_what_else_it_searched_everywhere(spellings, tmp_path, capsys):
    """The CLI (on stderr), the API (meta.also_searched) and the page name the added spellings."""
    from web_fixtures import make_client

    assert main(["search", *_db(spellings), "Kupiansk"]) == 0
    err = capsys.readouterr().err
    assert "also searched: " in err and "Kupyansk" in err and "Куп'янськ" in err
    client = make_client(spellings, tmp_path)
    body = client.get("/api/documents", params={"q": "Kupiansk"}).json()
    assert set(body["meta"]["also_searched"]) == {"Kupyansk", "Куп'янськ"} and body["meta"]["count"] == 2
    page = client.get("/search", params={"q": "Kupiansk"}).text
    assert "Also searched: " in page and "Kupyansk" in page and "Куп&#39;янськ" in page


# ---- the commands ---------------------------------------------------------------------------
def _db(store):
    url = store.engine.url.render_as_string(hide_password=False)
    if store.schema:  # PostgreSQL: the test's own schema
        url += f"?options=-csearch_path%3D{store.schema}"
    return ["--db", url]


@pytest.mark.parametrize("argv, n", [
    (["events", "--type", "ASSAULT"], 2),
    (["events", "--place", "Kupiansk", "--radius", "200", "--since", "2024-10"], 2),
    (["claims", "--speaker", "Zelensky"], 1),
    (["entities", "--type", "PLACE"], 3),
    (["search", "grain"], 1),
])
def test_commands_print_json_lines(filled, capsys, argv, n):
    assert main([*argv, *_db(filled), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == n and all(json.loads(x) for x in lines)


def test_events_table_has_header_and_rows(filled, capsys):
    assert main(["events", *_db(filled)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split()[:3] == ["DATE", "TYPE", "LABEL"] and len(out) == 4


@pytest.mark.parametrize("argv", [
    ["events", "--since", "last week"],
    ["events", "--near", "north"],
    ["events", "--radius", "10"],
])
def test_bad_query_usage_exits_2(filled, argv):
    with pytest.raises(SystemExit) as exc:
        exit_code = main([*argv, *_db(filled)])
        raise SystemExit(exit_code)
    assert exc.value.code == 2


def test_log_command_shows_reasons(store, capsys):
    run = store.start_run("test")
    store.log(run, "broken.rss", "failed", "is an HTML page, not an RSS or Atom feed")
    assert main(["log", "--last", *_db(store)]) == 0
    assert "broken.rss: is an HTML page" in capsys.readouterr().out
