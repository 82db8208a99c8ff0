"""Geometric verification: is this candidate the same photograph as the query, or only alike?

Hash distances cannot tell an altered copy from a look-alike (a stereo pair taken a few
centimetres apart is as close in PDQ as a copy under a banner) nor reach copies cropped
asymmetrically. This step compares the two greyscale thumbnails themselves:

1. ORB features on both (and on the mirrored query), ratio-tested matches, RANSAC affine fit.
2. The fit must be what an edit can produce: one of the eight rotations/reflections followed by an
   axis-aligned scaling and shift (resizing, cropping), with the two frames overlapping by at least
   half of each — never a shear, a free rotation, or a tiny patch of one image.
3. Refit that constrained model on the inliers (least squares: sub-pixel with hundreds of
   inliers; an intensity-based refinement such as ECC was tried and is pulled off by a banner's
   text), warp the candidate onto the query, and compare them block by block with zero-mean normalised cross-correlation, which
   ignores brightness and contrast changes. A copy agrees almost everywhere (a banner spoils only
   the blocks it covers); a look-alike cannot be aligned by one global transform — parallax
   displaces near and far objects differently — and a repetitive texture (brick, grass, gravel)
   may give a few matches but never agrees densely.

The result says `ok` True (aligned by an edit and agreeing), False (aligned by an edit, yet the
pixels disagree: a look-alike), or None when no edit-shaped alignment was found or the images lack
the texture to decide; then the caller falls back on PDQ alone, with Meta's threshold.
`verify_frames` judges, by the same rules, the alignment a close PDQ hash proposes (frame to frame).
A copy whose highlights clipped (brightened) is compared again without them or with the other's levels
mapped onto it, and aligned again on the other brightened alike (`clipping.py`).

It stays one module (some 470 lines): the fit, the edit-shape check and the block comparison make one
verdict (`_judge`), and their constants are tuned together.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from functools import cached_property

import cv2
import numpy as np

from ledger_app.matching.clipping import brightened_like, tone_matched, unclipped_pixels, weighted_block_zncc
from ledger_app.matching.kernels import two_nearest

MIN_MATCHES = 8  # ratio-tested matches needed to attempt a fit
MIN_INLIERS = 10  # RANSAC inliers needed for a fit to count
CONFIDENT_INLIERS = 40  # with this many, the mirrored query is not tried
RANSAC_TOLERANCE = 0.015  # reprojection tolerance, as a fraction of the candidate's longer side
MAX_ROTATION_ERROR_DEG = 4.0  # away from a multiple of 90 degrees
MAX_SHEAR = 0.08  # off-diagonal over diagonal of the linear part, after removing the rotation
MAX_ASPECT_CHANGE = 2.0  # resizing may change the aspect ratio up to this factor
MIN_OVERLAP = 0.5  # each image must overlap the other by this fraction of its area
BLOCKS = 8  # the query is split into about BLOCKS x BLOCKS blocks for the dense comparison
MIN_BLOCK_STD = 6.0  # grey levels; flatter blocks say nothing about alignment
MIN_TEXTURED_BLOCKS = 8  # fewer than this: inconclusive
BLOCK_AGREES = 0.8  # ZNCC at or above which a block agrees
# Fraction of textured blocks that must agree once the worst edge strip is set aside. On the
# evaluation set, copies score 0.94-1.0 and the stereo look-alike 0.69-0.78 (its background agrees,
# the motorcycle in front does not): the threshold sits between the two.
MIN_AGREEMENT = 0.86
BLUR_SIGMA = 1.2  # pixels; evens out resampling and JPEG differences before the comparison
MAX_STRIP = 0.25  # the edge strip (banner, caption) that may be set aside, as a fraction of the side
# A thumbnail whose grey levels (1st to 99th percentile) span less than this is stretched to it, by at
# most MAX_GAIN, before ORB and the block comparison: a darkened copy keeps its corners and textured
# blocks. Tuning photos darkened to x0.25-0.35 (81 copies): 4 missed unstretched, none with; photos already
# spanning this range are untouched.
MIN_RANGE = 128
MAX_GAIN = 4.0

_ORB = None


def _orb():
    global _ORB
    if _ORB is None:
        _ORB = cv2.ORB_create(
            nfeatures=600, scaleFactor=1.2, nlevels=6, edgeThreshold=10, patchSize=15, fastThreshold=5
        )
    return _ORB


@dataclass
class Features:
    """A greyscale image prepared for verification (computed once, reused across candidates)."""

    grey: np.ndarray
    points: np.ndarray  # (n, 2) float32
    descriptors: np.ndarray | None
    mirrored: Features | None = None

    @cached_property
    def levels(self) -> np.ndarray:
        """`grey` stretched (`stretched`) as float32, what the block comparison compares: made once
        per image, not once per pair (a query is compared with some 70 candidates)."""
        return stretched(self.grey).astype(np.float32)

    @cached_property
    def blurred(self) -> np.ndarray:
        """`levels` blurred as the block comparison blurs them (BLUR_SIGMA): the query's once per
        query, not once per candidate."""
        return cv2.GaussianBlur(self.levels, (0, 0), BLUR_SIGMA)


def stretched(grey: np.ndarray) -> np.ndarray:
    """`grey` (uint8) with its 1st-99th percentile range stretched to MIN_RANGE if narrower."""
    cum = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    lo, hi = np.searchsorted(cum, (0.01 * cum[-1], 0.99 * cum[-1]))
    gain = min(MAX_GAIN, MIN_RANGE / max(1, int(hi) - int(lo)))
    if gain <= 1:
        return grey
    return cv2.convertScaleAbs(cv2.subtract(grey, int(lo)), alpha=gain)  # saturating: 0 below lo, 255 above


def features(grey: np.ndarray, *, with_mirror: bool = False) -> Features:
    grey = np.ascontiguousarray(grey, dtype=np.uint8)
    orb = _orb()
    keypoints, descriptors = orb.detectAndCompute(stretched(grey), None)
    points = np.float32([k.pt for k in keypoints]).reshape(-1, 2)
    f = Features(grey, points, descriptors)
    if with_mirror:
        f.mirrored = features(np.ascontiguousarray(grey[:, ::-1]))
    return f


def stored_features(feats, thumb: np.ndarray) -> Features | None:  # feats: local.LocalFeatures | None
    """An image's stored keypoints (`local.LocalFeatures`) as features for `verify` on its
    thumbnail: positions moved from the feature frame to the thumbnail's pixels (the same picture
    at another size). Match them with `local.ratio_matches` (`verify(..., matcher=...)`)."""
    if feats is None or not len(feats):
        return None
    scale = np.float32([thumb.shape[1] / feats.width, thumb.shape[0] / feats.height])
    return Features(np.ascontiguousarray(thumb, dtype=np.uint8), feats.points * scale, feats.descriptors)


@dataclass(frozen=True)
class Verification:
    ok: bool | None
    agreement: float  # fraction of textured blocks that agree after alignment
    inliers: int
    mirrored: bool
    rotation: int  # quarter turns (0-3) taking the (mirrored) query onto the candidate
    scale: tuple[float, float]
    overlap: tuple[float, float]  # of the query by the candidate, of the candidate by the query
    transform: tuple[tuple[float, ...], ...] | None  # 2x3, query pixels -> candidate pixels
    reason: str
    agreement_all: float = 0.0  # the same over all textured blocks, no strip set aside

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "agreement": round(self.agreement, 3),
            "agreement_all_blocks": round(self.agreement_all, 3),
            "inliers": self.inliers,
            "mirrored": self.mirrored,
            "rotation_deg": 90 * self.rotation,
            "scale": [round(s, 3) for s in self.scale],
            "overlap": [round(o, 3) for o in self.overlap],
            "transform": [[round(v, 4) for v in row] for row in self.transform] if self.transform else None,
            "reason": self.reason,
        }


def _fail(reason: str, ok: bool | None = False, inliers: int = 0) -> Verification:
    return Verification(ok, 0.0, inliers, False, 0, (0.0, 0.0), (0.0, 0.0), None, reason)


def _fit(q: Features, c: Features, matcher=None) -> tuple[int, np.ndarray, np.ndarray] | None:
    if (
        q.descriptors is None
        or c.descriptors is None
        or len(q.points) < MIN_MATCHES
        or len(c.points) < MIN_MATCHES
    ):
        return None
    qi, ci = (matcher or _ratio_matches)(q.descriptors, c.descriptors)
    if len(qi) < MIN_MATCHES:
        return None
    src, dst = q.points[qi], c.points[ci]
    tol = max(1.5, RANSAC_TOLERANCE * max(c.grey.shape))
    model, inliers = cv2.estimateAffine2D(
        src,
        dst,
        method=cv2.RANSAC,
        ransacReprojThreshold=tol,
        maxIters=2000,
        confidence=0.999,
        refineIters=10,
    )
    if model is None:
        return None
    keep = inliers.reshape(-1).astype(bool)
    return int(keep.sum()), src[keep], dst[keep]


def _ratio_matches(qd: np.ndarray, cd: np.ndarray, ratio: float = 0.85) -> tuple[np.ndarray, np.ndarray]:
    """Indices of query and candidate descriptors whose best match beats the second best by `ratio`."""
    if len(qd) == 0 or len(cd) < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    d_best, d_second, best = two_nearest(qd, cd)
    ok = d_best < ratio * d_second
    return np.flatnonzero(ok), best[ok]


def _quarter_turn(k: int) -> np.ndarray:
    return (
        np.array([[1, 0], [0, 1]], float)
        if k == 0
        else np.linalg.matrix_power(np.array([[0.0, -1.0], [1.0, 0.0]]), k)
    )


def _constrained_model(src: np.ndarray, dst: np.ndarray) -> tuple[int, np.ndarray, tuple[float, float]] | str:
    """Fit dst = S R src + t with R a quarter turn and S = diag(sx, sy) > 0; or say why not."""
    model, _ = cv2.estimateAffine2D(src, dst, method=cv2.LMEDS)
    if model is None:
        return "no affine model"
    lin = model[:, :2]
    u, _, vt = np.linalg.svd(lin)
    if np.linalg.det(lin) <= 0:
        return "the fit mirrors the image"
    rot = u @ vt
    angle = math.degrees(math.atan2(rot[1, 0], rot[0, 0]))
    k = int(round(angle / 90.0)) % 4
    off = abs(angle - 90 * round(angle / 90.0))
    if off > MAX_ROTATION_ERROR_DEG:
        return f"rotated by {angle:.1f} degrees, not a quarter turn"
    r = _quarter_turn(k)
    # In the rotated query frame, the map must be an axis-aligned scaling.
    rs = (r @ src.T).T
    diag = lin @ r.T
    shear = max(abs(diag[0, 1]), abs(diag[1, 0])) / max(1e-9, min(abs(diag[0, 0]), abs(diag[1, 1])))
    if shear > MAX_SHEAR:
        return f"sheared ({shear:.2f})"
    sx, tx = np.polyfit(rs[:, 0], dst[:, 0], 1)
    sy, ty = np.polyfit(rs[:, 1], dst[:, 1], 1)
    if sx <= 0 or sy <= 0:
        return "negative scale"
    if max(sx / sy, sy / sx) > MAX_ASPECT_CHANGE:
        return f"aspect ratio changed {max(sx / sy, sy / sx):.2f} times"
    affine = np.array([[sx, 0, tx], [0, sy, ty]], float) @ np.vstack(
        [np.hstack([r, np.zeros((2, 1))]), [0, 0, 1]]
    )
    return k, affine, (float(sx), float(sy))


def _block_zncc(a: np.ndarray, b: np.ndarray, mask: np.ndarray, unclipped: np.ndarray | None = None) -> np.ndarray:
    """ZNCC of each block of the query's grid; NaN where a block is not fully covered by the
    candidate or is flat in either image (flat blocks say nothing about alignment). With
    `unclipped` (a 0/1 image), only those pixels count, and blocks with too few of them are NaN."""
    h, w = a.shape
    bs = max(6, min(h, w) // BLOCKS)
    ny, nx = h // bs, w // bs

    def blocks(x: np.ndarray) -> np.ndarray:
        return x[: ny * bs, : nx * bs].reshape(ny, bs, nx, bs).swapaxes(1, 2).reshape(ny * nx, bs * bs)

    if unclipped is not None:
        return weighted_block_zncc(blocks(a), blocks(b), blocks(mask), blocks(unclipped), MIN_BLOCK_STD).reshape(ny, nx)
    pa, pb = blocks(a), blocks(b)
    da = pa - pa.mean(axis=1, keepdims=True)
    db = pb - pb.mean(axis=1, keepdims=True)
    sa, sb = np.sqrt((da * da).mean(axis=1)), np.sqrt((db * db).mean(axis=1))
    usable = (blocks(mask).min(axis=1) > 0) & (sa >= MIN_BLOCK_STD) & (sb >= MIN_BLOCK_STD)
    out = np.full(len(pa), np.nan)
    out[usable] = (da[usable] * db[usable]).mean(axis=1) / (sa[usable] * sb[usable])
    return out.reshape(ny, nx)


def _agreement(grid: np.ndarray) -> tuple[float, float, int]:
    """(agreement over all textured blocks, agreement once the edge strip that disagrees most is
    set aside, textured blocks left). The strip, up to MAX_STRIP of the rows or columns at one
    edge, is where banners, captions and logos go; disagreement scattered over the picture, as
    between two photos of one scene, cannot be set aside this way. Each strip's blocks are counted
    from the grid's row and column counts (the same fractions as counting the blocks left each time:
    tests/matching/test_matching_shortcuts.py)."""
    valid = ~np.isnan(grid)
    agree = np.where(valid, grid >= BLOCK_AGREES, False)
    textured, agreeing = int(valid.sum()), int(agree.sum())
    overall = agreeing / textured if textured else 0.0
    best, left = overall, textured
    ny, nx = grid.shape
    for axis, n in ((1, ny), (0, nx)):
        lines_valid, lines_agree = valid.sum(axis=axis).tolist(), agree.sum(axis=axis).tolist()
        for t in range(1, int(n * MAX_STRIP) + 1):
            for lo, hi in ((0, t), (n - t, n)):
                kept = textured - sum(lines_valid[lo:hi])
                if kept >= MIN_TEXTURED_BLOCKS:
                    a = (agreeing - sum(lines_agree[lo:hi])) / kept
                    if a > best:
                        best, left = a, kept
    return overall, best, left


def verify(query: Features, candidate: Features, *, matcher=None, realign: bool = True) -> Verification:
    """Decide whether `candidate` is an edited copy of `query` (or the reverse). `matcher`:
    (query descriptors, candidate descriptors) -> index pairs, when the features are not ORB's on
    the thumbnails (the stored keypoints: `local.ratio_matches`). When that does not verify and one
    thumbnail is a clipped brightening of the other, ORB runs again on the other brightened alike
    (`realign_clipped`; `realign` False leaves that to the caller, as the matcher bounds its cost)."""
    v = _verify(query, candidate, matcher)
    if v.ok or not realign:
        return v
    again = realign_clipped(query.grey, candidate.grey)
    return again if again is not None and again.ok else v


def realign_clipped(query: np.ndarray, candidate: np.ndarray, *, query_orb=None, candidate_orb=None) -> Verification | None:
    """Verification of two greyscale thumbnails aligned by ORB features found on the less clipped one
    brightened like the other (`clipping.brightened_like`) and on the other as it is (`query_orb` or
    `candidate_orb`: a function giving that thumbnail's ORB features, when the caller keeps them);
    the pixels are compared as they are. None when neither is a clipped brightening of the other."""
    for query_side, (a, b) in ((True, (query, candidate)), (False, (candidate, query))):
        bright = brightened_like(a, b)
        if bright is None:
            continue
        sim = features(bright)
        if query_side:
            q, c = sim, (candidate_orb or (lambda: None))() or features(candidate)
        else:
            q, c = (query_orb or (lambda: None))() or features(query), sim
        return _verify(replace(q, grey=query, mirrored=None), replace(c, grey=candidate, mirrored=None), None)
    return None


def _verify(query: Features, candidate: Features, matcher) -> Verification:
    fits = []
    skipped = None
    for mirrored, q in ((False, query), (True, query.mirrored)):
        if q is None:
            continue
        if fits and fits[0][0] >= CONFIDENT_INLIERS:
            skipped = q  # tried only if the confident fit does not verify (below)
            break
        fit = _fit(q, candidate, matcher)
        if fit is not None:
            fits.append((fit[0], mirrored, q, fit[1], fit[2]))
    if not fits:
        few = min(len(query.points), len(candidate.points)) < 2 * MIN_MATCHES
        return _fail("too little texture to compare" if few else "no consistent feature matches", None)
    fits.sort(key=lambda f: -f[0])
    first = _judge(*fits[0], candidate)
    if first.ok:
        return first
    # The fit with the most inliers did not verify. Text and repeated shapes give a spurious fit in
    # the wrong orientation (a mirrored leaflet matched unmirrored letter by letter): the other
    # orientation's fit is judged too, by the same rules, and wins only if it verifies.
    if skipped is not None:
        fit = _fit(skipped, candidate, matcher)
        if fit is not None:
            fits.append((fit[0], True, skipped, fit[1], fit[2]))
    for other in fits[1:]:
        if other[0] >= MIN_INLIERS:
            second = _judge(*other, candidate)
            if second.ok:
                return second
    return first


def _judge(inliers: int, mirrored: bool, q: Features, src: np.ndarray, dst: np.ndarray, candidate: Features) -> Verification:
    """The verdict on one fit (query or its mirror onto the candidate): edit-shaped, overlapping,
    and agreeing block by block."""
    if inliers < MIN_INLIERS:
        return _fail(f"only {inliers} consistent feature matches", None, inliers)
    shaped = _constrained_model(src, dst)
    if isinstance(shaped, str):
        return _fail(f"the features fit no edit: {shaped}", None, inliers)
    return _compare(inliers, mirrored, q, candidate, *shaped)


# PDQ's eight dihedral variants (`image.DIHEDRAL_NAMES`) as maps of the unit square: the indexed image
# is variant t of the query where (u, v) in the query lies at A[t] (u, v, 1) in it.
_DIHEDRAL = np.array([
    [[1, 0, 0], [0, 1, 0]], [[0, 1, 0], [-1, 0, 1]], [[-1, 0, 1], [0, -1, 1]], [[0, -1, 1], [1, 0, 0]],
    [[1, 0, 0], [0, -1, 1]], [[-1, 0, 1], [0, 1, 0]], [[0, 1, 0], [1, 0, 0]], [[0, -1, 1], [-1, 0, 1]],
], float)


def verify_frames(query: np.ndarray, candidate: np.ndarray, variant: int, query_cut: float, item_cut: float) -> Verification:
    """Judge the alignment a close PDQ hash proposes, frame to frame: the query's region (`query_cut`
    off each edge) in dihedral `variant` is the candidate's region (`item_cut` off each edge); both
    greyscale thumbnails. For a
    copy whose keypoints align it a pixel off (text, flipped: their positions are biased by the
    pyramid level they come from); the pixels decide by the same rules as `verify`."""
    mirrored = variant >= 4  # compared from the mirrored query, as `verify` does: a quarter turn is left
    grey = query[:, ::-1] if mirrored else query
    unit = np.vstack([_DIHEDRAL[variant], [0, 0, 1]])
    if mirrored:
        unit = unit @ np.array([[-1, 0, 1], [0, 1, 0], [0, 0, 1]], float)

    def to_unit(shape: tuple[int, ...], cut: float) -> np.ndarray:  # pixel centres -> the region's unit square
        h, w = shape[:2]
        span = 1 - 2 * cut
        return np.array([[1 / (w * span), 0, (0.5 / w - cut) / span], [0, 1 / (h * span), (0.5 / h - cut) / span], [0, 0, 1]])

    affine = (np.linalg.inv(to_unit(candidate.shape, item_cut)) @ unit @ to_unit(grey.shape, query_cut))[:2]
    lin = affine[:, :2]
    k = next(k for k in range(4) if np.all(np.diag(lin @ _quarter_turn(k).T) > 1e-9))
    diag = np.diag(lin @ _quarter_turn(k).T)
    none = np.zeros((0, 2), np.float32)
    q, c = Features(np.ascontiguousarray(grey), none, None), Features(candidate, none, None)
    v = _compare(0, mirrored, q, c, k, affine, (float(diag[0]), float(diag[1])))
    return replace(v, reason=f"aligned frame to frame as the PDQ hash proposes: {v.reason}")


def _compare(
    inliers: int, mirrored: bool, q: Features, candidate: Features, k: int, affine: np.ndarray, scale: tuple[float, float]
) -> Verification:
    """Warp the candidate onto the (mirrored) query by `affine` and compare them block by block."""
    qg, cg = q.levels, candidate.levels
    h, w = qg.shape
    inverse = cv2.invertAffineTransform(affine)
    mask = cv2.warpAffine(np.ones_like(cg, np.uint8), inverse, (w, h), flags=cv2.INTER_NEAREST, borderValue=0)
    back = cv2.warpAffine(
        np.ones_like(qg, np.uint8), affine, (cg.shape[1], cg.shape[0]), flags=cv2.INTER_NEAREST
    )
    overlap = (float(mask.mean()), float(back.mean()))
    transform = tuple(tuple(float(v) for v in row) for row in affine)
    if min(overlap) < MIN_OVERLAP:
        return Verification(
            None, 0.0, inliers, mirrored, k, scale, overlap, transform, "the images overlap too little"
        )

    small = scale[0] * scale[1] < 0.64
    if small:
        # The candidate is the smaller picture: compare at its resolution, not upsampled.
        ch, cw = cg.shape
        other = cv2.warpAffine(qg, affine, (cw, ch), flags=cv2.INTER_AREA, borderValue=0)
        base_blurred = candidate.blurred  # the candidate's levels, blurred once
        mask = cv2.warpAffine(
            np.ones_like(qg, np.uint8), affine, (cw, ch), flags=cv2.INTER_NEAREST, borderValue=0
        )
    else:
        other = cv2.warpAffine(cg, inverse, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
        base_blurred = q.blurred  # the query's levels, blurred once per query
    other_blurred = cv2.GaussianBlur(other, (0, 0), BLUR_SIGMA)
    grid = _block_zncc(base_blurred, other_blurred, mask)
    textured = grid[~np.isnan(grid)]
    if len(textured) < MIN_TEXTURED_BLOCKS:
        return Verification(
            None, 0.0, inliers, mirrored, k, scale, overlap, transform, "too little texture to compare"
        )
    overall, agreement, kept = _agreement(grid)
    clipped = ""

    def second_look(a: np.ndarray, b: np.ndarray, counted: np.ndarray) -> tuple[np.ndarray, tuple[float, float, int]] | None:
        """The blocks of `a` and `b` (blurred) compared again with only the `counted` pixels: their
        grid and agreement, if enough blocks are textured and they agree."""
        again = _block_zncc(a, b, mask, counted)
        if (~np.isnan(again)).sum() < MIN_TEXTURED_BLOCKS:
            return None
        second = _agreement(again)
        return (again, second) if second[1] >= MIN_AGREEMENT else None

    if agreement < MIN_AGREEMENT and (unclipped := unclipped_pixels(q.grey, candidate.grey, affine, small, mask)) is not None:
        # Clipped highlights (a brightened copy) spoil blocks a copy would agree on: leave them out.
        look = second_look(base_blurred, other_blurred, unclipped)
        if look is not None:
            clipped = " (pixels bright in either image left out: clipped highlights)"
        else:
            # Most of the copy bright: too few unclipped pixels left; compare with the levels mapped.
            qr, cr = q.grey.astype(np.float32), candidate.grey.astype(np.float32)  # unstretched: white is 255
            if small:
                a, b = cr, cv2.warpAffine(qr, affine, cr.shape[::-1], flags=cv2.INTER_AREA, borderValue=0)
            else:
                a, b = qr, cv2.warpAffine(cr, inverse, (w, h), flags=cv2.INTER_LINEAR, borderValue=0)
            matched = tone_matched(a, b, mask, MIN_RANGE, MAX_GAIN)
            if matched is not None:
                a, b, kept_pixels = matched
                look = second_look(cv2.GaussianBlur(a, (0, 0), BLUR_SIGMA), cv2.GaussianBlur(b, (0, 0), BLUR_SIGMA), kept_pixels)
            if look is not None:
                clipped = " (levels matched to the clipped copy's: clipped highlights)"
        if look is not None:
            grid, (overall, agreement, kept) = look
            textured = grid[~np.isnan(grid)]
    ok = agreement >= MIN_AGREEMENT
    reason = (
        f"{agreement:.0%} of {kept} textured blocks agree after alignment"
        if ok
        else f"only {agreement:.0%} of {kept} textured blocks agree after alignment"
    )
    if kept < len(textured):
        reason += f" (an edge strip of {len(textured) - kept} blocks set aside)"
    reason += clipped
    return Verification(ok, agreement, inliers, mirrored, k, scale, overlap, transform, reason, overall)
