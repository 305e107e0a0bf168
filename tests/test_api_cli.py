"""`warbrief token` and `warbrief serve`: thin commands over the API package."""

from __future__ import annotations

import pytest

from warbrief.api.tokens import TokenStore
from warbrief.cli import main


def test_token_create_prints_a_token_the_server_accepts(tmp_path, capsys):
    path = tmp_path / "tokens.json"
    assert main(["token", "create", "--name", "alice", "--tokens", str(path)]) == 0
    token = capsys.readouterr().out.strip()
    record = TokenStore(path).check(token)
    assert record is not None and record.name == "alice"
    assert token not in path.read_text()


def test_token_list_shows_names_not_tokens(tmp_path, capsys):
    path = tmp_path / "tokens.json"
    main(["token", "create", "--name", "bob", "--tokens", str(path)])
    token = capsys.readouterr().out.strip()
    assert main(["token", "list", "--tokens", str(path)]) == 0
    out = capsys.readouterr().out
    ident, name, _ = out.strip().split("\t")
    assert name == "bob" and len(ident) == 12 and token not in out


def test_a_damaged_token_file_is_a_clear_error(tmp_path, capsys):
    path = tmp_path / "tokens.json"
    path.write_text("{not json")
    assert main(["token", "list", "--tokens", str(path)]) == 2
    assert "unreadable" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["--port", "0"], ["--port", "70000"], ["--workers", "0"]])
def test_serve_refuses_bad_options(tmp_path, capsys, argv):
    assert main(["serve", "--db", str(tmp_path / "x.db"), *argv]) == 2
    assert "warbrief: error:" in capsys.readouterr().err


def test_serve_reports_a_database_that_is_not_one(tmp_path, capsys):
    bad = tmp_path / "not-a.db"
    bad.write_bytes(b"this is not a database, just text " * 100)
    assert main(["serve", "--db", str(bad), "--port", "8999"]) == 1
    assert "not a warbrief database" in capsys.readouterr().err
