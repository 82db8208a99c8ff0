"""Corpora in the fingerprint store (docs/fingerprint-store.md): where the store is, which shard files
count (the ledger's `shard.manifest` entries), an ingest's commit into it, and stored items' reads and
two-level proofs (ledger/manifest.py).

The store is at the setting `store.location` (a path or a URL pyarrow opens), by default the folder
`fpstore` beside the workspace's database. A shard's current file is the one its newest manifest
entry names: a shard written again (a resumed or repeated ingest) gets a new file and a new entry.
"""

from __future__ import annotations

import functools
import json
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from sqlalchemy.engine import Connection

from ledger_app.core.errors import NotFoundError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, failed, say
from ledger_app.core.os_errors import os_error_text
from ledger_app.core.types import C2paSummary
from ledger_app.fpstore import schema
from ledger_app.fpstore.store import FingerprintStore
from ledger_app.ledger import merkle
from ledger_app.ledger.entries import encode_entry
from ledger_app.ledger.manifest import (
    MANIFEST_TYPE,
    ItemProof,
    VerifiedItem,
    manifest_payload,
    verify_item_proof,
)
from ledger_app.ledger.store import AppendResult
from ledger_app.services.items import ItemDetails, ItemRecord, item_filter
from ledger_app.services.stored_manifests import Manifest, ManifestIndex
from ledger_app.storage.repos import corpora as corpora_repo
from ledger_app.storage.repos.items import like_escape


def _pdq_column(fp_kind: str | None, fp_data: bytes | None) -> bytes | None:
    if fp_kind != "image" or not fp_data:
        return None
    from ledger_app.matching.image import ImageFingerprint

    return b"".join(ImageFingerprint.from_bytes(fp_data).stored_hashes())


@dataclass(frozen=True)
class StoreCheck:
    """What `verify_files` re-read and found as the signed manifests say."""

    shards: int
    items: int

    def to_json(self) -> dict[str, int]:
        return {"shards": self.shards, "items": self.items}


class StoredItems:
    """The fingerprint store of one workspace."""

    def __init__(self, ledger):  # LedgerService
        self.ledger = ledger
        self.ws = ledger.ws
        self.index = ManifestIndex(ledger)
        self._store: FingerprintStore | None = None

    def location(self) -> str:
        return str(self.ws.settings.get("store.location") or (self.ws.path / "fpstore"))

    def store(self) -> FingerprintStore:
        """The store at the current location, kept open (it keeps the shard footers proofs need)."""
        loc = self.location()
        if self._store is None or self._store.location != loc:
            self._store = FingerprintStore(loc)
        return self._store

    # --- the manifests ----------------------------------------------------------------------------

    def manifests(self, corpus: str | None = None) -> dict[tuple[str, str], Manifest]:
        """The newest manifest entry of each stored shard (of one corpus, or all), by (corpus, shard),
        among the entries the latest checkpoint covers, each proven (services/stored_manifests.py)."""
        return self.index.manifests(corpus)

    def manifest(self, corpus: str, shard: str) -> Manifest | None:
        """The current manifest of one shard (None: the ledger has none), proven."""
        return self.index.manifest(corpus, shard)

    def check_index(self) -> int:
        """The whole manifest index compared with the ledger (`ManifestIndex.check_index`)."""
        return self.index.check_index()

    def files_of(self, item_id: str) -> list[str]:
        """The files that can hold `item_id`: its key is its shard's name, or that name, `#` and a
        member (corpus/base.item_key), so the manifests of those shards name them; failing that,
        every file of its corpus."""
        corpus, _, key = item_id.partition(":")
        shards = [key] + [key[:k] for k, ch in enumerate(key) if ch == "#"]
        with self.ws.engine.connect() as conn:
            found = {m.file for s in shards if (m := self.index.current(conn, corpus, s)[1]) is not None}
        return sorted(found) or sorted(m.file for m in self.manifests(corpus).values())

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

    # --- verification ---------------------------------------------------------------------------

    def verify_files(self) -> StoreCheck:
        """Re-read every file the current manifests name: its SHA-256, every leaf against its stored
        hash, and the shard tree's size and root, each as the signed manifest says. Raises
        VerificationError naming the first file that differs (`ledger log verify --store`)."""
        self.index.check_index()
        store = self.store()
        shards = items = 0
        for m in self.manifests().values():
            def bad(what: Said, m: Manifest = m) -> VerificationError:
                return failed(QT_TRANSLATE_NOOP("ServiceMessage", "the fingerprint store file {file} of shard {shard} "
                                                                  "of corpus {corpus} {problem} (manifest entry {n})"),
                              index=m.index, what="store", file=m.file, shard=repr(m.shard), corpus=repr(m.corpus),
                              problem=what, n=m.index)
            try:
                digest = store.file_sha256(m.file)
            except OSError as exc:
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "cannot be read ({why})"),
                              why=os_error_text(exc))) from None
            if digest != m.file_sha256:
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "has another SHA-256 than its manifest says")))
            table = store.read_shard(m.file, ["leaf", "leaf_hash", "sha256"])
            hashes = [merkle.leaf_hash(leaf) for leaf in table.column("leaf").to_pylist()]
            if hashes != table.column("leaf_hash").to_pylist():
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "holds a leaf that does not match its stored hash")))
            if len(hashes) != m.count or merkle.root(hashes).hex() != m.root:
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "does not give the manifest's tree size and root")))
            # Its exact-lookup filter, if any, must be the one its items give (a forged one could hide an item).
            if not store.lookup_filter_matches(m.file, table.column("sha256"), m.file_sha256):
                raise bad(say(QT_TRANSLATE_NOOP("ServiceMessage", "has a lookup filter (.sha) that is not the one its "
                                                                  "items give; delete the filter or write the shard again")))
            shards += 1
            items += len(hashes)
        return StoreCheck(shards, items)

    def item(self, item_id: str) -> dict[str, Any]:
        """The store's row of `item_id` as it is in the Parquet file: the versioned columns of
        docs/fingerprint-store.md by name (the raw record that proofs and reports are built from)."""
        files = self.files_of(item_id)
        row = self.store().item(item_id, files=files) if files else None
        if row is None:
            raise NotFoundError(f"no stored item {item_id!r}")
        return row

    def records(self, *, corpus: str | None = None, status: str | None = None, media_type: str | None = None,
                c2pa_state: str | None = None, license: str | None = None, search: str | None = None,
                limit: int | None = None) -> list[ItemRecord]:
        """Stored items as `ItemCatalogue.items` lists database items (id order; at most `limit`)."""
        f = item_filter(corpus, status, media_type, c2pa_state, license, search)
        manifests = self.manifests(f.corpus)
        if not manifests:
            return []
        with self.ws.engine.connect() as conn:
            lid = corpora_repo.license_id(conn, f.license) if f.license else None
            if f.license and lid is None:
                return []
            names = {i: corpora_repo.license_name(conn, i) for i in self._license_ids(manifests)}
        by_shard = {key: m.index for key, m in manifests.items()}
        table = self.store().dataset(sorted(m.file for m in manifests.values())).to_table(
            columns=list(LISTED), filter=stored_filter(f.status, f.media_type, f.c2pa_state, lid, f.search))
        table = table.sort_by("item_id")
        if limit is not None:
            table = table.slice(0, limit)
        out = []
        for row in table.to_pylist():
            row["sha256"] = row["sha256"].hex() if row["sha256"] is not None else None
            cname = row["item_id"].split(":", 1)[0]
            out.append(listed_record(row, by_shard[(cname, row["shard"])], names.get(row["license_id"])))
        return out

    def _license_ids(self, manifests: dict[tuple[str, str], Manifest]) -> set[int]:
        table = self.store().dataset(sorted(m.file for m in manifests.values())).to_table(columns=["license_id"])
        return {int(x) for x in pc.unique(table.column("license_id")).to_pylist() if x is not None}

    def find_exact(self, sha256s: Sequence[str], url_keys: Sequence[str]) -> list[tuple[str, str, str]]:
        """(item ID, "exact" | "url", the hash or URL key asked for) of every stored item matching one."""
        manifests = self.manifests()
        if not manifests or not (sha256s or url_keys):
            return []
        store, files = self.store(), sorted(m.file for m in manifests.values())
        out = []
        if sha256s:
            # Only the shards whose lookup filter may hold one of the hashes (all others cannot).
            digests = [bytes.fromhex(h) for h in sha256s]
            wanted = store.may_hold(files, digests, {m.file: m.file_sha256 for m in manifests.values()})
            if wanted:
                table = store.dataset(wanted).to_table(columns=["item_id", "sha256"],
                                                       filter=pc.field("sha256").isin(pa.array(digests, pa.binary(32))))
                out += [(r["item_id"], "exact", r["sha256"].hex()) for r in table.to_pylist()]
        if url_keys:
            table = self.store().dataset(files).to_table(
                columns=["item_id", "url_norm"], filter=pc.field("url_norm").isin(pa.array(list(url_keys), pa.string())))
            out += [(r["item_id"], "url", r["url_norm"]) for r in table.to_pylist()]
        return out

    def details(self, item_id: str, *, with_proof: bool = True) -> ItemDetails:
        """One stored item as `ItemCatalogue.item` gives a database item; `entry_proof` is its two-level proof."""
        row = self.item(item_id)
        corpus = item_id.split(":", 1)[0]
        m = self.manifest(corpus, str(row["shard"]))
        if m is None:
            raise NotFoundError(f"stored item {item_id!r} has no shard manifest in the ledger")
        name = None
        if row.get("license_id") is not None:
            with self.ws.engine.connect() as conn:
                name = corpora_repo.license_name(conn, int(row["license_id"]))
        listed = listed_record(row, m.index, name)
        fields = {k: getattr(listed, k) for k in ItemRecord.__dataclass_fields__}
        proof = self.prove_item(item_id)[0].to_json() if with_proof else None
        manifest = row.get("manifest_json")
        return ItemDetails(**fields, c2pa_manifest=json.loads(manifest) if manifest else None, entry_proof=proof)

    def thumbnail(self, item_id: str) -> bytes | None:
        """A stored image's greyscale JPEG thumbnail (kept in its fingerprint), or None."""
        files = self.files_of(item_id)
        row = self.store().item(item_id, files=files, columns=["fp_kind", "fp_data"]) if files else None
        if row is None or row["fp_kind"] != "image" or not row["fp_data"]:
            return None
        from ledger_app.matching.image import ImageFingerprint

        return ImageFingerprint.from_bytes(row["fp_data"]).thumb

    def prove_item(self, item_id: str) -> tuple[ItemProof, VerifiedItem]:
        """An item's two-level proof against the latest checkpoint, checked before it is returned."""
        proof = self.build_proof(item_id, self.item(item_id))
        verified = verify_item_proof(proof, self.ledger.known_verifiers(), origin=self.ledger.origin)
        return proof, verified

    def build_proof(self, item_id: str, row: dict[str, Any]) -> ItemProof:
        """The two-level proof of a stored item from its row (`item`), not yet checked: the inner
        level from its shard file (the proof index's subtree hashes and the 64 leaf hashes of its
        chunk), checked against the manifest's root and size; the outer one the manifest entry's path
        under the latest checkpoint, made and checked against that checkpoint's signed root once per
        shard and checkpoint, when the shard's manifest index row is proven (`_manifest`)."""
        corpus = item_id.split(":", 1)[0]
        with self.ws.engine.connect() as conn:
            head, m = self.index.current(conn, corpus, str(row["shard"]))
            if head is None:
                raise NotFoundError("the ledger has no checkpoint yet")
            if m is None:
                raise NotFoundError(f"stored item {item_id!r} has no shard manifest in the ledger")
            tlog = self.index.outer_proof(conn, head, m)
        leaf, size, inner, root = self.store().inner_proof(m.file, int(row["leaf_index"]), row["leaf"])
        if root.hex() != m.root or size != m.count:
            raise VerificationError(f"the store file {m.file} does not hold what its manifest (entry {m.index}) "
                                    "says: its tree root or size differs", what="store")
        return ItemProof(item_id, bytes(leaf), int(row["leaf_index"]), size, tuple(inner), m.index, m.leaf, tlog)


# --- listings: stored items as the item catalogue shows database items ----------------------------

LISTED = ("item_id", "location", "shard", "member", "sha256", "size", "media_type", "status", "status_reason",
          "source_url", "license_id", "c2pa_json", "ingested_at", "batch", "metadata_json", "domain",
          "signals_json", "language", "fetched_at")


def stored_filter(status: str | None, media_type: str | None, c2pa_state: str | None, license_id: int | None,
                  search: str | None) -> pc.Expression | None:
    """The listing filters (services/items.item_filter) as a pyarrow.dataset expression, meaning what
    they mean for database items (storage/repos/items.py): `media_type` with `*` as its one wildcard,
    `search` a literal substring of the id or source URL, or the SHA-256 itself."""
    parts = []
    if status:
        parts.append(pc.field("status") == status)
    if media_type:
        parts.append(pc.match_like(pc.field("media_type"), like_escape(media_type).replace("*", "%")))
    if c2pa_state:
        parts.append(pc.field("c2pa_state") == c2pa_state)
    if license_id is not None:
        parts.append(pc.field("license_id") == license_id)
    if search:
        found = pc.match_substring(pc.field("item_id"), search) | pc.match_substring(pc.field("source_url"), search)
        try:
            digest = bytes.fromhex(search)
        except ValueError:
            digest = b""
        if len(digest) == 32:
            found = found | (pc.field("sha256") == pa.scalar(digest, pa.binary(32)))
        parts.append(found)
    return functools.reduce(operator.and_, parts) if parts else None


def listed_record(row: dict[str, Any], entry_index: int, license_name: str | None) -> ItemRecord:
    said = Said.from_stored(row["status_reason"])  # a reason kept as a message (core/item_reasons.py)
    return ItemRecord(
        row["item_id"], row["item_id"].split(":", 1)[0], row["location"], row["shard"], row["member"], row["sha256"],
        row["size"], row["media_type"], row["status"], str(said) if said is not None else row["status_reason"],
        row["source_url"], license_name,
        json.loads(row["c2pa_json"]) if row["c2pa_json"] else C2paSummary().to_json(), row["ingested_at"] or 0.0,
        entry_index, None, row["batch"], json.loads(row["metadata_json"]) if row["metadata_json"] else {},
        row["domain"], json.loads(row["signals_json"]) if row["signals_json"] else None, row["language"],
        row["fetched_at"], said)
