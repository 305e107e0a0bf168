"""Bench: the brief over 1,000 stored documents (target <= 5 s), read from a SQLite store.

The documents are synthetic contract analyses (built here, deterministic): seven days of
reports from 40 outlets, each with several events (advances, strikes, talks) at places along
the front, claims by a few speakers, some relayed through chains, and plain sentences, so
that clustering, source counting and ranking all do real work. Timed: reading the period from
the store and building the brief (also the brief alone, from memory).

    python -m bench.run --only brief
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warbrief.analysis import document_id

Row = tuple[str, float | None, str]
N_DOCS = 1000
DAY = date(2024, 11, 7)

PLACES = [("Kupiansk", 49.710, 37.616, "Kharkiv Oblast"), ("Pokrovsk", 48.282, 37.176, "Donetsk Oblast"),
          ("Siversk", 48.866, 38.100, "Donetsk Oblast"), ("Toretsk", 48.398, 37.847, "Donetsk Oblast"),
          ("Kurakhove", 47.983, 37.283, "Donetsk Oblast"), ("Vuhledar", 47.780, 37.249, "Donetsk Oblast"),
          ("Chasiv Yar", 48.586, 37.835, "Donetsk Oblast"), ("Vovchansk", 50.290, 36.941, "Kharkiv Oblast"),
          ("Robotyne", 47.446, 35.838, "Zaporizhia Oblast"), ("Krynky", 46.729, 33.091, "Kherson Oblast"),
          ("Kharkiv", 49.993, 36.231, "Kharkiv Oblast"), ("Odesa", 46.477, 30.733, "Odesa Oblast"),
          ("Kyiv", 50.450, 30.523, "Kyiv City"), ("Zaporizhzhia", 47.838, 35.139, "Zaporizhia Oblast")]
SIDES = [("org:armed-forces-of-russia", "Russian forces", "RU"), ("org:armed-forces-of-ukraine", "Ukrainian forces", "UA")]
SPEAKERS = [("person:vladimir-putin", "Vladimir Putin"), ("person:volodymyr-zelensky", "Volodymyr Zelensky"),
            ("person:dmitry-peskov", "Dmitry Peskov"), ("org:ukrainian-general-staff", "Ukrainian General Staff")]
RELAYS = [("org:bloomberg", "Bloomberg"), ("org:reuters", "Reuters"), ("org:isw", "ISW"), ("org:tass", "TASS")]
TOPIC_WORDS = ["negotiations", "ceasefire", "sanctions", "aid package", "mobilisation", "security guarantees",
               "air defence", "energy infrastructure", "prisoner exchange", "peace plan"]
STANCE = ["is open to", "rejected", "welcomed", "will not accept", "called for", "is ready for"]


def _doc(rng: random.Random, n: int) -> dict[str, Any]:
    day = DAY - timedelta(days=rng.randrange(7))
    sents: list[str] = []
    events: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    ents: dict[str, dict[str, Any]] = {}
    text = ""

    def add(sentence: str) -> int:
        nonlocal text
        start = len(text)
        text += sentence + " "
        sents.append(sentence)
        return start

    for k in range(rng.randint(2, 5)):
        name, lat, lon, admin1 = rng.choice(PLACES)
        side = rng.choice(SIDES)
        kind = rng.choice(["advance", "shelling", "drone-strike", "talks"])
        verb = {"advance": "advanced", "shelling": "shelled", "drone-strike": "struck", "talks": "met"}[kind]
        s = add(f"{side[1]} {verb} near {name} on {(day - timedelta(days=1)).isoformat()}, "
                f"report {n}-{k} said, citing {rng.randint(2, 40)} incidents along the line.")
        gid = f"geonames:{abs(hash(name)) % 10**6}"
        ents[gid] = {"id": gid, "name": name, "type": "PLACE", "country": "UA", "mentions": [],
                     "place": {"geonames_id": int(gid.split(':')[1]), "lat": lat, "lon": lon, "feature": "city",
                               "admin1": admin1, "country": "UA", "reason": "bench"}}
        t = s + len(side[1]) + 1
        events.append({"id": f"e{k}", "type": "CONSULT" if kind == "talks" else "ASSAULT",
                       "mode": "ground-advance" if kind == "advance" else None, "label": kind, "acled": None,
                       "actors": [{"entity": side[0], "name": side[1], "country": side[2]}], "recipients": [],
                       "place": {"entity": gid, "name": name, "precision": "near", "reason": "bench"},
                       "time": {"value": (day - timedelta(days=1)).isoformat(), "precision": "day", "reason": "bench"},
                       "modality": rng.choice(["asserted", "reported"]),
                       "casualties": {"killed": rng.choice([None, 0, 2, 7]), "injured": None}, "claim": None,
                       "trigger": {"start": t, "end": t + len(verb), "text": verb},
                       "sentence": {"start": s, "end": s + len(sents[-1])}})
    for k in range(rng.randint(1, 4)):
        who = rng.choice(SPEAKERS)
        content = f"Kyiv {rng.choice(STANCE)} {rng.choice(TOPIC_WORDS)} with {rng.choice(TOPIC_WORDS)}"
        relay = rng.choice([[], [rng.choice(RELAYS)]])
        lead = f"{relay[0][1]} reported that " if relay else ""
        s = add(f"{lead}{who[1]} said that {content}.")
        cs = s + len(f"{lead}{who[1]} said that ")
        claims.append({"id": f"c{k}", "start": cs, "end": cs + len(content), "text": content, "direct": False,
                       "cue": None, "speaker": {"entity": who[0], "name": who[1], "start": None, "end": None},
                       "chain": [{"entity": e, "name": nm} for e, nm in relay], "time": None})
    for _ in range(rng.randint(2, 6)):
        add(f"Officials in {rng.choice(PLACES)[0]} said the {rng.choice(TOPIC_WORDS)} would be discussed "
            f"again after {rng.randint(1, 30)} days of work by the regional administration.")
    text = text.rstrip()
    return {"schema": "warbrief.analysis/1",
            "document": {"id": document_id(text), "title": None, "source": f"Outlet {rng.randrange(40)}",
                         "url": f"https://news.example/{n}", "published": day.isoformat(), "language": "en",
                         "text": text},
            "entities": list(ents.values()), "times": [], "claims": claims, "events": events}


def corpus(n: int = N_DOCS, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_doc(rng, i) for i in range(n)]


def run(data_dir: Path | None = None) -> list[Row]:
    from warbrief.brief import BriefOptions, build_brief, from_analyses
    from warbrief.brief.records import brief_from_store
    from warbrief.store import open_store

    docs = corpus()
    opt = BriefOptions(date=DAY, days=7)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        t0 = time.perf_counter()
        with open_store(url) as store:
            for a in docs:
                store.add(a)
        print(f"bench: brief: stored {len(docs)} synthetic documents in {time.perf_counter() - t0:.1f}s",
              file=sys.stderr)
        with open_store(url) as store:  # the path the CLI, the API and the pages take
            t0, c0 = time.perf_counter(), time.process_time()
            brief = brief_from_store(store, opt.date, opt.days)
            total, cpu = time.perf_counter() - t0, time.process_time() - c0
    t0 = time.perf_counter()
    build_brief(from_analyses(docs), opt)
    memory = time.perf_counter() - t0
    return [("brief.seconds_1000_stored_docs", total, f"s wall (target <= 5; {len(brief.findings)} findings, "
                                                      f"{brief.stories} stories)"),
            ("brief.cpu_seconds_1000_stored_docs", cpu, "s CPU (the same run, without waiting for the machine)"),
            ("brief.seconds_1000_docs_in_memory", memory, "s wall (clustering, sources, ranking only)")]


if __name__ == "__main__":
    for name, value, unit in run():
        print(f"{name:40} {value:8.2f} {unit}")
