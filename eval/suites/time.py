"""Suite `time`: TIMEX3 values on TimeBank + AQUAINT (TBAQ-cleaned), as score.py's suite_time.

Gold: every TIMEX3 with its value; the document creation time is the publication date.
A gold expression counts when one of our times overlaps it (relaxed span) and one of those
has exactly the gold value. Precision = correct values / all our times; recall = correct
values / gold expressions. Set WARBRIEF_EVAL_VERBOSE=1 to print wrong values, misses
(no overlapping time) and spurious times (overlapping no gold).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ..common import Metric, analyze_docs, f1, overlaps

NEEDS = ["temporal/tbaq_cleaned"]
TARGET_F1 = 0.80
ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&apos;": "'"}


def load_tml(path: Path) -> dict:
    """The text (tags removed, entities decoded), the DCT and gold (start, end, value) triples."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>.*?value="([^"]+)"', raw, re.S).group(1)  # type: ignore[union-attr]
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S).group(1)  # type: ignore[union-attr]
    text: list[str] = []
    gold: list[tuple[int, int, str | None]] = []
    pos = 0
    for m in re.finditer(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>|<[^>]+>|[^<]+", body, re.S):
        if m.group(0).startswith("<TIMEX3"):
            inner = re.sub(r"<[^>]+>", "", m.group(2))
            val = re.search(r'value="([^"]*)"', m.group(1))
            gold.append((pos, pos + len(inner), val.group(1) if val else None))
            text.append(inner)
            pos += len(inner)
        elif m.group(0).startswith("<"):
            continue
        else:
            s = m.group(0)
            for k, v in ENTITIES.items():
                s = s.replace(k, v)
            text.append(s)
            pos += len(s)
    return {"id": path.stem, "text": "".join(text), "published": dct, "gold": gold}


def run(data: Path, limit: int | None) -> list[Metric]:
    verbose = bool(os.environ.get("WARBRIEF_EVAL_VERBOSE"))
    docs = [load_tml(p) for p in sorted((data / "temporal" / "tbaq_cleaned").glob("*/*.tml"))]
    if limit:
        docs = docs[:limit]
    outs = analyze_docs([{k: v for k, v in d.items() if k != "gold"} for d in docs], "time")
    # like score.py, match outputs to documents by text (two documents with the same text and
    # different creation times then share one analysis)
    by_text = {o["document"]["text"]: o for o in outs if "document" in o}
    gold_n = sys_n = span_ok = val_ok = 0
    for d in docs:
        a = by_text.get(d["text"]) or {}
        times = a.get("times", [])
        sys_n += len(times)
        gold_n += len(d["gold"])
        text = d["text"]
        for st, en, val in d["gold"]:
            hit = [x for x in times if overlaps(x["start"], x["end"], st, en)]
            if hit:
                span_ok += 1
                if any(x.get("value") == val for x in hit):
                    val_ok += 1
                elif verbose:
                    print(f"  VALUE {d['id']} [{d['published'][:10]}] {text[st:en]!r}: gold={val} "
                          f"ours={[(x['text'], x.get('value')) for x in hit]} | {hit[0]['reason']}")
            elif verbose:
                print(f"  MISS  {d['id']} [{d['published'][:10]}] {text[st:en]!r}: gold={val} "
                      f"| ...{text[max(0, st - 50):st]!r}")
        if verbose:
            for x in times:
                if not any(overlaps(x["start"], x["end"], st, en) for st, en, _v in d["gold"]):
                    print(f"  SPUR  {d['id']} {x['text']!r}={x.get('value')} "
                          f"| ...{text[max(0, x['start'] - 40):x['end'] + 30]!r}")
    p = val_ok / max(1, sys_n)
    r = val_ok / max(1, gold_n)
    detail = f"gold={gold_n} ours={sys_n} docs={len(docs)}"
    return [
        Metric("time", "value.f1", f1(p, r), TARGET_F1, detail),
        Metric("time", "value.precision", p),
        Metric("time", "value.recall", r),
        Metric("time", "span.relaxed_recall", span_ok / max(1, gold_n)),
    ]
