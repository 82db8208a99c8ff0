"""Signing keys encrypted at rest: round trip, wrong passphrase, damaged files, permissions,
no secret in repr, passphrase source, and key rotation records."""

from __future__ import annotations

import base64
import json
import stat

import pytest

from ledger_app.core.errors import SigningKeyError, UserError, VerificationError
from ledger_app.ledger import keys, note
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint, sign_checkpoint

FAST_N = 2**14  # the file records N; the default (2**17) is exercised once below


@pytest.fixture(scope="module")
def key_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("keys") / "signing.key"
    key = keys.create_key_file(path, "ledger.example/log", "correct horse", scrypt_n=FAST_N)
    return path, key


def test_round_trip_and_file_shape(key_file):
    path, key = key_file
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    doc = json.loads(path.read_text())
    assert doc["version"] == 1 and doc["name"] == "ledger.example/log"
    assert doc["kdf"] == {"name": "scrypt", "n": FAST_N, "r": 8, "p": 1}
    assert len(base64.b64decode(doc["salt"])) == 16 and len(base64.b64decode(doc["nonce"])) == 12
    assert doc["vkey"] == key.vkey and base64.b64decode(doc["public_key"]) == key.public_key
    assert not list(path.parent.glob(".key-*"))  # no temporary file left behind
    loaded = keys.load_key_file(path, "correct horse")
    assert loaded.vkey == key.vkey and loaded.public_key == key.public_key and loaded.created == key.created
    cp = Checkpoint("ledger.example/log", 0, bytes(32))
    # Same key, and Ed25519 is deterministic: the same bytes.
    assert sign_checkpoint(cp, loaded.signer) == sign_checkpoint(cp, key.signer)
    assert open_checkpoint(sign_checkpoint(cp, loaded.signer), [key.verifier]) == cp


def test_default_parameters(tmp_path):
    path = tmp_path / "k.key"
    key = keys.create_key_file(path, "default", "pw")
    assert json.loads(path.read_text())["kdf"]["n"] == 2**17
    assert keys.load_key_file(path, "pw").vkey == key.vkey


def test_wrong_passphrase_is_a_clear_error(key_file):
    path, _ = key_file
    with pytest.raises(SigningKeyError, match="Wrong passphrase"):
        keys.load_key_file(path, "Correct horse")


def test_never_overwrites_and_refuses_empty_passphrase(key_file, tmp_path):
    path, _ = key_file
    before = path.read_bytes()
    with pytest.raises(UserError, match="already exists"):
        keys.create_key_file(path, "x", "pw", scrypt_n=FAST_N)
    assert path.read_bytes() == before
    with pytest.raises(UserError, match="empty passphrase"):
        keys.create_key_file(tmp_path / "new.key", "x", "", scrypt_n=FAST_N)
    assert not (tmp_path / "new.key").exists()


def test_repr_shows_no_secret(key_file):
    path, key = key_file
    doc = json.loads(path.read_text())
    text = repr(key) + str(key) + repr(key.signer)
    assert "correct horse" not in text and doc["ciphertext"] not in text
    seed = key.signer.private_key().private_bytes_raw()
    assert seed.hex() not in text and base64.b64encode(seed).decode() not in text
    assert seed.hex() not in path.read_text() and base64.b64encode(seed).decode() not in path.read_text()


def _damage(path, tmp_path, edit):
    doc = json.loads(path.read_text())
    edit(doc)
    out = tmp_path / "damaged.key"
    out.write_text(json.dumps(doc))
    return out


@pytest.mark.parametrize(
    "edit, why",
    [
        (lambda d: d.update(name="someone.else/log"), "disagree"),
        (lambda d: d.update(version=2), "newer version"),
        (lambda d: d.update(cipher="aes-128-ecb"), "unknown cipher"),
        (lambda d: d["kdf"].update(n=2**30), "out of range"),
        (lambda d: d["kdf"].update(n="16384"), "out of range"),
        (lambda d: d.update(salt="!!"), "not a readable key file"),
        (lambda d: d.update(nonce=base64.b64encode(bytes(8)).decode()), "wrong length"),
        (lambda d: d.pop("ciphertext"), "not a readable key file"),
        (lambda d: d.update(vkey="nonsense"), "not a readable key file"),
    ],
)
def test_damaged_files(key_file, tmp_path, edit, why):
    path, _ = key_file
    with pytest.raises(SigningKeyError, match=why):
        keys.load_key_file(_damage(path, tmp_path, edit), "correct horse")


def test_swapped_public_key_or_altered_ciphertext_fail_decryption(key_file, tmp_path):
    path, _ = key_file
    other = keys.create_key_file(tmp_path / "other.key", "ledger.example/log", "pw", scrypt_n=FAST_N)

    def swap(d):
        d.update(vkey=other.vkey, public_key=base64.b64encode(other.public_key).decode())

    with pytest.raises(SigningKeyError, match="Wrong passphrase .*altered"):
        keys.load_key_file(_damage(path, tmp_path, swap), "correct horse")

    def flip(d):
        raw = bytearray(base64.b64decode(d["ciphertext"]))
        raw[0] ^= 1
        d["ciphertext"] = base64.b64encode(bytes(raw)).decode()

    with pytest.raises(SigningKeyError, match="Wrong passphrase"):
        keys.load_key_file(_damage(path, tmp_path, flip), "correct horse")


def test_unreadable_and_missing_files(tmp_path):
    with pytest.raises(SigningKeyError, match="No signing key file"):
        keys.load_key_file(tmp_path / "absent.key", "pw")
    garbage = tmp_path / "garbage.key"
    garbage.write_bytes(b"\x00\x01 not json")
    with pytest.raises(SigningKeyError, match="damaged"):
        keys.load_key_file(garbage, "pw")
    garbage.write_text("[1, 2]")
    with pytest.raises(SigningKeyError, match="damaged"):
        keys.load_key_file(garbage, "pw")


def test_passphrase_from_env_or_prompt(monkeypatch):
    monkeypatch.setenv("LEDGER_PASSPHRASE", "from env")
    assert keys.passphrase_from_env_or_prompt(confirm=True) == "from env"
    monkeypatch.setenv("LEDGER_PASSPHRASE", "")
    with pytest.raises(UserError, match="empty"):
        keys.passphrase_from_env_or_prompt(confirm=False)
    monkeypatch.delenv("LEDGER_PASSPHRASE")
    answers = iter(["typed", "typed"])
    monkeypatch.setattr(keys.getpass, "getpass", lambda prompt="": next(answers))
    assert keys.passphrase_from_env_or_prompt(confirm=True) == "typed"
    answers = iter(["typed", "typo"])
    with pytest.raises(UserError, match="differ"):
        keys.passphrase_from_env_or_prompt(confirm=True)
    answers = iter([""])
    with pytest.raises(UserError, match="empty"):
        keys.passphrase_from_env_or_prompt(confirm=False)

    def eof(prompt=""):
        raise EOFError

    monkeypatch.setattr(keys.getpass, "getpass", eof)
    with pytest.raises(UserError, match="LEDGER_PASSPHRASE"):
        keys.passphrase_from_env_or_prompt(confirm=False)


def test_rotation(key_file, tmp_path):
    path, old = key_file
    new = keys.create_key_file(tmp_path / "new.key", "ledger.example/log", "pw2", scrypt_n=FAST_N)
    stmt = keys.rotation_statement(old.vkey, new.vkey, 1_700_000_000)
    assert stmt == (
        f"provenance-ledger key rotation v1\nold {old.vkey}\nnew {new.vkey}\ntime 1700000000\n".encode()
    )
    record = keys.sign_rotation(old, new, 1_700_000_000)
    keys.verify_rotation(record)
    keys.verify_rotation(json.loads(json.dumps(record)))  # survives JSON
    # Old checkpoints still verify with the old key; new ones with the new key.
    cp = Checkpoint("ledger.example/log", 1, bytes(32))
    assert open_checkpoint(sign_checkpoint(cp, old.signer), [old.verifier, new.verifier]) == cp
    assert open_checkpoint(sign_checkpoint(cp, new.signer), [old.verifier, new.verifier]) == cp

    def tampered(**changes):
        return {**record, **changes}

    with pytest.raises(VerificationError, match="old key"):
        keys.verify_rotation(tampered(timestamp=1_700_000_001))
    with pytest.raises(VerificationError, match="old key"):
        keys.verify_rotation(tampered(old_signature=record["new_signature"]))
    with pytest.raises(VerificationError, match="new key"):
        keys.verify_rotation(tampered(new_signature=record["old_signature"]))
    stranger = keys.create_key_file(tmp_path / "stranger.key", "ledger.example/log", "pw3", scrypt_n=FAST_N)
    with pytest.raises(VerificationError, match="old key"):
        keys.verify_rotation(tampered(new_vkey=stranger.vkey))
    with pytest.raises(VerificationError, match="same key"):
        keys.verify_rotation(tampered(new_vkey=old.vkey))
    with pytest.raises(VerificationError, match="malformed"):
        keys.verify_rotation({k: v for k, v in record.items() if k != "new_signature"})
    with pytest.raises(VerificationError):
        keys.verify_rotation(tampered(old_vkey="not a vkey"))
    with pytest.raises(VerificationError, match="malformed"):
        keys.verify_rotation(tampered(timestamp="yesterday"))
    with pytest.raises(ValueError):
        keys.sign_rotation(old, old, 1)
    assert isinstance(note.parse_vkey(record["new_vkey"]), note.Verifier)
