"""Purge of an item that is both a database row and a stored item (issue #20): a corpus ingested into
the database, its shard then changed and ingested again with `--store`, so each of its old items has
an item row, a ledger leaf, a row in the shard's store file and a leaf in the shard's tree. The purge
removes the item from both (the item row and the store row marked purged, fingerprints cleared, one
blocklist row, one `item.status` entry, the item once in `takedown.purged`); the certificate lists
the item once, carries its two-level proof, and verifies offline; a store row set back to live gets
no certificate."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from legal_helpers import ARTICLES, cli, verify_offline, write_jsonl_corpus

from ledger_app.core.errors import UserError
from ledger_app.services.certificates import certify
from ledger_app.takedown.locate import Found

ITEM = "news:news-000.jsonl#id=a1"


def db_status(services, item_id: str) -> str | None:
    db = sqlite3.connect(services.ws.path / "ledger.db")
    row = db.execute("SELECT status FROM item WHERE id = ?", (item_id,)).fetchone()
    db.close()
    return row[0] if row else None


@pytest.fixture()
def dual(services, tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "news"
    write_jsonl_corpus(corpus, [f"https://news.example/a/{i}" for i in range(4)], "news-000.jsonl")
    ws = services.ws.path
    run = lambda *a: cli(ws, *a, capsys=capsys, monkeypatch=monkeypatch)  # noqa: E731
    assert run("corpus", "add", "news", str(corpus), "--format", "jsonl")[0] == 0
    assert run("ingest", "news")[0] == 0  # database items
    with open(corpus / "news-000.jsonl", "a", encoding="utf-8") as f:  # the shard grows ...
        f.write(json.dumps({"id": "a9", "text": "A late addition about the harbour ferry timetable.",
                            "url": "https://news.example/a/9"}) + "\n")
    rc, out, err = run("ingest", "news", "--store")  # ... and is ingested again into the store
    assert rc == 0, err
    assert db_status(services, ITEM) not in (None, "purged")  # a database item ...
    assert services.corpus.stored.item(ITEM)["status"] != "purged"  # ... and a stored one
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/1"])).id
    work = td.works(rid)[0]
    td.record_matches(rid, td.request_record(rid), [Found(ITEM, work.id, "url", "exact")])
    for step in (("review", str(rid), "--accept-all"), ("approve", str(rid)),
                 ("ownership", str(rid), "--evidence", "the publisher's archive")):
        assert run("takedown", *step)[0] == 0
    rc, out, err = run("takedown", "purge", str(rid))
    assert rc == 0, err
    return services, rid, corpus, run


def test_the_purge_reaches_the_item_row_and_the_stored_row(dual, tmp_path):
    services, rid, corpus, run = dual
    text = (corpus / "news-000.jsonl").read_text(encoding="utf-8")
    assert ARTICLES[1] not in text and ARTICLES[0] in text
    assert db_status(services, ITEM) == "purged"
    row = services.corpus.stored.item(ITEM)
    assert row["status"] == "purged" and row["key"] == f"news-000.jsonl#id=a1@purged-r{rid}"
    assert row["fp_data"] is None and row["fp_kind"] is None and row["pdq"] is None
    assert services.corpus.stored.item("news:news-000.jsonl#id=a2")["status"] != "purged"
    rc, out, err = run("log", "verify", "--store")
    assert rc == 0, err
    # Recorded once: one purged item in the signed entry, one item.status entry, one blocklist row.
    payload = services.ledger.show(services.ws.store.entries(0, types=["takedown.purged"])[-1].index).payload
    assert [i["item"] for i in payload["items"]] == [ITEM]
    statuses = [e for e in services.ws.store.entries(0, types=["item.status"])
                if services.ledger.show(e.index).payload.get("request") == rid]
    assert len(statuses) == 1
    db = sqlite3.connect(services.ws.path / "ledger.db")
    blocked = db.execute("SELECT sha256 FROM blocklist WHERE request_id = ?", (rid,)).fetchall()
    db.close()
    assert blocked == [(payload["items"][0]["sha256"],)]

    # The certificate: the item once, and the two-level proof of its stored row.
    cert = tmp_path / "cert.json"
    rc, out, err = run("takedown", "certificate", str(rid), "-o", str(cert))
    assert rc == 0, err
    doc = json.loads(cert.read_text())
    assert [i["item_id"] for i in doc["removed_items"]] == [ITEM]
    assert list(doc["stored_item_proofs"]) == [ITEM]
    proof = doc["stored_item_proofs"][ITEM]
    assert proof["manifest_index"] == services.corpus.stored.manifests("news")[("news", "news-000.jsonl")].index
    # The certificate, and the item's two-level proof checked offline on its own by verify.py.
    verify_offline(run, cert, proof, services.ledger.vkey(), tmp_path)


def test_a_stored_row_set_back_to_live_gets_no_certificate(dual, tmp_path):
    """The item row says purged, but the shard's current store file has the item live again."""
    services, rid, corpus, run = dual
    stored = services.corpus.stored
    m = stored.manifests("news")[("news", "news-000.jsonl")]
    rows = stored.store().shard_rows(m.file)
    for r in rows:
        if r["item_id"] == ITEM:
            r["status"], r["key"] = "admitted", "news-000.jsonl#id=a1"
    f = stored.store().write_shard("news", "news-000.jsonl", rows)
    Path(stored.location(), m.file).write_bytes(Path(stored.location(), f.path).read_bytes())
    with pytest.raises(UserError, match=f"{ITEM} is admitted .* in the fingerprint store"):
        certify(services, rid, tmp_path / "c.json")
    assert not (tmp_path / "c.json").exists()
