"""The purge of items that live in the fingerprint store (issue #20, docs/fingerprint-store.md).

A stored item has no database row: its record is a row of its shard's Parquet file, and its ledger
leaf is a leaf of the shard's tree, which one `shard.manifest` entry commits to. The corpus shard is
rewritten exactly as for database items (`services/purge.py`, the same journal); what differs is the
record of it, in the same transaction as the `takedown.purged` entry:

- the shard's store file is written again with every row and every leaf kept (so the tree, its root
  and each item's two-level proof stay valid, the removed items' included: the certificate proves
  them), the removed items' rows marked `purged` with their fingerprints and C2PA manifest cleared
  and their key freed (`key@purged-r<request>`), and position-keyed rows that moved up rekeyed;
- a new `shard.manifest` entry names that file (same root and count), so the current file of the shard
  is the purged one and `log verify --store` re-reads it;
- the removed items' hashes and fingerprints go to the blocklist and each gets an `item.status` entry,
  as for database items.

An item that is both a database row and a stored row (its shard ingested into the database, then
again with `--store`) is purged in both: its item row as services/purge.py purges database items, its
store row marked as above; it is recorded once (one blocklist row, one `item.status` entry, one item
of the `takedown.purged` entry), and its certificate carries the stored row's two-level proof.

The file is written before its entry commits (a killed run leaves a file no manifest names, never read),
under a name of its own (`shard_file_name(..., revision="purged-r<request>")`), so it never replaces the
file an earlier manifest names.
"""

from __future__ import annotations

from typing import Any

from ledger_app.core.errors import NotFoundError, VerificationError
from ledger_app.core.messages import QT_TRANSLATE_NOOP, refused
from ledger_app.corpus.base import ShardRewrite
from ledger_app.fpstore import schema
from ledger_app.ledger.manifest import MANIFEST_TYPE, manifest_payload
from ledger_app.storage.repos import corpora as corpora_repo
from ledger_app.storage.repos import takedowns as repo
from ledger_app.storage.repos.takedowns import AcceptedItem

# What a purge clears in a removed item's row, as `drop_derived` deletes it for a database item.
DERIVED = ("fp_kind", "fp_data", "local_data", "pdq", "manifest_json")


def _hex(sha: Any) -> str | None:
    return sha.hex() if isinstance(sha, bytes | bytearray) else sha


def accepted_stored(svc, rid: int, db_items: list[AcceptedItem]) -> list[AcceptedItem]:  # TakedownService
    """The request's accepted items as the fingerprint store holds them, each from its shard's current
    store file, with its corpus: the items that are not database items (`db_items`), and the stored
    copies of database items whose shard is also in the store (a shard ingested again with `--store`:
    its item is then both a database row and a stored row, and the purge removes both). An accepted item
    found in neither place stops the purge."""
    known = {r.id for r in db_items}
    with svc.ws.engine.connect() as conn:
        ids = sorted({i for i, d in repo.match_decisions(conn, rid) if d == "accepted"} - known)
    in_store = svc.corpus.stored.manifests() if db_items else {}
    also = sorted({r.id for r in db_items if (r.corpus_name, r.shard) in in_store})
    out: list[AcceptedItem] = []
    corpora: dict[str, Any] = {}
    for item_id in ids + also:
        try:
            row = svc.corpus.stored.item(item_id)
        except NotFoundError:
            if item_id in known:
                continue  # a database item only: its shard's store file does not hold it
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "item {item} accepted for request {rid} is neither a database item nor in the fingerprint store; nothing was purged"), item=item_id, rid=rid) from None
        name = item_id.split(":", 1)[0]
        if name not in corpora:
            with svc.ws.engine.connect() as conn:
                corpora[name] = corpora_repo.corpus_by_name(conn, name)
        c = corpora[name]
        if c is None:
            raise refused(QT_TRANSLATE_NOOP("ServiceMessage", "item {item} accepted for request {rid} belongs to corpus {name}, which is not registered; nothing was purged"), item=item_id, rid=rid, name=name)
        out.append(AcceptedItem(item_id, str(row["key"]), str(row["shard"]), c.id, c.path, c.format,
                                _hex(row["sha256"]), str(row["status"]), name))
    return out


def stored_shard_items(svc, corpus: str, shard: str) -> dict[str, str | None]:
    """key -> SHA-256 of the shard's stored items that are not purged (none if the shard is not stored)."""
    m = svc.corpus.stored.manifests(corpus).get((corpus, shard))
    if m is None:
        return {}
    rows = svc.corpus.stored.store().shard_rows(m.file, columns=["key", "sha256", "status"])
    return {str(r["key"]): _hex(r["sha256"]) for r in rows if r["status"] != "purged"}


def record_stored_shard(svc, conn, rid: int, corpus: str, rw: ShardRewrite, now: float,
                        item_ids: dict[str, str], recorded: frozenset[str] = frozenset(),
                        ) -> tuple[list[dict[str, Any]], list[tuple[str, dict[str, Any]]]]:
    """Inside the purge's write transaction: the shard's store file written again with the removed items
    (`item_ids`: key -> item id) marked, their blocklist rows, and the entries to append (`item.status`
    each, one `shard.manifest`). Returns the `takedown.purged` items and the entries; none if the shard
    is not stored. Items in `recorded` are also database items whose purge the caller has recorded
    (blocklist row, `item.status` entry, `takedown.purged` item): their store row is marked all the same."""
    stored = svc.corpus.stored
    m = stored.manifests(corpus).get((corpus, rw.shard))
    if m is None:
        return [], []
    store = stored.store()
    rows = store.shard_rows(m.file)
    purged: list[dict[str, Any]] = []
    entries: list[tuple[str, dict[str, Any]]] = []
    for row in rows:
        key = str(row["key"])
        if key in item_ids and row["status"] != "purged":
            item_id, sha = str(row["item_id"]), _hex(row["sha256"])
            if item_id not in recorded:
                repo.insert_block(conn, sha256=sha, kind=row["fp_kind"], fingerprint=row["fp_data"], request_id=rid,
                                  created_at=now)
                purged.append({"item": item_id, "sha256": sha, "corpus": corpus, "shard": rw.shard})
                entries.append(("item.status", {"item": item_id, "status": "purged", "request": rid}))
            row.update({c: None for c in DERIVED})
            row.update(status="purged", status_reason=f"removed by takedown request {rid}", key=f"{key}@purged-r{rid}")
        elif key in rw.moved_keys:
            new = rw.moved_keys[key]
            row.update(key=new, location=new, member=new.split("#", 1)[1] if "#" in new else None)
    f = store.write_shard(corpus, rw.shard, [{k: r[k] for k in schema.COLUMNS if k in r} for r in rows],
                          revision=f"purged-r{rid}")
    if f.root.hex() != m.root or f.count != m.count:  # every leaf is kept: the tree cannot change
        raise VerificationError(f"the store file of shard {rw.shard} of corpus {corpus} written by the purge has "
                                f"root {f.root.hex()}, not its manifest's {m.root}; nothing was recorded")
    entries.append((MANIFEST_TYPE, manifest_payload(corpus, rw.shard, f.count, f.root, file=f.path,
                                                    file_sha256=f.sha256, file_size=f.size,
                                                    schema=schema.SCHEMA_VERSION)))
    return purged, entries
