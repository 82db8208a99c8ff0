"""Ways to damage a copy of the small test workspace (tests/ui/conftest.py `small_ledger`: 31 entries,
checkpoints #1..#4 of sizes 1, 11, 21 and 31), each caught by `ledger log verify` with its own sentence.

The triggers that refuse UPDATE/DELETE are dropped first, as an attacker with the database file would."""

from __future__ import annotations

import base64
import hashlib
import json
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey


def _open(ws: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(ws / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def bad_signature(ws: Path) -> None:
    """Checkpoint #2's signature bytes changed (one bit of the Ed25519 signature)."""
    conn = _open(ws)
    (note,) = conn.execute("SELECT note FROM ledger_checkpoint WHERE id = 2").fetchone()
    text, _, line = note.rstrip("\n").rpartition("\n")
    prefix, _, b64 = line.rpartition(" ")
    raw = bytearray(base64.b64decode(b64))
    raw[-1] ^= 0x01
    conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = 2",
                 (f"{text}\n{prefix} {base64.b64encode(bytes(raw)).decode()}\n",))
    conn.close()


def wrong_key(ws: Path) -> None:
    """Checkpoint #2 re-signed, under the ledger's name, by a key that is not the ledger's."""
    from ledger_app.ledger.note import sign_note, signer_from_private_key

    conn = _open(ws)
    (note,) = conn.execute("SELECT note FROM ledger_checkpoint WHERE id = 2").fetchone()
    body = note[: note.rfind("\n\n") + 1]
    origin = body.split("\n", 1)[0]
    signer = signer_from_private_key(origin, Ed25519PrivateKey.from_private_bytes(bytes(range(32))))
    conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = 2", (sign_note(body, [signer]),))
    conn.close()


def root_mismatch(ws: Path) -> None:
    """Entry 29's note text changed and its leaf hash recomputed: every stored row agrees with itself,
    but the signed checkpoint of size 31 no longer matches the root of the entries."""
    conn = _open(ws)
    (leaf,) = conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 29").fetchone()
    forged = bytes(leaf).replace(b"note 2-8", b"note 2-X")
    assert forged != bytes(leaf)
    conn.execute("UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 29",
                 (forged, hashlib.sha256(b"\x00" + forged).digest()))
    conn.close()


def truncated_tail(ws: Path) -> None:
    """The last two entries deleted, with the checkpoint that covers them."""
    conn = _open(ws)
    conn.execute("DELETE FROM ledger_entry WHERE idx >= 29")
    conn.execute("DELETE FROM ledger_checkpoint WHERE size > 29")
    conn.close()


def leaf_hash_changed(ws: Path) -> None:
    """Entry 17's stored leaf hash zeroed."""
    conn = _open(ws)
    conn.execute("UPDATE ledger_entry SET leaf_hash = ? WHERE idx = 17", (bytes(32),))
    conn.close()


KINDS = {
    "bad signature": bad_signature,
    "wrong key": wrong_key,
    "root mismatch": root_mismatch,
    "truncated tail": truncated_tail,
}


def tampered_document(doc: dict) -> dict:
    """A certificate whose signed body was changed after signing."""
    bad = json.loads(json.dumps(doc))
    bad["removed_items"][0]["location"] = "y.jpg"
    return bad


def key_id(ws: Path) -> str:
    """The hex key ID of the key that signed the workspace's first checkpoint (the ledger's key)."""
    conn = sqlite3.connect(ws / "ledger.db")
    (note,) = conn.execute("SELECT note FROM ledger_checkpoint WHERE id = 1").fetchone()
    conn.close()
    return base64.b64decode(note.rstrip("\n").rpartition(" ")[2])[:4].hex()


def small_certificate(ledger) -> dict:
    """A removal certificate of one item issued by `ledger` (an unlocked LedgerService's ledger)."""
    from ledger_app.certificates.certificate import issue_removal_certificate

    return issue_removal_certificate(
        ledger,
        request={"id": 1, "type": "gdpr", "received": "2026-11-01", "due_by": "2026-12-01",
                 "requester": {"commitment": "ab" * 32, "kind": "individual"}},
        works=[{"kind": "hash", "value": "cd" * 32}],
        removed_items=[{"item_id": "c:x.jpg", "sha256": "cd" * 32, "corpus": "c", "location": "x.jpg",
                        "method": "exact", "score": "exact"}],
        shards=[{"corpus": "c", "path": "x.jpg", "sha256_before": "ef" * 32, "sha256_after": None}],
        affected_runs=[], organisation="UI Test", issued_at="2026-11-25T00:00:00Z", origin=ledger.origin,
        key_id=ledger.unlock()[0].verifier.key_id.hex(),
    )


def rolled_back(ws: Path, tmp: Path, passphrase: str) -> None:
    """The workspace's database restored from a backup taken one signed note ago (its witness
    checkpoint is newer): a rollback."""
    import shutil

    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    backup = tmp / "backup.db"
    shutil.copy(ws / "ledger.db", backup)
    svc = LedgerService(Workspace(ws), passphrase=lambda confirm: passphrase)
    svc.note("after the backup")
    svc.ws.dispose()
    shutil.copy(backup, ws / "ledger.db")
