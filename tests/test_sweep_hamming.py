"""The sweep's compiled Hamming kernels (matching/hamming.py) against numpy's brute force: every pair
within radius, by code then query, with its distance; codes of one, two and four words, buffers not
aligned on 8 bytes (as a view of a Parquet column's bytes is), more pairs than the first guess of
their number, no radius at all, nothing to compare."""

from __future__ import annotations

import numpy as np
import pytest

from ledger_app.engine.sweep import SweepQuery, _Searchers, group_codes
from ledger_app.matching.hamming import grouped_pairs, pairs_within


def _near(rng: np.random.Generator, centres: np.ndarray, n: int, most: int) -> np.ndarray:
    """n codes, each a random centre with up to `most` random bits flipped."""
    out = centres[rng.integers(0, len(centres), n)].copy()
    bits = out.shape[1] * 64
    for row, k in zip(out, rng.integers(0, most + 1, n), strict=True):
        for b in rng.choice(bits, k, replace=False):
            row[b // 64] ^= np.uint64(1 << int(b % 64))
    return out


def _unaligned(a: np.ndarray) -> np.ndarray:
    """The same uint64 values in a buffer that starts one byte past an 8-byte boundary."""
    raw = np.empty(a.nbytes + 1, np.uint8)[1:]
    raw[:] = a.view(np.uint8).reshape(-1)
    return raw.view(np.uint64).reshape(a.shape)


@pytest.mark.parametrize("words", [1, 2, 4])
@pytest.mark.parametrize("aligned", [True, False])
def test_pairs_within_are_the_brute_force_pairs(words, aligned):
    rng = np.random.default_rng(words * 10 + aligned)
    queries = rng.integers(0, 2**63, (57, words), dtype=np.int64).view(np.uint64)
    codes = np.concatenate([_near(rng, queries, 3000, 40 * words), rng.integers(0, 2**63, (2000, words), dtype=np.int64).view(np.uint64)])
    codes = codes if aligned else _unaligned(codes)
    assert codes.flags.aligned == aligned
    radii = rng.integers(-1, 28 * words, 57)
    d = np.bitwise_count(codes[:, None, :] ^ queries[None, :, :]).sum(-1)
    want_code, want_query = np.nonzero(d <= radii)
    code, query, dist = pairs_within(codes, np.ascontiguousarray(queries.T), radii.astype(np.int64))
    assert len(want_code) > 1100  # more than the kernel's first guess (1024): counted, then written
    assert code.tolist() == want_code.tolist() and query.tolist() == want_query.tolist()
    assert dist.tolist() == d[want_code, want_query].tolist()


def test_pairs_within_nothing():
    rng = np.random.default_rng(3)
    queries = rng.integers(0, 2**63, (9, 4), dtype=np.int64).view(np.uint64)
    codes = queries.copy()  # every code at distance 0 from one query: none found without a radius
    for c, q, r in ((codes, queries, np.full(9, -1)), (codes[:0], queries, np.full(9, 5)), (codes, queries[:0], np.zeros(0))):
        got = pairs_within(c, np.ascontiguousarray(q.T), r.astype(np.int64))
        assert all(len(a) == 0 for a in got)
    assert pairs_within(codes, np.ascontiguousarray(queries.T), np.zeros(9, np.int64))[0].tolist() == list(range(9))


@pytest.mark.parametrize("spread", [0, 5, 10])
def test_grouped_pairs_are_the_brute_force_pairs(spread):
    """The grouped pass (leaders, then the members whose reach covers the item's distance from their
    leader) against every item compared with every code, with more pairs than the first guess."""
    rng = np.random.default_rng(spread + 50)
    centres = rng.integers(0, 2**63, (8, 1), dtype=np.int64).view(np.uint64)
    codes = _near(rng, centres, 300, 9)
    works = (np.arange(300) % 11).astype(np.int32)
    radii = rng.integers(-1, 9, 300).astype(np.int32)
    codes8, works, radii, groups = group_codes(codes.view(np.uint8).reshape(-1, 8), works, radii, spread)
    s = _Searchers(SweepQuery(coarse=codes8, coarse_work=works, coarse_radius=radii, coarse_groups=groups))
    items = np.concatenate([_near(rng, centres, 4000, 16), rng.integers(0, 2**63, (500, 1), dtype=np.int64).view(np.uint64)])
    items = _unaligned(items).reshape(-1)
    item, member = grouped_pairs(items, s.leaders64, s.group_bound, s.groups, s.reach, s.coarse64, s.coarse_radius)
    d = np.bitwise_count(items[:, None] ^ s.coarse64[None, :])
    want = set(zip(*np.nonzero(d <= s.coarse_radius), strict=True))
    got = list(zip(item.tolist(), member.tolist(), strict=True))
    assert len(got) == len(set(got)) and set(got) == want and len(want) > 2000
    assert got == sorted(got, key=lambda p: p[0])  # by item


@pytest.mark.parametrize("kind", ["string", "large_string"])
def test_suffix_matches_are_the_values_and_parts_after_a_dot_that_are_wanted(kind):
    """The compiled domain pass (`_suffix_hits`) against the rule on each value: it is a requested
    domain, or what follows one of its dots is; more hits than the kernel's first guess (256), nulls,
    a slice, empty values and values ending in a dot."""
    import pyarrow as pa

    from ledger_app.engine.sweep import _suffix_hits

    rng = np.random.default_rng(21)
    labels = ["a", "b", "example", "ex", "mple", "é", "例"]
    values = [None if rng.random() < 0.1 else ".".join(rng.choice(labels, rng.integers(0, 4))) + ("." if rng.random() < 0.05 else "")
              for _ in range(3000)]
    domains = ("example", "b.example", "a", "é.例", "mple", "example.")
    col = pa.array(["pad.example"] + values, getattr(pa, kind)()).slice(1)
    s = _Searchers(SweepQuery(domains=domains))
    pos, u = _suffix_hits(col, s)
    distinct = s.domains.to_pylist()
    got = sorted(zip(pos.tolist(), [distinct[k] for k in u.tolist()], strict=True))
    want = sorted((i, d) for i, v in enumerate(values) if v is not None
                  for d in distinct if v == d or any(v[j + 1 :] == d for j in range(len(v)) if v[j] == "."))
    assert got == want and len(want) > 500


def test_key_hits_are_each_asked_for_rows_wanted_keys():
    """The compiled text-key lookup against sets: keys of rows asked for only, keys sharing their low
    bits with a wanted key but not it, more hits than the first guess (1024)."""
    from ledger_app.matching.hamming import key_hits

    rng = np.random.default_rng(8)
    wanted = np.unique(rng.integers(0, 2**63, 300, dtype=np.int64).astype(np.uint64))
    bits = np.zeros(1 << 16, bool)
    bits[(wanted & np.uint64(0xFFFF)).astype(np.intp)] = True
    lists = []
    for _ in range(900):
        picks = wanted[rng.integers(0, len(wanted), rng.integers(0, 6))]
        decoys = (picks & np.uint64(0xFFFF)) | (rng.integers(1, 2**47, len(picks), dtype=np.int64).astype(np.uint64) << np.uint64(16))
        lists.append(np.concatenate([decoys, picks, rng.integers(0, 2**63, 3, dtype=np.int64).astype(np.uint64)]))
    offsets = np.cumsum([0] + [len(x) for x in lists]).astype(np.int32)
    position = np.where(rng.random(900) < 0.7, np.arange(900) * 2, -1).astype(np.int64)
    row, pos = key_hits(offsets, np.concatenate(lists), position, bits, wanted)
    got = list(zip(row.tolist(), pos.tolist(), strict=True))
    want = [(int(position[i]), int(np.searchsorted(wanted, v))) for i, keys in enumerate(lists) if position[i] >= 0
            for v in keys if v in set(wanted.tolist())]
    assert got == want and len(want) > 1024
