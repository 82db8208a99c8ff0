"""The fingerprint store's schema versions and the sweep's candidate passes (issue #20).

Version 2 keeps the image fingerprint's quality and coarse code in their own small columns, so a
sweep never decodes `fp_data`; version 3 keeps a text fingerprint's keys in `text_keys`, so a text
sweep does not either. Version 1 and 2 files (written here with the old layouts: the old columns,
the old metadata, the same write options) are still read, and a sweep of them finds exactly what a
sweep of the same records written as version 3 finds. The candidate passes are checked against a
brute-force reference (every query code against every stored code)."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from PIL import Image, ImageOps

from ledger_app.core.errors import UserError
from ledger_app.engine.sweep import SweepTask, sweep_unit
from ledger_app.fpstore import schema
from ledger_app.fpstore.store import ROW_GROUP, FingerprintStore
from ledger_app.matching.image import image_fingerprint
from ledger_app.matching.text import TextFingerprint, text_fingerprint
from ledger_app.matching.text_index import _keys
from ledger_app.takedown.locate import StoredWork
from ledger_app.takedown.store_locate import _plan, build_query, count_images

ARTICLE = ("The harbour master counted the boats at dawn while gulls argued over the nets and the tide turned "
           "slowly against the stone wall of the old quay. ") * 4
V1_FIELDS = [f for f in schema.FIELDS if f.name not in schema.ADDED_IN_V2 + schema.ADDED_IN_V3]
V2_FIELDS = [f for f in schema.FIELDS if f.name not in schema.ADDED_IN_V3]


def _jpeg(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.convert("RGB").save(buf, "JPEG", quality=88)
    return buf.getvalue()


def _flip(raw: bytes, rng: random.Random, bits: int) -> bytes:
    out = bytearray(raw)
    for b in rng.sample(range(len(raw) * 8), bits):
        out[b // 8] ^= 1 << (b % 8)
    return bytes(out)


@pytest.fixture(scope="module")
def sources(data_dir) -> list[tuple[bytes, object]]:
    paths = sorted((data_dir / "fixtures" / "pdq" / "labelme-subset").glob("*.jpg"))[2:8]  # detailed photos
    out = []
    for p in paths:
        with Image.open(p) as im:
            small = im.convert("RGB").resize((240, 180))
        for variant in (small, ImageOps.mirror(small).crop((0, 0, 200, 170))):
            data = _jpeg(variant)
            out.append((data, image_fingerprint(data, local="item")))
    return out


def records(shard: str, sources, n: int, seed: int) -> list[dict]:
    """Images (each a source's fingerprint with 0-14 of its coarse bits and 0-40 of each PDQ's bits
    flipped), texts (the article, an excerpt, an unrelated text), purged rows, a row without a
    fingerprint and one whose fingerprint bytes are not an image fingerprint."""
    rng = random.Random(seed)
    recs = []
    for i in range(n):
        rec = {"item_id": f"c:{shard}#{i}", "key": f"{shard}#{i}", "shard": shard, "media_type": "image/jpeg",
               "status": "admitted", "location": f"{shard}#{i}", "leaf": f'{{"item":"{shard}#{i}"}}'.encode(),
               "sha256": hashlib.sha256(f"{shard} {i}".encode()).hexdigest(),
               "url_norm": f"site{i % 7}.example/{i}", "domain": f"site{i % 7}.example", "source_url": f"https://x/{i}"}
        kind = i % 13
        if kind == 11:
            fp = text_fingerprint(ARTICLE if i % 2 else "Minutes of the committee: compost and water rates. " * 5)
            rec.update(media_type="text/plain", fp_kind="text", fp_data=fp.to_bytes())
        elif kind == 12:
            rec.update(fp_kind="image", fp_data=b"XYZ" + bytes(40) if i % 2 else None)
        else:
            _, fp = sources[rng.randrange(len(sources))]
            raw = fp.without_local().to_bytes()
            raw = raw[: schema.IMAGE_COARSE] + _flip(raw[schema.IMAGE_COARSE : schema.IMAGE_COARSE + 8], rng,
                                                     rng.randrange(15)) + raw[schema.IMAGE_COARSE + 8 :]
            if i % 17 == 0:  # an unreliable image: its PDQ hashes are not searched
                raw = raw[: schema.IMAGE_QUALITY] + bytes([10]) + raw[schema.IMAGE_QUALITY + 1 :]
            pdq = b"".join(_flip(h, rng, rng.randrange(41)) for h in fp.stored_hashes())
            rec.update(fp_kind="image", fp_data=raw, pdq=pdq, local_data=fp.local.to_bytes() if i % 3 == 0 else None)
        if i % 29 == 5:
            rec.update(status="purged")
        recs.append(rec)
    return recs


def write_v1(store: FingerprintStore, v3_rel: str, corpus: str = "c", version: int = 1) -> str:
    """The same shard as version 1 (or 2) wrote it: that version's columns and metadata, the old options."""
    table = pq.read_table(f"{store.base}/{v3_rel}")
    meta = dict(table.schema.metadata)
    meta[schema.META_VERSION] = str(version).encode()
    fields = V1_FIELDS if version == 1 else V2_FIELDS
    old = pa.table([table.column(f.name) for f in fields], schema=pa.schema(fields, metadata=meta))
    rel = v3_rel.replace(".parquet", f".v{version}.parquet")
    names = [f.name for f in fields]
    pq.write_table(old, f"{store.base}/{rel}", compression={c: "none" if c == "leaf_hash" else "zstd" for c in names},
                   use_dictionary=[c for c in schema.DICTIONARY if c in names], row_group_size=ROW_GROUP)
    return rel


def query_for(sources, store_location: str, files: list[str], *, texts: bool = True):
    works = [StoredWork(k, "file", hashlib.sha256(data).hexdigest(), sha256=hashlib.sha256(data).hexdigest(),
                        fingerprint=image_fingerprint(data, local="work").to_bytes(), fp_kind="image")
             for k, (data, _) in enumerate(sources[:4:2])]
    works += [StoredWork(10, "hash", hashlib.sha256(b"a 6").hexdigest()), StoredWork(11, "url", "site3.example/10"),
              StoredWork(12, "domain", "site4.example")]
    if texts:
        works.append(StoredWork(20, "text", "article", text=ARTICLE))
    return build_query(_plan(works), count_images(store_location, files))


def hits_of(h) -> dict:
    rows = {r: {k: v for k, v in row.items() if k in ("item_id", "fp_data", "source_url", "sha256")}
            for r, row in h.rows().items()}
    return {"image_items": h.image_items, "exact": h.exact, "urls": h.urls, "domains": h.domains, "pdq": h.pdq,
            "coarse": sorted(h.coarse), "text": h.text, "local": [(w, r, p.tolist()) for w, r, p in h.local],
            "word_df": h.word_df.tolist(), "rows": rows, "shard": h.shard}


def test_version_3_columns_and_version_1_and_2_files_sweep_alike(tmp_path, sources):
    store = FingerprintStore(tmp_path)
    recs = records("a", sources, 5000, 1)
    recs[11]["fp_data"] = recs[11]["fp_data"][:-1]  # a damaged text fingerprint: no keys
    f = store.write_shard("c", "a", recs)
    pf = pq.ParquetFile(tmp_path / f.path)
    assert pf.schema_arrow.metadata[schema.META_VERSION] == b"3"
    got = pq.read_table(tmp_path / f.path, columns=["fp_kind", "fp_data", "quality", "coarse", "text_keys"]).to_pylist()
    for rec, row in zip(recs, got, strict=True):  # quality and coarse are fp_data's header, images only
        image = rec.get("fp_kind") == "image" and (rec.get("fp_data") or b"")[:3] == b"LPF"
        assert row["coarse"] == (rec["fp_data"][12:20] if image else None)
        assert row["quality"] == (rec["fp_data"][11] if image else None)
        try:  # text_keys: what the text index posts for the row's fingerprint, texts only
            keys = _keys(TextFingerprint.from_bytes(rec["fp_data"])).tolist() if rec.get("fp_kind") == "text" else None
        except ValueError:
            keys = None
        assert row["text_keys"] == keys
    assert got[11]["text_keys"] is None and got[24]["text_keys"]
    v1, v2 = write_v1(store, f.path), write_v1(store, f.path, version=2)
    query = query_for(sources, str(tmp_path), [f.path])
    assert "fp_data" not in query.columns(3) and {"coarse", "quality", "text_keys"} <= set(query.columns(3))
    assert "fp_data" not in query.columns(2) and "text_keys" not in query.columns(2)
    assert "fp_data" in query.columns(1) and "coarse" not in query.columns(1)
    new, old, older = (hits_of(sweep_unit(SweepTask(str(tmp_path), rel, query))) for rel in (f.path, v2, v1))
    assert new == old == older
    a = new
    assert a["pdq"] and a["coarse"] and a["text"] and a["exact"] and a["urls"] and a["domains"]
    assert a["image_items"] == sum(r["fp_kind"] == "image" and r["status"] != "purged" for r in recs)
    # The readers accept the version 1 file; a dataset over both versions reads its new columns as null.
    assert store.item("c:a#7", files=[v1])["coarse"] is None and store.item("c:a#7", files=[f.path])["coarse"]
    assert store.inner_proof(v1, 4321)[1:] == store.inner_proof(f.path, 4321)[1:]
    assert count_images(str(tmp_path), [v1]) == count_images(str(tmp_path), [f.path])


def brute_force(recs: list[dict], query) -> tuple[set, set]:
    """(work, row) pairs within radius, every stored code against every query code."""
    coarse, pdq = set(), set()
    q_coarse = query.coarse.view(np.uint64).reshape(-1)
    q_pdq = query.pdq.view(np.uint64).reshape(-1, 4)
    for row, rec in enumerate(recs):
        quality, code = schema.image_header(rec.get("fp_kind"), rec.get("fp_data"))
        if code is None or rec["status"] == "purged":
            continue
        d = np.bitwise_count(q_coarse ^ np.frombuffer(code, np.uint64)[0])
        coarse |= {(int(w), row) for w in query.coarse_work[d <= query.coarse_radius]}
        if quality is not None and quality >= 50 and rec.get("pdq"):
            for h in np.frombuffer(rec["pdq"], np.uint64).reshape(-1, 4):
                d = np.bitwise_count(q_pdq ^ h).sum(1)
                pdq |= {(int(w), row) for w in query.pdq_work[d <= query.pdq_radius]}
    return coarse, pdq


@pytest.mark.parametrize("spread", [0, 3, 6, 12])
def test_the_candidates_are_every_code_within_radius(tmp_path, sources, spread):
    from ledger_app.engine.sweep import group_codes

    store = FingerprintStore(tmp_path)
    recs = records("a", sources, 3000, 4)
    f = store.write_shard("c", "a", recs)
    query = query_for(sources, str(tmp_path), [f.path], texts=False)
    codes, works, radii, groups = group_codes(query.coarse, query.coarse_work, query.coarse_radius, spread)
    assert sorted(map(bytes, codes)) == sorted(map(bytes, query.coarse)) and len(groups) > 2
    query = dataclasses.replace(query, coarse=codes, coarse_work=works, coarse_radius=radii, coarse_groups=groups)
    hits = sweep_unit(SweepTask(str(tmp_path), f.path, query))
    coarse, pdq = brute_force(recs, query)
    assert set(hits.coarse) == coarse and len(hits.coarse) == len(coarse) and coarse
    assert set(hits.pdq) == pdq and len(hits.pdq) == len(pdq) and pdq


def test_quality_and_coarse_are_derived_from_fp_data_by_both_writers(tmp_path, sources):
    recs = records("a", sources, 400, 5)
    kinds = pa.array([r.get("fp_kind") for r in recs], pa.string())
    datas = pa.array([r.get("fp_data") for r in recs], pa.binary())
    expected = [schema.image_header(r.get("fp_kind"), r.get("fp_data")) for r in recs]
    for lo in (0, 3):
        quality, coarse = schema.image_columns(kinds.slice(lo), datas.slice(lo))
        assert list(zip(quality.to_pylist(), coarse.to_pylist(), strict=True)) == expected[lo:]
    store = FingerprintStore(tmp_path)
    want = pa.schema([f for f in schema.FIELDS if f.name not in ("leaf_index", "leaf_hash")])
    lies = [{**r, "quality": 99, "coarse": b"\xff" * 8} for r in recs]  # what a caller claims is never kept
    for r in lies:
        r["sha256"] = bytes.fromhex(r["sha256"])
    by_columns = store.write_columns("c", "a", pa.Table.from_pylist(lies, schema=want))
    by_rows = store.write_shard("c", "a", [{**r, "quality": 99, "coarse": b"\xff" * 8} for r in recs])
    assert (tmp_path / by_columns.path).read_bytes() == (tmp_path / by_rows.path).read_bytes()
    got = pq.read_table(tmp_path / by_rows.path, columns=["quality", "coarse"])
    assert list(zip(got.column("quality").to_pylist(), got.column("coarse").to_pylist(), strict=True)) == expected


def test_a_text_only_query_reads_fingerprints_of_text_rows_only(tmp_path, sources):
    store = FingerprintStore(tmp_path)
    f = store.write_shard("c", "a", records("a", sources, 300, 2))
    works = [StoredWork(20, "text", "article", text=ARTICLE)]
    query = build_query(_plan(works), 0)
    assert query.columns(2) == ["status", "fp_kind"] and query.columns(3) == ["status", "fp_kind", "text_keys"]
    hits = sweep_unit(SweepTask(str(tmp_path), f.path, query))
    assert sorted(r for _, r in hits.text) == [i for i in range(300) if i % 13 == 11 and i % 2 and i % 29 != 5]


def test_an_unknown_version_is_refused(tmp_path, sources):
    store = FingerprintStore(tmp_path)
    f = store.write_shard("c", "a", records("a", sources, 20, 3))
    table = pq.read_table(tmp_path / f.path)
    pq.write_table(table.replace_schema_metadata({**table.schema.metadata, schema.META_VERSION: b"9"}),
                   tmp_path / f.path)
    with pytest.raises(UserError, match="schema version 9, not one of 1, 2, 3"):
        sweep_unit(SweepTask(str(tmp_path), f.path, query_for(sources, str(tmp_path), [])))
    assert Path(tmp_path / f.path).exists()
