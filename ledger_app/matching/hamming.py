"""Hamming distances of the store sweep (engine/sweep.py) and of image locate's range searches
(matching/binary_index.py), compiled (numba): every stored code against every request code, only the
pairs within radius kept, never the matrix of all distances. Kept in matching/ (below engine/) because
both use it.

For each stored code, the request codes' distances less their radii are reduced to their minimum first
(a loop the compiler vectorises: xor, population count and add over several request codes at once);
only a code that comes within some radius (minimum <= 0: rare, as most stored items are no copy of
the request's works) is compared again, code by code, to list its pairs. The pairs are those of
comparing every pair: the minimum is exact, not a bound.

The coarse pass (`grouped_pairs`) reads the request's groups (engine/sweep.py `_Searchers`): an item is
compared with each group's leader, then with the members whose reach covers its distance from it
(triangle inequality), the same pairs as comparing every code.

Compiled once per machine (`cache=True`: numba's cache, beside this file or in the user's cache
folder) and loaded by each process that sweeps.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numba import njit, types
from numba.extending import intrinsic

_BIG = 1 << 30


def _ctpop(typingctx: Any, x: Any) -> Any:
    """The number of set bits of a 64-bit integer (LLVM `ctpop`: one instruction, vectorised in loops)."""
    if not isinstance(x, types.Integer) or getattr(x, "bitwidth", 0) != 64:
        return None

    def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
        return builder.ctpop(args[0])

    return types.int64(x), codegen


popcount: Any = intrinsic(_ctpop)  # also local_compiled.py's


@njit(cache=True, nogil=True)
def _low4(c0, c1, c2, c3, q0, q1, q2, q3, radii):
    """min over request codes j of distance(c, q_j) - radius_j, for 256-bit codes (four words)."""
    low = _BIG
    for j in range(len(radii)):
        d = popcount(c0 ^ q0[j]) + popcount(c1 ^ q1[j]) + popcount(c2 ^ q2[j]) + popcount(c3 ^ q3[j])
        low = min(low, d - radii[j])
    return low


@njit(cache=True, nogil=True)
def _low1(c0, q0, radii):
    """min over request codes j of distance(c, q_j) - radius_j, for 64-bit codes."""
    low = _BIG
    for j in range(len(radii)):
        low = min(low, popcount(c0 ^ q0[j]) - radii[j])
    return low


@njit(cache=True, nogil=True)
def _low(codes, i, queries_t, radii):
    """min over request codes j of distance(codes[i], q_j) - radius_j, for codes of any width."""
    low = _BIG
    for j in range(len(radii)):
        d = 0
        for w in range(codes.shape[1]):
            d += popcount(codes[i, w] ^ queries_t[w, j])
        low = min(low, d - radii[j])
    return low


@njit(cache=True, nogil=True)
def _lows4(codes, q0, q1, q2, q3, radii, low):
    for i in range(codes.shape[0]):
        low[i] = _low4(codes[i, 0], codes[i, 1], codes[i, 2], codes[i, 3], q0, q1, q2, q3, radii)


@njit(cache=True, nogil=True)
def _lows1(codes, q0, radii, low):
    for i in range(codes.shape[0]):
        low[i] = _low1(codes[i, 0], q0, radii)


@njit(cache=True, nogil=True)
def _lows(codes, queries_t, radii, low):
    for i in range(codes.shape[0]):
        low[i] = _low(codes, i, queries_t, radii)


@njit(cache=True, nogil=True)
def _pairs_of(codes, queries_t, radii, low, out_code, out_query, out_dist):
    """The pairs of the codes whose `low` is at most 0 (see `pairs_within`), written to the `out`
    arrays if they are long enough (else only counted); how many there are. (Arrays are not grown
    here: numba would count references to them at every step.)"""
    k = 0
    m = len(radii)
    d = np.empty(m, np.int64)
    for i in range(codes.shape[0]):
        if low[i] > 0:
            continue
        d[:] = 0
        for w in range(codes.shape[1]):  # the code's distances to every query code (vectorised)
            c = codes[i, w]
            q = queries_t[w]
            for j in range(m):
                d[j] += popcount(c ^ q[j])
        for j in range(m):
            if d[j] <= radii[j]:
                if k < len(out_code):
                    out_code[k] = i
                    out_query[k] = j
                    out_dist[k] = d[j]
                k += 1
    return k


def pairs_within(codes: np.ndarray, queries_t: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code, query, distance) of every pair of a stored code (`codes`: (n, words) uint64) and a request
    code (`queries_t`: (words, m) uint64, transposed) at most the request code's radius (`radii`: (m,)
    int64; -1: none) apart, by code then query."""
    n, width = codes.shape
    low = np.empty(n, np.int64)
    if not n or not len(radii):
        return low[:0], low[:0], low[:0]
    if width == 4:
        _lows4(codes, queries_t[0], queries_t[1], queries_t[2], queries_t[3], radii, low)
    elif width == 1:
        _lows1(codes, queries_t[0], radii, low)
    else:
        _lows(codes, queries_t, radii, low)
    out = np.empty((3, 1024), np.int64)
    k = _pairs_of(codes, queries_t, radii, low, *out)
    if k > out.shape[1]:  # more than the first guess: again, into arrays of their number
        out = np.empty((3, k), np.int64)
        _pairs_of(codes, queries_t, radii, low, *out)
    return out[0, :k], out[1, :k], out[2, :k]


@njit(cache=True, nogil=True)
def _grouped_pairs(items, leaders, bound, groups, reach, members, radii, near, near_words, out_item,
                   out_member):
    """See `grouped_pairs`; `near` (bytes, a multiple of 8 long, zero past the leaders) and
    `near_words` (the same memory as 64-bit words) mark the leaders near an item, 8 per word."""
    k = 0
    g_n = len(leaders)
    for i in range(len(items)):
        c = items[i]
        for g in range(g_n):  # which leaders are near (vectorised), then only those looked at
            near[g] = popcount(c ^ leaders[g]) <= bound[g]
        some = np.uint64(0)
        for w in range(len(near_words)):
            some |= near_words[w]
        if some == 0:
            continue
        for w in range(len(near_words)):
            if near_words[w] == 0:
                continue
            for g in range(8 * w, min(8 * w + 8, g_n)):
                if not near[g]:
                    continue
                d = popcount(c ^ leaders[g])
                first = groups[g]
                for m in range(first, first + reach[g, d] + 1):
                    if popcount(c ^ members[m]) <= radii[m]:
                        if k < len(out_item):
                            out_item[k] = i
                            out_member[k] = m
                        k += 1
    return k


def grouped_pairs(items: np.ndarray, leaders: np.ndarray, bound: np.ndarray, groups: np.ndarray, reach: np.ndarray,
                  members: np.ndarray, radii: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(item, member) of every 64-bit item code (`items`: (n,) uint64) and request code (`members`,
    in groups from `groups[g]`, leader first, the rest by reach, farthest first) within the member's
    radius (`radii`), by item then member: the leaders within their group's `bound` of the item, then
    the leader and the `reach[g, distance]` members after it that can be within their radius."""
    out = np.empty((2, 1024), np.int64)
    if not len(items) or not len(leaders):
        return out[0, :0], out[1, :0]
    near_words = np.zeros((len(leaders) + 7) // 8, np.uint64)
    near = near_words.view(np.uint8)
    k = _grouped_pairs(items, leaders, bound, groups, reach, members, radii, near, near_words, *out)
    if k > out.shape[1]:
        out = np.empty((2, k), np.int64)
        _grouped_pairs(items, leaders, bound, groups, reach, members, radii, near, near_words, *out)
    return out[0, :k], out[1, :k]


# --- domains: a value, or what follows one of its dots, among the requested domains (engine/sweep.py) ---

_FNV_START = np.uint64(14695981039346656037)
_FNV_PRIME = np.uint64(1099511628211)
FILTER_BITS = 16  # a wanted hash's low bits, marked in a table of 2**16 before it is looked up


@njit(cache=True, nogil=True)
def _fnv(data, lo, hi):
    h = _FNV_START
    for p in range(lo, hi):
        h = (h ^ np.uint64(data[p])) * _FNV_PRIME
    return h


@njit(cache=True, nogil=True)
def byte_hashes(offs, data):
    """FNV-1a hash of each value's bytes (`data[offs[i]:offs[i + 1]]`)."""
    out = np.empty(len(offs) - 1, np.uint64)
    for i in range(len(out)):
        out[i] = _fnv(data, offs[i], offs[i + 1])
    return out


@njit(cache=True, nogil=True)
def _suffix_matches(offs, data, valid, sizes, table, want_hash, want_u, want_offs, want_data, out_pos, out_u):
    k = 0
    top = len(sizes) - 1
    mask = np.uint64((1 << FILTER_BITS) - 1)
    for i in range(len(offs) - 1):
        if not valid[i]:
            continue
        lo = offs[i]
        hi = offs[i + 1]
        for p in range(hi, lo - 1, -1):  # each part that starts the value or follows a dot, shortest first
            if p != lo and data[p - 1] != 46:  # "."
                continue
            size = hi - p
            if not sizes[min(size, top)]:
                continue
            h = _fnv(data, p, hi)
            if not table[h & mask]:
                continue
            j = np.searchsorted(want_hash, h)
            while j < len(want_hash) and want_hash[j] == h:
                u = want_u[j]
                a = want_offs[u]
                if want_offs[u + 1] - a == size:
                    same = True
                    for t in range(size):
                        if data[p + t] != want_data[a + t]:
                            same = False
                            break
                    if same:
                        if k < len(out_pos):
                            out_pos[k] = i
                            out_u[k] = u
                        k += 1
                j += 1
    return k


def suffix_matches(offs: np.ndarray, data: np.ndarray, valid: np.ndarray, sizes: np.ndarray, table: np.ndarray,
                   want_hash: np.ndarray, want_u: np.ndarray, want_offs: np.ndarray,
                   want_data: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(value, wanted) for each valid value (bytes `data[offs[i]:offs[i + 1]]`) that is a wanted value
    (`want_data[want_offs[u]:want_offs[u + 1]]`), or whose part after one of its dots is, by value:
    the parts of a wanted length (`sizes[length]`, the last entry for every longer one) hashed (FNV-1a),
    those whose hash's low bits are marked in `table` looked up among the wanted hashes (`want_hash`,
    sorted, of the wanted values `want_u`), and their bytes compared."""
    out = np.empty((2, 256), np.int64)
    args = (offs, data, valid, sizes, table, want_hash, want_u, want_offs, want_data)
    k = _suffix_matches(*args, *out)
    if k > out.shape[1]:
        out = np.empty((2, k), np.int64)
        _suffix_matches(*args, *out)
    return out[0, :k], out[1, :k]


# --- text keys: a row's keys among the request's (engine/sweep.py `_texts`) ---


@njit(cache=True, nogil=True)
def _key_hits(offsets, values, position, key_bits, wanted, out_row, out_pos):
    k = 0
    mask = np.uint64(len(key_bits) - 1)
    n = len(wanted)
    for i in range(len(position)):
        at = position[i]
        if at < 0:
            continue
        for v in values[offsets[i] : offsets[i + 1]]:
            if not key_bits[v & mask]:
                continue
            j = np.searchsorted(wanted, v)
            if j < n and wanted[j] == v:
                if k < len(out_row):
                    out_row[k] = at
                    out_pos[k] = j
                k += 1
    return k


def key_hits(offsets: np.ndarray, values: np.ndarray, position: np.ndarray, key_bits: np.ndarray,
             wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(position[i], j) for each key `values[offsets[i]:offsets[i + 1]]` of each row i with a position
    (>= 0) that is `wanted[j]` (`wanted`: sorted, distinct), by row: only the keys whose low bits are
    marked in `key_bits` (a power of two long) looked up."""
    out = np.empty((2, 1024), np.int64)
    args = (offsets, values, position, key_bits, wanted)
    k = _key_hits(*args, *out)
    if k > out.shape[1]:
        out = np.empty((2, k), np.int64)
        _key_hits(*args, *out)
    return out[0, :k], out[1, :k]
