"""Stage placeholder: does nothing yet (being built)."""

from __future__ import annotations

from typing import Any


def create_claims(nlp: Any, name: str):
    def claims(doc: Any) -> Any:
        return doc
    return claims
