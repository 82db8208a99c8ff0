"""Corpora in the fingerprint store (docs/fingerprint-store.md): where the store is, which shard files
count (the ledger's `shard.manifest` entries), an ingest's commit into it, and stored items' reads and
two-level proofs (ledger/manifest.py).

The store is at the setting `store.location` (a path or a URL pyarrow opens), by default the folder
`fpstore` beside the workspace's database. A shard's current file is the one its newest manifest
entry names: a shard written again (a resumed or repeated ingest) gets a new file and a new entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection

from ledger_app.core.errors import NotFoundError, VerificationError
from ledger_app.fpstore import schema
from ledger_app.fpstore.store import FingerprintStore
from ledger_app.ledger.entries import decode_entry, encode_entry
from ledger_app.ledger.manifest import (
    MANIFEST_TYPE,
    ItemProof,
    VerifiedItem,
    manifest_payload,
    verify_item_proof,
)
from ledger_app.ledger.store import AppendResult
from ledger_app.ledger.tlogproof import format_tlog_proof


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


def _pdq_column(fp_kind: str | None, fp_data: bytes | None) -> bytes | None:
    if fp_kind != "image" or not fp_data:
        return None
    from ledger_app.matching.image import ImageFingerprint

    return b"".join(ImageFingerprint.from_bytes(fp_data).stored_hashes())


class StoredItems:
    """The fingerprint store of one workspace."""

    def __init__(self, ledger):  # LedgerService
        self.ledger = ledger
        self.ws = ledger.ws

    def location(self) -> str:
        return str(self.ws.settings.get("store.location") or (self.ws.path / "fpstore"))

    def store(self) -> FingerprintStore:
        return FingerprintStore(self.location())

    def manifests(self, corpus: str | None = None) -> dict[tuple[str, str], Manifest]:
        """The newest manifest entry of each stored shard (of one corpus, or all), by (corpus, shard).
        Each is decoded from its leaf, never from the type column (that only finds candidates)."""
        out: dict[tuple[str, str], Manifest] = {}
        for e in self.ws.store.entries(0, None, types=[MANIFEST_TYPE]):
            entry = decode_entry(e.leaf, index=e.index)
            if entry.type != MANIFEST_TYPE:
                continue
            p = entry.payload
            if corpus is not None and p.get("corpus") != corpus:
                continue
            store = p.get("store") or {}
            out[(str(p["corpus"]), str(p["shard"]))] = Manifest(e.index, str(p["corpus"]), str(p["shard"]),
                                                               int(p["count"]), str(p["root"]), str(store.get("file")),
                                                               str(store.get("sha256")))
        return out

    def files(self, corpus: str | None = None) -> list[str]:
        return sorted(m.file for m in self.manifests(corpus).values())

    def is_stored(self, corpus: str) -> bool:
        return bool(self.manifests(corpus))

    # --- the ingest's commit --------------------------------------------------------------------

    def commit(self, conn: Connection, corpus: str, rows: Sequence[dict[str, Any]],
               payloads: Sequence[dict[str, Any]], fps: dict[str, tuple[str, bytes, bytes | None]],
               details: dict[str, str | None]) -> AppendResult:
        """Inside the ingest's write transaction: write each shard's items (rows in leaf order, with
        their item.ingested payloads and fingerprints) to the store, and append one manifest entry
        per shard. The files are written before the entries commit; a file whose entry never
        commits is never read (readers take the files the manifests name)."""
        actor = self.ledger.actor_commitment(conn)
        by_shard: dict[str, list[dict[str, Any]]] = {}
        for row, payload in zip(rows, payloads, strict=True):
            kind, data, local = fps.get(row["id"], (None, None, None))
            rec = {k: v for k, v in row.items() if k in schema.COLUMNS}
            rec.update(item_id=row["id"], fp_kind=kind, fp_data=data, local_data=local, pdq=_pdq_column(kind, data),
                       manifest_json=details.get(row["id"]),
                       leaf=encode_entry("item.ingested", payload, actor=actor))
            by_shard.setdefault(str(row["shard"]), []).append(rec)
        store = self.store()
        entries = []
        for shard, recs in by_shard.items():
            f = store.write_shard(corpus, shard, recs)
            entries.append((MANIFEST_TYPE, manifest_payload(corpus, shard, f.count, f.root, file=f.path,
                                                            file_sha256=f.sha256, file_size=f.size,
                                                            schema=schema.SCHEMA_VERSION)))
        return self.ledger.append(entries, conn=conn)

    # --- reads ----------------------------------------------------------------------------------

    def item(self, item_id: str) -> dict[str, Any]:
        corpus = item_id.split(":", 1)[0]
        files = self.files(corpus)
        row = self.store().item(item_id, files=files) if files else None
        if row is None:
            raise NotFoundError(f"no stored item {item_id!r}")
        return row

    def prove_item(self, item_id: str) -> tuple[ItemProof, VerifiedItem]:
        """An item's two-level proof against the latest checkpoint, checked before it is returned."""
        row = self.item(item_id)
        corpus = item_id.split(":", 1)[0]
        m = self.manifests(corpus).get((corpus, str(row["shard"])))
        if m is None:
            raise NotFoundError(f"stored item {item_id!r} has no shard manifest in the ledger")
        leaf, size, inner, root = self.store().inner_proof(m.file, int(row["leaf_index"]), row["leaf"])
        if root.hex() != m.root or size != m.count:
            raise VerificationError(f"the store file {m.file} does not hold what its manifest (entry {m.index}) "
                                    "says: its tree root or size differs", what="store")
        cp = self.ws.store.latest_checkpoint()
        if cp is None:
            raise NotFoundError("the ledger has no checkpoint yet")
        _, outer, _, _ = self.ws.store.inclusion_proof(m.index, cp.size)
        mleaf = self.ws.store.entry(m.index).leaf
        proof = ItemProof(item_id, bytes(leaf), int(row["leaf_index"]), size, tuple(inner), m.index, bytes(mleaf),
                          format_tlog_proof(m.index, outer, cp.note))
        verified = verify_item_proof(proof, self.ledger.known_verifiers(), origin=self.ledger.origin)
        return proof, verified

