"""Write and read the fingerprint store: one Parquet file per corpus shard (docs/fingerprint-store.md).

    <location>/<corpus, percent-quoted>/<SHA-256 of the shard name, 32 hex>.parquet

`location` is a local directory or a URL pyarrow's filesystems open (file://, s3://, gs://, hdfs://,
abfs://). A shard is written whole to a temporary name, flushed and renamed (object stores: one PUT),
so a reader never sees half a shard; writing a shard again replaces it. The store does not decide
which files count: the ledger's shard manifests (ledger/manifest.py) do, and readers pass the files
of the manifested shards (`files=`) so a file written by a run that died before its manifest was
committed is never read.

Queries go through pyarrow.dataset (column projection, predicate push-down on row-group statistics,
streaming record batches): see docs/ARCHITECTURE.md for why not DuckDB.

It stays one module (some 400 lines) on purpose: writing a shard, its file layout (row groups of
whole 64-leaf chunks, the uncompressed leaf-hash column) and the proofs read straight from that layout
depend on each other line by line.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from ledger_app.core.errors import UserError, VerificationError
from ledger_app.fpstore import lookup_index, proof_index, schema
from ledger_app.fpstore.proof_index import Hashes, ShardIndex
from ledger_app.ledger import manifest, merkle

ROW_GROUP = 2048  # a multiple of manifest.CHUNK: a proof reads the leaves of one row group


@dataclass(frozen=True)
class ShardFile:
    """A written shard: where, how many items, the RFC 6962 root over their leaves, the file's SHA-256."""

    corpus: str
    shard: str
    path: str  # relative to the store's location
    count: int
    root: bytes
    sha256: str
    size: int  # bytes of the Parquet file


def shard_file_name(corpus: str, shard: str, root: bytes, revision: str | None = None) -> str:
    """Where a shard's file goes: named by the shard and by its tree's root, so a shard written
    again (a re-run, a purge) gets a new file and never overwrites the one an earlier manifest names.
    A purge keeps the tree (every leaf stays, the removed items' rows are marked) and names the
    file it writes by a `revision` instead (`purged-r<request>`)."""
    shard_id = hashlib.sha256(shard.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    extra = f".{quote(revision, safe='')}" if revision else ""
    return f"{quote(corpus, safe='')}/{shard_id}.{root.hex()[:16]}{extra}.parquet"


def _to_row(rec: dict[str, Any], index: int) -> dict[str, Any]:
    row = {name: rec.get(name) for name in schema.COLUMNS}
    for name in schema.COLUMNS:
        if row[name] is None and name not in schema.OPTIONAL and name not in ("leaf_index", "leaf_hash"):
            raise ValueError(f"a fingerprint-store record lacks {name!r}")
    sha = row["sha256"]
    if isinstance(sha, str):
        row["sha256"] = bytes.fromhex(sha)
    row["leaf_index"] = index
    # Derived from fp_data, never taken from the record: a row whose fingerprint was cleared (a purge)
    # loses them too.
    row["quality"], row["coarse"] = schema.image_header(row["fp_kind"], row["fp_data"])
    row["text_keys"] = None  # derived from fp_data for the whole table (`_write`)
    row["leaf_hash"] = merkle.leaf_hash(bytes(row["leaf"] or b""))
    return row


def file_version(meta: dict[bytes, bytes] | None) -> int | None:
    """The schema version a file's metadata names, if it is one this code reads."""
    raw = (meta or {}).get(schema.META_VERSION)
    return next((v for v in schema.READABLE if raw == str(v).encode()), None)


def check_version(rel: str, meta: dict[bytes, bytes] | None) -> int:
    """The file's schema version; refused (UserError) unless readers accept it."""
    version = file_version(meta)
    if version is None:
        raw = (meta or {}).get(schema.META_VERSION) or b"none"
        raise UserError(f"the fingerprint store file {rel} has schema version {raw.decode(errors='replace')}, "
                        f"not one of {', '.join(map(str, schema.READABLE))}")
    return version


def sha256_rows(column: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """The non-null values of a `sha256` column as an (n, 32) uint8 array (what a lookup filter hashes)."""
    values = pc.drop_null(column)
    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks()
    if not len(values):
        return np.zeros((0, 32), np.uint8)
    raw = np.frombuffer(values.buffers()[1], np.uint8)
    return raw[values.offset * 32 : (values.offset + len(values)) * 32].reshape(-1, 32)


def record_dict(row: dict[str, Any]) -> dict[str, Any]:
    """A stored row as the item records elsewhere hold it (sha256 in hex)."""
    out = dict(row)
    if isinstance(out.get("sha256"), bytes):
        out["sha256"] = out["sha256"].hex()
    return out


SHARD_INDEXES = 4096  # shard indexes a store keeps for proofs (each about 1 % of its leaves' hashes)


class FingerprintStore:
    """The fingerprint store at one location."""

    def __init__(self, location: str | os.PathLike[str], filesystem: pafs.FileSystem | None = None):
        """`filesystem`: any pyarrow filesystem, e.g. an fsspec one wrapped as
        `pyarrow.fs.PyFileSystem(pyarrow.fs.FSSpecHandler(fs))`; `location` is then a path in it."""
        loc = os.fspath(location)
        self.location = loc
        if filesystem is not None:
            self.fs, self.base, self.local = filesystem, loc, isinstance(filesystem, pafs.LocalFileSystem)
        elif "://" in loc:
            try:
                self.fs, self.base = pafs.FileSystem.from_uri(loc)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, OSError) as exc:
                raise UserError(f"the fingerprint store location {loc!r} cannot be opened: {exc}") from None
            self.local = isinstance(self.fs, pafs.LocalFileSystem)
        else:
            self.fs, self.base, self.local = pafs.LocalFileSystem(), os.path.abspath(loc), True
        self.base = self.base.rstrip("/")
        self._indexes: OrderedDict[str, tuple[tuple[int, int, int] | None, ShardIndex]] = OrderedDict()

    def _full(self, rel: str) -> str:
        return f"{self.base}/{rel}"

    # --- writing ---------------------------------------------------------------------------------

    def write_shard(self, corpus: str, shard: str, records: Sequence[dict[str, Any]], *,
                    revision: str | None = None) -> ShardFile:
        """Write one shard's items, in leaf order, to a new file (see `shard_file_name`). Each record
        holds the schema's columns (`leaf`, the item's item.ingested leaf bytes, required)."""
        rows = [_to_row(r, k) for k, r in enumerate(records)]
        for r in rows:
            if r["shard"] != shard:
                raise ValueError(f"a record of shard {r['shard']!r} was given to shard {shard!r}")
        return self._write(corpus, shard, pa.Table.from_pylist(rows, schema=schema.SCHEMA),
                           [r["leaf_hash"] for r in rows], revision)

    def write_columns(self, corpus: str, shard: str, table: pa.Table, *, revision: str | None = None) -> ShardFile:
        """`write_shard` for items given as columns (a table of the schema's columns in its order, less
        `leaf_index` and `leaf_hash`, which are derived here as `write_shard` derives them, and with
        `quality`, `coarse` and `text_keys` replaced by those derived from `fp_data`, null or not): the same
        file, written without a dict per item (bench/store_synth.py writes 100 million items so)."""
        want = schema.SCHEMA.remove(schema.COLUMNS.index("leaf_hash")).remove(schema.COLUMNS.index("leaf_index"))
        if not table.schema.equals(want):
            raise ValueError(f"the columns given are not the store's schema less leaf_index and leaf_hash: {table.schema}")
        if table.num_rows and pc.any(pc.not_equal(table.column("shard"), shard)).as_py():
            raise ValueError(f"a record of another shard was given to shard {shard!r}")
        for name in schema.COLUMNS:
            if name in table.column_names and name not in schema.OPTIONAL and table.column(name).null_count:
                raise ValueError(f"a fingerprint-store record lacks {name!r}")
        hashes = [merkle.leaf_hash(leaf) for leaf in table.column("leaf").to_pylist()]
        # As write_shard: derived from fp_data, whatever the table holds.
        quality, coarse = schema.image_columns(table.column("fp_kind"), table.column("fp_data"))
        for name, col in (("quality", quality), ("coarse", coarse)):
            at = table.column_names.index(name)
            table = table.set_column(at, schema.SCHEMA.field(name), col)
        table = table.add_column(schema.COLUMNS.index("leaf_index"), schema.SCHEMA.field("leaf_index"),
                                 pa.array(range(table.num_rows), pa.int32()))
        table = table.add_column(schema.COLUMNS.index("leaf_hash"), schema.SCHEMA.field("leaf_hash"),
                                 pa.array(hashes, pa.binary(32)))
        return self._write(corpus, shard, table, hashes, revision)

    def _write(self, corpus: str, shard: str, table: pa.Table, hashes: list[bytes], revision: str | None) -> ShardFile:
        # Derived from fp_data, whatever the records or columns held (as quality and coarse).
        at = table.column_names.index("text_keys")
        table = table.set_column(at, schema.SCHEMA.field("text_keys"),
                                 schema.text_key_column(table.column("fp_kind"), table.column("fp_data")))
        chunks, tail = manifest.chunk_hashes(hashes)
        root = manifest.tree_root(len(hashes), chunks, tail)
        table = table.replace_schema_metadata({
            schema.META_VERSION: str(schema.SCHEMA_VERSION).encode(),
            schema.META_CORPUS: corpus.encode(),
            schema.META_SHARD: shard.encode("utf-8", "surrogateescape"),
            schema.META_ROOT: root.hex().encode(),
            schema.META_COUNT: str(table.num_rows).encode(),
            schema.META_UPPER: b"".join(h for level in manifest.upper_levels(chunks) for h in level).hex().encode(),
            schema.META_TAIL: b"".join(tail).hex().encode(),
        })
        sink = pa.BufferOutputStream()
        pq.write_table(table, sink, compression={c: "none" if c == "leaf_hash" else "zstd" for c in schema.COLUMNS},
                       use_dictionary=list(schema.DICTIONARY), row_group_size=ROW_GROUP)
        data = sink.getvalue().to_pybytes()
        rel = shard_file_name(corpus, shard, root, revision)
        self._put(rel, data)
        # The proof index beside it (a cache: a reader without it parses the footer).
        footer = pq.ParquetFile(pa.BufferReader(data))
        index = proof_index.from_footer(rel, footer, footer.schema_arrow.metadata or {})
        self._put(rel + proof_index.SUFFIX, proof_index.encode(index, len(data), proof_index.eighth_hashes(hashes)))
        # The exact-lookup filter beside it (a cache: a lookup scans a shard without a usable one).
        digest = hashlib.sha256(data).digest()
        self._put(rel + lookup_index.SUFFIX, lookup_index.encode(sha256_rows(table.column("sha256")), digest, len(data)))
        return ShardFile(corpus, shard, rel, table.num_rows, root, digest.hex(), len(data))

    def _put(self, rel: str, data: bytes) -> None:
        final = self._full(rel)
        if not self.local:
            self.fs.create_dir(final.rsplit("/", 1)[0], recursive=True)
            with self.fs.open_output_stream(final) as out:
                out.write(data)
            return
        os.makedirs(os.path.dirname(final), exist_ok=True)
        tmp = f"{final}.{uuid.uuid4().hex}.tmp"
        try:
            with open(tmp, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        fd = os.open(os.path.dirname(final), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    # --- reading ---------------------------------------------------------------------------------

    def files(self, corpus: str | None = None) -> list[str]:
        """The shard files present (relative paths), whether or not a manifest names them."""
        where = self._full(quote(corpus, safe="")) if corpus is not None else self.base
        try:
            infos = self.fs.get_file_info(pafs.FileSelector(where, recursive=True, allow_not_found=True))
        except OSError:
            return []
        return sorted(i.path[len(self.base) + 1 :] for i in infos
                      if i.type == pafs.FileType.File and i.path.endswith(".parquet"))

    def dataset(self, files: Sequence[str] | None = None, corpus: str | None = None) -> ds.Dataset:
        rels = list(files) if files is not None else self.files(corpus)
        return ds.dataset([self._full(r) for r in rels], schema=schema.SCHEMA, format="parquet",
                          filesystem=self.fs)

    def scan(self, *, files: Sequence[str] | None = None, corpus: str | None = None,
             columns: Sequence[str] | None = None, filter: pc.Expression | None = None,
             batch_size: int = 65_536) -> Iterator[pa.RecordBatch]:
        """Stream record batches of the given columns (all by default) of the given files."""
        yield from self.dataset(files, corpus).to_batches(
            columns=list(columns) if columns is not None else None, filter=filter, batch_size=batch_size)

    def _rows(self, filter: pc.Expression, files: Sequence[str] | None, corpus: str | None,
              columns: Sequence[str] | None) -> list[dict[str, Any]]:
        table = self.dataset(files, corpus).to_table(columns=list(columns) if columns else None, filter=filter)
        return [record_dict(r) for r in table.to_pylist()]

    def lookup_sha256(self, sha256_hex: str, *, files: Sequence[str] | None = None, corpus: str | None = None,
                      columns: Sequence[str] | None = None, signed: Mapping[str, str] | None = None,
                      use_filters: bool = True) -> list[dict[str, Any]]:
        """Every stored item whose content has this SHA-256: the files whose lookup filter may hold it
        (`may_hold`, with `signed`), scanned. `use_filters=False`: every file scanned."""
        try:
            digest = bytes.fromhex(sha256_hex)
        except ValueError:
            digest = b""
        if len(digest) != 32:
            raise UserError(f"{sha256_hex!r} is not a SHA-256 (64 hex digits)")
        rels = list(files) if files is not None else self.files(corpus)
        if use_filters:
            rels = self.may_hold(rels, [digest], signed)
        if not rels:
            return []
        return self._rows(pc.field("sha256") == pa.scalar(digest, pa.binary(32)), rels, None, columns)

    def may_hold(self, files: Sequence[str], digests: Sequence[bytes],
                 signed: Mapping[str, str] | None = None) -> list[str]:
        """The files among `files` that may hold an item with one of these SHA-256s: those whose lookup
        filter (`lookup_index`) says so, and every file whose filter cannot be used (missing, malformed,
        truncated, a block failing its CRC, or made for another file: its header must name the file's
        size and, when `signed` (file -> SHA-256 as its signed manifest says) is given, that SHA-256).
        A filter never makes a file that holds a digest look empty unless it was forged consistently,
        which `ledger log verify --store` finds (services/stored.py)."""
        return [rel for rel in files if self._filter_says(rel, digests, signed.get(rel) if signed else None) is not False]

    def lookup_filter_matches(self, rel: str, sha256: pa.Array | pa.ChunkedArray, file_sha256: str) -> bool:
        """Whether `rel` has no lookup filter, or exactly the one its `sha256` column (read from the file
        whose SHA-256 is `file_sha256`, checked by the caller) gives."""
        path = self._full(rel + lookup_index.SUFFIX)
        try:
            with self.fs.open_input_stream(path) as f:
                raw = f.read()
            size = self.fs.get_file_info(self._full(rel)).size
        except FileNotFoundError:
            return True
        except (OSError, pa.ArrowException):
            return False
        return size is not None and bytes(raw) == lookup_index.encode(sha256_rows(sha256), bytes.fromhex(file_sha256), size)

    def _filter_says(self, rel: str, digests: Sequence[bytes], file_sha256: str | None) -> bool | None:
        """Whether `rel`'s filter may hold one of `digests` (None: unusable, scan the file)."""
        try:
            if self.local:
                fd = os.open(self._full(rel + lookup_index.SUFFIX), os.O_RDONLY)
                try:
                    return self._read_filter(rel, digests, file_sha256, lambda n, at: os.pread(fd, n, at))
                finally:
                    os.close(fd)
            with self.fs.open_input_file(self._full(rel + lookup_index.SUFFIX)) as f:
                return self._read_filter(rel, digests, file_sha256, lambda n, at: bytes(f.read_at(n, at)))
        except (OSError, pa.ArrowException):
            return None

    def _read_filter(self, rel: str, digests: Sequence[bytes], file_sha256: str | None, read) -> bool | None:
        head = lookup_index.parse_head(read(lookup_index.HEAD.size, 0))
        if head is None:
            return None
        sha, size, _, blocks = head
        if file_sha256 is not None and sha.hex() != file_sha256:
            return None
        if self.local:
            if os.stat(self._full(rel)).st_size != size:
                return None
        elif self.fs.get_file_info(self._full(rel)).size != size:
            return None
        if len(digests) > 4:  # one read of the whole filter rather than a read per digest
            return lookup_index.may_hold(read(blocks * lookup_index.BLOCK, lookup_index.HEAD.size), blocks, digests)
        hit = False
        for d in digests:
            at = lookup_index.HEAD.size + lookup_index.block_of(d, blocks) * lookup_index.BLOCK
            got = lookup_index.in_block(d, read(lookup_index.BLOCK, at))
            if got is None:
                return None
            hit = hit or got
        return hit

    def item(self, item_id: str, *, files: Sequence[str] | None = None,
             columns: Sequence[str] | None = None) -> dict[str, Any] | None:
        """The stored item with this ID (`corpus:key`), or None."""
        corpus = item_id.split(":", 1)[0] if files is None else None
        rows = self._rows(pc.field("item_id") == item_id, files, corpus, columns)
        return rows[0] if rows else None

    def shard_rows(self, rel: str, columns: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One shard file's rows in leaf order."""
        table = self.read_shard(rel, columns)
        return [record_dict(r) for r in table.to_pylist()]

    def _open_shard(self, rel: str) -> tuple[pq.ParquetFile, dict[bytes, bytes]]:
        path = self._full(rel)
        try:
            pf = pq.ParquetFile(self.fs.open_input_file(path), pre_buffer=False)  # no I/O thread hop: one small read
        except FileNotFoundError:
            raise UserError(f"the fingerprint store at {self.location} has no file {rel}") from None
        except pa.ArrowInvalid as exc:
            raise UserError(f"the fingerprint store file {path} is not readable Parquet: {exc}") from None
        meta = pf.schema_arrow.metadata or {}
        check_version(rel, meta)
        return pf, meta

    def row_group(self, rel: str, group: int, columns: Sequence[str] | None = None) -> pa.Table:
        """One row group of a shard file (2,048 leaves from leaf 2,048 x `group`, see `shard_index`)."""
        pf, _ = self._open_shard(rel)
        return pf.read_row_group(group, columns=list(columns) if columns else None, use_threads=False)

    def read_shard(self, rel: str, columns: Sequence[str] | None = None) -> pa.Table:
        pf, _ = self._open_shard(rel)
        return pf.read(columns=list(columns) if columns else None)

    def shard_index(self, rel: str, *, footer: bool = False) -> ShardIndex:
        """What a proof needs of a shard file (size, root, subtree hashes, row groups), read once per
        open store from its side index (`proof_index`: a small file decoded by slicing) or, when that
        is missing, malformed or describes another file (or `footer`), from the file's footer. A local
        file is read again when its size or modification time changed (a file replaced under its
        name); an object store's is not (a name carries its tree's root, and objects are written
        whole). Every proof is checked against its manifest anyway."""
        stamp = None
        if self.local:
            try:
                st = os.stat(self._full(rel))
            except FileNotFoundError:
                raise UserError(f"the fingerprint store at {self.location} has no file {rel}") from None
            stamp = (st.st_size, st.st_mtime_ns, st.st_ino)
        got = self._indexes.get(rel)
        if got is not None and got[0] == stamp and not (footer and got[1].side):
            self._indexes.move_to_end(rel)
            return got[1]
        index = None if footer else self._side_index(rel, stamp[0] if stamp else None)
        if index is None:
            pf, meta = self._open_shard(rel)
            index = proof_index.from_footer(rel, pf, meta)
        self._indexes[rel] = (stamp, index)
        while len(self._indexes) > SHARD_INDEXES:
            self._indexes.popitem(last=False)
        return index

    def _side_index(self, rel: str, file_size: int | None) -> ShardIndex | None:
        try:
            if self.local:
                with open(self._full(rel + proof_index.SUFFIX), "rb") as f:
                    raw = f.read()
            else:
                with self.fs.open_input_file(self._full(rel + proof_index.SUFFIX)) as f:
                    raw = f.read()
        except (OSError, pa.ArrowException):
            return None
        return proof_index.decode(bytes(raw), file_size)

    def _read_at(self, rel: str, at: int, count: int) -> bytes:
        """`count` bytes of file `rel` from `at` (fewer at its end); a plain pread on a local store."""
        if self.local:  # no pyarrow file object for a few hundred bytes
            fd = os.open(self._full(rel), os.O_RDONLY)
            try:
                return os.pread(fd, count, at)
            finally:
                os.close(fd)
        with self.fs.open_input_file(self._full(rel)) as f:
            return bytes(f.read_at(count, at))

    def _chunk_hashes(self, rel: str, idx: ShardIndex, group: int, first: int, count: int, *,
                      direct_read: bool = True) -> bytes:
        """`count` leaf hashes from leaf `first` of row group `group`, as 32-byte runs: read directly
        when the column chunk's layout allows (and `direct_read`), else the group's column decoded."""
        start, _, direct = idx.groups[group]
        if direct is not None and direct_read:
            raw = self._read_at(rel, direct + (first - start) * 32, count * 32)
            if len(raw) == count * 32:
                return bytes(raw)
        pf, _ = self._open_shard(rel)
        col = pf.read_row_group(group, columns=["leaf_hash"], use_threads=False).column(0).combine_chunks()
        return col.buffers()[1].to_pybytes()[(col.offset + first - start) * 32 : (col.offset + first - start + count) * 32]

    def inner_proof(self, rel: str, leaf_index: int, leaf: bytes | None = None) -> tuple[bytes, int, list[bytes], bytes]:
        """(leaf, shard size, RFC 6962 inclusion proof of the leaf in the shard's tree, root), from the
        file's stored subtree hashes (`shard_index`) and the 64 leaf hashes of the leaf's chunk, the
        only bytes read per proof. `leaf`: the item's leaf when the caller has already read its row
        (else it is read from the file); it must hash to the stored leaf hash. A proof that a side
        index gives but that fails a check is built again from the footer."""
        idx = self.shard_index(rel)
        if not idx.side:
            return self._inner_proof(rel, idx, leaf_index, leaf)
        try:
            got = self._inner_proof(rel, idx, leaf_index, leaf)
            # A side index is a cache: its proof must lead to its root.
            merkle.verify_inclusion(leaf_index, got[1], merkle.leaf_hash(got[0]), got[2], got[3])
            return got
        except (UserError, VerificationError):
            return self._inner_proof(rel, self.shard_index(rel, footer=True), leaf_index, leaf)

    def _inner_proof(self, rel: str, idx: ShardIndex, leaf_index: int,
                     leaf: bytes | None) -> tuple[bytes, int, list[bytes], bytes]:
        size = idx.size
        if not 0 <= leaf_index < size:
            raise UserError(f"the fingerprint store file {rel} has no leaf {leaf_index}")
        chunks = idx.upper[0] if idx.upper else Hashes(b"", 0, 0)
        group = 0
        while idx.groups[group][0] + idx.groups[group][1] <= leaf_index:
            group += 1
        start, rows, _ = idx.groups[group]
        if (start + rows) % manifest.CHUNK and start + rows < size or start % manifest.CHUNK:
            raise UserError(f"the fingerprint store file {rel} splits a 64-leaf chunk "
                            "across row groups; write it again")
        own = leaf_index // manifest.CHUNK * manifest.CHUNK
        count = min(manifest.CHUNK, start + rows - own)
        if leaf is None:
            pf, _ = self._open_shard(rel)
            leaf = pf.read_row_group(group, columns=["leaf"], use_threads=False).column(0)[leaf_index - start].as_py()
        assert leaf is not None
        if idx.eighths_at is not None and leaf_index < len(chunks) * manifest.CHUNK:
            path = self._chunk_path(rel, idx, group, leaf_index, leaf)
            proof = manifest.inner_proof(leaf_index, size, chunks, idx.tail, [], idx.upper, idx.memo, chunk_path=path)
            return leaf, size, proof, idx.root
        raw = self._chunk_hashes(rel, idx, group, own, count)
        if merkle.leaf_hash(leaf) != raw[(leaf_index - own) * 32 : (leaf_index - own + 1) * 32] and idx.groups[group][2] is not None:
            # The direct read was not where the layout said (another writer's pages): decode instead.
            raw = self._chunk_hashes(rel, idx, group, own, count, direct_read=False)
        hashes = [raw[i : i + 32] for i in range(0, len(raw), 32)]
        if len(hashes) != count or merkle.leaf_hash(leaf) != hashes[leaf_index - own]:
            raise UserError(f"the fingerprint store file {rel} is damaged: leaf {leaf_index} does not match its hash")
        chunk_leaves = hashes if leaf_index < len(chunks) * manifest.CHUNK else []
        proof = manifest.inner_proof(leaf_index, size, chunks, idx.tail, chunk_leaves, idx.upper, idx.memo)
        # The root as the file states it; a caller checks the proof against the manifest's root, so
        # damaged subtree hashes cannot pass (services/stored.py verifies every proof it returns).
        return leaf, size, proof, idx.root

    def _chunk_path(self, rel: str, idx: ShardIndex, group: int, leaf_index: int, leaf: bytes) -> list[bytes]:
        """The siblings inside a complete chunk on the path of `leaf_index` (the proof's first
        CHUNK_LEVEL hashes), from the 8 leaf hashes of its subtree of 8 and the side index's hashes of
        the chunk's 8 subtrees of 8. Unchecked here: the caller checks the whole proof against the
        side index's root (and so these hashes), then against the signed manifest."""
        eight = proof_index.EIGHTH
        first = leaf_index // eight * eight
        raw = self._chunk_hashes(rel, idx, group, first, eight)
        if merkle.leaf_hash(leaf) != raw[(leaf_index - first) * 32 : (leaf_index - first + 1) * 32] and idx.groups[group][2] is not None:
            raw = self._chunk_hashes(rel, idx, group, first, eight, direct_read=False)
        if len(raw) != eight * 32 or merkle.leaf_hash(leaf) != raw[(leaf_index - first) * 32 : (leaf_index - first + 1) * 32]:
            raise UserError(f"the fingerprint store file {rel} is damaged: leaf {leaf_index} does not match its hash")
        chunk = leaf_index // manifest.CHUNK
        assert idx.eighths_at is not None
        above = self._read_at(rel + proof_index.SUFFIX, idx.eighths_at + chunk * eight * 32, eight * 32)
        if len(above) != eight * 32:
            raise UserError(f"the proof index of the fingerprint store file {rel} is truncated")
        sha, pre = hashlib.sha256, merkle.NODE_PREFIX
        path: list[bytes] = []
        for level, pos in (([raw[i : i + 32] for i in range(0, len(raw), 32)], leaf_index - first),
                           ([above[i : i + 32] for i in range(0, len(above), 32)], (leaf_index % manifest.CHUNK) // eight)):
            while len(level) > 1:
                path.append(level[pos ^ 1])
                level = [sha(pre + level[k] + level[k + 1]).digest() for k in range(0, len(level), 2)]
                pos >>= 1
        return path

    def file_sha256(self, rel: str) -> str:
        h = hashlib.sha256()
        with self.fs.open_input_stream(self._full(rel)) as f:
            while chunk := f.read(1 << 20):
                h.update(chunk)
        return h.hexdigest()
