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

Postings live in immutable segments; `add` writes a new segment and small segments are merged, so
an incremental catch-up never re-sorts everything.
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


KEY_SPACE = TABLES << WORD_BITS  # every word `words` makes is below this
# A segment with at least this many postings keeps, instead of each posting's word, where each word's
# postings start (KEY_SPACE + 1 offsets, 134 MB; the words took 4 bytes per posting, 1.4 GB at a
# million items): a query's words find their postings by two lookups each, where a binary search
# over the words cost some 9 ms per query at a million items.
DENSE_MIN_POSTINGS = KEY_SPACE


class _Segment:
    """Postings sorted by word: `items` (item numbers) with either `keys` (each posting's word) or,
    for a large segment, `starts` (where each word's postings start; `starts[w + 1] - starts[w]`
    postings of word w)."""

    __slots__ = ("keys", "starts", "items")

    def __init__(self, word_ids: np.ndarray, item_nums: np.ndarray, *, ordered: bool = False):
        """`ordered`: the postings are sorted by word already (a merge's)."""
        if not ordered:
            order = np.argsort(word_ids, kind="stable")
            word_ids, item_nums = word_ids[order], item_nums[order]
        self.items = np.ascontiguousarray(item_nums, dtype=np.int32)
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
        return self.items.nbytes + (table.nbytes if table is not None else 0)

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

    def range(self, a: int, b: int) -> tuple[np.ndarray, np.ndarray]:
        """(words, items) of the postings of words a <= w < b, in order."""
        if self.starts is None:
            assert self.keys is not None
            lo, hi = np.searchsorted(self.keys, [a, b], "left")
            return self.keys[lo:hi], self.items[lo:hi]
        a, b = min(a, KEY_SPACE), min(b, KEY_SPACE)
        run = np.diff(self.starts[a : b + 1]).astype(np.int64)
        keys = np.repeat(np.arange(a, b, dtype=np.uint32), run)
        return keys, self.items[int(self.starts[a]) : int(self.starts[b])]

    def pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return self.range(0, self.top_word() + 1) if len(self) else (np.empty(0, np.uint32), self.items)

    @classmethod
    def merged(cls, segments: Sequence[_Segment], parts: int = 32) -> _Segment:
        """One segment holding the postings of `segments` (each already sorted by word), merged
        one range of words at a time, so that the extra memory is a range's worth, not the index's."""
        total = sum(len(s) for s in segments)
        keys = np.empty(total, np.uint32)
        items = np.empty(total, np.int32)
        top = max(s.top_word() for s in segments if len(s)) + 1
        edges = np.linspace(0, top, parts + 1).astype(np.int64)
        at = 0
        for a, b in zip(edges[:-1], edges[1:], strict=True):
            k_parts, i_parts = [], []
            for seg in segments:
                k_seg, i_seg = seg.range(int(a), int(b))
                k_parts.append(k_seg)
                i_parts.append(i_seg)
            k, i = np.concatenate(k_parts), np.concatenate(i_parts)
            order = np.argsort(k, kind="stable")  # sorted runs: a merge, not a full sort
            keys[at : at + len(k)] = k[order]
            items[at : at + len(k)] = i[order]
            at += len(k)
        return cls(keys, items, ordered=True)


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
        self.add_words(item_ids, [words(f.descriptors) if f is not None and len(f) else None for f in features])

    def add_words(self, item_ids: Sequence[str], word_lists: Sequence[np.ndarray | None]) -> None:
        """Index items by their words ((n, TABLES) arrays, or None for an item without keypoints)."""
        if len(item_ids) != len(word_lists):
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
        ws, ns = [], []
        for k, w in enumerate(word_lists):
            if not worded[k]:
                continue
            u = np.unique(np.asarray(w, np.uint32).reshape(-1))
            ws.append(u)
            ns.append(np.full(len(u), start + k, np.int32))
        if not ws:
            return
        self._segments.append(_Segment(np.concatenate(ws), np.concatenate(ns)))
        small = [s for s in self._segments if len(s) < MERGE_BELOW]
        if len(small) > 4:
            pairs = [s.pairs() for s in small]
            merged = _Segment(np.concatenate([p[0] for p in pairs]), np.concatenate([p[1] for p in pairs]))
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
        qwords = np.unique(words(features.descriptors).reshape(-1))
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
        for seg, lo, hi in spans:
            items_of = seg.items
            # Only the words this segment holds (a small segment holds few of a query's words).
            take = useful & (hi > lo)
            for a, b, w in zip(lo[take].tolist(), hi[take].tolist(), w_posted[take].tolist(), strict=True):
                items[at : at + b - a] = items_of[a:b]
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
        return LocalVotes(self, counts, votes)

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
    items = getattr(_GATHERED, "items", None)
    if items is None or len(items) < n:
        size = max(n, int(1.5 * (len(items) if items is not None else 0)))
        _GATHERED.items, _GATHERED.weights = np.empty(size, np.intp), np.empty(size, np.float64)
    return _GATHERED.items, _GATHERED.weights


class LocalVotes:
    """The words a query shares with each indexed item (`LocalIndex.votes`)."""

    def __init__(self, index: LocalIndex, counts: np.ndarray, votes: np.ndarray):
        self._index = index
        self.counts = counts
        self.votes = votes

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
