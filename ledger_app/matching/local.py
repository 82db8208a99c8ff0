"""Local features: the stage that finds copies a whole-image hash cannot see.

A crop of 30 %, a photo shrunk into one tile of a collage, a 5° tilt, a caption across the middle,
a wide frame: each moves PDQ (and the crop-tolerant coarse code) far from the original, but most of
the photo's corners and blobs survive, each with its neighbourhood. This module keeps, per image,
a bounded set of such keypoints with a compact binary descriptor, and decides whether two images
share a region by geometry, never by descriptor similarity alone:

1. `extract`: ORB keypoints (FAST corners over an 8-level pyramid, rotation-aware BRIEF) on the
   greyscale image reduced to FEATURE_SIDE pixels on the longer side, at most MAX_KEYPOINTS of them,
   each stored as a 32-byte (256-bit) descriptor and a position (2 x uint16, 1/16 pixel): 36 bytes.
   ORB over SIFT and AKAZE: see docs/ARCHITECTURE.md and `bench/bench_descriptors.py`.
2. `match_region`: ratio-tested descriptor matches, RANSAC fit of an affine transform (rotation,
   scale, mild stretch; no mirror, no shear beyond what a stretch makes), at least MIN_INLIERS
   inliers spread over the shared region; the transform maps the query's frame into the item's, so
   the shared region is known in both, with the covered fractions.
3. A dense check of that region on the two greyscale thumbnails (zero-mean normalised
   cross-correlation block by block, as in `verify.py`): a copy agrees almost everywhere in the
   region; another shot of the same scene (parallax, moving water, a burst a second later) or a
   repetitive texture aligned by a few chance matches does not.

Every threshold here was set on the tuning set (`resources/evalsets/images.json`) and only measured
on the held-out set (`resources/evalsets/images-heldout.json`); see docs/image-evaluation.md.

It stays one module (some 530 lines) on purpose: the three stages share one frame convention (the
feature frame, positions in 1/16 pixel) and their thresholds were tuned together as one decision;
split, a change to one stage's geometry could silently break another's.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass

import cv2
import numpy as np

from ledger_app.matching import verify as _dense
from ledger_app.matching.kernels import two_nearest

FEATURE_SIDE = 320  # longer side of the image the keypoints are found on (pixels)
MAX_KEYPOINTS = 256  # stored per item: 36 bytes each
# A claimed work (a query; there are few) keeps more: WORK_KEYPOINTS at FEATURE_SIDE and more at the
# WORK_SCALES (longer side, keypoints), so that a crop of it enlarged in an item (640), the work
# shrunk into a frame (192: 0.6 of the item's side) or a collage tile (160) finds its corners at the
# scale the item shows them. Its positions are in the FEATURE_SIDE frame. Tuning set (seeds 7 and
# 2024, keypoint votes alone): with 640/1024 and 160/512, 20 of 54 framed copies had 24 or more
# unrelated items ranked above them; with these scales (the same 2,560 keypoints) 9. 352 is half a
# step of ORB's 1.2 pyramid above 320: a part of the work enlarged about 1.1 times in an item (a
# 30 % part as wide as 90 % of the work) meets the work's keypoints between two of their pyramid
# levels, shares few keypoint words and was not among the items verified. Tuning set (seeds 7, 11,
# 12, 101-104 and 2024, locate): parts of 30 % missed 16 -> 10 of 216, framed copies 7 -> 4,
# collage tiles 29 -> 30, 0 false matches either way.
WORK_KEYPOINTS = 1024
WORK_SCALES = ((640, 768), (352, 768), (192, 384), (160, 384))
OVERSAMPLE = 8  # keypoints detected per keypoint kept (see `spread`)
GRID = 4  # cells per side of the grid the kept keypoints are spread over ...
SUBGRID = 2  # ... and sub-cells per side of each cell (see `spread`)
DESCRIPTOR_BYTES = 32
POSITION_SCALE = 16  # positions are stored in 1/16 pixel
RATIO = 0.8  # Lowe's ratio test on Hamming distances
MAX_DESCRIPTOR_DISTANCE = 80  # of 256 bits: beyond this a nearest neighbour is no match at all
MIN_MATCHES = 10
MIN_INLIERS = 8  # RANSAC inliers needed (chance puts 5 more beside a 3-point fit ~1e-10 of the time)
# ... and at least this fraction of the ratio-tested matches. A repetitive texture (bricks, grass)
# passes many matches through the ratio test, and among a hundred of them 8-11 chance agreements
# are found; the pixels of such a texture agree as well as a copy's (tuning set: another part of
# the brick wall, 8 of 122 matches, 88-90 % of the blocks). Tuning set, seed 2024: copies 0.137 and
# up, texture look-alikes that reached the pixel check 0.066 and 0.083.
MIN_INLIER_FRACTION = 0.10
RANSAC_TOLERANCE = 4.0  # pixels in the item's feature frame (at most FEATURE_SIDE long)
STRETCH_SLACK = 6  # the affine round considers matches within this many tolerances of the similarity
MAX_ANISOTROPY = 1.8  # ratio of the affine map's two singular values (a non-uniform stretch)
SCALE_RANGE = (1 / 8, 8.0)  # linear scale between the two frames
MIN_SPREAD = 0.10  # inliers' bounding box, as a fraction of the shared region's (each side)
MIN_SHARED = 0.08  # the shared region, as a fraction of the smaller of the two images' areas
# Dense check in the shared region (thumbnails): fraction of textured blocks that must agree.
# Tuning set: copies (crops, tiles, captions, rotations, frames, stretches) 0.95-1.0 once the
# worst strip of blocks (a caption) is set aside; the stereo look-alike 0.65-0.79.
MIN_REGION_AGREEMENT = 0.88
MIN_REGION_BLOCKS = 6
BLOCK_AGREES = 0.7

# Which keypoints `extract` keeps for a given image: bump when a change keeps different ones (the
# ORB settings, the budget, `spread`), so that caches of extracted features (the 1M-item benchmark's)
# are rebuilt rather than silently reused. Stored features of either kind stay comparable.
EXTRACTION = 2  # 2: spread over sub-cells too (1: a 4 x 4 grid only)

_MAGIC = b"LLF"
_VERSION = 1
_HEAD = struct.Struct(">3sBHHH")  # magic, version, frame width, frame height, keypoints

_ORB = {}


def _orb(n: int):  # a cv2.ORB
    orb = _ORB.get(n)
    if orb is None:
        orb = _ORB[n] = cv2.ORB_create(
            nfeatures=n, scaleFactor=1.2, nlevels=8, edgeThreshold=15, patchSize=15, fastThreshold=8
        )
    return orb


def extraction_key() -> str:
    """A short name of the extraction (EXTRACTION and its parameters), for cache keys."""
    return f"x{EXTRACTION}-s{FEATURE_SIDE}-k{MAX_KEYPOINTS}-o{OVERSAMPLE}-g{GRID}x{SUBGRID}"


@dataclass(frozen=True)
class LocalFeatures:
    """Keypoints of one image in its feature frame (`width` x `height`, the image reduced to
    FEATURE_SIDE on the longer side): positions (n, 2) float32 and descriptors (n, 32) uint8."""

    width: int
    height: int
    points: np.ndarray
    descriptors: np.ndarray

    def __len__(self) -> int:
        return len(self.points)

    def to_bytes(self) -> bytes:
        n = len(self.points)
        pos = np.clip(np.rint(self.points * POSITION_SCALE), 0, 65535).astype(">u2").tobytes()
        return _HEAD.pack(_MAGIC, _VERSION, self.width, self.height, n) + pos + self.descriptors.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> LocalFeatures:
        if len(data) < _HEAD.size:
            raise ValueError("local features are too short")
        magic, version, w, h, n = _HEAD.unpack_from(data)
        if magic != _MAGIC:
            raise ValueError("not local features (bad magic)")
        if version != _VERSION:
            raise ValueError(f"local features version {version} is not supported (expected {_VERSION})")
        end = _HEAD.size + n * (4 + DESCRIPTOR_BYTES)
        if len(data) != end:
            raise ValueError("local features are truncated or padded")
        pos = np.frombuffer(data, ">u2", 2 * n, _HEAD.size).astype(np.float32).reshape(n, 2) / POSITION_SCALE
        desc = np.frombuffer(data, np.uint8, n * DESCRIPTOR_BYTES, _HEAD.size + 4 * n).reshape(n, DESCRIPTOR_BYTES)
        return cls(w, h, pos, desc)


def feature_frame(grey: np.ndarray, side: int = FEATURE_SIDE) -> np.ndarray:
    """The greyscale image reduced (never enlarged) to `side` pixels on its longer side."""
    h, w = grey.shape[:2]
    f = side / max(h, w)
    if f >= 1:
        return np.ascontiguousarray(grey, dtype=np.uint8)
    size = (max(1, round(w * f)), max(1, round(h * f)))
    return cv2.resize(np.ascontiguousarray(grey, dtype=np.uint8), size, interpolation=cv2.INTER_AREA)


def extract(grey: np.ndarray, *, max_keypoints: int = MAX_KEYPOINTS, side: int = FEATURE_SIDE) -> LocalFeatures:
    """Keypoints and descriptors of a 2-D uint8 greyscale image (any size)."""
    frame = feature_frame(grey, side)
    h, w = frame.shape
    orb = _orb(OVERSAMPLE * max_keypoints)
    keypoints = orb.detect(frame, None)
    keypoints = spread(keypoints, w, h, max_keypoints)
    keypoints, desc = orb.compute(frame, keypoints)
    if desc is None or not keypoints:
        return LocalFeatures(w, h, np.zeros((0, 2), np.float32), np.zeros((0, DESCRIPTOR_BYTES), np.uint8))
    pts = np.float32([k.pt for k in keypoints]).reshape(-1, 2)
    return LocalFeatures(w, h, pts, np.ascontiguousarray(desc[:max_keypoints]))


def spread(keypoints, w: int, h: int, n: int) -> list:  # cv2.KeyPoint sequences
    """The n keypoints kept, spread over a GRID x GRID grid, each cell's share spread again over its
    SUBGRID x SUBGRID sub-cells: every cell's strongest first, then every cell's second, and so on,
    where a cell's k-th is taken round-robin over its sub-cells the same way. A caption's or a
    watermark's letters (dense, strong corners along a band) cannot take the budget of the cells
    they cross from the picture beside them (a finer grid alone would starve a small picture, a
    collage tile, among busy neighbours)."""
    if len(keypoints) <= n:
        return list(keypoints)
    pts = np.float32([k.pt for k in keypoints])
    resp = np.float32([k.response for k in keypoints])
    fine = GRID * SUBGRID
    fx = np.minimum(fine - 1, pts[:, 0] * fine // max(1, w)).astype(int)
    fy = np.minimum(fine - 1, pts[:, 1] * fine // max(1, h)).astype(int)
    in_sub = _ranks(fy * fine + fx, -resp)  # k-th strongest of its sub-cell
    in_cell = _ranks((fy // SUBGRID) * GRID + fx // SUBGRID, in_sub, -resp)  # k-th taken from its cell
    keep = np.lexsort((-resp, in_cell))[:n]
    return [keypoints[i] for i in keep]


def _ranks(group: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Each element's rank within its group, ordered by `keys` (the first the primary)."""
    order = np.lexsort((*reversed(keys), group))
    g = group[order]
    pos = np.arange(len(order))
    first = np.maximum.accumulate(np.where(np.r_[True, g[1:] != g[:-1]], pos, 0))
    rank = np.empty(len(order), int)
    rank[order] = pos - first
    return rank


def adds_work_scale(side: int, frame_width: int, base_width: int) -> bool:
    """Whether a claimed work's scale `side` adds keypoints: a scale above the base one only when the
    image has the pixels for it (352 needs 5 % more than the base frame, 640 25 %)."""
    return not (side > FEATURE_SIDE and frame_width <= base_width * min(1.25, (1 + side / FEATURE_SIDE) / 2))


def extract_work(grey: np.ndarray) -> LocalFeatures:
    """The richer features of a claimed work (see WORK_KEYPOINTS): five scales in one frame, so
    that the work shrunk into a collage tile, or cropped and enlarged, meets its keypoints at
    the scale the item shows them."""
    base = extract(grey, max_keypoints=WORK_KEYPOINTS)
    pts, desc = [base.points], [base.descriptors]
    for side, n in WORK_SCALES:
        frame = feature_frame(grey, side)
        if not adds_work_scale(side, frame.shape[1], base.width):
            continue  # the image is small: no finer scale to add
        extra = extract(frame, max_keypoints=n, side=side)
        pts.append(extra.points * np.float32(base.width / max(1, extra.width)))
        desc.append(extra.descriptors)
    return LocalFeatures(base.width, base.height, np.concatenate(pts), np.concatenate(desc))


# -- matching two images ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionMatch:
    """Where the query (a claimed work) and an item share pixels, by one affine transform.

    `item_box` / `query_box`: the shared region's bounding box in each image, as fractions of its
    width and height (x0, y0, x1, y1); `item_covered`: fraction of the item's area that holds the
    query's picture; `query_covered`: fraction of the query's picture present in the item."""

    ok: bool | None
    inliers: int
    matches: int
    transform: tuple[tuple[float, ...], ...] | None  # 2x3, query feature frame -> item feature frame
    rotation_deg: float
    scale: float
    item_box: tuple[float, float, float, float] | None
    query_box: tuple[float, float, float, float] | None
    item_covered: float
    query_covered: float
    agreement: float
    reason: str

    def to_json(self) -> dict:
        r4 = lambda v: round(float(v), 4)  # noqa: E731
        return {
            "ok": self.ok,
            "inliers": self.inliers,
            "matches": self.matches,
            "rotation_deg": round(self.rotation_deg, 1),
            "scale": r4(self.scale),
            "item_box": [r4(v) for v in self.item_box] if self.item_box else None,
            "query_box": [r4(v) for v in self.query_box] if self.query_box else None,
            "item_covered": r4(self.item_covered),
            "query_covered": r4(self.query_covered),
            "agreement": r4(self.agreement),
            "reason": self.reason,
        }


def _fail(reason: str, inliers: int = 0, matches: int = 0, ok: bool | None = None) -> RegionMatch:
    return RegionMatch(ok, inliers, matches, None, 0.0, 0.0, None, None, 0.0, 0.0, 0.0, reason)


def ratio_matches(qd: np.ndarray, cd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(query indices, candidate indices) of descriptors whose nearest neighbour is clearly nearer
    than the second and within MAX_DESCRIPTOR_DISTANCE bits."""
    if len(qd) < 2 or len(cd) < 2:
        return np.empty(0, int), np.empty(0, int)
    if len(qd) < len(cd):  # search the smaller set: a work's three scales would spoil its ratio test
        ci, qi = ratio_matches(cd, qd)
        return qi, ci
    d_best, d_second, best = _two_nearest(qd, cd)
    ok = (d_best < RATIO * d_second) & (d_best <= MAX_DESCRIPTOR_DISTANCE)
    qi = np.flatnonzero(ok)
    ci = best[ok]
    # One query keypoint per candidate keypoint (the closest), so a repeated pattern cannot vote twice.
    order = np.lexsort((d_best[ok], ci))
    keep = np.ones(len(order), bool)
    keep[1:] = ci[order][1:] != ci[order][:-1]
    return qi[order][keep], ci[order][keep]


class PairCache:
    """A query's `ratio_matches` with each candidate's stored keypoints, computed once per query and
    candidate and shared by whole-image verification and `match_region` (their `matcher`)."""

    def __init__(self) -> None:
        self._pairs: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def matcher(self, item_id: str):  # (query descriptors, item descriptors) -> index pairs
        def pairs(qd: np.ndarray, cd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
            got = self._pairs.get(item_id)
            if got is None:
                got = self._pairs[item_id] = ratio_matches(qd, cd)
            return got

        return pairs


def _two_nearest(qd: np.ndarray, cd: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(nearest distance, second nearest distance, nearest index) in `cd` of each row of `qd`
    (`kernels.two_nearest`: every distance computed once, no k-nearest heap)."""
    return two_nearest(qd, cd)


def _fit(src: np.ndarray, dst: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
    """RANSAC in two rounds: a similarity (two-point samples: a weak match set of 8 % inliers is
    found within a thousand iterations, where three-point affine samples need ten times as many),
    then an affine fit among the matches within STRETCH_SLACK tolerances of it, so a non-uniform
    stretch keeps its far inliers. Returns (2x3 model, inlier mask) or (None, mask)."""
    sim, mask = cv2.estimateAffinePartial2D(
        src, dst, method=cv2.RANSAC, ransacReprojThreshold=RANSAC_TOLERANCE, maxIters=1000, confidence=0.999,
        refineIters=10,
    )
    if sim is None:
        return None, np.zeros(len(src), bool)
    err = np.linalg.norm(apply_affine(sim, src) - dst, axis=1)
    near = err <= STRETCH_SLACK * RANSAC_TOLERANCE
    if near.sum() < 3:
        return sim, mask.reshape(-1).astype(bool)
    model, m2 = cv2.estimateAffine2D(
        src[near], dst[near], method=cv2.RANSAC, ransacReprojThreshold=RANSAC_TOLERANCE, maxIters=200,
        confidence=0.999, refineIters=10,
    )
    if model is None:
        return sim, mask.reshape(-1).astype(bool)
    keep = np.zeros(len(src), bool)
    keep[np.flatnonzero(near)[m2.reshape(-1).astype(bool)]] = True
    if keep.sum() < mask.sum():
        return sim, mask.reshape(-1).astype(bool)
    return model, keep


def frame_polygon(w: float, h: float) -> np.ndarray:
    return np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)


def apply_affine(m: np.ndarray, pts: np.ndarray) -> np.ndarray:
    return (pts @ m[:, :2].T + m[:, 2]).astype(np.float32)


def clip_polygon(poly: np.ndarray, w: float, h: float) -> tuple[np.ndarray, float]:
    area, inter = cv2.intersectConvexConvex(poly.astype(np.float32), frame_polygon(w, h))
    return (inter.reshape(-1, 2) if inter is not None else np.zeros((0, 2), np.float32)), float(area)


def box_of(poly: np.ndarray, w: float, h: float) -> tuple[float, float, float, float]:
    x0, y0 = poly.min(axis=0)
    x1, y1 = poly.max(axis=0)
    return (max(0.0, x0 / w), max(0.0, y0 / h), min(1.0, x1 / w), min(1.0, y1 / h))


def match_region(
    query: LocalFeatures,
    item: LocalFeatures,
    query_thumb: np.ndarray | None = None,
    item_thumb: np.ndarray | None = None,
    *,
    matcher=None,  # (query descriptors, item descriptors) -> index pairs; bench only
) -> RegionMatch:
    """Does `item` hold part of `query`'s picture (or the reverse)? Geometry decides; with both
    thumbnails, the pixels of the shared region must agree too (without them, ok stays None)."""
    if len(query) < MIN_MATCHES or len(item) < MIN_MATCHES:
        return _fail("too few keypoints to compare")
    qi, ci = (matcher or ratio_matches)(query.descriptors, item.descriptors)
    if len(qi) < MIN_MATCHES:
        return _fail(f"only {len(qi)} descriptor matches", matches=len(qi))
    src, dst = query.points[qi], item.points[ci]
    model, keep = _fit(src, dst)
    if model is None:
        return _fail("no consistent transform", matches=len(qi))
    inliers = int(keep.sum())
    if inliers < MIN_INLIERS or inliers < MIN_INLIER_FRACTION * len(qi):
        return _fail(f"only {inliers} of {len(qi)} matches agree on one transform", inliers, len(qi))
    lin = model[:, :2]
    det = float(np.linalg.det(lin))
    if det <= 0:
        return _fail("the transform mirrors the image", inliers, len(qi))
    s = np.linalg.svd(lin, compute_uv=False)
    scale = math.sqrt(det)
    if s[0] / s[1] > MAX_ANISOTROPY:
        return _fail(f"the transform stretches {s[0] / s[1]:.1f} times more one way", inliers, len(qi))
    if not SCALE_RANGE[0] <= scale <= SCALE_RANGE[1]:
        return _fail(f"the transform scales by {scale:.2f}", inliers, len(qi))
    rotation = math.degrees(math.atan2(lin[1, 0] - lin[0, 1], lin[0, 0] + lin[1, 1]))

    # The shared region: the query's frame mapped into the item's, clipped to it (and back).
    in_item, item_area = clip_polygon(apply_affine(model, frame_polygon(query.width, query.height)), item.width, item.height)
    inverse = cv2.invertAffineTransform(model)
    in_query, query_area = clip_polygon(apply_affine(inverse, frame_polygon(item.width, item.height)), query.width, query.height)
    item_covered = item_area / (item.width * item.height)
    query_covered = query_area / (query.width * query.height)
    if len(in_item) < 3 or min(item_covered, query_covered) <= 0:
        return _fail("the frames do not overlap", inliers, len(qi))
    if item_area < MIN_SHARED * min(item.width * item.height, query.width * query.height * det):
        return _fail("the shared region is too small", inliers, len(qi))
    # The inliers must span the shared region, not sit in one corner of it.
    ix0, iy0 = dst[keep].min(axis=0)
    ix1, iy1 = dst[keep].max(axis=0)
    rx0, ry0 = in_item.min(axis=0)
    rx1, ry1 = in_item.max(axis=0)
    spread = min((ix1 - ix0) / max(1e-6, rx1 - rx0), (iy1 - iy0) / max(1e-6, ry1 - ry0))
    if spread < MIN_SPREAD:
        return _fail(f"the matching keypoints cover only {spread:.0%} of the shared region", inliers, len(qi))
    item_box = box_of(in_item, item.width, item.height)
    query_box = box_of(in_query, query.width, query.height)
    transform = tuple(tuple(float(v) for v in row) for row in model)

    def result(ok: bool | None, agreement: float, reason: str) -> RegionMatch:
        return RegionMatch(ok, inliers, len(qi), transform, rotation, scale, item_box, query_box,
                           item_covered, query_covered, agreement, reason)

    if query_thumb is None or item_thumb is None:
        return result(None, 0.0, f"{inliers} keypoints agree on one transform (pixels not compared)")
    agreement, blocks = region_agreement(model, query, item, query_thumb, item_thumb)
    if blocks < MIN_REGION_BLOCKS:
        return result(None, agreement, f"{inliers} keypoints agree; too little texture to compare the pixels")
    ok = agreement >= MIN_REGION_AGREEMENT
    return result(
        ok, agreement,
        f"{inliers} keypoints agree on one transform; {agreement:.0%} of {blocks} textured blocks of the shared "
        "region agree" + ("" if ok else ": a different picture of the same subject"),
    )


def whole_image_region(v: _dense.Verification, query_shape: tuple[int, ...], item_shape: tuple[int, ...]) -> RegionMatch:
    """The region of a copy that whole-image verification confirmed, from its transform (query
    thumbnail pixels, mirrored when `v.mirrored`, to the item's): the query's frame mapped into the
    item's and clipped to it, and back; the same boxes and covered fractions `match_region` reports,
    without fitting keypoints again."""
    if v.transform is None:
        raise ValueError("a verification without a transform has no region")
    model = np.array(v.transform, np.float64)
    (qh, qw), (ih, iw) = query_shape[:2], item_shape[:2]
    in_item, item_area = clip_polygon(apply_affine(model, frame_polygon(qw, qh)), iw, ih)
    in_query, query_area = clip_polygon(apply_affine(cv2.invertAffineTransform(model), frame_polygon(iw, ih)), qw, qh)
    item_box, query_box = box_of(in_item, iw, ih), box_of(in_query, qw, qh)
    if v.mirrored:  # the transform starts from the mirrored query: mirror its box back
        query_box = (1 - query_box[2], query_box[1], 1 - query_box[0], query_box[3])
    return RegionMatch(
        True, v.inliers, v.inliers, tuple(tuple(float(x) for x in row) for row in model), 90.0 * v.rotation,
        math.sqrt(max(0.0, v.scale[0] * v.scale[1])), item_box, query_box, item_area / (iw * ih),
        query_area / (qw * qh), v.agreement, "the whole picture, aligned by whole-image verification: " + v.reason,
    )


def region_agreement(
    model: np.ndarray, query: LocalFeatures, item: LocalFeatures, query_thumb: np.ndarray, item_thumb: np.ndarray
) -> tuple[float, int]:
    """(fraction of textured blocks that agree, textured blocks) in the shared region, compared on
    the thumbnails at the smaller picture's resolution; the worst edge strip of blocks (a caption,
    a banner, a frame's watermark) may be set aside."""
    qt = query_thumb.astype(np.float32)
    it = item_thumb.astype(np.float32)
    # Feature frame -> thumbnail pixels, for each image.
    sq = np.diag([qt.shape[1] / query.width, qt.shape[0] / query.height])
    si = np.diag([it.shape[1] / item.width, it.shape[0] / item.height])
    m = np.vstack([model, [0, 0, 1]])
    a = np.eye(3)
    a[:2, :2] = si
    b = np.eye(3)
    b[:2, :2] = np.linalg.inv(sq)
    thumb_model = (a @ m @ b)[:2]  # query thumbnail -> item thumbnail
    if abs(np.linalg.det(thumb_model[:, :2])) < 1:
        # The query's picture is smaller in the item: compare in the item's thumbnail.
        base, moved = it, cv2.warpAffine(qt, thumb_model, (it.shape[1], it.shape[0]), flags=cv2.INTER_AREA)
        mask = cv2.warpAffine(np.ones_like(qt, np.uint8), thumb_model, (it.shape[1], it.shape[0]),
                              flags=cv2.INTER_NEAREST)
    else:
        inv = cv2.invertAffineTransform(thumb_model)
        base, moved = qt, cv2.warpAffine(it, inv, (qt.shape[1], qt.shape[0]), flags=cv2.INTER_AREA)
        mask = cv2.warpAffine(np.ones_like(it, np.uint8), inv, (qt.shape[1], qt.shape[0]), flags=cv2.INTER_NEAREST)
    ys, xs = np.nonzero(mask)
    if len(ys) == 0:
        return 0.0, 0
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    base, moved, mask = base[y0:y1, x0:x1], moved[y0:y1, x0:x1], mask[y0:y1, x0:x1]
    bs = max(5, min(base.shape) // 8)
    grid = _block_grid(
        cv2.GaussianBlur(base, (0, 0), _dense.BLUR_SIGMA), cv2.GaussianBlur(moved, (0, 0), _dense.BLUR_SIGMA), mask, bs
    )
    valid = ~np.isnan(grid)
    if valid.sum() < MIN_REGION_BLOCKS:
        return 0.0, int(valid.sum())
    agree = np.where(valid, grid >= BLOCK_AGREES, False)
    best, kept = float(agree[valid].mean()), int(valid.sum())
    ny, nx = grid.shape
    for axis, n in ((0, ny), (1, nx)):
        for t in range(1, int(n * _dense.MAX_STRIP) + 1):
            for edge in (slice(0, t), slice(n - t, n), slice((n - t) // 2, (n - t) // 2 + t)):
                keep = valid.copy()
                if axis == 0:
                    keep[edge, :] = False
                else:
                    keep[:, edge] = False
                if keep.sum() >= MIN_REGION_BLOCKS:
                    a_ = float(agree[keep].mean())
                    if a_ > best:
                        best, kept = a_, int(keep.sum())
    return best, kept


def _block_grid(a: np.ndarray, b: np.ndarray, mask: np.ndarray, bs: int) -> np.ndarray:
    h, w = a.shape
    ny, nx = h // bs, w // bs
    if ny == 0 or nx == 0:
        return np.full((0, 0), np.nan)

    def blocks(x: np.ndarray) -> np.ndarray:
        return x[: ny * bs, : nx * bs].reshape(ny, bs, nx, bs).swapaxes(1, 2).reshape(ny * nx, bs * bs)

    pa, pb = blocks(a), blocks(b)
    da = pa - pa.mean(axis=1, keepdims=True)
    db = pb - pb.mean(axis=1, keepdims=True)
    sa, sb = np.sqrt((da * da).mean(axis=1)), np.sqrt((db * db).mean(axis=1))
    usable = (blocks(mask).min(axis=1) > 0) & (sa >= _dense.MIN_BLOCK_STD) & (sb >= _dense.MIN_BLOCK_STD)
    out = np.full(len(pa), np.nan)
    out[usable] = (da[usable] * db[usable]).mean(axis=1) / (sa[usable] * sb[usable])
    return out.reshape(ny, nx)
