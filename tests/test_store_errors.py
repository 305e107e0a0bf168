"""Databases that cannot be used: one clear message, nothing already stored lost."""

from __future__ import annotations

import socket
import sqlite3

import pytest

from store_support import make_analysis
from warbrief.cli import main
from warbrief.errors import StoreError
from warbrief.store import open_store


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 200)
    with pytest.raises(StoreError, match="not a warbrief database"):
        open_store(str(path))
    assert path.read_text().startswith("these are my notes")


def test_sqlite_database_of_another_program_is_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT)")
    with pytest.raises(StoreError, match="already holds other tables"):
        open_store(str(path))


def test_postgres_refusing_connection():
    with pytest.raises(StoreError, match="cannot open the database .*refused"):
        open_store(f"postgresql+psycopg://postgres@127.0.0.1:{_closed_port()}/warbrief")


def test_missing_directory(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "no" / "such" / "dir.db"))


def test_bad_database_is_one_line_on_stderr_and_exit_1(tmp_path, capsys):
    path = tmp_path / "x.db"
    path.write_bytes(b"\x00garbage" * 500)
    assert main(["events", "--db", str(path)]) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "not a warbrief database" in err


def test_env_variable_names_the_database(tmp_path, monkeypatch):
    monkeypatch.setenv("WARBRIEF_DB", str(tmp_path / "env.db"))
    with open_store() as s:
        s.add(make_analysis("Shelling of Kupiansk continued."))
    assert (tmp_path / "env.db").exists()


def test_default_database_is_warbrief_db_here(tmp_path, monkeypatch):
    monkeypatch.delenv("WARBRIEF_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    open_store().close()
    assert (tmp_path / "warbrief.db").exists()
