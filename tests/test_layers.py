"""The rooms stay apart (issue #15, item 2): SQL runs only in `store/`; the pages never import
the API (both read through the app's one service object)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "warbrief"


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
    return names


@pytest.mark.parametrize("room", ["api", "web"])
def test_no_sql_outside_the_store(room):
    for path in (SRC / room).rglob("*.py"):
        assert not [m for m in _imports(path) if m.startswith("sqlalchemy") or m.endswith("store.schema")], path


def test_pages_do_not_import_the_api():
    for path in (SRC / "web").rglob("*.py"):
        assert not [m for m in _imports(path) if m.startswith("..api") or m.startswith("warbrief.api")], path
