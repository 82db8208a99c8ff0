"""A shard file's exact-lookup filter (`<file>.sha`, docs/fingerprint-store.md "Exact lookup"): a
blocked Bloom filter of its items' SHA-256s, written by the store writer beside each shard file, so an
exact lookup of a hash reads one 64-byte block of each shard's filter and scans only the few shards
whose block says "maybe" instead of the `sha256` column of every file.

The filter is a cache, never trusted to say "absent" when it may be wrong: a lookup scans a shard
whose filter is missing, malformed, truncated, of another file (its header names the Parquet file's
SHA-256 and size: a swapped or stale filter), or whose block fails its CRC. An insider who rewrites a
filter consistently (bits cleared, CRCs and header kept) would hide an item from a lookup, as one
editing the Parquet file's `sha256` column would hide it from the scan: `ledger log verify --store`
rebuilds every filter from its verified file and refuses one that differs (services/stored.py).

Layout (big-endian): MAGIC, the Parquet file's SHA-256 (32) and size (8), the items hashed (4), the
blocks (4); then the blocks, 64 bytes each: 60 bytes (480 bits) of filter, then the CRC-32 of those
60 bytes. An item with SHA-256 `d` sets K bits of block `d[0:8] mod blocks`: bit `d[8+2i:10+2i] mod
480` for i < K. SHA-256s are uniform, so no further hashing is needed (one chosen to collide only
costs a scan).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

import numpy as np

SUFFIX = ".sha"
MAGIC = b"PLSF\x01"
HEAD = struct.Struct(">5s32sQII")
BLOCK = 64
BITS = 480  # filter bits per block; the last 4 bytes are its CRC-32
K = 8  # bits set per item
BITS_PER_ITEM = 24  # about 3 bytes per item; measured: one false "maybe" in some 12,000 shards


def blocks_for(items: int) -> int:
    return max(1, -(-items * BITS_PER_ITEM // BITS))


def _positions(digests: np.ndarray, blocks: int) -> tuple[np.ndarray, np.ndarray]:
    """(block, bit positions (n, K)) of each 32-byte digest (rows of an (n, 32) uint8 array)."""
    block = (digests[:, :8].copy().view(">u8")[:, 0] % np.uint64(blocks)).astype(np.int64)
    bits = (digests[:, 8 : 8 + 2 * K].copy().view(">u2").astype(np.int64)) % BITS
    return block, bits


def encode(digests: np.ndarray, file_sha256: bytes, file_size: int) -> bytes:
    """The filter of the digests (an (n, 32) uint8 array, one row per item with a SHA-256) of a
    Parquet file with this SHA-256 and size."""
    n = len(digests)
    blocks = blocks_for(n)
    filt = np.zeros((blocks, BITS // 8), np.uint8)
    if n:
        block, bits = _positions(digests, blocks)
        rows = np.repeat(block, K)
        flat = bits.reshape(-1)
        np.bitwise_or.at(filt, (rows, flat >> 3), (1 << (flat & 7)).astype(np.uint8))
    out = bytearray(HEAD.pack(MAGIC, file_sha256, file_size, n, blocks))
    for row in filt:
        raw = row.tobytes()
        out += raw + zlib.crc32(raw).to_bytes(4, "big")
    return bytes(out)


def parse_head(raw: bytes) -> tuple[bytes, int, int, int] | None:
    """(file SHA-256, file size, items, blocks) of a filter's header, or None if malformed."""
    try:
        magic, sha, size, items, blocks = HEAD.unpack_from(raw, 0)
    except struct.error:
        return None
    if magic != MAGIC or blocks != blocks_for(items):
        return None
    return sha, size, items, blocks


def block_of(digest: bytes, blocks: int) -> int:
    return int.from_bytes(digest[:8], "big") % blocks


def in_block(digest: bytes, block: bytes) -> bool | None:
    """Whether `digest`'s bits are all set in this 64-byte block (None: its CRC fails)."""
    if len(block) != BLOCK or zlib.crc32(block[:-4]).to_bytes(4, "big") != block[-4:]:
        return None
    for i in range(K):
        bit = int.from_bytes(digest[8 + 2 * i : 10 + 2 * i], "big") % BITS
        if not block[bit >> 3] >> (bit & 7) & 1:
            return False
    return True


def may_hold(raw_blocks: bytes, blocks: int, digests: Sequence[bytes]) -> bool | None:
    """Whether a whole filter's blocks (`raw_blocks`) may hold any of `digests` (None: damaged)."""
    if len(raw_blocks) != blocks * BLOCK:
        return None
    hit = False
    for d in digests:
        at = block_of(d, blocks) * BLOCK
        got = in_block(d, raw_blocks[at : at + BLOCK])
        if got is None:
            return None
        hit = hit or got
    return hit
