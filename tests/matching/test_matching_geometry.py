"""The keypoint votes' geometric consistency (`LocalVotes.consistent`): the same scores as counting
each item's shared words placement by placement, and a part of the query, enlarged in an item,
outranks items that share as many words with it at no consistent place."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ledger_app.matching import image_match, local, local_index
from ledger_app.matching.local_index import CELL, SCALES, SHIFT, WRAP, LocalIndex, cells, words


def _reference(index: LocalIndex, feats: dict[str, local.LocalFeatures | None], query: local.LocalFeatures,
               item: str, df: dict[int, int]) -> float:
    """The consistency of one item, the long way: its shared words (as `votes` counts them), each with
    the query's first keypoint and the item's first keypoint holding the word, placed by every scale and
    grid, the weights of each placement's words added (all in one, for an item without places); only the
    words in at most max(64, GEOMETRY_FRACTION of the items) count."""
    n_items = len(index.item_ids())
    qw = words(query.descriptors)
    qpoint: dict[int, np.ndarray] = {}
    for j, w in enumerate(qw.reshape(-1).tolist()):
        qpoint.setdefault(w, query.points[j // qw.shape[1]])
    f = feats[item]
    assert f is not None
    iw = words(f.descriptors)
    icell: dict[int, int] = {}
    for j, w in enumerate(iw.reshape(-1).tolist()):
        icell.setdefault(w, int(cells(f.points[j // iw.shape[1]][None])[0]))
    stop = max(64, int(local_index.STOP_FRACTION * n_items))
    placed_df = max(64, int(local_index.GEOMETRY_FRACTION * n_items))
    shared = []
    for w in sorted(qpoint):
        if w in icell and 0 < df[w] <= stop and df[w] <= placed_df:
            shared.append((w, float(np.float32(np.log((n_items + 1) / (df[w] + 1))))))
    placed = item in PLACED
    best = 0.0
    for offset in (0.0, SHIFT / 2):
        for scale in SCALES:
            bins: dict[tuple[int, int], float] = {}
            for w, weight in shared:
                if placed:
                    c = icell[w]
                    qx, qy = np.float32(qpoint[w][0]), np.float32(qpoint[w][1])
                    cx, cy = np.float32(((c >> 4) + 0.5) * CELL), np.float32(((c & 15) + 0.5) * CELL)
                    s, o, inv = np.float32(scale), np.float32(offset), np.float32(1 / SHIFT)
                    b = (int(math.floor((cx - s * qx + o) * inv)) % WRAP, int(math.floor((cy - s * qy + o) * inv)) % WRAP)
                else:
                    b = (0, 0)
                bins[b] = bins.get(b, 0.0) + weight
            best = max([best, *bins.values()])
    return best


PLACED: set[str] = set()


def test_consistency_is_the_count_placement_by_placement(monkeypatch):
    """Items in several segments (one large enough for a word table, lowered here), some indexed with
    keypoint positions and some without, words too common to be placed (here: in more than 64 items,
    fewer than the stop words' 300): each item's consistency equals the long way's."""
    monkeypatch.setattr(local_index, "DENSE_MIN_POSTINGS", 20_000)
    monkeypatch.setattr(local_index, "STOP_FRACTION", 0.5)
    rng = np.random.default_rng(3)
    pool = rng.integers(0, 256, (2_000, 32), dtype=np.uint8)
    query = local.LocalFeatures(320, 240, (rng.random((600, 2)) * [320, 240]).astype(np.float32), pool[:600])
    feats: dict[str, local.LocalFeatures | None] = {}
    for k in range(600):
        d = np.concatenate([pool[rng.choice(2_000, 40, replace=False)], rng.integers(0, 256, (10, 32), dtype=np.uint8)])
        d[-1] = pool[k % 4]  # four words in 150 items each
        if k % 5 == 0:  # a part of the query: its keypoints scaled 1.5 and moved
            pick = rng.choice(600, 30, replace=False)
            d[:30] = pool[pick]
            pts = query.points[pick] * 1.5 - [40, 20]
            pts = np.concatenate([pts, rng.random((20, 2)) * 320]).astype(np.float32)
        else:
            pts = (rng.random((len(d), 2)) * [320, 240]).astype(np.float32)
        feats[f"i{k}"] = local.LocalFeatures(320, 240, pts, d)
    feats["empty"] = None
    index = LocalIndex()
    names = list(feats)
    index.add(names[:500], [feats[n] for n in names[:500]])  # a large segment: a word table
    PLACED.clear()
    PLACED.update(names[:550])
    index.add(names[500:550], [feats[n] for n in names[500:550]])
    rest = names[550:]
    index.add_words(rest, [words(f.descriptors) if f is not None else None for f in (feats[n] for n in rest)])
    assert len(index._segments) == 3 and index._segments[0].starts is not None
    votes = index.votes(query)
    nums = np.array([index.number(n) for n in names if votes.counts[index.number(n)] > 0])
    rng.shuffle(nums)
    got = votes.consistent(nums)
    ids = index.item_ids()
    df: dict[int, int] = {}  # items holding each word (every item indexed, none removed)
    for f in feats.values():
        if f is not None:
            for w in set(words(f.descriptors).reshape(-1).tolist()):
                df[w] = df.get(w, 0) + 1
    want = [_reference(index, feats, query, ids[n], df) for n in nums]
    np.testing.assert_allclose(got, want, rtol=1e-12)
    parts = [k for k, n in enumerate(nums) if int(ids[n][1:]) % 5 == 0 and ids[n] in PLACED]
    others = [k for k, n in enumerate(nums) if int(ids[n][1:]) % 5 and ids[n] in PLACED]
    assert min(got[parts]) > max(got[others])  # the parts hold their words in one placement
    assert any(64 < n <= 300 for n in df.values())  # words shared but not placed
    index.votes(query)  # the thread's next query gathers into the same buffers
    with pytest.raises(RuntimeError):
        votes.consistent(nums)


def _part_and_decoys(rng: np.random.Generator, n_decoys: int):
    """A query of 800 keypoints; an item holding 30 % of it (a region a little over half as wide and
    high, enlarged 1.8 times: 60 of its keypoints) among 150 other keypoints; decoys holding more of
    the query's keypoints (70, drawn from all of them: words as rare as the part's) at random places."""
    qd = rng.integers(0, 256, (800, 32), dtype=np.uint8)
    qp = (rng.random((800, 2)) * [320, 240]).astype(np.float32)
    inside = np.flatnonzero((qp[:, 0] < 176) & (qp[:, 1] < 132))
    held = inside[:60]
    pd = np.concatenate([qd[held], rng.integers(0, 256, (150, 32), dtype=np.uint8)])
    pp = np.concatenate([qp[held] * 1.8, rng.random((150, 2)) * [316, 236]]).astype(np.float32)
    part = local.LocalFeatures(320, 240, np.minimum(pp, [319, 239]).astype(np.float32), pd)
    decoys = []
    for _ in range(n_decoys):
        dd = np.concatenate([qd[rng.choice(800, 70, replace=False)], rng.integers(0, 256, (140, 32), dtype=np.uint8)])
        decoys.append(local.LocalFeatures(320, 240, (rng.random((210, 2)) * [320, 240]).astype(np.float32), dd))
    return local.LocalFeatures(320, 240, qp, qd), part, decoys


def test_a_part_outranks_items_sharing_as_many_words_at_no_consistent_place(monkeypatch):
    """Among 60 decoys sharing more words as rare, the part is not among the 8 best voted but is the
    most consistent, so the local stage verifies it as its extra candidate; without keypoint places
    (the store's swept votes), its candidates are the votes' order."""
    rng = np.random.default_rng(30)
    query, part, decoys = _part_and_decoys(rng, 60)
    index = LocalIndex()
    ids = [f"d{k}" for k in range(len(decoys))] + ["part"]
    index.add(ids, [*decoys, part])
    votes = index.votes(query)
    n_part = index.number("part")
    assert n_part is not None and votes.counts[n_part] >= local_index.MIN_VOTES
    plain = image_match._local_ranking(votes, ids, 8)
    assert "part" not in plain  # by votes, decoys come first
    geo = votes.consistent(np.arange(len(ids)))
    assert geo[n_part] > 2 * max(geo[:n_part])
    monkeypatch.setattr(image_match, "GEOMETRIC_EXTRA", 1)
    assert image_match._local_candidates(votes, ids, 8) == [*plain, "part"]  # the one extra
    first = plain[0]  # verified anyway (a hash candidate): the next best voted takes its place
    assert image_match._local_candidates(votes, ids, 8, {first}) == [
        *[i for i in image_match._local_ranking(votes, ids, 9) if i != first], "part"]
    assert "part" not in image_match._local_candidates(votes, ids, 8, {"part"})  # verified anyway
    monkeypatch.setattr(image_match, "GEOMETRIC_EXTRA", 0)
    assert image_match._local_candidates(votes, ids, 8) == plain
    monkeypatch.setattr(image_match, "GEOMETRIC_EXTRA", 1)
    swept = local_index.LocalVotes(index, votes.counts, votes.votes)  # no places: the votes' order
    assert image_match._local_candidates(swept, ids, 8) == plain
