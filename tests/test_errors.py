"""errors.py: one hierarchy and one registry of message codes (as spaCy's errors.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from warbrief.errors import Errors, Warnings, codes, stage_failed, template

SRC = Path(__file__).resolve().parent.parent / "src" / "warbrief"


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py") if p.name != "errors.py"}


def test_a_code_reads_with_its_prefix():
    assert Errors.I002.format(workers=0) == "[I002] --workers must be at least 1 (got 0)"
    assert template("I002") == "--workers must be at least 1 (got {workers})"
    assert Warnings.A001.startswith("[A001] stage {stage} failed")
    with pytest.raises(KeyError):
        template("Z999")


def test_every_code_written_in_the_source_is_registered():
    """A literal "[X000]" in a message must be a registered code (not yet converted call
    sites keep their literal until their module's owner moves them to `Errors`)."""
    registered = codes()
    stray = sorted({f"{p.relative_to(SRC)}: {c}" for p, text in _sources().items()
                    for c in re.findall(r"\[([A-Z]\d{3})\]", text) if c not in registered})
    assert not stray, stray


def test_every_registered_code_is_used():
    text = "\n".join(_sources().values())
    unused = [c for c in codes() if not re.search(rf"\[{c}\]|\b(?:Errors|Warnings)\.{c}\b|\"{c}\"", text)]
    assert not unused, unused


def test_a_stage_failure_message_names_stage_and_exception():
    msg = stage_failed("warbrief_times", ValueError("bad month"))
    assert msg == "stage warbrief_times failed on this document (ValueError: bad month); its output is missing from the analysis"
