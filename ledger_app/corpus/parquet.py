"""Parquet tables: one row per item, a text or image-bytes content column beside metadata columns.

The content column is configurable; by default it is a `text`/`content` string column, an
`image`/`jpg`/`bytes`... binary column, or a struct with `bytes` (and `path`) as HuggingFace datasets
store images. Rows are keyed by an `id` column when there is one, else by their 0-based row number.
Row groups are read one at a time, in batches, and a row group that cannot be decoded is refused
without stopping the rest. A purge rewrites the file row group by row group without the removed rows,
keeping the schema (with its metadata), the row group boundaries and each column's compression.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from ledger_app.core.errors import CorpusError
from ledger_app.core.item_reasons import item_said
from ledger_app.core.messages import QT_TRANSLATE_NOOP, Said, corpus_refused, parquet_error_said, said_of
from ledger_app.corpus.base import (
    SHARD_MEMBER,
    FilterResult,
    RawItem,
    RecordKeyer,
    ShardAdapter,
    item_key,
    normalize_metadata,
    record_id,
    refused,
)

TEXT_COLUMNS = ("text", "content")
BINARY_COLUMNS = ("image", "jpg", "jpeg", "png", "webp", "bytes", "image_bytes", "img", "data", "content")
BATCH_ROWS = 256
_CODECS = {"UNCOMPRESSED": "none", "SNAPPY": "snappy", "GZIP": "gzip", "BROTLI": "brotli",
           "ZSTD": "zstd", "LZ4": "lz4", "LZ4_RAW": "lz4"}


@dataclass(frozen=True)
class ContentSpec:
    column: str
    kind: str  # "text" | "binary" | "struct" (a struct with a `bytes` field, and maybe `path`)

    @property
    def is_text(self) -> bool:
        return self.kind == "text"


def _kind(t: Any) -> str | None:
    import pyarrow as pa

    if pa.types.is_dictionary(t):  # a file may store its Arrow schema with dictionary types
        return _kind(t.value_type)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or getattr(pa.types, "is_string_view", bool)(t):
        return "text"
    if (pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t)
            or getattr(pa.types, "is_binary_view", bool)(t)):
        return "binary"
    if pa.types.is_struct(t):
        idx = t.get_field_index("bytes")
        if idx >= 0 and _kind(t.field(idx).type) == "binary":
            return "struct"
    return None


def detect_content(schema: Any, column: str | None = None) -> ContentSpec:
    """Which column holds the content; raises CorpusError naming the columns when it cannot tell."""
    kinds = {f.name: _kind(f.type) for f in schema}
    if column is not None:
        if column not in kinds:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The content column {column} is not in the table (columns: {columns})."), column=repr(column), columns=", ".join(kinds))
        if kinds[column] is None:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "The content column {column} holds neither text nor bytes."), column=repr(column))
        return ContentSpec(column, kinds[column])  # type: ignore[arg-type]
    for name in TEXT_COLUMNS:
        if kinds.get(name) == "text":
            return ContentSpec(name, "text")
    for name in BINARY_COLUMNS:
        if kinds.get(name) in ("binary", "struct"):
            return ContentSpec(name, kinds[name])  # type: ignore[arg-type]
    for kind in ("struct", "binary"):
        found = [n for n, k in kinds.items() if k == kind]
        if len(found) == 1:
            return ContentSpec(found[0], kind)
    if not kinds:
        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot tell which column holds the content (the table has no columns); name it with content_column."))
    raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot tell which column holds the content (columns: {columns}); name it with content_column."),
                         columns=", ".join(kinds))


def _cell_sizes(col: Any) -> list[int | None]:
    """The byte length of each cell of a binary or string column (None for a null), read from Arrow's
    offsets; a dictionary column is measured through its dictionary, never expanded."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(col.type):
        return pc.take(pc.binary_length(col.dictionary), col.indices).to_pylist()
    return pc.binary_length(col).to_pylist()


def _decoded_bytes(batch: Any) -> int:
    """The bytes a batch stands for once expanded: a dictionary column counts each row's value (the
    dictionary itself is shared), any other column its Arrow buffers."""
    import pyarrow as pa

    total = 0
    for col in batch.columns:
        if pa.types.is_dictionary(col.type) and _kind(col.type) is not None:
            total += sum(n for n in _cell_sizes(col) if n) + col.indices.nbytes
        else:
            total += col.nbytes
    return total


class ParquetAdapter(ShardAdapter):
    format = "parquet"

    def __init__(self, root, *, content_column: str | None = None, id_column: str = "id", **kw: Any):
        super().__init__(root, **kw)
        self.content_column = content_column
        self.id_column = id_column

    def _is_shard_name(self, rel: str) -> bool:
        return rel.endswith((".parquet", ".pq"))

    def _parquet(self, fd: int, **kw: Any) -> Any:
        import pyarrow.parquet as pq

        return pq.ParquetFile(os.fdopen(os.dup(fd), "rb"), **kw)

    # Reading ------------------------------------------------------------------------------------

    def iter_items(self, shard: str) -> Iterator[RawItem]:
        fd, refusal = self._open_or_refuse(shard)
        if refusal is not None:
            yield refusal
            return
        try:
            try:
                pf = self._parquet(fd)
                spec = detect_content(pf.schema_arrow, self.content_column)
                # Top-level text and binary columns are read as dictionaries: a dictionary-encoded
                # value repeated on many rows then stays one value in memory (a batch never expands
                # it), and each row's size is known before its value is copied out.
                flat = [f.name for f in pf.schema_arrow if _kind(f.type) in ("text", "binary")]
                if flat:
                    pf.close()
                    pf = self._parquet(fd, read_dictionary=flat)
            except CorpusError as e:
                yield refused(shard, SHARD_MEMBER, item_said(QT_TRANSLATE_NOOP("ItemReason", "{shard}: {problem}"),
                                                             shard=shard, problem=said_of(e)))
                return
            except Exception as e:  # pyarrow raises several types for a file that is not Parquet
                yield refused(shard, SHARD_MEMBER, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "{shard} is not a readable Parquet file ({why})."), shard=shard, why=parquet_error_said(e)))
                return
            with pf:
                yield from self._rows(shard, pf, spec, os.fstat(fd).st_size)
        finally:
            os.close(fd)

    def _rows(self, shard: str, pf: Any, spec: ContentSpec, file_bytes: int) -> Iterator[RawItem]:
        keyer = RecordKeyer("row")
        has_id = self.id_column in pf.schema_arrow.names
        allowed = self.limits.records_allowed(file_bytes)
        row = 0
        for rg in range(pf.num_row_groups):
            meta = pf.metadata.row_group(rg)
            n = meta.num_rows
            if row + n > allowed:
                # A record bomb: the rows past the limit are refused once, from the metadata, unread.
                if row < allowed:
                    yield from self._row_group(shard, pf, rg, spec, has_id, keyer, row, allowed - row)
                yield refused(shard, SHARD_MEMBER,
                              self.limits.too_many_records(shard, file_bytes, item_said(QT_TRANSLATE_NOOP(
                                  "ItemReason", "row {n}"), n=allowed - 1)), partial=True)
                return
            problem = self._row_group_problem(meta)
            if problem is not None:
                yield refused(shard, f"row-group={rg}", item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row group {group} (rows {first} to {last}) {problem}; it was not read."),
                    group=rg, first=row, last=row + n - 1, problem=problem))
            else:
                yield from self._row_group(shard, pf, rg, spec, has_id, keyer, row, n)
            row += n

    def _row_group_problem(self, meta: Any) -> Said | None:
        """Why a row group must not be decoded at all, judged from its metadata alone: a declared size
        over the limit, or a column chunk that decompresses far beyond its stored size (the
        dictionary bomb: one 200 MB value stored once in 7 KB and repeated on every row)."""
        lim = self.limits
        if meta.total_byte_size > lim.max_row_group_bytes:
            return item_said(QT_TRANSLATE_NOOP("ItemReason", "declares {size} bytes, over the limit of {limit}"),
                             size=meta.total_byte_size, limit=lim.max_row_group_bytes)
        for j in range(meta.num_columns):
            c = meta.column(j)
            raw, packed = c.total_uncompressed_size, max(c.total_compressed_size, 1)
            if raw > lim.chunk_bomb_bytes and raw > lim.bomb_ratio * packed:
                return item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "has a column {column} declaring {raw} bytes uncompressed from {packed} (over {ratio} "
                                  "to 1 and past {limit} bytes): refused as a decompression bomb"),
                    column=repr(c.path_in_schema), raw=raw, packed=packed, ratio=f"{lim.bomb_ratio:g}",
                    limit=lim.chunk_bomb_bytes)
        return None

    def _batch_rows(self, meta: Any, dictionaries: frozenset[str] = frozenset()) -> int:
        """Rows per batch so that a batch's decoded bytes stay under `Limits.batch_bytes` in the worst
        case the metadata allows: a byte-array value can be as large as its whole column chunk (one
        dictionary entry repeated on every row), so a row may cost the sum of those chunk sizes. Columns
        read as dictionaries (`dictionaries`) do not count: a batch holds their values once."""
        per_row = 0
        n = max(meta.num_rows, 1)
        for j in range(meta.num_columns):
            c = meta.column(j)
            if c.physical_type in ("BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY") and c.path_in_schema not in dictionaries:
                per_row += c.total_uncompressed_size * max(1, -(-c.num_values // n))
        return max(1, min(BATCH_ROWS, self.limits.batch_bytes // max(per_row, 1)))

    def _row_group(self, shard: str, pf: Any, rg: int, spec: ContentSpec, has_id: bool, keyer: RecordKeyer,
                   first_row: int, take: int) -> Iterator[RawItem]:
        """The first `take` rows of row group `rg`, in bounded batches; a row group that cannot be
        decoded, or whose decoded size runs away from its stored size, is refused from there on."""
        import pyarrow as pa

        meta = pf.metadata.row_group(rg)
        n = meta.num_rows
        stored = max(sum(meta.column(j).total_compressed_size for j in range(meta.num_columns)), 1)
        lim = self.limits
        row, decoded = first_row, 0
        try:
            dictionaries = frozenset(f.name for f in pf.schema_arrow if pa.types.is_dictionary(f.type))
            for batch in pf.iter_batches(batch_size=self._batch_rows(meta, dictionaries), row_groups=[rg],
                                         use_threads=False):
                if row - first_row >= take:
                    return
                if row - first_row + batch.num_rows > take:
                    batch = batch.slice(0, take - (row - first_row))
                decoded += _decoded_bytes(batch)
                if decoded > lim.bomb_bytes and decoded > lim.bomb_ratio * stored:
                    yield refused(shard, f"row-group={rg}", item_said(QT_TRANSLATE_NOOP(
                        "ItemReason", "Row group {group} expands to more than {decoded} bytes from {stored} (over "
                                      "{ratio} to 1 and past {limit} bytes): refused as a decompression bomb; rows "
                                      "{first} to {last} were not read."),
                        group=rg, decoded=decoded, stored=stored, ratio=f"{lim.bomb_ratio:g}", limit=lim.bomb_bytes,
                        first=row, last=first_row + n - 1))
                    return
                yield from self._batch(shard, batch, spec, has_id, keyer, row)
                row += batch.num_rows
        except Exception as e:  # pyarrow raises several types for a damaged row group
            yield refused(shard, f"row-group={rg}", item_said(QT_TRANSLATE_NOOP(
                "ItemReason", "Row group {group} cannot be decoded ({why}); rows {first} to {last} were not read."),
                group=rg, why=parquet_error_said(e), first=row, last=first_row + n - 1))

    def _batch(self, shard: str, batch: Any, spec: ContentSpec, has_id: bool, keyer: RecordKeyer,
               first_row: int) -> Iterator[RawItem]:
        col = batch.column(spec.column)
        paths: list[Any] = [None] * batch.num_rows
        if spec.kind == "struct":
            path_idx = col.type.get_field_index("path")
            if path_idx >= 0:
                paths = col.field(path_idx).to_pylist()
            col = col.field("bytes")
        limit = self.limits.max_member_bytes
        # Sizes first, from Arrow's offsets: an over-long cell is refused without a Python copy of it.
        sizes = _cell_sizes(col)
        rest = batch.drop_columns([spec.column])
        meta_sizes = [0] * batch.num_rows
        for c in rest.columns:
            if _kind(c.type) in ("text", "binary"):
                meta_sizes = [a + (b or 0) for a, b in zip(meta_sizes, _cell_sizes(c), strict=True)]
        mlimit = self.limits.max_metadata_bytes
        if sum(m for m in meta_sizes if m <= mlimit) <= self.limits.batch_bytes:
            others = rest.to_pylist()
        else:  # copied out one row at a time, so a repeated dictionary value is never held many times
            others = [rest.slice(i, 1).to_pylist()[0] if meta_sizes[i] <= mlimit else {}
                      for i in range(batch.num_rows)]
        if sum(n for n in sizes if n is not None and n <= limit) <= self.limits.batch_bytes:
            values: list[Any] | None = col.to_pylist()  # the usual case: the whole batch is small
        else:
            values = None  # copied out one cell at a time below
        for i, meta in enumerate(others):
            row = first_row + i
            rid = record_id(meta.get(self.id_column)) if has_id else None
            member, first = keyer.key(row, rid)
            if first is not None:
                yield refused(shard, member, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row {row} repeats id {id} first seen on row {first}; ids must be unique within a "
                                  "shard."), row=row, id=repr(rid), first=first))
                continue
            if meta_sizes[i] > mlimit:
                yield refused(shard, member, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row {row}'s metadata is {size} bytes, over the limit of {limit} bytes."),
                    row=row, size=meta_sizes[i], limit=mlimit))
                continue
            size = sizes[i]
            if size is None:
                yield refused(shard, member, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row {row} has no content (its {column} is null)."), row=row, column=repr(spec.column)))
                continue
            if size > limit:
                yield refused(shard, member, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row {row}'s content is {size} bytes, over the limit of {limit} bytes."),
                    row=row, size=size, limit=limit))
                continue
            value = values[i] if values is not None else col[i].as_py()
            data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(value)
            if not data:
                yield refused(shard, member, item_said(QT_TRANSLATE_NOOP(
                    "ItemReason", "Row {row} has empty content (zero bytes in {column})."), row=row,
                    column=repr(spec.column)))
                continue
            if paths[i] is not None:
                meta = {**meta, "image_path": paths[i]}
            k = item_key(shard, member)
            yield RawItem(key=k, shard=shard, member=member, location=k, data=data, is_text=spec.is_text,
                          metadata=normalize_metadata(meta))

    # Purge --------------------------------------------------------------------------------------

    def filter_shard(self, shard: str, src: int, members: set[str], out: BinaryIO) -> FilterResult:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if SHARD_MEMBER in members or any(m.startswith("row-group=") for m in members):
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Only rows can be purged from {shard}, not a refused row group or the shard."), shard=shard)
        try:
            pf = self._parquet(src)
        except Exception as e:
            raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot rewrite {shard}: it is not a readable Parquet file ({why})."), shard=shard, why=parquet_error_said(e)) from None
        with pf:
            md = pf.metadata
            schema = pf.schema_arrow
            try:
                spec: ContentSpec | None = detect_content(schema, self.content_column)
            except CorpusError:
                spec = None
            has_id = self.id_column in schema.names
            codecs: dict[str, str] = {}
            if md.num_row_groups:
                rg0 = md.row_group(0)
                for j in range(rg0.num_columns):
                    c = rg0.column(j)
                    codecs[c.path_in_schema] = _CODECS.get(c.compression, "snappy")
            version = md.format_version if md.format_version in ("1.0", "2.4", "2.6") else "2.6"
            writer = pq.ParquetWriter(out, schema, compression=codecs or "snappy", version=version,
                                      store_schema=True)
            result = FilterResult()
            old_keys, new_keys = RecordKeyer("row"), RecordKeyer("row")
            row = new_row = 0
            try:
                for rg in range(md.num_row_groups):
                    try:
                        table = pf.read_row_group(rg, use_threads=False)
                    except Exception as e:
                        raise corpus_refused(QT_TRANSLATE_NOOP("ServiceMessage", "Cannot rewrite {shard}: row group {group} cannot be decoded ({why}). Restore or repair the shard first; nothing was changed."),
                                             shard=shard, group=rg, why=parquet_error_said(e)) from None
                    ids = table.column(self.id_column).to_pylist() if has_id else [None] * table.num_rows
                    keep = []
                    removed_idx = []
                    for i, raw_id in enumerate(ids):
                        member, _ = old_keys.key(row + i, record_id(raw_id))
                        if member in members:
                            keep.append(False)
                            removed_idx.append(i)
                            result.removed_keys.append(item_key(shard, member))
                            continue
                        keep.append(True)
                        new_member, _ = new_keys.key(new_row, record_id(raw_id))
                        if new_member != member:
                            result.moved_keys[item_key(shard, member)] = item_key(shard, new_member)
                        new_row += 1
                    if removed_idx:
                        self._hash_removed(table, spec, removed_idx, result)
                        table = table.filter(pa.array(keep))
                    if table.num_rows:
                        writer.write_table(table, row_group_size=table.num_rows)
                    row += len(ids)
            finally:
                writer.close()
        return result

    @staticmethod
    def _hash_removed(table: Any, spec: ContentSpec | None, idx: list[int], result: FilterResult) -> None:
        """Record the content hash of each removed row (the item's sha256 at ingest)."""
        keys = result.removed_keys[-len(idx):]
        if spec is None:
            return
        col = table.column(spec.column).take(idx)
        if spec.kind == "struct":
            col = col.combine_chunks().field("bytes")
        for k, value in zip(keys, col.to_pylist(), strict=True):
            if value is None:
                continue
            data = value.encode("utf-8", "surrogatepass") if isinstance(value, str) else bytes(value)
            result.removed_item_hashes[k] = result.removed_member_hashes[k] = hashlib.sha256(data).hexdigest()
