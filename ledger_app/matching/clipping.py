"""Clipped highlights in geometric verification (`verify.py`).

A copy brightened past the usual range clips its highlights to white where the original keeps
their texture: aligned, the two disagree in those blocks although one is a copy of the other.
`verify._compare` then compares them again leaving out the pixels bright in either image; a block
that keeps too few pixels says nothing, so white areas never count as agreement. When most of the
copy is bright (a bright photo brightened), too few pixels are left that way: the original's levels
are mapped onto the copy's (`tone_matched`), so that its highlights clip where the copy's did. And
when the keypoints do not align such a copy at all (the patches around them changed as they clipped),
`verify.verify` finds ORB keypoints again on the original brightened alike (`brightened_like`).
"""

from __future__ import annotations

import cv2
import numpy as np

# A brightened copy clips its highlights to white, where the original keeps their texture: when the
# aligned images disagree and at least CLIPPED_SHARE of the covered pixels are white (CLIPPED) in one
# image only, they are compared again leaving out pixels at or above BRIGHT in either image (a
# colour channel may have clipped there though the grey level has not) and within CLIP_MARGIN
# pixels of one (which the blur reaches). A block keeps a verdict only if at least MIN_UNCLIPPED of
# its pixels are left and they are textured in both images, so white areas never count as agreement.
CLIPPED = 250
CLIPPED_SHARE = 0.02
BRIGHT = 200
CLIP_MARGIN = 3
MIN_UNCLIPPED = 0.5


def weighted_block_zncc(pa: np.ndarray, pb: np.ndarray, pm: np.ndarray, keep: np.ndarray, min_std: float) -> np.ndarray:
    """ZNCC of each block (a row of `pa` and `pb`) over its pixels where `keep` is 1; NaN where the
    block is not fully covered (`pm`), keeps under MIN_UNCLIPPED of its pixels, or is flatter than
    `min_std` over them in either image."""
    wt = keep.astype(np.float32)
    n = wt.sum(axis=1)
    usable = (pm.min(axis=1) > 0) & (n >= MIN_UNCLIPPED * pa.shape[1])
    out = np.full(len(pa), np.nan)
    pa, pb, wt, n = pa[usable], pb[usable], wt[usable], n[usable]
    da = pa - (pa * wt).sum(axis=1, keepdims=True) / n[:, None]
    db = pb - (pb * wt).sum(axis=1, keepdims=True) / n[:, None]
    sa = np.sqrt((da * da * wt).sum(axis=1) / n)
    sb = np.sqrt((db * db * wt).sum(axis=1) / n)
    textured = (sa >= min_std) & (sb >= min_std)
    z = np.full(len(pa), np.nan)
    z[textured] = (da[textured] * db[textured] * wt[textured]).sum(axis=1) / n[textured] / (sa[textured] * sb[textured])
    out[usable] = z
    return out


def unclipped_pixels(
    qg: np.ndarray, cg: np.ndarray, affine: np.ndarray, small: bool, mask: np.ndarray
) -> np.ndarray | None:
    """1 where neither unstretched thumbnail is BRIGHT (nor within CLIP_MARGIN pixels of such a
    pixel), on the grid `verify._compare` uses (the candidate's when `small`, else the query's), or None
    when too few covered pixels are clipped in one image only (no sign of a clipped brightening)."""
    qc, cc = (qg >= CLIPPED).astype(np.uint8), (cg >= CLIPPED).astype(np.uint8)
    qb, cb = (qg >= BRIGHT).astype(np.uint8), (cg >= BRIGHT).astype(np.uint8)
    if small:
        size = (cg.shape[1], cg.shape[0])
        qc, qb = (cv2.warpAffine(x, affine, size, flags=cv2.INTER_NEAREST) for x in (qc, qb))
    else:
        size = (qg.shape[1], qg.shape[0])
        inverse = cv2.invertAffineTransform(affine)
        cc, cb = (cv2.warpAffine(x, inverse, size, flags=cv2.INTER_NEAREST) for x in (cc, cb))
    if (qc != cc)[mask > 0].mean() < CLIPPED_SHARE:
        return None
    side = 2 * CLIP_MARGIN + 1
    bright = cv2.dilate(qb | cb, np.ones((side, side), np.uint8))
    return (bright == 0).astype(np.uint8)


# The second comparison of a clipped brightening: the less clipped image's grey levels mapped onto the
# other's by the monotone curve their aligned pixels follow (the median level of the other image at
# each level, in TONE_BINS bins of TONE_MIN_PIXELS pixels or more), so that the highlights clip where
# the copy's clipped; pixels white in both say nothing (`weighted_block_zncc`). Leaving the bright
# pixels out (`unclipped_pixels`) keeps too few of them in a copy most of whose pixels are bright.
TONE_BINS = 32
TONE_MIN_PIXELS = 20


def tone_matched(
    a: np.ndarray, b: np.ndarray, mask: np.ndarray, min_range: float, max_gain: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """(a, b, keep): the one of two aligned unstretched images (float32, 0-255, one grid) with fewer
    white (>= CLIPPED) covered pixels mapped onto the other's levels by the monotone curve of their
    pixels where `mask` > 0; then both stretched by one gain, as `verify.stretched` stretches one
    image whose levels span less than `min_range` (a copy brightened into the highlights keeps its
    texture in a few levels); `keep` 1 where the two are not both white. None when too few levels
    are populated to draw a curve."""
    cover = mask > 0
    if not cover.any():
        return None
    swap = (a[cover] >= CLIPPED).mean() > (b[cover] >= CLIPPED).mean()
    src, dst = (b, a) if swap else (a, b)
    s, d = np.clip(src[cover], 0, 255), dst[cover]
    bins = np.minimum(TONE_BINS - 1, (s * (TONE_BINS / 256)).astype(np.intp))
    order = np.lexsort((d, bins))
    counts = np.bincount(bins, minlength=TONE_BINS)
    starts = np.cumsum(counts) - counts
    full = np.flatnonzero(counts >= TONE_MIN_PIXELS)
    if len(full) < 2:
        return None
    s_sorted, d_sorted = s[order], d[order]
    centre = np.array([np.median(s_sorted[i : i + c]) for i, c in zip(starts[full], counts[full], strict=True)])
    level = d_sorted[starts[full] + counts[full] // 2]
    # Monotone: the mean of the running maximum from below and the running minimum from above.
    level = 0.5 * (np.maximum.accumulate(level) + np.minimum.accumulate(level[::-1])[::-1])
    src = np.interp(src, centre, level).astype(np.float32)
    keep = ((src < CLIPPED) | (dst < CLIPPED)).astype(np.uint8)
    lo, hi = np.percentile(dst[cover], (1, 99))
    gain = min(max_gain, min_range / max(1.0, float(hi - lo)))
    if gain > 1:
        src, dst = (src - np.float32(lo)) * np.float32(gain), (dst - np.float32(lo)) * np.float32(gain)
    return (dst, src, keep) if swap else (src, dst, keep)


# Aligning a clipped brightening: ORB finds few of the original's corners in a copy whose highlights
# clipped (the patches around them changed), so when one thumbnail has at least ALIGN_WHITE of its
# pixels white and the other under half that share, the other is brightened until as many of its
# pixels are white (a gain of ALIGN_GAIN at most) and its keypoints are found again on that.
ALIGN_WHITE = 0.10
ALIGN_GAIN = (1.1, 3.0)


def brightened_like(grey: np.ndarray, other: np.ndarray) -> np.ndarray | None:
    """`grey` (uint8) brightened by the gain that makes as large a share of it white as of `other`
    (uint8), clipped as a brightening clips; None when `other` shows no clipped brightening of it
    (too few white pixels, `grey` already as white, or a gain outside ALIGN_GAIN)."""
    white = float(np.count_nonzero(other >= CLIPPED)) / other.size
    if white < ALIGN_WHITE or np.count_nonzero(grey >= CLIPPED) >= white / 2 * grey.size:
        return None
    cum = np.cumsum(np.bincount(grey.ravel(), minlength=256))
    level = float(np.searchsorted(cum, (1 - white) * cum[-1]))
    gain = CLIPPED / max(1.0, level)
    if not ALIGN_GAIN[0] <= gain <= ALIGN_GAIN[1]:
        return None
    return cv2.convertScaleAbs(grey, alpha=gain)


def clipped_pair(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether one of two greyscale thumbnails (uint8) looks like a clipped brightening of the other
    (`brightened_like` would brighten one of them)."""
    return brightened_like(a, b) is not None or brightened_like(b, a) is not None
