"""The sweep's vectorised passes (engine/sweep.py) against straightforward references on random data:
text keys read from a binary column's buffers (and the store's `text_keys` column made from them)
against `TextFingerprint.from_bytes` and the text index's own keys, the domain pass against the rule locate applies to each row (the domain, or a
subdomain of it), edge cases included (damaged fingerprints, nulls, sliced arrays, dots at either end)."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from ledger_app.engine.sweep import (
    SweepQuery,
    UnitHits,
    _binary,
    _domains,
    _found,
    _found_sha,
    _grouped_hits,
    _pairs_within,
    _range_hits,
    _Searchers,
    _texts,
    group_codes,
)
from ledger_app.fpstore.schema import band_keys_of, text_key_column, text_keys
from ledger_app.matching.text import TextFingerprint, text_fingerprint
from ledger_app.matching.text_index import _keys, band_keys

WORDS = "harbour master counted boats dawn gulls argued nets tide turned slowly stone wall old quay".split()


def _texts_of(rng: random.Random, n: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(0, 60))) for _ in range(n)]


def _damaged(rng: random.Random, raw: bytes) -> bytes:
    """One of the ways a stored value can fail to be a text fingerprint."""
    how = rng.randrange(6)
    if how == 0:
        return raw[: rng.randrange(len(raw))]  # truncated (also below the header)
    if how == 1:
        return b"LPF" + raw[3:]  # another magic
    if how == 2:
        return raw[:3] + bytes([2]) + raw[4:]  # another version
    if how == 3:
        return raw + b"\0"  # one byte too many
    if how == 4:  # a signature of another length (band keys need PERMUTATIONS values)
        fp = TextFingerprint.from_bytes(raw)
        return TextFingerprint(fp.shingle_count, fp.minhash[:64], fp.sample).to_bytes()
    return b""


def _reference(values: list[bytes | None]) -> list[set[int]]:
    out = []
    for raw in values:
        try:
            fp = TextFingerprint.from_bytes(raw) if raw else None
            keys = set(_keys(fp).tolist()) if fp is not None else set()
        except ValueError:
            keys = set()
        out.append(keys)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_text_keys_from_the_buffers_are_the_text_index_keys(seed):
    rng = random.Random(seed)
    values: list[bytes | None] = []
    for text in _texts_of(rng, 120):
        raw = text_fingerprint(text).to_bytes()
        roll = rng.random()
        values.append(None if roll < 0.1 else _damaged(rng, raw) if roll < 0.35 else raw)
    col = pa.array([b"pad"] * 3 + values, pa.binary()).slice(3)  # a slice: offsets not from zero
    keys, rows = text_keys(*_binary(col))
    got: list[set[int]] = [set() for _ in values]
    for k, r in zip(keys.tolist(), rows.tolist(), strict=True):
        got[r].add(k)
    assert got == _reference(values)
    assert any(got) and not all(got)
    # The store's column: the same keys in the text index's order, texts only, null when none.
    kinds = ["text" if i % 7 else "image" for i in range(len(values))]
    column = text_key_column(pa.chunked_array([kinds[:50], kinds[50:]]), col)
    want = []
    for kind, raw, keys in zip(kinds, values, _reference(values), strict=True):
        want.append(_keys(TextFingerprint.from_bytes(raw)).tolist() if kind == "text" and keys else None)
    assert column.to_pylist() == want


def test_band_keys_of_many_signatures_are_band_keys_of_each():
    rng = np.random.default_rng(4)
    sigs = rng.integers(0, 2**32, (50, 128), dtype=np.uint64).astype(np.uint32)
    sigs[0] = 0xFFFFFFFF
    assert np.array_equal(band_keys_of(sigs), np.stack([band_keys(s) for s in sigs]))


def test_text_candidates_are_the_rows_sharing_a_key_with_a_work():
    rng = random.Random(5)
    texts = _texts_of(rng, 200)
    fps = [text_fingerprint(t) for t in texts]
    works = [texts[3], texts[7], texts[3] + " " + texts[9], "nothing like the others at all here"]
    q_keys, q_work = [], []
    for k, w in enumerate(works):
        fp = text_fingerprint(w)
        ks = np.unique(np.concatenate([fp.sample, band_keys(fp.minhash)]))
        q_keys.append(ks)
        q_work += [k] * len(ks)
    query = SweepQuery(text_keys=np.concatenate(q_keys).astype(np.uint64), text_work=np.array(q_work, np.int32))
    values = [fp.to_bytes() if i % 11 else None for i, fp in enumerate(fps)]
    fp_data = pa.array(values, pa.binary())
    rows = np.array([i for i in range(len(values)) if i % 4], np.int64)  # the live text rows
    out, out_v3 = UnitHits("f"), UnitHits("f")
    _texts(None, pa.record_batch({"fp_data": fp_data}), 1000, rows, query, _Searchers(query), out)  # type: ignore[arg-type]
    keys = text_key_column(pa.array(["text"] * len(values)), fp_data)
    _texts(None, pa.record_batch({"text_keys": keys}), 1000, rows, query, _Searchers(query), out_v3)  # type: ignore[arg-type]
    want = []
    for r in rows.tolist():  # as the sweep did it row by row before
        if values[r] is None:
            continue
        keys = _keys(TextFingerprint.from_bytes(values[r]))
        shared = np.isin(query.text_keys, keys)
        want += [(int(w), 1000 + r) for w in np.unique(query.text_work[shared])]
    assert out.text == want and out_v3.text == want and {w for w, _ in want} >= {0, 1, 2}


@pytest.mark.parametrize("dictionary", [False, True])
def test_domains_are_each_domain_and_its_subdomains(dictionary):
    rng = random.Random(6)
    labels = ["a", "b", "example", "org", "site1", "x-y", ""]
    values = []
    for _ in range(3000):
        values.append(None if rng.random() < 0.05 else ".".join(rng.choice(labels) for _ in range(rng.randrange(1, 5))))
    domains = ("example", "a.example", "b.org", "site1.example", "example", ".example", "example.", "a", "zzz")
    live = pa.array([rng.random() > 0.1 for _ in values])
    col = pa.array(["pad"] + values, pa.string()).slice(1)
    if dictionary:
        col = col.dictionary_encode()
    got = _domains(col, 50, live, _Searchers(SweepQuery(domains=domains)))
    want = [(k, 50 + r) for r, d in enumerate(values) if d is not None and live[r].as_py()
            for k, w in enumerate(domains) if d == w or d.endswith("." + w)]
    assert got == want and len({k for k, _ in want}) >= 6


def _near_codes(rng: np.random.Generator, centres: np.ndarray, n: int, max_bits: int) -> np.ndarray:
    """n 64-bit codes, each a random centre with up to max_bits random bits flipped."""
    codes = centres[rng.integers(0, len(centres), n)].copy()
    for i, bits in enumerate(rng.integers(0, max_bits + 1, n)):
        codes[i] ^= np.uint64(sum(1 << int(b) for b in rng.choice(64, bits, replace=False)))
    return codes


def _coarse_query(rng: np.random.Generator, spread: int | None) -> SweepQuery:
    """A request of 5 works with crop hypotheses around a few centres each, radii 4-12 by work, grouped
    by `group_codes` at `spread` (None: the groups a caller may hand over, of any codes in any order)."""
    codes, works, radii = [], [], []
    for w in range(5):
        centres = rng.integers(0, 2**63, 3, dtype=np.int64).view(np.uint64)
        c = _near_codes(rng, centres, int(rng.integers(20, 120)), 14)
        codes.append(c)
        works += [w] * len(c)
        radii += [int(rng.integers(4, 13))] * len(c)
    flat = np.concatenate(codes).view(np.uint8).reshape(-1, 8)
    work, radius = np.array(works, np.int32), np.array(radii, np.int32)
    if spread is None:
        perm = rng.permutation(len(flat))
        cuts = np.unique(np.concatenate([[0], rng.integers(1, len(flat), 40), [len(flat)]]))
        return SweepQuery(coarse=flat[perm], coarse_work=work[perm], coarse_radius=radius[perm],
                          coarse_groups=cuts.astype(np.int64))
    flat, work, radius, groups = group_codes(flat, work, radius, spread)
    return SweepQuery(coarse=flat, coarse_work=work, coarse_radius=radius, coarse_groups=groups)


@pytest.mark.parametrize("spread", [0, 4, 10, 16, None])
def test_coarse_candidates_are_every_code_within_its_radius(spread):
    rng = np.random.default_rng(7 if spread is None else spread)
    query = _coarse_query(rng, spread)
    q64 = query.coarse.view(np.uint64).reshape(-1)
    # Items: some near the request's codes (within and just past the radii), the others random.
    items = np.concatenate([_near_codes(rng, q64, 3000, 16), rng.integers(0, 2**63, 3000, dtype=np.int64).view(np.uint64)])
    rows = np.sort(rng.choice(20_000, len(items), replace=False))
    got = _grouped_hits(_Searchers(query), items.view(np.uint8).reshape(-1, 8), rows, query)
    d = np.bitwise_count(items[:, None] ^ q64[None, :])
    near_i, near_j = np.nonzero(d <= query.coarse_radius)
    want = sorted({(int(query.coarse_work[j]), int(rows[i])) for i, j in zip(near_i, near_j, strict=True)})
    assert got == want and len(want) > 100


@pytest.mark.parametrize("spread", [0, 6, 10])
def test_coarse_groups_hold_every_code_once_each_within_spread_of_its_leader(spread):
    rng = np.random.default_rng(spread + 100)
    codes = _near_codes(rng, rng.integers(0, 2**63, 6, dtype=np.int64).view(np.uint64), 400, 12)
    work, radius = np.arange(400, dtype=np.int32) % 7, np.arange(400, dtype=np.int32) % 5
    got, got_work, got_radius, groups = group_codes(codes.view(np.uint8).reshape(-1, 8), work, radius, spread)
    got64 = got.view(np.uint64).reshape(-1)
    assert sorted(zip(got64.tolist(), got_work.tolist(), got_radius.tolist(), strict=True)) == sorted(
        zip(codes.tolist(), work.tolist(), radius.tolist(), strict=True))
    assert groups[0] == 0 and groups[-1] == 400 and (np.diff(groups) > 0).all()
    lead = np.repeat(groups[:-1], np.diff(groups))
    assert (np.bitwise_count(got64 ^ got64[lead]) <= spread).all()
    assert len(groups) - 1 < 400 or spread == 0  # near codes share a leader


def test_urls_and_hashes_are_found_at_their_first_request_position():
    values = ["a/1", None, "b/2", "a/1", "c/3", "b/2"]
    wanted = pa.array(["b/2", "a/1", "b/2", "zz"], pa.string())
    live = np.array([True, True, True, False, True, True])
    got = _found(pa.array(["pad"] + values, pa.string()).slice(1), wanted, live)
    assert got == [(1, 0), (0, 2), (0, 5)]


def test_domains_of_nulls_holding_bytes_are_not_read():
    # A null slot may span bytes (Arrow does not forbid it): its value, and its parts after dots, are no domain.
    raw = b"a.example" + b"x.example" + b"example"
    offsets = np.array([0, 9, 18, 25], np.int32)
    valid = np.array([0b101], np.uint8)  # the second value is null, over "x.example"
    col = pa.Array.from_buffers(pa.string(), 3, [pa.py_buffer(valid), pa.py_buffer(offsets), pa.py_buffer(raw)])
    assert col.to_pylist() == ["a.example", None, "example"]
    got = _domains(col, 0, np.ones(3, bool), _Searchers(SweepQuery(domains=("example", "x.example"))))
    assert got == [(0, 0), (0, 2)]


def test_text_keys_sharing_low_bits_with_a_request_key_are_told_apart():
    rng = np.random.default_rng(9)
    wanted = rng.integers(0, 2**63, 50, dtype=np.int64).astype(np.uint64)
    query = SweepQuery(text_keys=wanted, text_work=np.arange(50, dtype=np.int32) % 3)
    # Each row: keys with the low 16 bits of a wanted key but other high bits, and sometimes the key itself.
    lists = []
    for r in range(200):
        picks = wanted[rng.integers(0, 50, 5)]
        decoys = (picks & np.uint64(0xFFFF)) | (rng.integers(1, 2**47, 5, dtype=np.int64).astype(np.uint64) << np.uint64(16))
        lists.append((decoys if r % 3 else np.concatenate([decoys, picks[:1]])).tolist())
    out = UnitHits("f")
    batch = pa.record_batch({"text_keys": pa.array(lists, pa.list_(pa.uint64()))})
    rows = np.arange(200)
    _texts(None, batch, 7, rows, query, _Searchers(query), out)  # type: ignore[arg-type]
    want = sorted({(int(w), 7 + r) for r, keys in enumerate(lists) for w in query.text_work[np.isin(wanted, keys)]},
                  key=lambda p: (p[1], p[0]))
    assert out.text == want and want and all((r - 7) % 3 == 0 for _, r in want)  # decoys alone find nothing


@pytest.mark.parametrize("kind", [pa.string(), pa.large_string()])
def test_domains_of_other_scripts_are_matched_by_their_bytes(kind):
    values = ["café.example", "x.café.example", "xcafé.example", "例子.测试", "a.例子.测试", "测试", None, ".测试", "é"]
    domains = ("café.example", "例子.测试", "测试", "é", "example")
    col = pa.array(["pad"] + values, kind).slice(1)
    got = _domains(col, 3, np.ones(len(values), bool), _Searchers(SweepQuery(domains=domains)))
    want = [(k, 3 + r) for r, d in enumerate(values) if d is not None
            for k, w in enumerate(domains) if d == w or d.endswith("." + w)]
    assert got == want and {k for k, _ in want} == set(range(len(domains)))


@pytest.mark.parametrize("width", [8, 16, 32])
@pytest.mark.parametrize("seed", [1, 2])
def test_pairs_within_their_radius_are_every_pair_of_the_brute_force(width, seed):
    """Codes of one, two (the kernel's general loop) and four words: the pairs within each query's
    radius, by code then query, with their distances; and the PDQ pass's (work, row) pairs from them."""
    rng = np.random.default_rng(width + seed)
    words = width // 8
    queries = rng.integers(0, 2**63, (40, words), dtype=np.int64).view(np.uint64)
    # Codes near some queries (within and just past the radii), the others random.
    near = queries[rng.integers(0, 40, 300)].copy()
    for row, bits in zip(near, rng.integers(0, width * 3, 300), strict=True):
        for b in rng.choice(width * 8, bits, replace=False):
            row[b // 64] ^= np.uint64(1 << int(b % 64))
    codes = np.concatenate([near, rng.integers(0, 2**63, (300, words), dtype=np.int64).view(np.uint64)])
    radii = rng.integers(-1, width * 3, 40)
    d = np.bitwise_count(codes[:, None, :] ^ queries[None, :, :]).sum(-1)
    want_code, want_query = np.nonzero(d <= radii)
    code, query, dist = _pairs_within(codes.view(np.uint8), queries.view(np.uint8), radii)
    assert code.tolist() == want_code.tolist() and query.tolist() == want_query.tolist()
    assert dist.tolist() == d[want_code, want_query].tolist() and len(want_code) > 50
    rows, works = np.sort(rng.choice(5000, len(codes))), rng.integers(0, 6, 40).astype(np.int32)
    got = _range_hits(queries.view(np.uint8), codes.view(np.uint8), rows, radii, works)
    assert got == sorted({(int(works[q]), int(rows[c])) for c, q in zip(want_code, want_query, strict=True)})
    none = _pairs_within(codes.view(np.uint8), queries.view(np.uint8), np.full(40, -1))
    assert all(len(a) == 0 for a in none)



def test_hashes_found_by_their_first_bytes_are_those_found_whole():
    """The SHA-256 pass's prefilter on the first 8 bytes finds what looking up every value finds: hashes
    sharing only those bytes with a wanted one, a null whose bytes are a wanted hash, dead rows, a slice."""
    rng = np.random.default_rng(11)
    wanted = [rng.bytes(32) for _ in range(5)]
    values: list[bytes | None] = [rng.bytes(32) for _ in range(3000)]
    for i in rng.choice(3000, 60, replace=False).tolist():
        w = wanted[int(rng.integers(0, 5))]
        values[i] = w if i % 2 else w[:8] + rng.bytes(24)  # the hash, or only its first 8 bytes
    nulls = rng.choice(3000, 40, replace=False).tolist()
    for i in nulls:
        values[i] = None
    col = pa.array(values, pa.binary(32))
    raw = bytearray(col.buffers()[1].to_pybytes())
    raw[nulls[0] * 32 : nulls[0] * 32 + 32] = wanted[0]  # a null slot holding a wanted hash's bytes
    col = pa.FixedSizeBinaryArray.from_buffers(pa.binary(32), 3000, [col.buffers()[0], pa.py_buffer(bytes(raw))])
    live = rng.random(3000) < 0.9
    s = _Searchers(SweepQuery(sha256=tuple(wanted)))
    for c, lv in ((col, live), (col.slice(7), live[7:])):
        want = _found(c, s.sha, lv)
        assert _found_sha(c, s, lv) == want and len(want) >= 10
        assert all(c[r].as_py() == wanted[k] and lv[r] for k, r in want)
    assert _found_sha(pa.chunked_array([col]), s, live) == _found(col, s.sha, live)


def test_text_keys_of_the_rows_asked_for_only():
    """Keys read from the list column's buffers: of the rows asked for only (not of another row, as
    keys a damaged file puts on an image row), none of a null list (even one spanning values), no
    null key; the column sliced alike."""
    w = [(1 << 63) + (k << 20) + 3 for k in range(1, 9)]  # beyond a float's 53 bits
    query = SweepQuery(text_keys=np.array(w, np.uint64), text_work=np.arange(8, dtype=np.int32) % 2)
    child = pa.array([w[0], w[1], w[2], None, w[3], w[4], w[5], w[6], w[7], 77], pa.uint64())
    # Rows: 0 keys w0 w1; 1 null (spanning w2); 2 a null key and w3; 3 w4 w5; 4 w6 (not asked for);
    # 5 empty; 6 w7 and 77.
    listed = pa.ListArray.from_arrays(pa.array([0, 2, 3, 5, 7, 8, 8, 10], pa.int32()), child,
                                      mask=pa.array([False, True, False, False, False, False, False]))
    sliced = pa.concat_arrays([pa.array([[w[6]], [w[0]]], listed.type), listed]).slice(2)
    rows = np.array([0, 1, 2, 3, 5, 6])
    for lst in (listed, sliced):
        out = UnitHits("f")
        _texts(None, pa.record_batch({"text_keys": lst}), 100, rows, query, _Searchers(query), out)  # type: ignore[arg-type]
        assert sorted((w_, r - 100) for w_, r in out.text) == [(0, 0), (0, 3), (1, 0), (1, 2), (1, 3), (1, 6)]


def test_a_query_sent_to_a_unit_carries_its_searchers_built_once():
    """A query's `_Searchers` are built on first use and travel with it when pickled (as a unit's task
    is); a query made from it with other fields (`dataclasses.replace`) builds its own."""
    import dataclasses
    import pickle

    query = _coarse_query(np.random.default_rng(5), 10)
    query = dataclasses.replace(query, domains=("example",), text_keys=np.arange(3, dtype=np.uint64),
                                text_work=np.zeros(3, np.int32))
    assert "_searchers" not in query.__dict__
    sent = pickle.loads(pickle.dumps(query))
    assert query.searchers() is query.searchers()  # built once, for the pickling
    got = sent.__dict__["_searchers"]
    assert got is not query.searchers() and (got.coarse64 == query.searchers().coarse64).all()
    assert got.domains.equals(query.searchers().domains) and (got.text_keys == query.searchers().text_keys).all()
    assert (sent.coarse == query.coarse).all() and sent.domains == query.domains and sent.searchers() is got
    other = dataclasses.replace(query, coarse_radius=query.coarse_radius + 1)
    assert (other.searchers().coarse_radius == query.searchers().coarse_radius + 1).all()


@pytest.mark.parametrize("kind", [pa.binary(), pa.binary(8), pa.uint64(), pa.list_(pa.uint64()), pa.string()])
def test_valid_is_arrows_own_validity(kind):
    """`_valid` (the validity bitmap unpacked) against Arrow's `is_valid`, for slices starting at any
    bit of a byte, arrays without nulls or without a bitmap, and empty ones."""
    from ledger_app.engine.sweep import _valid

    rng = np.random.default_rng(13)
    sample = {pa.binary(): b"abcdefgh", pa.binary(8): b"abcdefgh", pa.uint64(): 7, pa.list_(pa.uint64()): [1, 2],
              pa.string(): "x.example"}[kind]
    values = [None if rng.random() < 0.3 else sample for _ in range(70)]
    for arr in (pa.array(values, kind), pa.array([sample] * 20, kind), pa.array([], kind)):
        for lo in range(0, min(len(arr), 11)):
            part = arr.slice(lo, max(0, len(arr) - lo - 3))
            assert _valid(part).tolist() == part.is_valid().to_pylist()
    assert _valid(pa.array([], kind)).tolist() == [] and _valid(pa.array(values, kind).slice(70)).tolist() == []
