"""Segments: where sentences start in the genres reports arrive in (`warbrief_segments`, before
the parser) and which sentences are page furniture (`warbrief_furniture`, after it)."""

from .stage import create_furniture, create_segments

__all__ = ["create_furniture", "create_segments"]
