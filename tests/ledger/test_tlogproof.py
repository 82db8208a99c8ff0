"""c2sp.org/tlog-proof@v1: our proofs round-trip and verify; every tamper is named; the spec's own
example parses; proofs over Tessera's published checkpoints verify."""

from __future__ import annotations

import base64
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle, note
from ledger_app.ledger.checkpoint import Checkpoint, sign_checkpoint
from ledger_app.ledger.tlogproof import (
    HEADER,
    TlogProof,
    format_tlog_proof,
    parse_tlog_proof,
    verify_tlog_proof,
)

NAME = "ledger.example/log"


@pytest.fixture(scope="module")
def tree():
    signer = note.signer_from_private_key(NAME, Ed25519PrivateKey.from_private_bytes(bytes([7]) * 32))
    hashes = [merkle.leaf_hash(f"entry {i}".encode()) for i in range(13)]
    signed = sign_checkpoint(Checkpoint(NAME, 13, merkle.root(hashes)), signer)
    return signer, note.parse_vkey(signer.vkey), hashes, signed


def test_spec_example_layout_parses():
    # The example of c2sp.org/tlog-proof (its checkpoint signatures are elided there, so only parsed).
    example = (
        "c2sp.org/tlog-proof@v1\n"
        "extra YWdlLXYxLjIuMS1kYXJ3aW4tYXJtNjQudGFyLmd6\n"
        "index 73894\n"
        "gSKyXoYZUgZ6jduWYrkDOARinOMGJveXjgMkBTcdPlQ=\n"
        "B95lDa8R83lS8n0eG+o0buTxRKQTYFi//1U8anccXmA=\n"
        "\n"
        "example.com/fancylog\n109482\nsFodV/vSp5O8n9a8QpW6PRY97tfOSW5bsc2Xl/EQi08=\n\n— example.com/fancylog AAAA\n"
    )
    p = parse_tlog_proof(example)
    assert p.index == 73894
    assert p.extra == b"age-v1.2.1-darwin-arm64.tar.gz"
    assert len(p.proof) == 2 and p.signed_checkpoint.startswith("example.com/fancylog\n109482\n")
    assert format_tlog_proof(p.index, list(p.proof), p.signed_checkpoint, p.extra) == example


@pytest.mark.parametrize("extra", [None, b"", b"\x00application data\xff"])
def test_round_trip_and_verify_every_index(tree, extra):
    _, ver, hashes, signed = tree
    for i in range(13):
        proof = merkle.inclusion_proof(i, hashes)
        text = format_tlog_proof(i, proof, signed, extra)
        assert text.startswith(HEADER + "\n")
        assert text.endswith("\n\n" + signed)
        assert parse_tlog_proof(text) == TlogProof(i, tuple(proof), signed, extra)
        cp = verify_tlog_proof(text, hashes[i], [ver])
        assert cp.size == 13 and cp.root_hash == merkle.root(hashes)


def test_single_entry_tree_has_no_proof_lines(tree):
    signer, ver, hashes, _ = tree
    signed = sign_checkpoint(Checkpoint(NAME, 1, hashes[0]), signer)
    text = format_tlog_proof(0, [], signed)
    assert text == f"{HEADER}\nindex 0\n\n{signed}"
    assert verify_tlog_proof(text, hashes[0], [ver]).size == 1


def test_tampering_is_named(tree):
    signer, ver, hashes, signed = tree
    proof = merkle.inclusion_proof(5, hashes)
    good = format_tlog_proof(5, proof, signed)
    with pytest.raises(VerificationError, match="index 5") as e:
        verify_tlog_proof(good, hashes[6], [ver])  # a proof for another entry
    assert e.value.what == "inclusion proof" and e.value.index == 5
    with pytest.raises(VerificationError, match="inclusion proof"):
        verify_tlog_proof(format_tlog_proof(6, proof, signed), hashes[5], [ver])  # wrong index
    swapped = [proof[1], proof[0], *proof[2:]]
    with pytest.raises(VerificationError, match="inclusion proof"):
        verify_tlog_proof(format_tlog_proof(5, swapped, signed), hashes[5], [ver])
    with pytest.raises(VerificationError, match="shorter"):
        verify_tlog_proof(format_tlog_proof(5, proof[:-1], signed), hashes[5], [ver])
    with pytest.raises(VerificationError, match="longer"):
        verify_tlog_proof(format_tlog_proof(5, proof + [proof[0]], signed), hashes[5], [ver])
    with pytest.raises(VerificationError, match="not inside"):
        verify_tlog_proof(format_tlog_proof(13, proof, signed), hashes[5], [ver])
    for pos in range(len(proof)):
        flipped = list(proof)
        flipped[pos] = bytes([flipped[pos][0] ^ 1]) + flipped[pos][1:]
        with pytest.raises(VerificationError):
            verify_tlog_proof(format_tlog_proof(5, flipped, signed), hashes[5], [ver])
    # The checkpoint: edited size, edited root, wrong key.
    lines = signed.split("\n")
    edited = "\n".join([lines[0], "14", *lines[2:]])
    with pytest.raises(VerificationError, match="does not verify"):
        verify_tlog_proof(format_tlog_proof(5, proof, edited), hashes[5], [ver])
    stranger = note.signer_from_private_key(NAME, Ed25519PrivateKey.from_private_bytes(bytes([8]) * 32))
    with pytest.raises(VerificationError, match="no signature from a known key"):
        verify_tlog_proof(good, hashes[5], [note.parse_vkey(stranger.vkey)])
    # A validly signed checkpoint for another tree (a swapped checkpoint).
    other = sign_checkpoint(Checkpoint(NAME, 13, merkle.root(hashes[::-1])), signer)
    with pytest.raises(VerificationError, match="inclusion proof"):
        verify_tlog_proof(format_tlog_proof(5, proof, other), hashes[5], [ver])


@pytest.mark.parametrize(
    "mutate, why",
    [
        (lambda t: t.replace(HEADER, "c2sp.org/tlog-proof@v2"), "first line"),
        (lambda t: t.replace("index 5\n", "index 05\n"), "leading zeros"),
        (lambda t: t.replace("index 5\n", "index -5\n"), "leading zeros"),
        (lambda t: t.replace("index 5\n", ""), "index line is missing"),
        (lambda t: t.replace("index 5\n", "index 5\nextra AAAA\n"), "base64"),
        (
            lambda t: t.replace("index 5\n", "index 5\n" + base64.b64encode(bytes(31)).decode() + "\n"),
            "31 bytes",
        ),
        (lambda t: t.replace("index 5\n", "index 5\nnot base64!\n"), "base64"),
        (lambda t: t.split("\n\n", 1)[0], "no empty line"),
        (lambda t: t.split("\n\n", 1)[0] + "\n\n", "checkpoint is missing"),
        (lambda t: t.encode("utf-8").replace(b"index", b"ind\xffex"), "UTF-8"),
    ],
)
def test_malformed_proofs(tree, mutate, why):
    _, ver, hashes, signed = tree
    text = mutate(format_tlog_proof(5, merkle.inclusion_proof(5, hashes), signed))
    with pytest.raises(VerificationError, match=why):
        verify_tlog_proof(text, hashes[5], [ver])


def test_format_refuses_nonsense(tree):
    _, _, hashes, signed = tree
    with pytest.raises(ValueError):
        format_tlog_proof(-1, [], signed)
    with pytest.raises(ValueError):
        format_tlog_proof(0, [bytes(31)], signed)
    with pytest.raises(ValueError):
        format_tlog_proof(0, [], "")


def test_proofs_over_tessera_published_checkpoints(data_dir):
    t = json.loads((data_dir / "vectors" / "note_vectors.json").read_text())["vectors"][
        "tessera_testdata_log"
    ]
    ver = note.parse_vkey(t["vkey"])
    hashes = [bytes.fromhex(h) for h in t["leaf_hashes_hex"]]
    for c in t["checkpoints"][1:]:
        size = c["tree_size"]
        for i in range(size):
            text = format_tlog_proof(i, merkle.inclusion_proof(i, hashes[:size]), c["checkpoint"])
            assert verify_tlog_proof(text, hashes[i], [ver]).size == size


_LIGHT_IMPORTS = r"""
import sys
ALLOWED_APP = {"ledger_app", "ledger_app.core", "ledger_app.core.errors", "ledger_app.core.messages", "ledger_app.ledger",
               "ledger_app.ledger.merkle", "ledger_app.ledger.note", "ledger_app.ledger.checkpoint",
               "ledger_app.ledger.tlogproof"}

class Guard:
    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in sys.stdlib_module_names or top in ("cryptography", "_cffi_backend") or name in ALLOWED_APP:
            return None
        raise ImportError(f"the offline verifier must not import {name}")

sys.meta_path.insert(0, Guard())
from ledger_app.ledger import checkpoint, merkle, note, tlogproof
text, leaf, vkey = sys.argv[1], bytes.fromhex(sys.argv[2]), sys.argv[3]
print(tlogproof.verify_tlog_proof(text, leaf, [note.parse_vkey(vkey)]).size)
"""


def test_verifier_modules_need_only_cryptography_and_stdlib(tree):
    """note, checkpoint, tlogproof and merkle import nothing beyond cryptography and the stdlib."""
    import subprocess
    import sys

    signer, ver, hashes, signed = tree
    text = format_tlog_proof(3, merkle.inclusion_proof(3, hashes), signed)
    proc = subprocess.run(
        [sys.executable, "-c", _LIGHT_IMPORTS, text, hashes[3].hex(), signer.vkey],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "13"
