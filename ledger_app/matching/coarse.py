"""A crop-tolerant 64-bit code: the candidate generator for copies that PDQ cannot reach.

PDQ is very sensitive to translation: a crop of 1-2 % on one edge already moves it by 20-50 bits,
so a copy cropped asymmetrically by up to 10 % per edge is far (60-120 bits) from its original.
This code trades discrimination for tolerance: the sign pattern (against the median) of the
lowest 8 x 8 DCT frequencies of the image's inner region (10 % margin), resampled to 32 x 32 and
weighted by a centred Gaussian window, so that what a crop removes matters little.

At query time the code is computed for a grid of hypotheses about the crop (each edge cut by
2.5 % or 7.5 %, or by 1.7, 5 or 8.3 % for indexes small enough to afford it, in either direction:
the query cropped from the indexed image, or the indexed image cropped from the query) and for the
eight dihedral variants of each, so the best hypothesis is within a few per cent of the truth and
a few bits of the stored code. Candidates found this way
are only candidates: `verify.py` decides.
"""

from __future__ import annotations

import itertools

import cv2
import numpy as np

MARGIN = 0.10
SIZE = 32
FREQS = 8
# Cuts hypothesised per edge: two values leave at most 2.5 % of error per edge; three values
# (for indexes small enough that the extra codes cost little) at most 1.7 %.
HYPOTHESIS_CUTS = (0.025, 0.075)
FINE_HYPOTHESIS_CUTS = (1 / 60, 0.05, 5 / 60)


def _dct_matrix(n: int, k: int) -> np.ndarray:
    x = np.arange(n)
    c = np.array([np.cos(np.pi * (2 * x + 1) * u / (2 * n)) for u in range(k)], dtype=np.float64)
    c[0] *= np.sqrt(1.0 / n)
    c[1:] *= np.sqrt(2.0 / n)
    return c.astype(np.float32)


_C = _dct_matrix(SIZE, FREQS)
_x = np.linspace(-1.0, 1.0, SIZE, dtype=np.float32)
_WINDOW = np.exp(-(_x[:, None] ** 2 + _x[None, :] ** 2) / (2 * 0.5**2)).astype(np.float32)


def _rect_px(shape: tuple[int, int], rect: tuple[float, float, float, float]) -> tuple[int, int, int, int]:
    h, w = shape
    left, top, right, bottom = rect
    x0, y0 = int(round(w * left)), int(round(h * top))
    x1, y1 = w - int(round(w * right)), h - int(round(h * bottom))
    if x1 - x0 < 4 or y1 - y0 < 4:
        return 0, 0, w, h
    return x0, y0, x1, y1


def _blocks(grey: np.ndarray, rects: list[tuple[float, float, float, float]]) -> np.ndarray:
    g = grey.astype(np.float32, copy=False)
    out = np.empty((len(rects), SIZE, SIZE), np.float32)
    for i, rect in enumerate(rects):
        x0, y0, x1, y1 = _rect_px(g.shape, rect)
        out[i] = cv2.resize(g[y0:y1, x0:x1], (SIZE, SIZE), interpolation=cv2.INTER_AREA)
    return out


def _codes(blocks: np.ndarray) -> np.ndarray:
    """(n, 32, 32) float blocks -> (n, 8) uint8 packed codes."""
    b = blocks - blocks.mean(axis=(1, 2), keepdims=True)
    b *= _WINDOW
    coef = (_C @ b @ _C.T).reshape(len(b), -1)[:, 1:]  # drop DC
    bits = coef > np.median(coef, axis=1, keepdims=True)
    bits = np.concatenate([bits, np.zeros((len(b), 1), bool)], axis=1)
    return np.packbits(bits, axis=1)


def coarse_code(grey: np.ndarray) -> bytes:
    """The stored 8-byte code of a greyscale image (normally the fingerprint's thumbnail)."""
    return _codes(_blocks(grey, [(MARGIN,) * 4]))[0].tobytes()


def _hypotheses(cuts: tuple[float, ...]) -> list[tuple[float, float, float, float]]:
    """Where the stored inner region lies in the query's frame, for each crop hypothesis."""
    rects = [(MARGIN,) * 4]
    for left, top, right, bottom in itertools.product(cuts, repeat=4):
        w, h = 1 - left - right, 1 - top - bottom
        # The query is the indexed image with these edges cut off.
        rects.append(((MARGIN - left) / w, (MARGIN - top) / h, (MARGIN - right) / w, (MARGIN - bottom) / h))
        # The indexed image is the query with these edges cut off.
        rects.append((left + MARGIN * w, top + MARGIN * h, right + MARGIN * w, bottom + MARGIN * h))
    return rects


HYPOTHESES = _hypotheses(HYPOTHESIS_CUTS)
FINE_HYPOTHESES = _hypotheses(FINE_HYPOTHESIS_CUTS)


def _dihedral(blocks: np.ndarray) -> np.ndarray:
    """(n, s, s) -> (8n, s, s): the eight rotations and reflections of each block."""
    variants = []
    for k in range(4):
        r = np.rot90(blocks, k, axes=(1, 2))
        variants.append(r)
        variants.append(r[:, :, ::-1])
    return np.ascontiguousarray(np.concatenate(variants))


def query_codes(grey: np.ndarray, *, fine: bool = False) -> np.ndarray:
    """(n, 8) uint8 codes covering every crop hypothesis and dihedral variant of a query image
    (264 codes; 1,304 with the fine grid)."""
    return np.unique(_codes(_dihedral(_blocks(grey, FINE_HYPOTHESES if fine else HYPOTHESES))), axis=0)
