"""RFC 6962 / RFC 9162 Merkle tree arithmetic: hashes, proof shapes, and proof verification.

Everything here is pure: no storage. The database-backed tree (`ledger/store.py`) keeps the hash of
every *perfect* subtree, addressed as (level, index) — the subtree covering leaves
[index * 2**level, (index + 1) * 2**level). Any RFC 6962 node, including the ragged right edge of a
tree whose size is not a power of two, is a right-leaning fold of a few perfect subtrees, so a proof
is answered with O(log n) stored hashes and a handful of SHA-256 calls, never a recomputation.

The naive functions (`root`, `inclusion_proof`, `consistency_proof`) follow the RFC's recursive
definitions literally; tests compare the stored-subtree answers against them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence

from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed

LEAF_PREFIX = b"\x00"
NODE_PREFIX = b"\x01"
EMPTY_ROOT = hashlib.sha256(b"").digest()

_sha256 = hashlib.sha256

Range = tuple[int, int]  # [start, end) of leaf indexes
NodeId = tuple[int, int]  # (level, index) of a perfect subtree


def leaf_hash(data: bytes) -> bytes:
    return _sha256(LEAF_PREFIX + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(NODE_PREFIX + left + right).digest()


def _split(n: int) -> int:
    """The largest power of two strictly smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


# --- naive reference implementations (RFC 6962 section 2.1) -------------------------------------


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over leaf hashes, computed level by level (iterative, O(n) hashes)."""
    n = len(leaf_hashes)
    if n == 0:
        return EMPTY_ROOT
    level = list(leaf_hashes)
    # Fold level by level; an odd last node is carried up unchanged, which yields exactly the
    # RFC's left-heavy split for every size.
    while len(level) > 1:
        nxt = [node_hash(level[i], level[i + 1]) for i in range(0, len(level) - 1, 2)]
        if len(level) % 2:
            nxt.append(level[-1])
        level = nxt
    return level[0]


def _mth(hashes: Sequence[bytes]) -> bytes:
    return root(hashes)


def inclusion_proof(index: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """RFC 6962 PATH(m, D[n]) from all leaf hashes (reference implementation)."""
    n = len(leaf_hashes)
    if not 0 <= index < n:
        raise ValueError(f"index {index} outside a tree of size {n}")
    if n == 1:
        return []
    k = _split(n)
    if index < k:
        return inclusion_proof(index, leaf_hashes[:k]) + [_mth(leaf_hashes[k:])]
    return inclusion_proof(index - k, leaf_hashes[k:]) + [_mth(leaf_hashes[:k])]


def consistency_proof(m: int, leaf_hashes: Sequence[bytes]) -> list[bytes]:
    """RFC 6962 PROOF(m, D[n]) from all leaf hashes (reference implementation)."""
    n = len(leaf_hashes)
    if not 0 < m <= n:
        raise ValueError(f"no consistency proof from size {m} to size {n}")

    def subproof(m: int, d: Sequence[bytes], complete: bool) -> list[bytes]:
        n = len(d)
        if m == n:
            return [] if complete else [_mth(d)]
        k = _split(n)
        if m <= k:
            return subproof(m, d[:k], complete) + [_mth(d[k:])]
        return subproof(m - k, d[k:], False) + [_mth(d[:k])]

    return subproof(m, leaf_hashes, True)


# --- proof shapes in terms of perfect subtrees ---------------------------------------------------


def inclusion_ranges(index: int, size: int) -> list[Range]:
    """The leaf ranges whose hashes form PATH(index, D[size]), bottom-up."""
    if not 0 <= index < size:
        raise ValueError(f"index {index} outside a tree of size {size}")
    out: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = _split(end - start)
        if index < start + k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            start = start + k
    out.reverse()
    return out


def consistency_ranges(m: int, n: int) -> list[Range]:
    """The leaf ranges whose hashes form PROOF(m, D[n]), in RFC order."""
    if not 0 < m <= n:
        raise ValueError(f"no consistency proof from size {m} to size {n}")
    out: list[Range] = []
    start, end, complete = 0, n, True
    # Iterative SUBPROOF: descend, collecting sibling ranges; emitted in reverse at the end.
    while True:
        size = end - start
        if m == size:
            if not complete:
                out.append((start, end))
            break
        k = _split(size)
        if m <= k:
            out.append((start + k, end))
            end = start + k
        else:
            out.append((start, start + k))
            m -= k
            start += k
            complete = False
    out.reverse()
    return out


def perfect_cover(start: int, end: int) -> list[NodeId]:
    """Decompose an RFC 6962 node range into perfect subtrees, left to right.

    The range must be a node of some RFC tree: `start` aligned to the largest power of two not
    above `end - start` (every range produced by `inclusion_ranges`/`consistency_ranges` is).
    """
    out: list[NodeId] = []
    pos = start
    while pos < end:
        width = end - pos
        level = width.bit_length() - 1
        # The subtree must also be aligned at pos.
        while pos % (1 << level):
            level -= 1
        out.append((level, pos >> level))
        pos += 1 << level
    return out


def fold(hashes: Sequence[bytes]) -> bytes:
    """Hash of a range from its perfect-subtree cover: a right-leaning fold."""
    acc = hashes[-1]
    for h in reversed(hashes[:-1]):
        acc = node_hash(h, acc)
    return acc


def range_hash(start: int, end: int, get: Callable[[Iterable[NodeId]], dict[NodeId, bytes]]) -> bytes:
    if end <= start:
        return EMPTY_ROOT
    cover = perfect_cover(start, end)
    nodes = get(cover)
    return fold([nodes[c] for c in cover])


def nodes_completed_by_append(old_size: int, new_size: int) -> list[NodeId]:
    """Perfect subtrees of level >= 1 that become complete when the tree grows old->new.

    Ordered bottom-up so each node's children are complete (or computed) before it.
    """
    out: list[NodeId] = []
    level = 1
    while (1 << level) <= new_size:
        first = old_size >> level  # first index not complete before
        last = new_size >> level  # first index not complete after
        out.extend((level, i) for i in range(first, last))
        level += 1
    return out


# --- verification (RFC 9162 sections 2.1.3.2 and 2.1.4.2) ---------------------------------------


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    if size <= 0 or not 0 <= index < size:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "index {i} is not inside a tree of size {size}"), i=index, size=size)
    if len(leaf) != 32 or any(len(p) != 32 for p in proof):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "inclusion proof hashes must be 32 bytes each"))
    fn, sn = index, size - 1
    r = leaf
    for p in proof:
        if sn == 0:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "inclusion proof is longer than the tree allows"))
        if fn & 1 or fn == sn:
            r = node_hash(p, r)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            r = node_hash(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "inclusion proof is shorter than the tree requires"))
    return r


def verify_inclusion(index: int, size: int, leaf: bytes, proof: Sequence[bytes], expected_root: bytes) -> None:
    got = root_from_inclusion_proof(index, size, leaf, proof)
    if got != expected_root:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "inclusion proof for leaf {leaf} in a tree of size {size} leads to "
                                                         "root {got}, expected {expected}"),
                     leaf=index, size=size, got=got.hex(), expected=expected_root.hex())


def verify_consistency(
    old_size: int, new_size: int, old_root: bytes, new_root: bytes, proof: Sequence[bytes]
) -> None:
    if old_size < 0 or new_size < 0 or old_size > new_size:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "cannot prove size {old} consistent with smaller size {new}"), old=old_size, new=new_size)
    if any(len(p) != 32 for p in proof):
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "consistency proof hashes must be 32 bytes each"))
    if old_size == 0:
        # Every tree is trivially consistent with the empty one; like transparency-dev/merkle we
        # refuse such a "proof" rather than accept something that proves nothing.
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a consistency proof from the empty tree proves nothing"))
    if old_size == new_size:
        if proof:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a consistency proof between equal sizes must be empty"))
        if old_root != new_root:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the two roots of the same size differ"))
        return
    if not proof:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof is empty"))
    if len(old_root) != 32 or len(new_root) != 32:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "roots must be 32 bytes each"))
    path = list(proof)
    if old_size & (old_size - 1) == 0:  # a power of two: the old root is the first node
        path.insert(0, old_root)
    fn, sn = old_size - 1, new_size - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof is longer than the sizes allow"))
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            if not fn & 1:
                while fn and not fn & 1:
                    fn >>= 1
                    sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the consistency proof is shorter than the sizes require"))
    if fr != old_root:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "consistency proof does not lead to the old root of size {size}: got "
                                                         "{got}, expected {expected}"),
                     size=old_size, got=fr.hex(), expected=old_root.hex())
    if sr != new_root:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "consistency proof does not lead to the new root of size {size}: got "
                                                         "{got}, expected {expected}"),
                     size=new_size, got=sr.hex(), expected=new_root.hex())
