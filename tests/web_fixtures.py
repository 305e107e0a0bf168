"""Fixtures for the API, page and browser tests: a small database of hand-built analyses
(sentences written for these tests), on SQLite and, where one is reachable, PostgreSQL.

Import the fixtures into a test module with `from web_fixtures import *  # noqa: F403`.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

from warbrief.analysis import document_id

PLACES = {  # name -> (geonames id, lat, lon, admin1)
    "Kupiansk": (703656, 49.71003, 37.61581, "Kharkiv Oblast"),
    "Pokrovsk": (708000, 48.282, 37.176, "Donetsk Oblast"),
    "Kyiv": (703448, 50.4501, 30.5234, "Kyiv City"),
}
ACTORS = {
    "Russian forces": ("org:armed-forces-of-russia", "ORG", "RU"),
    "Volodymyr Zelensky": ("person:volodymyr-zelensky", "PERSON", "UA"),
    "Vladimir Putin": ("person:vladimir-putin", "PERSON", "RU"),
}
EVIL_TITLE = '<script>alert("title")</script>'
EVIL_TEXT = ('Officials said <script>alert("x")</script> and <img src=x onerror=alert(1)> appeared '
             'in a post about Kyiv. Russian forces shelled Kyiv on November 1.')


class Builder:
    """One analysis, built from phrases of its text (offsets found with str.index)."""

    def __init__(self, text: str, published: str, source: str, title: str | None = None,
                 url: str | None = None) -> None:
        self.text = text
        self.a: dict[str, Any] = {
            "schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": title, "source": source, "url": url,
                         "published": published, "language": "en", "text": text},
            "entities": [], "times": [], "claims": [], "events": []}

    def span(self, phrase: str, after: int = 0) -> dict[str, Any]:
        s = self.text.index(phrase, after)
        return {"start": s, "end": s + len(phrase), "text": phrase}

    def entity(self, name: str, phrase: str | None = None) -> Builder:
        phrase = phrase or name
        mention = self.span(phrase)
        for e in self.a["entities"]:
            if e["name"] == name:
                e["mentions"].append(mention)
                return self
        if name in PLACES:
            gid, lat, lon, admin1 = PLACES[name]
            self.a["entities"].append({
                "id": f"geonames:{gid}", "name": name, "type": "PLACE", "country": "UA", "mentions": [mention],
                "place": {"geonames_id": gid, "lat": lat, "lon": lon, "feature": "city", "admin1": admin1,
                          "country": "UA", "reason": f"only populated place named {name} in Ukraine"}})
        else:
            eid, typ, country = ACTORS[name]
            self.a["entities"].append({"id": eid, "name": name, "type": typ, "country": country,
                                       "mentions": [mention], "place": None})
        return self

    def time(self, phrase: str, value: str) -> Builder:
        self.a["times"].append({**self.span(phrase), "value": value, "precision": "day",
                                "reason": "month and day, year from the publication date"})
        return self

    def event(self, sentence: str, trigger: str, type_: str, label: str, place: str, day: str,
              actor: str | None = "Russian forces", modality: str = "asserted") -> Builder:
        s = self.span(sentence)
        eid = f"e{len(self.a['events']) + 1}"
        self.a["events"].append({
            "id": eid, "type": type_, "mode": None, "label": label, "acled": None,
            "actors": [{"entity": ACTORS[actor][0], "name": actor, "country": ACTORS[actor][2]}] if actor else [],
            "recipients": [],
            "place": {"entity": f"geonames:{PLACES[place][0]}", "name": place, "precision": "exact",
                      "reason": f"'{place}' is the object of the trigger's preposition"},
            "time": {"value": day, "precision": "day", "reason": "the sentence's date"},
            "modality": modality, "casualties": {"killed": None, "injured": None}, "claim": None,
            "trigger": self.span(trigger, s["start"]), "sentence": {"start": s["start"], "end": s["end"]}})
        return self

    def claim(self, speaker: str, content: str, cue: str) -> Builder:
        c = self.span(content)
        sp = self.span(speaker)
        self.a["claims"].append({
            "id": f"c{len(self.a['claims']) + 1}", **c, "direct": False, "cue": self.span(cue),
            "speaker": {"entity": ACTORS[speaker][0], "name": speaker, "start": sp["start"], "end": sp["end"]},
            "chain": [], "time": None})
        return self


def corpus() -> list[dict[str, Any]]:
    """Four documents: an advance, a strike, a statement, and one whose text is hostile HTML."""
    t1 = ("Russian forces advanced near Kupiansk on October 30, the Institute for the Study of War "
          "reported. Volodymyr Zelensky said that Ukraine would not accept a ceasefire on those terms.")
    d1 = (Builder(t1, "2024-10-31", "ISW", "Russian forces advance near Kupiansk", "https://isw.example/kupiansk")
          .entity("Russian forces").entity("Kupiansk").entity("Volodymyr Zelensky").time("October 30", "2024-10-30")
          .event("Russian forces advanced near Kupiansk on October 30, the Institute for the Study of War reported.",
                 "advanced", "ASSAULT", "advance", "Kupiansk", "2024-10-30")
          .claim("Volodymyr Zelensky", "Ukraine would not accept a ceasefire on those terms", "said"))
    t2 = ("A Russian missile strike hit Pokrovsk on November 1, local officials said. "
          "Repair crews worked through the night.")
    d2 = (Builder(t2, "2024-11-01", "Reuters", "Missile strike on Pokrovsk", "https://reuters.example/pokrovsk")
          .entity("Pokrovsk").time("November 1", "2024-11-01")
          .event("A Russian missile strike hit Pokrovsk on November 1, local officials said.", "strike",
                 "ASSAULT", "missile-strike", "Pokrovsk", "2024-11-01", actor=None))
    t3 = ("Vladimir Putin said that Russia rejected any negotiated ceasefire. Delegations met in Kyiv "
          "on November 1 to discuss grain exports.")
    d3 = (Builder(t3, "2024-11-01", "Kyiv Independent", "Talks in Kyiv", "https://kyivindependent.example/talks")
          .entity("Vladimir Putin").entity("Kyiv").time("November 1", "2024-11-01")
          .claim("Vladimir Putin", "Russia rejected any negotiated ceasefire", "said")
          .event("Delegations met in Kyiv on November 1 to discuss grain exports.", "met", "CONSULT", "talks",
                 "Kyiv", "2024-11-01", actor=None))
    d4 = (Builder(EVIL_TEXT, "2024-11-01", "Evil <b>Outlet</b>", EVIL_TITLE, "javascript:alert(3)")
          .entity("Kyiv", "Kyiv").entity("Russian forces")
          .event("Russian forces shelled Kyiv on November 1.", "shelled", "ASSAULT", "shelling", "Kyiv",
                 "2024-11-01"))
    d4.a["entities"][0]["mentions"][0]["start"] = EVIL_TEXT.index("Kyiv")  # the first mention
    d4.a["entities"][0]["mentions"][0]["end"] = EVIL_TEXT.index("Kyiv") + 4
    return [d.a for d in (d1, d2, d3, d4)]


def fill(store: Any) -> list[dict[str, Any]]:
    docs = corpus()
    for a in docs:
        store.add(a)
    return docs


@pytest.fixture
def sqlite_store(tmp_path):
    from warbrief.store import open_store

    store = open_store(str(tmp_path / "web.db"))
    fill(store)
    yield store
    store.close()


def pg_url() -> str | None:
    return os.environ.get("WARBRIEF_TEST_PG")


@pytest.fixture
def pg_store():
    """The corpus in a fresh schema on the PostgreSQL server of $WARBRIEF_TEST_PG (skips when
    none is reachable)."""
    url = pg_url()
    if not url:
        pytest.skip("PostgreSQL tests need WARBRIEF_TEST_PG (e.g. postgresql+psycopg://postgres@127.0.0.1/test)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from warbrief.store import open_store, resolve_url

    schema = "wbweb_" + uuid.uuid4().hex[:10]
    admin = create_engine(resolve_url(url))
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
    except OperationalError as exc:
        admin.dispose()
        pytest.skip(f"PostgreSQL at {url} is not reachable: {str(exc.orig).splitlines()[0]}")
    store = open_store(url, schema=schema)
    fill(store)
    yield store
    store.close()
    with admin.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request):
    """The corpus on SQLite, then on PostgreSQL (skipped where no server is reachable)."""
    if request.param == "postgresql":
        if not pg_url():
            pytest.skip("PostgreSQL tests need WARBRIEF_TEST_PG")
        marker = pytest.mark.postgres
        request.node.add_marker(marker)
        return request.getfixturevalue("pg_store")
    return request.getfixturevalue("sqlite_store")


def fake_ingest(store: Any):
    """Stand-in for analyse-and-store (no spaCy model): stores the text with no extractions."""

    def run(doc: Any, who: str) -> dict[str, Any]:
        b = Builder(doc.text, str(doc.published or "2024-11-02"), doc.source or "api", doc.title, doc.url)
        result = store.add(b.a)
        return {"id": result.doc_id, "status": result.status, "duplicate_of": result.duplicate_of,
                "url": f"/documents/{result.doc_id}", "entities": 0, "claims": 0, "events": 0}

    return run


def make_client(store: Any, tmp_path: Any, **settings: Any):
    from fastapi.testclient import TestClient

    from warbrief.api import Settings, create_app

    app = create_app(store=store, settings=Settings(tokens_path=tmp_path / "tokens.json", **settings),
                     ingest=fake_ingest(store))
    return TestClient(app, raise_server_exceptions=False)


@pytest.fixture
def client(sqlite_store, tmp_path):
    return make_client(sqlite_store, tmp_path)


@pytest.fixture
def any_client(any_store, tmp_path):
    return make_client(any_store, tmp_path)


@pytest.fixture
def token(client):
    return client.app.state.tokens.create("test")


__all__ = ["LiveServer", "any_client", "any_store", "client", "pg_store", "sqlite_store", "token"]


class LiveServer:
    """Uvicorn serving `app` in a thread on a free loopback port (for the browser tests)."""

    def __init__(self, app: Any) -> None:
        import socket
        import threading

        import uvicorn

        sock = socket.socket()
        sock.bind(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        sock.close()
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        import time

        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
