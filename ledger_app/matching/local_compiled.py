"""The compiled (numba) search behind `kernels.two_nearest` for 256-bit descriptors (ORB's): each
query descriptor's distances to every candidate descriptor into one row (xor and population count of
four 64-bit words, a loop the compiler vectorises), its minimum, then in a second vectorised pass the
minimum of the others (the minimum again when it occurs twice), then the first position of the
minimum. The same three values as computing the whole distance matrix and reducing it (faiss' kernel
then three numpy passes), without writing and re-reading the matrix (tests/matching/
test_matching_descriptors.py holds both to the straightforward search).

Imported by `kernels.two_nearest` at its first call (numba's import is not paid by every process
that imports the matching package); compiled once per machine (`cache=True`).
"""

from __future__ import annotations

import numpy as np
from numba import njit

from ledger_app.matching.hamming import popcount  # LLVM ctpop: one instruction, vectorised in loops

_BIG = np.int32(1 << 30)


@njit(cache=True, nogil=True)
def _two_nearest4(q, c0, c1, c2, c3, d_best, d_second, best):  # pragma: no cover - compiled
    nc = len(c0)
    row = np.empty(nc, np.int32)
    for i in range(q.shape[0]):
        a0, a1, a2, a3 = q[i, 0], q[i, 1], q[i, 2], q[i, 3]
        m = _BIG
        for j in range(nc):
            v = np.int32(popcount(a0 ^ c0[j]) + popcount(a1 ^ c1[j]) + popcount(a2 ^ c2[j]) + popcount(a3 ^ c3[j]))
            row[j] = v
            m = min(m, v)
        s = _BIG
        ties = 0
        for j in range(nc):
            v = row[j]
            ties += v == m
            s = min(s, _BIG if v == m else v)
        j = 0
        while row[j] != m:
            j += 1
        d_best[i] = m
        d_second[i] = m if ties > 1 else s
        best[i] = j


def two_nearest_256(qd: np.ndarray, cd: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`kernels.two_nearest` of (n, 32) and (m >= 2, 32) C-contiguous uint8 descriptors."""
    qw = qd.view(np.uint64)
    cw = np.ascontiguousarray(cd.view(np.uint64).T)  # word k of every candidate together: the loop's lanes
    n = len(qw)
    d_best, d_second, best = np.empty(n, np.int32), np.empty(n, np.int32), np.empty(n, np.intp)
    _two_nearest4(qw, cw[0], cw[1], cw[2], cw[3], d_best, d_second, best)
    return d_best, d_second, best
