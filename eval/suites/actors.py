"""Suite `actors`: actor canonicalisation (country of the actor) and entity sanity on news.

1. NGEC actor cases (`events/ngec_actor_cases.jsonl`): the subset that asks for the COUNTRY
   of a short actor text: methods `agent_to_code`, `search_nat` and `short_text_to_agent`
   with a non-empty text and an expected country. The text goes through
   `ActorKB.resolve(text, when, hint)` (knowledge-base names, descriptions and titles by date,
   country names, capitals and demonyms); the ISO2 answer is turned into ISO3 with the
   knowledge base's own table (countries.yaml) and compared with the expected code.
   `country_acc`: over cases whose expected code is a country our table knows (ISO3, plus EUR
   for the EU and XKX for Kosovo); NGEC's non-country codes (IGO, UNO) and sector-only cases
   are left out, and so are `query_wiki` cases (Wikipedia titles, not countries).
   `no_country_ok`: over cases that expect NO country ("" or null): share where we give none.
   Dates come from the third argument or `query_date` ("today" = no date); the second
   argument / `known_country` is a context hint ("German" for "Defense Minister").
2. News sanity on `news/articles.jsonl` (and the project's `samples/` when present), the
   targets of issue 2:
   `news_place_as_person_org`: entities with a local id typed PERSON or ORG whose name or a
   mention is a place the war's news would mean (a country or first-level division, a city of
   100,000+, or a place in Ukraine, Russia or Belarus by its own name; knowledge-base actors
   are curated and not counted; skipped when the gazetteer module is missing); `news_person_split_docs`: documents where a knowledge-base person's mentions are
   split over more than one entity (a local entity whose name is the person's alias or
   surname). Both should be 0.

Set WARBRIEF_EVAL_VERBOSE=1 to print the misses.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs

NEEDS = ["events/ngec_actor_cases.jsonl"]
METHODS = {"agent_to_code", "search_nat", "short_text_to_agent"}
MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}


def parse_when(value: Any) -> date | None:
    """'2022-01-01', '10 May 2015', 'October 1, 2021', '1 july 2021'; 'today' -> None."""
    if not value or str(value).strip().lower() in ("today", "now"):
        return None
    s = str(value).strip()
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    m = re.match(r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$", s) or re.match(r"([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})$", s)
    if m:
        a, b, y = m.groups()
        day, month = (a, b) if a.isdigit() else (b, a)
        if month.lower() in MONTHS:
            return date(int(y), MONTHS[month.lower()], int(day))
    return None


def load_cases(path: Path) -> list[dict[str, Any]]:
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row["method"] not in METHODS or not row["args"] or not row["args"][0]:
            continue
        exp = row.get("expect") or {}
        if "country" in exp:
            want = exp["country"]
        elif "cc" in exp:
            want = exp["cc"]
        else:
            continue
        args = row["args"] + [None, None]
        kw = row.get("kwargs") or {}
        cases.append({"text": args[0], "hint": args[1] or kw.get("known_country") or kw.get("country") or None,
                      "when": parse_when(kw.get("query_date") or args[2]), "want": (want or "").strip()})
    return cases


def ngec(data: Path, limit: int | None, verbose: bool) -> list[Metric]:
    from warbrief.knowledge.actors import load_actors

    kb = load_actors()
    cases = load_cases(data / NEEDS[0])
    if limit:
        cases = cases[:limit]
    ok = n = none_ok = none_n = 0
    for c in cases:
        res = kb.resolve(c["text"], c["when"], c["hint"])
        got = kb.iso3(res.country) if res.country else ""
        if not c["want"]:
            none_n += 1
            none_ok += got == ""
            if verbose and got:
                print(f"  actors: {c['text']!r} -> {got} (expected none; {res.reason})")
            continue
        if kb.iso2(c["want"]) is None:
            continue  # IGO, UNO, sector codes: not a country
        n += 1
        ok += got == c["want"]
        if verbose and got != c["want"]:
            print(f"  actors: {c['text']!r} hint={c['hint']!r} -> {got or '-'} expected {c['want']} ({res.reason})")
    return [Metric("actors", "ngec_country_acc", ok / n if n else None, 0.73, f"n={n}"),
            Metric("actors", "ngec_no_country_ok", none_ok / none_n if none_n else None, None, f"n={none_n}")]


def news_docs(data: Path, limit: int | None) -> list[dict[str, Any]]:
    docs = []
    path = data / "news" / "articles.jsonl"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if r.get("text", "").strip():
                docs.append({"id": r["id"], "text": r["text"], "title": r.get("title"),
                             "published": r.get("url_date") or r.get("crawl_date_field")})
    samples = Path(__file__).resolve().parents[2] / "samples"
    for p in sorted(samples.glob("**/*")) if samples.is_dir() else []:
        if p.suffix in (".txt", ".md"):
            docs.append({"id": p.name, "text": p.read_text(encoding="utf-8")})
        elif p.suffix == ".jsonl":
            for i, line in enumerate(p.read_text(encoding="utf-8").splitlines()):
                r = json.loads(line)
                if r.get("text"):
                    docs.append({"id": f"{p.name}:{i}", "text": r["text"], "published": r.get("published")})
    return docs[:limit] if limit else docs


def _gazetteer() -> Any:
    try:
        from warbrief.knowledge.gazetteer import get_gazetteer

        return get_gazetteer()
    except Exception as exc:  # noqa: BLE001 - the metric is skipped without a gazetteer
        print(f"eval: actors: no gazetteer ({exc!r}); place-typing check skipped")
        return None


def _war_place(c: Any) -> bool:
    """A gazetteer candidate that news on the war would mean by that name: a country or
    first-level division, a city of 100,000+, or any place by its own name in UA, RU or BY."""
    return c.kind <= 1 and (c.feature in ("country", "region") or c.population >= 100_000
                            or (c.kind == 0 and c.country in ("UA", "RU", "BY")))


def news(data: Path, limit: int | None, verbose: bool) -> list[Metric]:
    from warbrief.knowledge.actors import load_actors

    kb = load_actors()
    docs = news_docs(data, limit)
    if not docs:
        return []
    outs = analyze_docs(docs, "actors-news")
    gaz = _gazetteer()
    bad_place = 0
    split_docs = 0
    for d, a in zip(docs, outs, strict=True):
        ents = a.get("entities", [])
        if gaz is not None:
            for e in ents:
                if e["type"] not in ("PERSON", "ORG"):
                    continue
                if not e["id"].startswith("local:"):
                    continue  # knowledge-base actors are curated as what they are
                names = {e["name"]} | {m["text"] for m in e["mentions"]}
                hit = next((n for n in names if any(_war_place(c) for c in gaz.lookup(n))), None)
                if hit:
                    bad_place += 1
                    if verbose:
                        print(f"  actors: {d['id']}: {e['type']} {e['id']} {hit!r} is a gazetteer place")
        split = False
        for e in ents:
            actor = kb.actors.get(e["id"])
            if actor is None or actor.type != "PERSON":
                continue
            keys = {actor.name, *actor.aliases} | ({actor.surname} if actor.surname else set())
            for other in ents:
                if other["id"] != e["id"] and other["type"] == "PERSON" and (
                        other["name"] in keys or any(m["text"] in keys for m in other["mentions"])):
                    split = True
                    if verbose:
                        print(f"  actors: {d['id']}: {actor.id} also in {other['id']} ({other['name']!r})")
        split_docs += split
    return [Metric("actors", "news_place_as_person_org", float(bad_place) if gaz is not None else None, 0,
                   f"docs={len(docs)}", lower_is_better=True),
            Metric("actors", "news_person_split_docs", float(split_docs), 0, f"docs={len(docs)}",
                   lower_is_better=True)]


def run(data: Path, limit: int | None) -> list[Metric]:
    verbose = bool(os.environ.get("WARBRIEF_EVAL_VERBOSE"))
    return ngec(data, limit, verbose) + news(data, limit, verbose)


if __name__ == "__main__":  # quick look: python -m eval.suites.actors
    import sys

    for m in run(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/eval"), None):
        print(m)
    print(datetime.now().isoformat())
