"""The store's exact-lookup filters (fpstore/lookup_index.py): a lookup through them finds exactly
what a scan of every file finds, and a filter that is missing, damaged, truncated, swapped for
another file's or stale costs a scan of its shard, never a wrong "not found"."""

from __future__ import annotations

import hashlib
import random
import zlib
from pathlib import Path

import numpy as np
import pytest

from ledger_app.fpstore import lookup_index
from ledger_app.fpstore.store import FingerprintStore


def sha(i: int) -> str:
    return hashlib.sha256(f"content {i}".encode()).hexdigest()


def rec(i: int, shard: str, digest: str | None) -> dict:
    return {"item_id": f"c:{shard}#{i}", "key": f"{shard}#{i}", "shard": shard, "sha256": digest,
            "media_type": "image/jpeg", "status": "admitted", "location": f"{shard}#{i}", "leaf": f'{{"item":{i}}}'.encode()}


@pytest.fixture()
def store(tmp_path):
    """Five shards; some items without a SHA-256, some content in two shards (the same hash twice)."""
    st = FingerprintStore(tmp_path / "store")
    rng = random.Random(5)
    files = []
    for s in range(5):
        shard = f"s{s}.tar"
        recs = []
        for i in range(s * 1000, s * 1000 + 700 + 97 * s):
            digest = None if rng.random() < 0.05 else sha(i % 3100)  # 3000..3099 also in shards 0
            recs.append(rec(i, shard, digest))
        files.append(st.write_shard("c", shard, recs))
    return st, files


def scanned(st, digest, files):
    return sorted(r["item_id"] for r in st.lookup_sha256(digest, files=files, columns=["item_id"], use_filters=False))


def looked_up(st, digest, files, signed=None):
    return sorted(r["item_id"] for r in st.lookup_sha256(digest, files=files, columns=["item_id"], signed=signed))


def test_a_lookup_finds_what_a_scan_finds_and_reads_few_shards(store):
    st, files = store
    rels, signed = [f.path for f in files], {f.path: f.sha256 for f in files}
    probes = [sha(i) for i in (0, 5, 3000, 3050, 1500, 4999, 4300)] + [sha(10_000 + k) for k in range(40)]
    found = 0
    for digest in probes:
        want = scanned(st, digest, rels)
        assert looked_up(st, digest, rels) == want == looked_up(st, digest, rels, signed)
        found += bool(want)
    assert found >= 5
    # Absent hashes: the filters rule out (nearly) every shard.
    maybe = sum(len(st.may_hold(rels, [bytes.fromhex(sha(10_000 + k))], signed)) for k in range(200))
    assert maybe <= 3
    # Several hashes at once (the whole filter read): the shards that hold one of them, at least.
    digests = [bytes.fromhex(sha(i)) for i in (3, 1003, 2003, 10_001, 10_002, 10_003)]
    holding = {f.path for f in files if any(scanned(st, d.hex(), [f.path]) for d in digests)}
    assert holding <= set(st.may_hold(rels, digests, signed)) and len(holding) >= 3


def test_the_filter_is_the_digests_bits():
    digests = np.frombuffer(b"".join(hashlib.sha256(bytes([i])).digest() for i in range(200)), np.uint8).reshape(-1, 32)
    raw = lookup_index.encode(digests, b"\1" * 32, 1234)
    assert lookup_index.parse_head(raw) == (b"\1" * 32, 1234, 200, lookup_index.blocks_for(200))
    blocks = lookup_index.blocks_for(200)
    body = raw[lookup_index.HEAD.size :]
    # A plain reference: each digest's K bits set in its block, by the layout's words.
    ref = bytearray(blocks * 60)
    for d in digests:
        d = d.tobytes()
        b = int.from_bytes(d[:8], "big") % blocks
        for i in range(lookup_index.K):
            bit = int.from_bytes(d[8 + 2 * i : 10 + 2 * i], "big") % lookup_index.BITS
            ref[b * 60 + bit // 8] |= 1 << (bit % 8)
    assert b"".join(body[k * 64 : k * 64 + 60] for k in range(blocks)) == bytes(ref)
    assert lookup_index.may_hold(body, blocks, [digests[7].tobytes()]) is True


def _filter(st, f) -> Path:
    return Path(st.base) / (f.path + lookup_index.SUFFIX)


def _forge(raw: bytes, clear: bytes) -> bytes:
    """`raw` with the block of `clear` emptied and its CRC made again: a consistent forgery."""
    blocks = lookup_index.parse_head(raw)[3]
    at = lookup_index.HEAD.size + lookup_index.block_of(clear, blocks) * 64
    empty = bytes(60)
    return raw[:at] + empty + zlib.crc32(empty).to_bytes(4, "big") + raw[at + 64 :]


@pytest.mark.parametrize("attack", ["missing", "flipped", "truncated", "swapped", "stale", "garbage", "forged-crc"])
def test_a_damaged_or_foreign_filter_costs_a_scan_not_a_miss(store, attack):
    st, files = store
    rels, signed = [f.path for f in files], {f.path: f.sha256 for f in files}
    victim, other = files[1], files[2]
    digest = sha(1003)  # in shard 1, and (as 4103) in shard 4
    want = scanned(st, digest, rels)
    assert want == ["c:s1.tar#1003", "c:s4.tar#4103"]
    path = _filter(st, victim)
    raw = path.read_bytes()
    d = bytes.fromhex(digest)
    at = lookup_index.HEAD.size + lookup_index.block_of(d, lookup_index.parse_head(raw)[3]) * 64
    if attack == "missing":
        path.unlink()
    elif attack == "flipped":  # the item's bits cleared, the CRC left: the block fails its CRC
        path.write_bytes(raw[:at] + bytes(60) + raw[at + 60 :])
    elif attack == "truncated":
        path.write_bytes(raw[: at + 10])
    elif attack == "swapped":  # another shard's (valid) filter under this name
        path.write_bytes(_filter(st, other).read_bytes())
    elif attack == "stale":  # the filter of an earlier file of this shard (other items, other file)
        old = st.write_shard("c", "s1.tar", [rec(i, "s1.tar", sha(50_000 + i)) for i in range(797)], revision="old")
        path.write_bytes(_filter(st, old).read_bytes())
    elif attack == "garbage":
        path.write_bytes(b"PLSF\x01" + bytes(200))
    elif attack == "forged-crc":  # consistent forgery naming the signed file: only verify --store finds it
        path.write_bytes(_forge(raw, d))
        assert looked_up(st, digest, rels, signed) == ["c:s4.tar#4103"]
        return
    assert looked_up(st, digest, rels, signed) == want
    if attack in ("swapped", "stale"):  # without the signed SHA-256s, the file size still tells (different here)
        assert looked_up(st, digest, rels) == want


def test_filters_of_a_store_written_without_them_are_not_needed(store):
    st, files = store
    for f in files:
        _filter(st, f).unlink()
    rels = [f.path for f in files]
    assert st.may_hold(rels, [bytes.fromhex(sha(10_001))]) == rels
    assert looked_up(st, sha(2500), rels) == scanned(st, sha(2500), rels)
