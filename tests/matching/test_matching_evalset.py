"""The image evaluation set: altered copies found, no false match among unrelated photos,
a stereo look-alike and repetitive textures. A subset keeps the test fast; `make bench` runs all."""

from __future__ import annotations

import pytest

pytest.importorskip("skimage", reason="the evaluation photos need scikit-image (pip install scikit-image)")

from ledger_app.matching import evalset
from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.image_match import ImageMatcher

SUBSET = [
    "bridge",
    "walkers",
    "canal-houses",
    "ribbons",
    "astronaut",
    "coffee",
    "motorcycle",
    "brick-left",
    "brick-right",
    "grass-left",
    "grass-right",
    "gravel-left",
]


@pytest.fixture(scope="module")
def photos(data_dir):
    photos, lookalikes = evalset.load_photos(data_dir, names=SUBSET)
    assert {p.name for p in photos} == set(SUBSET)
    assert [p.name for p, _ in lookalikes] == ["motorcycle-right-view"]
    return photos, lookalikes


def test_locate_finds_altered_copies_without_false_matches(photos):
    photos, lookalikes = photos
    altered = evalset.build(photos, seed=11)
    kinds = {a.kind for a in altered}
    assert kinds == set(evalset.KINDS)
    result = evalset.evaluate(
        photos, lookalikes, altered, ImageMatcher, image_fingerprint, direction="locate"
    )
    report = evalset.markdown(result, "locate")
    assert result.false_matches == [], report
    assert result.overall >= 0.97, report
    for _kind, (found, total) in result.recall.items():
        assert found >= total - 1, report


def test_claims_direction_and_lookalike(photos):
    photos, lookalikes = photos
    altered = [
        a for a in evalset.build(photos[:6], seed=12) if a.kind in ("crop", "banner", "rotate", "thumbnail")
    ]
    result = evalset.evaluate(photos, lookalikes, altered, ImageMatcher, image_fingerprint, direction="claim")
    report = evalset.markdown(result, "claim")
    assert result.false_matches == [], report
    assert result.overall >= 0.97, report


def test_stereo_pair_is_close_in_pdq_but_rejected(photos):
    from ledger_app.matching.image import hamming
    from ledger_app.matching.verify import features, verify

    photos, lookalikes = photos
    left = next(p for p in photos if p.name == "motorcycle")
    right = lookalikes[0][0]
    a = image_fingerprint(evalset.encode(left.image))
    b = image_fingerprint(evalset.encode(right.image))
    assert min(hamming(a.pdq_hash, h) for region in b.pdq for h in region) < 100  # a borderline candidate
    v = verify(features(a.thumbnail(), with_mirror=True), features(b.thumbnail()))
    assert v.ok is False, v
    assert v.inliers >= 20  # the features do align roughly: only the dense check tells them apart


def test_draws_of_other_seeds_add_up_per_alteration():
    a = evalset.EvalResult({"crop": (2, 3), "caption": (1, 1)}, ["x: crop"], [], 4, 1.0)
    b = evalset.EvalResult({"caption": (0, 1), "crop": (3, 3)}, ["y: caption"], ["y matched z"], 5, 2.0)
    both = evalset.combine([a, b])
    assert both.recall == {"crop": (5, 6), "caption": (1, 2)}
    assert list(both.recall) == ["crop", "caption"]  # the order of evalset.ALL_KINDS
    assert both.misses == ["x: crop", "y: caption"] and both.false_matches == ["y matched z"]
    assert (both.queries, both.seconds, both.found, both.total) == (9, 3.0, 6, 8)
