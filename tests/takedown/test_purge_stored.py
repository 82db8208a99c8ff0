"""Purge of items that live in the fingerprint store (issue #20), end to end through the CLI: ingest
with `--store`, matches on stored items (recorded as the store's locate sweep records them), review,
approve, ownership, purge, certificate, offline verification. The corpus shard loses the item; the
shard's store file is written again with the item's row marked purged and its fingerprint cleared,
under a new `shard.manifest` entry with the same root; the certificate lists the item from the
`takedown.purged` entry and carries its two-level proof, which verify.py checks; an edited store
row or a restored shard gets no certificate.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from legal_helpers import ARTICLES, cli, verify_offline, write_jsonl_corpus

from ledger_app.core.errors import UserError
from ledger_app.services.certificates import certify
from ledger_app.takedown.locate import Found


@pytest.fixture()
def stored_request(services, tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "news"
    write_jsonl_corpus(corpus, [f"https://news.example/a/{i}" for i in range(4)], "news-000.jsonl")
    write_jsonl_corpus(corpus, [f"https://news.example/b/{i}" for i in range(4)], "news-001.jsonl")
    ws = services.ws.path
    run = lambda *a: cli(ws, *a, capsys=capsys, monkeypatch=monkeypatch)  # noqa: E731
    assert run("corpus", "add", "news", str(corpus), "--format", "jsonl")[0] == 0
    rc, out, err = run("ingest", "news", "--store")
    assert rc == 0, err
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/1"])).id
    # What the store's locate sweep records for a stored item found by its URL.
    work = td.works(rid)[0]
    td.record_matches(rid, td.request_record(rid), [Found("news:news-000.jsonl#id=a1", work.id, "url", "exact")])
    return services, rid, corpus, run


def test_a_stored_item_is_purged_and_certified_through_the_cli(stored_request, tmp_path):
    services, rid, corpus, run = stored_request
    stored = services.corpus.stored
    before = stored.manifests("news")
    old_file = before[("news", "news-000.jsonl")].file
    other = (corpus / "news-001.jsonl").read_bytes()
    assert run("takedown", "review", str(rid), "--accept-all")[0] == 0
    assert run("takedown", "approve", str(rid))[0] == 0
    assert run("takedown", "ownership", str(rid), "--evidence", "the publisher's archive")[0] == 0
    rc, out, err = run("takedown", "purge", str(rid))
    assert rc == 0, err
    assert "purged 1 items from 1 shards" in out

    # The corpus shard lost the article and nothing else; the other shard is untouched.
    text = (corpus / "news-000.jsonl").read_text(encoding="utf-8")
    assert ARTICLES[1] not in text and all(a in text for k, a in enumerate(ARTICLES) if k != 1)
    assert (corpus / "news-001.jsonl").read_bytes() == other
    # A new manifest entry names a new file for the shard; same root and count (every leaf kept).
    after = stored.manifests("news")
    m_old, m_new = before[("news", "news-000.jsonl")], after[("news", "news-000.jsonl")]
    assert m_new.index > m_old.index and m_new.file != old_file
    assert (m_new.root, m_new.count) == (m_old.root, m_old.count)
    assert after[("news", "news-001.jsonl")] == before[("news", "news-001.jsonl")]
    row = stored.item("news:news-000.jsonl#id=a1")
    assert row["status"] == "purged" and row["key"] == f"news-000.jsonl#id=a1@purged-r{rid}"
    assert row["fp_data"] is None and row["fp_kind"] is None
    assert stored.item("news:news-000.jsonl#id=a2")["status"] != "purged"
    rc, out, err = run("log", "verify", "--store")
    assert rc == 0, err
    # The ledger's record: the item's status, the new manifest, the purge with the shard digests.
    purged = [e for e in services.ws.store.entries(0, types=["takedown.purged"])]
    payload = services.ledger.show(purged[-1].index).payload
    assert [i["item"] for i in payload["items"]] == ["news:news-000.jsonl#id=a1"]
    assert [s["path"] for s in payload["shards"]] == ["news-000.jsonl"]
    # Purged content never returns: its hash and fingerprint are blocklisted.
    db = sqlite3.connect(services.ws.path / "ledger.db")
    blocked = db.execute("SELECT sha256, kind, fingerprint IS NOT NULL FROM blocklist WHERE request_id = ?", (rid,)).fetchall()
    db.close()
    assert blocked == [(payload["items"][0]["sha256"], "text", 1)]

    cert = tmp_path / "cert.json"
    rc, out, err = run("takedown", "certificate", str(rid), "-o", str(cert))
    assert rc == 0, err
    doc = json.loads(cert.read_text())
    assert [i["item_id"] for i in doc["removed_items"]] == ["news:news-000.jsonl#id=a1"]
    assert doc["removed_items"][0]["sha256"] == payload["items"][0]["sha256"]
    assert doc["removed_items"][0]["location"] == "news-000.jsonl#id=a1"
    assert [s["sha256_after"] for s in doc["shards"]] == [payload["shards"][0]["sha256_after"]]
    proof = doc["stored_item_proofs"]["news:news-000.jsonl#id=a1"]
    assert proof["manifest_index"] == m_new.index
    # The certificate, and the item's two-level proof checked offline on its own by verify.py.
    verify_offline(run, cert, proof, services.ledger.vkey(), tmp_path)


def test_a_store_row_set_back_or_a_restored_shard_gets_no_certificate(stored_request, tmp_path):
    services, rid, corpus, run = stored_request
    original = (corpus / "news-000.jsonl").read_bytes()
    for step in (("review", str(rid), "--accept-all"), ("approve", str(rid)),
                 ("ownership", str(rid), "--evidence", "archive"), ("purge", str(rid))):
        assert run("takedown", *step)[0] == 0
    purged = (corpus / "news-000.jsonl").read_bytes()
    (corpus / "news-000.jsonl").write_bytes(original)  # restored from a backup
    with pytest.raises(UserError, match="changed since"):
        certify(services, rid, tmp_path / "c.json")
    (corpus / "news-000.jsonl").write_bytes(purged)
    # The store file the newest manifest names, replaced by one where the item is live again: the
    # manifest's file digest no longer matches, and the item's status is not the one the ledger says.
    stored = services.corpus.stored
    m = stored.manifests("news")[("news", "news-000.jsonl")]
    rows = stored.store().shard_rows(m.file)
    for r in rows:
        if r["item_id"] == "news:news-000.jsonl#id=a1":
            r["status"], r["key"] = "admitted", "news-000.jsonl#id=a1"
    f = stored.store().write_shard("news", "news-000.jsonl", rows)
    Path(stored.location(), m.file).write_bytes(Path(stored.location(), f.path).read_bytes())
    with pytest.raises(UserError, match="news:news-000.jsonl#id=a1"):
        certify(services, rid, tmp_path / "c.json")
    assert not (tmp_path / "c.json").exists()
