"""Honorifics (data/honorifics.tsv): the one list of titles and forms of address that the
entities stage, the claims stage's speakers, the actor resolver and the brief's sentence
splitter each read their part of.

    title_words()  -> {"mr", "mr.", "gen", "gen.", "general", "deputy", ...}  (entities)
    address("m")   -> {"mr", "mr.", "sir", "mister", "king", "lord"}          (speakers)
    short_forms()  -> {"mr", "gen", "sgt", "prof", ...}                      (abbreviations)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ..errors import WarbriefError
from . import DATA

FILE = DATA / "honorifics.tsv"
COLUMNS = ("form", "short", "gender", "title")


@dataclass(frozen=True)
class Honorific:
    form: str  # lower case, without a final period
    short: bool  # an abbreviation, also written with a period
    gender: str | None  # "m" / "f" for a form of address
    title: bool  # part of a title for the entities stage

    @property
    def forms(self) -> tuple[str, ...]:
        """As written: the form, and for an abbreviation also with its period."""
        return (self.form, self.form + ".") if self.short else (self.form,)


@functools.cache
def load_honorifics() -> tuple[Honorific, ...]:
    out = []
    for n, line in enumerate(FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != len(COLUMNS) or cols[1] not in ("yes", "no") or cols[3] not in ("yes", "no") \
                or cols[2] not in ("m", "f", "-") or cols[0] != cols[0].strip().lower() or not cols[0]:
            raise WarbriefError(f"{FILE.name} line {n}: expected {len(COLUMNS)} tab-separated columns "
                                f"({', '.join(COLUMNS)}; short and title yes/no, gender m/f/-, form in lower "
                                f"case), got {line!r}")
        out.append(Honorific(cols[0], cols[1] == "yes", None if cols[2] == "-" else cols[2], cols[3] == "yes"))
    return tuple(out)


@functools.cache
def title_words() -> frozenset[str]:
    """Words the entities stage reads as (part of) a title, never as a name, as written."""
    return frozenset(f for h in load_honorifics() if h.title for f in h.forms)


@functools.cache
def address(gender: str) -> frozenset[str]:
    """Forms of address of one gender ("m" or "f"), as written."""
    return frozenset(f for h in load_honorifics() if h.gender == gender for f in h.forms)


@functools.cache
def short_forms() -> frozenset[str]:
    """The abbreviations, lower case and without their period."""
    return frozenset(h.form for h in load_honorifics() if h.short)
