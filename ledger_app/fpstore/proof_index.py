"""What a proof needs of a shard file (docs/fingerprint-store.md, "Proofs"): the tree's size and root,
the hashes of its perfect subtrees of 64 leaves and more, the last incomplete chunk's leaf hashes, and
where each row group's leaf hashes start in the file.

The file's footer states all of it, but parsing a Parquet footer costs about a millisecond, paid by
the first proof of every shard a process touches. So the writer also puts it beside the file, in a
small side index (`<file>.idx`, some 1 % of the shard's leaf hashes) that a reader decodes by
slicing: no Thrift, no hex. The side index is a cache, never trusted: a reader falls back to the
footer when it is missing, malformed or names another file size, and a proof built from it is
checked against its root before it is returned (fpstore/store.py `inner_proof`), so a damaged side
index costs a footer parse, never a wrong proof.

Layout (big-endian): MAGIC, file size (8), leaves (4), root (32), row groups (4) and per group its
first leaf (4), rows (4) and where its leaf hashes start (8; -1: decode the column), subtree hashes (4:
their number, then 32 bytes each, as `manifest.upper_levels` orders them), tail hashes (4, then 32
bytes each); from version 2 (MAGIC ending in 2; version 1 is read too), then the hashes of the
complete chunks' subtrees of 8 leaves (4: their number, leaves // 64 x 8, then 32 bytes each), so a
proof reads 8 leaf hashes instead of 64 and hashes 8 nodes instead of 63 (`FingerprintStore.inner_proof`).
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field

import pyarrow.parquet as pq

from ledger_app.fpstore import schema
from ledger_app.ledger import manifest, merkle

SUFFIX = ".idx"
MAGIC = b"PLSI\x02"
MAGIC_V1 = b"PLSI\x01"  # without the subtrees of 8 leaves
EIGHTH = 8  # leaves per stored subtree hash below a chunk
_HEAD = struct.Struct(">5sQI32sI")
_GROUP = struct.Struct(">IIq")
_COUNT = struct.Struct(">I")


class Hashes(Sequence[bytes]):
    """`count` 32-byte hashes from position `pos` of `raw`, sliced when read."""

    def __init__(self, raw: bytes, pos: int, count: int):
        self.raw, self.pos, self.n = raw, pos, count

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(self.n))]
        if not 0 <= i < self.n:
            raise IndexError(i)
        at = (self.pos + i) * 32
        return self.raw[at : at + 32]


@dataclass(frozen=True)
class ShardIndex:
    """A shard file's tree: size, root, the perfect subtree hashes of 64 leaves and more (`upper[0]`
    the chunks), the incomplete last chunk's leaf hashes, and each row group's first leaf, rows and
    where its leaf hashes start in the file (None: decode them). `side`: read from the side index
    (to be checked), not from the footer."""

    size: int
    root: bytes
    upper: tuple[Hashes, ...]
    tail: tuple[bytes, ...]
    groups: tuple[tuple[int, int, int | None], ...]
    side: bool = False
    # Where the side index file holds the hashes of the complete chunks' subtrees of EIGHTH leaves, in
    # order (None: not stored, as in a footer or a version 1 side index; a proof then hashes its chunk's
    # 64 leaf hashes). Read per proof (256 bytes), not kept: they are four fifths of the side index.
    eighths_at: int | None = None
    # Hashes of the tree's nodes above a chunk (by leaf range), made by earlier proofs from this index
    # (`manifest.inner_proof`'s memo): they depend on nothing else, so each is made once.
    memo: dict[tuple[int, int], bytes] = field(default_factory=dict, compare=False, repr=False)


def _levels(raw_upper: bytes, size: int) -> tuple[Hashes, ...] | None:
    upper, pos, count = [], 0, size // manifest.CHUNK
    while count:
        upper.append(Hashes(raw_upper, pos, count))
        pos, count = pos + count, count // 2
    return tuple(upper) if pos * 32 == len(raw_upper) else None


def from_footer(rel: str, pf: pq.ParquetFile, meta: dict[bytes, bytes]) -> ShardIndex:
    """The index as the file's footer states it (UserError when its subtree hashes do not fit)."""
    from ledger_app.core.errors import UserError

    size = int(meta[schema.META_COUNT])
    raw_upper, raw_tail = bytes.fromhex(meta[schema.META_UPPER].decode()), bytes.fromhex(meta[schema.META_TAIL].decode())
    upper = _levels(raw_upper, size)
    if upper is None:
        raise UserError(f"the fingerprint store file {rel} is damaged: its subtree hashes do not fit {size} leaves")
    md = pf.metadata
    column = md.schema.names.index("leaf_hash")
    groups, start = [], 0
    for g in range(md.num_row_groups):
        rg = md.row_group(g)
        cc = rg.column(column)
        # The leaf hashes of an uncompressed, plain, single-page column chunk sit at its end, 32
        # bytes each, after the page header: read straight from there (checked when read).
        header = cc.total_compressed_size - rg.num_rows * 32
        direct = (cc.data_page_offset + header if cc.compression == "UNCOMPRESSED" and not cc.has_dictionary_page
                  and 0 < header < 1024 else None)
        groups.append((start, rg.num_rows, direct))
        start += rg.num_rows
    return ShardIndex(size, bytes.fromhex(meta[schema.META_ROOT].decode()), upper,
                      tuple(raw_tail[i : i + 32] for i in range(0, len(raw_tail), 32)), tuple(groups))


def encode(index: ShardIndex, file_size: int, eighths: bytes | None = None) -> bytes:
    """The side index of a file of `file_size` bytes; version 2 with `eighths` (`eighth_hashes`), else 1."""
    out = [_HEAD.pack(MAGIC, file_size, index.size, index.root, len(index.groups))]
    out += [_GROUP.pack(start, rows, -1 if direct is None else direct) for start, rows, direct in index.groups]
    hashes = [h for level in index.upper for h in level]
    out += [_COUNT.pack(len(hashes)), *hashes, _COUNT.pack(len(index.tail)), *index.tail]
    if eighths is None:
        out[0] = MAGIC_V1 + out[0][len(MAGIC):]
    else:
        out += [_COUNT.pack(len(eighths) // 32), eighths]
    return b"".join(out)


def eighth_hashes(leaf_hashes: Sequence[bytes]) -> bytes:
    """The hashes of the subtrees of EIGHTH leaves of the complete chunks of these leaf hashes, joined."""
    sha, pre = hashlib.sha256, merkle.NODE_PREFIX
    out = []
    for at in range(0, len(leaf_hashes) // manifest.CHUNK * manifest.CHUNK, EIGHTH):
        level = leaf_hashes[at : at + EIGHTH]
        while len(level) > 1:
            level = [sha(pre + level[k] + level[k + 1]).digest() for k in range(0, len(level), 2)]
        out.append(level[0])
    return b"".join(out)


def decode(raw: bytes, file_size: int | None) -> ShardIndex | None:
    """The side index in `raw`, or None if it is malformed or (when `file_size` is known) describes a
    file of another size."""
    try:
        magic, size_of_file, size, root, n_groups = _HEAD.unpack_from(raw, 0)
        if magic not in (MAGIC, MAGIC_V1) or (file_size is not None and size_of_file != file_size):
            return None
        at = _HEAD.size
        groups = []
        for _ in range(n_groups):
            start, rows, direct = _GROUP.unpack_from(raw, at)
            groups.append((start, rows, None if direct < 0 else direct))
            at += _GROUP.size
        (n_upper,) = _COUNT.unpack_from(raw, at)
        at += _COUNT.size
        raw_upper = raw[at : at + 32 * n_upper]
        at += 32 * n_upper
        (n_tail,) = _COUNT.unpack_from(raw, at)
        at += _COUNT.size
        tail = tuple(raw[at + 32 * i : at + 32 * (i + 1)] for i in range(n_tail))
        at += 32 * n_tail
        eighths_at = None
        if magic == MAGIC:
            (n_eighths,) = _COUNT.unpack_from(raw, at)
            at += _COUNT.size
            if n_eighths != size // manifest.CHUNK * (manifest.CHUNK // EIGHTH):
                return None
            eighths_at = at
            at += 32 * n_eighths
    except struct.error:
        return None
    upper = _levels(raw_upper, size)  # copies: `raw` is not kept
    if (upper is None or at != len(raw) or sum(r for _, r, _ in groups) != size
            or n_tail != size % manifest.CHUNK):
        return None
    return ShardIndex(size, root, upper, tail, tuple(groups), side=True, eighths_at=eighths_at)
