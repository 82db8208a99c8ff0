"""Signed notes and checkpoints made by our own code: round trips and every refusal."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle, note
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint, parse_checkpoint_body, sign_checkpoint


def _key(seed_byte: int) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes([seed_byte]) * 32)


@pytest.fixture
def log():
    signer = note.signer_from_private_key("ledger.example/log", _key(1))
    return signer, note.parse_vkey(signer.vkey)


def test_vkey_shape_and_round_trip(log):
    signer, ver = log
    name, kid, b64 = signer.vkey.split("+", 2)
    assert name == "ledger.example/log" and len(kid) == 8 and kid == signer.key_id.hex()
    assert base64.b64decode(b64)[0] == 0x01 and base64.b64decode(b64)[1:] == signer.public_key
    assert note.vkey_for(signer.name, _key(1).public_key()) == signer.vkey
    assert ver.vkey == signer.vkey
    text = "line one\n\nline three after an empty line\n"
    signed = note.sign_note(text, [signer])
    assert note.open_note(signed, [ver]).text == text
    assert note.open_note(signed.encode(), [ver]).text == text


def test_repr_hides_key_material(log):
    signer, _ = log
    seed_hex = bytes([1] * 32).hex()
    assert seed_hex not in repr(signer) and "_private" not in repr(signer)


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "name+1234abcd",
        "na me+{kid}+{key}",
        "name+{kid}+{key}==",
        "name+{kid}+!!!!",
        "name+zzzzzzzz+{key}",
        "name+{kid}0+{key}",
        "name+00000000+{key}",  # key id does not match
        "other+{kid}+{key}",  # name does not match the id
        "name+{kid}+{short}",
        "name+{kid}+{wrongtype}",
    ],
)
def test_bad_vkeys_refused(bad):
    pub = bytes(range(32))
    kid = note.key_id("name", 1, pub).hex()
    vkey = bad.format(
        kid=kid,
        key=base64.b64encode(b"\x01" + pub).decode(),
        short=base64.b64encode(b"\x01" + pub[:31]).decode(),
        wrongtype=base64.b64encode(b"\x02" + pub).decode(),
    )
    with pytest.raises(VerificationError):
        note.parse_vkey(vkey)


def test_wrong_key_altered_text_altered_signature(log):
    signer, ver = log
    other = note.signer_from_private_key("ledger.example/log", _key(2))
    signed = note.sign_note("hello\n", [signer])
    # Same name, different key: its ID differs, so our signature is from an unknown key.
    with pytest.raises(VerificationError, match="no signature from a known key"):
        note.open_note(signed, [note.parse_vkey(other.vkey)])
    with pytest.raises(VerificationError, match="does not verify"):
        note.open_note(signed.replace("hello", "hellp"), [ver])
    sig_line = signed.split("\n\n")[1]
    raw = bytearray(base64.b64decode(sig_line.split(" ")[2]))
    for pos in (0, 4, 40, 67):
        flipped = bytearray(raw)
        flipped[pos] ^= 0x01
        forged = "hello\n\n— ledger.example/log " + base64.b64encode(bytes(flipped)).decode() + "\n"
        with pytest.raises(VerificationError):
            note.open_note(forged, [ver])


def test_a_failing_known_signature_rejects_even_with_a_good_one(log):
    signer, ver = log
    signed = note.sign_note("hello\n", [signer])
    good_line = signed.split("\n\n")[1]
    raw = bytearray(base64.b64decode(good_line.split(" ")[2]))
    raw[10] ^= 0x80
    bad_line = "— ledger.example/log " + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(VerificationError, match="does not verify"):
        note.open_note("hello\n\n" + good_line + bad_line, [ver])
    # A repeated identical good signature is harmless.
    assert note.open_note("hello\n\n" + good_line + good_line, [ver]).verified_signers == (ver,)


@pytest.mark.parametrize(
    "bad, why",
    [
        ("hello\n", "no blank line"),
        ("hello\n\n", "no signature lines"),
        ("hello\n\n— x AAAAAAA=", "newline"),
        ("hello\n\nx AAAAAAA=\n", "em dash"),
        ("hello\n\n— x\n", "key name"),
        ("hello\n\n— x A===\n", "base64"),
        ("hello\n\n— x AAAA\n", "too short"),
        ("he\tllo\n\n— x AAAAAAA=\n", "control character"),
        ("hello\r\n\n— x AAAAAAA=\n", "control character"),
        (b"hel\xfflo\n\n\xe2\x80\x94 x AAAAAAA=\n", "UTF-8"),
    ],
)
def test_malformed_notes(log, bad, why):
    _, ver = log
    with pytest.raises(VerificationError, match=why):
        note.open_note(bad, [ver])


def test_sign_note_refuses_bad_text(log):
    signer, _ = log
    for text in ("no newline", "ends with empty line\n\n", "\nstarts empty\n", "tab\there\n"):
        with pytest.raises(ValueError):
            note.sign_note(text, [signer])
    with pytest.raises(ValueError):
        note.sign_note("x\n", [signer, signer])
    with pytest.raises(ValueError):
        note.signer_from_private_key("bad name", _key(3))
    with pytest.raises(ValueError):
        note.signer_from_private_key("bad+name", _key(3))


def test_skey_refusals():
    good = note.signer_from_private_key("k", _key(4))
    seed = b"\x01" + bytes([4]) * 32
    ok = f"PRIVATE+KEY+k+{good.key_id.hex()}+{base64.b64encode(seed).decode()}"
    wrong_type = base64.b64encode(bytes([2]) + seed[1:]).decode()
    assert note.signer_from_skey(ok).vkey == good.vkey
    for bad in (
        ok.replace("PRIVATE", "PUBLIC"),
        ok.replace(good.key_id.hex(), "00000000"),
        f"PRIVATE+KEY+k+{good.key_id.hex()}+{wrong_type}",
        f"PRIVATE+KEY+k+{good.key_id.hex()}",
    ):
        with pytest.raises(ValueError):
            note.signer_from_skey(bad)


def test_checkpoint_round_trip(log):
    signer, ver = log
    hashes = [merkle.leaf_hash(bytes([i])) for i in range(7)]
    cp = Checkpoint("ledger.example/log", 7, merkle.root(hashes), ("extension one",))
    signed = sign_checkpoint(cp, signer)
    assert signed.startswith(cp.body() + "\n— ledger.example/log ")
    assert open_checkpoint(signed, [ver]) == cp
    assert parse_checkpoint_body(cp.body()) == cp
    empty = Checkpoint("ledger.example/log", 0, merkle.EMPTY_ROOT)
    assert empty.body() == "ledger.example/log\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n"


def test_checkpoint_origin_rules(log):
    signer, ver = log
    cp = Checkpoint("some other origin", 1, merkle.leaf_hash(b"x"))
    signed = sign_checkpoint(cp, signer)
    with pytest.raises(VerificationError, match="not the name of the key"):
        open_checkpoint(signed, [ver])
    assert open_checkpoint(signed, [ver], origin="some other origin") == cp
    with pytest.raises(VerificationError, match="expected 'elsewhere'"):
        open_checkpoint(signed, [ver], origin="elsewhere")


@pytest.mark.parametrize(
    "body, why",
    [
        ("o\n1\n" + base64.b64encode(bytes(32)).decode(), "newline"),
        ("o\n1\n", "origin, a size and a root"),
        ("\n1\n" + base64.b64encode(bytes(32)).decode() + "\n", "origin line is empty"),
        ("o\n01\n" + base64.b64encode(bytes(32)).decode() + "\n", "leading zeros"),
        ("o\n-1\n" + base64.b64encode(bytes(32)).decode() + "\n", "leading zeros"),
        ("o\n+1\n" + base64.b64encode(bytes(32)).decode() + "\n", "leading zeros"),
        ("o\n 1\n" + base64.b64encode(bytes(32)).decode() + "\n", "leading zeros"),
        ("o\n99999999999999999999\n" + base64.b64encode(bytes(32)).decode() + "\n", "leading zeros"),
        ("o\n1\n" + base64.b64encode(bytes(31)).decode() + "\n", "31 bytes"),
        ("o\n1\n" + base64.b64encode(bytes(32)).decode().rstrip("=") + "\n", "base64"),
        ("o\n1\n" + base64.b64encode(bytes(32)).decode() + "\n\next\n", "extension line is empty"),
    ],
)
def test_malformed_checkpoint_bodies(body, why):
    with pytest.raises(VerificationError, match=why):
        parse_checkpoint_body(body)


def test_checkpoint_constructor_refuses_nonsense():
    for args in (("", 1, bytes(32)), ("o", -1, bytes(32)), ("o", 1, bytes(31)), ("a\nb", 1, bytes(32))):
        with pytest.raises(ValueError):
            Checkpoint(*args)
    with pytest.raises(ValueError):
        Checkpoint("o", 1, bytes(32), ("",))
