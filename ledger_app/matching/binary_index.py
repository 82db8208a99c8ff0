"""Nearest neighbours in Hamming space over fixed-width binary codes with integer labels.

Range searches over codes of whole 64-bit words (PDQ's 256 bits, the 64-bit coarse codes) run on the
compiled kernels of `matching.hamming` (numba) where numba is installed: each code's distances to all the
queries at once in vector registers (`pairs_within`), and for grouped queries, the centres first, then
only the queries of a group whose reach covers the code (`grouped_pairs`: triangle inequality), never
listing the codes near a centre. At a million items (the bench's 27 queries, load 6-7): PDQ 52 -> 21 ms,
coarse 75 -> 37 ms against faiss on one thread; the same hits in the same order (tests). Without numba
(the desktop bundle), faiss as below.

faiss' `IndexBinaryFlat` (an exhaustive popcount scan in SIMD, about 1-3 ms per 256-bit query over
a million codes on this machine) does the searching when faiss is installed; otherwise a numpy scan
does the same, slower. The codes sit in faiss in blocks of 4 MB, each searched for all
the queries at once before the next: a query brings 24 PDQ hashes (or hundreds of coarse codes),
and one block stays in the processor's cache while they scan it, where one index of a million
codes is read from memory again for each query (the PDQ scan of a locate at 1 M items took 40 %
less time). The numpy arrays are the source of truth: additions append to both, a
removal compacts the arrays and rebuilds the faiss blocks at the next search, which suits how the
ledger uses it (bulk loads, rare removals after a purge).

`query_threads` runs a query's faiss calls on as many OpenMP threads as there are cores nobody
else is using (`query_thread_count`: the cores less the load beyond this query's own, at least one,
at most the caller's setting; the image matcher wraps each query in it). The load is what runs now:
the runnable threads the kernel counts when the query starts (/proc/loadavg's fourth field, the
query's own thread included), where the system says it, else the 1-minute load average. The average
lags a minute behind: after the million-item index build it still said 1.14 on an idle machine,
which left the next queries one thread (hash scans 27 -> 44 ms). faiss' own
default, one thread per core, loses badly as soon as the cores are shared: a scan waits at each
parallel region's barrier for a thread the system has descheduled. Measured at a million items
(bench_images_1m.py): at load average 10 on 2 cores, the same 27 queries alternating in one process,
the hash scans took 466 ms median per query on two threads and 116 ms on one (every query faster),
the whole query 811 -> 426 ms; on the idle machine (load 0.6-1.0, runs one after the other) two
threads were the faster: hash scans 28 against 44 ms, the whole query 163 against 181 ms.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np

from ledger_app.matching import kernels

try:  # faiss is optional; see the module docstring.
    import faiss
except ImportError:  # pragma: no cover - exercised only where faiss is missing
    faiss = None


_MH_TABLES = 16
_MH_MIN_CODES = 200_000
_BLOCK_BYTES = 1 << 22  # codes per faiss block: this many bytes of them


def query_thread_count(cores: int, load: float | None) -> int:
    """faiss threads for a query: the cores (at most `cores`, the caller's own setting) that the load
    (`_load_average`: the query's own thread included) leaves free besides the one this query runs
    on, rounded to the nearest, at least one. `load` None (the system cannot say): one thread, the
    choice that never loses badly."""
    if load is None:
        return 1
    return max(1, min(cores, math.floor(cores + 1.5 - load)))


def _load_average() -> float | None:
    """The load a query's threads meet, its own included: the threads runnable now (Linux:
    /proc/loadavg's fourth field, 'runnable/total', which counts the reader), else the 1-minute
    load average (which lags a minute behind), else None (Windows; a system that cannot say)."""
    try:
        with open("/proc/loadavg", "rb") as f:
            return float(f.read().split()[3].split(b"/")[0])
    except (OSError, IndexError, ValueError):
        pass
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


@contextmanager
def query_threads(n: int | None = None) -> Iterator[None]:
    """faiss' OpenMP threads set to `n` (by default `query_thread_count` of the caller's setting, capped
    at the machine's cores, and the load now: `_load_average`) for the calling thread's faiss calls, then restored
    (the setting is the calling thread's own; other threads keep theirs)."""
    if faiss is None:
        yield
        return
    before = faiss.omp_get_max_threads()
    if n is None:
        n = query_thread_count(min(before, os.cpu_count() or 1), _load_average())
    faiss.omp_set_num_threads(n)
    try:
        yield
    finally:
        faiss.omp_set_num_threads(before)


def _compiled_pairs() -> Any:
    """The compiled range scan (`matching.hamming.pairs_within`: numba), or None where numba is not
    installed (`kernels.compiled`)."""
    return kernels.compiled("ledger_app.matching.hamming", "pairs_within")


def _compiled_grouped() -> Any:
    """The compiled grouped scan (`matching.hamming.grouped_pairs`), or None where numba is missing."""
    return kernels.compiled("ledger_app.matching.hamming", "grouped_pairs")


class BinaryIndex:
    def __init__(self, nbytes: int, *, use_faiss: bool = True, use_compiled: bool = True):
        self.nbytes = nbytes
        self._use_faiss = use_faiss and faiss is not None
        self._use_compiled = use_compiled and nbytes % 8 == 0
        self._codes = np.empty((0, nbytes), np.uint8)
        self._labels = np.empty(0, np.int64)
        self._pending: list[tuple[np.ndarray, np.ndarray]] = []
        self._blocks: list = []  # faiss.IndexBinaryFlat of consecutive rows, block_rows each (the last fewer)
        self._faiss_rows = 0
        self.block_rows = max(1, _BLOCK_BYTES // nbytes)
        self._multihash = None  # built on demand for small-radius searches over many codes

    def __len__(self) -> int:
        return len(self._labels) + sum(len(lab) for _, lab in self._pending)

    @property
    def backend(self) -> str:
        return "faiss" if self._use_faiss else "numpy"

    def add(self, codes: np.ndarray, labels: np.ndarray) -> None:
        codes = np.ascontiguousarray(codes, dtype=np.uint8).reshape(-1, self.nbytes)
        labels = np.asarray(labels, dtype=np.int64).reshape(-1)
        if len(codes) != len(labels):
            raise ValueError("codes and labels differ in length")
        if len(codes):
            self._pending.append((codes, labels))

    def _flush(self) -> None:
        if self._pending:
            self._codes = np.concatenate([self._codes] + [c for c, _ in self._pending])
            self._labels = np.concatenate([self._labels] + [lab for _, lab in self._pending])
            self._pending.clear()
        if self._multihash is not None and self._multihash.ntotal < len(self._codes):
            self._multihash.add(self._codes[self._multihash.ntotal :])
        if self._use_faiss:
            if self._faiss_rows > len(self._codes):
                self._blocks, self._faiss_rows = [], 0
            while self._faiss_rows < len(self._codes):
                if not self._blocks or self._blocks[-1].ntotal == self.block_rows:
                    self._blocks.append(faiss.IndexBinaryFlat(self.nbytes * 8))
                block = self._blocks[-1]
                take = min(self.block_rows - block.ntotal, len(self._codes) - self._faiss_rows)
                block.add(self._codes[self._faiss_rows : self._faiss_rows + take])
                self._faiss_rows += take

    def remove(self, labels: np.ndarray) -> int:
        """Drop every code carrying one of these labels; returns how many were dropped."""
        self._flush()
        drop = np.isin(self._labels, np.asarray(labels, dtype=np.int64))
        n = int(drop.sum())
        if n:
            self._codes = self._codes[~drop]
            self._labels = self._labels[~drop]
            self._blocks, self._faiss_rows = [], 0  # both rebuilt at the next search
            self._multihash = None
        return n

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        self._flush()
        return self._codes, self._labels

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(distances, labels), each (len(queries), k); label -1 where there are fewer than k codes."""
        self._flush()
        queries = np.ascontiguousarray(queries, dtype=np.uint8).reshape(-1, self.nbytes)
        nq = len(queries)
        if nq == 0 or len(self._codes) == 0:
            return np.full((nq, k), 1 << 30, np.int32), np.full((nq, k), -1, np.int64)
        if self._use_faiss and not _small(queries, self._codes):
            dist, rows = self._block_search(queries, k)
        else:
            dist, rows = _numpy_search(self._codes, queries, k)
        labels = np.where(rows >= 0, self._labels[np.maximum(rows, 0)], -1)
        dist = np.where(rows >= 0, dist, 1 << 30).astype(np.int32)
        return dist, labels

    def range_search(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Every code within `radius` bits of a query: flat arrays (query number, distance, label)."""
        qnum, dist, rows = self._range_rows(queries, radius)
        return qnum, dist, self._labels[rows]

    def range_search_grouped(
        self, queries: np.ndarray, radius: int, spread: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What `range_search` returns, in its order (by query, then row), for many queries that lie
        close together (the crop hypotheses of one image): the queries are grouped around centres
        at most `spread` bits from each of their group, the index is scanned for the centres only,
        `radius + spread` bits around them (a code within `radius` of a query is within that of its
        centre), and the codes found are measured against each query of the group."""
        self._flush()
        queries = np.ascontiguousarray(queries, dtype=np.uint8).reshape(-1, self.nbytes)
        if len(queries) < 2 or spread <= 0 or len(self._codes) == 0:
            return self.range_search(queries, radius)
        qv = _words(queries, queries)[0]
        near = np.bitwise_count(qv[:, None, :] ^ qv[None, :, :]).sum(axis=2) <= spread
        centres, groups = [], []
        left = np.ones(len(queries), bool)
        covers = near.sum(axis=1)  # of each query, how many of the queries left it is near
        while left.any():  # greedily, the centre that covers most of the queries left
            c = int(np.argmax(covers))
            members = np.flatnonzero(near[c] & left)
            groups.append(members)
            centres.append(c)
            left[members] = False
            covers -= near[:, members].sum(axis=1)
        if (self.nbytes == 8 and self._use_compiled and not _small(queries[centres], self._codes)):
            grouped = _compiled_grouped()
            if grouped is not None:
                return self._grouped_compiled(grouped, qv[:, 0], centres, groups, radius)
        cnum, _, crows = self._range_rows(queries[centres], radius + spread)
        bounds = np.searchsorted(cnum, np.arange(len(centres) + 1))  # hits come by centre
        base = _words(self._codes, queries)[0]
        qs, ds, rs = [], [], []
        for g, members in enumerate(groups):
            rows = crows[bounds[g] : bounds[g + 1]]
            if not len(rows):
                continue
            if base.shape[1] == 1:  # one word a code: no sum over words
                d = np.bitwise_count(qv[members, 0][:, None] ^ base[rows, 0][None, :])
            else:
                d = np.bitwise_count(qv[members][:, None, :] ^ base[rows][None, :, :]).sum(axis=2, dtype=np.int32)
            mi, ri = np.nonzero(d <= radius)
            qs.append(members[mi])
            ds.append(d[mi, ri])
            rs.append(rows[ri])
        if not qs:
            empty = np.empty(0, np.int64)
            return empty, empty.astype(np.int32), empty
        qnum, dist, rows = np.concatenate(qs), np.concatenate(ds), np.concatenate(rs)
        order = np.lexsort((rows, qnum))
        return qnum[order].astype(np.int64), dist[order].astype(np.int32), self._labels[rows[order]]

    def _grouped_compiled(
        self, grouped_pairs, qv: np.ndarray, centres: list[int], groups: list[np.ndarray], radius: int
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`range_search_grouped` for one-word codes by the compiled scan (`matching.hamming.grouped_pairs`):
        each code is measured against the centres, and against a group's other queries only when its
        distance from the centre is within their reach (bits from the centre plus the radius: triangle
        inequality), so the codes near a centre are never listed. Each group's centre first, then its
        other queries by reach, farthest first (the queries a code at a given distance can match are
        a prefix of the group: `reach[group, distance]` of them besides the centre)."""
        order = [np.concatenate(([c], m[m != c])) for c, m in zip(centres, groups, strict=True)]
        sizes = np.array([len(o) for o in order], np.int64)
        group = np.repeat(np.arange(len(order)), sizes)
        member = np.concatenate(order)
        bound = np.bitwise_count(qv[member] ^ qv[np.array(centres)][group]).astype(np.int64) + radius
        follower = np.ones(len(member), bool)
        follower[np.cumsum(sizes) - sizes] = False
        by_reach = np.lexsort((-bound, follower, group))
        member, bound, follower = member[by_reach], bound[by_reach], follower[by_reach]
        starts = np.concatenate(([0], np.cumsum(sizes))).astype(np.int64)
        group_bound = np.maximum.reduceat(bound, starts[:-1])
        top = int(group_bound.max()) + 2
        counts = np.bincount(group[follower] * top + bound[follower], minlength=len(order) * top).reshape(-1, top)
        reach = np.ascontiguousarray(np.cumsum(counts[:, ::-1], axis=1)[:, ::-1])  # followers reaching that far
        items = self._codes.view(np.uint64).reshape(-1)
        members = np.ascontiguousarray(qv[member])
        rows, at = grouped_pairs(items, np.ascontiguousarray(qv[np.array(centres)]), group_bound, starts, reach,
                                 members, np.full(len(member), radius, np.int64))
        qnum = member[at]
        dist = np.bitwise_count(items[rows] ^ members[at]).astype(np.int32)
        order_ = np.lexsort((rows, qnum))
        return qnum[order_].astype(np.int64), dist[order_], self._labels[rows[order_]]

    def _range_rows(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query number, distance, row) of every code within `radius` bits of a query."""
        self._flush()
        queries = np.ascontiguousarray(queries, dtype=np.uint8).reshape(-1, self.nbytes)
        if len(queries) == 0 or len(self._codes) == 0:
            empty = np.empty(0, np.int64)
            return empty, empty.astype(np.int32), empty
        if (
            self._use_faiss
            and radius < 2 * _MH_TABLES
            and len(self._codes) >= _MH_MIN_CODES
            and self.nbytes == 32
        ):
            # Multi-index hashing: 16 tables of 16 bits probed with one flipped bit find every
            # code within 31 bits exactly (one table must differ by at most one bit).
            if self._multihash is None:
                self._multihash = faiss.IndexBinaryMultiHash(
                    self.nbytes * 8, _MH_TABLES, self.nbytes * 8 // _MH_TABLES
                )
                self._multihash.nflip = 1
                self._multihash.add(self._codes)
            lims, dist, rows = self._multihash.range_search(queries, radius + 1)
            qnum = np.repeat(np.arange(len(queries)), np.diff(lims.astype(np.int64)))
        elif self._use_compiled and not _small(queries, self._codes) and (pairs_within := _compiled_pairs()) is not None:
            # Each code's distances to all the queries at once, in vector registers; only a code within
            # the radius of some query is listed (by code, then query: reordered by query, stably).
            qt = np.ascontiguousarray(queries.view(np.uint64).T)
            rows, qnum, dist = pairs_within(self._codes.view(np.uint64), qt, np.full(len(queries), radius, np.int64))
            order = np.argsort(qnum, kind="stable")
            qnum, dist, rows = qnum[order], dist[order], rows[order]
        elif self._use_faiss and not _small(queries, self._codes):
            qnum, dist, rows = self._block_range_search(queries, radius)
        elif _small(queries, self._codes):
            base, qv = _words(self._codes, queries)
            d = np.bitwise_count(qv[:, None, :] ^ base[None, :, :]).sum(axis=2, dtype=np.int32)
            qnum, rows = np.nonzero(d <= radius)
            dist = d[qnum, rows]
        else:
            qs, ds, rs = [], [], []
            base, qv = _words(self._codes, queries)
            for i in range(len(queries)):
                d = np.bitwise_count(base ^ qv[i]).sum(axis=1, dtype=np.int32)
                hit = np.flatnonzero(d <= radius)
                qs.append(np.full(len(hit), i, np.int64))
                ds.append(d[hit])
                rs.append(hit)
            qnum, dist, rows = np.concatenate(qs), np.concatenate(ds), np.concatenate(rs)
        return qnum.astype(np.int64), dist.astype(np.int32), rows.astype(np.int64)

    def _block_search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k nearest rows of each query over every block (-1 where there are fewer)."""
        dists, rows, start = [], [], 0
        for block in self._blocks:
            d, r = block.search(queries, k)
            dists.append(np.where(r >= 0, d, np.iinfo(np.int32).max).astype(np.int64))
            rows.append(np.where(r >= 0, r + start, -1))
            start += block.ntotal
        d, r = np.concatenate(dists, axis=1), np.concatenate(rows, axis=1)
        order = np.argsort(d, axis=1, kind="stable")[:, :k]  # ties: the lower row first, as one index gives
        return np.take_along_axis(d, order, axis=1), np.take_along_axis(r, order, axis=1)

    def _block_range_search(self, queries: np.ndarray, radius: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(query number, distance, row) of every code within `radius`, by query then row (the order
        one index over all the codes gives)."""
        qs, ds, rs, start = [], [], [], 0
        for block in self._blocks:
            lims, dist, rows = block.range_search(queries, radius + 1)  # faiss: distance < thresh
            qs.append(np.repeat(np.arange(len(queries)), np.diff(lims.astype(np.int64))))
            ds.append(dist)
            rs.append(rows.astype(np.int64) + start)
            start += block.ntotal
        qnum, dist, rows = np.concatenate(qs), np.concatenate(ds), np.concatenate(rs)
        order = np.argsort(qnum, kind="stable")  # blocks come in row order: stable keeps it
        return qnum[order], dist[order], rows[order]


def _small(queries: np.ndarray, codes: np.ndarray) -> bool:
    """Few enough comparisons that one vectorised numpy pass beats a call into faiss."""
    return len(queries) * len(codes) * codes.shape[1] <= 4_000_000


def _words(codes: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if codes.shape[1] % 8 == 0:
        return codes.view(np.uint64), queries.view(np.uint64)
    return codes, queries


def _numpy_search(codes: np.ndarray, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    n = len(codes)
    kk = min(k, n)
    base, qvs = _words(codes, queries)
    dists = np.empty((len(queries), k), np.int64)
    rows = np.full((len(queries), k), -1, np.int64)
    dists.fill(1 << 30)
    for i, qv in enumerate(qvs):
        d = np.bitwise_count(base ^ qv).sum(axis=1, dtype=np.int64)
        part = np.argpartition(d, kk - 1)[:kk] if kk < n else np.arange(n)
        order = part[np.argsort(d[part], kind="stable")]
        dists[i, :kk] = d[order]
        rows[i, :kk] = order
    return dists, rows
