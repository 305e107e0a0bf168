"""`warbrief demo`: analyse the shipped sample corpus and show who, where and when."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from ..analysis import DocumentInput
from ..dates import published_day
from ..ingest import ReadOptions
from ..ingest.formats import from_jsonl
from ..jsonl import dumps_line

HELP = """\
Run warbrief end to end on its sample corpus (short reports the project wrote about public
events of the war): extract and store every report in a fresh SQLite database, print a readable
summary of each (who, where, when, claims, events), export the events as GeoJSON and write the
brief of key findings as Markdown and HTML. Everything is written into OUT:

  warbrief.db       the database (open it with `warbrief serve --db OUT/warbrief.db`)
  analyses.jsonl    the analysis (warbrief.analysis/1) of every report
  events.geojson    the events with a place, for any map
  brief.md, brief.html   the brief of key findings, every line cited

Example:
  warbrief demo --out demo-output
"""


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="run warbrief end to end on the sample corpus",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the output files")
    p.add_argument("--brief-days", type=int, default=31, metavar="N",
                   help="days covered by the brief, ending on the newest report (default 31)")
    p.set_defaults(run=run)


def sample_documents() -> list[DocumentInput]:
    data = resources.files("warbrief.samples").joinpath("corpus.jsonl").read_bytes()
    docs = [d for d in from_jsonl("samples/corpus.jsonl", data, ReadOptions()) if isinstance(d, DocumentInput)]
    return docs


def run(args: argparse.Namespace) -> int:
    from ..brief import BriefOptions, build_brief, from_analyses, render
    from ..ingest.runner import IngestOptions, ingest
    from ..store import EventFilter, open_store
    from ..store.export import write_geojson

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    db = out / "warbrief.db"
    for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
        stale.unlink(missing_ok=True)  # a fresh database every run
    docs = sample_documents()
    print(f"warbrief demo: extracting and storing {len(docs)} sample reports in {db} ...", file=sys.stderr)
    with open_store(f"sqlite:///{db}") as store:
        result = ingest(store, [], IngestOptions(progress=False), command="demo", items=docs)
        print(f"ingest: {result.line()}")
        analyses = [a for _meta, a in store.analyses()]
        with (out / "analyses.jsonl").open("w", encoding="utf-8") as f:
            for i, a in enumerate(analyses, 1):
                f.write(dumps_line(a) + "\n")
                print(summary(i, len(analyses), a))
        counts = store.counts()
        print("\nstored: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
        with (out / "events.geojson").open("w", encoding="utf-8") as f:
            n_geo = write_geojson(store, EventFilter(), f)
        print(f"map: {n_geo} events with a place written to {out / 'events.geojson'}")
    dates = sorted(d for a in analyses if (d := published_day(a["document"].get("published"))))
    if dates:
        opt = BriefOptions(date=date.fromisoformat(dates[-1]), days=args.brief_days)
        brief = build_brief(from_analyses(analyses), opt)
        (out / "brief.md").write_text(render(brief, "md"), encoding="utf-8")
        (out / "brief.html").write_text(render(brief, "html"), encoding="utf-8")
        print("\n" + render(brief, "md"))
        print(f"brief: written to {out / 'brief.md'} and {out / 'brief.html'}")
    print(f"\nNext: run `warbrief serve --db {db}` and open http://127.0.0.1:8000/ "
          "(the brief, search, documents and the map).")
    return 0


def _fmt_time(t: dict[str, Any]) -> str:
    return f"\"{t['text']}\" -> {t['value']} ({t['precision']})"


def summary(i: int, n: int, a: dict[str, Any]) -> str:
    d = a["document"]
    lines = [f"\n[{i}/{n}] {d.get('title') or d['id'][:19]}  ({d.get('source') or '?'}, {d.get('published') or 'undated'})"]
    who = [e for e in a["entities"] if e["type"] in ("PERSON", "ORG", "GROUP", "MILITARY_UNIT")]
    where = [e for e in a["entities"] if e["type"] == "PLACE"]
    if who:
        lines.append("  who:    " + "; ".join(
            f"{e['name']} ({e['type'].lower()}{', ' + e['country'] if e.get('country') else ''})"
            + (f" x{len(e['mentions'])}" if len(e["mentions"]) > 1 else "") for e in who[:8])
            + (f"; +{len(who) - 8} more" if len(who) > 8 else ""))
    if where:
        parts = []
        for e in where[:8]:
            p = e.get("place") or {}
            extra = ", ".join(x for x in (p.get("feature"), p.get("admin1"), p.get("country")) if x)
            parts.append(f"{e['name']} ({extra or 'unresolved'})")
        lines.append("  where:  " + "; ".join(parts) + (f"; +{len(where) - 8} more" if len(where) > 8 else ""))
    if a["times"]:
        lines.append("  when:   " + "; ".join(_fmt_time(t) for t in a["times"][:6]))
    for c in a["claims"][:4]:
        spk = (c.get("speaker") or {}).get("name") or "?"
        chain = " <- ".join(x.get("name") or "?" for x in reversed(c.get("chain") or []))
        via = f" (via {chain})" if chain else ""
        text = c["text"] if len(c["text"]) < 90 else c["text"][:87] + "..."
        lines.append(f"  claim:  {spk}{via}: \"{text}\"" + (f" [{c['time']}]" if c.get("time") else ""))
    for e in a["events"][:8]:
        actors = ", ".join(p["name"] for p in e["actors"]) or "?"
        place = f" {e['place']['precision']} {e['place']['name']}" if e.get("place") else ""
        when = f" on {e['time']['value']}" if e.get("time") and e["time"].get("value") else ""
        lines.append(f"  event:  {e['type']}/{e.get('label') or '-'} by {actors}{place}{when} ({e['modality']})")
    return "\n".join(lines)
