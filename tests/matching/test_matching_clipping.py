"""Clipped brightenings in verification (`clipping.py`): a bright photo brightened into its highlights
is compared with its levels mapped onto the copy's and aligned on the original brightened alike;
another photo of the same scene, or another part of a texture, brightened alike stays refused."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageEnhance

from ledger_app.matching import clipping, image_match
from ledger_app.matching import verify as verify_module
from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.image_match import ImageMatcher
from ledger_app.matching.kernels import thumbnail
from ledger_app.matching.local import PairCache

from .helpers import jpeg_bytes


def lifted(im: Image.Image, mean: float = 170) -> Image.Image:
    """The photo made bright (mean grey level `mean`) by a gamma curve: nothing clips yet."""
    grey = np.asarray(im.convert("L"), np.float64) / 255
    gamma = min(1.0, np.log(mean / 255) / np.log(max(grey.mean(), 0.02)))
    lut = [round(255 * (i / 255) ** gamma) for i in range(256)]
    return im.point(lut * len(im.getbands()))


def fixture_photo(data_dir, name: str) -> Image.Image:
    with Image.open(data_dir / "fixtures" / "c2pa" / name) as im:
        return im.convert("RGB")


def stored_verify(work, item):
    """Whole-image verification as the matcher first runs it: the stored keypoints on the thumbnails."""
    wt, it = thumbnail(work), thumbnail(item)
    return verify_module.verify(
        verify_module.stored_features(work.local, wt), verify_module.stored_features(item.local, it),
        matcher=PairCache().matcher("item"),
    )


def test_a_bright_photo_brightened_into_its_highlights_is_compared_with_its_levels_mapped(data_dir, monkeypatch):
    """The ribbons photo made bright, then brightened x1.8: half the copy is white, 84 % of it at
    grey 200 or more, so leaving the bright pixels out keeps too few blocks, and aligned as it is
    only 81 % of the blocks agree. Mapping the original's levels onto the copy's (its highlights
    clip where the copy's did) they all agree; without that comparison the copy is refused."""
    bright = lifted(fixture_photo(data_dir, "A.jpg"))
    work = image_fingerprint(jpeg_bytes(bright, 95), local="work")
    copy = image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(bright).enhance(1.8), 84))
    v = stored_verify(work, copy)
    assert v.ok and "levels matched" in v.reason, v.reason
    m = ImageMatcher()
    m.add(["copy"], [copy])
    assert [x.item_id for x in m.query(work)] == ["copy"]
    claims = ImageMatcher()
    claims.add(["work"], [work])
    assert [x.item_id for x in claims.query(copy)] == ["work"]
    monkeypatch.setattr(clipping, "TONE_MIN_PIXELS", 10**9)  # no curve can be drawn: no such comparison
    assert not stored_verify(work, copy).ok


def test_a_clipped_copy_the_keypoints_miss_is_aligned_on_the_original_brightened_alike(data_dir, monkeypatch):
    """The earth photo made bright, then brightened x1.7: the copy's clipped clouds changed the
    patches around the original's keypoints (5 consistent matches). Brightened until as much of it
    is white, the original's ORB keypoints align the copy again, and the pixels agree."""
    bright = lifted(fixture_photo(data_dir, "cloud.jpg"))
    work = image_fingerprint(jpeg_bytes(bright, 95), local="work")
    copy = image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(bright).enhance(1.7), 75))
    v = stored_verify(work, copy)
    assert v.ok, v.reason
    for query, item in ((work, copy), (copy, work)):
        m = ImageMatcher()
        m.add(["item"], [item])
        assert [x.item_id for x in m.query(query)] == ["item"]
    monkeypatch.setattr(clipping, "ALIGN_WHITE", 1.1)  # never brightened alike
    assert not stored_verify(work, copy).ok


def test_the_matcher_aligns_at_most_max_realigned_candidates_again(data_dir, monkeypatch):
    """Unrelated items white where the query is not (white backgrounds) are common, and each costs
    an ORB run when aligned again, so a query aligns at most MAX_REALIGNED candidates again. Five
    copies of the bright earth brightened x1.75-2.0 that no keypoints align: none found without,
    one with one, four with four (the default)."""
    from ledger_app.matching import verify as verify_module

    bright = lifted(fixture_photo(data_dir, "cloud.jpg"))
    work = image_fingerprint(jpeg_bytes(bright, 95), local="work")
    factors = (1.75, 1.8, 1.85, 1.9, 2.0)
    copies = [image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(bright).enhance(f), 80)) for f in factors]
    calls: list[int] = []
    real = verify_module.realign_clipped
    monkeypatch.setattr(image_match, "realign_clipped", lambda *a, **k: calls.append(1) or real(*a, **k))
    assert image_match.MAX_REALIGNED == 4
    for bound in (0, 1, 4):
        monkeypatch.setattr(image_match, "MAX_REALIGNED", bound)
        calls.clear()
        m = ImageMatcher()
        m.add([f"x{f}" for f in factors], copies)
        assert len(m.query(work)) == len(calls) == bound


def lookalike_pairs(data_dir):
    from ledger_app.matching import evalset

    photos, looks = evalset.load_photos(data_dir, names=["motorcycle", "brick"])
    by_name = {p.name: p.image for p in photos}
    # scikit-image is a test dependency (pyproject): its stereo pair and brick texture are always there.
    assert "motorcycle" in by_name and looks and "brick-left" in by_name, "the hard negatives did not load"
    return [(by_name["motorcycle"], looks[0][0].image), (by_name["brick-left"], by_name["brick-right"])]


@pytest.mark.parametrize("factor", [1.4, 1.55, 1.7])
def test_another_photo_of_the_scene_brightened_into_its_highlights_stays_refused(data_dir, factor):
    """Hard negatives, made bright and brightened alike: the right view of the stereo pair against
    the left, the right half of the brick wall against the left. Neither the mapped levels nor the
    alignment on a brightened original make them match, in either direction."""
    for left, right in lookalike_pairs(data_dir):
        work = image_fingerprint(jpeg_bytes(lifted(left), 95), local="work")
        other = image_fingerprint(jpeg_bytes(ImageEnhance.Brightness(lifted(right)).enhance(factor), 80))
        assert not stored_verify(work, other).ok
        for query, item in ((work, other), (other, work)):
            m = ImageMatcher()
            m.add(["item"], [item])
            assert m.query(query) == []


def test_levels_mapped_onto_a_clipped_brightening_follow_it_and_white_in_both_says_nothing():
    """`tone_matched`: the less clipped image is mapped onto the other's levels (either argument
    order), so a linear brightening clipped at 255 is followed within a few levels; pixels white in
    both are left out; too few populated levels draw no curve."""
    rng = np.random.default_rng(5)
    a = rng.uniform(40, 220, (64, 64)).astype(np.float32)
    b = np.minimum(255, 1.6 * a).astype(np.float32)
    mask = np.ones(a.shape, np.uint8)
    for first, second in ((a, b), (b, a)):
        got = clipping.tone_matched(first, second, mask, 0, 1)
        assert got is not None
        x, y, keep = got
        mapped, target = (x, y) if first is a else (y, x)
        assert np.abs(mapped - target).mean() < 4
        assert np.array_equal(keep, ((mapped < clipping.CLIPPED) | (target < clipping.CLIPPED)).astype(np.uint8))
        assert keep.mean() < 0.8
    assert clipping.tone_matched(np.full_like(a, 100), b, mask, 0, 1) is None


def test_brightened_like_only_for_a_clipped_brightening_within_the_gain_range():
    rng = np.random.default_rng(6)
    grey = rng.integers(60, 200, (80, 80)).astype(np.uint8)
    copy = np.minimum(255, grey.astype(np.int32) * 1.6).astype(np.uint8)
    sim = clipping.brightened_like(grey, copy)
    assert sim is not None and abs((sim >= clipping.CLIPPED).mean() - (copy >= clipping.CLIPPED).mean()) < 0.05
    assert clipping.brightened_like(copy, grey) is None  # the other has no white: no clipped brightening
    assert clipping.brightened_like(grey, np.full_like(grey, 255)) is None  # all white: a gain beyond the range
