"""Full ledger verification: recompute everything from the stored bytes, trust nothing stored.

Checks, in order, stopping at the first problem with a sentence naming the entry index or the
checkpoint and what is wrong:

1. entry indexes run 0..n-1 with no gap, duplicate or reordering;
2. every stored leaf hash equals SHA-256(0x00 || leaf), the stored `type` column equals the leaf's
   type, and leaf times never run backwards (with `deep`, every leaf is also decoded and must be a
   canonical entry of a known type);
3. every stored subtree hash (even levels, see store.py) equals the one recomputed from the leaves;
4. the key chain comes from the leaves (entry 0's key, then each `key.rotated` entry signed by
   both keys); a key is valid for checkpoints up to the one that records its rotation, never after;
   the `ledger_key` table must name exactly the chain's keys, its active one the chain's newest;
5. every checkpoint's signature verifies under the key valid at its size, its origin is the
   ledger's, its root equals the recomputed root of that size, and no checkpoint is smaller than
   the one before it (roots recomputed from one set of leaves are consistent by construction,
   which is stronger than checking a consistency proof);
6. the newest checkpoint the workspace saw (its witness copy outside the database) is covered:
   cutting the tail, even together with the checkpoints that cover it, is caught there; so are a
   verifier key and a signed checkpoint an auditor holds (`pinned_vkey`, `pinned_checkpoint`),
   which catch a ledger rewritten whole with a new key and a new witness.

A truncated tail is named by its first missing entry.

The triggers that refuse UPDATE/DELETE are not relied on: an attacker can drop them.

It stays one module (some 550 lines) on purpose: the checks above are successive streamed passes of
`verify_ledger` over the entries, the stored subtrees and the checkpoints, sharing the recomputed
tree levels and the key chain; split, that state would have to be handed between files, and the
order of the checks, which decides which problem is named first, would no longer be read in one place.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, said_of, say
from ledger_app.ledger import merkle
from ledger_app.ledger.checkpoint import open_checkpoint
from ledger_app.ledger.entries import check_leaves, decode_entry, leaf_ts_type
from ledger_app.ledger.keys import verify_rotation
from ledger_app.ledger.note import Verifier, parse_vkey
from ledger_app.ledger.schema import ledger_entry, ledger_node
from ledger_app.ledger.store import LEVEL_SHIFT, LedgerStore

_ALL_ENTRIES = select(ledger_entry.c.idx, ledger_entry.c.leaf, ledger_entry.c.leaf_hash, ledger_entry.c.type).order_by(
    ledger_entry.c.idx)
_ALL_NODES = select(ledger_node.c.id, ledger_node.c.hash).order_by(ledger_node.c.id)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class KeyLink:
    """A key of the ledger's chain and the index of the entry that introduced it."""

    index: int
    verifier: Verifier


def key_chain_from_leaves(entries: Sequence[tuple[int, bytes, str | None]]) -> list[KeyLink]:
    """The key chain from entry 0 and the `key.rotated` entries, given as (index, leaf, type column).

    Each leaf is decoded (strictly); a type column that disagrees with its leaf, a rotation not
    signed by both keys, or one that does not start from the chain's newest key is refused.
    """
    chain: list[KeyLink] = []
    for index, leaf, column in entries:
        e = decode_entry(leaf, index=index)
        if column is not None and column != e.type:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the type column says {column} but the signed leaf "
                                                             "is a {type} entry"),
                         index=index, what="type", n=index, column=repr(column), type=repr(e.type))
        if index == 0:
            if e.type != "ledger.init":
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry 0 is not the ledger.init entry"), index=0, what="key")
            try:
                chain.append(KeyLink(0, parse_vkey(e.payload["vkey"])))
            except (KeyError, TypeError) as exc:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry 0 names no usable key ({problem})"), index=0, what="key",
                             problem=str(exc)) from None
            continue
        if e.type != "key.rotated":
            continue
        if not chain:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a key rotation comes before the ledger.init entry"), index=index,
                         what="key")
        try:
            verify_rotation(e.payload)
        except VerificationError as exc:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: {problem}"), index=index, what="key", n=index,
                         problem=said_of(exc)) from None
        if e.payload["old_vkey"] != chain[-1].verifier.vkey:
            raise failed(
                QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the key rotation starts from {old}, not from the "
                                                    "ledger's key at that point ({current})"),
                index=index, what="key", n=index, old=e.payload["old_vkey"], current=chain[-1].verifier.vkey,
            )
        chain.append(KeyLink(index, parse_vkey(e.payload["new_vkey"])))
    if not chain:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has no ledger.init entry"), index=0, what="key")
    return chain


def _valid_keys(chain: Sequence[KeyLink], size: int) -> list[Verifier]:
    """The key a checkpoint of `size` must be signed by: the newest one introduced by an entry in it.

    A rotation entry at index r is signed (with the old key too) by the checkpoint of size r + 1,
    so the old key is valid up to size r + 1 only together with the new one, and alone up to r.
    """
    current = chain[0]
    for link in chain[1:]:
        if link.index < size:
            current = link
    return [current.verifier]


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    checkpoints: int
    nodes: int
    root_hash: bytes
    warnings: tuple[str, ...] = ()  # e.g. entry times that run backwards


def verify_ledger(
    store: LedgerStore,
    verifiers: Sequence[Verifier] | None = None,
    *,
    origin: str,
    witness_checkpoint: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    deep: bool = False,
    pinned_vkey: Verifier | None = None,
    pinned_checkpoint: str | None = None,
    key_table: Sequence[tuple[str, bool]] | None = None,
    witness_table: tuple[Sequence[tuple[str, str, str]], str | None] | None = None,
) -> VerifyReport:
    """Check everything listed in the module docstring; with `deep`, also decode every leaf and
    check it is a canonical entry of a known type (the signatures already authenticate the bytes;
    this catches a writer that produced bad leaves).

    `verifiers`: None for a ledger of this application (the key chain is read from its leaves);
    a fixed key list only for a bare store without a `ledger.init` entry (the benchmarks).
    `key_table`: the (vkey, active) rows of `ledger_key`, which must agree with the chain.
    `witness_table`: the (name, url, vkey) rows of `witness` and the stored policy (k, or None),
    which must be what the witness.added / witness.removed / witness.policy entries made them."""
    total = store.size()
    # Decoding and the canonical-form check of every leaf dominate the cost: spread them over the
    # other cores while this process hashes and rebuilds the tree. Results are checked in order, so
    # the first bad entry is still the one named.
    pool = _decode_pool(total) if deep else None
    pending: list = []
    scan = EntryScan()
    subtree_problem: VerificationError | None = None
    try:
        with store.engine.connect() as conn:
            cur = _stream(conn, "verify_entries", _ALL_ENTRIES)
            while True:
                rows = cur.fetchmany(20_000)
                if not rows:
                    break
                chunk_start = scan.expected
                chunk = scan.page(rows)
                if not deep:
                    pass
                elif pool is None:
                    check_leaves((chunk_start, chunk))
                else:
                    pending.append(pool.submit(check_leaves, (chunk_start, chunk)))
                if progress:
                    progress(scan.expected, max(total, scan.expected))
                if cancelled and cancelled():
                    raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "verification cancelled"), what="cancelled")
        # Check 3 while the pool still decodes (the cores stay busy); a leaf that fails to decode
        # is still named before a stored subtree that does not match, as when they ran one by one.
        try:
            levels, stored_nodes = _check_subtrees(store, scan.leaf_hashes)
        except VerificationError as exc:
            subtree_problem = exc
        for fut in pending:
            fut.result()
    finally:
        _shutdown(pool)
    if subtree_problem is not None:
        raise subtree_problem
    leaf_hashes, chain_leaves, witness_leaves = scan.leaf_hashes, scan.chain_leaves, scan.witness_leaves
    n = len(leaf_hashes)

    def root_at(size: int) -> bytes:
        if size == 0:
            return merkle.EMPTY_ROOT
        return merkle.fold([levels[lv][ix] for lv, ix in merkle.perfect_cover(0, size)])

    if verifiers is not None:
        chain = [KeyLink(0, v) for v in verifiers]
        all_keys = list(verifiers)
    else:
        chain = key_chain_from_leaves(chain_leaves) if n else []
        all_keys = [link.verifier for link in chain]
    if pinned_vkey is not None and all(v.vkey != pinned_vkey.vkey for v in all_keys):
        raise failed(
            QT_TRANSLATE_NOOP("ServiceMessage", "the verifier key you hold ({vkey}) is not in this ledger's key chain "
                                                "({chain}): the ledger was rewritten or is another ledger"),
            what="vkey", vkey=pinned_vkey.vkey,
            chain=", ".join(v.vkey for v in all_keys) or say(QT_TRANSLATE_NOOP("ServiceMessage", "empty")),
        )
    checkpoints = store.checkpoints()
    prev_size = 0
    for cp in checkpoints:
        try:
            opened = open_checkpoint(cp.note, all_keys)
        except VerificationError as e:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id} (size {size}): {problem}"),
                         what="checkpoint", id=cp.id, size=cp.size, problem=said_of(e)) from None
        if verifiers is None:
            valid = _valid_keys(chain, cp.size)
            try:
                open_checkpoint(cp.note, valid)
            except VerificationError:
                raise failed(
                    QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id} (size {size}) is not signed by {vkey}, the "
                                                        "key valid at that size: a key retired by a rotation signed it "
                                                        "after its rotation"),
                    what="key", id=cp.id, size=cp.size, vkey=valid[0].vkey,
                ) from None
        if opened.origin != origin:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id} names origin {found}, expected {origin}"),
                         what="checkpoint", id=cp.id, found=repr(opened.origin), origin=repr(origin))
        if opened.size != cp.size or opened.root_hash != cp.root_hash:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id}: the stored size/root columns differ from the "
                                                             "signed note"), what="checkpoint", id=cp.id)
        if opened.size > n:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id} covers {size} entries but only {n} are "
                                                             "stored: entries {n}..{last} were removed"),
                         index=n, id=cp.id, size=opened.size, n=n, last=opened.size - 1)
        if opened.size < prev_size:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "checkpoint #{id} has size {size}, smaller than the previous "
                                                             "{previous}"), what="checkpoint", id=cp.id, size=opened.size,
                         previous=prev_size)
        if root_at(opened.size) != opened.root_hash:
            # Everything up to prev_size matched an earlier signed root, so the change lies in
            # the entries this checkpoint added.
            raise failed(
                QT_TRANSLATE_NOOP("ServiceMessage", "entries {first}..{last}: one of them was changed, swapped or "
                                                    "re-hashed (checkpoint #{id} of size {size} signs a root they no "
                                                    "longer produce)"),
                index=prev_size, what="checkpoint", first=prev_size, last=opened.size - 1, id=cp.id, size=opened.size,
            )
        prev_size = opened.size
    pins = []
    if witness_checkpoint:
        pins.append((say(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace's last seen checkpoint")), witness_checkpoint,
                     all_keys))
    if pinned_checkpoint is not None:
        pins.append((say(QT_TRANSLATE_NOOP("ServiceMessage", "the checkpoint you hold")), pinned_checkpoint,
                     [pinned_vkey] if pinned_vkey else all_keys))
    for name, text, keys in pins:
        try:
            w = open_checkpoint(text, keys)
        except VerificationError as e:
            raise failed(
                QT_TRANSLATE_NOOP("ServiceMessage", "{name} does not verify under the key you hold: {problem}; the "
                                                    "ledger was rewritten or the checkpoint is another ledger's")
                if keys is not all_keys else
                QT_TRANSLATE_NOOP("ServiceMessage", "{name} does not verify under the ledger keys: {problem}; the ledger "
                                                    "was rewritten or the checkpoint is another ledger's"),
                what="pin", name=name, problem=said_of(e)) from None
        if w.origin != origin:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{name} is for log {found}, not {origin}"), what="pin",
                         name=name, found=repr(w.origin), origin=repr(origin))
        if w.size > n:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{name} covers {size} entries but only {n} are stored: "
                                                             "entry {n} is the first missing one (entries {n}..{last} "
                                                             "were removed or the database was rolled back)"),
                         index=n, what="rollback", name=name, size=w.size, n=n, last=w.size - 1)
        if root_at(w.size) != w.root_hash:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{name} (size {size}) does not match the stored entries: "
                                                             "the ledger was rewritten (a fork)"),
                         what="fork", name=name, size=w.size)
    if n and not checkpoints:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has entries but no signed checkpoint"),
                     what="checkpoint")
    if checkpoints and checkpoints[-1].size != n:
        # Appends always sign; entries past the last checkpoint were added outside the application.
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entries {first}..{last} are not covered by any signed checkpoint"),
                     index=checkpoints[-1].size, first=checkpoints[-1].size, last=n - 1)
    want_nodes = sum(len(lv) for lv in levels[2::2])
    if stored_nodes != want_nodes:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "{n} stored subtree hashes are missing"), what="nodes",
                     n=want_nodes - stored_nodes)
    if verifiers is None:
        _check_key_table(chain, key_table)
    if witness_table is not None:
        check_witness_table(witness_leaves, *witness_table)
    return VerifyReport(entries=n, checkpoints=len(checkpoints), nodes=stored_nodes, root_hash=root_at(n),
                        warnings=tuple(scan.warnings))


def _check_subtrees(store: LedgerStore, leaf_hashes: list[bytes]) -> tuple[list[list[bytes]], int]:
    """Check 3: recompute every perfect subtree level by level and compare with what is stored.
    Returns the levels (level 0: the leaf hashes) and the number of stored subtree hashes."""
    n = len(leaf_hashes)
    levels: list[list[bytes]] = [leaf_hashes]
    sha = hashlib.sha256
    while len(levels[-1]) >= 2:
        prev = levels[-1]  # merkle.node_hash, inlined: a million calls; an odd last node waits
        pairs = zip(prev[0::2], prev[1::2], strict=False)
        levels.append([sha(b"\x01" + a + b).digest() for a, b in pairs])
    mask = (1 << LEVEL_SHIFT) - 1
    stored_nodes = 0
    with store.engine.connect() as conn:
        cur = _stream(conn, "verify_nodes", _ALL_NODES)
        while True:
            rows = cur.fetchmany(50_000)
            if not rows:
                break
            if _node_page_matches(rows, levels):
                stored_nodes += len(rows)
                continue
            for key, h in rows:
                level, ix = int(key) >> LEVEL_SHIFT, int(key) & mask
                if level & 1 or level == 0:
                    raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "a subtree hash is stored for odd level {level}, "
                                                                     "which the ledger never stores"),
                                 what="nodes", level=level)
                if level >= len(levels) or ix >= len(levels[level]):
                    raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n} is missing: a stored subtree hash (level "
                                                                     "{level}, index {ix}) covers entries up to {end} but "
                                                                     "only 0..{last} are stored; the tail was cut"),
                                 index=n, n=n, level=level, ix=ix, end=((ix + 1) << level) - 1, last=n - 1)
                if levels[level][ix] != bytes(h):
                    first = ix << level
                    raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "stored subtree hash (level {level}, index {ix}) over "
                                                                     "entries {first}..{last} does not match the entries"),
                                 index=first, level=level, ix=ix, first=first, last=first + (1 << level) - 1)
                stored_nodes += 1

    return levels, stored_nodes


class EntryScan:
    """Checks 1 and 2 over the entries, a page of rows (idx, leaf, leaf_hash, type) at a time, in
    index order; keeps the leaf hashes, the key-chain and witness leaves, and the time warnings."""

    def __init__(self) -> None:
        self.expected = 0
        self.leaf_hashes: list[bytes] = []
        self.chain_leaves: list[tuple[int, bytes, str]] = []
        self.witness_leaves: list[tuple[int, bytes]] = []
        self.last_ts, self.last_ts_idx = "", -1
        self.warnings: list[str] = []

    def page(self, rows: Sequence[Sequence[Any]]) -> list[bytes]:
        """Check one page; return its leaves. Raises VerificationError naming the first bad entry."""
        leaves = self.page_at_once(rows)
        return leaves if leaves is not None else self.page_row_by_row(rows)

    def page_at_once(self, rows: Sequence[Sequence[Any]]) -> list[bytes] | None:
        """The page checked at once, in a few passes of the interpreter's C loops instead of a Python
        loop per entry, if it is what an honest ledger holds: the next indexes in order, leaf hashes
        that match, type columns equal to the leaves' types, times that never run backwards. Then
        it records exactly what `page_row_by_row` would; otherwise it records nothing and returns None,
        and `page_row_by_row` checks the page and names the first problem."""
        start, count = self.expected, len(rows)
        # Columns by itemgetter, not zip(*rows): that makes an iterator per row for the collector.
        leaves = list(map(_LEAF, rows))
        if list(map(_IDX, rows)) != list(range(start, start + count)) or set(map(type, leaves)) != {bytes}:
            return None
        sha = hashlib.sha256
        hashes = [sha(b"\x00" + leaf).digest() for leaf in leaves]
        if hashes != list(map(_HASH, rows)):
            return None
        # `leaf_tail` of every leaf, in passes that make no tuples (the garbage collector would
        # otherwise walk them): the type and time strings sit between fixed markers at the end.
        if not all(map(bytes.endswith, leaves, repeat(_TAIL_END))):
            return None
        type_at = list(map(bytes.rfind, leaves, repeat(_TYPE_MARK)))
        ts_at = list(map(bytes.rfind, leaves, repeat(_TS_MARK), repeat(0), type_at))
        if min(type_at) <= 0 or min(ts_at) <= 0:
            return None  # a leaf `leaf_ts_type` must parse whole
        type_bytes = [leaf[j + 10 : -8] for leaf, j in zip(leaves, type_at, strict=True)]
        stamps = [leaf[k + 7 : j] for leaf, k, j in zip(leaves, ts_at, type_at, strict=True)]
        joined = b"".join(type_bytes) + b"".join(stamps)
        if b'"' in joined or b"\\" in joined:
            return None
        types = [t.decode("utf-8", "replace") for t in type_bytes]
        if types != list(map(_TYPE, rows)):
            return None
        # ASCII times compare as bytes as they do as strings; the page's first is not before the
        # latest time so far, and each is not before the one before it (sorted() of a sorted list
        # is one pass).
        if not b"".join(stamps).isascii() or stamps[0] < self.last_ts.encode("utf-8") or stamps != sorted(stamps):
            return None
        special = _KEY_AND_WITNESS_TYPES.intersection(types)
        if start == 0 or special:
            for k, typ in enumerate(types):
                if start + k == 0 or typ == "key.rotated":
                    self.chain_leaves.append((start + k, leaves[k], typ))
                elif typ in WITNESS_TYPES:
                    self.witness_leaves.append((start + k, leaves[k]))
        self.last_ts, self.last_ts_idx = stamps[-1].decode("ascii"), start + count - 1
        self.leaf_hashes += hashes
        self.expected += count
        return leaves

    def page_row_by_row(self, rows: Sequence[Sequence[Any]]) -> list[bytes]:
        sha = hashlib.sha256
        chunk: list[bytes] = []
        for idx, leaf, stored_hash, column in rows:
            idx = int(idx)
            expected = self.expected
            if idx != expected:
                if idx > expected:
                    raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n} is missing (the next stored entry is {next})"),
                                 index=expected, n=expected, next=idx)
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n} appears twice or out of order"), index=idx, n=idx)
            for value, source in ((leaf, QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: its leaf is stored as {type}, "
                                                                               "not as bytes")),
                                  (stored_hash, QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: its leaf hash is stored as "
                                                                                    "{type}, not as bytes"))):
                if not isinstance(value, bytes | bytearray | memoryview):  # SQLite keeps any type in any column
                    raise failed(source, index=idx, n=idx, type=type(value).__name__)
            leaf = bytes(leaf)
            h = sha(b"\x00" + leaf).digest()
            if h != bytes(stored_hash):
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: stored leaf hash {stored} does not match its "
                                                                 "bytes ({computed})"),
                             index=idx, n=idx, stored=bytes(stored_hash).hex(), computed=h.hex())
            ts, typ = leaf_ts_type(leaf)
            if typ != column:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the type column says {column} but the signed "
                                                                 "leaf is a {type} entry") if typ else
                             QT_TRANSLATE_NOOP("ServiceMessage", "entry {n}: the type column says {column} but the signed "
                                                                 "leaf is not a readable entry"),
                             index=idx, what="type", n=idx, column=repr(column), type=repr(typ))
            if ts < self.last_ts and len(self.warnings) < 20:
                # Reported, not fatal: clients of a team ledger may have skewed clocks.
                self.warnings.append(
                    f"entry {idx}: its time {ts} runs backwards (entry {self.last_ts_idx} is {self.last_ts})")
            if ts >= self.last_ts:
                self.last_ts, self.last_ts_idx = ts, idx
            if idx == 0 or typ == "key.rotated":
                self.chain_leaves.append((idx, leaf, column))
            elif typ in WITNESS_TYPES:
                self.witness_leaves.append((idx, leaf))
            chunk.append(leaf)
            self.leaf_hashes.append(h)
            self.expected += 1
        return chunk


def _node_page_matches(rows: Sequence[Sequence[Any]], levels: Sequence[Sequence[bytes]]) -> bool:
    """True if a page of stored (id, hash) rows is a run of consecutive subtrees of one even level
    >= 2 that all equal the recomputed ones (checked at once); False sends the page to the row by row
    check, which names the problem."""
    keys = list(map(_NODE_ID, rows))
    first = keys[0]
    if type(first) is not int:
        return False
    level, ix = first >> LEVEL_SHIFT, first & ((1 << LEVEL_SHIFT) - 1)
    if level & 1 or level == 0 or level >= len(levels) or ix + len(keys) > len(levels[level]):
        return False
    return keys == list(range(first, first + len(keys))) and levels[level][ix : ix + len(keys)] == list(map(_NODE_HASH, rows))



WITNESS_TYPES = frozenset({"witness.added", "witness.removed", "witness.policy"})
_KEY_AND_WITNESS_TYPES = WITNESS_TYPES | {"key.rotated"}
# The markers `entries.leaf_tail` looks for (it is the reference; `EntryScan` finds them a page at a time).
_TAIL_END, _TYPE_MARK, _TS_MARK = b'","v":1}', b'","type":"', b',"ts":"'
_IDX, _LEAF, _HASH, _TYPE = (itemgetter(i) for i in range(4))  # the columns of _ALL_ENTRIES
_NODE_ID, _NODE_HASH = itemgetter(0), itemgetter(1)  # the columns of _ALL_NODES


def check_witness_table(leaves: Sequence[tuple[int, bytes]], table: Sequence[tuple[str, str, str]],
                        quorum: str | None) -> None:
    """The configured witnesses (`witness` rows) and policy (k) must be what the signed witness.added /
    witness.removed / witness.policy entries made them: a witness deleted, added or re-pointed by
    hand, or a policy lowered by hand, is named. `leaves`: (index, leaf) of those entries in order."""
    want: dict[str, tuple[str, str, int]] = {}  # name -> (url, vkey, index of its witness.added)
    removed: dict[str, int] = {}
    policy: tuple[int, int] | None = None  # (k, entry index)
    for idx, leaf in leaves:
        doc = json.loads(leaf)
        p = doc.get("payload") or {}
        if doc.get("type") == "witness.added":
            want[str(p.get("name"))] = (str(p.get("url")), str(p.get("vkey")), idx)
            removed.pop(str(p.get("name")), None)
        elif doc.get("type") == "witness.removed":
            want.pop(str(p.get("name")), None)
            removed[str(p.get("name"))] = idx
        elif doc.get("type") == "witness.policy":
            k = p.get("quorum")
            if type(k) is not int:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "ledger entry {n} (witness.policy) has no whole-number "
                                                                 "quorum"), index=idx, what="witness", n=idx)
            policy = (k, idx)
    have = {name: (url, vkey) for name, url, vkey in table}
    redo = say(QT_TRANSLATE_NOOP("ServiceMessage", "restore the workspace from a backup, or add or remove the witness "
                                                   "with `ledger witness` so that it is recorded"))
    for name, (url, vkey, idx) in sorted(want.items()):
        if name not in have:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "witness {name} was added by ledger entry {n} and never "
                                                             "removed, but the witness table no longer holds it (deleted "
                                                             "outside the application); {redo}"),
                         index=idx, what="witness", name=name, n=idx, redo=redo)
        if have[name] != (url, vkey):
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "witness {name}'s URL in the witness table is not the one "
                                                             "its ledger entry {n} records (changed outside the "
                                                             "application); {redo}") if have[name][0] != url else
                         QT_TRANSLATE_NOOP("ServiceMessage", "witness {name}'s key in the witness table is not the one "
                                                             "its ledger entry {n} records (changed outside the "
                                                             "application); {redo}"),
                         index=idx, what="witness", name=name, n=idx, redo=redo)
    for name in sorted(set(have) - set(want)):
        gone = removed.get(name)
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "witness {name} is in the witness table but ledger entry {n} "
                                                         "removed it (added outside the application); {redo}")
                     if gone is not None else
                     QT_TRANSLATE_NOOP("ServiceMessage", "witness {name} is in the witness table but no witness.added "
                                                         "entry records it (added outside the application); {redo}"),
                     index=gone, what="witness", name=name, n=gone, redo=redo)
    stored = int(quorum) if quorum is not None and quorum.isdigit() else None
    if stored != (policy[0] if policy else None):
        asked = stored if stored is not None else say(QT_TRANSLATE_NOOP("ServiceMessage", "the default"))
        if policy:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness policy stored in the workspace asks for "
                                                             "{stored} cosignature(s) but the last witness.policy entry "
                                                             "({n}) says {k} (changed outside the application); set it "
                                                             "again with `ledger witness policy K`"),
                         index=policy[1], what="witness", stored=asked, n=policy[1], k=policy[0])
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the witness policy stored in the workspace asks for {stored} "
                                                         "cosignature(s) but no witness.policy entry sets one (changed "
                                                         "outside the application); set it again with `ledger witness "
                                                         "policy K`"), what="witness", stored=asked)


def _check_key_table(chain: Sequence[KeyLink], table: Sequence[tuple[str, bool]] | None) -> None:
    """`ledger_key` (what `log pubkey` once printed, and what clients unlock) must name the chain."""
    if table is None or not chain:
        return
    known = {link.verifier.vkey for link in chain}
    for vkey, _ in table:
        if vkey not in known:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger_key table holds the key {vkey}, which the "
                                                             "ledger's key chain never introduced"), what="key", vkey=vkey)
    active = [vkey for vkey, on in table if on]
    if active != [chain[-1].verifier.vkey]:
        raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger_key table marks {active} active, but the key "
                                                         "chain's current key is {current}"), what="key",
                     active=", ".join(active) or say(QT_TRANSLATE_NOOP("ServiceMessage", "no key")),
                     current=chain[-1].verifier.vkey)


def _decode_pool(total: int):
    """A process pool for leaf decoding when the ledger is large enough to pay for one."""
    workers = min(4, (os.cpu_count() or 1))
    if total < 50_000 or workers < 2:
        return None
    # fork: the workers need nothing but this module's pure functions, start at once, and do not
    # re-import the caller's __main__ (a script without a main guard would break under spawn).
    methods = multiprocessing.get_all_start_methods()
    ctx = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx)


def _shutdown(pool) -> None:
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


def _stream(conn: Connection, name: str, query: Select):
    """A DBAPI cursor streaming the rows of `query` (a Core select that binds no values, compiled for
    the connection's dialect): a million rows without per-row wrapping, and on PostgreSQL a
    server-side cursor so the table is not loaded into memory at once."""
    if conn.dialect.name == "postgresql":
        dbapi = conn.connection.dbapi_connection
        assert dbapi is not None  # an open connection
        cur = dbapi.cursor(name=name)
    else:
        cur = conn.connection.cursor()
    cur.execute(str(query.compile(dialect=conn.dialect)))
    return cur
