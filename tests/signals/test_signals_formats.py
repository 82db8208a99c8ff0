"""The evidence reaches an item from every format: WebDataset `.json` sidecars, Parquet columns (a map
of headers, a timestamp), JSONL fields; and on PostgreSQL as on SQLite."""

from __future__ import annotations

import io
import json
import tarfile
from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from signal_corpus import photo

from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace

PASS = "signals-formats-pass"


def _svc(tmp_path, db_url=None):
    ledger = LedgerService(Workspace(tmp_path / "ws", db_url=db_url), passphrase=lambda c: PASS)
    ledger.init("example.com/signals-formats")
    return CorpusService(ledger)


def _add(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    tf.addfile(ti, io.BytesIO(data))


def _webdataset(root):
    d = root / "wds"
    d.mkdir()
    with tarfile.open(d / "shard-000.tar", "w") as tf:
        for k, headers in enumerate([{"X-Robots-Tag": "noimageai"}, {"Content-Usage": "train-ai=y"}, None]):
            _add(tf, f"{k:04d}.jpg", photo(700 + k))
            meta = {"url": f"https://img.example/{k}.jpg", "crawl_time": "20250601120000"}
            if headers:
                meta["response_headers"] = headers
            _add(tf, f"{k:04d}.json", json.dumps(meta).encode())
    return d


def _parquet(root):
    d = root / "pq"
    d.mkdir()
    headers = pa.array([[("content-usage", "train-ai=n")], [("tdm-reservation", "0")], []],
                       type=pa.map_(pa.string(), pa.string()))
    table = pa.table({
        "id": ["a", "b", "c"],
        "text": ["first page of text here", "second page of text here", "third page of text here"],
        "url": ["https://pq.example/a", "https://pq.example/b", "https://pq.example/c"],
        "headers": headers,
        "fetch_time": pa.array([datetime(2025, 6, 1, 12, tzinfo=UTC)] * 3, type=pa.timestamp("s", tz="UTC")),
    })
    pq.write_table(table, d / "part-000.parquet")
    return d


def _check(svc) -> None:
    wds = {it.id.rsplit("#", 1)[-1]: it for it in svc.items(corpus="wds")}
    assert wds["0000"].status == "quarantined" and "x-robots-tag 'noimageai'" in wds["0000"].status_reason
    assert wds["0001"].signals["uses"]["train-ai"] == "allowed" and wds["0001"].status == "admitted"
    assert wds["0002"].signals["fetched_at"] == "2025-06-01T12:00:00Z" and wds["0002"].status == "admitted"
    assert all(it.fetched_at == "2025-06-01T12:00:00Z" for it in wds.values())
    rows = {it.id.rsplit("=", 1)[-1]: it for it in svc.items(corpus="pq")}
    assert rows["a"].status == "quarantined" and "content-usage 'train-ai=n'" in rows["a"].status_reason
    assert rows["b"].signals["uses"]["train-ai"] == "allowed"
    assert rows["c"].status == "admitted" and rows["c"].fetched_at == "2025-06-01T12:00:00Z"


def test_webdataset_sidecars_and_parquet_columns(tmp_path):
    svc = _svc(tmp_path)
    svc.add_corpus("wds", _webdataset(tmp_path))
    svc.add_corpus("pq", _parquet(tmp_path), fmt="parquet")
    svc.ingest("wds", workers=1)
    svc.ingest("pq", workers=1)
    _check(svc)


@pytest.mark.skipif(__import__("os").environ.get("LEDGER_SKIP_POSTGRES") == "1", reason="LEDGER_SKIP_POSTGRES=1")
def test_on_postgresql_with_a_snapshot_and_the_summary(tmp_path):
    """The same on a team database, plus a policy snapshot and the AI Act summary."""
    import secrets

    import psycopg

    name = f"ledger_test_signals_{secrets.token_hex(4)}"
    # The team tests' server (tests/team/teamkit.py): LEDGER_TEST_PG_ADMIN, else the local trust server.
    admin = __import__("os").environ.get("LEDGER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
    admin = admin.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        svc = _svc(tmp_path, admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + f"/{name}")
        snap = tmp_path / "snap" / "pq.example"
        snap.mkdir(parents=True)
        (snap / "robots.txt").write_text("User-Agent: *\nContent-Usage: /c train-ai=n\n")
        svc.add_corpus("wds", _webdataset(tmp_path), source_kind="crawled")
        svc.add_corpus("pq", _parquet(tmp_path), fmt="parquet", policy_snapshot=tmp_path / "snap")
        svc.ingest("wds", workers=1)
        svc.ingest("pq", workers=1)
        c = next(it for it in svc.items(corpus="pq") if it.id.endswith("=c"))
        assert c.status == "quarantined" and "https://pq.example/robots.txt line 2" in c.status_reason
        s = svc.ai_act_summary(issue=False)
        assert s.sections["3_processing"]["3_1_opt_outs"]["excluded_per_signal"] == {
            "content-usage": 2, "x-robots-tag": 1}
        doc = svc.ai_act_summary().document
        from ledger_app.verify import verify_document

        verify_document(json.loads(json.dumps(doc)), svc.ledger.vkey())
        svc.ws.dispose()
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
