"""The README, docs/ and --help cannot drift: every command the README lists exists, every
command the CLI has is in the README, and every file and option the docs name exists."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from helpers import ROOT
from warbrief.cli import build_parser, main

DOCS = sorted((ROOT / "docs").glob("*.md")) + [ROOT / "README.md"]


def _cli_commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert "    make demo\n    make test\n" in readme


def test_readme_lists_every_command_and_no_other():
    readme = (ROOT / "README.md").read_text()
    listed = set(re.findall(r"^\| `warbrief ([a-z-]+)", readme, re.M))
    assert listed == _cli_commands()


def test_every_command_has_an_example():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, p in sub.choices.items():  # type: ignore[union-attr]
        assert "Example" in p.format_help(), f"`warbrief {name} --help` has no example"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_makefile_targets_exist():
    mk = (ROOT / "Makefile").read_text()
    for target in ("demo", "test", "eval", "bench", "lint"):
        assert re.search(rf"^{target}:", mk, re.M), target


def test_paths_names_files_that_exist(capsys):
    assert main(["paths", "--json", "--db", "some/where.db"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["knowledge_files"] and all(Path(p).exists() for p in found["knowledge_files"].values())
    assert found["database"].endswith("some/where.db") and Path(found["database"]).is_absolute()


def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    p = sub.choices[command]  # type: ignore[index]
    found = {o for a in p._actions for o in a.option_strings}
    for a in p._actions:  # subcommands of a command ("gazetteer build", "token create")
        if getattr(a, "choices", None) and isinstance(a.choices, dict):
            found |= {o for sp in a.choices.values() for act in sp._actions for o in act.option_strings}
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_name_files_that_exist(doc):
    text = doc.read_text()
    named = set(re.findall(r"`((?:src|tests|eval|bench|docs|schemas|web)/[\w./-]+\.(?:py|md|yaml|tsv|json|js|html|css))`", text))
    missing = sorted(n for n in named if not (ROOT / n).exists())
    assert not missing, f"{doc.name} names files that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_docs_use_options_that_exist(doc):
    commands = _cli_commands()
    wrong = []
    for line in doc.read_text().splitlines():
        for m in re.finditer(r"warbrief ([a-z]+)\b([^`|]*)", line):
            if m.group(1) not in commands:
                continue
            opts = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", m.group(2)))
            wrong += [f"warbrief {m.group(1)} {o}" for o in sorted(opts - _options(m.group(1)) - {"--help"})]
    assert not wrong, f"{doc.name} uses options the CLI does not have: {wrong}"


def test_readme_table_options_exist():
    """Each row of the README's command table names only options its command has."""
    wrong = []
    for m in re.finditer(r"^\| `warbrief ([a-z-]+)[^|]*\|(.*)\|\s*$", (ROOT / "README.md").read_text(), re.M):
        opts = set(re.findall(r"`(--[a-z][a-z-]*)", m.group(2)))
        wrong += [f"{m.group(1)} {o}" for o in sorted(opts - _options(m.group(1)))]
    assert not wrong, f"the README's command table names options the CLI does not have: {wrong}"
