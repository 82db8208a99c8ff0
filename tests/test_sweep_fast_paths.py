"""The sweep's vectorised passes (engine/sweep.py) against straightforward references on random data:
text keys read from a binary column's buffers (and the store's `text_keys` column made from them)
against `TextFingerprint.from_bytes` and the text index's own keys, the domain pass against the rule locate applies to each row (the domain, or a
subdomain of it), edge cases included (damaged fingerprints, nulls, sliced arrays, dots at either end)."""

from __future__ import annotations

import random

import numpy as np
import pyarrow as pa
import pytest

from ledger_app.engine.sweep import SweepQuery, UnitHits, _binary, _domains, _Searchers, _texts
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
