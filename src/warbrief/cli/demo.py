"""`warbrief demo`: analyse the shipped sample corpus and show who, where and when."""

from __future__ import annotations

import argparse
import json
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..ingest import ReadOptions
from ..ingest.formats import from_jsonl
from ..pipeline import DocumentInput, analyze_stream

HELP = """\
Run warbrief on its sample corpus (short reports the project wrote about public events of the
war), print a readable summary of each (who, where, when, claims, events) and write the
analyses as JSON Lines into OUT.

Example:
  warbrief demo --out demo-output
"""


def register(sub: Any) -> None:
    p = sub.add_parser("demo", help="analyse the sample corpus and print a summary",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=Path("demo-output"), help="folder for the output files")
    p.set_defaults(run=run)


def sample_documents() -> list[DocumentInput]:
    data = resources.files("warbrief.samples").joinpath("corpus.jsonl").read_bytes()
    docs = [d for d in from_jsonl("samples/corpus.jsonl", data, ReadOptions()) if isinstance(d, DocumentInput)]
    return docs


def run(args: argparse.Namespace) -> int:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    docs = sample_documents()
    print(f"warbrief demo: analysing {len(docs)} sample reports (building the pipeline)...", file=sys.stderr)
    t0 = time.perf_counter()
    path = out / "analyses.jsonl"
    analyses = []
    with path.open("w", encoding="utf-8") as f:
        for i, (_item, result) in enumerate(analyze_stream(docs), 1):
            if isinstance(result, InputError):
                print(f"warbrief: error: {result}", file=sys.stderr)
                continue
            data = result.to_dict()
            analyses.append(data)
            f.write(json.dumps(data, ensure_ascii=False) + "\n")
            print(summary(i, len(docs), data))
    dt = time.perf_counter() - t0
    print(f"\n{len(analyses)} reports analysed in {dt:.1f} s; analyses written to {path}")
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
