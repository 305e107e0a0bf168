"""Shared helpers for the evaluation suites: run the pipeline in process, geometry, spans."""

from __future__ import annotations

import math
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from warbrief.errors import InputError
from warbrief.pipeline import DocumentInput, analyze_stream


@dataclass
class Metric:
    """One row of the eval table. `target` is a minimum unless `lower_is_better`."""

    stage: str
    name: str
    value: float | None
    target: float | None = None
    detail: str = ""
    lower_is_better: bool = False

    @property
    def key(self) -> str:
        return f"{self.stage}.{self.name}"

    def meets(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value <= self.target if self.lower_is_better else self.value >= self.target


def analyze_docs(docs: Iterable[dict[str, Any]], label: str = "") -> list[dict[str, Any]]:
    """docs: dicts with text/published/source/title/url/id -> analysis dicts, in input order.

    A document the pipeline refuses gives {"error": reason} so indices stay aligned."""
    t0 = time.perf_counter()
    inputs = [DocumentInput(d["text"], d.get("published"), d.get("source"), d.get("title"),
                            d.get("url"), str(d.get("id", i))) for i, d in enumerate(docs)]
    out: list[dict[str, Any]] = []
    for n, (_item, result) in enumerate(analyze_stream(inputs), 1):
        out.append({"error": result.reason} if isinstance(result, InputError) else result.to_dict())
        if n % 200 == 0:
            print(f"  {label} {n}/{len(inputs)} docs, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    return out


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def overlaps(a0: int | None, a1: int | None, b0: int | None, b1: int | None) -> bool:
    return a0 is not None and b0 is not None and a1 is not None and b1 is not None and a0 < b1 and b0 < a1


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0
