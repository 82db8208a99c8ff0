"""The database-backed tree: stored-subtree proofs equal the RFC's naive ones, appends are atomic."""

from __future__ import annotations

import random

import pytest

from ledger_app.core.errors import UserError
from ledger_app.ledger import merkle
from ledger_app.ledger.store import LedgerStore
from ledger_app.storage.engine import make_engine, sqlite_url, upgrade


@pytest.fixture()
def store(tmp_path):
    engine = make_engine(sqlite_url(tmp_path / "ledger.db"))
    upgrade(engine)
    return LedgerStore(engine)


def test_batches_match_naive_tree(store):
    rng = random.Random(7)
    leaves: list[bytes] = []
    while len(leaves) < 300:
        batch = [rng.randbytes(rng.randint(0, 40)) for _ in range(rng.randint(1, 37))]
        res = store.append([("t", b) for b in batch], None)
        assert res.first_index == len(leaves)
        leaves += batch
        hashes = [merkle.leaf_hash(x) for x in leaves]
        assert res.root_hash == merkle.root(hashes)
    hashes = [merkle.leaf_hash(x) for x in leaves]
    n = len(hashes)
    for size in [1, 2, 3, 7, 8, 9, 64, 100, 255, 256, n]:
        assert store.root(size) == merkle.root(hashes[:size])
        for index in {0, size // 2, size - 1, rng.randrange(size)}:
            got_size, proof, leaf, root = store.inclusion_proof(index, size)
            assert (got_size, leaf) == (size, hashes[index])
            assert proof == merkle.inclusion_proof(index, hashes[:size])
            merkle.verify_inclusion(index, size, leaf, proof, root)
        for old in {1, size // 3 or 1, size - 1 or 1, size}:
            _, proof, old_root, new_root = store.consistency_proof(old, size)
            assert proof == merkle.consistency_proof(old, hashes[:size])
            merkle.verify_consistency(old, size, old_root, new_root, proof)


def test_out_of_range_is_a_clear_error(store):
    store.append([("t", b"x")], None)
    with pytest.raises(UserError, match="out of range"):
        store.inclusion_proof(0, 5)
    with pytest.raises(UserError, match="not in a tree"):
        store.inclusion_proof(3)
