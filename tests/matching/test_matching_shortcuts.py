"""The shortcuts that make image locate fast at a million items give the same answers as the long way:
the blocked faiss scan the same hits in the same order as one scan, and the buffered keypoint votes
the same counts and votes as counting each item's words."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ledger_app.matching import binary_index, local, local_index
from ledger_app.matching.binary_index import BinaryIndex
from ledger_app.matching.local_index import STOP_FRACTION, LocalIndex, words


@pytest.mark.parametrize("nbytes", [8, 32])
def test_blocked_scan_gives_the_hits_of_one_scan_in_its_order(nbytes):
    """Codes added in several calls, spread over blocks of 1,000 rows (one item's codes straddling
    a block edge), one removal: every hit within the radius, in query-then-row order, equal to the
    numpy scan's and the compiled scan's (matching.hamming); and the k nearest equal too."""
    rng = np.random.default_rng(11)
    base = rng.integers(0, 256, (300, nbytes), dtype=np.uint8)
    codes = base[rng.integers(0, 300, 12_345)]  # clusters, so that a query has many hits
    flips = rng.integers(0, 256, codes.shape, dtype=np.uint8) & rng.integers(0, 256, codes.shape, dtype=np.uint8)
    codes = codes ^ (flips & (rng.random(codes.shape) < 0.15).astype(np.uint8) * 255)
    labels = np.arange(len(codes)) // 3  # three codes per item, as PDQ regions are
    queries = np.concatenate([base[:50], rng.integers(0, 256, (10, nbytes), dtype=np.uint8)])
    assert not binary_index._small(queries, codes)  # the faiss scan, not numpy's, for faiss
    radius = nbytes * 8 // 4
    got = []
    for use_faiss, block, compiled in ((True, 1_000, False), (True, 10**9, False), (False, 0, False), (False, 0, True)):
        index = BinaryIndex(nbytes, use_faiss=use_faiss, use_compiled=compiled)
        if block:
            index.block_rows = block
        for a, b in ((0, 4_000), (4_000, 4_001), (4_001, len(codes))):
            index.add(codes[a:b], labels[a:b])
        index.remove(labels[999:1003])
        q, d, lab = index.range_search(queries, radius)
        dist, near = index.search(queries[:5], 4)
        got.append((q, d, lab, dist))
        if use_faiss and block == 1_000:
            assert len(index._blocks) == 13  # the blocks really were many
    assert len(got[0][0]) > 1_000 and len(np.unique(got[0][0])) == 50
    for blocked, other in ((got[0], got[1]), (got[0], got[2]), (got[0], got[3])):
        for a, b in zip(blocked, other, strict=True):
            np.testing.assert_array_equal(a, b)


def test_keypoint_votes_count_each_items_shared_words():
    """Votes from an index in several segments with a removal: per item, the number of the query's
    words it holds (among those no more than STOP_FRACTION of the items hold) and the sum of their
    weights, as counted one item at a time; a second query reuses the buffers and is right too."""
    rng = np.random.default_rng(5)
    pool = rng.integers(0, 256, (3_000, 32), dtype=np.uint8)  # each in some 20 items
    common = pool[:4]  # each in a third of the items: stop words
    feats = []
    for k in range(3_000):
        d = np.concatenate([pool[rng.choice(3_000, 20, replace=False)], common[k % 3 : k % 3 + 2],
                            rng.integers(0, 256, (10 + k % 20, 32), dtype=np.uint8)])
        feats.append(local.LocalFeatures(100, 100, np.zeros((len(d), 2), np.float32), d))
    ids = [f"i{k}" for k in range(3_000)]
    index = LocalIndex()
    for s in range(0, 3_000, 700):
        index.add(ids[s : s + 700], feats[s : s + 700])
    index.remove(["i7"])
    item_words = [set(words(f.descriptors).reshape(-1).tolist()) for f in feats]
    for query_desc in (pool[:400], pool[2:1_500]):
        query = local.LocalFeatures(100, 100, np.zeros((len(query_desc), 2), np.float32), query_desc)
        qwords = set(words(query_desc).reshape(-1).tolist())
        df = {w: sum(w in iw for iw in item_words) for w in qwords}  # a removed item's postings stay until compaction
        useful = {w for w, n in df.items() if 0 < n <= max(64, int(STOP_FRACTION * 3_000))}
        weight = {w: float(np.float32(np.log(3_001 / (df[w] + 1)))) for w in useful}
        assert useful and any(n > max(64, int(STOP_FRACTION * 3_000)) for n in df.values())  # stop words exist
        v = index.votes(query)
        for n, iw in enumerate(item_words):
            shared = useful & iw if n != 7 else set()
            assert v.counts[n] == len(shared)
            assert v.votes[n] == math.fsum(weight[w] for w in shared)  # exactly: each sum is exact


def test_one_weighted_count_gives_the_counts_and_votes_of_two(monkeypatch):
    """The votes count shared words and weights in one bincount (weight + a power-of-two unit per
    posting): the same arrays, bit for bit, as two counts (what `_count_unit` returning 0 makes),
    for weights of many magnitudes (small indexes: weights near 0; large: near log of the size)."""
    rng = np.random.default_rng(8)
    pool = rng.integers(0, 256, (400, 32), dtype=np.uint8)
    for n_items in (5, 40, 900):
        feats = []
        for _ in range(n_items):
            d = np.concatenate([pool[rng.choice(400, 30, replace=False)], rng.integers(0, 256, (5, 32), dtype=np.uint8)])
            feats.append(local.LocalFeatures(100, 100, np.zeros((len(d), 2), np.float32), d))
        index = LocalIndex()
        index.add([f"i{k}" for k in range(n_items)], feats)
        query = local.LocalFeatures(100, 100, np.zeros((300, 2), np.float32), pool[:300])
        one = index.votes(query)
        with monkeypatch.context() as m:
            m.setattr(local_index, "_count_unit", lambda w: 0.0)
            two = index.votes(query)
        assert one.counts.sum() > 0 and one.counts.dtype == two.counts.dtype == np.int64
        np.testing.assert_array_equal(one.counts, two.counts)
        np.testing.assert_array_equal(one.votes, two.votes)
    assert local_index._count_unit(np.float32([1e-30, 3.0]).astype(np.float64)) == 0.0  # no exact unit: two counts


def test_a_word_table_finds_the_postings_binary_search_finds(monkeypatch):
    """A large segment keeps where each word's postings start instead of each posting's word (here
    made large by lowering the threshold): the same votes, bit for bit, as the words searched, after
    adds, a removal and a compaction merging table and word segments."""
    rng = np.random.default_rng(12)
    pool = rng.integers(0, 256, (3000, 32), dtype=np.uint8)

    def feats(n: int) -> list[local.LocalFeatures]:
        out = []
        for _ in range(n):
            d = np.concatenate([pool[rng.choice(3000, 40, replace=False)], rng.integers(0, 256, (8, 32), dtype=np.uint8)])
            out.append(local.LocalFeatures(100, 100, np.zeros((len(d), 2), np.float32), d))
        return out

    first, second = feats(900), feats(300)
    query = local.LocalFeatures(100, 100, np.zeros((1500, 2), np.float32), pool[:1500])

    def build() -> LocalIndex:
        index = LocalIndex()
        index.add([f"a{k}" for k in range(900)], first)
        index.add([f"b{k}" for k in range(300)], second)
        index.remove(["a3", "b7"])
        return index

    def tabled(make):  # large segments (50,000 postings or more) keep a word table
        with monkeypatch.context() as m:
            m.setattr(local_index, "DENSE_MIN_POSTINGS", 50_000)
            return make()

    plain, table = build(), tabled(build)
    assert [s.starts is not None for s in plain._segments] == [False, False]
    assert [s.starts is not None for s in table._segments] == [True, False]
    for _ in range(2):  # as built, then compacted into one segment
        va, vb = plain.votes(query), table.votes(query)
        assert va.counts.sum() > 0
        np.testing.assert_array_equal(va.counts, vb.counts)
        np.testing.assert_array_equal(va.votes, vb.votes)
        assert plain.candidates(query, 40) == table.candidates(query, 40)
        keys_a = np.concatenate([s.pairs()[0] for s in plain._segments])
        keys_b = np.concatenate([s.pairs()[0] for s in table._segments])
        np.testing.assert_array_equal(np.sort(keys_a), np.sort(keys_b))
        plain.compact()
        tabled(table.compact)
    assert len(table._segments) == 1 and table._segments[0].starts is not None
    seg, ref = table._segments[0], plain._segments[0]
    assert ref.keys is not None and seg.top_word() == int(ref.keys[-1])
    np.testing.assert_array_equal(seg.pairs()[0], ref.keys)
    np.testing.assert_array_equal(seg.items, ref.items)
    assert seg.starts is not None and seg.nbytes == seg.items.nbytes + seg.cells.nbytes + 4 * (local_index.KEY_SPACE + 1)


@pytest.mark.parametrize("use_faiss", [True, False])
@pytest.mark.parametrize("nbytes", [8, 32])
@pytest.mark.parametrize("compiled", [True, False])
def test_grouped_search_gives_the_hits_of_one_search_per_query(use_faiss, nbytes, compiled, monkeypatch):
    """Queries in tight clusters (as a query image's crop hypotheses are) and a few lone ones: the
    grouped search scans the index for fewer codes than there are queries (or, for one-word codes
    with the compiled scan, measures each code against the centres and only then their groups), and
    returns exactly the hits, distances, labels and order of `range_search` without either shortcut
    (one faiss or numpy scan per query), at several radii (none found too)."""
    rng = np.random.default_rng(23)
    seeds = rng.integers(0, 256, (6, nbytes), dtype=np.uint8)
    noise = lambda n, p: (rng.random((n, nbytes * 8)) < p)  # noqa: E731
    queries = np.concatenate(
        [seeds[rng.integers(0, 6, 120)] ^ np.packbits(noise(120, 0.03), axis=1), rng.integers(0, 256, (7, nbytes), dtype=np.uint8)]
    )
    codes = np.concatenate(
        [seeds[rng.integers(0, 6, 30_000)] ^ np.packbits(noise(30_000, 0.08), axis=1),
         rng.integers(0, 256, (30_000, nbytes), dtype=np.uint8)]
    )
    index = BinaryIndex(nbytes, use_faiss=use_faiss, use_compiled=compiled)
    plain = BinaryIndex(nbytes, use_faiss=use_faiss, use_compiled=False)
    for i in (index, plain):
        i.add(codes, np.arange(len(codes)) * 2 + 1)
    scanned, grouped = [], []
    real = index._range_rows
    monkeypatch.setattr(index, "_range_rows", lambda q, r: scanned.append(len(q)) or real(q, r))
    real_grouped = index._grouped_compiled
    monkeypatch.setattr(index, "_grouped_compiled", lambda *a: grouped.append(1) or real_grouped(*a))
    for radius in (0, nbytes * 2, nbytes * 3):
        want = plain.range_search(queries, radius)
        scanned.clear()
        got = index.range_search_grouped(queries, radius, 8 if nbytes == 8 else 20)
        if compiled and nbytes == 8:
            assert grouped and not scanned
        else:
            assert scanned and scanned[0] < len(queries) // 3
        for a, b in zip(got, want, strict=True):
            np.testing.assert_array_equal(a, b)
        assert radius == 0 or len(want[0]) > 100


def test_thumbnails_decoded_by_opencv_are_pils_pixels(data_dir):
    """The matcher's thumbnail decoding (OpenCV for one-channel JPEGs) gives the pixels of
    `ImageFingerprint.thumbnail` (PIL) on the thumbnails of real photos and of their altered copies;
    a colour JPEG, a PNG and a damaged thumbnail are PIL's to decode (the damaged one refused as before)."""
    import dataclasses
    import io

    from PIL import Image

    from ledger_app.matching import evalset
    from ledger_app.matching.image import image_fingerprint
    from ledger_app.matching.kernels import thumbnail

    photos, _ = evalset.load_photos(data_dir, recipe=evalset.RECIPE)
    fps = [image_fingerprint(a.data) for a in evalset.build(photos[:6], seed=3, kinds="all")]
    assert len(fps) > 100
    for fp in fps:
        assert fp.thumb[:2] == b"\xff\xd8"
        got = thumbnail(fp)
        assert got.ndim == 2 and np.array_equal(got, fp.thumbnail())
    rgb = Image.fromarray(np.random.default_rng(1).integers(0, 255, (40, 60, 3), dtype=np.uint8))
    for fmt in ("JPEG", "PNG"):
        buf = io.BytesIO()
        rgb.save(buf, fmt)
        other = dataclasses.replace(fps[0], thumb=buf.getvalue())
        assert np.array_equal(thumbnail(other), other.thumbnail()) and thumbnail(other).shape == (40, 60)
    for cut in (40, len(fps[0].thumb) * 9 // 10):
        damaged = dataclasses.replace(fps[0], thumb=fps[0].thumb[:cut])
        with pytest.raises(OSError):
            thumbnail(damaged)


def _agreement_one_strip_at_a_time(grid):
    """verify._agreement the straightforward way: the blocks left counted again for every strip."""
    from ledger_app.matching.verify import BLOCK_AGREES, MAX_STRIP, MIN_TEXTURED_BLOCKS

    valid = ~np.isnan(grid)
    agree = np.where(valid, grid >= BLOCK_AGREES, False)
    overall = float(agree[valid].mean()) if valid.any() else 0.0
    best, left = overall, int(valid.sum())
    ny, nx = grid.shape
    for axis, n in ((0, ny), (1, nx)):
        for t in range(1, int(n * MAX_STRIP) + 1):
            for edge in (slice(0, t), slice(n - t, n)):
                keep = valid.copy()
                if axis == 0:
                    keep[edge, :] = False
                else:
                    keep[:, edge] = False
                if keep.sum() >= MIN_TEXTURED_BLOCKS:
                    a = float(agree[keep].mean())
                    if a > best:
                        best, left = a, int(keep.sum())
    return overall, best, left


def test_block_agreement_from_line_counts_is_the_one_of_counting_each_strip():
    """`verify._agreement` (each edge strip's blocks taken from the grid's row and column counts)
    gives the very fractions and counts of counting the blocks left for every strip: grids of
    several shapes, flat (NaN) blocks from none to all, agreeing blocks from none to all, a banner
    of disagreeing rows or columns at each edge."""
    from ledger_app.matching.verify import _agreement

    rng = np.random.default_rng(17)
    seen_strip = 0
    for shape in [(8, 8), (6, 9), (9, 6), (3, 12), (12, 3), (10, 7), (2, 2), (4, 4), (9, 9), (1, 8), (0, 0)]:
        for k in range(200):
            grid = rng.uniform(0.5, 1.0, shape) if k % 2 else rng.uniform(-0.2, 1.0, shape)
            grid[rng.random(shape) < rng.random() * (k % 3 != 0)] = np.nan
            if k % 5 == 0 and min(shape) > 3:  # a banner: the rows or columns of one edge disagree
                edge = [slice(0, 2), slice(-2, None)][k % 2]
                if k % 4 < 2:
                    grid[edge, :] = 0.1
                else:
                    grid[:, edge] = 0.1
            want = _agreement_one_strip_at_a_time(grid)
            assert _agreement(grid) == want
            seen_strip += want[1] > want[0]
    assert seen_strip > 50  # setting a strip aside mattered often
