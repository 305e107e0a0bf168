"""The shape of the code (issue 15's targets): no import cycle among module-level imports, SQL
only in store/, no module over 600 lines, no function over 80 lines outside migrations and
regex tables. They read the source; nothing is imported or run."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "warbrief"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
# a function that is a table (one regex per line, built once) rather than logic
TABLES = {"stages/times/timex/patterns.py": {"_patterns"}}
MIGRATIONS = "store/migrations/versions/"
# the gazetteer is a read-only SQLite index of its own, not the store
OWN_SQL = {"knowledge/gazetteer.py", "knowledge/gazetteer_build.py"}
# modules that still run store queries of their own, each with the issue that moves them
PENDING_SQL: dict[str, str] = {}  # module -> why it still runs SQL of its own (none left)


def _modules() -> dict[str, Path]:
    out = {}
    for p in SRC.rglob("*.py"):
        parts = list(p.relative_to(SRC.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = p
    return out


def _module_level_imports(tree: ast.Module) -> list[ast.Import | ast.ImportFrom]:
    """Imports run when the module is imported: top level, and inside top-level if/try blocks,
    but not under `if TYPE_CHECKING:` nor inside functions (a lazy import runs later)."""
    found: list[ast.Import | ast.ImportFrom] = []
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
        elif isinstance(node, ast.If | ast.Try):
            found += [n for n in ast.walk(node) if isinstance(n, ast.Import | ast.ImportFrom)]
    return found


def import_graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in mods.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps: set[str] = set()
        for node in _module_level_imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                deps |= {a.name for a in node.names}
                continue
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else []))
            deps |= {f"{target}.{a.name}" if f"{target}.{a.name}" in mods else target for a in node.names}
        graph[name] = {d for d in deps if d in mods and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = len(index)
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == v:
                        break
                if len(comp) > 1:
                    found.append(sorted(comp))
    return found


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_among_module_level_imports():
    graph = import_graph()
    assert "warbrief.pipeline" in graph["warbrief"]  # the graph sees relative imports
    assert cycles(graph) == []


def _rel(p: Path) -> str:
    return p.relative_to(SRC).as_posix()


def test_no_module_over_the_budget():
    big = {_rel(p): n for p in SRC.rglob("*.py") if (n := p.read_text(encoding="utf-8").count("\n")) > MAX_MODULE_LINES}
    assert big == {}, f"split these modules (at most {MAX_MODULE_LINES} lines): {big}"


def test_no_function_over_the_budget():
    long = []
    for p in SRC.rglob("*.py"):
        rel = _rel(p)
        if rel.startswith(MIGRATIONS):
            continue
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) or node.name in TABLES.get(rel, ()):
                continue
            if (n := node.end_lineno - node.lineno + 1) > MAX_FUNCTION_LINES:  # type: ignore[operator]
                long.append(f"{rel}:{node.lineno} {node.name} ({n} lines)")
    assert long == [], f"split these functions (at most {MAX_FUNCTION_LINES} lines): {long}"


def _runs_sql(text: str) -> bool:
    return any(s in text for s in ("import sqlalchemy", "from sqlalchemy", "import sqlite3", "import psycopg"))


@pytest.mark.parametrize("rel", sorted(PENDING_SQL))
def test_pending_sql_is_still_pending(rel):
    """Remove an entry from PENDING_SQL when its module no longer runs queries of its own."""
    assert _runs_sql((SRC / rel).read_text(encoding="utf-8")), f"{rel} is clean: drop it from PENDING_SQL"


def test_sql_runs_only_in_the_store():
    outside = sorted(rel for p in SRC.rglob("*.py") if not (rel := _rel(p)).startswith("store/")
                     and rel not in OWN_SQL and rel not in PENDING_SQL and _runs_sql(p.read_text(encoding="utf-8")))
    assert outside == [], f"move these modules' queries into store/: {outside}"
