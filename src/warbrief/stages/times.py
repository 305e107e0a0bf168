"""Stage placeholder: does nothing yet (being built)."""

from __future__ import annotations

from typing import Any


def create_times(nlp: Any, name: str):
    def times(doc: Any) -> Any:
        return doc
    return times
