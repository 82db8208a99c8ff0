"""The perceptual index: incremental add/remove, save/load, faiss and numpy agree."""

from __future__ import annotations

import numpy as np
import pytest

from ledger_app.matching.binary_index import BinaryIndex, faiss
from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.image_index import ImageIndex
from ledger_app.matching.image_match import ImageMatcher


@pytest.fixture(scope="module")
def fingerprints(pdq_dir):
    files = sorted((pdq_dir / "labelme-subset").glob("*.jpg")) + [pdq_dir / "bridge-mods" / "aaa-orig.jpg"]
    return {f.stem: image_fingerprint(f.read_bytes()) for f in files}


def test_add_remove_save_load(tmp_path, fingerprints, pdq_dir):
    index = ImageIndex()
    index.add(list(fingerprints), list(fingerprints.values()))
    assert len(index) == len(fingerprints)
    shrunk = image_fingerprint((pdq_dir / "bridge-mods" / "shrink-a-lot.jpg").read_bytes())
    hits = index.search_pdq(shrunk.query_hashes(), 31)
    assert set(hits) == {"aaa-orig"} and hits["aaa-orig"].distance <= 31

    assert index.remove(["aaa-orig", "not-there"]) == 1
    assert "aaa-orig" not in index
    assert index.search_pdq(shrunk.query_hashes(), 31) == {}

    path = tmp_path / "images.npz"
    index.save(path)
    loaded = ImageIndex.load(path)
    assert sorted(loaded.ids()) == sorted(index.ids())
    q = fingerprints["q0122"]
    assert loaded.search_pdq(q.query_hashes(), 0).keys() == {"q0122"}

    loaded.add(["aaa-orig"], [fingerprints["aaa-orig"]])  # re-adding after a removal
    assert set(loaded.search_pdq(shrunk.query_hashes(), 31)) == {"aaa-orig"}
    loaded.add(["aaa-orig"], [fingerprints["aaa-orig"]])  # adding twice replaces
    assert len(loaded) == len(fingerprints)


def test_low_quality_hashes_are_not_indexed(fingerprints):
    flat = [k for k, fp in fingerprints.items() if not fp.reliable]
    assert flat, "the labelme subset has two flat sky photos"
    index = ImageIndex()
    index.add(list(fingerprints), list(fingerprints.values()))
    for k in flat:
        assert k not in index.search_pdq(fingerprints[k].query_hashes(), 256)


@pytest.mark.skipif(faiss is None, reason="faiss is not installed")
def test_faiss_and_numpy_backends_agree():
    rng = np.random.default_rng(7)
    codes = rng.integers(0, 256, (20_000, 32), dtype=np.uint8)
    labels = np.arange(len(codes)) * 3
    queries = codes[:50].copy()
    queries[:, :4] ^= rng.integers(0, 256, (50, 4), dtype=np.uint8)
    results = []
    for use_faiss in (True, False):
        index = BinaryIndex(32, use_faiss=use_faiss)
        index.add(codes[:12_000], labels[:12_000])
        index.add(codes[12_000:], labels[12_000:])
        index.remove(labels[5:10])
        dist, lab = index.search(queries, 3)
        q, d, r = index.range_search(queries, 40)
        order = np.lexsort((r, q))
        results.append((dist, lab[:, 0], q[order], d[order], r[order]))
    faiss_res, numpy_res = results
    np.testing.assert_array_equal(faiss_res[0], numpy_res[0])
    np.testing.assert_array_equal(faiss_res[1], numpy_res[1])
    for a, b in zip(faiss_res[2:], numpy_res[2:], strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.isin(labels[5:10], faiss_res[1]).any()


def test_matcher_with_a_fingerprint_loader(fingerprints, pdq_dir):
    stored = {k: fp.to_bytes() for k, fp in fingerprints.items()}
    asked = []

    def load(ids):
        asked.extend(ids)
        return {i: stored[i] for i in ids if i in stored}

    index = ImageIndex()
    index.add(list(fingerprints), list(fingerprints.values()))
    matcher = ImageMatcher(index, load)
    query = (pdq_dir / "bridge-mods" / "square-256x256.jpg").read_bytes()
    matches = matcher.query(None, query)
    assert [m.item_id for m in matches] == ["aaa-orig"]
    assert "aaa-orig" in asked
    m = matches[0]
    assert m.method in ("verified", "pdq") and 0 < m.score <= 1
    assert m.detail["pdq_distance"] == m.distance
