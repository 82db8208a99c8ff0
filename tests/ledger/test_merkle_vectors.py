"""The Merkle code against the outside RFC 6962 vectors in tests/vectors/merkle_vectors.json."""

from __future__ import annotations

import json

import pytest

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle


@pytest.fixture(scope="module")
def vec(data_dir):
    return json.loads((data_dir / "vectors" / "merkle_vectors.json").read_text())


def H(x: str) -> bytes:
    return bytes.fromhex(x)


def test_leaf_hashes_and_roots(vec):
    leaves = [H(x) for x in vec["leaf_inputs_hex"]]
    hashes = [merkle.leaf_hash(x) for x in leaves]
    assert [h.hex() for h in hashes] == vec["leaf_hashes_hex"]
    for size, want in vec["roots_by_size_hex"].items():
        assert merkle.root(hashes[: int(size)]).hex() == want


def test_hasher_vectors(vec):
    assert merkle.EMPTY_ROOT.hex() == vec["hasher_vectors"][0]["want"]
    want = [v["want"] for v in vec["hasher_vectors"]]
    assert merkle.leaf_hash(b"").hex() == want[1]
    assert merkle.leaf_hash(b"L123456").hex() == want[2]
    assert merkle.node_hash(b"N123", b"N456").hex() == want[3]


def test_node_hashes_by_level(vec):
    hashes = [H(x) for x in vec["leaf_hashes_hex"]]
    for level, want in enumerate(vec["node_hashes_by_level_hex"]):
        width = 1 << level
        got = [merkle.root(hashes[i : i + width]).hex() for i in range(0, len(hashes) - width + 1, width)]
        assert got == want


@pytest.mark.parametrize("key", ["inclusion_published", "inclusion_all"])
def test_inclusion_proofs(vec, key):
    hashes = [H(x) for x in vec["leaf_hashes_hex"]]
    for v in vec[key]:
        i, n = v["leaf_index"], v["tree_size"]
        proof = merkle.inclusion_proof(i, hashes[:n])
        assert [p.hex() for p in proof] == v["proof"]
        # The stored-subtree shape gives the same hashes.
        ranged = [merkle.root(hashes[a:b]) for a, b in merkle.inclusion_ranges(i, n)]
        assert ranged == proof
        merkle.verify_inclusion(i, n, H(v["leaf_hash"]), proof, H(v["root"]))


@pytest.mark.parametrize("key", ["consistency_published", "consistency_all"])
def test_consistency_proofs(vec, key):
    hashes = [H(x) for x in vec["leaf_hashes_hex"]]
    for v in vec[key]:
        m, n = v["size1"], v["size2"]
        proof = merkle.consistency_proof(m, hashes[:n])
        assert [p.hex() for p in proof] == v["proof"]
        ranged = [merkle.root(hashes[a:b]) for a, b in merkle.consistency_ranges(m, n)]
        assert ranged == proof
        merkle.verify_consistency(m, n, H(v["root1"]), H(v["root2"]), proof)


def test_rfc_example(vec):
    """RFC 6962 section 2.1.3's worked example, by its letter labels."""
    ex = vec["rfc6962_section_2_1_3_example_7_leaves"]
    h = {k: H(v) for k, v in ex["with_these_leaves_hex"].items()}
    leaves = [h[c] for c in "abcdefj"]
    assert merkle.root(leaves) == h["root"]
    for leaf, labels in ex["inclusion"].items():
        proof = merkle.inclusion_proof(int(leaf[1:]), leaves)
        assert proof == [h[c] for c in labels.split()]
    for sizes, labels in ex["consistency"].items():
        m, n = map(int, sizes.split("->"))
        assert merkle.consistency_proof(m, leaves[:n]) == [h[c] for c in labels.split()]


def test_inclusion_probes(vec):
    rejected = 0
    for v in vec["probes_inclusion"]:
        args = (v["leaf_index"], v["tree_size"], H(v["leaf_hash"]), [H(p) for p in v["proof"]], H(v["root"]))
        if v["want_error"]:
            with pytest.raises(VerificationError):
                merkle.verify_inclusion(*args)
            rejected += 1
        else:
            merkle.verify_inclusion(*args)
    assert rejected > 80


def test_consistency_probes(vec):
    rejected = 0
    for v in vec["probes_consistency"]:
        args = (v["size1"], v["size2"], H(v["root1"]), H(v["root2"]), [H(p) for p in v["proof"]])
        if v["want_error"]:
            with pytest.raises(VerificationError):
                merkle.verify_consistency(*args)
            rejected += 1
        else:
            merkle.verify_consistency(*args)
    assert rejected > 80
    total = sum(v["want_error"] for v in vec["probes_inclusion"] + vec["probes_consistency"])
    assert total == 184
