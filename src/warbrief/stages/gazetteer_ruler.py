"""Stage placeholder: does nothing yet (being built)."""

from __future__ import annotations

from typing import Any


def create_gazetteer(nlp: Any, name: str):
    def gazetteer(doc: Any) -> Any:
        return doc
    return gazetteer
