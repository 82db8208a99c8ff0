"""The bench's direct store writer (bench/store_synth.py) and the product's column writer it uses
(`FingerprintStore.write_columns`): the file is the one `write_shard` writes from the same records,
the items are what the bench says they are (leaves as `encode_entry` writes them, hashes of real
content, PDQ within 8 bits of a real photo's), and the product's reader, sweep and two-level proofs
read the store."""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from collections import namedtuple
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import bench_store  # noqa: E402
import store_synth  # noqa: E402

from ledger_app.core.language import script_language  # noqa: E402
from ledger_app.core.urls import url_domain, url_key  # noqa: E402
from ledger_app.engine.sweep import SweepQuery, open_file, sweep_file  # noqa: E402
from ledger_app.fpstore import schema  # noqa: E402
from ledger_app.fpstore.store import FingerprintStore  # noqa: E402
from ledger_app.ledger import merkle  # noqa: E402
from ledger_app.ledger.entries import decode_entry, encode_entry  # noqa: E402
from ledger_app.ledger.manifest import verify_item_proof  # noqa: E402
from ledger_app.matching.image import ImageFingerprint  # noqa: E402
from ledger_app.matching.text import TextFingerprint, text_fingerprint  # noqa: E402
from ledger_app.matching.text_index import band_keys  # noqa: E402


@pytest.fixture(scope="module")
def base():
    return bench_store.bases(6)


@pytest.fixture(scope="module")
def texts():
    """Documents of this repository's own paragraphs (the bench's, from the whole machine, take longer to gather)."""
    paras = [p.strip() for f in sorted((REPO / "docs").glob("*.md")) for p in f.read_text().split("\n\n")
             if len(p.split()) > 30]
    assert len(paras) > 40
    return store_synth.text_bases(20, paras=paras)


@pytest.fixture(scope="module")
def shards(base, texts, tmp_path_factory):
    d = tmp_path_factory.mktemp("synth")
    st = FingerprintStore(d / "store")
    bases = store_synth.Bases.of(base, False, texts)
    files = [store_synth.write_shard(st, 0, 3000, bases), store_synth.write_shard(st, 7, 130, bases)]
    return d, st, files


def test_write_columns_is_write_shard(shards, tmp_path):
    """The same records through the dict writer give the same file, byte for byte."""
    _, st, files = shards
    other = FingerprintStore(tmp_path)
    for f in files:
        rows = st.read_shard(f.path).to_pylist()
        again = other.write_shard("bench", f.shard, rows)
        assert (again.path, again.root, again.sha256, again.count) == (f.path, f.root, f.sha256, f.count)
        assert f.root == merkle.root([merkle.leaf_hash(r["leaf"]) for r in rows])


def test_items_are_what_the_bench_says(shards, base, texts):
    _, st, files = shards
    rows = st.shard_rows(files[1].path) + st.shard_rows(files[0].path)[::29]
    kinds = [r["fp_kind"] for r in rows]
    assert 5 < kinds.count("text") < 40 and kinds.count("image") > 80
    stored = np.frombuffer(b"".join(b"".join(b[1]) for b in base), np.uint8).reshape(len(base), -1, 32)
    for r in rows:
        i = int(r["member"])
        assert r["item_id"] == f"bench:{r['shard']}#{i:09d}" and r["key"] == r["location"] == r["item_id"][6:]
        assert i // store_synth.SHARD == int(r["shard"][6:12]) and r["leaf_index"] == i % store_synth.SHARD
        # The leaf: decoded strictly, and encoded again by encode_entry to the same bytes.
        e = decode_entry(r["leaf"])
        assert e.payload == store_synth.leaf_payload(r["item_id"], r["sha256"], r["account"], e.payload["url"],
                                                     r["media_type"])
        assert encode_entry(e.type, e.payload, actor=e.actor, ts=e.ts) == r["leaf"]
        assert r["url_norm"] == url_key(r["source_url"]) == store_synth.url_norm(i)
        assert r["domain"] == url_domain(r["source_url"])
        if r["fp_kind"] == "text":  # a real document's text and fingerprint, as ingest stores them
            k = [j for j, t in enumerate(texts) if hashlib.sha256(t[0] + i.to_bytes(8, "big")).hexdigest() == r["sha256"]]
            assert len(k) == 1 and r["size"] == len(texts[k[0]][0]) + 8 and r["media_type"] == "text/plain"
            text = texts[k[0]][0].decode()
            assert r["fp_data"] == text_fingerprint(text).to_bytes() and r["pdq"] is None
            assert r["language"] == script_language(text) and r["source_url"].endswith(".html")
            continue
        assert r["media_type"] == "image/jpeg" and r["language"] is None
        # The content hash is a real photo's bytes and the item's number; the PDQ within 8 bits of its.
        k = [j for j, b in enumerate(base) if hashlib.sha256(b[0] + i.to_bytes(8, "big")).hexdigest() == r["sha256"]]
        assert len(k) == 1 and r["size"] == len(base[k[0]][0]) + 8
        pdq = np.frombuffer(r["pdq"], np.uint8).reshape(-1, 32)
        assert (np.unpackbits(pdq ^ stored[k[0]], axis=1).sum(axis=1) <= 8).all()
        fp = ImageFingerprint.from_bytes(r["fp_data"])
        assert fp.thumb == b"" and fp.pdq == ImageFingerprint.from_bytes(base[k[0]][3]).pdq


def test_hosts_are_skewed(shards):
    """A few hosts hold most items (Zipf), as on the web, not one host per item number modulo."""
    _, st, files = shards
    hosts = [r["domain"] for r in st.shard_rows(files[0].path, ["domain"])]
    counts = sorted((hosts.count(h) for h in set(hosts)), reverse=True)
    assert counts[0] > 100 * counts[-1] and sum(counts[:10]) > 0.2 * len(hosts) and len(counts) > 500


def test_sweep_reads_the_store(shards, base, texts):
    """The product's sweep finds an item by hash, URL, domain, PDQ (a base's hash within radius) and
    text (a base document's shingle sample and MinHash bands)."""
    d, st, files = shards
    f = files[0]
    row = st.shard_rows(f.path)[1234]
    target = np.frombuffer(base[2][1][0], np.uint8)[None, :]
    fp = TextFingerprint.from_bytes(texts[3][1])
    keys = np.unique(np.concatenate([fp.sample, band_keys(fp.minhash)]))
    q = SweepQuery(sha256=(bytes.fromhex(row["sha256"]),), urls=(row["url_norm"],), domains=(row["domain"],),
                   pdq=target, pdq_work=np.zeros(1, np.int32), pdq_radius=np.full(1, 8, np.int32),
                   text_keys=keys, text_work=np.zeros(len(keys), np.int32))
    hits = sweep_file(open_file(str(d / "store"), f.path), f.path, q)
    assert hits.exact == [(0, 1234)] and hits.urls == [(0, 1234)] and (0, 1234) in hits.domains
    rows = st.shard_rows(f.path, ["sha256", "fp_kind"])
    copies = [k for k, r in enumerate(rows) if r["sha256"] == hashlib.sha256(base[2][0] + k.to_bytes(8, "big")).hexdigest()]
    assert len(copies) > 300 and {row for _, row in hits.pdq} == set(copies)
    text_copies = {k for k, r in enumerate(rows)
                   if r["sha256"] == hashlib.sha256(texts[3][0] + k.to_bytes(8, "big")).hexdigest()}
    assert len(text_copies) > 3 and text_copies <= {row for _, row in hits.text}
    assert hits.image_items == sum(r["fp_kind"] == "image" for r in rows) < f.count


def test_refusals(shards, tmp_path):
    _, st, files = shards
    table = st.read_shard(files[1].path).drop_columns(["leaf_index", "leaf_hash"])
    other = FingerprintStore(tmp_path)
    with pytest.raises(ValueError, match="another shard"):
        other.write_columns("bench", "shard-000008.tar", table)
    with pytest.raises(ValueError, match="not the store's schema"):
        other.write_columns("bench", files[1].shard, table.drop_columns(["pdq"]))
    leaf = table.schema.get_field_index("leaf")
    holed = table.set_column(leaf, table.schema.field(leaf), pa.array([None] + table.column("leaf").to_pylist()[1:],
                                                                         pa.binary()))
    with pytest.raises(ValueError, match="lacks 'leaf'"):
        other.write_columns("bench", files[1].shard, holed)
    assert other.files() == []


def test_a_new_schema_column_stops_the_writer(base, texts, monkeypatch):
    monkeypatch.setattr(schema, "SCHEMA", schema.SCHEMA.append(pa.field("novel", pa.binary())))
    with pytest.raises(RuntimeError, match="novel"):
        store_synth.shard_table(0, 10, store_synth.Bases.of(base, False, texts))


def test_build_proofs_and_cache(base, texts, tmp_path, monkeypatch):
    """A cached build: manifests in the product's ledger, two-level proofs that verify, reused when
    whole, built again when a file is damaged, refused when the disk is short."""
    monkeypatch.setenv("LEDGER_BENCH_CACHE", str(tmp_path))
    monkeypatch.setattr(store_synth, "SHARD", 1000)
    n = 4_500
    built = store_synth.build(n, base, texts, workers=0, log=lambda *a: None)
    assert not built.reused and [f.count for _, f in built.manifests] == [1000] * 4 + [500]
    assert built.stats["first_shard_other_bytes"] > built.stats["first_shard_bytes"]  # the thumbnails (6 bases here)

    from ledger_app.services import LedgerService
    from ledger_app.services.stored import StoredItems
    from ledger_app.services.workspace import Workspace

    svc = LedgerService(Workspace(built.work / "ws"), passphrase=lambda confirm: "bench passphrase")
    svc.ws.settings.set("store.location", str(built.work / "store"))
    stored = StoredItems(svc)
    store = FingerprintStore(built.work / "store")
    for (idx, f), k in zip(built.manifests, [0, 999, 517, 63, 499], strict=True):
        assert json.loads(svc.ws.store.entry(idx).leaf)["payload"]["root"] == f.root.hex()
        row = store.shard_rows(f.path, ["item_id", "shard", "leaf_index", "leaf"])[k]
        verified = verify_item_proof(stored.build_proof(row["item_id"], row), svc.known_verifiers())
        assert verified.item == row["item_id"]

    assert store_synth.build(n, base, texts, workers=0).reused
    monkeypatch.setattr(store_synth, "code_digest", lambda: "another writer")
    assert not store_synth.build(n, base, texts, workers=0, log=lambda *a: None).reused
    assert store_synth.build(n, base, texts, workers=0).reused
    victim = built.work / "store" / built.manifests[2][1].path
    victim.write_bytes(victim.read_bytes()[:-1])
    assert not store_synth.build(n, base, texts, workers=0, log=lambda *a: None).reused

    Usage = namedtuple("Usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Usage(10**12, 0, 10**9))
    with pytest.raises(SystemExit, match="need about .* GB and 10 GB must stay free, but 1.0 GB are free"):
        store_synth.build(n, base, texts, workers=0, rebuild=True)


def test_quality_and_coarse_are_the_fingerprints(shards):
    """The sweep's image columns (schema version 2) hold the header of each item's fp_data."""
    _, st, files = shards
    for r in st.shard_rows(files[1].path, ["fp_kind", "fp_data", "quality", "coarse"]):
        assert (r["quality"], r["coarse"]) == schema.image_header(r["fp_kind"], r["fp_data"])
        assert (r["coarse"] is not None) == (r["fp_kind"] == "image")


def test_request_urls_are_items_on_hosts_drawn_uniformly():
    urls = store_synth.request_urls(200_000)
    hosts = [u.split("/", 1)[0] for u in urls]
    assert len(urls) == 100 and len(set(hosts)) == 100
    for u in urls:
        i = int(u.rsplit("/", 1)[1].split(".", 1)[0])
        assert i < 200_000 and store_synth.url_norm(i) == u
    ranks = sorted(int(h.split("site", 1)[1].split(".", 1)[0]) for h in hosts)
    assert ranks[50] > 1000  # not the largest hosts, as items drawn in proportion would give
