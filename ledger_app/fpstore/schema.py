"""The fingerprint store's Parquet schema, version 3 (docs/fingerprint-store.md); versions 1 and 2 are read too.

One row per item. The columns mirror the database's `item` and `fingerprint` rows, plus what a
proof needs without the database: `leaf` (the item's `item.ingested` leaf, the RFC 8785 bytes the
shard's Merkle tree is built over), `leaf_index` (its position in that tree) and `leaf_hash` (its
RFC 6962 leaf hash, stored uncompressed so a proof reads 32 bytes per neighbour, not whole leaves). `pdq` holds the
image's stored PDQ hashes (one 32-byte hash per region, region 0 the whole image) so a sweep reads
them without decoding `fp_data`; from version 2, `quality` and `coarse` hold the image fingerprint's
quality and 8-byte coarse code (copied by the writer from `fp_data`'s header), so a sweep reads only
small columns and never the thumbnails. From version 3, `text_keys` holds a text fingerprint's keys
(its sampled shingles, then its MinHash band keys: what a text index posts), so a text sweep reads
them as one list column instead of decoding every text fingerprint in `fp_data`.

A reader refuses a file whose `provenance-ledger.store` metadata names a version not in READABLE.
Version 1 files lack `quality` and `coarse`: a dataset over them reads those as null, and the sweep
takes them from `fp_data` (`image_header`). Version 1 and 2 files lack `text_keys`: the sweep derives
the keys from `fp_data` of their text rows (`text_keys`, the same function the writer uses).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ledger_app.matching.text import PERMUTATIONS
from ledger_app.matching.text_index import BANDS, ROWS

SCHEMA_VERSION = 3
READABLE = (1, 2, 3)  # the versions readers accept
ADDED_IN_V2 = ("quality", "coarse")  # columns a version 1 file lacks
ADDED_IN_V3 = ("text_keys",)  # columns a version 1 or 2 file lacks
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
    pa.field("text_keys", pa.list_(pa.uint64())),  # texts: sampled shingles, then MinHash band keys, from fp_data
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


# The text fingerprint's header (matching/text.py): magic "LTF", version 1, distinct shingles (4),
# permutations (2), sample size (4), all big-endian; then the signature (4 bytes each), the sample (8 each).
TEXT_HEAD = 14
_MIX = np.uint64(0x9E3779B97F4A7C15)  # text_index.band_keys's mixing constant (tests: band_keys_of == band_keys)


def text_key_column(fp_kind: pa.Array | pa.ChunkedArray, fp_data: pa.Array | pa.ChunkedArray) -> pa.Array:
    """The `text_keys` column: each text row's keys (`text_keys`), null for other rows and for a text
    fingerprint that has none."""
    kind = np.asarray(pc.fill_null(pc.equal(fp_kind, "text"), False).to_numpy(zero_copy_only=False), bool)
    data = fp_data.combine_chunks() if isinstance(fp_data, pa.ChunkedArray) else fp_data
    data = data.cast(pa.large_binary())
    n = len(data)
    offs = np.frombuffer(data.buffers()[1], np.int64)[data.offset : data.offset + n + 1]
    raw = np.frombuffer(data.buffers()[2], np.uint8) if data.buffers()[2] is not None else np.zeros(0, np.uint8)
    valid = kind & np.asarray(data.is_valid().to_numpy(zero_copy_only=False), bool)
    keys, key_row = text_keys(offs, raw, valid)
    counts = np.bincount(key_row, minlength=n)
    list_offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    has = counts > 0
    return pa.ListArray.from_arrays(pa.array(list_offsets, pa.int32()), pa.array(keys, pa.uint64()),
                                    type=pa.list_(pa.uint64()), mask=pa.array(~has, pa.bool_()))


def text_keys(offs: np.ndarray, data: np.ndarray, valid: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The keys a text index posts for each text fingerprint of a binary column (its sampled shingles,
    then its MinHash band keys: `text_index._keys`) and the position of each key's value, in value
    order, from the column's buffers (`offs`, `data`; `valid`: the values to read). A value that
    `TextFingerprint.from_bytes` refuses, or whose signature is not PERMUTATIONS long (band keys need
    exactly that), has no keys."""
    lens = offs[1:] - offs[:-1]
    ok = np.flatnonzero(valid & (lens >= TEXT_HEAD))
    at = offs[ok].astype(np.int64)
    ok = ok[(data[at] == ord("L")) & (data[at + 1] == ord("T")) & (data[at + 2] == ord("F")) & (data[at + 3] == 1)]
    at = offs[ok].astype(np.int64)
    perms = (data[at + 8].astype(np.int64) << 8) | data[at + 9]
    nsample = ((data[at + 10].astype(np.int64) << 24) | (data[at + 11].astype(np.int64) << 16)
               | (data[at + 12].astype(np.int64) << 8) | data[at + 13])
    fits = (lens[ok] == TEXT_HEAD + 4 * perms + 8 * nsample) & (perms == PERMUTATIONS)
    ok, at, nsample = ok[fits], at[fits], nsample[fits]
    if not len(ok):
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    sig = data[(at + TEXT_HEAD)[:, None] + np.arange(4 * PERMUTATIONS)].view(">u4").astype(np.uint32)
    bands = band_keys_of(sig)  # (values, BANDS)
    total = int(nsample.sum())
    starts = np.repeat(at + TEXT_HEAD + 4 * PERMUTATIONS - 8 * np.concatenate([[0], np.cumsum(nsample)[:-1]]), nsample)
    sample = data[(starts + 8 * np.arange(total))[:, None] + np.arange(8)].view(">u8").reshape(-1).astype(np.uint64)
    # Each value's sample, then its band keys, values in order.
    keys = np.concatenate([sample, bands.reshape(-1)])
    key_row = np.concatenate([np.repeat(ok, nsample), np.repeat(ok, BANDS)])
    order = np.argsort(np.concatenate([np.repeat(np.arange(len(ok)) * 2, nsample), np.repeat(np.arange(len(ok)) * 2 + 1, BANDS)]),
                       kind="stable")
    return keys[order], key_row[order]


def band_keys_of(minhashes: np.ndarray) -> np.ndarray:
    """`text_index.band_keys` of each row of a (n, PERMUTATIONS) array of signatures, at once."""
    m = minhashes.astype(np.uint64).reshape(len(minhashes), BANDS, ROWS)
    acc = np.broadcast_to(np.arange(BANDS, dtype=np.uint64) + np.uint64(1), (len(m), BANDS))
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            acc = (acc * _MIX) ^ m[:, :, r]
            acc ^= acc >> np.uint64(31)
    return (acc << np.uint64(3)) | np.uint64(1)
