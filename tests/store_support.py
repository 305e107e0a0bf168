"""Store test support: the `store` fixture over both backends, and hand-built analyses.

`store` runs each test on SQLite (a fresh file) and on PostgreSQL when `WARBRIEF_TEST_PG`
names a reachable server (each test gets its own schema, dropped afterwards, so parallel runs
do not collide); otherwise the PostgreSQL case is skipped, saying why.
"""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

from warbrief.analysis import document_id

PG_ENV = "WARBRIEF_TEST_PG"


def pg_url_or_skip() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need {PG_ENV} (e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test)")
    import psycopg

    try:
        psycopg.connect(url.replace("+psycopg", ""), connect_timeout=3).close()
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL at {PG_ENV} is not reachable: {str(exc).splitlines()[0]}")
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_target(request, tmp_path):
    """(url, schema) of an empty database on each backend."""
    if request.param == "sqlite":
        yield str(tmp_path / "test.db"), None
        return
    url = pg_url_or_skip()
    import psycopg

    schema = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield url, schema
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def store(store_target):
    from warbrief.store import open_store

    s = open_store(*store_target)
    yield s
    s.close()


PLACES = {
    "Kupiansk": (703656, 49.71003, 37.61581, "Kharkiv Oblast"),
    "Pokrovsk": (708408, 48.28198, 37.17585, "Donetsk Oblast"),
    "Odesa": (698740, 46.47747, 30.73262, "Odesa Oblast"),
    "Maud": (4542290, 35.13035, -96.77557, "Oklahoma"),  # a word misread as a place far away
}


def make_analysis(text: str, published: str | None = "2024-11-01", source: str | None = "ISW",
                  url: str | None = None, events: list[dict[str, Any]] | None = None,
                  claims: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A contract record built by hand. `events`: {"type", "trigger", "place", "time", "actor"}
    with words found in `text`; `claims`: {"text", "speaker", "chain": [names], "time"}."""
    entities: dict[str, dict[str, Any]] = {}

    def entity(name: str, etype: str) -> str:
        if etype == "PLACE":
            gid, lat, lon, admin1 = PLACES[name]
            eid = f"geonames:{gid}"
            place = {"geonames_id": gid, "lat": lat, "lon": lon, "feature": "city", "admin1": admin1,
                     "country": "UA", "reason": "test place", "alternatives": []}
        else:
            eid, place = f"{etype.lower()}:{name.lower().replace(' ', '-')}", None
        e = entities.setdefault(eid, {"id": eid, "name": name, "type": etype, "country": "UA" if place else None,
                                      "mentions": [], "place": place})
        i = text.find(name)
        if i >= 0 and not e["mentions"]:
            e["mentions"].append({"start": i, "end": i + len(name), "text": name})
        return eid

    out_claims = []
    for n, c in enumerate(claims or [], 1):
        i = text.index(c["text"])
        sp = c.get("speaker")
        out_claims.append({
            "id": f"c{n}", "start": i, "end": i + len(c["text"]), "text": c["text"], "direct": c.get("direct", False),
            "cue": None, "speaker": {"entity": entity(sp, "PERSON"), "name": sp, "start": None, "end": None} if sp else None,
            "chain": [{"entity": entity(x, "ORG"), "name": x} for x in c.get("chain", [])], "time": c.get("time")})
    out_events = []
    for n, e in enumerate(events or [], 1):
        t = text.index(e["trigger"])
        place = e.get("place")
        actor = e.get("actor")
        out_events.append({
            "id": f"e{n}", "type": e.get("type", "ASSAULT"), "mode": e.get("mode"), "label": e.get("label"),
            "acled": e.get("acled"),
            "actors": [{"entity": entity(actor, "ORG"), "name": actor, "country": "RU"}] if actor else [],
            "recipients": [],
            "place": {"entity": entity(place, "PLACE"), "name": place, "precision": "exact", "reason": "test"}
            if place else None,
            "time": {"value": e["time"], "precision": e.get("precision", "day"), "reason": "test"}
            if e.get("time") else None,
            "modality": e.get("modality", "asserted"), "casualties": {"killed": e.get("killed"), "injured": None},
            "claim": None, "trigger": {"start": t, "end": t + len(e["trigger"]), "text": e["trigger"]},
            "sentence": {"start": 0, "end": len(text)}})
    return {"schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": "Test report", "source": source, "url": url,
                         "published": published, "language": "en", "text": text},
            "entities": list(entities.values()), "times": [], "claims": out_claims, "events": out_events,
            "warnings": []}


# a wire story long enough for near-duplicate detection, written for these tests
WIRE = ("Russian forces launched a combined missile and drone attack on the port city overnight, "
        "damaging warehouses, a grain terminal and several residential buildings near the harbour, "
        "regional officials said on Tuesday morning. Air defence units shot down most of the drones "
        "over the sea before they reached the coast, the southern command said in a statement. "
        "Emergency crews worked through the night to put out fires at the terminal, and the city "
        "administration opened a shelter for families whose apartments were damaged in the strike.")
