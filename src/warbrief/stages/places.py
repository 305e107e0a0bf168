"""Stage placeholder: does nothing yet (being built)."""

from __future__ import annotations

from typing import Any


def create_places(nlp: Any, name: str):
    def places(doc: Any) -> Any:
        return doc
    return places
