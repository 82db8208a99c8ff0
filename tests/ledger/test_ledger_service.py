"""The ledger service end to end: concurrency across processes, rotation, erasure, wrong passphrase."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from ledger_app.core.errors import SigningKeyError, UserError
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import open_checkpoint
from ledger_app.ledger.note import parse_vkey
from ledger_app.services import LedgerService
from ledger_app.services.workspace import Workspace

PASS = "s3cret passphrase"


def make(path, passphrase=PASS) -> LedgerService:
    return LedgerService(Workspace(path), passphrase=lambda confirm: passphrase)


@pytest.fixture()
def svc(tmp_path):
    s = make(tmp_path / "ws")
    s.init("example.org/ledger-test")
    return s


def test_processes_appending_at_once_get_gap_free_indexes(svc):
    code = textwrap.dedent(
        """
        import sys
        from ledger_app.services import LedgerService
        from ledger_app.services.workspace import Workspace
        svc = LedgerService(Workspace(__import__('pathlib').Path(sys.argv[1])), passphrase=lambda c: sys.argv[2])
        svc.unlock()
        for i in range(15):
            svc.append([("ledger.note", {"text": f"{sys.argv[3]}-{i}-{j}"}) for j in range(3)])
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, str(svc.ws.path), PASS, f"p{k}"], stderr=subprocess.PIPE)
        for k in range(3)
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err.decode()
    store = svc.ws.store
    assert store.size() == 1 + 3 * 15 * 3
    texts = [svc.show(i).payload.get("text") for i in range(1, store.size())]
    assert len(set(texts)) == len(texts) == 135
    # Each batch stayed contiguous: a process's three entries of one append sit side by side.
    for i in range(1, store.size(), 3):
        prefixes = {svc.show(i + j).payload["text"].rsplit("-", 1)[0] for j in range(3)}
        assert len(prefixes) == 1
    rep = svc.verify()
    assert rep.entries == 136 and rep.checkpoints == 1 + 45


def test_every_checkpoint_verifies_and_proofs_check(svc):
    for i in range(10):
        svc.note(f"memo {i}")
    verifier = parse_vkey(svc.vkey())
    cps = svc.ws.store.checkpoints()
    assert [cp.size for cp in cps] == list(range(1, 12))
    for cp in cps:
        opened = open_checkpoint(cp.note, [verifier])
        assert opened.origin == "example.org/ledger-test"
    proof = svc.prove(4, 9)
    merkle.verify_inclusion(4, 9, bytes.fromhex(proof.leaf_hash), [bytes.fromhex(p) for p in proof.proof],
                            open_checkpoint(cps[8].note, [verifier]).root_hash)
    c = svc.consistency(3, 11)
    merkle.verify_consistency(3, 11, bytes.fromhex(c.old_root), bytes.fromhex(c.new_root),
                              [bytes.fromhex(p) for p in c.proof])


def test_wrong_passphrase_is_a_clear_error(svc):
    other = make(svc.ws.path, "not the passphrase")
    with pytest.raises(SigningKeyError, match="Wrong passphrase"):
        other.note("hello")
    assert svc.ws.store.size() == 1


def test_second_init_is_refused(svc):
    with pytest.raises(UserError, match="already exists"):
        make(svc.ws.path).init("example.org/again")


def test_key_rotation_keeps_old_checkpoints_verifiable(svc):
    svc.note("before")
    old_vkey = svc.vkey()
    res = svc.rotate_key("a new passphrase")
    assert res.old_vkey == old_vkey and res.new_vkey != old_vkey
    svc.note("after")
    assert svc.vkey() == res.new_vkey
    rep = make(svc.ws.path, "a new passphrase").verify()
    assert rep.entries == 4
    cps = svc.ws.store.checkpoints()
    rotation_cp = cps[-2]
    opened_with_old = open_checkpoint(rotation_cp.note, [parse_vkey(old_vkey)])
    opened_with_new = open_checkpoint(rotation_cp.note, [parse_vkey(res.new_vkey)])
    assert opened_with_old == opened_with_new  # the rotation checkpoint carries both signatures
    # The new passphrase unlocks the new key; the old one no longer signs.
    with pytest.raises(SigningKeyError):
        make(svc.ws.path, PASS).note("with the old passphrase")


def test_personal_data_erasure_keeps_the_ledger_verifiable(svc):
    from ledger_app.storage import personal

    with svc.ws.store.write_transaction() as conn:
        c = personal.commit(conn, "requester", {"name": "Jane Roe", "email": "jane@example.net"})
        res = svc.append([("ledger.note", {"text": "request received", "requester": c})], conn=conn)
    svc.after_external_commit(res)
    leaf = svc.show(res.first_index).leaf_data
    assert b"Jane" not in leaf and b"jane@" not in leaf and c.encode() in leaf
    with svc.ws.engine.connect() as conn:
        assert personal.reveal(conn, c) == {"name": "Jane Roe", "email": "jane@example.net"}
    svc.erase_personal_data(c, "GDPR Art. 17 request")
    with svc.ws.engine.connect() as conn:
        assert personal.reveal(conn, c) is None
    assert svc.verify().entries == 3
    svc.ws.dispose()
    for f in svc.ws.path.glob("ledger.db*"):  # the database, its WAL and shared memory
        assert b"Jane Roe" not in f.read_bytes(), f"erased data still readable in {f.name}"
