"""Property tests (hypothesis) of merkle.py: proofs assembled from perfect-subtree hashes — the way
the database-backed tree answers — equal the RFC 6962 reference proofs and verify; any flipped bit
is rejected; appends complete exactly the expected perfect subtrees."""

from __future__ import annotations

from functools import cache, lru_cache

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle

MAX_SIZE = 2000
LEAVES = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(MAX_SIZE)]
PROPS = settings(max_examples=150, deadline=None, derandomize=True, database=None)


@cache
def perfect(level: int, index: int) -> bytes:
    """The hash of a perfect subtree, computed naively from its leaves."""
    return merkle.root(LEAVES[index << level : (index + 1) << level])


@lru_cache(maxsize=64)
def tree_root(size: int) -> bytes:
    return merkle.root(LEAVES[:size])


def from_subtrees(ranges: list[tuple[int, int]]) -> list[bytes]:
    out = []
    for start, end in ranges:
        cover = merkle.perfect_cover(start, end)
        assert sum(1 << level for level, _ in cover) == end - start
        out.append(merkle.fold([perfect(level, i) for level, i in cover]))
    return out


def flip(proof: list[bytes], which: int, bit: int) -> list[bytes]:
    p = list(proof)
    h = bytearray(p[which])
    h[bit // 8] ^= 1 << (bit % 8)
    p[which] = bytes(h)
    return p


@st.composite
def size_and_index(draw):
    size = draw(st.integers(1, MAX_SIZE))
    return size, draw(st.integers(0, size - 1))


@st.composite
def two_sizes(draw):
    new = draw(st.integers(1, MAX_SIZE))
    return draw(st.integers(1, new)), new


@PROPS
@given(size_and_index(), st.integers(0, 2**32), st.integers(0, 255))
@example((1, 0), 0, 0).via("a single leaf")
@example((1024, 1023), 5, 255).via("last leaf of a perfect tree")
@example((1025, 1024), 1, 7).via("a lone leaf past a power of two")
@example((MAX_SIZE, 1536), 3, 128).via("ragged right edge")
def test_inclusion_from_subtrees_equals_reference_and_verifies(si, pick, bit):
    size, index = si
    proof = from_subtrees(merkle.inclusion_ranges(index, size))
    assert proof == merkle.inclusion_proof(index, LEAVES[:size])
    root = tree_root(size)
    merkle.verify_inclusion(index, size, LEAVES[index], proof, root)
    # A flipped bit anywhere — a proof hash, the leaf, or the root — is rejected.
    if proof:
        with pytest.raises(VerificationError):
            merkle.verify_inclusion(index, size, LEAVES[index], flip(proof, pick % len(proof), bit), root)
    with pytest.raises(VerificationError):
        merkle.verify_inclusion(index, size, flip([LEAVES[index]], 0, bit)[0], proof, root)
    with pytest.raises(VerificationError):
        merkle.verify_inclusion(index, size, LEAVES[index], proof, flip([root], 0, bit)[0])
    # The same proof does not place a different leaf there, nor this leaf at another index.
    if size > 1:
        other = (index + 1 + pick % (size - 1)) % size
        with pytest.raises(VerificationError):
            merkle.verify_inclusion(other, size, LEAVES[index], proof, root)
        with pytest.raises(VerificationError):
            merkle.verify_inclusion(index, size, LEAVES[other], proof, root)


@PROPS
@given(two_sizes(), st.integers(0, 2**32), st.integers(0, 255))
@example((1, 1), 0, 0).via("equal sizes")
@example((1024, 1025), 0, 9).via("a power of two grows by one")
@example((1023, 1024), 4, 200).via("grows to a power of two")
@example((3, MAX_SIZE), 2, 31).via("long proof")
def test_consistency_from_subtrees_equals_reference_and_verifies(sizes, pick, bit):
    old, new = sizes
    proof = from_subtrees(merkle.consistency_ranges(old, new))
    assert proof == merkle.consistency_proof(old, LEAVES[:new])
    old_root, new_root = tree_root(old), tree_root(new)
    merkle.verify_consistency(old, new, old_root, new_root, proof)
    if proof:
        with pytest.raises(VerificationError):
            merkle.verify_consistency(old, new, old_root, new_root, flip(proof, pick % len(proof), bit))
    with pytest.raises(VerificationError):
        merkle.verify_consistency(old, new, flip([old_root], 0, bit)[0], new_root, proof)
    with pytest.raises(VerificationError):
        merkle.verify_consistency(old, new, old_root, flip([new_root], 0, bit)[0], proof)
    if old < new:
        # A proof for other sizes does not pass for these.
        with pytest.raises(VerificationError):
            merkle.verify_consistency(old, new, old_root, new_root, proof[:-1])
        with pytest.raises(VerificationError):
            merkle.verify_consistency(old, new, old_root, new_root, proof + [proof[-1]])


@PROPS
@given(two_sizes())
def test_nodes_completed_by_append(sizes):
    old, new = sizes
    old -= 1  # old may be 0: the very first append
    got = merkle.nodes_completed_by_append(old, new)
    want = {
        (level, i)
        for level in range(1, new.bit_length())
        for i in range(new >> level)
        if ((i + 1) << level) > old
    }
    assert len(got) == len(set(got))
    assert set(got) == want
    # Bottom-up: each node's children are leaves or were complete before or come earlier.
    seen: set[tuple[int, int]] = set()
    for level, i in got:
        for child in ((level - 1, 2 * i), (level - 1, 2 * i + 1)):
            if child[0] >= 1:
                assert child in seen or ((child[1] + 1) << child[0]) <= old
        seen.add((level, i))
    # Growing one step at a time completes the same nodes in total.
    stepwise = [n for s in range(old, new) for n in merkle.nodes_completed_by_append(s, s + 1)]
    assert sorted(stepwise) == sorted(got)


@PROPS
@given(st.integers(1, MAX_SIZE))
def test_root_from_perfect_cover_of_whole_tree(size):
    cover = merkle.perfect_cover(0, size)
    assert merkle.fold([perfect(level, i) for level, i in cover]) == tree_root(size)
    assert merkle.range_hash(0, size, lambda ids: {n: perfect(*n) for n in ids}) == tree_root(size)
