"""Direct edits of the SQLite file are caught by `log verify`, even with the triggers dropped."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

from ledger_app.core.errors import VerificationError
from ledger_app.services import LedgerService
from ledger_app.services.workspace import Workspace

PASS = "correct horse battery staple"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "ws"
    svc = LedgerService(Workspace(path), passphrase=lambda confirm: PASS)
    svc.init("example.com/tamper-test")
    for batch in range(6):
        svc.append([("ledger.note", {"text": f"note {batch}-{i}"}) for i in range(7)])
    svc.ws.dispose()
    return path


@pytest.fixture()
def ws(pristine, tmp_path):
    dst = tmp_path / "ws"
    shutil.copytree(pristine, dst)
    return dst


def service(path) -> LedgerService:
    return LedgerService(Workspace(path), passphrase=lambda confirm: PASS)


def raw(path) -> sqlite3.Connection:
    conn = sqlite3.connect(path / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def verify_fails(path, match: str) -> VerificationError:
    with pytest.raises(VerificationError, match=match) as info:
        service(path).verify()
    return info.value


def test_pristine_verifies(ws):
    rep = service(ws).verify()
    assert rep.entries == 43 and rep.checkpoints == 7


def test_triggers_refuse_update_and_delete(ws):
    conn = sqlite3.connect(ws / "ledger.db")
    for sql in [
        "UPDATE ledger_entry SET type = 'x' WHERE idx = 3",
        "DELETE FROM ledger_entry WHERE idx = 3",
        "UPDATE ledger_checkpoint SET note = 'x'",
        "DELETE FROM ledger_node",
    ]:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(sql)


def test_a_changed_byte_is_named(ws):
    conn = raw(ws)
    leaf = bytearray(conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 17").fetchone()[0])
    leaf[40] ^= 0x01
    conn.execute("UPDATE ledger_entry SET leaf = ? WHERE idx = 17", (bytes(leaf),))
    err = verify_fails(ws, "entry 17")
    assert err.index == 17


@pytest.mark.parametrize(("column", "value", "stored_as"), [
    ("leaf", '{"v":1}', "str"), ("leaf", 7, "int"), ("leaf_hash", "ab", "str"), ("leaf_hash", 1.5, "float"),
])
def test_a_leaf_stored_as_another_type_is_named(ws, column, value, stored_as):
    """SQLite keeps text or a number in a BLOB column: a sentence naming the entry, no traceback."""
    conn = raw(ws)
    conn.execute(f"UPDATE ledger_entry SET {column} = ? WHERE idx = 17", (value,))
    assert conn.execute(f"SELECT typeof({column}) FROM ledger_entry WHERE idx = 17").fetchone()[0] != "blob"
    what = "leaf hash" if column == "leaf_hash" else "leaf"
    assert verify_fails(ws, f"entry 17: its {what} is stored as {stored_as}, not as bytes").index == 17


def test_a_changed_byte_with_recomputed_hashes_is_caught_by_the_signed_root(ws):
    import hashlib

    from ledger_app.ledger import merkle
    from ledger_app.ledger.store import node_key

    conn = raw(ws)
    leaf = conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 20").fetchone()[0]
    forged = leaf.replace(b"note", b"NOTE", 1)
    conn.execute(
        "UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 20",
        (forged, hashlib.sha256(b"\0" + forged).digest()),
    )
    # The attacker also rebuilds every stored subtree hash.
    hashes = [bytes(r[0]) for r in conn.execute("SELECT leaf_hash FROM ledger_entry ORDER BY idx")]
    conn.execute("DELETE FROM ledger_node")
    level, lv = 0, hashes
    while len(lv) >= 2:
        lv = [merkle.node_hash(lv[i], lv[i + 1]) for i in range(0, len(lv) - 1, 2)]
        level += 1
        if level % 2 == 0:
            conn.executemany("INSERT INTO ledger_node VALUES (?, ?)", [(node_key(level, i), h) for i, h in enumerate(lv)])
    err = verify_fails(ws, r"entries 15\.\.21")
    assert err.index == 15


def test_a_deleted_entry_is_named(ws):
    raw(ws).execute("DELETE FROM ledger_entry WHERE idx = 9")
    err = verify_fails(ws, "entry 9 is missing")
    assert err.index == 9


def test_two_swapped_entries(ws):
    conn = raw(ws)
    a = conn.execute("SELECT leaf, leaf_hash FROM ledger_entry WHERE idx = 12").fetchone()
    b = conn.execute("SELECT leaf, leaf_hash FROM ledger_entry WHERE idx = 30").fetchone()
    conn.execute("UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 12", b)
    conn.execute("UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 30", a)
    err = verify_fails(ws, r"entries 12\.\.15")
    assert err.index == 12


def test_the_tail_cut(ws):
    raw(ws).execute("DELETE FROM ledger_entry WHERE idx >= 40")
    err = verify_fails(ws, "removed")
    assert err.index == 40


def test_the_tail_cut_with_its_checkpoints_and_nodes(ws):
    conn = raw(ws)
    conn.execute("DELETE FROM ledger_entry WHERE idx >= 36")
    conn.execute("DELETE FROM ledger_checkpoint WHERE size > 36")
    conn.execute("DELETE FROM ledger_node")  # the attacker rebuilds nothing; verify still names the cut
    err = verify_fails(ws, "removed|missing")
    assert err.index == 36 or err.what == "nodes"


def test_the_tail_cut_cleanly_is_caught_by_the_witness(ws):
    """Entries, nodes and checkpoints cut consistently back to a real earlier checkpoint."""
    from ledger_app.ledger.store import LEVEL_SHIFT

    conn = raw(ws)
    keep = 29  # the checkpoint after the fourth batch covers 1 + 4*7 = 29 entries
    assert conn.execute("SELECT count(*) FROM ledger_checkpoint WHERE size = ?", (keep,)).fetchone()[0] == 1
    conn.execute("DELETE FROM ledger_entry WHERE idx >= ?", (keep,))
    conn.execute("DELETE FROM ledger_checkpoint WHERE size > ?", (keep,))
    for key, in conn.execute("SELECT id FROM ledger_node").fetchall():
        level, ix = key >> LEVEL_SHIFT, key & ((1 << LEVEL_SHIFT) - 1)
        if (ix + 1) << level > keep:
            conn.execute("DELETE FROM ledger_node WHERE id = ?", (key,))
    err = verify_fails(ws, "last seen checkpoint covers 43 entries but only 29")
    assert err.index == 29


def test_an_edited_checkpoint(ws):
    conn = raw(ws)
    note = conn.execute("SELECT note FROM ledger_checkpoint WHERE id = 3").fetchone()[0]
    conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = 3", (note.replace("\n15\n", "\n14\n", 1),))
    verify_fails(ws, "checkpoint #3")


def test_a_checkpoint_signed_by_a_foreign_key(ws, tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
    from ledger_app.ledger.note import signer_from_private_key

    conn = raw(ws)
    size, root = conn.execute("SELECT size, root_hash FROM ledger_checkpoint WHERE id = 4").fetchone()
    mallory = signer_from_private_key("example.com/tamper-test", Ed25519PrivateKey.generate())
    forged = sign_checkpoint(Checkpoint("example.com/tamper-test", size, root), mallory)
    conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = 4", (forged,))
    # Even a key row inserted by the attacker does not make it count.
    conn.execute(
        "INSERT INTO ledger_key (key_id, name, vkey, encrypted, active, created_at) VALUES (?,?,?,?,?,?)",
        (mallory.key_id.hex(), mallory.name, mallory.vkey, None, 0, 0.0),
    )
    verify_fails(ws, "checkpoint #4")


def test_an_entry_appended_outside_the_application(ws):
    import hashlib

    conn = raw(ws)
    leaf = conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 42").fetchone()[0]
    conn.execute(
        "INSERT INTO ledger_entry VALUES (43, 'ledger.note', ?, ?, 0)", (leaf, hashlib.sha256(b"\0" + leaf).digest())
    )
    verify_fails(ws, "entries 43..43 are not covered")


def test_deep_verification_names_a_non_canonical_leaf(ws):
    """A leaf that was signed but is not canonical JSON passes the cryptographic checks; --deep names it."""
    from ledger_app.services.ledger import TreeHeadSigner

    svc = service(ws)
    keys = svc.unlock()
    svc.ws.store.append([("ledger.note", b'{"v":1, "type":"ledger.note","payload":{}}')], TreeHeadSigner(svc.origin, keys))
    svc.ws.advance_witness(svc.ws.store.latest_checkpoint().note, svc.known_verifiers(), svc.consistency_hashes)
    assert service(ws).verify().entries == 44
    with pytest.raises(VerificationError, match="entry 43: the leaf bytes are not in canonical form") as info:
        service(ws).verify(deep=True)
    assert info.value.index == 43
