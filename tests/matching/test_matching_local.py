"""Local features: crops, collage tiles, captions and small rotations found with the region they
cover; other shots of the same scene refused; the stored bytes bounded and checked."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image, ImageOps

from ledger_app.matching import evalset, local
from ledger_app.matching.image import ImageFingerprint, image_fingerprint
from ledger_app.matching.image_match import ImageMatcher
from ledger_app.matching.local_index import LocalIndex


def _jpeg(im: Image.Image, q: int = 90) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=q)
    return buf.getvalue()


@pytest.fixture(scope="module")
def grate(data_dir) -> Image.Image:
    with Image.open(data_dir / "fixtures" / "c2pa" / "P1000827.jpg") as im:
        return im.convert("RGB")


def test_bytes_round_trip_and_bound(grate):
    fp = image_fingerprint(_jpeg(grate))
    assert fp.local is not None and 50 <= len(fp.local) <= local.MAX_KEYPOINTS
    data = fp.local.to_bytes()
    assert len(data) <= 10 + local.MAX_KEYPOINTS * 36
    back = local.LocalFeatures.from_bytes(data)
    assert np.array_equal(back.descriptors, fp.local.descriptors)
    assert np.abs(back.points - fp.local.points).max() <= 1 / 32
    # The fingerprint's version 2 bytes carry them; version 1 (what items store) does not.
    v2 = ImageFingerprint.from_bytes(fp.to_bytes())
    assert v2.local is not None and np.array_equal(v2.local.descriptors, fp.local.descriptors)
    assert v2.thumb == fp.thumb and v2.pdq == fp.pdq
    assert ImageFingerprint.from_bytes(fp.without_local().to_bytes()).local is None


def test_tampered_bytes_are_refused(grate):
    data = image_fingerprint(_jpeg(grate)).local.to_bytes()
    with pytest.raises(ValueError, match="truncated"):
        local.LocalFeatures.from_bytes(data[:-1])
    with pytest.raises(ValueError, match="truncated or padded"):
        local.LocalFeatures.from_bytes(data + b"\0")
    with pytest.raises(ValueError, match="magic"):
        local.LocalFeatures.from_bytes(b"XXX" + data[3:])
    with pytest.raises(ValueError, match="version"):
        local.LocalFeatures.from_bytes(data[:3] + b"\x09" + data[4:])


def _region(work: Image.Image, item: Image.Image) -> local.RegionMatch:
    w = image_fingerprint(_jpeg(work), local="work")
    i = image_fingerprint(_jpeg(item))
    return local.match_region(w.local, i.local, w.thumbnail(), i.thumbnail())


def test_a_thirty_percent_crop_is_found_with_its_region(grate):
    w, h = grate.size
    box = (int(w * 0.40), int(h * 0.30), int(w * 0.40) + int(w * 0.55), int(h * 0.30) + int(h * 0.55))
    r = _region(grate, grate.crop(box))
    assert r.ok, r
    # The item is all of it; of the work, about 0.55 x 0.55 = 30 %, where the crop was taken from.
    assert r.item_covered > 0.95
    assert r.query_covered == pytest.approx(0.30, abs=0.04)
    assert r.query_box[0] == pytest.approx(0.40, abs=0.03) and r.query_box[1] == pytest.approx(0.30, abs=0.03)


def test_a_collage_tile_is_found_where_it_sits(grate):
    w, h = grate.size
    collage = Image.new("RGB", (w, h), "white")
    rng = np.random.default_rng(3)
    noise = Image.fromarray(rng.integers(0, 255, (h // 2, w // 2, 3), dtype=np.uint8))
    collage.paste(noise, (0, 0))
    collage.paste(ImageOps.grayscale(noise).convert("RGB"), (0, h // 2))
    collage.paste(grate.resize((w // 2, h // 2)), (w // 2, h // 2))  # bottom right quarter
    r = _region(grate, collage)
    assert r.ok, r
    assert r.item_covered == pytest.approx(0.25, abs=0.03)
    assert r.query_covered > 0.95
    x0, y0, x1, y1 = r.item_box
    assert x0 == pytest.approx(0.5, abs=0.03) and y0 == pytest.approx(0.5, abs=0.03)
    assert x1 > 0.97 and y1 > 0.97


def test_a_five_degree_tilt_and_a_caption(grate):
    tilted = grate.rotate(5, Image.Resampling.BICUBIC, expand=True)
    r = _region(grate, tilted)
    assert r.ok, r
    assert r.rotation_deg == pytest.approx(-5, abs=1.0) or r.rotation_deg == pytest.approx(5, abs=1.0)
    captioned = evalset.beyond_alterations(grate, random.Random(4))
    cap = next(im for kind, _, im in captioned if kind == "caption")
    assert _region(grate, cap).ok


def _keypoints(xy: list[tuple[float, float]], response: float) -> list:
    import cv2

    return [cv2.KeyPoint(float(x), float(y), 7.0, -1, response) for x, y in xy]


def test_a_caption_band_cannot_take_the_budget_of_the_cells_it_crosses():
    # A 320 x 240 frame: a band of 600 strong corners (a caption's letters) across the upper half of
    # the top row of grid cells, and the picture's 160 weaker corners just below it, in the same
    # cells. The band must not take the whole budget: the picture keeps a fair share of each cell.
    rng = np.random.default_rng(1)
    band = [(rng.uniform(0, 320), rng.uniform(5, 25)) for _ in range(600)]
    picture = [(rng.uniform(0, 320), rng.uniform(35, 55)) for _ in range(160)]
    kps = _keypoints(band, 100.0) + _keypoints(picture, 1.0)
    kept = local.spread(kps, 320, 240, 128)
    assert len(kept) == 128
    below = sum(1 for k in kept if k.pt[1] >= 30)
    assert below >= 48, below  # a 4 x 4 grid alone kept none of them


def test_a_small_picture_among_busy_ones_keeps_its_cells_share():
    # A collage: three quarters of busy noise corners, one quarter a sparse picture whose corners
    # sit in one sub-cell of each of its grid cells. Its cells keep as much as a busy cell each.
    rng = np.random.default_rng(2)
    busy = [(x, y) for x, y in rng.uniform(0, 320, (3000, 2)) if not (x >= 160 and y >= 160)]
    sparse = [(rng.uniform(160, 180) + 80 * (i % 2), rng.uniform(160, 180) + 80 * ((i // 2) % 2)) for i in range(200)]
    kps = _keypoints(busy, 50.0) + _keypoints(sparse, 1.0)
    kept = local.spread(kps, 320, 320, 256)
    tile = sum(1 for k in kept if k.pt[0] >= 160 and k.pt[1] >= 160)
    assert tile >= 256 // 4 - 4, tile


def test_a_fit_that_few_of_many_matches_agree_on_is_refused():
    # 10 matches agree on a shift; the others are scattered. Among 40 matches that is a copy's
    # geometry; among 120 (what a repetitive texture passes through the ratio test) it is not.
    rng = np.random.default_rng(5)

    def features(points: np.ndarray) -> local.LocalFeatures:
        return local.LocalFeatures(320, 240, points.astype(np.float32), np.zeros((len(points), 32), np.uint8))

    def region(n: int) -> local.RegionMatch:
        q = rng.uniform(20, 220, (n, 2))
        item = rng.uniform(20, 220, (n, 2))
        item[:10] = q[:10] + (30, 10)
        grid = np.array([(x, y) for x in (20, 80, 140, 200) for y in (20, 110, 200)][:10], float)
        q[:10], item[:10] = grid, grid + (30, 10)
        idx = np.arange(n)
        return local.match_region(features(q), features(item), matcher=lambda qd, cd: (idx, idx))

    assert region(40).transform is not None
    weak = region(120)
    assert weak.transform is None and "of 120 matches agree" in weak.reason, weak


def test_other_shots_of_the_same_scene_do_not_match(data_dir):
    photos, lookalikes = evalset.load_photos(data_dir, recipe=evalset.RECIPE, names=["motorcycle"])
    pytest.importorskip("skimage")
    left = photos[0].image
    right = lookalikes[0][0].image
    r = _region(left, right)
    # The features align (a stereo pair is one scene) but the pixels do not: never a match.
    assert r.inliers >= local.MIN_INLIERS and r.ok is False, r
    assert "different picture" in r.reason


def test_mirror_and_a_texture_half_do_not_match_by_descriptors_alone(data_dir):
    pytest.importorskip("skimage")
    photos, _ = evalset.load_photos(data_dir, names=["brick-left", "brick-right"])
    a, b = (p.image for p in photos)
    assert not _region(a, b).ok


def test_index_proposes_the_copy_and_the_matcher_names_the_region(grate, data_dir):
    others = [p for p in (data_dir / "fixtures" / "pdq" / "labelme-subset").glob("*.jpg")]
    m = ImageMatcher()
    ids, fps = [], []
    for p in others:
        ids.append(p.stem)
        fps.append(image_fingerprint(p.read_bytes()))
    w, h = grate.size
    crop = grate.crop((0, 0, int(w * 0.55), int(h * 0.55)))  # 30 % of the area: past PDQ's reach
    ids.append("crop")
    fps.append(image_fingerprint(_jpeg(crop)))
    m.add(ids, fps)
    work = image_fingerprint(_jpeg(grate), local="work")
    found = m.query(work)
    assert [f.item_id for f in found] == ["crop"], found
    region = found[0].detail["region"]
    assert region["query_covered"] == pytest.approx(0.30, abs=0.04)
    assert region["item_covered"] > 0.95
    # Without local features the same query finds nothing: the stage is what finds it.
    m2 = ImageMatcher()
    m2.add(ids, [f.without_local() for f in fps])
    assert m2.query(work.without_local()) == []


def test_local_index_add_remove():
    rng = np.random.default_rng(0)
    d = rng.integers(0, 256, (200, 32), dtype=np.uint8)
    feats = local.LocalFeatures(100, 100, rng.random((200, 2), dtype=np.float32) * 100, d)
    other = local.LocalFeatures(100, 100, feats.points, rng.integers(0, 256, (200, 32), dtype=np.uint8))
    idx = LocalIndex()
    idx.add(["a", "b"], [feats, other])
    assert [i for i, _ in idx.candidates(feats, 5)] == ["a"]
    idx.remove(["a"])
    assert idx.candidates(feats, 5) == []
    idx.add(["a"], [feats])  # re-added: found again
    assert [i for i, _ in idx.candidates(feats, 5)] == ["a"]


def test_compacted_index_gives_the_same_votes():
    """An index built in many small steps, once compacted into one segment, holds the same postings
    and gives every item the same shared words and votes; a removal before and an addition after
    the compaction still count."""

    rng = np.random.default_rng(3)
    base = rng.integers(0, 256, (3000, 32), dtype=np.uint8)

    def item(k: int) -> local.LocalFeatures:
        d = base[rng.choice(3000, 120, replace=False)].copy()
        d[: 40 + k % 30] = rng.integers(0, 256, (40 + k % 30, 32), dtype=np.uint8)  # some shared, some not
        return local.LocalFeatures(100, 100, rng.random((120, 2), dtype=np.float32) * 100, d)

    feats = [item(k) for k in range(400)]
    ids = [f"i{k}" for k in range(400)]
    whole, steps = LocalIndex(), LocalIndex()
    whole.add(ids, feats)
    for s in range(0, 400, 7):
        steps.add(ids[s : s + 7], feats[s : s + 7])
    whole.remove(["i5"])
    steps.remove(["i5"])
    segments_before = len(steps._segments)
    steps.compact()
    assert segments_before > 1 and len(steps._segments) == 1
    assert steps.postings == whole.postings
    query = local.LocalFeatures(100, 100, np.zeros((3000, 2), np.float32), base)
    a, b = whole.votes(query), steps.votes(query)
    np.testing.assert_array_equal(a.counts, b.counts)
    np.testing.assert_allclose(a.votes, b.votes)
    assert whole.candidates(query, 50) == steps.candidates(query, 50) and len(whole.candidates(query, 50)) == 50
    steps.add(["new"], [feats[0]])
    assert steps.votes(query).shared("new") == whole.votes(query).shared("i0")


def test_whole_image_verification_uses_stored_keypoints_first(grate, data_dir, monkeypatch):
    """A resized copy is verified from the stored keypoints, with no ORB run on any thumbnail; a
    mirrored copy (which the unmirrored keypoints cannot align) still is, by ORB on both thumbnails
    with the mirrored query; an unrelated photo is not; and without stored keypoints the ORB path
    alone decides as before."""
    from ledger_app.matching import image_match

    orb_runs = []
    real = image_match.features
    monkeypatch.setattr(image_match, "features", lambda grey, **kw: orb_runs.append(grey.shape) or real(grey, **kw))
    work = image_fingerprint(_jpeg(grate), local="work")
    w, h = grate.size
    resized = image_fingerprint(_jpeg(grate.resize((w * 2 // 3, h * 2 // 3))))
    mirrored = image_fingerprint(_jpeg(ImageOps.mirror(grate)))
    other = image_fingerprint((data_dir / "fixtures" / "pdq" / "labelme-subset").glob("*.jpg").__next__().read_bytes())

    m = ImageMatcher()
    m.add(["resized", "other"], [resized, other])
    found = m.query(work)
    assert [(f.item_id, f.method) for f in found] == [("resized", "verified")]
    assert found[0].detail["verification"]["inliers"] >= 40 and "region" in found[0].detail
    assert orb_runs == []  # neither the query's nor the candidate's thumbnail needed ORB

    m = ImageMatcher()
    m.add(["mirrored"], [mirrored])
    found = m.query(work)
    assert [(f.item_id, f.method) for f in found] == [("mirrored", "verified")]
    assert found[0].detail["verification"]["mirrored"] is True
    assert orb_runs  # the fallback ran

    m = ImageMatcher()
    m.add(["resized"], [resized.without_local()])
    assert [(f.item_id, f.method) for f in m.query(work)] == [("resized", "verified")]


def test_a_part_enlarged_half_a_pyramid_step_shares_more_words_with_the_work(grate):
    """A 30 % part as wide as 90 % of the work sits about 1.1 times larger in its own feature frame:
    half a step of ORB's 1.2 pyramid off every level of the work's 320 and 640 scales. The work's
    352 scale meets it there: more of the part's stored keypoint words are the work's."""
    w, h = grate.size
    part = image_fingerprint(_jpeg(grate.crop((round(0.05 * w), round(0.4 * h), round(0.95 * w), round(0.73 * h)))))
    work = image_fingerprint(_jpeg(grate, 95), local="work")
    assert work.local is not None and part.local is not None
    # Base scale, then 640's keypoints, then 352's (`extract_work` appends them in WORK_SCALES order).
    assert [s for s, _ in local.WORK_SCALES[:2]] == [640, 352] and len(work.local) == 1024 + 768 + 768 + 384 + 384
    index = LocalIndex()
    index.add(["part"], [part.local])
    without = local.LocalFeatures(work.local.width, work.local.height, np.delete(work.local.points, np.s_[1792:2560], 0),
                                  np.delete(work.local.descriptors, np.s_[1792:2560], 0))
    more, fewer = index.votes(work.local).shared("part"), index.votes(without).shared("part")
    assert more is not None and fewer is not None and more >= fewer + 5, (more, fewer)
