"""The configured witnesses and policy are what the signed witness entries made them.

The attacker edits the `witness` table or the stored policy by hand (a witness deleted without a
`witness.removed` entry, one added without `witness.added`, its URL or key re-pointed, the policy
lowered): `ledger log verify` fails with one sentence naming the witness and the entry.
"""

from __future__ import annotations

import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import note
from ledger_app.ledger.witness_server import Witness, WitnessState
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

ORIGIN = "example.com/witness-table"
NOWHERE = "http://127.0.0.1:9/"  # the discard port: nothing listens, submission fails at once (offline first)


def _vkey(tmp_path, seed: int, log_vkey: str) -> str:
    return Witness(f"witness.example/w{seed}", Ed25519PrivateKey.from_private_bytes(bytes([seed]) * 32),
                   {ORIGIN: [note.parse_vkey(log_vkey)]}, WitnessState(tmp_path / f"{seed}.json")).vkey


@pytest.fixture()
def svc(tmp_path):
    s = Services(Workspace(tmp_path / "ws"), passphrase=lambda confirm: "pw")
    s.ledger.init(ORIGIN)
    s.witness.add("w1", NOWHERE, _vkey(tmp_path, 1, s.ledger.vkey()))
    s.witness.add("w2", NOWHERE, _vkey(tmp_path, 2, s.ledger.vkey()))
    s.witness.set_policy(2)
    s.ledger.verify()  # honest: passes
    return s


def _sql(s, sql: str, *args) -> None:
    conn = sqlite3.connect(s.ws.path / "ledger.db", isolation_level=None)
    conn.execute(sql, args)
    conn.close()


def _fails(s, *words: str) -> str:
    with pytest.raises(VerificationError) as info:
        s.ledger.verify()
    msg = str(info.value)
    assert "\n" not in msg and all(w in msg for w in words), msg
    return msg


def test_honest_add_remove_and_policy_verify(svc):
    svc.witness.set_policy(1)
    svc.witness.remove("w2")
    svc.ledger.verify()
    assert [w.name for w in svc.witness.list()] == ["w1"]


def test_a_witness_deleted_by_hand_is_named(svc):
    _sql(svc, "UPDATE workspace_meta SET value = '1' WHERE key = 'witness_quorum'")
    _sql(svc, "DELETE FROM witness WHERE name = 'w2'")
    _fails(svc, "witness w2", "never removed", "ledger entry")


def test_a_witness_added_by_hand_is_named(svc, tmp_path):
    _sql(svc, "INSERT INTO witness (name, url, vkey, cosigned_size, added_at) VALUES ('w3', ?, ?, 0, 0)",
         NOWHERE, _vkey(tmp_path, 3, svc.ledger.vkey()))
    _fails(svc, "witness w3", "no witness.added entry")


def test_a_witness_removed_then_put_back_by_hand_is_named(svc):
    svc.witness.set_policy(1)
    row = svc.witness.list()[1]
    svc.witness.remove("w2")
    _sql(svc, "INSERT INTO witness (name, url, vkey, cosigned_size, added_at) VALUES ('w2', ?, ?, 0, 0)", row.url, row.vkey)
    _fails(svc, "witness w2", "removed it")


@pytest.mark.parametrize("column,what", [("url", "URL"), ("vkey", "key")])
def test_a_witness_re_pointed_by_hand_is_named(svc, tmp_path, column, what):
    value = "http://attacker.example/" if column == "url" else _vkey(tmp_path, 9, svc.ledger.vkey())
    _sql(svc, f"UPDATE witness SET {column} = ? WHERE name = 'w1'", value)
    _fails(svc, f"witness w1's {what}", "ledger entry")


def test_a_policy_lowered_by_hand_is_named(svc):
    _sql(svc, "UPDATE workspace_meta SET value = '0' WHERE key = 'witness_quorum'")
    _fails(svc, "asks for 0", "witness.policy entry")


def test_cli_log_verify_fails_with_the_sentence(svc, capsys, monkeypatch):
    from ledger_app.cli.main import main

    _sql(svc, "UPDATE workspace_meta SET value = '1' WHERE key = 'witness_quorum'")
    _sql(svc, "DELETE FROM witness WHERE name = 'w2'")
    monkeypatch.setenv("LEDGER_PASSPHRASE", "pw")
    rc = main(["log", "verify", "--workspace", str(svc.ws.path)])
    err = capsys.readouterr().err
    assert rc != 0 and "witness w2" in err and "Traceback" not in err, err
