"""Ingest end to end on real files: C2PA policy, hostile input, resumability, personal data."""

from __future__ import annotations

import gzip
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import textwrap

import numpy as np
import pytest
from PIL import Image

from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace

PASS = "ingest-test-pass"


def photo(seed: int, size=(320, 240)) -> bytes:
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)
    im = Image.fromarray(base).resize(size, Image.Resampling.BICUBIC)
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=90)
    return buf.getvalue()


@pytest.fixture()
def svc(tmp_path):
    ledger = LedgerService(Workspace(tmp_path / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/ingest-test")
    return CorpusService(ledger)


def statuses(svc, corpus):
    return {r.id.split(":", 1)[1]: (r.status, r.status_reason) for r in svc.items(corpus=corpus)}


def test_real_c2pa_assets_follow_the_policy(svc, data_dir, tmp_path):
    src = data_dir / "fixtures" / "c2pa"
    corpus = tmp_path / "assets"
    corpus.mkdir()
    for f in ["A.jpg", "C.jpg", "C_with_CAWG_data.jpg", "XCA.jpg", "E-sig-CA.jpg", "cloud.jpg",
              "file_with_wrong_extension.xyz.jpg", "sample1_signed.wav"]:
        shutil.copy(src / f, corpus / f)
    svc.add_corpus("assets", corpus)
    rep = svc.ingest("assets", workers=2)
    assert rep.items_new == 8
    st = statuses(svc, "assets")
    assert st["A.jpg"][0] == "admitted"
    assert st["C.jpg"][0] == "admitted"
    assert st["C_with_CAWG_data.jpg"][0] == "quarantined"
    assert "cawg.ai_generative_training" in st["C_with_CAWG_data.jpg"][1]
    assert st["sample1_signed.wav"][0] == "quarantined"
    assert st["XCA.jpg"][0] == "quarantined" and "Invalid" in st["XCA.jpg"][1]
    assert st["cloud.jpg"][0] == "quarantined" and "remote" in st["cloud.jpg"][1]
    item = svc.item("assets:C_with_CAWG_data.jpg")
    assert item.c2pa["state"] == "Valid"
    assert item.c2pa["training_mining"]["cawg.ai_generative_training"] == "notAllowed"
    assert item.media_type == "image/jpeg"
    assert svc.item("assets:file_with_wrong_extension.xyz.jpg").media_type == "image/jpeg"
    assert svc.item("assets:sample1_signed.wav").media_type.startswith("audio/")
    # Every decision is a ledger entry, and the ledger verifies.
    e = svc.ledger.show(item.entry_index)
    assert e.type == "item.ingested" and e.payload["status"] == "quarantined"
    assert svc.ledger.verify().entries == 1 + 1 + 8


def test_trusted_and_permissions_with_our_own_ca(svc, tmp_path):
    from ledger_app.provenance.testsign import make_demo_ca, sign_jpeg

    ca = make_demo_ca("Ingest Test CA")
    corpus = tmp_path / "signed"
    corpus.mkdir()
    (corpus / "ok.jpg").write_bytes(sign_jpeg(photo(1), ca, title="ok"))
    (corpus / "no.jpg").write_bytes(
        sign_jpeg(photo(2), ca, title="no", training_mining={"c2pa.ai_generative_training": "notAllowed"})
    )
    (corpus / "ai.jpg").write_bytes(
        sign_jpeg(photo(3), ca, title="ai", digital_source_type="trainedAlgorithmicMedia")
    )
    tampered = bytearray(sign_jpeg(photo(4), ca, title="t"))
    tampered[-200] ^= 0xFF
    (corpus / "tampered.jpg").write_bytes(bytes(tampered))
    anchor = tmp_path / "root.pem"
    anchor.write_text(ca.root_pem)
    assert svc.add_trust_anchor(anchor.read_text()).added
    svc.add_corpus("signed", corpus)
    svc.ingest("signed", workers=1)
    items = {r.id.split(":")[1]: r for r in svc.items(corpus="signed")}
    assert items["ok.jpg"].c2pa["state"] == "Trusted" and items["ok.jpg"].status == "admitted"
    assert items["no.jpg"].status == "quarantined"
    assert "c2pa.ai_generative_training" in items["no.jpg"].status_reason
    assert items["ai.jpg"].c2pa["ai_generated"] is True
    assert items["tampered.jpg"].status in {"quarantined", "refused"}


def _tar_add(tf, name, data=b"", **attrs):
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    for k, v in attrs.items():
        setattr(ti, k, v)
    tf.addfile(ti, io.BytesIO(data) if data else None)


def test_hostile_and_broken_input_is_refused_with_reasons(svc, tmp_path):
    root = tmp_path / "wds"
    root.mkdir()
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    with tarfile.open(root / "shard-000.tar", "w") as tf:
        for i in range(3):
            _tar_add(tf, f"{i:04d}.jpg", photo(10 + i))
            _tar_add(tf, f"{i:04d}.json", json.dumps({"url": f"https://Example.com/p/{i}/", "account": f"user{i}"}).encode())
        _tar_add(tf, "../evil.jpg", photo(20))
        _tar_add(tf, "/etc/passwd.jpg", photo(21))
        _tar_add(tf, "link.jpg", type=tarfile.SYMTYPE, linkname=str(secret))
        _tar_add(tf, "hard.jpg", type=tarfile.LNKTYPE, linkname="0000.jpg")
        _tar_add(tf, "dev.jpg", type=tarfile.CHRTYPE)
        _tar_add(tf, "0005.jpg", photo(22)[:600])  # truncated image
    svc.add_corpus("wds", root)
    svc.ingest("wds")
    items = svc.items(corpus="wds")
    by_status = {}
    for r in items:
        by_status.setdefault(r.status, []).append(r)
    assert len(by_status["admitted"]) == 3
    refused = by_status["refused"]
    assert len(refused) >= 6
    assert all(r.status_reason for r in refused)
    assert not (tmp_path / "evil.jpg").exists()
    # Personal data: the uploader account never reaches a leaf; the URL is normalised for matching.
    for r in by_status["admitted"]:
        leaf = svc.ledger.show(r.entry_index).leaf_data
        assert b"user" not in leaf
    with svc.ws.engine.connect() as conn:
        urls = {row[0] for row in conn.exec_driver_sql("SELECT url_norm FROM item WHERE url_norm IS NOT NULL")}
    assert "example.com/p/0" in urls


def test_jsonl_with_bad_lines(svc, tmp_path):
    root = tmp_path / "news"
    root.mkdir()
    lines = [
        json.dumps({"id": "a1", "text": "The council approved the budget on Tuesday.", "url": "https://news.example/a1"}),
        "{not json",
        json.dumps({"id": "a2", "text": "记者报道，新的铁路线将于明年开通。", "url": "https://news.example/a2"}),
        json.dumps({"id": "a3"}),
    ]
    (root / "news-000.jsonl").write_text("\n".join(lines) + "\n")
    with gzip.open(root / "news-001.jsonl.gz", "wb") as f:
        f.write((json.dumps({"id": "b1", "text": "Second shard story."}) + "\n").encode())
    data = (root / "news-001.jsonl.gz").read_bytes()
    (root / "news-002.jsonl.gz").write_bytes(gzip.compress(b'{"id":"c1","text":"ok"}\n' * 50)[:-30])
    svc.add_corpus("news", root)
    svc.ingest("news")
    st = statuses(svc, "news")
    assert st["news-000.jsonl#id=a1"][0] == "admitted"
    assert st["news-000.jsonl#id=a2"][0] == "admitted"
    assert st["news-001.jsonl.gz#id=b1"][0] == "admitted"
    refused = [k for k, v in st.items() if v[0] == "refused"]
    assert len(refused) >= 3  # the bad line, the record without text, the truncated gzip
    assert "Line 2 is not valid JSON" in st["news-000.jsonl#line=2"][1]
    assert svc.item("news:news-000.jsonl#id=a1").media_type == "text/plain"
    assert data


def test_killed_ingest_resumes_to_the_same_result(svc, tmp_path):
    root = tmp_path / "many"
    root.mkdir()
    for i in range(200):
        (root / f"p{i:03d}.jpg").write_bytes(photo(100 + i, (96, 72)))
    svc.add_corpus("many", root)
    ws = svc.ws.path
    code = textwrap.dedent(
        """
        import sys, pathlib
        from ledger_app.services import LedgerService
        from ledger_app.services.corpora import CorpusService
        from ledger_app.services.workspace import Workspace
        svc = CorpusService(LedgerService(Workspace(pathlib.Path(sys.argv[1])), passphrase=lambda c: sys.argv[2]))
        def on_batch(rep):
            print(rep.items_new, flush=True)
        svc.ingest("many", workers=2, on_batch=on_batch)
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(ws), PASS], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    first = proc.stdout.readline()  # at least one unit committed
    assert first.strip()
    os.killpg(proc.pid, signal.SIGKILL)  # the ingest and its worker processes, mid-batch
    proc.wait()
    partial = svc.count_items(corpus="many")
    assert 0 < partial <= 200
    rep = svc.ingest("many")
    assert svc.count_items(corpus="many") == 200
    assert rep.items_new == 200 - partial
    ids = [r.id for r in svc.items(corpus="many")]
    assert len(ids) == len(set(ids)) == 200
    assert svc.ledger.verify().entries == 1 + 1 + 200
    again = svc.ingest("many")
    assert again.items_new == 0 and again.shards_skipped == again.shards_total
