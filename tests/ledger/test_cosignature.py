"""cosignature/v1 (c2sp.org/tlog-cosignature) checks against outside vectors and a from-scratch implementation.

The "independent implementation" here is written with nothing but hashlib, struct, base64 and the
raw Ed25519 primitive, straight from the spec text, so it shares no code with note.py or
cosignature.py: what it signs, ours must accept, and what ours signs, it must accept.
"""

from __future__ import annotations

import base64
import hashlib
import json
import struct

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import note
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.cosignature import (
    cosignatures,
    parse_witness_vkey,
    require_quorum,
    response_cosignatures,
    with_cosignatures,
)

ORIGIN = "example.com/cosig-test"


@pytest.fixture(scope="module")
def vec(data_dir):
    return json.loads((data_dir / "vectors" / "note_vectors.json").read_text())["vectors"]


# --- an independent cosignature/v1, from the spec text alone -----------------------------------------


def raw_pub(priv: Ed25519PrivateKey) -> bytes:
    return priv.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def spec_key_id(name: str, pub: bytes) -> bytes:
    return hashlib.sha256(name.encode() + b"\n" + b"\x04" + pub).digest()[:4]


def spec_vkey(name: str, pub: bytes) -> str:
    b64 = base64.b64encode(bytes([4]) + pub).decode()
    return f"{name}+{spec_key_id(name, pub).hex()}+{b64}"


def spec_cosign(name: str, priv: Ed25519PrivateKey, body: str, ts: int) -> str:
    msg = b"cosignature/v1\ntime " + str(ts).encode() + b"\n" + body.encode()
    sig = struct.pack(">Q", ts) + priv.sign(msg)
    return "\u2014 " + name + " " + base64.b64encode(spec_key_id(name, raw_pub(priv)) + sig).decode() + "\n"


def spec_verify(line: str, name: str, pub: bytes, body: str) -> int:
    """Return the timestamp if `line` is a valid cosignature by (name, pub) over `body`; raise otherwise."""
    assert line.startswith("\u2014 ") and line.endswith("\n")
    got_name, b64 = line[2:-1].split(" ")
    raw = base64.b64decode(b64, validate=True)
    assert got_name == name and raw[:4] == spec_key_id(name, pub) and len(raw) == 4 + 8 + 64
    (ts,) = struct.unpack(">Q", raw[4:12])
    Ed25519PublicKey.from_public_bytes(pub).verify(raw[12:], b"cosignature/v1\ntime %d\n" % ts + body.encode())
    return ts


@pytest.fixture(scope="module")
def log():
    priv = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    signer = note.signer_from_private_key(ORIGIN, priv)
    cp = Checkpoint(ORIGIN, 42, hashlib.sha256(b"root").digest())
    return signer, cp, sign_checkpoint(cp, signer)


def witness(n: int) -> tuple[str, Ed25519PrivateKey]:
    return f"witness.example/w{n}", Ed25519PrivateKey.from_private_bytes(bytes([n]) * 32)


# --- outside vectors -----------------------------------------------------------------------------------


def test_derived_vector_is_accepted_and_reproduced(vec):
    d = vec["derived_cosignature_v1_ed25519"]
    w = parse_witness_vkey(d["cosig_vkey"])
    signed = d["checkpoint_body"] + "\n" + d["signature_line"]
    [c] = require_quorum(signed, [w])
    assert (c.name, c.key_id, c.timestamp, c.line) == ("Wit1", d["cosig_key_id_hex"], d["timestamp"], d["signature_line"])
    # The spec-only implementation agrees on the key ID, the vkey and the signature line byte for byte.
    seed = note.signer_from_skey(d["skey"])._private  # the test key of the vector
    assert spec_vkey("Wit1", raw_pub(seed)) == d["cosig_vkey"]
    assert spec_cosign("Wit1", seed, d["checkpoint_body"], d["timestamp"]) == d["signature_line"]
    assert spec_verify(d["signature_line"], "Wit1", raw_pub(seed), d["checkpoint_body"]) == d["timestamp"]


def test_derived_vector_refused_when_anything_changes(vec):
    d = vec["derived_cosignature_v1_ed25519"]
    w = parse_witness_vkey(d["cosig_vkey"])
    body = d["checkpoint_body"]
    other_body = body.replace("\n15\n", "\n16\n")
    with pytest.raises(VerificationError, match="does not verify"):
        require_quorum(other_body + "\n" + d["signature_line"], [w])
    raw = bytearray(base64.b64decode(d["signature_line"].split(" ")[2]))
    raw[11] ^= 1  # the timestamp is signed too
    line = "\u2014 Wit1 " + base64.b64encode(bytes(raw)).decode() + "\n"
    with pytest.raises(VerificationError, match="does not verify"):
        require_quorum(body + "\n" + line, [w])


def test_c2sp_example_line_is_ignored_without_its_key(vec):
    """The spec's example line (public key unpublished) is an unknown key: ignored, never counted."""
    c = vec["c2sp_cosignature_example_decoded"]
    body = c["signed_message"].split("\n", 2)[2]
    name, pub = witness(1)
    mine = spec_cosign(name, pub, body, c["timestamp"])
    w = parse_witness_vkey(spec_vkey(name, raw_pub(pub)))
    found = require_quorum(body + "\n" + c["signature_line"] + mine, [w])
    assert [x.name for x in found] == [name]
    with pytest.raises(VerificationError, match="cosigned by 0 of the 1"):
        require_quorum(body + "\n" + c["signature_line"], [w])


def test_witness_keys_from_the_vectors(vec):
    remora, test = vec["cosignature_vkeys"]["keys"]
    v = parse_witness_vkey(remora["vkey"])
    assert (v.name, v.key_id.hex(), v.public_key.hex()) == ("remora.n621.de", remora["key_id_hex"], remora["public_key_hex"])
    assert parse_witness_vkey(test["as_cosignature_v1_vkey"]).key_id.hex() == test["as_cosignature_v1_key_id_hex"]
    with pytest.raises(VerificationError, match=r"note signing key \(type 0x01\), not a cosignature/v1"):
        parse_witness_vkey(test["vkey"])


# --- ours against the independent implementation ---------------------------------------------------------


def test_our_cosigner_verified_by_the_spec_implementation(log):
    _, cp, signed = log
    name, priv = witness(2)
    ours = note.cosigner_from_private_key(name, priv, 1_800_000_000)
    assert ours.vkey == spec_vkey(name, raw_pub(priv))
    cosigned = note.sign_note(cp.body(), [ours])
    line = cosigned.split("\n\n", 1)[1]
    assert spec_verify(line, name, raw_pub(priv), cp.body()) == 1_800_000_000
    assert with_cosignatures(signed, [line]) == signed + line


def test_k_of_n(log):
    _, cp, signed = log
    ws = [witness(n) for n in (1, 2, 3)]
    verifiers = [parse_witness_vkey(spec_vkey(n, raw_pub(p))) for n, p in ws]
    two = with_cosignatures(signed, [spec_cosign(n, p, cp.body(), 1_700_000_000 + i) for i, (n, p) in enumerate(ws[:2])])
    assert [c.name for c in require_quorum(two, verifiers, 2)] == ["witness.example/w1", "witness.example/w2"]
    with pytest.raises(VerificationError, match=r"cosigned by 2 of the 3 witnesses .* fewer than the 3 required; "
                                                r"missing: witness.example/w3\+"):
        require_quorum(two, verifiers)
    with pytest.raises(VerificationError, match="quorum of 4 cannot be met by 3"):
        require_quorum(two, verifiers, 4)
    with pytest.raises(VerificationError, match="quorum of 0"):
        require_quorum(two, verifiers, 0)
    # The same witness twice counts once.
    dup = with_cosignatures(signed, [spec_cosign(*ws[0], cp.body(), 1), spec_cosign(*ws[0], cp.body(), 2)])
    with pytest.raises(VerificationError, match="cosigned by 1 of the 3"):
        require_quorum(dup, verifiers, 2)


def test_a_known_witness_whose_signature_fails_rejects_the_note(log):
    _, cp, signed = log
    (n1, p1), (_, p2) = witness(1), witness(2)
    good = spec_cosign(n1, p1, cp.body(), 5)
    forged = spec_cosign(n1, p2, cp.body(), 5)  # w1's name, w2's key: the key ID differs, so it is unknown
    v1 = parse_witness_vkey(spec_vkey(n1, raw_pub(p1)))
    assert [c.name for c in cosignatures(with_cosignatures(signed, [forged, good]), [v1])] == [n1]
    # Right name and key ID, wrong signature bytes: the note is refused, not just the line.
    raw = bytearray(base64.b64decode(good.split(" ")[2]))
    raw[-1] ^= 0x80
    bad = f"\u2014 {n1} {base64.b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(VerificationError, match="does not verify"):
        cosignatures(with_cosignatures(signed, [bad, good]), [v1])


def test_zero_timestamp_is_refused(log):
    _, cp, signed = log
    name, priv = witness(1)
    v = parse_witness_vkey(spec_vkey(name, raw_pub(priv)))
    with pytest.raises(VerificationError, match="timestamp 0"):
        require_quorum(with_cosignatures(signed, [spec_cosign(name, priv, cp.body(), 0)]), [v])


def test_response_parsing(log):
    _, cp, signed = log
    (n1, p1), (n2, p2) = witness(1), witness(2)
    v1 = parse_witness_vkey(spec_vkey(n1, raw_pub(p1)))
    both = spec_cosign(n2, p2, cp.body(), 9) + spec_cosign(n1, p1, cp.body(), 9)
    [c] = response_cosignatures(signed, both, v1)  # the unknown key's line is ignored
    assert c.name == n1
    with pytest.raises(VerificationError, match="carries no cosignature by witness.example/w1"):
        response_cosignatures(signed, spec_cosign(n2, p2, cp.body(), 9), v1)
    with pytest.raises(VerificationError, match="does not end with a newline"):
        response_cosignatures(signed, both[:-1], v1)
    with pytest.raises(VerificationError):
        response_cosignatures(signed, "not a signature line\n", v1)
