"""The time vocabulary (`knowledge/data/time_vocab.yaml`), loaded once, and regex fragments
built from it. Month and weekday names match with a capital first letter only."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ....knowledge import load_yaml
from ....knowledge.numbers import number_words

DATA_FILE = "time_vocab.yaml"
TENS = tuple(number_words(frozenset({"tens"})))  # knowledge/data/number_words.tsv: the project's one list


@dataclass(frozen=True)
class Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    day_parts: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    vague: tuple[str, ...]
    units: dict[str, tuple[str, int, bool]]
    sets: dict[str, str]
    refs: dict[str, str]
    holidays: dict[str, str]

    def month(self, word: str) -> int | None:
        return self.months.get(word.lower().rstrip("."))

    def weekday(self, word: str) -> int | None:
        w = word.lower().rstrip(".")
        w = w[:-2] if w.endswith("'s") else w
        w = w[:-1] if w.endswith("s") and w[:-1] in self.weekdays else w
        return self.weekdays.get(w)

    def unit(self, word: str) -> tuple[str, int, bool] | None:
        w = word.lower()
        if w == "centuries":
            w = "century"
        elif w.endswith("s") and w[:-1] in self.units:
            w = w[:-1]
        return self.units.get(w)

    def number(self, text: str) -> float | None:
        """'two and a half' -> 2.5, '2 1/2' -> 2.5, 'twenty-five' -> 25, '1,000' -> 1000."""
        t = text.lower().strip().replace("\u00bd", " 1/2").replace("-", " ")
        half = 0.0
        for tail in (" and a half", " and one half", " 1/2", " and 1/2"):
            if t.endswith(tail):
                t, half = t[: -len(tail)].strip(), 0.5
                break
        if t in ("half a", "half an", "a half"):
            return 0.5
        if re.fullmatch(r"\d{1,3}(,\d{3})+|\d+(\.\d+)?", t):
            return float(t.replace(",", "")) + half
        if t in self.numbers:
            return self.numbers[t] + half
        parts = t.split()
        total = 0
        for p in parts:
            if p in ("and",):
                continue
            n = self.numbers.get(p)
            if n is None:
                return None
            total = total * n if n == 100 and total else total + n
        return float(total) + half if parts else None


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _cap(word: str) -> str:
    return word[0].upper() + word[1:]


def _numbers(raw: dict[str, Any]) -> dict[str, int]:
    """Counts in words: the project's number words (number_words.tsv: units from one, tens,
    "hundred", "dozen", "a"/"an"), then the time vocabulary's own phrases ("a couple of")."""
    words = number_words(frozenset({"unit", "tens", "dozen", "article"}))
    out = {w: n for w, n in words.items() if n and w != "single"}  # "a single day" counts no "single"
    out["hundred"] = 100
    out.update({k: int(v) for k, v in (raw.get("number_phrases") or {}).items()})
    return out


@functools.lru_cache(maxsize=1)
def vocab() -> Vocab:
    raw: dict[str, Any] = load_yaml(resources.files("warbrief.knowledge").joinpath("data", DATA_FILE)
                                         .read_text(encoding="utf-8"))
    return Vocab(
        months={k: int(v) for k, v in raw["months"].items()},
        weekdays={k: int(v) for k, v in raw["weekdays"].items()},
        seasons=dict(raw["seasons"]),
        day_parts=dict(raw["day_parts"]),
        numbers=_numbers(raw),
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        vague=tuple(raw["vague_counts"]),
        units={k: (v[0], int(v[1]), bool(v[2])) for k, v in raw["units"].items()},
        sets=dict(raw["sets"]),
        refs={k: v for k, v in raw["refs"].items() if v},
        holidays={k: str(v) for k, v in raw["holidays"].items()},
    )


@functools.lru_cache(maxsize=1)
def fragments() -> dict[str, str]:
    """Regex fragments (no groups) for the pattern grammar."""
    v = vocab()
    full = [m for m in v.months if len(m) > 4 or m in ("may", "june", "july")]
    abbr = [m for m in v.months if m not in full]
    month = "|".join([_alt([_cap(m) for m in full]),
                      "(?:" + _alt([_cap(m) for m in abbr]) + r")\.?(?!\w)"])
    month_dot = "|".join([_alt([_cap(m) for m in full]), "(?:" + _alt([_cap(m) for m in abbr]) + r")\."])
    wfull = [w for w in v.weekdays if w.endswith("day")]
    wabbr = [w for w in v.weekdays if w not in wfull]
    weekday = _alt([_cap(w) for w in wfull])
    weekday_any = weekday + "|(?:" + _alt([_cap(w) for w in wabbr]) + r")\."
    small = [w for w, n in v.numbers.items() if n < 20 and " " not in w and w not in ("a", "an")]
    tens = "(?:" + _alt(list(TENS)) + ")"
    word_num = (rf"{tens}(?:[- ](?:{_alt([w for w in small if v.numbers[w] < 10])}))?"
                rf"|(?:{_alt(small)})(?:[- ]hundred)?|a\s+hundred|hundreds|a\s+couple\s+of|couple\s+of"
                r"|a\s+dozen|dozens|an?")
    number = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?(?:\s+1/2|\u00bd)?|(?i:{word_num})"
              r"(?:\s+and\s+(?:a|one)\s+half)?|half\s+an?)")
    units = sorted(v.units) + ["centuries"]
    unit = "(?i:" + _alt([u + "s" for u in units if u != "century"] + units) + r")\b"
    return {
        "month": f"(?:{month})",
        "month_dot": f"(?:{month_dot})",
        "weekday": f"(?:{weekday})",
        "weekday_any": f"(?:{weekday_any})",
        "season": "(?i:" + _alt(list(v.seasons)) + ")",
        "day_part": "(?i:" + _alt(list(v.day_parts)) + ")",
        "number": number,
        "unit": unit,
        "ordinal": "(?i:" + _alt(list(v.ordinals)) + ")",
        "vague": "(?i:" + _alt(list(v.vague)) + ")",
        "set_word": r"(?i:" + _alt(list(v.sets)) + r")\b",
        "ref": r"(?i:" + _alt(list(v.refs)) + r")\b",
        "holiday": "(?:" + _alt([" ".join(_cap(w) if w not in ("of", "s") else w for w in h.split())
                                 for h in v.holidays]) + ")",
    }
