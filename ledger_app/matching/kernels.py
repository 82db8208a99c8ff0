"""Hot-path kernels of image locate, each giving exactly what the straightforward way gives, faster.

- `two_nearest`: the two nearest binary descriptors of each of a query's descriptors among a
  candidate's (the ratio tests of `verify.py` and `local.py`; tests/matching/test_matching_descriptors.py
  holds it to the straightforward search).
- `thumbnail`: a fingerprint's greyscale thumbnail decoded (tests/matching/test_matching_shortcuts.py
  compares it with `ImageFingerprint.thumbnail`).
"""

from __future__ import annotations

import importlib
import threading
from typing import TYPE_CHECKING, Any

import cv2
import numpy as np

if TYPE_CHECKING:  # image.py imports local.py, which imports verify.py, which imports this
    from ledger_app.matching.image import ImageFingerprint

try:  # faiss' Hamming kernel computes descriptor distances faster than OpenCV's brute force or numpy.
    import faiss
except ImportError:  # pragma: no cover
    faiss = None

# 256-bit descriptors are searched by the compiled kernel of matching/local_compiled.py (numba) unless this is
# False (tests compare both ways with the straightforward search). Image locate at 50k items (--quick
# bench's calls, 554 searches of some 1,800 x 210 descriptors, alternating, median of 5): 0.29 s by
# faiss' matrix and numpy's reductions, 0.19 s compiled.
COMPILED = True
_LOADED: dict[tuple[str, str], Any] = {}  # (module, name) -> the compiled function, or None where numba is missing
_DISTANCES = threading.local()  # per thread: the distance matrix `two_nearest` reuses


def compiled(module: str, name: str) -> Any:
    """`name` of the compiled (numba) module `module`, imported at its first use rather than with the
    matching package (numba costs a process some 0.6 s to import), or None where numba cannot be
    imported (the desktop bundle leaves it out, as it does faiss: the callers' other paths run there)."""
    key = (module, name)
    if key not in _LOADED:
        try:
            _LOADED[key] = getattr(importlib.import_module(module), name)
        except ImportError:
            _LOADED[key] = None
    return _LOADED[key]


def two_nearest(qd: np.ndarray, cd: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(nearest Hamming distance, second nearest distance, index of a nearest) in `cd` (at least two
    rows) of each row of `qd`, both (n, bytes) uint8. Where the two nearest are equally near, which
    of them is named is unspecified: a ratio test refuses those rows whichever it is.

    For 256-bit descriptors (ORB's), matching/local_compiled.py's compiled pass (COMPILED). Otherwise every
    distance is computed (faiss' popcount kernel into a matrix kept between calls, else numpy
    on 64-bit words), then the row minimum, its position and the minimum of the rest: a k-nearest
    search (faiss' heap, OpenCV's knnMatch) computes the same distances and spends twice that again
    keeping its heap or building match objects (tests/matching/test_matching_descriptors.py holds it
    to the straightforward search)."""
    nq, nc = len(qd), len(cd)
    if nc < 2:
        raise ValueError("two nearest neighbours need at least two descriptors to search")
    qd = np.ascontiguousarray(qd, dtype=np.uint8)
    cd = np.ascontiguousarray(cd, dtype=np.uint8)
    if COMPILED and qd.shape[1] == 32:  # ORB's 256 bits: one compiled pass, no distance matrix
        search = compiled("ledger_app.matching.local_compiled", "two_nearest_256")
        if search is not None:
            return search(qd, cd)  # type: ignore[no-any-return]
    buf = getattr(_DISTANCES, "buf", None)
    if buf is None or len(buf) < nq * nc:
        buf = _DISTANCES.buf = np.empty(max(nq * nc, 1 << 20), np.int32)
    dist = buf[: nq * nc].reshape(nq, nc)
    if faiss is not None:
        faiss.hammings(faiss.swig_ptr(qd), faiss.swig_ptr(cd), nq, nc, qd.shape[1], faiss.swig_ptr(dist))
    elif qd.shape[1] % 8 == 0:
        qw, cw = qd.view(np.uint64), cd.view(np.uint64)
        for a in range(0, nq, 256):  # in slices: the (rows, nc, words) temporary stays small
            np.sum(np.bitwise_count(qw[a : a + 256, None, :] ^ cw[None, :, :]), axis=2, dtype=np.int32,
                   out=dist[a : a + 256])
    else:
        for a in range(0, nq, 256):
            np.sum(np.bitwise_count(qd[a : a + 256, None, :] ^ cd[None, :, :]), axis=2, dtype=np.int32,
                   out=dist[a : a + 256])
    rows = np.arange(nq)
    best = dist.argmin(axis=1)
    d_best = dist[rows, best]
    dist[rows, best] = np.iinfo(np.int32).max
    return d_best, dist.min(axis=1), best


def thumbnail(fp: ImageFingerprint) -> np.ndarray:
    """`fp.thumbnail()`, decoded by OpenCV when it is a one-channel 8-bit JPEG (what ingest writes):
    the same pixels (both run libjpeg's integer IDCT; tests/matching/test_matching_shortcuts.py
    compares them), in a third of the time PIL takes with its parsing in Python. Anything else
    (another format, colour, a thumbnail OpenCV cannot read) is PIL's, as before."""
    if fp.thumb[:2] == b"\xff\xd8":
        grey = cv2.imdecode(np.frombuffer(fp.thumb, np.uint8), cv2.IMREAD_UNCHANGED)
        if grey is not None and grey.ndim == 2 and grey.dtype == np.uint8:
            return grey
    return fp.thumbnail()
