"""The ledger on a database: atomic batched appends, stored subtree hashes, O(log n) proofs.

Invariants this module keeps (and `ledger/verify.py` re-checks from scratch):

* Entry indexes are 0..n-1 with no gap and no duplicate. An append reads the current size and
  writes the new entries inside one transaction that holds the database's write lock (SQLite:
  `BEGIN IMMEDIATE`; PostgreSQL: a transaction-level advisory lock), so two processes appending at
  once queue behind each other instead of racing for the same index.
* For every complete perfect subtree of even level >= 2, `ledger_node` holds its hash under
  `(level << 50) | index`; level 0 is the entry's leaf hash, and an odd level is one hash of its two
  stored children. Storing every other level keeps appends close to the raw insert rate (a third of
  a node row per entry instead of one) and costs a proof at most one extra read and hash per
  element. Any RFC 6962 node is a right-leaning fold of at most log2(n) perfect subtrees, so proofs
  and roots need O(log n) reads and no recomputation.
* A checkpoint is signed inside the same transaction as the batch it covers, so a checkpoint is
  never signed for a tree that another writer has extended underneath it.
* An append signs only what it has verified (`verified_head`, O(log n)): the last signed
  checkpoint verifies under the appender's key (or is byte for byte the note that key signs for
  its tree head: `_own_note`), nothing is stored beyond it, the stored subtrees
  still give its root, and it extends the anchor held outside the database (the workspace's
  witness). Otherwise the append is refused with `AppendRefused` and nothing is written or signed.

It stays one module (some 740 lines) on purpose: the write lock, the append path and the
stored-subtree layout are one invariant, and the append is the benchmarked hot path; split, the
lock's promise and the code that relies on it would live in different files. The two statement
helpers at the top (`BulkInsert`, `HashesByKey`) belong to that hot path.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Column, Select, Table, bindparam, func, insert, select, text
from sqlalchemy.engine import Connection, Dialect, Engine, Row

from ledger_app.core.errors import ConfigError, NotFoundError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, refused, said_of, say
from ledger_app.ledger import merkle
from ledger_app.ledger.anchor import check_extends
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint, parse_checkpoint_body
from ledger_app.ledger.note import ALG_ED25519, Verifier
from ledger_app.ledger.schema import ledger_checkpoint, ledger_entry, ledger_node

LEVEL_SHIFT = 50
PG_APPEND_LOCK = 7243002  # advisory lock key: "one ledger appender at a time"
INIT_TYPE = "ledger.init"  # the entry that starts a ledger; only ever entry 0
_MEMO = 64  # notes remembered as opened, and proven prefixes of the current head (see LedgerStore)


# The statements every append runs, built once (SQLAlchemy caches their compiled form too).
_E, _N, _K = ledger_entry.c, ledger_node.c, ledger_checkpoint.c
_ENTRY_COLUMNS = (_E.idx, _E.type, _E.leaf, _E.leaf_hash, _E.created_at)
_CP_COLUMNS = (_K.id, _K.size, _K.root_hash, _K.note, _K.key_id, _K.created_at)
_INSERT_CHECKPOINT = insert(ledger_checkpoint)
_MAX_IDX = select(func.max(_E.idx))
_LAST_CHECKPOINT = select(*_CP_COLUMNS).order_by(_K.id.desc()).limit(1)
# The last checkpoint and the stored size in one statement (this runs before every append).
_HEAD_SELECT = select(*_CP_COLUMNS, _MAX_IDX.scalar_subquery()).order_by(_K.id.desc()).limit(1)
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


class BulkInsert:
    """A Core INSERT of fixed columns, compiled once per dialect and run with the driver's executemany.

    Why not `conn.execute(insert(table), [dict, ...])`: SQLAlchemy builds, checks and type-processes
    a parameter dict per row, which on the append path (a leaf and two hashes per entry) cost a
    third of the append rate (bench/bench_ledger.py). The SQL is still SQLAlchemy's: its compiler
    writes the statement and the driver's parameter markers; rows (tuples in `columns` order) go
    to the driver in the order the compiled statement names its parameters, through the
    connection's own DBAPI cursor, inside the connection's transaction. Values are passed as the
    driver takes them (bytes, int, float, str), so no type processing is skipped that matters.
    """

    def __init__(self, table: Table, columns: Sequence[str]):
        self.statement = insert(table)
        self.columns = tuple(columns)
        self._compiled: dict[str, tuple[str, tuple[int, ...] | None]] = {}

    def _for(self, dialect: Dialect) -> tuple[str, tuple[int, ...] | None]:
        """(SQL, order of the row values for a positional driver; None for a named one)."""
        found = self._compiled.get(dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=dialect, column_keys=list(self.columns))
            names = compiled.positiontup if compiled.positional else None
            order = None if names is None else tuple(self.columns.index(k) for k in names)
            found = self._compiled[dialect.name] = (compiled.string, order)
        return found

    def run(self, conn: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        sql, order = self._for(conn.dialect)
        params: Sequence[Any]
        if order is None:
            params = [dict(zip(self.columns, r, strict=True)) for r in rows]
        elif order == tuple(range(len(self.columns))):
            params = rows
        else:
            params = [tuple(r[i] for i in order) for r in rows]
        cursor = conn.connection.cursor()
        try:
            cursor.executemany(sql, params)
        finally:
            cursor.close()


class HashesByKey:
    """`SELECT key, hash FROM table WHERE key IN (:k0, :k1, ...)`: the stored hashes a proof or an
    append reads, as a Core select with one bound parameter per key, compiled once per dialect and
    number of keys and run on the connection's DBAPI cursor (as `BulkInsert`, and for the same
    reason: an expanding parameter through SQLAlchemy's execution made a proof 40 % slower). Key
    lists are padded to a power of two (a repeated key changes nothing in an IN list), so few
    statements are ever compiled.
    """

    def __init__(self, key: Column[int], value: Column[bytes]):
        self.key, self.value = key, value
        self._compiled: dict[tuple[str, int], tuple[str, tuple[int, ...] | None]] = {}

    def _for(self, dialect: Dialect, n: int) -> tuple[str, tuple[int, ...] | None]:
        found = self._compiled.get((dialect.name, n))
        if found is None:
            names = [f"k{i}" for i in range(n)]
            compiled = select(self.key, self.value).where(self.key.in_([bindparam(k) for k in names])).compile(
                dialect=dialect)
            order = tuple(names.index(k) for k in compiled.positiontup) if compiled.positiontup else None
            found = self._compiled[(dialect.name, n)] = (compiled.string, order)
        return found

    def read(self, conn: Connection, keys: Sequence[int]) -> list[tuple[int, bytes]]:
        n = 1 << (len(keys) - 1).bit_length()
        padded = [*keys, *[keys[-1]] * (n - len(keys))]
        sql, order = self._for(conn.dialect, n)
        params: Any = (tuple(padded[i] for i in order) if order is not None
                       else {f"k{i}": v for i, v in enumerate(padded)})
        cursor = conn.connection.cursor()
        try:
            cursor.execute(sql, params)
            return [(int(k), bytes(h)) for k, h in cursor.fetchall()]
        finally:
            cursor.close()


class FirstRow:
    """The first row of a Core select whose only bound values are its own (a LIMIT), compiled once per
    dialect and run on the connection's DBAPI cursor, as `HashesByKey` and for the same reason: the
    head of the ledger is read before every append, and SQLAlchemy's execution was four fifths of
    that read."""

    def __init__(self, statement: Select[Any]):
        self.statement = statement
        self._compiled: dict[str, tuple[str, Any]] = {}

    def first(self, conn: Connection) -> tuple[Any, ...] | None:
        found = self._compiled.get(conn.dialect.name)
        if found is None:
            compiled = self.statement.compile(dialect=conn.dialect)
            params = (tuple(compiled.params[k] for k in compiled.positiontup or ()) if compiled.positional
                      else dict(compiled.params))
            found = self._compiled[conn.dialect.name] = (compiled.string, params)
        cursor = conn.connection.cursor()
        try:
            cursor.execute(*found)
            row = cursor.fetchone()
            return None if row is None else tuple(row)
        finally:
            cursor.close()


_HEAD = FirstRow(_HEAD_SELECT)
_LATEST = FirstRow(_LAST_CHECKPOINT)
_LEAF_HASHES = HashesByKey(_E.idx, _E.leaf_hash)
_NODE_HASHES = HashesByKey(_N.id, _N.hash)
_INSERT_ENTRIES = BulkInsert(ledger_entry, ("idx", "type", "leaf", "leaf_hash", "created_at"))
_INSERT_NODES = BulkInsert(ledger_node, ("id", "hash"))


def node_key(level: int, index: int) -> int:
    return (level << LEVEL_SHIFT) | index


class CheckpointSigner(Protocol):
    key_id: str
    origin: str
    # The keys the last signed checkpoint must verify under before anything is signed over it
    # (the appender's own key: after a rotation the rotation checkpoint carries both keys): the
    # public halves of the keys `sign_tree_head` signs with, in the note's names.
    verifiers: Sequence[Verifier]

    def sign_tree_head(self, size: int, root_hash: bytes) -> str:
        """Return the signed checkpoint note for this tree head. Ed25519 signing is deterministic, so
        the same head gives the same note; `LedgerStore` relies on that only to recognise a note
        this key set signed (see `LedgerStore._open`), never to accept one it does not recognise."""


class AppendRefused(VerificationError):
    """The stored ledger is not what was last signed; the append wrote and signed nothing. `reason`
    is the English sentence, `reason_said` the same as a message (core/messages.py), `said` the whole."""

    def __init__(self, message: str | Said, *, index: int | None = None, what: str = "append"):
        said = say(QT_TRANSLATE_NOOP("ServiceMessage", "{reason}; nothing was appended or signed"), reason=message)
        super().__init__(str(said), index=index, what=what)
        self.reason = str(message)
        self.reason_said = message
        self.said = said


@dataclass(frozen=True)
class StoredEntry:
    index: int
    type: str
    leaf: bytes
    leaf_hash: bytes
    created_at: float


@dataclass(frozen=True)
class StoredCheckpoint:
    id: int
    size: int
    root_hash: bytes
    note: str
    key_id: str
    created_at: float


@dataclass(frozen=True)
class VerifiedHead:
    """The tree an append may build on: the last signed checkpoint, re-checked against the store."""

    size: int
    root_hash: bytes
    checkpoint: StoredCheckpoint | None
    nodes: dict[tuple[int, int], bytes]  # the perfect subtrees covering [0, size), as verified


@dataclass(frozen=True)
class AppendResult:
    first_index: int
    size: int
    root_hash: bytes
    checkpoint: StoredCheckpoint | None
    # The checkpoint in `checkpoint.note` as opened under the signer's own keys (`signer.verifiers`),
    # which made that note in this append; None without a signer or for a note it cannot read back.
    signed: Checkpoint | None = None


class LedgerStore:
    """Reads and appends the ledger tables through one SQLAlchemy engine."""

    def __init__(self, engine: Engine):
        self.engine = engine
        self.dialect = engine.dialect.name
        # What `verified_head` need not redo (see there); never the stored tree itself, which it
        # reads and folds on every call.
        # Checkpoint notes known to verify under a key set: opened by `verified_head`, or signed by
        # this object with those keys. Ed25519 over the same bytes under the same keys always gives
        # the same answer, and any other byte is another note.
        self._opened: dict[tuple[str, tuple[Verifier, ...]], Checkpoint] = {}
        # The last tree head (size, root) `verified_head` accepted or this object then signed on top
        # of it, and the heads proven to be prefixes of it (anchors checked with a consistency proof,
        # the heads it extended on the way).
        self._head: tuple[int, bytes] | None = None
        self._prefixes: dict[tuple[int, bytes], None] = {}

    # --- appends -------------------------------------------------------------------------------

    def take_write_lock(self, conn: Connection) -> None:
        """Take the ledger's write lock for the rest of the transaction.

        Invariant: between taking this lock and committing, no other client adds a row to
        ledger_entry, ledger_node or ledger_checkpoint. So the size this transaction reads is the
        size it writes against (indexes stay gap-free and unique), the frontier nodes it reads are
        the current ones, and the checkpoint it signs is for the tree exactly as it commits it:
        never for a tree another client has extended underneath.

        SQLite: `BEGIN IMMEDIATE` (see engine.py) already holds the database's single write lock.
        PostgreSQL: `pg_advisory_xact_lock` on one key per database, released by the server at
        commit or rollback (also when a client dies, since its session ends). Every appender takes
        it as the first statement of its write transaction, before reading anything, and the engine
        runs READ COMMITTED, so every later statement takes a fresh snapshot that includes what the
        previous lock holder committed (it releases the lock only after its commit is visible).
        Rows written outside the application are outside this promise; `ledger log verify` finds
        them.
        """
        if self.dialect == "postgresql":
            conn.execute(_PG_LOCK, {"key": PG_APPEND_LOCK})

    def _size(self, conn: Connection) -> int:
        last = conn.execute(_MAX_IDX).scalar()
        return 0 if last is None else int(last) + 1

    def append(
        self,
        entries: Sequence[tuple[str, bytes]],
        signer: CheckpointSigner | None,
        *,
        conn: Connection | None = None,
        now: float | None = None,
        anchor: Checkpoint | None = None,
        pre_check: bool = True,
    ) -> AppendResult:
        """Append (type, leaf bytes) pairs atomically and sign a checkpoint over the new tree.

        With `conn`, the caller owns an open write transaction (see `write_transaction`) and the
        append joins it, so domain rows and their ledger entries commit together. With a signer,
        the tree is first checked by `verified_head` against the last signed checkpoint and
        `anchor` (the newest checkpoint kept outside the database); a failure raises AppendRefused
        before anything is written. `pre_check=False` exists only for the benchmark that measures
        what the check costs.
        """
        if not entries:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "nothing to append"))
        if conn is None:
            with self.write_transaction() as c:
                return self.append(entries, signer, conn=c, now=now, anchor=anchor, pre_check=pre_check)
        now = time.time() if now is None else now
        if any(t == INIT_TYPE for t, _ in entries) and self._size(conn):
            # Two clients creating a ledger in the same fresh shared database at once: the second
            # one reaches this point after the first committed, and must not start a second ledger.
            # Checked before the head is verified: the first client's checkpoint is signed by a key
            # the second never knew, which is not tampering but a lost race.
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "this database already holds a ledger; open it with --db instead of `ledger init`"),
                          error=ConfigError)
        known: dict[tuple[int, int], bytes] = {}
        if signer is not None and pre_check:
            head = self.verified_head(conn, signer.verifiers, signer.origin, anchor, signer=signer)
            start, known = head.size, dict(head.nodes)
        else:
            start = self._size(conn)
        sha = hashlib.sha256
        leaf_hashes = [sha(b"\x00" + leaf).digest() for _, leaf in entries]
        end = start + len(entries)
        _INSERT_ENTRIES.run(
            conn, [(start + i, t, leaf, h, now) for i, ((t, leaf), h) in enumerate(zip(entries, leaf_hashes, strict=True))]
        )
        new_nodes = self._complete_nodes(conn, start, end, leaf_hashes, known)
        stored = [(node_key(lv, ix), h) for (lv, ix), h in new_nodes.items() if not lv & 1]
        if stored:
            _INSERT_NODES.run(conn, stored)
        known.update({(0, start + i): h for i, h in enumerate(leaf_hashes)})
        known.update(new_nodes)
        cover = merkle.perfect_cover(0, end)
        cover_nodes = self._nodes(conn, cover, known)
        root_hash = merkle.fold([cover_nodes[c] for c in cover])
        cp = signed = None
        if signer is not None:
            cp = self._store_checkpoint(conn, end, root_hash, signer, now)
            signed = self._remember_signed(cp.note, signer)
            if pre_check:
                # Built on the head `verified_head` just accepted, so it extends every prefix of it.
                self._extend_head(start, end, root_hash)
        return AppendResult(first_index=start, size=end, root_hash=root_hash, checkpoint=cp, signed=signed)

    def write_transaction(self):
        """A connection in a transaction that holds the ledger's write lock until commit."""
        return _WriteTxn(self.engine, self.take_write_lock)

    def _complete_nodes(
        self, conn: Connection, start: int, end: int, leaf_hashes: Sequence[bytes],
        known: dict[tuple[int, int], bytes] | None = None,
    ) -> dict[tuple[int, int], bytes]:
        """Hashes of every perfect subtree (level >= 1) completed by growing start -> end.

        Level by level over contiguous lists; a level's first child may predate the batch (the old
        right frontier: one of the perfect subtrees covering [0, start), which `verified_head`
        has already read and checked against the signed root, and is taken from `known`).
        """
        known = known or {}
        out: dict[tuple[int, int], bytes] = {}
        sha = hashlib.sha256
        prev_first, prev = start, list(leaf_hashes)  # nodes of level-1 from index prev_first
        level = 1
        while (1 << level) <= end:
            first, last = start >> level, end >> level
            if first < last:
                lo = 2 * first
                if lo < prev_first:  # the left child is older than this batch
                    old = self._nodes(conn, [(level - 1, lo)], known)[(level - 1, lo)]
                    prev, prev_first = [old, *prev], lo
                off = lo - prev_first
                cur = [
                    sha(b"\x01" + prev[off + 2 * k] + prev[off + 2 * k + 1]).digest() for k in range(last - first)
                ]
                for k, h in enumerate(cur):
                    out[(level, first + k)] = h
                prev, prev_first = cur, first
            else:
                prev, prev_first = [], last
            level += 1
        return out

    def _store_checkpoint(
        self, conn: Connection, size: int, root_hash: bytes, signer: CheckpointSigner, now: float
    ) -> StoredCheckpoint:
        """Sign and store the checkpoint, and return that row as written: built from what was inserted
        and the id the insert reports, never read back by "the newest id", which a row inserted by
        someone else (team mode's role may INSERT, without the append lock) could be; the store
        remembers the returned note as its own signature (`_remember_signed`)."""
        note = signer.sign_tree_head(size, root_hash)
        res = conn.execute(
            _INSERT_CHECKPOINT,
            {"size": size, "root_hash": root_hash, "note": note, "key_id": signer.key_id, "created_at": now},
        )
        key = res.inserted_primary_key
        if key is None:  # every dialect this store runs on reports it (SQLite lastrowid, PostgreSQL RETURNING)
            raise RuntimeError("the database did not report the id of the checkpoint just stored")
        return StoredCheckpoint(int(key[0]), size, root_hash, note, signer.key_id, now)

    def sign_checkpoint(self, signer: CheckpointSigner, anchor: Checkpoint | None = None) -> StoredCheckpoint:
        """Sign a checkpoint for the current tree, after the same check as an append."""
        with self.write_transaction() as conn:
            head = self.verified_head(conn, signer.verifiers, signer.origin, anchor, signer=signer)
            cp = self._store_checkpoint(conn, head.size, head.root_hash, signer, time.time())
            self._remember_signed(cp.note, signer)
            return cp

    def _last_checkpoint(self, conn: Connection) -> StoredCheckpoint | None:
        row = conn.execute(_LAST_CHECKPOINT).first()
        return None if row is None else _cp(row)

    def verified_head(
        self,
        conn: Connection,
        verifiers: Sequence[Verifier],
        origin: str,
        anchor: Checkpoint | None = None,
        *,
        signer: CheckpointSigner | None = None,
    ) -> VerifiedHead:
        """The tree an append may extend, checked in O(log n) reads; raise AppendRefused otherwise.

        1. The last stored checkpoint verifies under `verifiers` and names `origin` (with `signer`,
           the appender holding those keys, a note byte for byte what it signs for that tree head
           is recognised without an Ed25519 verification: see `_open`).
        2. The database holds exactly the entries it covers: nothing beyond it (a row inserted at
           the next index by anyone but an appender, who always signs in the same transaction) and
           nothing missing.
        3. The perfect subtrees covering [0, size) still fold to its signed root. Every node an
           append reads of the old tree is one of these, so the new root is an extension of the
           signed one by construction.
        4. It extends `anchor` (an RFC 6962 consistency proof built from the stored subtrees):
           a smaller checkpoint than the anchor is a rollback, another root a fork.
        """
        # One statement for the last checkpoint and the stored size (this runs before every append).
        row = _HEAD.first(conn)
        if row is None:
            cp, n = None, self._size(conn)
        else:
            cp, n = _cp(row), (0 if row[6] is None else int(row[6]) + 1)
        if cp is None:
            self._head = None
            if n:
                raise AppendRefused(say(QT_TRANSLATE_NOOP("ServiceMessage", "the database holds entries 0..{last} but "
                                                                            "no signed checkpoint covers them"),
                                        last=n - 1), index=0)
            if anchor is not None and anchor.size:
                raise AppendRefused(
                    say(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger is empty but this workspace saw a signed "
                                                            "checkpoint of {size} entries: the database was replaced "
                                                            "or rolled back"), size=anchor.size),
                    index=0,
                    what="rollback",
                )
            return VerifiedHead(0, merkle.EMPTY_ROOT, None, {})
        where = say(QT_TRANSLATE_NOOP("ServiceMessage", "the last signed checkpoint (#{id}, size {size})"), id=cp.id,
                    size=cp.size)
        try:
            signed = self._open(cp.note, verifiers, signer)
        except VerificationError as exc:
            raise AppendRefused(say(QT_TRANSLATE_NOOP("ServiceMessage", "{where} does not verify under the signing key: "
                                                                        "{problem}"), where=where, problem=said_of(exc)),
                                what="checkpoint") from None
        if signed.origin != origin:
            raise AppendRefused(say(QT_TRANSLATE_NOOP("ServiceMessage", "{where} names origin {found}, not this ledger's "
                                                                        "{origin}"),
                                    where=where, found=repr(signed.origin), origin=repr(origin)), what="checkpoint")
        if n > signed.size:
            raise AppendRefused(
                say(QT_TRANSLATE_NOOP("ServiceMessage", "entries {first}..{last} are stored beyond {where} and were not "
                                                        "written by an appender (entry {first} is the first one no "
                                                        "checkpoint signs)"), first=signed.size, last=n - 1, where=where),
                index=signed.size,
            )
        if n < signed.size:
            raise AppendRefused(
                say(QT_TRANSLATE_NOOP("ServiceMessage", "{where} covers {size} entries but only {n} are stored: entry {n} "
                                                        "is the first missing one"), where=where, size=signed.size, n=n),
                index=n,
            )
        head = (signed.size, signed.root_hash)
        if head != self._head:
            self._head, self._prefixes = head, {}
        # An anchor needs a consistency proof unless it is this head, or a head already proven to be
        # a prefix of this very (size, root) (4 is then settled: one tree head has one set of prefixes).
        proven = anchor is None or (anchor.origin == signed.origin and (
            (anchor.size, anchor.root_hash) == head or (anchor.size, anchor.root_hash) in self._prefixes))
        cover = merkle.perfect_cover(0, signed.size)
        want = set(cover)
        proof_covers: list[list[tuple[int, int]]] = []
        if not proven and anchor is not None and 0 < anchor.size < signed.size:
            proof_covers = [merkle.perfect_cover(a, b) for a, b in merkle.consistency_ranges(anchor.size, signed.size)]
            want.update(c for pc in proof_covers for c in pc)
        try:
            nodes = self._nodes(conn, want, {})
        except NotFoundError as exc:
            raise AppendRefused(say(QT_TRANSLATE_NOOP("ServiceMessage", "the stored tree under {where} is incomplete "
                                                                        "({problem})"), where=where, problem=said_of(exc)),
                                what="nodes") from None
        root = merkle.fold([nodes[c] for c in cover])
        if root != signed.root_hash:
            raise AppendRefused(
                say(QT_TRANSLATE_NOOP("ServiceMessage", "the stored subtree hashes under {where} no longer fold to its "
                                                        "signed root: stored ledger rows were changed (run `ledger log "
                                                        "verify` to name the entry)"), where=where),
                what="nodes",
            )
        if not proven and anchor is not None:
            proof = [merkle.fold([nodes[c] for c in pc]) for pc in proof_covers]
            try:
                check_extends(anchor, signed, proof,
                              old_name=say(QT_TRANSLATE_NOOP("ServiceMessage", "the workspace's witness checkpoint")),
                              new_name=say(QT_TRANSLATE_NOOP("ServiceMessage", "the database's last signed checkpoint "
                                                                               "(#{id}, size {size})"), id=cp.id,
                                           size=cp.size))
            except VerificationError as exc:
                raise AppendRefused(said_of(exc), what=exc.what or "anchor", index=exc.index) from None
            self._add_prefix((anchor.size, anchor.root_hash))
        return VerifiedHead(signed.size, root, cp, {c: nodes[c] for c in cover})

    def _open(self, note: str, verifiers: Sequence[Verifier], signer: CheckpointSigner | None = None) -> Checkpoint:
        """`open_checkpoint(note, verifiers)`, done once per (note, keys) (see `_opened`); a note that
        `signer`, holding exactly these keys, recognises as its own (`_own_note`) needs no verification."""
        key = (note, tuple(verifiers))
        found = self._opened.get(key)
        if found is None:
            own = signer is not None and tuple(signer.verifiers) == key[1]
            found = (self._own_note(note, signer) if own and signer is not None else None) or open_checkpoint(
                note, list(verifiers))
            self._remember_opened(key, found)
        return found

    @staticmethod
    def _own_note(note: str, signer: CheckpointSigner) -> Checkpoint | None:
        """The checkpoint `note` holds if it is byte for byte the note `signer` signs for that tree
        head; None otherwise (the caller then verifies it in full).

        Why this is a verification: Ed25519 signatures are deterministic (RFC 8032 5.1.6), so the key
        holder re-signing the head and comparing is what checking a MAC is, recomputing the tag, and
        the equal note carries a valid signature by every signing key, each named in the note as the
        verifiers name it. It costs one Ed25519 signature instead of one verification (about a third:
        bench/bench_ledger.py), which is what a team's appends pay for every checkpoint another member
        signed. The head re-signed is a well-formed checkpoint of this ledger's origin, the kind an
        append signs anyway; the note made here is only compared, in constant time so that its bytes
        cannot be learnt from timing, and then dropped: never stored, returned or put in a message.
        """
        split = note.rfind("\n\n")
        if split < 0:
            return None
        try:
            cp = parse_checkpoint_body(note[: split + 1])
        except VerificationError:
            return None
        if cp.origin != signer.origin or cp.extensions or not any(
                v.name == cp.origin and v.sig_type == ALG_ED25519 for v in signer.verifiers):
            return None
        mine = signer.sign_tree_head(cp.size, cp.root_hash)
        return cp if hmac.compare_digest(mine.encode("utf-8"), note.encode("utf-8")) else None

    def _remember_opened(self, key: tuple[str, tuple[Verifier, ...]], cp: Checkpoint) -> None:
        if len(self._opened) >= _MEMO:
            del self._opened[next(iter(self._opened))]  # the oldest
        self._opened[key] = cp

    def _remember_signed(self, note: str, signer: CheckpointSigner) -> Checkpoint | None:
        """A note this object just signed verifies under the signer's own keys: remember it as opened,
        as `open_checkpoint` would return it (its origin must name one of those keys), and return it."""
        try:
            cp = parse_checkpoint_body(note[: note.rfind("\n\n") + 1])
        except VerificationError:
            return None  # not a checkpoint this store can read back; `verified_head` will say so
        if any(v.name == cp.origin and v.sig_type == ALG_ED25519 for v in signer.verifiers):
            self._remember_opened((note, tuple(signer.verifiers)), cp)
            return cp
        return None

    def _extend_head(self, old_size: int, size: int, root_hash: bytes) -> None:
        """This object signed (size, root_hash) on top of the head `verified_head` accepted: that head
        and its prefixes are prefixes of the new one."""
        old = self._head
        if old is None or old[0] != old_size:
            self._head, self._prefixes = None, {}
            return
        self._add_prefix(old)
        self._head = (size, root_hash)

    def _add_prefix(self, head: tuple[int, bytes]) -> None:
        if len(self._prefixes) >= _MEMO:
            del self._prefixes[next(iter(self._prefixes))]  # the oldest: an anchor that old is proven anew
        self._prefixes[head] = None

    # --- reads ---------------------------------------------------------------------------------

    def _nodes(
        self, conn: Connection, ids: Iterable[tuple[int, int]], known: dict[tuple[int, int], bytes]
    ) -> dict[tuple[int, int], bytes]:
        """Hashes of perfect subtrees (level, index): one query, odd levels folded from children."""
        ids = set(ids)
        out = {i: known[i] for i in ids if i in known}
        fetch: set[tuple[int, int]] = set()
        for lv, ix in ids - out.keys():
            if lv & 1:
                for child in ((lv - 1, 2 * ix), (lv - 1, 2 * ix + 1)):
                    if child in known:
                        out[child] = known[child]
                    else:
                        fetch.add(child)
            else:
                fetch.add((lv, ix))
        leaves = [ix for lv, ix in fetch if lv == 0]
        inner = [node_key(lv, ix) for lv, ix in fetch if lv > 0]
        if leaves:
            for idx, h in _LEAF_HASHES.read(conn, leaves):
                out[(0, idx)] = h
        if inner:
            mask = (1 << LEVEL_SHIFT) - 1
            for key, h in _NODE_HASHES.read(conn, inner):
                out[(key >> LEVEL_SHIFT, key & mask)] = h
        for lv, ix in ids:
            if (lv, ix) not in out and lv & 1:
                a, b = out.get((lv - 1, 2 * ix)), out.get((lv - 1, 2 * ix + 1))
                if a is not None and b is not None:
                    out[(lv, ix)] = merkle.node_hash(a, b)
        lost = sorted(i for i in ids if i not in out)
        if lost:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger is missing stored subtree hashes {lost}; run "
                                                              "`ledger log verify`"), error=NotFoundError, lost=lost[:3])
        return out

    def size(self, conn: Connection | None = None) -> int:
        """The number of stored entries; with `conn`, as that connection's transaction sees it."""
        if conn is not None:
            return self._size(conn)
        with self.engine.connect() as c:
            return self._size(c)

    def root(self, size: int | None = None) -> bytes:
        with self.engine.connect() as conn:
            n = self._resolve_size(conn, size)
            return merkle.range_hash(0, n, lambda ids: self._nodes(conn, ids, {}))

    def _resolve_size(self, conn: Connection, size: int | None) -> int:
        current = self._size(conn)
        if size is None:
            return current
        if not 0 <= size <= current:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger has {current} entries; size {size} is out of range"), current=current, size=size)
        return size

    def inclusion_proof(self, index: int, size: int | None = None) -> tuple[int, list[bytes], bytes, bytes]:
        """Return (size, proof, leaf_hash, root) for entry `index` in the tree of `size` entries."""
        with self.engine.connect() as conn:
            n = self._resolve_size(conn, size)
            if not 0 <= index < n:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "entry {index} is not in a tree of {n} entries"), index=index, n=n)
            ranges = merkle.inclusion_ranges(index, n)
            covers = [merkle.perfect_cover(a, b) for a, b in ranges]
            root_cover = merkle.perfect_cover(0, n)
            want = {c for cov in covers for c in cov} | set(root_cover) | {(0, index)}
            nodes = self._nodes(conn, want, {})
            proof = [merkle.fold([nodes[c] for c in cov]) for cov in covers]
            return n, proof, nodes[(0, index)], merkle.fold([nodes[c] for c in root_cover])

    def inclusion_paths(self, conn: Connection, indexes: Sequence[int], size: int,
                        known: dict[tuple[int, int], bytes] | None = None) -> list[list[bytes]]:
        """The RFC 6962 inclusion proofs of entries `indexes` in the tree of `size` entries, from one
        read of the stored subtree hashes (those in `known` not read again; what is read is added to
        it). `size` is taken as given, not checked against the stored size: the caller has it from a
        signed checkpoint and must check every proof against that checkpoint's root before it trusts
        the proof or the leaf (services/stored.py does), so a stored hash that differs fails there."""
        for index in indexes:
            if not 0 <= index < size:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "entry {index} is not in a tree of {n} entries"), index=index, n=size)
        covers = [[merkle.perfect_cover(a, b) for a, b in merkle.inclusion_ranges(i, size)] for i in indexes]
        cache = {} if known is None else known
        nodes = self._nodes(conn, {c for cs in covers for cov in cs for c in cov}, cache)
        for c, h in nodes.items():
            if (c[1] + 1) << c[0] <= size:  # a complete perfect subtree: its hash never changes
                cache[c] = h
        return [[merkle.fold([nodes[c] for c in cov]) for cov in cs] for cs in covers]

    def consistency_proof(self, old: int, new: int | None = None) -> tuple[int, list[bytes], bytes, bytes]:
        """Return (new_size, proof, old_root, new_root)."""
        with self.engine.connect() as conn:
            n = self._resolve_size(conn, new)
            if not 0 < old <= n:
                raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "no consistency proof from size {old} to size {n}"), old=old, n=n)
            covers = [merkle.perfect_cover(a, b) for a, b in merkle.consistency_ranges(old, n)]
            old_cover, new_cover = merkle.perfect_cover(0, old), merkle.perfect_cover(0, n)
            want = {c for cov in covers for c in cov} | set(old_cover) | set(new_cover)
            nodes = self._nodes(conn, want, {})
            proof = [merkle.fold([nodes[c] for c in cov]) for cov in covers]
            return n, proof, merkle.fold([nodes[c] for c in old_cover]), merkle.fold([nodes[c] for c in new_cover])

    def entry(self, index: int) -> StoredEntry:
        with self.engine.connect() as conn:
            row = conn.execute(select(*_ENTRY_COLUMNS).where(_E.idx == int(index))).first()
        if row is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "there is no ledger entry {index}"), error=NotFoundError, index=index)
        return _entry(row)

    def entries(self, start: int = 0, limit: int | None = None, *, types: Sequence[str] | None = None) -> list[StoredEntry]:
        query = select(*_ENTRY_COLUMNS).where(_E.idx >= int(start))
        if types:
            query = query.where(_E.type.in_(list(types)))
        query = query.order_by(_E.idx)
        if limit is not None:
            query = query.limit(int(limit))
        with self.engine.connect() as conn:
            return [_entry(r) for r in conn.execute(query)]

    def iter_entries(self, batch: int = 50_000) -> Iterator[StoredEntry]:
        """All entries in index order, streamed in pages (for verification and export)."""
        nxt = 0
        while True:
            page = self.entries(nxt, batch)
            if not page:
                return
            yield from page
            nxt = page[-1].index + 1

    def key_entries(self) -> list[StoredEntry]:
        """Entry 0 and the entries whose type column says `key.rotated` (found through the type
        index). The column is a hint only: callers decode and prove what they get."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(*_ENTRY_COLUMNS).where(_E.type.in_([INIT_TYPE, "key.rotated"])).order_by(_E.idx)
            ).all()
            first = conn.execute(select(*_ENTRY_COLUMNS).where(_E.idx == 0)).first()
        out = [_entry(r) for r in rows if int(r[0]) != 0]
        return ([_entry(first)] if first is not None else []) + out

    def latest_checkpoint(self, conn: Connection | None = None) -> StoredCheckpoint | None:
        """The last stored checkpoint (as stored: its note is not verified here); with `conn`, read
        on that connection's DBAPI cursor (`FirstRow`: a proof reads it every time)."""
        if conn is not None:
            row = _LATEST.first(conn)
            return None if row is None else _cp(row)
        with self.engine.connect() as c:
            return self._last_checkpoint(c)

    def checkpoints(self) -> list[StoredCheckpoint]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(*_CP_COLUMNS).order_by(_K.id)).all()
        return [_cp(r) for r in rows]

    def checkpoint_for_size(self, size: int) -> StoredCheckpoint | None:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(*_CP_COLUMNS).where(_K.size == int(size)).order_by(_K.id.desc()).limit(1)
            ).first()
        return None if row is None else _cp(row)


class _WriteTxn:
    """Context manager: connection + transaction + the ledger write lock (see module docstring)."""

    def __init__(self, engine: Engine, take_lock: Callable[[Connection], None]):
        self.engine = engine
        self.take_lock = take_lock  # LedgerStore.take_write_lock, bound

    def __enter__(self) -> Connection:
        self._conn = self.engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE")
        self._txn = self._conn.begin()
        try:
            self.take_lock(self._conn)
        except BaseException:
            self._txn.rollback()
            self._conn.close()
            raise
        return self._conn

    def __exit__(self, exc_type, exc, tb) -> None:
        try:
            if exc_type is None:
                self._txn.commit()
            else:
                self._txn.rollback()
        finally:
            self._conn.close()


def _entry(row: Row) -> StoredEntry:
    return StoredEntry(int(row[0]), str(row[1]), bytes(row[2]), bytes(row[3]), float(row[4]))


def _cp(row: Row | tuple[Any, ...]) -> StoredCheckpoint:
    return StoredCheckpoint(int(row[0]), int(row[1]), bytes(row[2]), str(row[3]), str(row[4]), float(row[5]))
