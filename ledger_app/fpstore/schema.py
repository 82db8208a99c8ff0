"""The fingerprint store's Parquet schema, version 2 (docs/fingerprint-store.md); version 1 files are read too.

One row per item. The columns mirror the database's `item` and `fingerprint` rows, plus what a
proof needs without the database: `leaf` (the item's `item.ingested` leaf, the RFC 8785 bytes the
shard's Merkle tree is built over), `leaf_index` (its position in that tree) and `leaf_hash` (its
RFC 6962 leaf hash, stored uncompressed so a proof reads 32 bytes per neighbour, not whole leaves). `pdq` holds the
image's stored PDQ hashes (one 32-byte hash per region, region 0 the whole image) so a sweep reads
them without decoding `fp_data`; from version 2, `quality` and `coarse` hold the image fingerprint's
quality and 8-byte coarse code (copied by the writer from `fp_data`'s header), so a sweep reads only
small columns and never the thumbnails.

A reader refuses a file whose `provenance-ledger.store` metadata names a version not in READABLE.
Version 1 files lack `quality` and `coarse`: a dataset over them reads those as null, and the sweep
takes them from `fp_data` (`image_header`).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

SCHEMA_VERSION = 2
READABLE = (1, 2)  # the versions readers accept
ADDED_IN_V2 = ("quality", "coarse")  # columns a version 1 file lacks
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
    pa.field("quality", pa.uint8()),  # images: the fingerprint's quality (0-100), from fp_data's header
    pa.field("coarse", pa.binary(8)),  # images: the fingerprint's coarse code, from fp_data's header
    pa.field("leaf", pa.binary(), nullable=False),
    pa.field("leaf_hash", pa.binary(32), nullable=False),  # SHA-256(0x00 || leaf): a proof reads these, not the leaves
]
SCHEMA = pa.schema(FIELDS)
# Columns with few distinct values, dictionary-encoded; hashes, leaves and fingerprints are not (a
# dictionary of unique values only costs time to build and to decode).
DICTIONARY = ("shard", "media_type", "status", "status_reason", "domain", "account", "license_id", "batch",
              "c2pa_state", "train_ai", "language", "fp_kind", "quality")
COLUMNS = tuple(f.name for f in FIELDS)
# Columns that may be left out of a record (written as null).
OPTIONAL = frozenset(f.name for f in FIELDS if f.nullable)

# The image fingerprint's header (matching/image.py): magic "LPF", version, width (4), height (4),
# quality (1), coarse code (8).
IMAGE_MAGIC = b"LPF"
IMAGE_HEAD = 20
IMAGE_QUALITY = 11
IMAGE_COARSE = 12


def image_header(fp_kind: str | None, fp_data: bytes | None) -> tuple[int | None, bytes | None]:
    """(quality, coarse code) of an image fingerprint's bytes; (None, None) for anything else."""
    if fp_kind != "image" or not fp_data or len(fp_data) < IMAGE_HEAD or fp_data[:3] != IMAGE_MAGIC:
        return None, None
    return fp_data[IMAGE_QUALITY], bytes(fp_data[IMAGE_COARSE : IMAGE_COARSE + 8])


def image_columns(fp_kind: pa.Array | pa.ChunkedArray, fp_data: pa.Array | pa.ChunkedArray) -> tuple[pa.Array, pa.Array]:
    """`image_header` of every row of two columns, as the `quality` and `coarse` columns (vectorised)."""
    kind = pc.fill_null(pc.equal(fp_kind, "image"), False)
    data = fp_data.combine_chunks() if isinstance(fp_data, pa.ChunkedArray) else fp_data
    data = data.cast(pa.large_binary())
    n = len(data)
    offs = np.frombuffer(data.buffers()[1], np.int64)[data.offset : data.offset + n + 1]
    raw = np.frombuffer(data.buffers()[2], np.uint8) if data.buffers()[2] is not None else np.zeros(0, np.uint8)
    ok = np.asarray(kind.to_numpy(zero_copy_only=False), bool) & np.asarray(data.is_valid().to_numpy(zero_copy_only=False), bool)
    ok &= (offs[1:] - offs[:-1]) >= IMAGE_HEAD
    rows = np.flatnonzero(ok)
    head = raw[offs[rows][:, None] + np.arange(IMAGE_HEAD)] if len(rows) else np.zeros((0, IMAGE_HEAD), np.uint8)
    magic = (head[:, 0] == IMAGE_MAGIC[0]) & (head[:, 1] == IMAGE_MAGIC[1]) & (head[:, 2] == IMAGE_MAGIC[2])
    rows, head = rows[magic], head[magic]
    valid = np.zeros(n, bool)
    valid[rows] = True
    quality = np.zeros(n, np.uint8)
    quality[rows] = head[:, IMAGE_QUALITY]
    coarse = np.zeros((n, 8), np.uint8)
    coarse[rows] = head[:, IMAGE_COARSE : IMAGE_COARSE + 8]
    bitmap = pa.array(valid, pa.bool_()).buffers()[1]  # a boolean array's values: set where valid
    return (pa.array(quality, pa.uint8(), mask=~valid),
            pa.FixedSizeBinaryArray.from_buffers(pa.binary(8), n, [bitmap, pa.py_buffer(coarse.tobytes())]))
