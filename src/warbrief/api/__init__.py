"""The HTTP API and web app (FastAPI): `create_app(db_url)`; `warbrief serve` runs it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import Settings, create_app

__all__ = ["Settings", "create_app"]


def __getattr__(name: str) -> Any:  # import FastAPI only when the app is wanted
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
