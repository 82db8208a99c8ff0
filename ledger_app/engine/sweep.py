"""Locate as a sweep (issue #20): one request's works streamed past the fingerprint store, one shard
file per work unit, on either engine (the local pool or Ray tasks run the same `sweep_unit`).

A unit reads only the columns the request needs, a record batch at a time, and finds with vectorised
passes (pyarrow compute and numpy, no per-row Python but for C2PA JSON and the hit rows):

- exact SHA-256, URL key, domain (the domain or any subdomain: each value and what follows each of
  its dots, in the column's bytes, hashed and looked up, compiled: `hamming.suffix_matches`), account
  commitment, C2PA signer (a substring prefilter, then the JSON read as locate reads it);
- PDQ: the distances of the batch's stored hashes of reliable images to the request's hashes (every
  region in every dihedral variant), compiled (`hamming.pairs_within`, numba): for each stored hash
  its distances to every request hash less their radii reduced to their minimum (vectorised), and
  only a hash within some radius compared again to list its pairs; no matrix of all distances is
  written. Every pair is compared (some 650 per item): the request's hashes lie 80 bits and more
  apart, as do an item's regions, and the radius is about 80 of 256 bits, so no triangle inequality
  between them rules a pair out;
- coarse codes (uneven crops): the request's crop hypotheses in groups of near codes (`group_codes`,
  once per request); a group whose leader is further from an item's code than a member's distance
  from it plus the member's radius cannot match through that member (triangle inequality), so an
  item is compared with the group leaders and then only with the members whose reach covers its
  distance from their leader (`hamming.grouped_pairs`, compiled likewise);
- keypoint words (`matching.local_index.words`) of every image's descriptors against the request's
  words: how many distinct query words each item shares, and each query word's document count;
- text: the shingle sample and MinHash band keys of every text row (the `text_keys` column; of a file
  before version 3, derived from `fp_data`'s buffers at once), against the request's keys.

It returns candidates, never matches: `takedown/locate.py` verifies them with the same matcher
(`ImageMatcher`, `TextIndex`) and the same corpus-wide counts the local locate uses. A unit only
reads, so a worker that dies has its unit computed again (Ray's retries) and nothing is duplicated:
only the driver records matches, once, after every unit has answered.

It stays one module (some 700 lines) on purpose: the query's arrays, the batch's column buffers and
the passes that read them share one layout, which a split would spread over files.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ledger_app.core.errors import UserError
from ledger_app.fpstore import schema
from ledger_app.matching.image import MIN_QUALITY
from ledger_app.matching.local_index import TABLES, WORD_BITS, words

BATCH_ROWS = 16_384  # a multiple of the store's row groups; batches small enough to stay in cache-sized arrays
# Compared with as Arrow scalars: a Python string is converted at every call (and pyarrow tries an
# import each time, some 40 us).
_PURGED, _IMAGE, _TEXT, _NONE = (pa.scalar(v, pa.string()) for v in ("purged", "image", "text", "none"))
_KEY_MASK = (1 << 16) - 1  # text keys are first told apart by these low bits (`_texts`)
_LOCAL_HEAD = 10  # local features header: magic (3), version, width (2), height (2), keypoints (2)


@dataclass(frozen=True)
class SweepQuery:
    """What a request looks for, in arrays a unit can search (picklable: sent with every unit).

    `*_work` arrays name the image or text work (its position among the request's image or text
    works) that each hash, code, word or key belongs to; `pdq_radius` and `coarse_radius` are
    per hash or code (each work's own radius; -1: none)."""

    sha256: tuple[bytes, ...] = ()
    urls: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    signers: tuple[str, ...] = ()  # lower-cased needles
    pdq: np.ndarray = field(default_factory=lambda: np.empty((0, 32), np.uint8))
    pdq_work: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    pdq_radius: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    coarse: np.ndarray = field(default_factory=lambda: np.empty((0, 8), np.uint8))
    coarse_work: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    coarse_radius: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    # Where each group of `coarse` starts (and the end); a group's first code is its leader. Empty:
    # every code is its own group.
    coarse_groups: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))
    words: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint32))  # sorted within each work
    words_work: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))
    min_words: int = 6  # shared query words that make an item a keypoint candidate
    text_keys: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64))
    text_work: np.ndarray = field(default_factory=lambda: np.empty(0, np.int32))

    def searchers(self) -> _Searchers:
        """The query's arrays as the passes read them (`_Searchers`), built once per query and kept
        with it, also when it is sent to a unit (`__getstate__`): a request's units, one per file, do
        not each build them again (some 0.4 ms a file for the bench request)."""
        built = self.__dict__.get("_searchers")
        if built is None:
            built = _Searchers(self)
            object.__setattr__(self, "_searchers", built)
        return built

    def __getstate__(self) -> dict[str, Any]:
        self.searchers()
        return self.__dict__

    @property
    def images(self) -> bool:
        return bool(len(self.pdq) or len(self.coarse) or len(self.words))

    def columns(self, version: int = schema.SCHEMA_VERSION) -> list[str]:
        """The store columns this query reads from a file of schema `version` (and nothing else, until
        its hits are read back). From version 2 an image query reads `quality` and `coarse`, never
        `fp_data` (thumbnails); from version 3 a text query reads `text_keys`, before that `fp_data`
        of the text rows only (`_texts`)."""
        cols = ["status"]
        if self.sha256:
            cols.append("sha256")
        if self.urls:
            cols.append("url_norm")
        if self.domains:
            cols.append("domain")
        if self.accounts:
            cols.append("account")
        if self.signers:
            cols += ["c2pa_state", "c2pa_json"]
        if self.images or len(self.text_keys):
            cols.append("fp_kind")
            if version == 1 and self.images:
                cols.append("fp_data")
        if version >= 2 and self.images:
            cols += ["coarse"] + (["quality"] if len(self.pdq) else [])
        if version >= 3 and len(self.text_keys):
            cols.append("text_keys")
        if len(self.pdq):
            cols.append("pdq")
        if len(self.words):
            cols.append("local_data")
        return cols


@dataclass(frozen=True)
class SweepTask:
    """One unit: the store's location, one shard file (relative to it), the query."""

    location: str
    file: str
    query: SweepQuery


@dataclass
class UnitHits:
    """A unit's candidates, by row of its file; `rows` holds what the driver needs of each hit row."""

    file: str
    image_items: int = 0  # live image items in the file (the corpus-wide count is their sum)
    exact: list[tuple[int, int]] = field(default_factory=list)  # (hash number, row)
    urls: list[tuple[int, int]] = field(default_factory=list)
    domains: list[tuple[int, int]] = field(default_factory=list)
    accounts: list[tuple[int, int]] = field(default_factory=list)
    signers: list[tuple[int, int]] = field(default_factory=list)
    pdq: list[tuple[int, int]] = field(default_factory=list)  # (image work, row)
    coarse: list[tuple[int, int]] = field(default_factory=list)
    local: list[tuple[int, int, np.ndarray]] = field(default_factory=list)  # (work, row, shared word positions)
    text: list[tuple[int, int]] = field(default_factory=list)  # (text work, row)
    word_df: np.ndarray = field(default_factory=lambda: np.empty(0, np.int64))  # items holding each query word
    shard: str = ""
    hit_rows: list[int] = field(default_factory=list)  # the rows of `table`, ascending
    table: pa.Table | None = None  # what the driver needs of the hit rows (READ_BACK columns read)

    def rows(self) -> dict[int, dict[str, Any]]:
        """Each hit row as a dict of READ_BACK columns (its key, shard and leaf index derived)."""
        if self.table is None:
            return {}
        out = {}
        for r, row in zip(self.hit_rows, self.table.to_pylist(), strict=True):
            row.update(key=row["item_id"].split(":", 1)[1], shard=self.shard, leaf_index=r)
            row.setdefault("source_url", None)
            out[r] = row
        return out


READ_BACK = ("item_id", "key", "shard", "leaf_index", "sha256", "source_url", "url_norm", "fp_kind", "fp_data",
             "local_data", "c2pa_json")


def read_batches(pf: pq.ParquetFile, columns: Sequence[str]) -> Iterator[pa.RecordBatch]:
    """The file's record batches of `columns`, in row order (the sweep's reader, and the plain scan's)."""
    yield from pf.iter_batches(batch_size=BATCH_ROWS, columns=list(columns), use_threads=False)


def open_file(location: str, rel: str) -> pq.ParquetFile:
    """One shard file of the store at `location`, refused unless it has a schema version this reads."""
    from ledger_app.fpstore.store import FingerprintStore, check_version

    store = FingerprintStore(location)
    try:
        pf = pq.ParquetFile(store.fs.open_input_file(f"{store.base}/{rel}"), pre_buffer=False)
    except (OSError, pa.ArrowInvalid) as exc:
        raise UserError(f"the fingerprint store file {rel} cannot be read: {exc}") from None
    check_version(rel, pf.schema_arrow.metadata)
    return pf


def file_version(pf: pq.ParquetFile) -> int:
    """The file's schema version, from the footer's key-value metadata (which holds the Arrow
    schema's: `schema_arrow` would convert the whole schema to give it)."""
    from ledger_app.fpstore.store import check_version

    return check_version("", pf.metadata.metadata)


def sweep_unit(task: SweepTask) -> UnitHits:
    """The work unit both engines run: sweep one shard file with the query."""
    pf = open_file(task.location, task.file)
    return sweep_file(pf, task.file, task.query)


GROUP_SPREAD = 10  # bits from its leader within which a coarse code joins the leader's group

_HIT_LISTS = ("exact", "urls", "domains", "accounts", "signers", "pdq", "coarse", "text", "local")


def sweep_file(pf: pq.ParquetFile, name: str, query: SweepQuery) -> UnitHits:
    """The file's candidates (`find_candidates`) with what the driver needs of them (`read_back`)."""
    return read_back(pf, find_candidates(pf, name, query))


def find_candidates(pf: pq.ParquetFile, name: str, query: SweepQuery) -> UnitHits:
    """One pass over the query's columns of the file: its candidates, by row, with what the batches
    already held of the hit rows (the READ_BACK columns the query read)."""
    out = UnitHits(name, word_df=np.zeros(len(query.words), np.int64))
    searchers = query.searchers()
    columns = query.columns(file_version(pf))
    keep = [c for c in READ_BACK if c in columns]
    kept = []
    start = 0
    for batch in read_batches(pf, columns):
        before = [len(getattr(out, k)) for k in _HIT_LISTS]
        _sweep_batch(pf, batch, start, query, searchers, out)
        hit = sorted({h[1] for k, n in zip(_HIT_LISTS, before, strict=True) for h in getattr(out, k)[n:]})
        if hit:  # what the batch already holds of its hit rows is kept now, not read again
            kept.append(batch.select(keep).take(pa.array(np.array(hit) - start)))
            out.hit_rows += hit
        start += batch.num_rows
    if out.hit_rows:
        out.table = pa.Table.from_batches(kept)
    return out


def read_back(pf: pq.ParquetFile, out: UnitHits) -> UnitHits:
    """Add to the hit rows what the pass did not read: the item's ID, the source URL for URL finds,
    and the fingerprint of image and text candidates for their verification (reading only the row
    groups that hold hit rows). It costs per candidate, not per item. A row's shard is the file's,
    its leaf index its position (docs/fingerprint-store.md)."""
    if not out.hit_rows or out.table is None:
        return out
    rest = ["item_id"] + (["source_url"] if out.urls or out.domains else [])
    if out.pdq or out.coarse or out.local or out.text:
        rest.append("fp_data")
    rest = [c for c in rest if c not in out.table.column_names]
    table = out.table
    for name_, col in zip(rest, read_rows(pf, out.hit_rows, rest).columns, strict=True):
        table = table.append_column(name_, col)
    out.table = table
    out.shard = (pf.schema_arrow.metadata or {}).get(schema.META_SHARD, b"").decode("utf-8", "surrogateescape")
    return out


def read_rows(pf: pq.ParquetFile, wanted: Sequence[int] | np.ndarray, columns: Sequence[str]) -> pa.Table:
    """Columns of the given rows (ascending), reading only the row groups that hold them."""
    bounds = np.cumsum([0] + [pf.metadata.row_group(g).num_rows for g in range(pf.metadata.num_row_groups)])
    rows = np.asarray(wanted, np.int64)
    groups = np.unique(np.searchsorted(bounds, rows, "right") - 1)
    table = pf.read_row_groups([int(g) for g in groups], columns=list(columns), use_threads=False)
    # Positions of the wanted rows within the concatenated groups.
    sizes = bounds[groups + 1] - bounds[groups]
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    g_of = np.searchsorted(bounds[groups], rows, "right") - 1
    return table.take(pa.array(rows - bounds[groups][g_of] + starts[g_of], pa.int64()))


class _Searchers:
    """The request's arrays as the passes read them, built once per unit."""

    def __init__(self, q: SweepQuery):
        self.pdq: np.ndarray | None = None
        self.coarse: np.ndarray | None = None  # the coarse groups' leaders, if the request has codes
        if len(q.pdq):
            self.pdq = np.ascontiguousarray(q.pdq, np.uint8)
        if len(q.coarse):
            self._coarse_groups(q)
        self.sha = pa.array(q.sha256, pa.binary(32)) if q.sha256 else None
        self.sha_heads = np.frombuffer(b"".join(h[:8] for h in q.sha256 if len(h) == 32), np.uint64)
        self.urls = pa.array(q.urls, pa.string()) if q.urls else None
        self.accounts = pa.array(q.accounts, pa.string()) if q.accounts else None
        self.domains = None
        if q.domains:
            # The distinct requested domains, and the domain numbers of each (`domain_ks` from
            # `domain_first[u]` to `domain_first[u + 1]`, ascending).
            numbers: dict[str, list[int]] = {}
            for k, d in enumerate(q.domains):
                numbers.setdefault(d, []).append(k)
            values = sorted(numbers)
            self.domains = pa.array(values, pa.string())
            self.domain_ks = np.array([k for v in values for k in numbers[v]], np.int64)
            self.domain_first = np.cumsum([0] + [len(numbers[v]) for v in values]).astype(np.int64)
            # By length in bytes: whether a requested domain has it (the last: every longer length).
            sizes = [len(v.encode("utf-8")) for v in values]
            self.domain_sizes = np.zeros(max(sizes) + 2, bool)
            self.domain_sizes[sizes] = True
            # Their bytes, and their hashes sorted (`hamming.suffix_matches`).
            from ledger_app.matching.hamming import FILTER_BITS, byte_hashes

            self.domain_offs = np.cumsum([0] + sizes).astype(np.int64)
            self.domain_data = np.frombuffer("".join(values).encode("utf-8"), np.uint8)
            hashes = byte_hashes(self.domain_offs, self.domain_data)
            self.domain_u = np.argsort(hashes, kind="stable").astype(np.int64)
            self.domain_hash = hashes[self.domain_u]
            self.domain_table = np.zeros(1 << FILTER_BITS, bool)
            self.domain_table[(hashes & np.uint64((1 << FILTER_BITS) - 1)).astype(np.intp)] = True
        # The text works' keys, sorted and distinct, and the works holding each (`works_of_keys`
        # from `key_works[i]` to `key_works[i + 1]`).
        order = np.lexsort((q.text_work, q.text_keys))
        keys, work = np.asarray(q.text_keys, np.uint64)[order], np.asarray(q.text_work, np.int64)[order]
        self.text_keys, first = np.unique(keys, return_index=True)
        self.key_works = np.append(first, len(keys)).astype(np.int64)
        self.works_of_keys = work
        self.key_bits = np.zeros(_KEY_MASK + 1, bool)
        self.key_bits[(self.text_keys & np.uint64(_KEY_MASK)).astype(np.intp)] = True
        self.signer_ascii = all(s.isascii() and s.isprintable() and '"' not in s and "\\" not in s for s in q.signers)


    def _coarse_groups(self, q: SweepQuery) -> None:
        """The request's coarse groups as `_grouped_hits` reads them: each group's leader first, then
        its other codes by their reach (bits from the leader plus radius), farthest first, so the
        codes an item at a given distance from the leader can match are a prefix of the group
        (`reach[group, distance]` of them besides the leader)."""
        groups = np.asarray(q.coarse_groups if len(q.coarse_groups) else np.arange(len(q.coarse) + 1), np.int64)
        codes = np.ascontiguousarray(q.coarse, np.uint8).view(np.uint64).reshape(-1)
        size = np.diff(groups)
        group = np.repeat(np.arange(len(size)), size)
        lead = groups[:-1][group]
        bound = np.bitwise_count(codes ^ codes[lead]).astype(np.int64) + np.asarray(q.coarse_radius, np.int64)
        follower = np.arange(len(codes)) != lead
        order = np.lexsort((-bound, follower, group))  # by group; its leader, then the farthest reach first
        self.coarse64 = codes[order]
        self.coarse_work = np.asarray(q.coarse_work, np.int64)[order]
        self.coarse_radius = np.asarray(q.coarse_radius, np.int64)[order]
        self.groups = groups
        # An item further than this from a group's leader is further than its radius from every member
        # (triangle inequality); a code of the group can match it only if its reach is at least that far.
        self.group_bound = np.maximum.reduceat(bound, groups[:-1])
        top = int(self.group_bound.max()) + 2
        counts = np.bincount(group[follower] * top + bound[follower], minlength=len(size) * top).reshape(-1, top)
        self.reach = np.ascontiguousarray(np.cumsum(counts[:, ::-1], axis=1)[:, ::-1])  # followers with reach >= distance
        self.leaders64 = np.ascontiguousarray(codes[groups[:-1]])
        self.leaders = self.leaders64.view(np.uint8).reshape(-1, 8)
        self.coarse = self.leaders

def _mask(mask: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """A boolean array as numpy (null: False)."""
    return np.asarray(pc.fill_null(mask, False).to_numpy(zero_copy_only=False), bool)


def _found(col: pa.Array | pa.ChunkedArray, wanted: pa.Array, live: np.ndarray) -> list[tuple[int, int]]:
    """(position in `wanted`, row) of the live rows whose value is wanted, by row."""
    at = np.asarray(pc.fill_null(pc.index_in(col, value_set=wanted), -1).to_numpy(zero_copy_only=False), np.int64)
    rows = np.flatnonzero((at >= 0) & live)
    return list(zip(at[rows].tolist(), rows.tolist(), strict=True))


def _found_sha(col: pa.Array | pa.ChunkedArray, s: _Searchers, live: np.ndarray) -> list[tuple[int, int]]:
    """`_found` for the SHA-256 column: first the rows whose first 8 bytes are a wanted hash's (read
    from the column's buffer), then those rows' whole values looked up."""
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if col.type != pa.binary(32) or not len(col):
        return _found(col, s.sha, live)
    heads = np.frombuffer(col.buffers()[1], np.uint64)[col.offset * 4 : (col.offset + len(col)) * 4 : 4]
    maybe = np.flatnonzero(np.isin(heads, s.sha_heads) & live)
    if not len(maybe):
        return []
    return [(k, int(maybe[r])) for k, r in _found(col.take(pa.array(maybe)), s.sha, np.ones(len(maybe), bool))]


def _sweep_batch(pf: pq.ParquetFile, batch: pa.RecordBatch, start: int, q: SweepQuery, s: _Searchers,
                 out: UnitHits) -> None:
    live = _mask(pc.not_equal(batch.column("status"), _PURGED))
    if s.sha is not None:
        out.exact += [(k, start + r) for k, r in _found_sha(batch.column("sha256"), s, live)]
    if s.urls is not None:
        out.urls += [(k, start + r) for k, r in _found(batch.column("url_norm"), s.urls, live)]
    if s.domains is not None:
        out.domains += _domains(batch.column("domain"), start, live, s)
    if s.accounts is not None:
        out.accounts += [(k, start + r) for k, r in _found(batch.column("account"), s.accounts, live)]
    if q.signers:
        _signers(batch, start, q, s, live, out)
    if q.images or len(q.text_keys):
        kind = batch.column("fp_kind")
        if q.images:
            image = np.flatnonzero(_mask(pc.equal(kind, _IMAGE)) & live)
            out.image_items += len(image)
            if len(image):
                _images(batch, start, image, q, s, out)
        if len(q.text_keys):
            _texts(pf, batch, start, np.flatnonzero(_mask(pc.equal(kind, _TEXT)) & live), q, s, out)


def _domains(col: pa.Array | pa.ChunkedArray, start: int, live: np.ndarray, s: _Searchers) -> list[tuple[int, int]]:
    """(domain number, row) for each live row whose domain is a requested domain or under one (the
    value, or what follows one of its dots, is a requested domain), by row then number: each row's
    value matched (`_suffix_hits`), or, of a dictionary column, each distinct value and its rows then
    found by index."""
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    is_live = np.asarray(live, bool)
    if not len(col):
        return []
    if not isinstance(col, pa.DictionaryArray):  # each row's value matched (`_suffix_hits`)
        row, u = _suffix_hits(col, s)
        keep = is_live[row]
        row, u = row[keep], u[keep]
    else:  # each distinct value matched, then the rows holding it found by index
        value, u = _suffix_hits(col.dictionary, s)
        if not len(value):
            return []
        index = np.asarray(pc.fill_null(col.indices, -1).to_numpy(zero_copy_only=False), np.int64)
        near = np.zeros(len(col.dictionary) + 1, bool)  # by dictionary index; the last: a null
        near[value] = True
        rows = np.flatnonzero(near[index] & is_live)
        # Each row with every requested domain its value matched.
        order = np.argsort(value, kind="stable")
        value, u = value[order], u[order]
        lo = np.searchsorted(value, index[rows], "left")
        n = np.searchsorted(value, index[rows], "right") - lo
        row = np.repeat(rows, n)
        u = u[np.repeat(lo - np.concatenate([[0], np.cumsum(n)[:-1]]), n) + np.arange(int(n.sum()))]
    if not len(row):
        return []
    n = s.domain_first[u + 1] - s.domain_first[u]
    k = s.domain_ks[np.repeat(s.domain_first[u] - np.concatenate([[0], np.cumsum(n)[:-1]]), n) + np.arange(int(n.sum()))]
    row = np.repeat(row, n)
    span = len(s.domain_ks)
    pairs = np.unique(row.astype(np.int64) * span + k)
    return list(zip((pairs % span).tolist(), (start + pairs // span).tolist(), strict=True))


def _suffix_hits(values: pa.Array, s: _Searchers) -> tuple[np.ndarray, np.ndarray]:
    """(position, distinct requested domain) for each value that is a requested domain, or whose part
    after one of its dots is, by position: compiled (`hamming.suffix_matches`), over the column's
    bytes and offsets as they are (no copy): the parts of a requested domain's length in bytes hashed,
    looked up among the requested domains' hashes, and their bytes compared."""
    from ledger_app.matching.hamming import suffix_matches

    if not len(values):
        return np.empty(0, np.int64), np.empty(0, np.int64)
    if values.type not in (pa.string(), pa.large_string()):
        values = values.cast(pa.large_string())
    width = np.int64 if values.type == pa.large_string() else np.int32
    bufs = values.buffers()
    offs = np.frombuffer(bufs[1], width)[values.offset : values.offset + len(values) + 1]
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None else np.empty(0, np.uint8)
    return suffix_matches(offs, data, _valid(values), s.domain_sizes, s.domain_table, s.domain_hash, s.domain_u,
                          s.domain_offs, s.domain_data)


def _signers(batch: pa.RecordBatch, start: int, q: SweepQuery, s: _Searchers, live: np.ndarray,
             out: UnitHits) -> None:
    import json

    col = batch.column("c2pa_json")
    mask = _mask(pc.not_equal(batch.column("c2pa_state"), _NONE)) & live
    if s.signer_ascii:  # a needle JSON writes as it is: prefilter on the raw text
        near = np.zeros(len(mask), bool)
        for needle in q.signers:
            near |= _mask(pc.match_substring(col, needle, ignore_case=True))
        mask &= near
    for r in np.flatnonzero(mask):
        try:
            signer = (json.loads(col[int(r)].as_py() or "{}").get("signer") or "").lower()
        except (ValueError, AttributeError):
            continue
        out.signers += [(k, start + int(r)) for k, needle in enumerate(q.signers) if signer and needle in signer]


def _valid(col: pa.Array) -> np.ndarray:
    """Whether each value of an array (not a dictionary or union) is not null: its validity bitmap
    unpacked (`is_valid().to_numpy()` costs several times more)."""
    bitmap = col.buffers()[0]
    if bitmap is None or not col.null_count:
        return np.ones(len(col), bool)
    bits = np.unpackbits(np.frombuffer(bitmap, np.uint8), count=col.offset + len(col), bitorder="little")
    return bits[col.offset :].view(bool)


def _binary(col: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(offsets, data bytes, valid) of a binary column, without copying."""
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    bufs = col.buffers()
    offs = np.frombuffer(bufs[1], np.int32)[col.offset : col.offset + len(col) + 1]
    data = np.frombuffer(bufs[2], np.uint8) if bufs[2] is not None else np.empty(0, np.uint8)
    return offs, data, _valid(col)


def _gather(offs: np.ndarray, data: np.ndarray, rows: np.ndarray, skip: np.ndarray | int, take: np.ndarray) -> np.ndarray:
    """For each row, `take[i]` bytes from `offs[row] + skip[i]`, concatenated."""
    starts = offs[rows] + skip
    total = int(take.sum())
    if not total:
        return np.empty(0, np.uint8)
    base = np.repeat(starts - np.concatenate([[0], np.cumsum(take)[:-1]]), take)
    return data[base + np.arange(total)]


def _image_header(batch: pa.RecordBatch, image: np.ndarray, coarse: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, quality, coarse codes (n,) uint64) of the image rows among `image` that hold an image
    fingerprint: from the `quality` and `coarse` columns (schema 2), or from `fp_data`'s header (1)."""
    if "fp_data" not in batch.schema.names:
        col = batch.column("coarse")
        col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
        rows = image[_valid(col)[image]]
        quality = np.empty(0, np.uint8)
        if "quality" in batch.schema.names:
            quality = pc.fill_null(batch.column("quality"), 0).to_numpy(zero_copy_only=False)[rows]
        codes = np.empty(0, np.uint64)
        if coarse:  # 8 bytes a value: read as 64-bit words (a gather of (n, 8) bytes is some 10x slower)
            codes = np.frombuffer(col.buffers()[1], np.uint64)[col.offset : col.offset + len(col)][rows]
        return rows, np.asarray(quality, np.uint8), codes
    offs, data, valid = _binary(batch.column("fp_data"))
    lens = offs[1:] - offs[:-1]
    ok = image[valid[image] & (lens[image] >= schema.IMAGE_HEAD)]
    ok = ok[(data[offs[ok]] == ord("L")) & (data[offs[ok] + 1] == ord("P")) & (data[offs[ok] + 2] == ord("F"))]
    quality = data[offs[ok] + schema.IMAGE_QUALITY]
    codes = data[(offs[ok] + schema.IMAGE_COARSE)[:, None] + np.arange(8)] if coarse else np.empty((0, 8), np.uint8)
    return ok, quality, np.ascontiguousarray(codes).view(np.uint64).reshape(-1)


def _images(batch: pa.RecordBatch, start: int, image: np.ndarray, q: SweepQuery, s: _Searchers, out: UnitHits) -> None:
    ok, quality, coarse = _image_header(batch, image, s.coarse is not None)
    if not len(ok):
        return
    if s.pdq is not None:
        reliable = np.zeros(batch.num_rows, bool)
        reliable[ok[quality >= MIN_QUALITY]] = True
        codes, code_row = _pdq_codes(batch.column("pdq"), reliable)
        if len(codes):
            out.pdq += _range_hits(s.pdq, codes, code_row, q.pdq_radius, q.pdq_work, start)
    if s.coarse is not None and len(coarse):
        out.coarse += _grouped_hits(s, coarse, ok, q, start)
    if len(q.words):
        _words(batch, start, ok, q, out)


def _pdq_codes(col: pa.Array, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The stored PDQ hashes (n, 32) of the rows marked in `rows` (a mask) and the row of each; a view
    of the column's buffer when every row is wanted."""
    poffs, pdata, valid = _binary(col)
    span = poffs[1:] - poffs[:-1]
    whole = span * valid // 32
    if (span % 32).any() or (span * ~valid).any():  # a damaged value, or a null spanning bytes: gather
        keep = np.flatnonzero(rows & (whole > 0))
        flat = _gather(poffs, pdata, keep, 0, whole[keep] * 32).reshape(-1, 32)
        return flat, np.repeat(keep, whole[keep])
    codes = pdata[poffs[0] : poffs[-1]].reshape(-1, 32)
    code_row = np.repeat(np.arange(len(span)), whole)
    sel = rows[code_row]
    if sel.all():
        return codes, code_row
    return np.compress(sel, codes, axis=0), np.compress(sel, code_row)  # 4x the speed of codes[sel] here


def _pairs_within(codes: np.ndarray, queries: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code, query, distance) of every pair of a code (n, bytes) and a query code (m, bytes) at most
    the query's radius apart, by code then query (`hamming.pairs_within`: compiled, the distances of
    a code to every query code reduced first to whether any is within its radius, so no matrix of all
    distances is written: a file of the 10M bench store, 24,381 hashes against the request's 216, in
    1.7 ms, where faiss `hammings` took 2.7 ms before the pairs were picked out of its matrix)."""
    from ledger_app.matching.hamming import pairs_within

    width = codes.shape[1]
    if width % 8 or queries.shape[1] != width:  # compared a 64-bit word at a time
        raise ValueError(f"codes of {width} and {queries.shape[1]} bytes")
    words = np.ascontiguousarray(codes, np.uint8).view(np.uint64)
    queries_t = np.ascontiguousarray(np.ascontiguousarray(queries, np.uint8).view(np.uint64).T)
    return pairs_within(words, queries_t, np.asarray(radii, np.int64))


def _range_hits(queries: np.ndarray, codes: np.ndarray, code_row: np.ndarray, radii: np.ndarray,
                works: np.ndarray, start: int = 0) -> list[tuple[int, int]]:
    """Distinct (work, start + row) pairs with a code within the work's radius of one of its query codes."""
    code, query, _ = _pairs_within(codes, queries, radii)
    if not len(code):
        return []
    span = int(code_row.max()) + 1
    pairs = np.unique(works[query].astype(np.int64) * span + code_row[code])
    return list(zip((pairs // span).tolist(), (pairs % span + start).tolist(), strict=True))


def _grouped_hits(s: _Searchers, codes: np.ndarray, rows: np.ndarray, q: SweepQuery, start: int = 0) -> list[tuple[int, int]]:
    """Distinct (work, start + row) pairs with a coarse code (`codes`: (n,) uint64, or (n, 8) bytes)
    within the work's radius of one of its query codes: the groups whose leader is near enough, then
    the leader and the members whose reach covers the item's distance from it
    (`hamming.grouped_pairs`), the same pairs as comparing every code."""
    from ledger_app.matching.hamming import grouped_pairs

    items = codes if codes.dtype == np.uint64 else np.ascontiguousarray(codes, np.uint8).view(np.uint64).reshape(-1)
    item, member = grouped_pairs(items, s.leaders64, s.group_bound, s.groups, s.reach, s.coarse64, s.coarse_radius)
    if not len(item):
        return []
    row = rows[item].astype(np.int64)
    span = int(row.max()) + 1
    pairs = np.unique(s.coarse_work[member] * span + row)
    return list(zip((pairs // span).tolist(), (pairs % span + start).tolist(), strict=True))


def group_codes(codes: np.ndarray, works: np.ndarray, radii: np.ndarray,
                spread: int = GROUP_SPREAD) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The request's coarse codes (n, 8) reordered in groups for `_grouped_hits`, with their works and
    radii, and where each group starts: greedily, the ungrouped code with the most ungrouped codes
    within `spread` bits of it leads a group of them (ties: the first code), until none is left."""
    import heapq

    import faiss

    n = len(codes)
    if not n:
        return codes, works, radii, np.zeros(1, np.int64)
    codes = np.ascontiguousarray(codes, np.uint8)
    index = faiss.IndexBinaryFlat(64)
    index.add(codes)
    lims, _, labels = index.range_search(codes, spread + 1)
    lims = lims.astype(np.int64)
    free = np.ones(n, bool)
    heap = [(-int(lims[i + 1] - lims[i]), i) for i in range(n)]  # (minus the codes it would take, code)
    heapq.heapify(heap)
    order: list[int] = []
    starts: list[int] = []
    while heap:
        minus, i = heapq.heappop(heap)
        if not free[i]:
            continue
        near = labels[lims[i] : lims[i + 1]]
        near = near[free[near]]
        if len(near) != -minus:  # some were taken since: its place in the queue is too early
            heapq.heappush(heap, (-len(near), i))
            continue
        starts.append(len(order))
        order.append(i)
        order += np.sort(near[near != i]).tolist()
        free[near] = False
    perm = np.array(order, np.int64)
    return codes[perm], works[perm], radii[perm], np.array(starts + [n], np.int64)


def _words(batch: pa.RecordBatch, start: int, ok: np.ndarray, q: SweepQuery, out: UnitHits) -> None:
    if batch.column("local_data").null_count == batch.num_rows:  # no image here has keypoints
        return
    offs, data, valid = _binary(batch.column("local_data"))
    lens = offs[1:] - offs[:-1]
    rows = ok[valid[ok] & (lens[ok] > _LOCAL_HEAD)]
    rows = rows[(data[offs[rows]] == ord("L")) & (data[offs[rows] + 1] == ord("L")) & (data[offs[rows] + 2] == ord("F"))]
    n = (data[offs[rows] + 8].astype(np.int64) << 8) | data[offs[rows] + 9]
    fits = lens[rows] == _LOCAL_HEAD + n * 36
    rows, n = rows[fits], n[fits]
    if not len(rows):
        return
    width = (TABLES * WORD_BITS + 7) // 8  # the descriptor bytes a word reads
    # Descriptor k of a row starts at its offset + header + 4 n + 32 k.
    desc_row = np.repeat(np.arange(len(rows)), n)
    first = np.repeat(offs[rows] + _LOCAL_HEAD + 4 * n - np.concatenate([[0], np.cumsum(n)[:-1]]) * 32, n)
    desc_start = first + np.arange(int(n.sum())) * 32
    prefix = data[desc_start[:, None] + np.arange(width)]
    w = words(prefix)  # (descriptors, TABLES)
    item_of = np.repeat(desc_row, TABLES)
    w = w.reshape(-1)
    for work in np.unique(q.words_work):
        sel = np.flatnonzero(q.words_work == work)
        qw = q.words[sel]
        pos = np.searchsorted(qw, w)
        pos[pos == len(qw)] = 0
        hit = qw[pos] == w
        if not hit.any():
            continue
        pairs = np.unique(item_of[hit].astype(np.int64) * len(qw) + pos[hit])  # (item, word) once
        item, word = pairs // len(qw), pairs % len(qw)
        np.add.at(out.word_df, sel[word], 1)
        counts = np.bincount(item, minlength=len(rows))
        for i in np.flatnonzero(counts >= q.min_words):
            out.local.append((int(work), start + int(rows[i]), sel[word[item == i]]))


def _texts(pf: pq.ParquetFile, batch: pa.RecordBatch, start: int, rows: np.ndarray, q: SweepQuery, s: _Searchers,
           out: UnitHits) -> None:
    """Text rows sharing a key (a sampled shingle or a MinHash band key) with a text work: every
    text row's keys (the `text_keys` column, or of a version 1 or 2 file derived from `fp_data`'s
    buffers by `schema.text_keys`), looked up at once."""
    if not len(rows):
        return
    if "text_keys" in batch.schema.names:  # version 3: the keys the writer derived from fp_data
        # Every list's keys from the column's buffers (no take), each key's row's position in `rows`
        # (-1: a row not asked for, or a null list), and those of the rows asked for kept.
        listed = batch.column("text_keys")
        listed = listed.combine_chunks() if isinstance(listed, pa.ChunkedArray) else listed
        if listed.type != pa.list_(pa.uint64()):
            listed = listed.cast(pa.list_(pa.uint64()))
        offsets = np.frombuffer(listed.buffers()[1], np.int32)[listed.offset : listed.offset + len(listed) + 1]
        position = np.full(len(listed), -1, np.int64)
        position[rows] = np.arange(len(rows))
        if listed.null_count:
            position[~_valid(listed)] = -1
        flat = listed.values.slice(int(offsets[0]), int(offsets[-1] - offsets[0]))
        if not flat.null_count:  # compiled: each asked-for row's keys, filtered by their low bits, looked up
            from ledger_app.matching.hamming import key_hits

            values = np.asarray(flat.to_numpy(zero_copy_only=True), np.uint64)
            key_row, pos = key_hits(offsets - offsets[0], values, position, s.key_bits, s.text_keys)
            if not len(pos):
                return
            _text_pairs(start, rows, key_row, pos, s, out)
            return
        key_row = np.repeat(position, np.diff(offsets))
        wanted = (key_row >= 0) & _valid(flat)  # (filled first: a column with nulls would convert to floats)
        keys = np.asarray(pc.fill_null(flat, 0).to_numpy(zero_copy_only=False), np.uint64)[wanted]
        key_row = key_row[wanted]
    else:
        if "fp_data" in batch.schema.names:
            col = batch.column("fp_data").take(pa.array(rows))
        else:  # version 2: only the text rows' fingerprints, from the row groups that hold them
            col = read_rows(pf, start + rows, ["fp_data"]).column(0)
        keys, key_row = schema.text_keys(*_binary(col))
    # Only the keys whose low bits some request key has can be one (most keys are not): those are
    # looked up.
    maybe = np.flatnonzero(s.key_bits[(keys & np.uint64(_KEY_MASK)).astype(np.intp)])
    keys, key_row = keys[maybe], key_row[maybe]
    pos = np.searchsorted(s.text_keys, keys)
    pos[pos == len(s.text_keys)] = 0
    hit = s.text_keys[pos] == keys
    if hit.any():
        _text_pairs(start, rows, key_row[hit], pos[hit], s, out)


def _text_pairs(start: int, rows: np.ndarray, key_row: np.ndarray, pos: np.ndarray, s: _Searchers, out: UnitHits) -> None:
    """The (work, row) pairs of the keys found (`pos`: among the request's distinct keys; `key_row`:
    the row's position in `rows`), once each, row by row."""
    # Each hit key's works (a key may belong to several works); (work, row) pairs once, row by row.
    first, last = s.key_works[pos], s.key_works[pos + 1]
    n = last - first
    work = s.works_of_keys[np.repeat(first - np.concatenate([[0], np.cumsum(n)[:-1]]), n) + np.arange(int(n.sum()))]
    row = np.repeat(key_row, n)
    span = int(work.max()) + 1
    pairs = np.unique(row.astype(np.int64) * span + work)
    out.text += list(zip((pairs % span).tolist(), (start + rows[pairs // span]).tolist(), strict=True))
