"""Signed notes and checkpoints against the outside vectors in tests/vectors/note_vectors.json:
published signatures reproduced byte for byte, real sum.golang.org tree heads, Tessera's 15-entry
test log rebuilt with merkle.py, and witness cosignatures."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle, note
from ledger_app.ledger.checkpoint import open_checkpoint, parse_checkpoint_body, sign_checkpoint


@pytest.fixture(scope="module")
def vec(data_dir):
    return json.loads((data_dir / "vectors" / "note_vectors.json").read_text())["vectors"]


def test_c2sp_example_verifies(vec):
    v = vec["c2sp_signed_note_example"]
    ver = note.parse_vkey(v["vkey"])
    assert ver.public_key.hex() == v["public_key_hex"]
    assert ver.key_id.hex() == v["key_id_hex"]
    assert note.vkey_for("example.com/foo", ver.public_key) == v["vkey"]
    opened = note.open_note(v["signed_note"], [ver])
    assert opened.text == v["signed_text"]
    assert [s.name for s in opened.verified_signers] == ["example.com/foo"]
    sig = base64.b64decode(v["signed_note"].split("\n\n")[1].split(" ")[2])
    assert sig[4:].hex() == v["signature_hex"]


def test_go_note_signature_reproduced_byte_for_byte(vec):
    g = vec["golang_mod_sumdb_note"]
    signer = note.signer_from_skey(g["skey"])
    assert signer.vkey == g["vkey"]
    assert signer.key_id.hex() == g["key_id_hex"]
    assert signer.public_key.hex() == g["public_key_hex"]
    # The same key from its raw seed gives the same signer.
    again = note.signer_from_private_key(
        "PeterNeumann", Ed25519PrivateKey.from_private_bytes(bytes.fromhex(g["seed_hex"]))
    )
    assert again.vkey == g["vkey"]
    assert note.sign_note(g["text"], [signer]) == g["signed_note"]
    assert signer.sign(g["text"].encode()).hex() == g["signature_hex"]


def test_go_doubly_signed_note(vec):
    g = vec["golang_mod_sumdb_note"]
    peter = note.parse_vkey(g["vkey"])
    enoch = note.parse_vkey(g["second_signer"]["vkey"])
    assert enoch.public_key.hex() == g["second_signer"]["public_key_hex"]
    both = note.open_note(g["doubly_signed_note"], [peter, enoch])
    assert [v.name for v in both.verified_signers] == ["PeterNeumann", "EnochRoot"]
    assert both.unverified_sigs == ()
    only_peter = note.open_note(g["doubly_signed_note"], [peter])
    assert [s.name for s in only_peter.unverified_sigs] == ["EnochRoot"]
    only_enoch = note.open_note(g["doubly_signed_note"], [enoch])
    assert [v.name for v in only_enoch.verified_signers] == ["EnochRoot"]


def test_go_negative_vectors(vec):
    g = vec["golang_mod_sumdb_note"]
    neg = g["negative"]
    peter = note.parse_vkey(g["vkey"])
    mangled = next(v for k, v in neg.items() if k.startswith("mangled"))
    with pytest.raises(VerificationError, match="malformed note|does not verify"):
        note.open_note(mangled, [peter])
    for bad in neg["bad_vkeys"]:
        with pytest.raises(VerificationError):
            note.parse_vkey(bad)
    for bad in neg["malformed_notes"]:
        with pytest.raises(VerificationError, match="malformed note"):
            note.open_note(bad, [peter])


def test_go_tree_note_body(vec):
    t = vec["golang_mod_tlog_tree_note_body"]
    cp = parse_checkpoint_body(t["body"])
    assert cp.origin == "go.sum database tree"
    assert cp.size == 123456789012
    assert cp.root_hash == merkle.leaf_hash(b"hello world")
    assert cp.body() == t["body"]


def test_sum_golang_org_tree_heads(vec):
    s = vec["sum_golang_org_production_tree_heads"]
    ver = note.parse_vkey(s["vkey"])
    assert ver.key_id.hex() == s["key_id_hex"] and ver.public_key.hex() == s["public_key_hex"]
    sizes = []
    for signed in s["signed_notes"]:
        cp = open_checkpoint(signed, [ver], origin="go.sum database tree")
        sizes.append(cp.size)
        # Its origin is not its key name, so the default rule refuses it.
        with pytest.raises(VerificationError, match="not the name of the key"):
            open_checkpoint(signed, [ver])
        # One changed digit of the size breaks the signature.
        forged = signed.replace(f"\n{cp.size}\n", f"\n{cp.size + 1}\n", 1)
        with pytest.raises(VerificationError, match="does not verify"):
            open_checkpoint(forged, [ver], origin="go.sum database tree")
    assert len(sizes) == len(s["signed_notes"]) >= 8


def test_transparency_dev_test_keys(vec):
    for k in vec["transparency_dev_formats_test_keys"]["keys"]:
        signer = note.signer_from_skey(k["skey"])
        assert signer.vkey == k["vkey"]
        assert signer.public_key.hex() == k["public_key_hex"]
        ver = note.parse_vkey(k["vkey"])
        assert ver.key_id.hex() == k["key_id_hex"]
        signed = note.sign_note("hello\n", [signer])
        assert note.open_note(signed, [ver]).text == "hello\n"


def test_tessera_log_rebuilt_and_every_checkpoint_reproduced(vec):
    t = vec["tessera_testdata_log"]
    ver = note.parse_vkey(t["vkey"])
    signer = note.signer_from_skey(t["skey"])
    assert signer.vkey == t["vkey"]
    hashes = [merkle.leaf_hash(x.encode()) for x in t["leaf_data_ascii"]]
    assert [h.hex() for h in hashes] == t["leaf_hashes_hex"]
    bundle = b"".join(len(x).to_bytes(2, "big") + x.encode() for x in t["leaf_data_ascii"][:3])
    assert bundle.hex() == t["entry_bundle_size_3_hex"]
    assert [c["tree_size"] for c in t["checkpoints"]] == list(range(16))
    for c in t["checkpoints"]:
        cp = open_checkpoint(c["checkpoint"], [ver])
        assert cp.origin == "example.com/log/testdata"
        assert cp.size == c["tree_size"]
        assert cp.root_hash.hex() == c["root_hex"] == merkle.root(hashes[: cp.size]).hex()
        assert sign_checkpoint(cp, signer) == c["checkpoint"]
    # Consecutive checkpoints are consistent by proofs computed from the entries.
    for old in range(1, 15):
        new = 15
        proof = merkle.consistency_proof(old, hashes[:new])
        merkle.verify_consistency(old, new, merkle.root(hashes[:old]), merkle.root(hashes), proof)


def test_cosignature_keys_parse(vec):
    for k in vec["cosignature_vkeys"]["keys"]:
        ver = note.parse_vkey(k["vkey"], allow_cosignature=True)
        assert ver.sig_type == k["type"]
        assert ver.public_key.hex() == k["public_key_hex"]
        assert ver.key_id.hex() == k["key_id_hex"]
        if "as_cosignature_v1_vkey" in k:
            cos = note.parse_vkey(k["as_cosignature_v1_vkey"], allow_cosignature=True)
            assert cos.key_id.hex() == k["as_cosignature_v1_key_id_hex"]
            assert cos.public_key == ver.public_key
    witness = vec["cosignature_vkeys"]["keys"][0]["vkey"]
    with pytest.raises(VerificationError, match="0x04"):
        note.parse_vkey(witness)  # a witness key is not a log key unless asked for


def test_c2sp_cosignature_example_decodes(vec):
    c = vec["c2sp_cosignature_example_decoded"]
    line = c["signature_line"]
    assert line.startswith(note.SIG_PREFIX) and line.endswith("\n")
    name, b64 = line[len(note.SIG_PREFIX) : -1].split(" ")
    raw = base64.b64decode(b64)
    assert name == "witness.example.com/w1"
    assert raw[:4].hex() == c["key_id_hex"]
    assert int.from_bytes(raw[4:12], "big") == c["timestamp"]
    assert raw[12:].hex() == c["ed25519_sig_hex"]


def test_derived_cosignature_reproduced_and_verified(vec):
    d = vec["derived_cosignature_v1_ed25519"]
    base = note.signer_from_skey(d["skey"])
    # Rebuild the private key from the Go skey's seed.
    seed = base64.b64decode(d["skey"].split("+", 4)[4])[1:]
    witness = note.cosigner_from_private_key(
        "Wit1", Ed25519PrivateKey.from_private_bytes(seed), d["timestamp"]
    )
    assert witness.public_key.hex() == d["public_key_hex"] == base.public_key.hex()
    assert witness.key_id.hex() == d["cosig_key_id_hex"]
    assert witness.vkey == d["cosig_vkey"]
    signed = note.sign_note(d["checkpoint_body"], [witness])
    assert signed == d["checkpoint_body"] + "\n" + d["signature_line"]
    ver = note.parse_vkey(d["cosig_vkey"], allow_cosignature=True)
    assert note.open_note(signed, [ver]).verified_signers == (ver,)
    # Changing the timestamp inside the signature bytes breaks it.
    raw = bytearray(base64.b64decode(d["signature_line"].split(" ")[2]))
    raw[11] ^= 1
    forged = d["checkpoint_body"] + "\n" + f"— Wit1 {base64.b64encode(bytes(raw)).decode()}\n"
    with pytest.raises(VerificationError, match="does not verify"):
        note.open_note(forged, [ver])
    # A log checkpoint cosigned by the witness: the log's signature plus the cosignature.
    t = vec["tessera_testdata_log"]
    log_signed = t["checkpoints"][15]["checkpoint"]
    both = log_signed + d["signature_line"]
    cp = open_checkpoint(both, [note.parse_vkey(t["vkey"]), ver])
    assert cp.size == 15
    # A cosignature alone does not make a log checkpoint.
    with pytest.raises(VerificationError, match="not the name of the key"):
        open_checkpoint(signed, [ver])
