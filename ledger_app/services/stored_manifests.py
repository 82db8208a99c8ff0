"""The manifest index as services/stored.py reads it: each stored shard's current `shard.manifest`
entry found through the `shard_manifest` table (storage/repos/manifests.py, one indexed lookup) and
never trusted. Before a row is used, its entry's leaf, read from the ledger, must say what the row
says and hash into the latest signed checkpoint (an RFC 6962 path to its root, which is then the
entry's outer proof); and for every checkpoint, the index must hold a row at exactly the ledger's
manifest entries (the type column finds them; `ledger log verify` checks that column). What is
proven is kept for the process; the latest checkpoint is read for every proof.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from sqlalchemy.engine import Connection

from ledger_app.core.errors import VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, failed, said_of
from ledger_app.ledger import manifest, merkle
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint
from ledger_app.ledger.manifest import MANIFEST_TYPE
from ledger_app.ledger.store import StoredCheckpoint
from ledger_app.ledger.tlogproof import format_tlog_proof
from ledger_app.storage.repos import manifests as manifest_index

Head = tuple[StoredCheckpoint, Checkpoint]  # the latest checkpoint as stored, and as verified

_PROVE_BATCH = 256  # index rows proven per read of ledger subtree hashes
_NODES_KEPT = 1 << 20  # ledger subtree hashes kept for the next paths (some 100 MB at most)


@dataclass(frozen=True)
class Manifest:
    """A `shard.manifest` entry as signed."""

    index: int
    corpus: str
    shard: str
    count: int
    root: str
    file: str
    file_sha256: str
    leaf: bytes = b""  # the entry's leaf, proven in the signed ledger (its outer proof is of this leaf)

    def fields(self) -> tuple[str, str, int, str, str, str]:
        """What its row in the manifest index must say (`manifest.INDEX_FIELDS`)."""
        return self.corpus, self.shard, self.count, self.root, self.file, self.file_sha256


class ManifestIndex:
    """The proven manifests of one workspace's ledger."""

    def __init__(self, ledger):  # LedgerService
        self.ledger = ledger
        self.ws = ledger.ws
        self._lock = threading.Lock()
        # What this process has proven, never what the database says: the latest signed checkpoint as
        # opened (note, its checkpoint), the manifest entries whose leaves are proven in a signed
        # checkpoint (by entry index, decoded from those leaves), the size through which the manifest
        # index was found to hold exactly the ledger's manifest entries, and, under the current
        # checkpoint, each shard's current manifest and the outer proofs (c2sp.org/tlog-proof) made.
        self._head: tuple[str, Checkpoint] | None = None
        self._proven: dict[int, Manifest] = {}
        self._checked = 0
        self._shards: dict[tuple[str, str], Manifest | None] = {}
        self._outer: dict[int, str] = {}
        self._nodes: dict[tuple[int, int], bytes] = {}  # ledger subtree hashes read for proven paths

    def _checkpoint(self, conn: Connection) -> Head | None:
        """The latest checkpoint and its note as verified under the ledger's keys (opened once per
        note). A new note resets what is kept per checkpoint, and the manifest index is checked to
        hold exactly the ledger's manifest entries among those it adds (all of them after a rollback)."""
        stored = self.ws.store.latest_checkpoint(conn)
        if stored is None:
            return None
        head = self._head
        if head is not None and head[0] == stored.note:
            return stored, head[1]
        try:
            cp = open_checkpoint(stored.note, self.ledger.known_verifiers())
        except VerificationError as exc:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger's latest checkpoint does not verify under "
                                                             "its keys: {problem}"), what="checkpoint",
                         problem=said_of(exc)) from None
        if cp.origin != self.ledger.origin:
            raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the ledger's latest checkpoint is of another log "
                                                             "({origin})"), what="checkpoint", origin=repr(cp.origin))
        with self._lock:
            start = self._checked if head is not None and cp.size >= head[1].size else 0
            if start == 0:
                self._proven = {}
            bad = manifest_index.unmatched(conn, start, cp.size, MANIFEST_TYPE)
            if bad:
                raise failed(QT_TRANSLATE_NOOP("ServiceMessage", "the manifest index does not hold the ledger's "
                                                                 "shard.manifest entries as they are (entry {n} differs: a "
                                                                 "row deleted, added or moved); run `ledger log verify "
                                                                 "--store`"), what="manifest index", index=bad[0], n=bad[0])
            self._head, self._checked, self._shards, self._outer = (stored.note, cp), cp.size, {}, {}
        return stored, cp

    def _prove(self, conn: Connection, head: Head,
               rows: list[manifest_index.IndexRow]) -> list[Manifest]:
        """The manifests these index rows name, each proven: its entry's leaf is in the signed tree
        `cp` (an RFC 6962 path to its root) and says what the row says. Raises VerificationError for
        the first row that is not so. The paths are kept as the outer proofs under `cp`."""
        note, cp = head[0].note, head[1]
        out: list[Manifest | None] = [None] * len(rows)
        todo = []
        for k, (idx, fields, leaf) in enumerate(rows):
            m = self._proven.get(idx)
            if m is not None and m.fields() == fields:
                out[k] = m
                continue
            if leaf is None or manifest.index_fields(leaf) != fields:
                raise self._bad_row(idx)
            todo.append((k, idx, fields, leaf))
        for at in range(0, len(todo), _PROVE_BATCH):
            batch = todo[at : at + _PROVE_BATCH]
            if len(self._nodes) > _NODES_KEPT:
                self._nodes = {}
            paths = self.ws.store.inclusion_paths(conn, [idx for _, idx, _, _ in batch], cp.size, self._nodes)
            for (k, idx, fields, leaf), path in zip(batch, paths, strict=True):
                try:
                    merkle.verify_inclusion(idx, cp.size, merkle.leaf_hash(leaf), path, cp.root_hash)
                except VerificationError:
                    raise self._bad_row(idx) from None
                m = out[k] = Manifest(idx, *fields, leaf=leaf)
                with self._lock:
                    self._proven[idx] = m
                    if self._head is not None and self._head[0] == note:
                        self._outer[idx] = format_tlog_proof(idx, path, note)
        return [m for m in out if m is not None]

    @staticmethod
    def _bad_row(idx: int) -> VerificationError:
        return failed(QT_TRANSLATE_NOOP("ServiceMessage", "the manifest index row of ledger entry {n} is not what the "
                                                          "signed ledger holds there; run `ledger log verify --store`"),
                      what="manifest index", index=idx, n=idx)

    def manifests(self, corpus: str | None = None) -> dict[tuple[str, str], Manifest]:
        """The newest manifest entry of each stored shard (of one corpus, or all), by (corpus, shard),
        among the entries the latest checkpoint covers: an indexed lookup in the manifest index,
        each row proven in the signed ledger before it is returned (`_prove`)."""
        with self.ws.engine.connect() as conn:
            head = self._checkpoint(conn)
            if head is None:
                return {}
            rows = manifest_index.current(conn, corpus, head[1].size)
            return {(m.corpus, m.shard): m for m in self._prove(conn, head, rows)}

    def manifest(self, corpus: str, shard: str) -> Manifest | None:
        """The current manifest of one shard (None: the ledger has none), proven; kept per checkpoint."""
        with self.ws.engine.connect() as conn:
            return self.current(conn, corpus, shard)[1]

    def current(self, conn: Connection, corpus: str,
                  shard: str) -> tuple[Head | None, Manifest | None]:
        head = self._checkpoint(conn)
        if head is None:
            return None, None
        key = (corpus, shard)
        if key in self._shards:
            return head, self._shards[key]
        row = manifest_index.current_of_shard(conn, corpus, shard, head[1].size)
        got = self._prove(conn, head, [row] if row is not None else [])
        m = got[0] if got else None
        with self._lock:
            if self._head is not None and self._head[0] == head[0].note:
                self._shards[key] = m
        return head, m
    def check_index(self) -> int:
        """Compare the whole manifest index with the ledger's `shard.manifest` entries under the latest
        checkpoint, each decoded from its leaf (the entries' type column finds them; `ledger log verify`
        checks that column against the leaves): a row missing, added, moved to another entry or changed
        raises VerificationError naming the entry. Returns the number of entries compared."""
        with self.ws.engine.connect() as conn:
            head = self._checkpoint(conn)
            if head is None:
                return 0
            size = head[1].size
            rows = {i: f for i, f in manifest_index.all_rows(conn).items() if i < size}
        want, start = {}, 0
        while page := self.ws.store.entries(start, 10_000, types=[MANIFEST_TYPE]):
            for e in page:
                got = manifest.index_fields(e.leaf) if e.index < size else None
                if got is not None:
                    want[e.index] = got
            start = page[-1].index + 1
        for idx in sorted(want.keys() | rows.keys()):
            if want.get(idx) != rows.get(idx):
                raise self._bad_row(idx)
        return len(want)

    # --- reads ----------------------------------------------------------------------------------

    def outer_proof(self, conn: Connection, head: Head, m: Manifest) -> str:
        """The c2sp.org/tlog-proof of manifest `m` (proven) under `head`: made when its row was
        proven under this checkpoint, else its path read now and checked against the signed root."""
        tlog = self._outer.get(m.index)
        if tlog is None:
            path = self.ws.store.inclusion_paths(conn, [m.index], head[1].size, self._nodes)[0]
            merkle.verify_inclusion(m.index, head[1].size, merkle.leaf_hash(m.leaf), path, head[1].root_hash)
            tlog = format_tlog_proof(m.index, path, head[0].note)
            with self._lock:
                if self._head is not None and self._head[0] == head[0].note:
                    self._outer[m.index] = tlog
        return tlog
