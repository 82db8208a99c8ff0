"""Full ledger verification: recompute everything from the stored bytes, trust nothing stored.

Checks, in order, stopping at the first problem with a sentence naming the entry index or the
checkpoint and what is wrong:

1. entry indexes run 0..n-1 with no gap, duplicate or reordering;
2. every stored leaf hash equals SHA-256(0x00 || leaf) (with `deep`, every leaf is also decoded and
   must be a canonical entry of a known type);
3. every stored subtree hash (even levels, see store.py) equals the one recomputed from the leaves;
4. every checkpoint's signature verifies under the ledger key it names (including retired keys),
   its origin is the ledger's, its root equals the recomputed root of that size, and no checkpoint
   is smaller than the one before it (roots recomputed from one set of leaves are consistent by
   construction, which is stronger than checking a consistency proof);
5. the newest checkpoint the workspace saw (its witness copy outside the database) is covered:
   cutting the tail, even together with the checkpoints that cover it, is caught there.

The triggers that refuse UPDATE/DELETE are not relied on: an attacker can drop them.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ledger_app.core.errors import VerificationError
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import open_checkpoint
from ledger_app.ledger.entries import check_leaves
from ledger_app.ledger.note import Verifier
from ledger_app.ledger.store import LEVEL_SHIFT, LedgerStore

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    checkpoints: int
    nodes: int
    root_hash: bytes


def verify_ledger(
    store: LedgerStore,
    verifiers: Sequence[Verifier],
    *,
    origin: str,
    witness_checkpoint: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    deep: bool = False,
) -> VerifyReport:
    """Check everything listed in the module docstring; with `deep`, also decode every leaf and
    check it is a canonical entry of a known type (the signatures already authenticate the bytes;
    this catches a writer that produced bad leaves)."""
    sha = hashlib.sha256
    leaf_hashes: list[bytes] = []
    total = store.size()
    # Decoding and the canonical-form check of every leaf dominate the cost: spread them over the
    # other cores while this process hashes and rebuilds the tree. Results are checked in order, so
    # the first bad entry is still the one named.
    pool = _decode_pool(total) if deep else None
    pending: list = []
    with store.engine.connect() as conn:
        cur = _stream_cursor(conn, "verify_entries")
        cur.execute("SELECT idx, leaf, leaf_hash FROM ledger_entry ORDER BY idx")
        expected = 0
        while True:
            rows = cur.fetchmany(20_000)
            if not rows:
                break
            chunk_start = expected
            chunk: list[bytes] = []
            for idx, leaf, stored_hash in rows:
                idx = int(idx)
                if idx != expected:
                    if idx > expected:
                        raise VerificationError(f"entry {expected} is missing (the next stored entry is {idx})", index=expected)
                    raise VerificationError(f"entry {idx} appears twice or out of order", index=idx)
                leaf = bytes(leaf)
                h = sha(b"\x00" + leaf).digest()
                if h != bytes(stored_hash):
                    raise VerificationError(
                        f"entry {idx}: stored leaf hash {bytes(stored_hash).hex()} does not match its bytes ({h.hex()})",
                        index=idx,
                    )
                chunk.append(leaf)
                leaf_hashes.append(h)
                expected += 1
            if not deep:
                pass
            elif pool is None:
                check_leaves((chunk_start, chunk))
            else:
                pending.append(pool.submit(check_leaves, (chunk_start, chunk)))
            if progress:
                progress(expected, max(total, expected))
            if cancelled and cancelled():
                _shutdown(pool)
                raise VerificationError("verification cancelled", what="cancelled")
    try:
        for fut in pending:
            fut.result()
    finally:
        _shutdown(pool)
    n = len(leaf_hashes)

    # Recompute every perfect subtree level by level and compare with what is stored.
    levels: list[list[bytes]] = [leaf_hashes]
    nh = merkle.node_hash
    while len(levels[-1]) >= 2:
        prev = levels[-1]
        levels.append([nh(prev[i], prev[i + 1]) for i in range(0, len(prev) - 1, 2)])
    mask = (1 << LEVEL_SHIFT) - 1
    stored_nodes = 0
    with store.engine.connect() as conn:
        cur = _stream_cursor(conn, "verify_nodes")
        cur.execute("SELECT id, hash FROM ledger_node ORDER BY id")
        while True:
            rows = cur.fetchmany(50_000)
            if not rows:
                break
            for key, h in rows:
                level, ix = int(key) >> LEVEL_SHIFT, int(key) & mask
                if level & 1 or level == 0:
                    raise VerificationError(
                        f"a subtree hash is stored for odd level {level}, which the ledger never stores", what="nodes"
                    )
                if level >= len(levels) or ix >= len(levels[level]):
                    raise VerificationError(
                        f"a stored subtree hash (level {level}, index {ix}) covers entries that do not exist "
                        f"(from {ix << level}); entries were removed",
                        index=min(ix << level, n),
                    )
                if levels[level][ix] != bytes(h):
                    first = ix << level
                    raise VerificationError(
                        f"stored subtree hash (level {level}, index {ix}) over entries {first}..{first + (1 << level) - 1} "
                        "does not match the entries",
                        index=first,
                    )
                stored_nodes += 1

    def root_at(size: int) -> bytes:
        if size == 0:
            return merkle.EMPTY_ROOT
        return merkle.fold([levels[lv][ix] for lv, ix in merkle.perfect_cover(0, size)])

    by_id = {v.key_id: v for v in verifiers}
    checkpoints = store.checkpoints()
    prev_size = 0
    for cp in checkpoints:
        try:
            opened = open_checkpoint(cp.note, list(by_id.values()))
        except VerificationError as e:
            raise VerificationError(f"checkpoint #{cp.id} (size {cp.size}): {e}", what="checkpoint") from None
        if opened.origin != origin:
            raise VerificationError(
                f"checkpoint #{cp.id} names origin {opened.origin!r}, expected {origin!r}", what="checkpoint"
            )
        if opened.size != cp.size or opened.root_hash != cp.root_hash:
            raise VerificationError(
                f"checkpoint #{cp.id}: the stored size/root columns differ from the signed note", what="checkpoint"
            )
        if opened.size > n:
            raise VerificationError(
                f"checkpoint #{cp.id} covers {opened.size} entries but only {n} are stored: entries "
                f"{n}..{opened.size - 1} were removed",
                index=n,
            )
        if opened.size < prev_size:
            raise VerificationError(
                f"checkpoint #{cp.id} has size {opened.size}, smaller than the previous {prev_size}", what="checkpoint"
            )
        if root_at(opened.size) != opened.root_hash:
            # Everything up to prev_size matched an earlier signed root, so the change lies in
            # the entries this checkpoint added.
            raise VerificationError(
                f"entries {prev_size}..{opened.size - 1}: one of them was changed, swapped or re-hashed "
                f"(checkpoint #{cp.id} of size {opened.size} signs a root they no longer produce)",
                index=prev_size,
                what="checkpoint",
            )
        prev_size = opened.size
    if witness_checkpoint:
        w = open_checkpoint(witness_checkpoint, list(by_id.values()))
        if w.size > n:
            raise VerificationError(
                f"the workspace's last seen checkpoint covers {w.size} entries but only {n} are stored: "
                f"entries {n}..{w.size - 1} were removed",
                index=n,
            )
        if root_at(w.size) != w.root_hash:
            raise VerificationError(
                f"the workspace's last seen checkpoint (size {w.size}) does not match the stored entries",
                what="checkpoint",
            )
    if n and not checkpoints:
        raise VerificationError("the ledger has entries but no signed checkpoint", what="checkpoint")
    if checkpoints and checkpoints[-1].size != n:
        # Appends always sign; entries past the last checkpoint were added outside the application.
        raise VerificationError(
            f"entries {checkpoints[-1].size}..{n - 1} are not covered by any signed checkpoint",
            index=checkpoints[-1].size,
        )
    want_nodes = sum(len(lv) for lv in levels[2::2])
    if stored_nodes != want_nodes:
        raise VerificationError(f"{want_nodes - stored_nodes} stored subtree hashes are missing", what="nodes")
    return VerifyReport(entries=n, checkpoints=len(checkpoints), nodes=stored_nodes, root_hash=root_at(n))



def _decode_pool(total: int):  # noqa: ANN202
    """A process pool for leaf decoding when the ledger is large enough to pay for one."""
    workers = min(4, (os.cpu_count() or 1))
    if total < 50_000 or workers < 2:
        return None
    # fork: the workers need nothing but this module's pure functions, start at once, and do not
    # re-import the caller's __main__ (a script without a main guard would break under spawn).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def _shutdown(pool) -> None:  # noqa: ANN001
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _stream_cursor(conn, name: str):  # noqa: ANN001, ANN202
    """A DBAPI cursor that streams rows: a million rows without per-row wrapping, and on PostgreSQL a
    server-side cursor so the table is not loaded into memory at once."""
    if conn.dialect.name == "postgresql":
        return conn.connection.dbapi_connection.cursor(name=name)
    return conn.connection.cursor()
