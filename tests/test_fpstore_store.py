"""The fingerprint store on its own: Parquet files per shard, queries, and the inner Merkle proof
built from the stored subtree hashes (checked against the plain RFC 6962 code)."""

from __future__ import annotations

import hashlib

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from ledger_app.core.errors import UserError, VerificationError
from ledger_app.fpstore import schema
from ledger_app.fpstore.store import FingerprintStore
from ledger_app.ledger import manifest, merkle


def rec(i: int, shard: str) -> dict:
    return {"item_id": f"c:{shard}#{i}", "key": f"{shard}#{i}", "shard": shard,
            "sha256": hashlib.sha256(f"content {i}".encode()).hexdigest(), "media_type": "image/jpeg",
            "status": "admitted", "location": f"{shard}#{i}", "url_norm": f"photos.example/{i}",
            "leaf": f'{{"item":{i}}}'.encode()}


@pytest.mark.parametrize("n", [1, 2, 63, 64, 65, 128, 129, 2047, 2048, 2049, 5000])
def test_inner_proofs_equal_rfc6962(tmp_path, n):
    st = FingerprintStore(tmp_path)
    f = st.write_shard("c", "s", [rec(i, "s") for i in range(n)])
    hashes = [merkle.leaf_hash(f'{{"item":{i}}}'.encode()) for i in range(n)]
    assert f.count == n and f.root == merkle.root(hashes)
    assert hashlib.sha256((tmp_path / f.path).read_bytes()).hexdigest() == f.sha256 == st.file_sha256(f.path)
    for i in sorted({0, n // 2, n - 1, min(n - 1, 64), min(n - 1, 2048), max(0, n - 65)}):
        leaf, size, proof, root = st.inner_proof(f.path, i)
        assert (leaf, size, root) == (f'{{"item":{i}}}'.encode(), n, f.root)
        assert proof == merkle.inclusion_proof(i, hashes)
        merkle.verify_inclusion(i, n, merkle.leaf_hash(leaf), proof, f.root)


def test_queries_and_files(tmp_path):
    st = FingerprintStore(tmp_path / "store")
    a = st.write_shard("c", "a.tar", [rec(i, "a.tar") for i in range(300)])
    b = st.write_shard("c", "b.tar", [rec(i, "b.tar") for i in range(300, 310)])
    other = st.write_shard("d", "a.tar", [rec(i, "a.tar") | {"item_id": f"d:a.tar#{i}"} for i in range(5)])
    assert st.files() == sorted([a.path, b.path, other.path]) and st.files("c") == sorted([a.path, b.path])
    hit = st.lookup_sha256(hashlib.sha256(b"content 305").hexdigest(), corpus="c", columns=["item_id", "sha256"])
    assert hit == [{"item_id": "c:b.tar#305", "sha256": hashlib.sha256(b"content 305").hexdigest()}]
    assert st.lookup_sha256("00" * 32) == []
    with pytest.raises(UserError, match="not a SHA-256"):
        st.lookup_sha256("abc")
    row = st.item("c:a.tar#7")
    assert row is not None and row["leaf_index"] == 7 and row["url_norm"] == "photos.example/7"
    assert st.item("c:a.tar#7", files=[b.path]) is None  # only the files given are read
    assert st.item("c:nothing") is None
    n = sum(batch.num_rows for batch in st.scan(corpus="c", columns=["sha256"], filter=pc.field("status") == "admitted"))
    assert n == 310
    meta = pq.read_schema(tmp_path / "store" / a.path).metadata
    assert meta[schema.META_VERSION] == b"3" and meta[schema.META_ROOT] == a.root.hex().encode()
    assert [r["leaf_index"] for r in st.shard_rows(b.path, ["leaf_index"])] == list(range(10))


def test_rewritten_shard_gets_a_new_file_and_the_old_one_stays(tmp_path):
    st = FingerprintStore(tmp_path)
    first = st.write_shard("c", "a.tar", [rec(i, "a.tar") for i in range(3)])
    again = st.write_shard("c", "a.tar", [rec(i, "a.tar") for i in range(4)])
    assert first.path != again.path and (tmp_path / first.path).exists() and (tmp_path / again.path).exists()


def test_refusals(tmp_path):
    st = FingerprintStore(tmp_path)
    with pytest.raises(ValueError, match="lacks 'leaf'"):
        st.write_shard("c", "a", [{k: v for k, v in rec(0, "a").items() if k != "leaf"}])
    with pytest.raises(ValueError, match="was given to shard"):
        st.write_shard("c", "b", [rec(0, "a")])
    with pytest.raises(UserError, match="has no file"):
        st.inner_proof("c/missing.parquet", 0)
    f = st.write_shard("c", "a", [rec(i, "a") for i in range(3)])
    with pytest.raises(UserError, match="has no leaf 3"):
        st.inner_proof(f.path, 3)
    assert st.inner_proof(f.path, 1, b'{"item":1}') == st.inner_proof(f.path, 1)
    with pytest.raises(UserError, match="leaf 1 does not match its hash"):
        st.inner_proof(f.path, 1, b'{"item":2}')
    big = st.write_shard("c", "big", [rec(i, "big") for i in range(200)])
    table = pq.read_table(tmp_path / big.path)
    meta = dict(table.schema.metadata)
    meta[schema.META_UPPER] = meta[schema.META_UPPER][:-64]
    pq.write_table(table.replace_schema_metadata(meta), tmp_path / big.path)
    with pytest.raises(UserError, match="do not fit 200 leaves"):
        st.inner_proof(big.path, 0)
    table = pq.read_table(tmp_path / f.path)
    meta = dict(table.schema.metadata)
    meta[schema.META_VERSION] = b"4"
    pq.write_table(table.replace_schema_metadata(meta), tmp_path / f.path)
    with pytest.raises(UserError, match="schema version 4, not one of 1, 2, 3"):
        st.inner_proof(f.path, 0)
    (tmp_path / "c" / "junk.parquet").write_bytes(b"not parquet")
    with pytest.raises(UserError, match="not readable Parquet"):
        st.inner_proof("c/junk.parquet", 0)
    with pytest.raises(UserError, match="cannot be opened"):
        FingerprintStore("nosuchscheme://bucket/x")


def test_inner_proof_refuses_bad_stored_hashes():
    hashes = [merkle.leaf_hash(bytes([i])) for i in range(100)]
    chunks, tail = manifest.chunk_hashes(hashes)
    with pytest.raises(VerificationError, match="do not describe a tree of 101"):
        manifest.inner_proof(5, 101, chunks, tail, hashes[:64])
    with pytest.raises(VerificationError, match="needs 64 leaf hashes"):
        manifest.inner_proof(5, 100, chunks, tail, hashes[:10])
    # A wrong chunk's leaves give a proof that no longer leads to the root.
    bad = manifest.inner_proof(5, 100, chunks, tail, hashes[1:65])
    with pytest.raises(VerificationError):
        merkle.verify_inclusion(5, 100, hashes[5], bad, merkle.root(hashes))
    assert manifest.inner_proof(5, 100, chunks, tail, hashes[:64], manifest.upper_levels(chunks)) == \
        merkle.inclusion_proof(5, hashes)
    forged = [bytes(32)] + chunks[1:]
    assert manifest.tree_root(100, forged, tail) != merkle.root(hashes)


def test_the_first_proof_of_a_shard_reads_the_side_index_not_the_footer(tmp_path, monkeypatch):
    """The writer puts the proof index beside the file; a fresh store builds proofs from it without
    opening the Parquet footer (checked by making any footer parse fail)."""
    from ledger_app.fpstore import proof_index
    from ledger_app.fpstore import store as store_mod

    n = 5000
    f = FingerprintStore(tmp_path).write_shard("c", "s", [rec(i, "s") for i in range(n)])
    assert (tmp_path / (f.path + proof_index.SUFFIX)).exists()
    assert FingerprintStore(tmp_path).files() == [f.path]  # the side index is not a shard file
    hashes = [merkle.leaf_hash(f'{{"item":{i}}}'.encode()) for i in range(n)]

    def no_footer(*args, **kwargs):
        raise AssertionError("the footer was parsed")

    monkeypatch.setattr(store_mod.pq, "ParquetFile", no_footer)
    fresh = FingerprintStore(tmp_path)
    for i in (0, 63, 64, 2047, 2048, 4100, n - 1):
        leaf, size, proof, root = fresh.inner_proof(f.path, i, f'{{"item":{i}}}'.encode())
        assert (size, root, proof) == (n, f.root, merkle.inclusion_proof(i, hashes))
    monkeypatch.undo()
    side, footer = fresh.shard_index(f.path), FingerprintStore(tmp_path).shard_index(f.path, footer=True)
    assert side.side and not footer.side
    assert side.eighths_at is not None and footer.eighths_at is None  # the subtrees of 8 leaves: in the side index only
    raw = (tmp_path / (f.path + proof_index.SUFFIX)).read_bytes()
    assert raw[side.eighths_at :] == proof_index.eighth_hashes(hashes) and raw[:5] == proof_index.MAGIC
    assert (side.size, side.root, side.tail, side.groups) == (footer.size, footer.root, footer.tail, footer.groups)
    assert [list(level) for level in side.upper] == [list(level) for level in footer.upper]


@pytest.mark.parametrize("damage", ["subtree hash", "group offset", "truncated", "other file size", "missing",
                                    "eighth hash", "swapped", "version 1"])
def test_a_damaged_side_index_costs_a_footer_parse_never_a_wrong_proof(tmp_path, damage):
    from ledger_app.fpstore import proof_index

    n = 3000
    f = FingerprintStore(tmp_path).write_shard("c", "s", [rec(i, "s") for i in range(n)])
    side = tmp_path / (f.path + proof_index.SUFFIX)
    raw = bytearray(side.read_bytes())
    at_upper = proof_index._HEAD.size + len(FingerprintStore(tmp_path).shard_index(f.path).groups) * 16 + 4
    if damage == "subtree hash":
        raw[at_upper + 5] ^= 1
    elif damage == "group offset":
        raw[proof_index._HEAD.size + 15] ^= 8  # the first group's leaf hashes "start" 8 bytes off
    elif damage == "truncated":
        del raw[-7:]
    elif damage == "other file size":
        raw[12] ^= 1
    elif damage == "eighth hash":  # the hash of leaves 8-15's subtree: a proof of leaf 5 uses it
        raw[len(raw) - (n // 64 * 8) * 32 + 32 + 3] ^= 1
    elif damage == "swapped":  # another shard's side index of as many leaves, its file size made this one's
        other = FingerprintStore(tmp_path).write_shard("c", "t", [rec(i + 1, "t") for i in range(n)])
        raw = bytearray((tmp_path / (other.path + proof_index.SUFFIX)).read_bytes())
        raw[5:13] = (tmp_path / f.path).stat().st_size.to_bytes(8, "big")
    elif damage == "version 1":  # as written before the subtrees of 8 (an older store): still used
        idx = FingerprintStore(tmp_path).shard_index(f.path)
        raw = bytearray(proof_index.encode(idx, (tmp_path / f.path).stat().st_size))
        assert raw[:5] == proof_index.MAGIC_V1
    if damage == "missing":
        side.unlink()
    else:
        side.write_bytes(bytes(raw))
    hashes = [merkle.leaf_hash(f'{{"item":{i}}}'.encode()) for i in range(n)]
    st = FingerprintStore(tmp_path)
    for i in (5, 70, 2100, n - 1):
        leaf, size, proof, root = st.inner_proof(f.path, i)
        assert (leaf, size, root, proof) == (f'{{"item":{i}}}'.encode(), n, f.root, merkle.inclusion_proof(i, hashes))
    # A wrong offset is caught per read; a version 1 index is used as it is.
    assert st.shard_index(f.path).side == (damage in ("group offset", "version 1"))
    if damage == "version 1":
        assert st.shard_index(f.path).eighths_at is None


@pytest.mark.parametrize("change", ["eighths altered", "truncated"])
def test_a_side_index_changed_after_it_was_read_costs_a_footer_parse(tmp_path, change):
    """The subtrees of 8 are read from the side index per proof, not kept: a file changed since its
    index was read gives a proof that fails its check, built again from the footer."""
    from ledger_app.fpstore import proof_index

    n = 1000
    f = FingerprintStore(tmp_path).write_shard("c", "s", [rec(i, "s") for i in range(n)])
    hashes = [merkle.leaf_hash(f'{{"item":{i}}}'.encode()) for i in range(n)]
    st = FingerprintStore(tmp_path)
    assert st.inner_proof(f.path, 3)[2] == merkle.inclusion_proof(3, hashes) and st.shard_index(f.path).side
    side = tmp_path / (f.path + proof_index.SUFFIX)
    raw = side.read_bytes()
    side.write_bytes(bytes(b ^ 0x55 for b in raw[: -32 * 100]) if change == "truncated"
                     else raw[: -32 * 100] + bytes(32 * 100))
    for i in (3, 500, 950, n - 1):
        leaf, size, proof, root = st.inner_proof(f.path, i)
        assert (size, root, proof) == (n, f.root, merkle.inclusion_proof(i, hashes))
