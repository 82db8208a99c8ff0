"""Clipped highlights in the block comparison of geometric verification (`verify.py`).

A copy brightened past the usual range clips its highlights to white where the original keeps
their texture: aligned, the two disagree in those blocks although one is a copy of the other.
`verify._compare` then compares them again leaving out the pixels bright in either image; a block
that keeps too few pixels says nothing, so white areas never count as agreement.
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
