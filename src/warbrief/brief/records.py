"""Where the brief's analyses come from: the store, or contract JSON Lines files.

Both give (DocMeta, analysis dict) pairs; the brief's core never touches a database.
`brief_from_store` is the one way the CLI, the API and the pages build a brief from a store,
so the same database and period give the same brief everywhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import Errors, InputError, StoreError
from .build import Brief, BriefOptions, build_brief, window
from .items import DocMeta
from .topics import Topics, load_topics


def meta_of(analysis: dict[str, Any], extra: dict[str, Any] | None = None) -> DocMeta:
    """DocMeta from an analysis' `document`, overridden by store metadata `extra` when given."""
    doc = dict(analysis.get("document") or {})
    doc.update({k: v for k, v in (extra or {}).items() if v is not None})
    dup = doc.get("duplicate_of") or analysis.get("duplicate_of")
    published = doc.get("published")
    if isinstance(published, date):
        published = published.isoformat()
    return DocMeta(str(doc.get("id") or ""), doc.get("source"), doc.get("url"), published,
                   doc.get("title"), dup, doc.get("forwarded_from"))


def from_analyses(analyses: Iterable[dict[str, Any]]) -> list[tuple[DocMeta, dict[str, Any]]]:
    return [(meta_of(a), a) for a in analyses]


def from_jsonl(paths: Iterable[str | Path]) -> Iterator[tuple[DocMeta, dict[str, Any]]]:
    """Analyses printed by `warbrief extract --format jsonl` (one contract object a line)."""
    for path in paths:
        p = Path(path)
        try:
            fh = p.open(encoding="utf-8")
        except OSError as exc:
            raise InputError(str(p), f"cannot read it ({exc.strerror}); give a .jsonl file of analyses "
                                     "as printed by `warbrief extract --format jsonl`") from None
        with fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{p}:{n}", f"not JSON ({exc.msg}); expected one analysis a line") from None
                if not isinstance(data, dict) or "document" not in data:
                    raise InputError(f"{p}:{n}", "not an analysis (no `document` field); expected the "
                                                 "output of `warbrief extract --format jsonl`")
                yield meta_of(data), data


def open_for_reading(url: str | None) -> Any:
    """The store at `url` (default $WARBRIEF_DB, else ./warbrief.db), never created by reading."""
    try:
        from ..store import open_store, resolve_url
    except ImportError as exc:  # the store is optional for the brief's pure core
        raise StoreError(Errors.B010.format(exc=exc)) from None
    resolved = resolve_url(url)
    if resolved.startswith("sqlite:///") and resolved != "sqlite:///:memory:":
        path = Path(resolved.removeprefix("sqlite:///"))
        if not path.exists():  # reading must not create an empty database as a side effect
            raise StoreError(Errors.B011.format(path=path))
    return open_store(url)


def store_records(store: Any, since: date, until: date, undated: bool = False
                  ) -> Iterator[tuple[DocMeta, dict[str, Any]]]:
    """Every analysis in an open store published in [since, until], near-duplicates included
    (they are linked to their original, so they add reports but no new origin) and with the
    store's metadata (source, `forwarded_from`) over the analysis' own. `undated`: also the
    documents stored without a publication date and ingested in the period, dated by their
    ingest day."""
    for meta, analysis in store.analyses(since=since.isoformat(), until=until.isoformat(),
                                         include_duplicates=True, undated=undated):
        if undated and not meta.get("published") and meta.get("ingested"):
            meta = {**meta, "published": str(meta["ingested"])[:10]}
        yield meta_of(analysis, meta), analysis


def from_store(url: str | None, since: date, until: date, undated: bool = False
               ) -> Iterator[tuple[DocMeta, dict[str, Any]]]:
    """`store_records` of the store at `url`."""
    store = open_for_reading(url)
    try:
        yield from store_records(store, since, until, undated)
    finally:
        store.close()


def latest_day(records: Iterable[tuple[DocMeta, dict[str, Any]]]) -> date | None:
    """The latest publication day among records (for analyses read from files)."""
    return max((d for m, _ in records if (d := m.day) is not None), default=None)


def period_records(store: Any, opt: BriefOptions, topics: Topics | None = None, undated: bool = False
                   ) -> list[tuple[DocMeta, dict[str, Any]]]:
    """The records a brief of `opt`'s period reads from an open store: the period and its
    lookback days (`undated`: and the undated documents ingested then). The one way the CLI,
    the API and the pages collect a brief's input."""
    first, last = window(opt, topics or load_topics())
    return list(store_records(store, first, last, undated))


def brief_from_store(store: Any, day: date | None = None, days: int = 1, most: int = 10,
                     topics: Topics | None = None, undated: bool = False) -> Brief | None:
    """The brief of the `days` ending `day` (default: the latest day with documents) from an
    open store; None when the store holds no dated document. `undated`: undated documents
    count on the day they were ingested."""
    if day is None:
        latest = store.latest_day()
        if not latest:
            return None
        day = date.fromisoformat(str(latest)[:10])
    topics = topics or load_topics()
    opt = BriefOptions(date=day, days=days, most=most)
    return build_brief(period_records(store, opt, topics, undated), opt, topics)
