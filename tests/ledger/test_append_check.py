"""The pre-append check when writers take turns (issue 14): each append builds on a checkpoint another
client signed, which the appender recognises by re-signing that tree head with the shared key and
comparing (`LedgerStore._own_note`) instead of an Ed25519 verification. These tests show that the
shortcut is taken, and that every note it does not recognise byte for byte is verified in full and
refused when forged: a transplanted signature, a flipped signature byte, another key, a replayed
genuine note. Nothing is signed over any of them (the checkpoint table is counted).
"""

from __future__ import annotations

import base64
import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.canonical import canonical_json
from ledger_app.ledger import note as note_module
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint
from ledger_app.ledger.note import parse_vkey, signer_from_private_key
from ledger_app.ledger.store import AppendRefused, LedgerStore
from ledger_app.storage.engine import make_engine, sqlite_url, upgrade

ORIGIN = "example.com/append-check"


class Signer:
    """A ledger key shared by every writer of one ledger (as a team's members share it)."""

    def __init__(self, key: Ed25519PrivateKey | None = None, origin: str = ORIGIN):
        self.s = signer_from_private_key(origin, key or Ed25519PrivateKey.generate())
        self.key_id, self.origin, self.verifiers = self.s.key_id.hex(), origin, [parse_vkey(self.s.vkey)]

    def sign_tree_head(self, size, root_hash):
        return sign_checkpoint(Checkpoint(self.origin, size, root_hash), self.s)


def leaves(tag: str, n: int = 3) -> list[tuple[str, bytes]]:
    return [("ledger.note", canonical_json({"n": f"{tag}-{i}"})) for i in range(n)]


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "ledger.db"
    engine = make_engine(sqlite_url(path))
    upgrade(engine)
    engine.dispose()
    return path


def writers(db, n: int = 2) -> list[LedgerStore]:
    """Separate stores on one file, as separate clients are."""
    return [LedgerStore(make_engine(sqlite_url(db))) for _ in range(n)]


def count_verifications(monkeypatch) -> list[int]:
    calls = [0]
    real = note_module.Verifier.verify

    def counting(self, msg, sig):
        calls[0] += 1
        return real(self, msg, sig)

    monkeypatch.setattr(note_module.Verifier, "verify", counting)
    return calls


def checkpoints(db) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM ledger_checkpoint").fetchone()[0]


def last_checkpoint(db) -> tuple[int, int, str]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, size, note FROM ledger_checkpoint ORDER BY id DESC LIMIT 1").fetchone()


def set_last_note(db, note: str) -> None:
    """The attacker's edit: triggers dropped, the last checkpoint's note replaced."""
    with sqlite3.connect(db, isolation_level=None) as conn:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f"DROP TRIGGER {name}")
        cid = conn.execute("SELECT max(id) FROM ledger_checkpoint").fetchone()[0]
        conn.execute("UPDATE ledger_checkpoint SET note = ? WHERE id = ?", (note, cid))


def refused_without_signing(db, store: LedgerStore, signer: Signer, match: str) -> AppendRefused:
    before = checkpoints(db)
    with pytest.raises(AppendRefused, match=match) as info:
        store.append(leaves("after the attack"), signer)
    assert checkpoints(db) == before, "the refused append signed a checkpoint"
    return info.value


def test_writers_taking_turns_recognise_each_others_notes_without_a_verification(db, monkeypatch):
    """The shortcut is taken: alternating appends by two clients with the shared key verify no
    signature, and yet each one checks the other's note (a third client with another key refuses)."""
    alice, bob = writers(db)
    key = Signer()
    alice.append(leaves("first"), key)
    calls = count_verifications(monkeypatch)
    for turn in range(6):
        (bob if turn % 2 == 0 else alice).append(leaves(f"turn {turn}"), key)
    assert calls[0] == 0, "a note the shared key signs byte for byte was verified in full"
    assert alice.size() == 21 and len(LedgerStore(alice.engine).checkpoints()) == 7


def _transplant(db, signer: Signer) -> str:
    """The last checkpoint's body with a forged root, under the signature line of the genuine note."""
    _, size, note = last_checkpoint(db)
    body, sigs = note[: note.rfind("\n\n") + 1], note[note.rfind("\n\n") + 2 :]
    forged = Checkpoint(ORIGIN, size, b"\x42" * 32).body()
    assert forged != body
    return forged + "\n" + sigs


def _flip_a_signature_byte(db, signer: Signer) -> str:
    _, _, note = last_checkpoint(db)
    body, line = note[: note.rfind("\n\n") + 1], note[note.rfind("\n\n") + 2 :].rstrip("\n")
    head, b64 = line.rsplit(" ", 1)
    raw = bytearray(base64.b64decode(b64))
    raw[-1] ^= 0x01
    return body + "\n" + head + " " + base64.b64encode(bytes(raw)).decode() + "\n"


def _sign_with_another_key_of_the_same_name(db, signer: Signer) -> str:
    _, size, note = last_checkpoint(db)
    cp = open_checkpoint(note, signer.verifiers)
    return Signer().sign_tree_head(size, cp.root_hash)


@pytest.mark.parametrize(("forge", "verifications"), [
    (_transplant, 1),
    (_flip_a_signature_byte, 1),
    (_sign_with_another_key_of_the_same_name, 0),  # its key ID is unknown: no signature to verify
])
def test_a_note_the_key_did_not_sign_is_verified_in_full_and_refused(db, monkeypatch, forge, verifications):
    """Another writer's last checkpoint replaced by a forgery: the appender does not recognise it as
    its key's note, opens it in full (verifying the signature line its key ID names), and refuses it;
    nothing is signed."""
    alice, bob = writers(db)
    key = Signer()
    alice.append(leaves("a"), key)
    alice.append(leaves("b"), key)  # size 6: bob has seen neither note
    set_last_note(db, forge(db, key))
    calls = count_verifications(monkeypatch)
    refused_without_signing(db, bob, key, r"\(#2, size 6\) does not verify under the signing key")
    assert calls[0] == verifications


def test_a_genuine_older_note_replayed_as_the_last_checkpoint_is_refused_by_size(db):
    """A note the key really signed, for an earlier head, is recognised as the key's note; the stored
    size beyond it is what refuses the append."""
    alice, bob = writers(db)
    key = Signer()
    alice.append(leaves("a"), key)
    _, _, older = last_checkpoint(db)
    alice.append(leaves("b"), key)
    set_last_note(db, older)
    err = refused_without_signing(db, bob, key, r"entries 3\.\.5 are stored beyond the last signed checkpoint")
    assert err.index == 3


def test_a_note_with_more_than_the_keys_signature_is_still_verified(db, monkeypatch):
    """A genuine note carrying another line (a witness's cosignature, an unknown key) is not the
    shared key's note byte for byte: it is verified in full and, being valid, built on."""
    alice, bob = writers(db)
    key = Signer()
    alice.append(leaves("a"), key)
    _, size, note = last_checkpoint(db)
    other = signer_from_private_key("witness.example/w1", Ed25519PrivateKey.generate())
    b64 = base64.b64encode(other.key_id + other.sign(note[: note.rfind("\n\n") + 1].encode())).decode()
    set_last_note(db, note + f"\u2014 {other.name} {b64}\n")
    calls = count_verifications(monkeypatch)
    assert bob.append(leaves("b"), key).size == size + 3
    assert calls[0] == 1


def test_a_checkpoint_row_slipped_in_after_the_appenders_own_is_not_taken_for_it(db):
    """Team mode's role may INSERT checkpoint rows without the append lock. A forged row that lands
    right after the appender's own (a trigger plays the racing insider) is not what the append
    reports as its checkpoint, and is not remembered as a note this store signed: the next append
    opens it in full and refuses it."""
    (alice,) = writers(db, 1)
    key = Signer()
    alice.append(leaves("a"), key)
    with sqlite3.connect(db, isolation_level=None) as conn:
        # The same body under a signature line whose last base64 characters are changed.
        conn.execute(
            "CREATE TRIGGER race AFTER INSERT ON ledger_checkpoint WHEN NEW.key_id != 'mallory0' BEGIN "
            "INSERT INTO ledger_checkpoint (size, root_hash, note, key_id, created_at) VALUES (NEW.size, "
            "NEW.root_hash, substr(NEW.note, 1, length(NEW.note) - 6) || 'AAAA=' || char(10), 'mallory0', 0); END")
    res = alice.append(leaves("b"), key)
    assert open_checkpoint(res.checkpoint.note, key.verifiers).size == 6
    _, size, forged = last_checkpoint(db)
    assert (size, forged != res.checkpoint.note) == (6, True)
    with sqlite3.connect(db, isolation_level=None) as conn:
        conn.execute("DROP TRIGGER race")
    refused_without_signing(db, alice, key, r"\(#3, size 6\) does not verify under the signing key")


# --- through the service: the workspace witness --------------------------------------------------------


PASS = "correct horse battery staple"


def test_a_service_append_verifies_no_note_it_signed_itself_and_refuses_a_swapped_witness(tmp_path, monkeypatch):
    """One person's appends: the witness file holds the note the last append signed, remembered as
    opened with its exact bytes, so a steady append verifies no signature. A witness file the insider
    replaced between two appends (one signature byte flipped) is not those bytes: it is verified in
    full, and the append is refused with nothing signed."""
    from ledger_app.core.errors import VerificationError
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    svc = LedgerService(Workspace(tmp_path / "ws"), passphrase=lambda confirm: PASS)
    svc.init(ORIGIN)
    svc.note("first")
    calls = count_verifications(monkeypatch)
    for i in range(3):
        svc.note(f"steady {i}")
    assert calls[0] == 0, "an append verified a note this service had just signed"
    witness = tmp_path / "ws" / "checkpoint.latest"
    text = witness.read_text()
    body, line = text[: text.rfind("\n\n") + 1], text[text.rfind("\n\n") + 2 :].rstrip("\n")
    head, b64 = line.rsplit(" ", 1)
    raw = bytearray(base64.b64decode(b64))
    raw[-1] ^= 0x01
    witness.write_text(body + "\n" + head + " " + base64.b64encode(bytes(raw)).decode() + "\n")
    before = checkpoints(tmp_path / "ws" / "ledger.db")
    with pytest.raises(VerificationError, match="witness checkpoint .* does not verify under the ledger's keys"):
        svc.note("after the witness was swapped")
    assert checkpoints(tmp_path / "ws" / "ledger.db") == before
    assert calls[0] == 1
