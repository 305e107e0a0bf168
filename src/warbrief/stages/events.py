"""Stage placeholder: does nothing yet (being built)."""

from __future__ import annotations

from typing import Any


def create_events(nlp: Any, name: str):
    def events(doc: Any) -> Any:
        return doc
    return events
