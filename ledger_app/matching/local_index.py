"""The keypoint index: which items share many local descriptors with a query image?

A bag-of-visual-words inverted index whose words need no training: the word of a 256-bit ORB
descriptor in table t is 24 of its bits (bits 24t..24t+23; ORB's tests come in a learned order, the
first ones least correlated), so two descriptors of the same corner in a copy (typically 10-40 bits
apart) often share a word in one of the two tables, and a copy shares dozens of words with its
original where an unrelated image shares a few. Each (word, item) pair is posted once, so a
repetitive pattern cannot vote many times for one item; each shared word votes with its rarity
(log inverse document frequency), and words posted for more than STOP_FRACTION of the items (flat
sky, plain walls) are ignored. On the tuning set, 24-bit words with rarity weights ranked true
copies highest (16-bit words let unrelated photos collect as many votes as copies).

Why not faiss over the descriptors themselves: 256 descriptors x 32 bytes x 1 M items is 8 GB in
memory, and a k-NN search per query descriptor costs more than the whole 200 ms budget. The
postings here cost 8 bytes per (word, item) pair (word and item number, sorted by word) and a query
reads a few thousand short runs found by binary search; a segment of more postings than there are
words (2**25) keeps instead where each word's run starts (4 bytes per word, then 4 per pair), found
by two lookups per word. The descriptors stay in the database and
are read only for the candidates verified. (A trained vocabulary would be a generated artefact to
keep in step with its recipe, and a tuning decision of its own.)

Each posting also keeps where its keypoint lies in the item (a cell of 20 x 20 pixels of the item's
feature frame: one byte), so that the items best voted can be told apart by where their shared words
lie (`LocalVotes.consistent`, after Jegou et al. 2008's weak geometric consistency, with keypoint
places instead of the angles and scales the fingerprint does not keep): a part of the query shares
its words in one placement of the query in the item (a scale and a shift), an unrelated item's
words shared by chance fall anywhere. Items indexed from words alone (`add_words` without cells)
count all their shared words there.

Postings live in immutable segments; `add` writes a new segment and small segments are merged, so
an incremental catch-up never re-sorts everything. It stays one module (some 470 lines): the
postings' layout (segments, word tables, the gathered buffers) and the two counts read from it
(votes, consistency) change together.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable, Sequence

import numpy as np

from ledger_app.matching.local import LocalFeatures

TABLES = 2  # words per descriptor
WORD_BITS = 24
STOP_FRACTION = 0.02  # a word posted for more than this fraction of the items says nothing
MIN_VOTES = 6  # shared words needed to be a candidate
MERGE_BELOW = 50_000  # segments with fewer postings than this are merged together


def words(descriptors: np.ndarray) -> np.ndarray:
    """(n, TABLES) uint32 words of (n, 32) uint8 descriptors: in table t, WORD_BITS bits of the
    descriptor starting at bit t * WORD_BITS, with t in the top bits."""
    d = np.ascontiguousarray(descriptors, dtype=np.uint8)
    bits = np.unpackbits(d[:, : (TABLES * WORD_BITS + 7) // 8], axis=1)
    weights = (1 << np.arange(WORD_BITS - 1, -1, -1, dtype=np.uint64))
    out = np.empty((len(d), TABLES), np.uint32)
    for t in range(TABLES):
        w = bits[:, t * WORD_BITS : (t + 1) * WORD_BITS].astype(np.uint64) @ weights
        out[:, t] = (w | (np.uint64(t) << np.uint64(WORD_BITS))).astype(np.uint32)
    return out


# Where each posting's keypoint lies in its item: a cell of CELL x CELL pixels of the item's feature frame
# (at most FEATURE_SIDE = 320 long: 16 x 16 cells), x in the high four bits, y in the low four; one byte.
CELL = 20
CELLS = 16


def cells(points: np.ndarray) -> np.ndarray:
    """The cell byte of each of (n, 2) keypoint positions (feature frame pixels)."""
    c = np.clip(np.asarray(points, np.float64) // CELL, 0, CELLS - 1).astype(np.uint8).reshape(-1, 2)
    return (c[:, 0] << 4) | c[:, 1]


# `LocalVotes.consistent`'s placements of the query in an item: scales (item pixels per query pixel) a
# step of SCALE_STEP apart, and shifts in cells of SHIFT item pixels, counted modulo WRAP cells.
SCALE_STEP = 1.2
SCALES = tuple(float(SCALE_STEP**k) for k in range(-8, 7))
SHIFT = 40.0
WRAP = 8
WEIGHTED = True
# ... counting only the words held by at most this fraction of the items (at least 64): the common
# words an unrelated item shares by chance say least, and their postings are most of those gathered.
# Tuning set at 1 M items (seeds 7, 11, 12, 2024): 0.004 keeps 30 % of the postings of the items
# rescored, and 81 of the 86 parts of 30 % among them within 8 unrelated items (83 with every word).
GEOMETRY_FRACTION = 0.004

KEY_SPACE = TABLES << WORD_BITS  # every word `words` makes is below this
# A segment with at least this many postings keeps, instead of each posting's word, where each word's
# postings start (KEY_SPACE + 1 offsets, 134 MB; the words took 4 bytes per posting, 1.4 GB at a
# million items): a query's words find their postings by two lookups each, where a binary search
# over the words cost some 9 ms per query at a million items.
DENSE_MIN_POSTINGS = KEY_SPACE


class _Segment:
    """Postings sorted by word: `items` (item numbers) and `cells` (where the posted keypoint lies in
    its item: `cells`), with either `keys` (each posting's word) or, for a large segment, `starts`
    (where each word's postings start; `starts[w + 1] - starts[w]` postings of word w)."""

    __slots__ = ("keys", "starts", "items", "cells")

    def __init__(self, word_ids: np.ndarray, item_nums: np.ndarray, cell_ids: np.ndarray, *, ordered: bool = False):
        """`ordered`: the postings are sorted by word already (a merge's)."""
        if not ordered:
            order = np.argsort(word_ids, kind="stable")
            word_ids, item_nums, cell_ids = word_ids[order], item_nums[order], cell_ids[order]
        self.items = np.ascontiguousarray(item_nums, dtype=np.int32)
        self.cells = np.ascontiguousarray(cell_ids, dtype=np.uint8)
        keys = np.ascontiguousarray(word_ids, dtype=np.uint32)
        self.keys: np.ndarray | None = keys
        self.starts: np.ndarray | None = None
        if len(keys) >= DENSE_MIN_POSTINGS and int(keys[-1]) < KEY_SPACE:
            counts = np.bincount(keys, minlength=KEY_SPACE)
            starts = np.empty(KEY_SPACE + 1, np.uint32 if len(keys) < 1 << 32 else np.int64)
            starts[0] = 0
            np.cumsum(counts, out=starts[1:])
            self.keys, self.starts = None, starts

    def __len__(self) -> int:
        return len(self.items)

    @property
    def nbytes(self) -> int:
        table = self.keys if self.keys is not None else self.starts
        return self.items.nbytes + self.cells.nbytes + (table.nbytes if table is not None else 0)

    def spans(self, qwords: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(lo, hi): the postings of word qwords[k] are items[lo[k]:hi[k]] (none: lo == hi)."""
        if self.starts is None:
            assert self.keys is not None
            return np.searchsorted(self.keys, qwords, "left"), np.searchsorted(self.keys, qwords, "right")
        q = qwords.astype(np.int64)
        return (self.starts[np.minimum(q, KEY_SPACE)].astype(np.int64),
                self.starts[np.minimum(q + 1, KEY_SPACE)].astype(np.int64))

    def top_word(self) -> int:
        """The largest word with a posting (the segment is not empty)."""
        if self.starts is None:
            assert self.keys is not None
            return int(self.keys[-1])
        return int(np.searchsorted(self.starts, self.starts[-1], "left")) - 1

    def range(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(words, items, cells) of the postings of words a <= w < b, in order."""
        if self.starts is None:
            assert self.keys is not None
            lo, hi = np.searchsorted(self.keys, [a, b], "left")
            return self.keys[lo:hi], self.items[lo:hi], self.cells[lo:hi]
        a, b = min(a, KEY_SPACE), min(b, KEY_SPACE)
        run = np.diff(self.starts[a : b + 1]).astype(np.int64)
        keys = np.repeat(np.arange(a, b, dtype=np.uint32), run)
        lo, hi = int(self.starts[a]), int(self.starts[b])
        return keys, self.items[lo:hi], self.cells[lo:hi]

    def pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if not len(self):
            return np.empty(0, np.uint32), self.items, self.cells
        return self.range(0, self.top_word() + 1)

    @classmethod
    def merged(cls, segments: Sequence[_Segment], parts: int = 32) -> _Segment:
        """One segment holding the postings of `segments` (each already sorted by word), merged
        one range of words at a time, so that the extra memory is a range's worth, not the index's."""
        total = sum(len(s) for s in segments)
        keys = np.empty(total, np.uint32)
        items = np.empty(total, np.int32)
        cell_ids = np.empty(total, np.uint8)
        top = max(s.top_word() for s in segments if len(s)) + 1
        edges = np.linspace(0, top, parts + 1).astype(np.int64)
        at = 0
        for a, b in zip(edges[:-1], edges[1:], strict=True):
            got = [seg.range(int(a), int(b)) for seg in segments]
            k, i, c = (np.concatenate([g[j] for g in got]) for j in range(3))
            order = np.argsort(k, kind="stable")  # sorted runs: a merge, not a full sort
            keys[at : at + len(k)] = k[order]
            items[at : at + len(k)] = i[order]
            cell_ids[at : at + len(k)] = c[order]
            at += len(k)
        return cls(keys, items, cell_ids, ordered=True)


class LocalIndex:
    """`add(ids, features)`, `remove(ids)`, `candidates(features, k)`; `votes(features)` for the
    shared words of every item at once (the matcher asks both for its top items and whether a
    hash candidate is among them)."""

    def __init__(self) -> None:
        self._segments: list[_Segment] = []
        self._ids: list[str | None] = []
        self._num: dict[str, int] = {}
        self._alive = np.zeros(0, bool)
        self._dead: np.ndarray | None = None  # item numbers not alive (made when first needed)
        self._worded = np.zeros(0, bool)  # the item has keypoint words posted
        self._placed = np.zeros(0, bool)  # ... and where its keypoints lie

    def __len__(self) -> int:
        return len(self._num)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._num

    @property
    def postings(self) -> int:
        return sum(len(s) for s in self._segments)

    @property
    def nbytes(self) -> int:
        """The memory the postings take (word IDs and item numbers of every segment)."""
        return sum(s.nbytes for s in self._segments)

    def add(self, item_ids: Sequence[str], features: Sequence[LocalFeatures | None]) -> None:
        have = [f is not None and len(f) > 0 for f in features]
        self.add_words(item_ids, [words(f.descriptors) if h else None for f, h in zip(features, have, strict=True)],
                       [cells(f.points) if h else None for f, h in zip(features, have, strict=True)])

    def add_words(
        self, item_ids: Sequence[str], word_lists: Sequence[np.ndarray | None],
        cell_lists: Sequence[np.ndarray | None] | None = None,
    ) -> None:
        """Index items by their words ((n, TABLES) arrays, or None for an item without keypoints) and
        where each keypoint lies (`cells` of its position, (n,) uint8; without them, the item's
        postings say nothing of where, and `LocalVotes.consistent` counts all its shared words)."""
        if len(item_ids) != len(word_lists) or (cell_lists is not None and len(cell_lists) != len(item_ids)):
            raise ValueError("item_ids and features differ in length")
        again = [i for i in item_ids if i in self._num]
        if again:
            self.remove(again)
        start = len(self._ids)
        self._ids.extend(item_ids)
        self._num.update((item_id, start + k) for k, item_id in enumerate(item_ids))
        self._alive = np.concatenate([self._alive, np.ones(len(item_ids), bool)])
        self._dead = None
        worded = np.array([w is not None and len(w) > 0 for w in word_lists], bool)
        self._worded = np.concatenate([self._worded, worded])
        placed = np.array([cell_lists is not None and cell_lists[k] is not None for k in range(len(item_ids))], bool)
        self._placed = np.concatenate([self._placed, placed & worded])
        ws, ns, cs = [], [], []
        for k, w in enumerate(word_lists):
            if not worded[k]:
                continue
            w = np.asarray(w, np.uint32)
            # Each word once per item, with the first keypoint holding it (in either table).
            u, first = np.unique(w.reshape(-1), return_index=True)
            ws.append(u)
            ns.append(np.full(len(u), start + k, np.int32))
            at = cell_lists[k] if cell_lists is not None else None
            cs.append(np.asarray(at, np.uint8)[first // w.shape[1]] if at is not None else np.zeros(len(u), np.uint8))
        if not ws:
            return
        self._segments.append(_Segment(np.concatenate(ws), np.concatenate(ns), np.concatenate(cs)))
        small = [s for s in self._segments if len(s) < MERGE_BELOW]
        if len(small) > 4:
            pairs = [s.pairs() for s in small]
            merged = _Segment(*(np.concatenate([p[j] for p in pairs]) for j in range(3)))
            self._segments = [s for s in self._segments if len(s) >= MERGE_BELOW] + [merged]

    def compact(self) -> None:
        """Merge every segment into one: what indexing all the items in one `add` gives (a locate's
        first catch-up does). A query searches each segment for each of its words, so an index
        built in many steps (a benchmark bounding its memory, many incremental catch-ups) answers
        faster once compacted; the postings and the votes are the same."""
        if len(self._segments) > 1:
            self._segments = [_Segment.merged(self._segments)]

    def item_ids(self) -> list[str | None]:
        return self._ids

    def number(self, item_id: str) -> int | None:
        return self._num.get(item_id)

    def has_words(self, num: int) -> bool:
        return bool(num < len(self._worded) and self._worded[num])

    def remove(self, item_ids: Iterable[str]) -> int:
        nums = [self._num.pop(i) for i in item_ids if i in self._num]
        for n in nums:
            self._ids[n] = None
        if nums:
            self._alive[np.array(nums)] = False
            self._dead = None
        return len(nums)

    def votes(self, features: LocalFeatures) -> LocalVotes:
        """How many words each indexed item shares with the query, and their rarity-weighted votes."""
        n_items = len(self._ids)
        if not self._num or not len(features):
            return LocalVotes(self, np.zeros(n_items, np.int64), np.zeros(n_items))
        qw = words(features.descriptors)
        qwords, first = np.unique(qw.reshape(-1), return_index=True)
        spans = []
        df = np.zeros(len(qwords), np.int64)
        for seg in self._segments:
            lo, hi = seg.spans(qwords)
            spans.append((seg, lo, hi))
            df += hi - lo
        stop = max(64, int(STOP_FRACTION * n_items))
        useful = (df > 0) & (df <= stop)
        # Each shared word votes with its rarity (inverse document frequency): a word that a
        # thousand items share says little about any of them. (Rounded to float32, then widened:
        # the values bincount adds, given at the width it adds them so that it copies nothing.)
        weight = np.log((n_items + 1) / (df + 1)).astype(np.float32).astype(np.float64)
        total = sum(int((hi - lo)[useful].sum()) for _, lo, hi in spans)
        if not total:
            return LocalVotes(self, np.zeros(n_items, np.int64), np.zeros(n_items))
        # Each useful word's postings are one contiguous run (lo[k]..hi[k]): copied as slices, with
        # its weight beside each, into buffers kept between queries (a query gathers some 5 M
        # postings at a million items: fresh arrays of that size cost more in page faults than the
        # counting), at the width bincount counts them in, so that it copies nothing.
        items, weights = _buffers(total)
        at = 0
        w_useful = weight[useful]
        unit = _count_unit(w_useful)
        # With a unit, each posting weighs its word's weight plus the unit: one weighted count then
        # holds both the shared words (its multiple of the unit) and the votes (the rest), exactly.
        w_posted = weight + unit if unit else weight
        # The runs in the order of their words' rarity (the rarest first), so that the postings of the
        # words `LocalVotes.consistent` places (GEOMETRY_FRACTION) come first in the buffer; the votes
        # are the same sums in any order (exact with a unit).
        seg_k = np.concatenate([np.full(int((useful & (hi > lo)).sum()), k) for k, (_, lo, hi) in enumerate(spans)])
        word_k = np.concatenate([np.flatnonzero(useful & (hi > lo)) for _, lo, hi in spans])
        lo_k = np.concatenate([lo[useful & (hi > lo)] for _, lo, hi in spans])
        hi_k = np.concatenate([hi[useful & (hi > lo)] for _, lo, hi in spans])
        by_rarity = np.argsort(df[word_k], kind="stable")
        seg_k, word_k, lo_k, hi_k = seg_k[by_rarity], word_k[by_rarity], lo_k[by_rarity], hi_k[by_rarity]
        segments = [seg.items for seg, _, _ in spans]
        for k, a, b, w in zip(seg_k.tolist(), lo_k.tolist(), hi_k.tolist(), w_posted[word_k].tolist(), strict=True):
            items[at : at + b - a] = segments[k][a:b]
            weights[at : at + b - a] = w
            at += b - a
        votes = np.bincount(items[:total], weights=weights[:total], minlength=n_items)
        if unit:
            counts = (votes * (1.0 / unit)).astype(np.int64)  # whole units: the fraction is the votes
            votes -= counts * unit
        else:
            counts = np.bincount(items[:total], minlength=n_items)
        if self._dead is None:
            self._dead = np.flatnonzero(~self._alive)
        votes[self._dead] = 0
        counts[self._dead] = 0
        placed_df = max(64, int(GEOMETRY_FRACTION * n_items))
        gathered = _Gathered(items, [seg for seg, _, _ in spans], seg_k, word_k, lo_k, hi_k, df, placed_df,
                             features.points[first // qw.shape[1]], self._placed)
        return LocalVotes(self, counts, votes, gathered)

    def candidates(self, features: LocalFeatures, k: int) -> list[tuple[str, int]]:
        """Up to k (item ID, shared words) with at least MIN_VOTES shared words, most first."""
        return self.votes(features).top(k)


def _count_unit(weights: np.ndarray) -> float:
    """A power of two above any item's total vote (the sum of `weights`, float32 values widened, as
    an item holds each word once) such that every sum of weights and units an item gathers is exact
    in float64: all are multiples of the smallest weight's float32 spacing, below 2**53 of it. Then
    the weighted count of weight + unit per posting is unit x shared words + votes, each recovered
    exactly, and the votes are the very sums a separate weighted count gives (exact too, in any
    order). 0.0 when no such unit exists (then two counts are made)."""
    if not len(weights):
        return 0.0
    unit = 2.0 ** math.ceil(math.log2(float(weights.sum()) + 1.0))
    positive = weights[weights > 0]
    if not len(positive):
        return unit
    spacing = 2.0 ** (math.floor(math.log2(float(positive.min()))) - 23)  # float32: 24-bit significands
    return unit if unit * (len(weights) + 1) < 2.0**53 * spacing else 0.0


_GATHERED = threading.local()  # per thread: the postings buffers `votes` reuses


def _buffers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """This thread's (item numbers, weights) buffers, at least n long (grown by half again)."""
    _GATHERED.generation = getattr(_GATHERED, "generation", 0) + 1
    items = getattr(_GATHERED, "items", None)
    if items is None or len(items) < n:
        size = max(n, int(1.5 * (len(items) if items is not None else 0)))
        _GATHERED.items, _GATHERED.weights = np.empty(size, np.intp), np.empty(size, np.float64)
    return _GATHERED.items, _GATHERED.weights


class _Gathered:
    """Where a query's postings went in this thread's buffer (`LocalIndex.votes`: runs of postings
    of one word in one segment, the rarest words first), for `LocalVotes.consistent`: valid until
    the thread's next query gathers into the same buffer."""

    def __init__(self, items: np.ndarray, segments: list[_Segment], seg_k: np.ndarray, word_k: np.ndarray,
                 lo_k: np.ndarray, hi_k: np.ndarray, df: np.ndarray, placed_df: int, qpoints: np.ndarray,
                 placed: np.ndarray):
        self.generation = _GATHERED.generation
        self.items, self.segments, self.df, self.qpoints, self.placed = items, segments, df, qpoints, placed
        # Only the runs of words in at most placed_df items: a prefix of the buffer.
        keep = int(np.searchsorted(df[word_k], placed_df, "right"))
        self.run_seg, self.run_word, self.run_lo = seg_k[:keep], word_k[:keep], lo_k[:keep].astype(np.int64)
        ends = np.cumsum(hi_k[:keep] - lo_k[:keep]).astype(np.int64)
        self.total = int(ends[-1]) if keep else 0
        self.run_at = ends - (hi_k[:keep] - lo_k[:keep])

    def postings(self, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(item numbers, query word, cell) of each gathered posting of a word in at most placed_df
        items and of an item whose `wanted` is True, in gathered order."""
        if _GATHERED.generation != self.generation:
            raise RuntimeError("this thread's next query has gathered its postings since")
        items = self.items[: self.total]
        at = np.flatnonzero(wanted[items])
        run = np.searchsorted(self.run_at, at, "right") - 1
        src = self.run_lo[run] + (at - self.run_at[run])
        segs = self.run_seg[run]
        if len(self.segments) == 1:
            cell = self.segments[0].cells[src]
        else:
            cell = np.empty(len(at), np.uint8)
            for k, seg in enumerate(self.segments):
                here = segs == k
                cell[here] = seg.cells[src[here]]
        return items[at], self.run_word[run], cell


class LocalVotes:
    """The words a query shares with each indexed item (`LocalIndex.votes`)."""

    def __init__(self, index: LocalIndex, counts: np.ndarray, votes: np.ndarray, gathered: _Gathered | None = None):
        self._index = index
        self.counts = counts
        self.votes = votes
        self._gathered = gathered

    @property
    def placed(self) -> bool:
        """Whether `consistent` can say where the shared words lie (the index's own votes)."""
        return self._gathered is not None

    def consistent(self, nums: np.ndarray) -> np.ndarray:
        """For each item number of `nums` (distinct), the most shared words that one placement of the
        query in the item explains: each shared word is a query keypoint and an item keypoint's cell,
        and a placement is a scale (SCALES, item pixels per query pixel) and a shift (cells of SHIFT
        pixels of the item's frame, in two grids half a cell apart, taken modulo WRAP cells), each word
        weighing its rarity as in the votes, and only words in at most GEOMETRY_FRACTION of the items
        (at least 64) counted. A copy of the query or of a part of it shares words mostly in one
        placement; an unrelated item's words, shared by chance, fall anywhere. An item indexed without
        keypoint positions has all its counted words in one. Must be asked before this thread's next
        `votes`."""
        g = self._gathered
        if g is None:
            raise ValueError("these votes hold no keypoint positions")
        nums = np.asarray(nums, np.int64)
        order = np.argsort(nums)
        wanted = np.zeros(len(self.counts), bool)
        wanted[nums] = True
        items, qword, cell = g.postings(wanted)
        rank = np.searchsorted(nums[order], items)
        placed = g.placed[items]
        q = np.where(placed[:, None], g.qpoints[qword], 0).astype(np.float32)
        cx = np.where(placed, ((cell >> 4) + 0.5) * CELL, 0).astype(np.float32)
        cy = np.where(placed, ((cell & 15) + 0.5) * CELL, 0).astype(np.float32)
        n_items = len(self.counts)
        # Each word's weight as `votes` adds it (rounded to float32).
        weight = (np.log((n_items + 1) / (g.df[qword] + 1)).astype(np.float32) if WEIGHTED else np.ones(len(qword))
                  ).astype(np.float64)
        best = np.zeros(len(nums))
        base = rank * (WRAP * WRAP)
        for offset in (0.0, SHIFT / 2):
            for scale in SCALES:
                bx = np.floor((cx - np.float32(scale) * q[:, 0] + np.float32(offset)) * np.float32(1 / SHIFT))
                by = np.floor((cy - np.float32(scale) * q[:, 1] + np.float32(offset)) * np.float32(1 / SHIFT))
                key = base + (bx.astype(np.int64) % WRAP) * WRAP + by.astype(np.int64) % WRAP
                np.maximum(best, np.bincount(key, weight, minlength=len(nums) * WRAP * WRAP).reshape(-1, WRAP * WRAP)
                           .max(1), out=best)
        out = np.empty(len(nums))
        out[order] = best
        return out

    def number(self, item_id: str) -> int | None:
        """The item's number in `counts` and `votes` (None: not indexed)."""
        return self._index.number(item_id)

    def top(self, k: int) -> list[tuple[str, int]]:
        """Up to k (item ID, shared words) with at least MIN_VOTES shared words, most votes first."""
        counts, votes = self.counts, self.votes
        top = np.flatnonzero((counts >= MIN_VOTES) & (votes > 0))
        if len(top) > k:
            top = top[np.argpartition(-votes[top], k - 1)[:k]]
        top = top[np.lexsort((top, -votes[top]))]
        ids = self._index.item_ids()
        return [(ids[int(n)], int(counts[n])) for n in top]  # type: ignore[misc]

    def shared(self, item_id: str) -> int | None:
        """Words the item shares with the query; None when the item has no keypoints indexed (the
        local stage knows nothing of it) or is not indexed."""
        num = self._index.number(item_id)
        if num is None or not self._index.has_words(num):
            return None
        return int(self.counts[num]) if num < len(self.counts) else 0
