"""The four-eyes rule compares accounts a person cannot rename: the OS account in a solo workspace
(the database role in team mode: tests/team/test_team_takedown.py). The display name (user.name)
is recorded beside the account and changes nothing."""

from __future__ import annotations

import json

import pytest

from ledger_app.cli.main import main
from ledger_app.core.errors import NotFoundError, UserError
from ledger_app.storage import identity, personal

PASS = "four-eyes-pass"
SHA = "ab" * 32


def run(capsys, ws, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(["--workspace", str(ws), *argv, "--json"])
    out, err = capsys.readouterr()
    return rc, out, err


def ok(capsys, ws, *argv: str):
    rc, out, err = run(capsys, ws, *argv)
    assert rc == 0, err
    return json.loads(out)


@pytest.fixture()
def reviewed(tmp_path, capsys, monkeypatch):
    """A request handled by 'alice' (display name) under this OS account, reviewed, four-eyes on."""
    monkeypatch.setenv("LEDGER_PASSPHRASE", PASS)
    ws = tmp_path / "ws"
    ok(capsys, ws, "init", "--origin", "example.com/four-eyes")
    ok(capsys, ws, "settings", "set", "takedown.four_eyes", "true")
    ok(capsys, ws, "settings", "set", "user.name", "alice")
    rid = ok(capsys, ws, "takedown", "new", "--type", "other", "--requester", "X", "--requester-kind", "internal",
             "--hash", SHA)["id"]
    ok(capsys, ws, "takedown", "locate", str(rid))
    ok(capsys, ws, "takedown", "review", str(rid), "--accept-all")
    return ws, rid


def test_renaming_yourself_does_not_pass_four_eyes(reviewed, capsys):
    ws, rid = reviewed
    for name in ("alice", "alice2", "Bob the Approver", ""):
        ok(capsys, ws, "settings", "set", "user.name", name)
        rc, _, err = run(capsys, ws, "takedown", "approve", str(rid))
        assert rc != 0 and "four-eyes rule" in err and f"os:{identity.os_account()}" in err, (name, err)
    assert ok(capsys, ws, "takedown", "show", str(rid))["status"] == "reviewed"


def test_another_os_account_may_approve_and_the_entry_records_both(reviewed, capsys, monkeypatch):
    ws, rid = reviewed
    me = identity.os_account()
    monkeypatch.setattr(identity, "os_account", lambda: "oliver")  # a second person's login on this machine
    ok(capsys, ws, "settings", "set", "user.name", "alice")  # even under the handler's display name
    assert ok(capsys, ws, "takedown", "approve", str(rid))["status"] == "approved"

    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    services = Services(Workspace(ws), passphrase=lambda c: PASS)
    entries = [services.ledger.show(i) for i in range(services.ledger.verify().entries)]
    approved = [e for e in entries if e.type == "takedown.status" and e.payload.get("status") == "approved"]
    received = [e for e in entries if e.type == "takedown.received"]
    with services.ws.engine.connect() as conn:
        assert personal.reveal(conn, approved[0].actor) == {"name": "alice", "account": "os:oliver"}
        assert personal.reveal(conn, received[0].actor) == {"name": "alice", "account": f"os:{me}"}


def test_a_forged_handler_record_is_caught(reviewed, capsys):
    """An insider with write access to the database rewrites the handler's record to name another
    account: the record no longer opens its commitment, and approval stops with that reason."""
    ws, rid = reviewed
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    services = Services(Workspace(ws), passphrase=lambda c: PASS)
    with services.ws.engine.begin() as conn:
        handler = conn.exec_driver_sql("SELECT handler FROM takedown_request WHERE id = ?", (rid,)).scalar()
        conn.exec_driver_sql(
            "UPDATE personal_data SET data = ? WHERE commitment = ?",
            (json.dumps({"name": "alice", "account": "os:somebody-else"}), handler),
        )
    with pytest.raises(NotFoundError, match="does not match"):
        services.takedown.approve(rid)
    with services.ws.engine.begin() as conn:  # the record erased instead: still no approval
        conn.exec_driver_sql("UPDATE personal_data SET salt = NULL WHERE commitment = ?", (handler,))
    with pytest.raises(UserError, match="not known"):
        services.takedown.approve(rid)
