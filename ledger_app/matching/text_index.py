"""Near-duplicate and containment search over many texts, with the overlapping passages as evidence.

One inverted index (sorted numpy arrays of keys and document numbers, plus a small unsorted delta
for recent additions) holds two kinds of keys per document: its sampled shingle hashes (see
`text.py`; the overlap of two samples estimates the overlap of the whole shingle sets, which finds
an excerpt of an article inside a longer text) and the LSH band keys of its MinHash signature
(32 bands of 4 rows: documents with Jaccard similarity above about 0.5 share a band with near
certainty, which catches near-duplicates of texts too short for the sample to say much).

A query scores every document sharing a key: the estimated containment of the query in it and of
it in the query; with the texts at hand (the query's, and the document's through the text source)
the overlap is recomputed exactly and the overlapping passages are cut out as evidence.

It stays one module (some 410 lines) on purpose: the sorted arrays, their delta, their saved form
and the query that scores against them share one layout, which a split would spread over files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ledger_app.core.settings import TEXT_MIN_SCORE
from ledger_app.matching.text import (
    SHINGLE,
    TextFingerprint,
    shingle_hashes,
    text_fingerprint,
    token_spans,
    words,
)

BANDS, ROWS = 32, 4
# A match: at least `min_containment` of the query's shingles found in the document, or of the
# document's in the query (a 40 % excerpt embedded in other text scores about 0.4). There is one
# such threshold, the setting match.text_min_score (its default: core/settings.py TEXT_MIN_SCORE);
# an index takes it when it is made, so every user of the index applies the same one.
# A match also rests on at least this many shared shingles (exact) or sampled shingles (estimated).
MIN_SHARED = 15
MIN_SHARED_SAMPLES = 2
# Keys held by more documents than this (boilerplate) are not looked up.
STOP_KEY_DOCS = 20_000
_FORMAT = 1
_MIX = np.uint64(0x9E3779B97F4A7C15)


@dataclass(frozen=True)
class TextMatch:
    item_id: str
    score: float  # the larger containment, 0..1
    containment: float  # fraction of the query's shingles found in the item
    passage: str | None  # the longest overlapping passage (as it reads in the item), when known
    detail: dict = field(default_factory=dict)


TextSource = Mapping[str, str] | Callable[[Sequence[str]], Mapping[str, str]]


@dataclass(frozen=True)
class SavedTextIndex:
    """What `TextIndex.save` writes and `TextIndex.load` reads: item IDs by document number (None
    for a removed item), the compacted inverted index (keys and document numbers, sorted by key),
    each document's sample size and whether it is still indexed."""

    ids: list[str | None]
    keys: np.ndarray
    docs: np.ndarray
    counts: np.ndarray
    alive: np.ndarray


def band_keys(minhash: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band (tagged odd, so it never equals a sampled shingle hash)."""
    m = minhash.astype(np.uint64).reshape(BANDS, ROWS)
    acc = np.arange(BANDS, dtype=np.uint64) + np.uint64(1)
    with np.errstate(over="ignore"):
        for r in range(ROWS):
            acc = (acc * _MIX) ^ m[:, r]
            acc ^= acc >> np.uint64(31)
    return (acc << np.uint64(3)) | np.uint64(1)


def _keys(fp: TextFingerprint) -> np.ndarray:
    return np.concatenate([fp.sample, band_keys(fp.minhash)])


class TextIndex:
    """Incremental: `add(ids, fingerprints, texts=None)`, `remove(ids)`, `save(path)`, `TextIndex.load(path)`.

    `min_containment` is the match threshold (the workspace's match.text_min_score)."""

    def __init__(self, texts: TextSource | None = None, *, min_containment: float = TEXT_MIN_SCORE,
                 saved: SavedTextIndex | None = None):
        if not 0 < min_containment <= 1:
            raise ValueError(f"min_containment must be in (0, 1], not {min_containment}")
        self.min_containment = float(min_containment)
        self.last_candidates = 0  # candidates the last query scored one by one (exactly, when texts were at hand)
        self._own_texts: dict[str, str] | None = {} if texts is None else None
        self._source: TextSource = self._own_texts if texts is None else texts
        self._keys = np.empty(0, np.uint64)
        self._docs = np.empty(0, np.int64)
        self._delta: list[tuple[np.ndarray, np.ndarray]] = []
        self._delta_size = 0
        self._ids: list[str | None] = []
        self._num: dict[str, int] = {}
        self._counts = np.empty(0, np.int64)  # sample size of each document
        self._alive = np.empty(0, bool)
        if saved is not None:
            self._ids = list(saved.ids)
            self._num = {i: n for n, i in enumerate(self._ids) if i is not None}
            self._keys, self._docs, self._counts = saved.keys, saved.docs, saved.counts
            self._alive = saved.alive.astype(bool)

    def set_texts(self, texts: TextSource) -> None:
        """Read candidate texts from `texts` from now on (a workspace's loader, rebuilt per call)."""
        self._source = texts

    def __len__(self) -> int:
        return len(self._num)

    @property
    def postings(self) -> int:
        """How many (key, document) postings the index holds, compacted or not (removed items'
        postings count until the next compaction)."""
        return len(self._keys) + self._delta_size

    def set_text_source(self, texts: TextSource) -> None:
        """Read the documents' texts from `texts` from now on (a mapping, or a function of item IDs),
        instead of what the index was made with; texts given to `add` are no longer kept."""
        self._own_texts = None
        self._source = texts

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._num

    # -- maintenance -------------------------------------------------------------------------

    def add(
        self,
        item_ids: Sequence[str],
        fingerprints: Sequence[TextFingerprint | bytes] | None = None,
        texts: Sequence[str] | None = None,
    ) -> None:
        """Index these items; fingerprints are computed from `texts` when not given."""
        if fingerprints is None:
            if texts is None:
                raise ValueError("give fingerprints or texts")
            fingerprints = [text_fingerprint(t) for t in texts]
        if len(item_ids) != len(fingerprints) or (texts is not None and len(texts) != len(item_ids)):
            raise ValueError("item_ids, fingerprints and texts differ in length")
        again = [i for i in item_ids if i in self._num]
        if again:
            self.remove(again)
        keys, docs, counts = [], [], []
        for item_id, fp in zip(item_ids, fingerprints, strict=True):
            if not isinstance(fp, TextFingerprint):
                fp = TextFingerprint.from_bytes(fp)
            num = len(self._ids)
            self._ids.append(item_id)
            self._num[item_id] = num
            k = _keys(fp)
            keys.append(k)
            docs.append(np.full(len(k), num, np.int64))
            counts.append(len(fp.sample))
        if keys:
            self._delta.append((np.concatenate(keys), np.concatenate(docs)))
            self._delta_size += sum(len(k) for k in keys)
            self._counts = np.concatenate([self._counts, np.array(counts, np.int64)])
            self._alive = np.concatenate([self._alive, np.ones(len(counts), bool)])
        if texts is not None and self._own_texts is not None:
            self._own_texts.update(zip(item_ids, texts, strict=True))

    def add_keys(
        self, item_ids: Sequence[str], keys: Sequence[np.ndarray], sample_sizes: Sequence[int]
    ) -> None:
        """Bulk load of precomputed keys (sampled shingles, then band keys), as benchmarks do."""
        start = len(self._ids)
        self._ids.extend(item_ids)
        self._num.update((item_id, start + i) for i, item_id in enumerate(item_ids))
        lengths = np.fromiter((len(k) for k in keys), np.int64, len(keys))
        self._delta.append(
            (np.concatenate(keys).astype(np.uint64), np.repeat(np.arange(start, start + len(keys)), lengths))
        )
        self._delta_size += int(lengths.sum())
        self._counts = np.concatenate([self._counts, np.asarray(sample_sizes, np.int64)])
        self._alive = np.concatenate([self._alive, np.ones(len(keys), bool)])

    def remove(self, item_ids: Iterable[str]) -> int:
        """Forget these items (their postings are dropped at the next compaction)."""
        n = 0
        for item_id in item_ids:
            num = self._num.pop(item_id, None)
            if num is not None:
                self._ids[num] = None
                self._alive[num] = False
                n += 1
                if self._own_texts is not None:
                    self._own_texts.pop(item_id, None)
        return n

    def compact(self) -> None:
        """Merge the delta into the sorted arrays and drop postings of removed items."""
        keys = np.concatenate([self._keys] + [k for k, _ in self._delta])
        docs = np.concatenate([self._docs] + [d for _, d in self._delta])
        keep = self._alive[docs] if len(docs) else np.empty(0, bool)
        keys, docs = keys[keep], docs[keep]
        order = np.argsort(keys, kind="stable")
        self._keys, self._docs = keys[order], docs[order]
        self._delta, self._delta_size = [], 0

    # -- querying ----------------------------------------------------------------------------

    def query(
        self,
        fp: TextFingerprint | bytes | None,
        text: str | None = None,
        *,
        limit: int = 200,
    ) -> list[TextMatch]:
        """Items that contain at least `min_containment` of the query, or at least that much of which
        the query contains; best first."""
        min_containment = self.min_containment
        if fp is None:
            if text is None:
                raise ValueError("give the query's fingerprint or its text")
            fp = text_fingerprint(text)
        elif not isinstance(fp, TextFingerprint):
            fp = TextFingerprint.from_bytes(fp)
        if self._delta_size > max(100_000, len(self._keys) // 10):
            self.compact()
        self.last_candidates = 0
        nums, sample_hits, band_hits = self._lookup(fp)
        if len(nums) == 0:
            return []
        # The shared fraction of the two samples estimates the shared fraction of the shingles.
        c_query = np.minimum(1.0, sample_hits / max(1, len(fp.sample)))
        c_item = np.minimum(1.0, sample_hits / np.maximum(1, self._counts[nums]))
        promising = (np.maximum(c_query, c_item) >= 0.5 * min_containment) & (
            sample_hits >= MIN_SHARED_SAMPLES
        )
        promising |= band_hits > 0
        order = np.argsort(-(np.maximum(c_query, c_item) + band_hits / BANDS), kind="stable")
        chosen = [i for i in order if promising[i]][:limit]
        self.last_candidates = len(chosen)
        if not chosen:
            return []
        ids = [self._ids[int(nums[i])] for i in chosen]
        texts = self._texts(ids) if text is not None else {}
        q_spans = token_spans(text) if text is not None else None
        q_sh = shingle_hashes(words(text)) if text is not None else None
        matches = []
        for i, item_id in zip(chosen, ids, strict=True):
            item_text = texts.get(item_id)
            if q_sh is not None and item_text is not None:
                m = _exact_match(item_id, text, q_spans, q_sh, item_text, min_containment)
            else:
                m = _estimated_match(
                    item_id,
                    float(c_query[i]),
                    float(c_item[i]),
                    int(sample_hits[i]),
                    int(band_hits[i]),
                    min_containment,
                )
            if m is not None:
                matches.append(m)
        matches.sort(key=lambda m: (-m.score, m.item_id))
        return matches

    def _lookup(self, fp: TextFingerprint) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Document numbers sharing keys with the query, with sampled-shingle and band hit counts."""
        qkeys = np.unique(_keys(fp))
        found_docs, found_band = [], []
        if len(self._keys):
            lo = np.searchsorted(self._keys, qkeys, "left")
            hi = np.searchsorted(self._keys, qkeys, "right")
            sizes = hi - lo
            use = (sizes > 0) & (sizes <= STOP_KEY_DOCS)
            if use.any():
                idx = np.concatenate([np.arange(a, b) for a, b in zip(lo[use], hi[use], strict=True)])
                found_docs.append(self._docs[idx])
                found_band.append(np.repeat((qkeys[use] & np.uint64(7)) == 1, sizes[use]))
        for keys, docs in self._delta:
            hit = np.isin(keys, qkeys)
            found_docs.append(docs[hit])
            found_band.append((keys[hit] & np.uint64(7)) == 1)
        if not found_docs:
            return np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int64)
        docs = np.concatenate(found_docs)
        band = np.concatenate(found_band)
        keep = self._alive[docs]
        docs, band = docs[keep], band[keep]
        nums, inverse = np.unique(docs, return_inverse=True)
        band_hits = np.bincount(inverse, weights=band, minlength=len(nums)).astype(np.int64)
        sample_hits = np.bincount(inverse, minlength=len(nums)).astype(np.int64) - band_hits
        return nums, sample_hits, band_hits

    def _texts(self, item_ids: list[str]) -> dict[str, str]:
        if callable(self._source):
            return dict(self._source(item_ids))
        return {i: self._source[i] for i in item_ids if i in self._source}

    # -- persistence -------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        self.compact()
        ids = np.array([i if i is not None else "" for i in self._ids], dtype=str)
        with open(path, "wb") as f:
            np.savez(
                f,
                format=np.array([_FORMAT]),
                ids=ids,
                alive=self._alive,
                keys=self._keys,
                docs=self._docs,
                counts=self._counts,
            )

    @classmethod
    def load(
        cls, path: str | Path, texts: TextSource | None = None, *, min_containment: float = TEXT_MIN_SCORE
    ) -> TextIndex:
        with np.load(path, allow_pickle=False) as z:
            if int(z["format"][0]) != _FORMAT:
                raise ValueError(f"text index format {int(z['format'][0])} is not supported")
            saved = SavedTextIndex(
                ids=[str(i) if a else None for i, a in zip(z["ids"].tolist(), z["alive"].tolist(), strict=True)],
                keys=z["keys"],
                docs=z["docs"],
                counts=z["counts"],
                alive=z["alive"],
            )
            return cls(texts, min_containment=min_containment, saved=saved)


def _estimated_match(
    item_id: str, c_query: float, c_item: float, sample_hits: int, band_hits: int, min_containment: float
) -> TextMatch | None:
    near_duplicate = band_hits >= 2  # two bands agreeing: Jaccard well above 0.5
    if not near_duplicate and (max(c_query, c_item) < min_containment or sample_hits < MIN_SHARED_SAMPLES):
        return None
    score = max(c_query, c_item, band_hits / BANDS)
    detail = {
        "method": "estimate",
        "containment_of_item": round(c_item, 3),
        "sampled_shared": sample_hits,
        "bands": band_hits,
    }
    return TextMatch(item_id, round(score, 4), round(c_query, 4), None, detail)


def _exact_match(
    item_id: str, query_text: str, q_spans: list, q_sh: np.ndarray, item_text: str, min_containment: float
) -> TextMatch | None:
    c_sh = shingle_hashes(words(item_text))  # the tokens' spans only for a match's passages
    q_set, c_set = np.unique(q_sh), np.unique(c_sh)
    shared = np.intersect1d(q_set, c_set, assume_unique=True)
    if len(shared) == 0:
        return None
    c_query = len(shared) / len(q_set)
    c_item = len(shared) / len(c_set)
    small = min(len(q_set), len(c_set))
    if max(c_query, c_item) < min_containment or len(shared) < min(MIN_SHARED, small):
        return None
    passages = _passages(query_text, q_spans, q_sh, item_text, token_spans(item_text), c_sh, shared)
    detail = {
        "method": "exact",
        "containment_of_item": round(c_item, 4),
        "jaccard": round(len(shared) / (len(q_set) + len(c_set) - len(shared)), 4),
        "shared_shingles": int(len(shared)),
        "passages": passages[:5],
    }
    passage = passages[0]["item"] if passages else None
    return TextMatch(item_id, round(max(c_query, c_item), 4), round(c_query, 4), passage, detail)


def _runs(sh: np.ndarray, shared: np.ndarray) -> list[tuple[int, int]]:
    """Maximal runs [first, last] of shingle positions whose hashes are shared."""
    edges = np.diff(np.concatenate([[0], np.isin(sh, shared).astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(edges == 1).tolist(), (np.flatnonzero(edges == -1) - 1).tolist(), strict=True))


def _passages(query_text, q_spans, q_sh, item_text, c_spans, c_sh, shared) -> list[dict]:
    """The overlapping passages, longest first, as they read in the query and in the item."""
    c_runs = _runs(c_sh, shared)
    # For each shared hash, the first of the item's runs that holds it.
    inside = np.concatenate([np.arange(a, b + 1) for a, b in c_runs]) if c_runs else np.empty(0, np.int64)
    run_of = np.searchsorted(np.array([a for a, _ in c_runs], np.int64), inside, "right") - 1
    held, first = np.unique(c_sh[inside], return_index=True)
    out = []
    for a, b in sorted(_runs(q_sh, shared), key=lambda r: r[0] - r[1]):
        q_span = (q_spans[a][0], q_spans[min(len(q_spans) - 1, b + SHINGLE - 1)][1])
        entry = {
            "query": query_text[q_span[0] : q_span[1]],
            "query_span": list(q_span),
            "tokens": b - a + SHINGLE,
        }
        at = int(np.searchsorted(held, q_sh[a]))
        if at < len(held) and held[at] == q_sh[a]:
            ca, cb = c_runs[int(run_of[first[at]])]
            c_span = (c_spans[ca][0], c_spans[min(len(c_spans) - 1, cb + SHINGLE - 1)][1])
            entry.update(item=item_text[c_span[0] : c_span[1]], item_span=list(c_span))
        else:
            entry.update(item=entry["query"], item_span=None)
        out.append(entry)
    return out
