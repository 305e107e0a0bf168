"""Opening a database: URL resolution, SQLite settings, migrations run on open, clear errors.

    url: `--db URL`, else `$WARBRIEF_DB`, else `./warbrief.db` (SQLite). A bare path is a SQLite
    file; `postgresql+psycopg://user@host/db` is PostgreSQL.
"""

from __future__ import annotations

import os
import random
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError

from ..errors import StoreError

DEFAULT_DB = "warbrief.db"
HEAD = "0003"
WRITE_ATTEMPTS = 6
T = TypeVar("T")


def resolve_url(url: str | None) -> str:
    """The SQLAlchemy URL for `--db` / `WARBRIEF_DB` / the default SQLite file."""
    url = url or os.environ.get("WARBRIEF_DB") or DEFAULT_DB
    if "://" not in url:
        return "sqlite:///" + str(Path(url).expanduser())
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def display_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin (the module's own
    # lazy BEGIN would let a SAVEPOINT or a leading SELECT escape the transaction).
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the one writer
    cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # a write transaction takes the write lock first: a deferred one that has read cannot wait
    # for it (SQLite answers "database is locked" at once, whatever the busy timeout)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("wb_write") else "BEGIN")


def write_transaction(engine: Engine, work: Callable[[Connection], T], attempts: int = WRITE_ATTEMPTS) -> T:
    """`work(conn)` in one write transaction (BEGIN IMMEDIATE on SQLite), run again with
    back-off while SQLite is busy beyond its busy timeout (many writers on one file)."""
    for attempt in range(attempts):
        try:
            with engine.connect() as conn:
                conn.execution_options(wb_write=True)
                with conn.begin():
                    return work(conn)
        except OperationalError as exc:
            if attempt == attempts - 1 or not _busy(exc):
                raise
            time.sleep(min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _busy(exc: OperationalError) -> bool:
    orig = getattr(exc, "orig", None)
    return isinstance(orig, sqlite3.OperationalError) and ("locked" in str(orig) or "busy" in str(orig))


def make_engine(url: str, schema: str | None = None) -> Engine:
    """An engine for `url` (already resolved). `schema` (PostgreSQL) sets the search path, so
    tests and tenants can share one server."""
    try:
        u = make_url(url)
    except ArgumentError:
        raise StoreError(f"[S001] {url!r} is not a database URL (expected a file path or "
                         f"postgresql+psycopg://user@host/db)") from None
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            parent = Path(u.database).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"[S002] cannot create the database {u.database}: the directory "
                                 f"{parent} does not exist")
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    elif u.get_backend_name() == "postgresql":
        args: dict[str, Any] = {"connect_timeout": 10}
        if schema:
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", schema):
                raise StoreError(f"[S003] schema name {schema!r} must be a plain identifier")
            args["options"] = f"-c search_path={schema}"
        engine = create_engine(url, connect_args=args, pool_pre_ping=True)
    else:
        raise StoreError(f"[S004] unsupported database {u.get_backend_name()!r}: use a SQLite file "
                         f"or a postgresql+psycopg:// URL")
    return engine


def migrate(engine: Engine, schema: str | None = None) -> None:
    """Bring the schema to the newest revision (Alembic, scripts shipped in the package).
    Raises `StoreError` with a one-line reason when the database cannot be opened."""
    where = display_url(str(engine.url))
    try:
        with engine.connect() as conn:
            if _at_head(conn):  # the common case: read only, no write lock
                return
        write_transaction(engine, lambda conn: _upgrade(conn, where, schema))
    except OperationalError as exc:
        raise StoreError(f"[S005] cannot open the database {where}: {_first_line(exc)}") from None
    except DatabaseError as exc:
        orig = getattr(exc, "orig", None)
        if isinstance(orig, sqlite3.DatabaseError):
            raise StoreError(f"[S006] {where} is not a warbrief database (SQLite says: {orig}); "
                             f"give another path with --db") from None
        raise StoreError(f"[S007] cannot open the database {where}: {_first_line(exc)}") from None


def _upgrade(conn: Connection, where: str, schema: str | None) -> None:
    if _at_head(conn):  # another process migrated while this one waited for the lock
        return
    _check_foreign_sqlite(conn, where)
    from alembic.command import upgrade
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    cfg.attributes["connection"] = conn
    cfg.attributes["schema"] = schema
    upgrade(cfg, "head")


def _at_head(conn: Any) -> bool:
    if not inspect(conn).has_table("alembic_version"):
        return False
    row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    return row is not None and row[0] == HEAD


def _check_foreign_sqlite(conn: Any, where: str) -> None:
    """Refuse to add our tables to an unrelated SQLite database that already has tables."""
    names = set(inspect(conn).get_table_names())
    if names and "documents" not in names and "alembic_version" not in names:
        raise StoreError(f"[S008] {where} already holds other tables ({', '.join(sorted(names)[:5])}); "
                         f"warbrief will not write into it: give another path with --db")


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
