"""The fingerprint store's Parquet schema, version 1 (docs/fingerprint-store.md).

One row per item. The columns mirror the database's `item` and `fingerprint` rows, plus what a
proof needs without the database: `leaf` (the item's `item.ingested` leaf, the RFC 8785 bytes the
shard's Merkle tree is built over), `leaf_index` (its position in that tree) and `leaf_hash` (its
RFC 6962 leaf hash, stored uncompressed so a proof reads 32 bytes per neighbour, not whole leaves). `pdq` holds the
image's stored PDQ hashes (one 32-byte hash per region, region 0 the whole image) so a sweep reads
them without decoding `fp_data`.

A reader refuses a file whose `provenance-ledger.store` metadata names another schema version.
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = 1
META_VERSION = b"provenance-ledger.store"
META_CORPUS = b"provenance-ledger.corpus"
META_SHARD = b"provenance-ledger.shard"
META_ROOT = b"provenance-ledger.shard_root"
META_COUNT = b"provenance-ledger.count"
# Hex of the hashes of the shard tree's perfect subtrees of 64 leaves and more (level 6 left to right,
# then level 7, ...: `ledger.manifest.upper_levels`), and of the last, incomplete chunk's leaf hashes.
META_UPPER = b"provenance-ledger.upper"
META_TAIL = b"provenance-ledger.tail"

FIELDS: list[pa.Field] = [
    pa.field("item_id", pa.string(), nullable=False),
    pa.field("key", pa.string(), nullable=False),
    pa.field("shard", pa.string(), nullable=False),
    pa.field("leaf_index", pa.int32(), nullable=False),
    pa.field("sha256", pa.binary(32)),
    pa.field("size", pa.int64()),
    pa.field("media_type", pa.string(), nullable=False),
    pa.field("status", pa.string(), nullable=False),
    pa.field("status_reason", pa.string()),
    pa.field("location", pa.string(), nullable=False),
    pa.field("member", pa.string()),
    pa.field("members", pa.string()),
    pa.field("source_url", pa.string()),
    pa.field("url_norm", pa.string()),
    pa.field("url_salt", pa.binary()),
    pa.field("domain", pa.string()),
    pa.field("account", pa.string()),
    pa.field("license_id", pa.int64()),
    pa.field("batch", pa.string()),
    pa.field("metadata_json", pa.string()),
    pa.field("c2pa_state", pa.string()),
    pa.field("c2pa_json", pa.string()),
    pa.field("manifest_json", pa.string()),  # the full C2PA manifest (the database keeps it in item_detail)
    pa.field("ai_generated", pa.bool_()),
    pa.field("signals_json", pa.string()),
    pa.field("train_ai", pa.string()),
    pa.field("language", pa.string()),
    pa.field("fetched_at", pa.string()),
    pa.field("ingested_at", pa.float64()),
    pa.field("fp_kind", pa.string()),
    pa.field("fp_data", pa.binary()),
    pa.field("local_data", pa.binary()),
    pa.field("pdq", pa.binary()),
    pa.field("leaf", pa.binary(), nullable=False),
    pa.field("leaf_hash", pa.binary(32), nullable=False),  # SHA-256(0x00 || leaf): a proof reads these, not the leaves
]
SCHEMA = pa.schema(FIELDS)
# Columns with few distinct values, dictionary-encoded; hashes, leaves and fingerprints are not (a
# dictionary of unique values only costs time to build and to decode).
DICTIONARY = ("shard", "media_type", "status", "status_reason", "domain", "account", "license_id", "batch",
              "c2pa_state", "train_ai", "language", "fp_kind")
COLUMNS = tuple(f.name for f in FIELDS)
# Columns that may be left out of a record (written as null).
OPTIONAL = frozenset(f.name for f in FIELDS if f.nullable)
