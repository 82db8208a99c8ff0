"""Attacks by an insider who can write the database, the files or a backup, but has no passphrase.

Each test scripts one attack from issue 14 and checks that it ends in a one-line sentence naming
what and where, and never in a signature: the checkpoint table is counted before and after.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from ledger_app.cli.main import main as cli
from ledger_app.core.errors import ConfigError, UserError, VerificationError
from ledger_app.ledger.anchor import check_extends
from ledger_app.ledger.checkpoint import open_checkpoint
from ledger_app.ledger.entries import decode_entry, encode_entry
from ledger_app.ledger.store import AppendRefused
from ledger_app.services import LedgerService
from ledger_app.services.ledger import TreeHeadSigner
from ledger_app.services.workspace import Workspace

PASS = "correct horse battery staple"
ORIGIN = "example.com/attack-test"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory):
    path = tmp_path_factory.mktemp("ws") / "ws"
    svc = LedgerService(Workspace(path), passphrase=lambda confirm: PASS)
    svc.init(ORIGIN)
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
    """The attacker's connection: triggers dropped, autocommit."""
    conn = sqlite3.connect(path / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    return conn


def checkpoints(path) -> int:
    with sqlite3.connect(path / "ledger.db") as conn:
        return conn.execute("SELECT count(*) FROM ledger_checkpoint").fetchone()[0]


def refused(path, match: str) -> AppendRefused:
    """An ordinary append is refused with `match` in its sentence, and nothing is signed."""
    before = checkpoints(path)
    with pytest.raises(AppendRefused, match=match) as info:
        service(path).note("an ordinary append after the attack")
    assert checkpoints(path) == before, "the refused append signed a checkpoint"
    assert "\n" not in str(info.value)
    return info.value


def forged_note(text: str) -> bytes:
    return encode_entry("ledger.note", {"text": text}, actor=None)


# --- 1. an append signs only what it has verified ----------------------------------------------------


def test_a_forged_entry_at_the_next_index_is_never_signed(ws):
    leaf = forged_note("forged by the attacker")
    raw(ws).execute(
        "INSERT INTO ledger_entry (idx, type, leaf, leaf_hash, created_at) VALUES (43, 'ledger.note', ?, ?, 0)",
        (leaf, hashlib.sha256(b"\0" + leaf).digest()),
    )
    err = refused(ws, r"entries 43\.\.43 are stored beyond the last signed checkpoint .*size 43")
    assert err.index == 43
    with pytest.raises(VerificationError, match="entries 43..43 are not covered"):
        service(ws).verify(deep=True)


def test_a_long_running_appender_checks_again_after_a_forged_insert(ws):
    """The desktop app keeps one store open: its fast path (the head it signed itself) still sees a
    row inserted behind its back, and a database replaced under it."""
    svc = service(ws)
    svc.note("first")
    svc.note("second, on the fast path")
    leaf = forged_note("slipped in between two appends")
    raw(ws).execute(
        "INSERT INTO ledger_entry (idx, type, leaf, leaf_hash, created_at) VALUES (45, 'ledger.note', ?, ?, 0)",
        (leaf, hashlib.sha256(b"\0" + leaf).digest()),
    )
    before = checkpoints(ws)
    with pytest.raises(AppendRefused, match=r"entries 45\.\.45 are stored beyond"):
        svc.note("third")
    assert checkpoints(ws) == before


def _edit_frontier_leaf(conn):
    leaf = forged_note("rewritten between two appends")
    conn.execute("UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 44",
                 (leaf, hashlib.sha256(b"\0" + leaf).digest()))


def _edit_stored_subtree(conn):
    from ledger_app.ledger.store import node_key

    # Size 45 is covered by (5, 0), (3, 4), (2, 10), (0, 44); (2, 10) is stored (even level).
    assert conn.execute("UPDATE ledger_node SET hash = ? WHERE id = ?", (b"\x11" * 32, node_key(2, 10))).rowcount == 1


def _resign_last_checkpoint_with_another_key(conn):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
    from ledger_app.ledger.note import signer_from_private_key

    cid, root = conn.execute("SELECT id, root_hash FROM ledger_checkpoint ORDER BY id DESC LIMIT 1").fetchone()
    mallory = signer_from_private_key(ORIGIN, Ed25519PrivateKey.generate())
    conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = ?",
                 (sign_checkpoint(Checkpoint(ORIGIN, 45, bytes(root)), mallory), cid))


def _delete_last_checkpoint(conn):
    conn.execute("DELETE FROM ledger_checkpoint WHERE id = (SELECT max(id) FROM ledger_checkpoint)")


def _roll_back_both_appends(conn):
    conn.execute("DELETE FROM ledger_entry WHERE idx >= 43")
    conn.execute("DELETE FROM ledger_checkpoint WHERE size > 43")


@pytest.mark.parametrize(("edit", "match"), [
    (_edit_frontier_leaf, "no longer fold to its signed root"),
    (_edit_stored_subtree, "no longer fold to its signed root"),
    (_resign_last_checkpoint_with_another_key, r"size 45\) does not verify under the signing key"),
    (_delete_last_checkpoint, r"entries 44\.\.44 are stored beyond the last signed checkpoint .*size 44"),
    (_roll_back_both_appends, r"covers 43 entries, fewer than the 45 .*rolled back"),
])
def test_an_edit_between_two_appends_of_one_appender_is_caught(ws, edit, match):
    """What a long-running appender remembers (LedgerStore: the checkpoint notes it opened or signed,
    the witness checkpoints proven to be prefixes of its head) never stands in for the stored tree:
    the stored head and the subtrees covering it are read and folded again before every append, so an
    insider's edit between two appends of one process is refused by the next, as by a new process."""
    svc = service(ws)
    svc.note("first")
    svc.note("second: the store now remembers this head, its note and the witness proven against it")
    edit(raw(ws))
    before = checkpoints(ws)
    with pytest.raises(AppendRefused, match=match):
        svc.note("third")
    assert checkpoints(ws) == before, "the refused append signed a checkpoint"
    with pytest.raises(AppendRefused, match=match):
        service(ws).note("and a new process refuses it alike")


def test_a_remembered_note_is_opened_again_under_other_keys(tmp_path):
    """A note remembered as verified under one key set says nothing about another."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
    from ledger_app.ledger.note import parse_vkey, signer_from_private_key
    from ledger_app.ledger.store import LedgerStore
    from ledger_app.storage.engine import make_engine, sqlite_url, upgrade

    class Signer:
        def __init__(self):
            self.s = signer_from_private_key(ORIGIN, Ed25519PrivateKey.generate())
            self.key_id, self.origin, self.verifiers = self.s.key_id.hex(), ORIGIN, [parse_vkey(self.s.vkey)]

        def sign_tree_head(self, size, root_hash):
            return sign_checkpoint(Checkpoint(ORIGIN, size, root_hash), self.s)

    engine = make_engine(sqlite_url(tmp_path / "ledger.db"))
    upgrade(engine)
    store, alice, bob = LedgerStore(engine), Signer(), Signer()
    store.append([("ledger.note", forged_note("one"))], alice)
    store.append([("ledger.note", forged_note("two"))], alice)
    with store.write_transaction() as conn:
        assert store.verified_head(conn, alice.verifiers, ORIGIN).size == 2
        with pytest.raises(AppendRefused, match="does not verify under the signing key"):
            store.verified_head(conn, bob.verifiers, ORIGIN)
    with pytest.raises(AppendRefused, match="does not verify under the signing key"):
        store.append([("ledger.note", forged_note("three"))], bob)
    engine.dispose()


def test_a_forged_entry_far_beyond_the_end_is_never_signed(ws):
    leaf = forged_note("far away")
    raw(ws).execute(
        "INSERT INTO ledger_entry (idx, type, leaf, leaf_hash, created_at) VALUES (50, 'ledger.note', ?, ?, 0)",
        (leaf, hashlib.sha256(b"\0" + leaf).digest()),
    )
    assert refused(ws, r"entries 43\.\.50 are stored beyond").index == 43


def test_a_changed_frontier_leaf_with_its_hash_is_never_signed_over(ws):
    leaf = forged_note("rewritten history")
    raw(ws).execute("UPDATE ledger_entry SET leaf = ?, leaf_hash = ? WHERE idx = 42",
                    (leaf, hashlib.sha256(b"\0" + leaf).digest()))
    refused(ws, "no longer fold to its signed root")


def test_a_changed_stored_subtree_is_never_signed_over(ws):
    from ledger_app.ledger.store import node_key

    raw(ws).execute("UPDATE ledger_node SET hash = ? WHERE id = ?", (b"\x11" * 32, node_key(4, 0)))
    refused(ws, "no longer fold to its signed root")


def test_a_deleted_tail_entry_is_never_signed_over(ws):
    raw(ws).execute("DELETE FROM ledger_entry WHERE idx = 42")
    assert refused(ws, "entry 42 is the first missing one").index == 42


def test_a_forged_last_checkpoint_is_never_built_on(ws):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
    from ledger_app.ledger.note import signer_from_private_key

    leaf = forged_note("forged")
    conn = raw(ws)
    conn.execute("INSERT INTO ledger_entry (idx, type, leaf, leaf_hash, created_at) VALUES (43, 'ledger.note', ?, ?, 0)",
                 (leaf, hashlib.sha256(b"\0" + leaf).digest()))
    mallory = signer_from_private_key(ORIGIN, Ed25519PrivateKey.generate())
    note = sign_checkpoint(Checkpoint(ORIGIN, 44, b"\x00" * 32), mallory)
    conn.execute("INSERT INTO ledger_checkpoint (size, root_hash, note, key_id, created_at) VALUES (44, ?, ?, ?, 0)",
                 (b"\x00" * 32, note, mallory.key_id.hex()))
    refused(ws, r"last signed checkpoint \(#8, size 44\) does not verify under the signing key")


# --- 2. witness updates need proof; rollbacks are reported until acknowledged ------------------------


def test_a_restored_backup_is_refused_on_every_append_until_acknowledged(ws, tmp_path, capsys):
    backup = tmp_path / "backup.db"
    shutil.copy(ws / "ledger.db", backup)
    svc = service(ws)
    for i in range(4):
        svc.note(f"after the backup {i}")
    svc.ws.dispose()
    shutil.copy(backup, ws / "ledger.db")  # the restore (the -wal of a closed SQLite db is folded in)

    for _ in range(4):  # not forgotten after any number of attempts
        err = refused(ws, r"covers 43 entries, fewer than the 47 .*rolled back \(entries 43\.\.46 are gone\)")
        assert err.what == "rollback" and "acknowledge-rollback" in str(err)
    with pytest.raises(VerificationError, match="entry 43 is the first missing one") as info:
        service(ws).verify()
    assert info.value.index == 43
    # Every command says so, read-only ones included.
    assert cli(["--workspace", str(ws), "log", "checkpoint"]) == 0
    assert "rolled back (entries 43..46 are gone)" in capsys.readouterr().err

    before = checkpoints(ws)
    res = service(ws).acknowledge_rollback("restored the backup of Monday after a disk failure")
    assert res.index == 43 and res.witness_size == 47 and res.stored_size == 43
    assert checkpoints(ws) == before + 1
    ack = service(ws).show(43)
    assert ack.type == "ledger.rollback_acknowledged" and ack.payload["witness_size"] == 47
    assert open_checkpoint(ack.payload["witness_checkpoint"], service(ws).known_verifiers()).size == 47
    assert (ws / res.old_witness_kept_at.split("/")[-1]).exists()
    service(ws).note("business as usual")
    assert service(ws).verify().entries == 45
    assert service(ws).anchor_problem() is None


def test_acknowledging_needs_a_rollback_and_a_reason(ws):
    with pytest.raises(UserError, match="no rollback to acknowledge"):
        service(ws).acknowledge_rollback("nothing happened")
    with pytest.raises(UserError, match="--reason"):
        service(ws).acknowledge_rollback("  ")


def test_a_fork_signed_behind_the_witness_never_replaces_it(ws, tmp_path):
    """The key holder's own mistake: a restored database extended without the check (pre_check=False,
    what a buggy or old client would do) is a fork; the witness refuses it and verify names it."""
    backup = tmp_path / "backup.db"
    shutil.copy(ws / "ledger.db", backup)
    svc = service(ws)
    svc.note("one more")
    svc.ws.dispose()
    shutil.copy(backup, ws / "ledger.db")
    svc = service(ws)
    keys = svc.unlock()
    leaves = [("ledger.note", forged_note(f"other history {i}")) for i in range(3)]
    res = svc.ws.store.append(leaves, TreeHeadSigner(ORIGIN, keys), pre_check=False)
    witness_before = svc.ws.read_witness()
    with pytest.raises(VerificationError, match="not proven to extend .*the ledger forked") as info:
        svc.ws.advance_witness(res.checkpoint.note, svc.known_verifiers(), svc.consistency_hashes)
    assert info.value.what == "fork"
    assert svc.ws.read_witness() == witness_before
    with pytest.raises(VerificationError, match="does not match the stored entries: the ledger was rewritten"):
        service(ws).verify()
    refused(ws, "the ledger forked")


def test_check_extends_names_rollbacks_and_forks():
    from ledger_app.ledger import merkle
    from ledger_app.ledger.checkpoint import Checkpoint

    leaves = [merkle.leaf_hash(bytes([i])) for i in range(9)]
    cp = [Checkpoint("o", n, merkle.root(leaves[:n])) for n in range(10)]
    check_extends(cp[4], cp[9], merkle.consistency_proof(4, leaves))
    with pytest.raises(VerificationError, match="rolled back") as info:
        check_extends(cp[9], cp[4], [])
    assert info.value.what == "rollback"
    other = Checkpoint("o", 9, merkle.root(leaves[:8] + [merkle.leaf_hash(b"x")]))
    with pytest.raises(VerificationError, match="forked"):
        check_extends(cp[4], other, merkle.consistency_proof(4, leaves))
    with pytest.raises(VerificationError, match="different roots: the ledger forked"):
        check_extends(cp[9], other, [])


# --- 4. keys from the chain; retired keys; what the auditor holds ------------------------------------


def test_pubkey_comes_from_the_key_chain_and_a_swapped_key_row_is_named(ws, capsys):
    svc = service(ws)
    real = svc.vkey()
    assert real == decode_entry(svc.ws.store.entry(0).leaf).payload["vkey"]
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from ledger_app.ledger.note import signer_from_private_key

    mallory = signer_from_private_key(ORIGIN, Ed25519PrivateKey.generate())
    raw(ws).execute("UPDATE ledger_key SET vkey = ?", (mallory.vkey,))
    assert cli(["--workspace", str(ws), "log", "pubkey"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ledger_key table names the active key" in err and real in err
    with pytest.raises(VerificationError, match="ledger_key table holds the key .* never introduced"):
        service(ws).verify()


def test_a_key_row_for_a_foreign_key_cannot_be_unlocked_into_signing(ws, tmp_path):
    from ledger_app.ledger import keys as keyfiles

    other = keyfiles.create_key_file(tmp_path / "m.json", ORIGIN, PASS, scrypt_n=2**14)
    conn = raw(ws)
    conn.execute("UPDATE ledger_key SET active = 0")
    conn.execute("INSERT INTO ledger_key (key_id, name, vkey, encrypted, active, created_at) VALUES (?,?,?,?,1,1e10)",
                 (other.verifier.key_id.hex(), ORIGIN, other.vkey, (tmp_path / "m.json").read_text()))
    before = checkpoints(ws)
    with pytest.raises(ConfigError, match="not the key the ledger's key chain names"):
        service(ws).note("signed with the attacker's key?")
    assert checkpoints(ws) == before


def test_a_retired_key_signing_after_its_rotation_fails(ws):
    svc = service(ws)
    old = svc.unlock()[0]
    svc.rotate_key(new_passphrase=PASS)
    assert service(ws).verify().entries == 44
    # The old key (stolen, hence the rotation) signs a checkpoint over the current tree.
    svc2 = service(ws)
    svc2.ws.store.append([("ledger.note", forged_note("signed by the retired key"))], TreeHeadSigner(ORIGIN, [old]))
    with pytest.raises(VerificationError, match=r"checkpoint #\d+ \(size 45\) is not signed by .* the key valid at that size"):
        service(ws).verify()


def test_the_auditors_vkey_catches_a_ledger_rewritten_whole(ws, tmp_path, capsys):
    held_vkey = service(ws).vkey()
    (tmp_path / "vkey").write_text(held_vkey + "\n")
    # The attacker builds a new ledger with their own key, the same origin and entries, and puts it
    # (database, key and witness) in place of the real one.
    fake = tmp_path / "fake"
    f = LedgerService(Workspace(fake), passphrase=lambda confirm: "mallory")
    f.init(ORIGIN)
    f.append([("ledger.note", {"text": "history as the attacker tells it"})])
    f.ws.dispose()
    for name in ("ledger.db", "checkpoint.latest"):
        shutil.copy(fake / name, ws / name)
    assert service(ws).verify().entries == 2  # on its own, the rewrite verifies
    assert cli(["--workspace", str(ws), "log", "verify", "--vkey", str(tmp_path / "vkey")]) == 1
    err = capsys.readouterr().err
    assert "the verifier key you hold" in err and "not in this ledger's key chain" in err and err.count("\n") == 1


def test_the_auditors_checkpoint_catches_a_deleted_witness_and_truncated_tail(ws, tmp_path, capsys):
    held = tmp_path / "held.checkpoint"
    held.write_text(service(ws).checkpoint())
    conn = raw(ws)
    keep = 29
    from ledger_app.ledger.store import LEVEL_SHIFT

    conn.execute("DELETE FROM ledger_entry WHERE idx >= ?", (keep,))
    conn.execute("DELETE FROM ledger_checkpoint WHERE size > ?", (keep,))
    for (key,) in conn.execute("SELECT id FROM ledger_node").fetchall():
        if ((key & ((1 << LEVEL_SHIFT) - 1)) + 1) << (key >> LEVEL_SHIFT) > keep:
            conn.execute("DELETE FROM ledger_node WHERE id = ?", (key,))
    (ws / "checkpoint.latest").unlink()
    assert service(ws).verify().entries == keep  # without an outside anchor the cut is invisible
    assert cli(["--workspace", str(ws), "log", "verify", "--checkpoint", str(held)]) == 1
    err = capsys.readouterr().err
    assert "the checkpoint you hold covers 43 entries but only 29 are stored: entry 29 is the first missing one" in err


# --- 5. every column a screen shows ------------------------------------------------------------------


def test_a_changed_type_column_is_named_and_screens_read_the_leaf(ws):
    raw(ws).execute("UPDATE ledger_entry SET type = 'certificate.issued' WHERE idx = 5")
    svc = service(ws)
    page = svc.entries(0, 10)
    assert page[5].type == "ledger.note" and svc.show(5).type == "ledger.note"
    with pytest.raises(VerificationError, match="entry 5: the type column says 'certificate.issued' but the signed leaf is a 'ledger.note' entry") as info:
        svc.verify()
    assert info.value.index == 5


def test_screens_show_the_leaf_time_not_the_created_at_column(ws):
    raw(ws).execute("UPDATE ledger_entry SET created_at = 0 WHERE idx = 7")
    svc = service(ws)
    view = svc.entries(7, 1)[0]
    assert view.created_at > 1.7e9 and view.ts.startswith("20")
    assert svc.verify().entries == 43


def test_times_that_run_backwards_are_reported(ws, capsys):
    svc = service(ws)
    keys = svc.unlock()
    leaf = encode_entry("ledger.note", {"text": "backdated"}, actor=None, ts="2001-01-01T00:00:00.000000Z")
    svc.ws.store.append([("ledger.note", leaf)], TreeHeadSigner(ORIGIN, keys), anchor=svc.ws.open_witness(svc.known_verifiers()))
    svc.ws.advance_witness(svc.ws.store.latest_checkpoint().note, svc.known_verifiers(), svc.consistency_hashes)
    rep = service(ws).verify()
    assert rep.warnings and rep.warnings[0].startswith("entry 43: its time 2001-01-01T00:00:00.000000Z runs backwards (entry 42 is ")
    assert cli(["--workspace", str(ws), "log", "verify"]) == 0
    assert "warning: entry 43: its time" in capsys.readouterr().err


def test_a_truncated_tail_is_named_by_its_first_missing_entry(ws):
    raw(ws).execute("DELETE FROM ledger_entry WHERE idx >= 33")
    with pytest.raises(VerificationError, match="entry 33 is") as info:
        service(ws).verify()
    assert info.value.index == 33


# --- 6. strict leaves -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("leaf", "reason"),
    [
        (b'{"payload":{},"payload":{"x":1},"ts":"t","type":"ledger.note","v":1}', "the key 'payload' appears twice"),
        (b'{"payload":{"n":' + b"9" * 4300 + b'},"ts":"t","type":"ledger.note","v":1}', "an integer of 4300 digits"),
        (b'{"payload":{"n":' + b"[" * 5000 + b"]" * 5000 + b'},"ts":"t","type":"ledger.note","v":1}', "deeper than 32"),
        (b'{"payload":{"n":1.5},"ts":"t","type":"ledger.note","v":1}', "not an integer"),
    ],
)
def test_hostile_leaves_are_refused_with_a_sentence(leaf, reason):
    with pytest.raises(VerificationError, match=reason) as info:
        decode_entry(leaf, index=7)
    assert str(info.value).startswith("entry 7: the leaf ") and info.value.index == 7
