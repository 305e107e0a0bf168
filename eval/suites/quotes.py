"""Claims on the PolNeAR dev articles: content detection and speaker attribution.

Same metrics and matching rules as `suite_quotes` in ../shared/eval/score.py: a gold content
span is found when a claim's content overlaps it; precision counts every claim we output; a
matched gold attribution with a source is right when a matching claim's speaker span overlaps
the annotated source. Only the first annotation file of each article is used (as score.py).

`WARBRIEF_EVAL_VERBOSE=1` prints the misses (gold contents not found, spurious claims, wrong
speakers) to stderr.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any

from ..common import Metric, analyze_docs, f1, overlaps

NEEDS = ["quotes/polnear_dev"]


def load_ann(path: Path) -> list[dict[str, Any]]:
    spans: dict[str, tuple[str, int, int]] = {}
    rels: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            tid, mid, _txt = line.split("\t", 2)
            kind, *offs = mid.split(" ")
            parts = " ".join(offs).split(";")
            st = min(int(o.split()[0]) for o in parts)
            en = max(int(o.split()[1]) for o in parts)
            spans[tid] = (kind, st, en)
        elif line.startswith("E"):
            rels.append(dict(p.split(":") for p in line.split("\t")[1].split() if ":" in p))
    out = []
    for r in rels:
        c = spans.get(r.get("Content", ""))
        s = spans.get(r.get("Source", ""))
        q = spans.get(r.get("Cue", ""))
        if c:
            out.append({"content": c[1:], "source": s[1:] if s else None, "cue": q[1:] if q else None})
    return out


def load_docs(data: Path, limit: int | None) -> list[dict[str, Any]]:
    base = data / "quotes" / "polnear_dev"
    docs = []
    for tf in sorted((base / "text").glob("*.txt")):
        anns = sorted((base / "attributions").glob(tf.stem + "_*.ann"))
        if not anns:
            continue
        m = re.search(r"_(\d{4}-\d{2}-\d{2})_", tf.name)
        docs.append({"id": tf.stem, "text": tf.read_text(encoding="utf-8"),
                     "published": m.group(1) if m else None, "gold": load_ann(anns[0])})
    return docs[:limit] if limit else docs


def run(data: Path, limit: int | None) -> list[Metric]:
    docs = load_docs(data, limit)
    outs = analyze_docs([{k: v for k, v in d.items() if k != "gold"} for d in docs], "quotes")
    verbose = bool(os.environ.get("WARBRIEF_EVAL_VERBOSE"))
    gold_n = sys_n = tp_gold = tp_sys = spk_ok = spk_n = 0
    for d, a in zip(docs, outs, strict=True):
        text = d["text"]
        claims = a.get("claims", [])
        sys_n += len(claims)
        gold_n += len(d["gold"])
        for g in d["gold"]:
            hit = [c for c in claims if overlaps(c["start"], c["end"], *g["content"])]
            if not hit:
                if verbose:
                    cue = text[g["cue"][0]:g["cue"][1]] if g["cue"] else None
                    print(f"MISS   {d['id'][:30]} cue={cue!r} {text[g['content'][0]:g['content'][1]][:100]!r}",
                          file=sys.stderr)
                continue
            tp_gold += 1
            if g["source"]:
                spk_n += 1
                if any(overlaps((c.get("speaker") or {}).get("start"), (c.get("speaker") or {}).get("end"),
                                *g["source"]) for c in hit):
                    spk_ok += 1
                elif verbose:
                    ours = [(c.get("speaker") or {}).get("name") for c in hit]
                    print(f"SPEAKER {d['id'][:30]} gold={text[g['source'][0]:g['source'][1]]!r} ours={ours} "
                          f"in {text[g['content'][0]:g['content'][1]][:60]!r}", file=sys.stderr)
        for c in claims:
            if any(overlaps(c["start"], c["end"], *g["content"]) for g in d["gold"]):
                tp_sys += 1
            elif verbose:
                print(f"EXTRA  {d['id'][:30]} cue={(c.get('cue') or {}).get('text')!r} {c['text'][:120]!r}",
                      file=sys.stderr)
    p, r = tp_sys / max(1, sys_n), tp_gold / max(1, gold_n)
    f = f1(p, r)
    acc = spk_ok / max(1, spk_n)
    return [
        Metric("quotes", "content_precision", p, detail=f"{tp_sys}/{sys_n} claims"),
        Metric("quotes", "content_recall", r, detail=f"{tp_gold}/{gold_n} gold"),
        Metric("quotes", "content_f1", f, 0.75),
        Metric("quotes", "speaker_accuracy", acc, 0.85, detail=f"{spk_ok}/{spk_n} matched with a source"),
        Metric("quotes", "score", f * acc, detail="F1 x speaker accuracy (score.py)"),
    ]
