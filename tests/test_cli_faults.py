"""Issue 15, point 15: the command line answers bad stores and bad input in one line,
with a non-zero exit, never a traceback."""

import socket
import sqlite3

import pytest
from click.testing import CliRunner

from claimlink.flows.cli import cli


def one_line_error(args, input=None, env=None):
    result = CliRunner().invoke(cli, args, input=input, env=env)
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)  # not a traceback
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens


def stores(tmp_path):
    return {"missing-dir": f"sqlite:///{tmp_path / 'no' / 'such' / 'dir' / 'x.db'}",
            "closed-port": f"postgresql+psycopg://u:secret@127.0.0.1:{closed_port()}/db?connect_timeout=3"}


@pytest.mark.parametrize("store", ["missing-dir", "closed-port"])
@pytest.mark.parametrize("command", [["db", "current"], ["db", "downgrade", "--yes"], ["db", "upgrade"]],
                         ids=["current", "downgrade", "upgrade"])
def test_an_unreachable_store(tmp_path, store, command):
    line = one_line_error(["--database-url", stores(tmp_path)[store], *command])
    assert "cannot" in line and "secret" not in line


@pytest.fixture
def partial_store(tmp_path):
    """A store migrated only to 0002: no users table yet."""
    from claimlink.models.db import upgrade

    url = f"sqlite:///{tmp_path / 'partial.db'}"
    upgrade(url, "0002")
    return url


@pytest.mark.parametrize("command", [["users", "add", "ana", "--password", "pw-long-enough-1"],
                                     ["report", "backlog"], ["review", "--port", "1"]],
                         ids=["users-add", "report", "review"])
def test_a_store_migrated_partway(partial_store, command):
    line = one_line_error(["--database-url", partial_store, *command])
    assert "claimlink db upgrade" in line


def test_a_store_that_loses_a_table_under_a_command(tmp_path):
    """Past check_store, a database error is still one line."""
    from claimlink.models.db import upgrade

    url = f"sqlite:///{tmp_path / 'x.db'}"
    upgrade(url)
    con = sqlite3.connect(tmp_path / "x.db")
    con.execute("drop table users")
    con.commit()
    con.close()
    line = one_line_error(["--database-url", url, "users", "add", "ana", "--password", "pw-long-enough-1"])
    assert "store error" in line and "users" in line


def test_an_unknown_revision(tmp_path):
    line = one_line_error(["--database-url", f"sqlite:///{tmp_path / 'x.db'}", "db", "upgrade", "--revision", "zzz"])
    assert "zzz" in line


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite://", "sqlite:///:memory:"])
def test_an_in_memory_store_is_not_migrated(url):
    assert "in-memory" in one_line_error(["--database-url", url, "db", "upgrade"])


def test_compare_on_a_file_that_is_not_utf8(tmp_path):
    p = tmp_path / "pairs.jsonl"
    p.write_bytes(b'{"id": 1, "a": "caf\xe9 owners said", "b": "x"}\n')
    assert "not UTF-8" in one_line_error(["compare", str(p)])


@pytest.mark.model
def test_texts_over_the_parser_limit(tmp_path):
    big = "The minister said the talks would resume. " * 25_000  # 1,075,000 characters
    f = tmp_path / "big.txt"
    f.write_text(big, encoding="utf-8")
    assert "over the parser's limit" in one_line_error(["extract", str(f)])
    p = tmp_path / "pairs.jsonl"
    p.write_text('{"id": 1, "a": "%s", "b": "The minister denied it."}\n' % big, encoding="utf-8")
    assert "line 1" in one_line_error(["compare", str(p)])
