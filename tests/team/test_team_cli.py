"""`ledger --db postgresql://…` end to end: two team members, two workspaces, one shared ledger."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest
from teamkit import PASS, db_url, service

from ledger_app.cli.main import main
from ledger_app.storage import engine as engines
from ledger_app.storage import personal

pytestmark = pytest.mark.postgres


def run(capsys, *argv: str) -> dict:
    capsys.readouterr()
    rc = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    return json.loads(out)


def test_init_append_verify_across_two_members(fresh_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    name = fresh_db()
    plain = db_url(name).replace("postgresql+psycopg://", "postgresql://")
    explicit = plain.replace("postgresql://", "postgresql+psycopg://")
    a, b = str(tmp_path / "alice"), str(tmp_path / "bob")

    init = run(capsys, "--workspace", a, "--db", plain, "init", "--origin", "example.com/team-ledger")
    assert init["origin"] == "example.com/team-ledger"
    assert run(capsys, "--workspace", a, "--db", plain, "log", "note", "from alice")["index"] == 1

    # Bob has his own workspace directory and names the database through the environment, in the
    # explicit-driver form. His first append writes the encrypted key out of the shared database.
    monkeypatch.setenv("LEDGER_DATABASE_URL", explicit)
    assert not (tmp_path / "bob").exists()
    assert run(capsys, "--workspace", b, "log", "note", "from bob")["index"] == 2
    key_files = sorted(p.name for p in (tmp_path / "bob" / "keys").iterdir())
    assert key_files == sorted(p.name for p in (tmp_path / "alice" / "keys").iterdir())
    assert oct((tmp_path / "bob" / "keys" / key_files[0]).stat().st_mode & 0o777) == "0o600"
    rep = run(capsys, "--workspace", b, "log", "verify", "--deep")
    assert rep["entries"] == 3 and rep["checkpoints"] == 3
    monkeypatch.delenv("LEDGER_DATABASE_URL")

    # Alice sees Bob's entry and the same root; each workspace keeps its own witness.
    rep_a = run(capsys, "--workspace", a, "--db", plain, "log", "verify")
    assert rep_a["root_hash"] == rep["root_hash"]
    assert (tmp_path / "alice" / "checkpoint.latest").read_text().split("\n")[1] == "2"
    assert (tmp_path / "bob" / "checkpoint.latest").read_text().split("\n")[1] == "3"
    shown = run(capsys, "--workspace", a, "--db", plain, "log", "show", "2")
    assert shown["payload"] == {"text": "from bob"}


def test_a_second_init_on_the_same_database_is_refused(fresh_db, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    url = db_url(fresh_db())
    assert main(["--workspace", str(tmp_path / "a"), "--db", url, "init", "--origin", "example.com/x"]) == 0
    capsys.readouterr()
    assert main(["--workspace", str(tmp_path / "b"), "--db", url, "init", "--origin", "example.com/y"]) == 1
    assert "already holds a ledger" in capsys.readouterr().err
    assert service(tmp_path / "a", url).verify().entries == 1


def test_the_real_entry_point_with_the_environment_variable(fresh_db, tmp_path):
    env = {**os.environ, "LEDGER_PASSPHRASE": PASS, "LEDGER_DATABASE_URL": db_url(fresh_db())}
    env.pop("LEDGER_WORKSPACE", None)
    ws = str(tmp_path / "ws")

    def ledger(*argv: str) -> str:
        res = subprocess.run(
            [sys.executable, "-m", "ledger_app.cli.main", "--workspace", ws, *argv],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert res.returncode == 0, res.stderr
        return res.stdout

    ledger("init", "--origin", "example.com/entry-point")
    assert ledger("log", "verify").startswith("ledger OK: 1 entries, 1 checkpoints")


def test_unreachable_and_unsupported_databases_give_one_line_reasons(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    ws = str(tmp_path / "ws")
    assert main(["--workspace", ws, "--db", "postgresql://nobody@127.0.0.1:1/none", "log", "verify"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "error: cannot connect to the database postgresql+psycopg://nobody@127.0.0.1:1/none"
    )
    assert "internal error" not in err
    assert main(["--workspace", ws, "--db", "mysql://root@127.0.0.1/x", "log", "verify"]) == 1
    assert "unsupported database URL" in capsys.readouterr().err


def test_every_entry_names_its_member(fresh_db, tmp_path):
    url = db_url(fresh_db())
    alice = service(tmp_path / "alice", url, user="alice@example.com")
    alice.init("example.com/actors")
    bob = service(tmp_path / "bob", url, user="bob@example.com")
    bob.note("bob's memo")
    alice.note("alice's memo")
    views = [alice.show(i) for i in range(3)]
    assert views[0].actor == views[2].actor != views[1].actor
    # Beside the display name, the database role the member logged in as (here both use one).
    with alice.ws.engine.connect() as conn:
        role = "db:" + conn.exec_driver_sql("SELECT session_user").scalar()
        assert personal.reveal(conn, views[1].actor) == {"name": "bob@example.com", "account": role}
        assert personal.reveal(conn, views[2].actor) == {"name": "alice@example.com", "account": role}
    # Without a configured name the OS account's name is shown.
    from ledger_app.storage.identity import os_account

    carol = service(tmp_path / "carol", url)
    carol.note("no name configured")
    with carol.ws.engine.connect() as conn:
        assert personal.reveal(conn, carol.show(3).actor) == {"name": os_account(), "account": role}
    assert carol.verify().entries == 4


@pytest.mark.parametrize("own_timeout", [False, True])
def test_a_server_that_never_answers_is_a_sentence_within_the_timeout(tmp_path, capsys, monkeypatch, own_timeout):
    """A listening socket nobody serves: psycopg alone would wait 130 s. The engine bounds it
    (storage.engine.PG_CONNECT_TIMEOUT_S), and a URL's own connect_timeout takes precedence."""
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    # With its own timeout the URL must win over an engine default far beyond the test's limit.
    monkeypatch.setattr(engines, "PG_CONNECT_TIMEOUT_S", 60 if own_timeout else 2)
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        url = f"postgresql://ledger@127.0.0.1:{silent.getsockname()[1]}/test"
        if own_timeout:
            url += "?connect_timeout=2"
        capsys.readouterr()
        started = time.perf_counter()
        rc = main(["--workspace", str(tmp_path / "ws"), "--db", url, "log", "verify"])
        elapsed = time.perf_counter() - started
    err = capsys.readouterr().err
    assert rc != 0 and 1.5 < elapsed < 10, (rc, elapsed)
    assert "cannot connect to the database" in err and "timeout" in err.lower()
    assert "Traceback" not in err
