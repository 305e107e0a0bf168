"""The README and --help cannot drift: every command the README lists exists, and every
command the CLI has is in the README."""

from __future__ import annotations

import re

from helpers import ROOT
from warbrief.cli import build_parser


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
