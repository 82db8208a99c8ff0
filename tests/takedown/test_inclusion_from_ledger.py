"""Inclusion reports state what the signed ledger entries say, never what the editable item rows say.

The attacker edits an item row in the database (status, content hash): `ledger check … -o` signs
nothing and names the item in one line. The honest workspace still reports included, quarantined,
purged (on the date of the signed purge entry) and not found.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest
from legal_helpers import cli, write_jsonl_corpus
from sqlalchemy import text


def _ingested(services, tmp_path):
    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    return services


def _item(services, url: str) -> tuple[str, str]:
    with services.ws.engine.connect() as conn:
        row = conn.execute(text("SELECT id, sha256 FROM item WHERE url_norm LIKE :url"), {"url": f"%{url}"}).fetchone()
    return (row[0], row[1]) if row is not None else None


def _edit(services, sql: str, *args) -> None:
    conn = sqlite3.connect(services.ws.path / "ledger.db", isolation_level=None)
    conn.execute(sql, args)
    conn.close()


def _check(services, capsys, monkeypatch, *args):
    report = services.ws.path.parent / "report.json"
    report.unlink(missing_ok=True)
    before = len(services.ws.store.checkpoints())
    rc, out, err = cli(services.ws.path, "check", *args, "-o", str(report), "--json", capsys=capsys,
                       monkeypatch=monkeypatch)
    signed = len(services.ws.store.checkpoints()) != before
    return rc, out, err, (json.loads(report.read_text(encoding="utf-8")) if report.exists() else None), signed


def _refused(services, capsys, monkeypatch, item_id, *args):
    rc, out, err, doc, signed = _check(services, capsys, monkeypatch, *args)
    assert rc != 0 and doc is None and not signed, (rc, out, err)
    line = err.strip()
    assert "\n" not in line and f"item {item_id}" in line and "Traceback" not in line, line
    return line


def test_status_flipped_to_purged_in_the_database_is_not_reported(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    item_id, sha = _item(svc, "news.example/a/0")
    _edit(svc, "UPDATE item SET status = 'purged', purged_at = 1700000000 WHERE id = ?", item_id)
    line = _refused(svc, capsys, monkeypatch, item_id, "--hash", sha)
    assert "status 'purged'" in line


def test_hash_edited_to_a_rights_holders_work_is_not_reported(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    item_id, _ = _item(svc, "news.example/a/1")
    theirs = hashlib.sha256(b"a rights holder's work that was never ingested").hexdigest()
    _edit(svc, "UPDATE item SET sha256 = ? WHERE id = ?", theirs, item_id)
    line = _refused(svc, capsys, monkeypatch, item_id, "--hash", theirs)
    assert "content hash" in line


def test_honest_reports_included_quarantined_purged_and_not_found(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    td = svc.takedown
    kept_id, kept_sha = _item(svc, "news.example/a/2")
    rc, out, _, doc, signed = _check(svc, capsys, monkeypatch, "--hash", kept_sha)
    assert rc == 0 and signed and doc["queries"][0]["verdict"] == "included"
    assert doc["queries"][0]["items"][0]["status"] == "admitted"

    from ledger_app.services.claims import add_claim

    q_id, q_sha = _item(svc, "news.example/a/1")
    add_claim(td, holder="Daily", holder_kind="news_publisher", basis="copyright", terms="no AI training",
              works=td.work_specs(urls=["https://news.example/a/1"]), action="quarantine")
    rc, _, err, doc, _ = _check(svc, capsys, monkeypatch, "--hash", q_sha)
    assert rc == 0, err
    assert doc["queries"][0]["items"][0]["status"] == "quarantined"

    gone_id, gone_sha = _item(svc, "news.example/a/0")
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    svc.legal.check_ownership(rid, "the publisher's archive page of the article")
    svc.purge(rid)
    purge_ts = [json.loads(bytes(e.leaf))["ts"] for e in svc.ws.store.entries(0, types=["item.status"])
                if json.loads(bytes(e.leaf))["payload"] == {"item": gone_id, "status": "purged", "request": rid}]
    assert len(purge_ts) == 1
    # The row's purge date is not what the report states: the signed entry's is.
    _edit(svc, "UPDATE item SET purged_at = 1000000000 WHERE id = ?", gone_id)
    rc, _, err, doc, _ = _check(svc, capsys, monkeypatch, "--hash", gone_sha, "--hash", hashlib.sha256(b"x").hexdigest())
    assert rc == 0, err
    gone, missing = doc["queries"]
    assert gone["verdict"] == "purged" and gone["items"][0]["status"] == "purged"
    assert gone["items"][0]["purged_at"] == purge_ts[0][:19] + "Z" and gone["items"][0]["request"] == rid
    assert missing["verdict"] == "not_found" and missing["items"] == []


def test_a_purged_item_set_back_to_admitted_is_not_reported(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    td = svc.takedown
    gone_id, gone_sha = _item(svc, "news.example/a/0")
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    svc.legal.check_ownership(rid, "the publisher's archive page of the article")
    svc.purge(rid)
    _edit(svc, "UPDATE item SET status = 'admitted' WHERE id = ?", gone_id)
    _refused(svc, capsys, monkeypatch, gone_id, "--hash", gone_sha)


def test_url_written_into_a_row_is_not_reported(services, tmp_path, capsys, monkeypatch):
    """The attacker gives an item the rights holder's URL (source URL and matching key, both columns)."""
    svc = _ingested(services, tmp_path)
    item_id, _ = _item(svc, "news.example/a/3")
    _edit(svc, "UPDATE item SET source_url = ?, url_norm = ? WHERE id = ?",
          "https://holder.example/my-article", "holder.example/my-article", item_id)
    line = _refused(svc, capsys, monkeypatch, item_id, "--url", "https://holder.example/my-article")
    assert "(URL)" in line


def test_matching_key_edited_alone_is_not_reported(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    item_id, _ = _item(svc, "news.example/a/3")
    _edit(svc, "UPDATE item SET url_norm = ? WHERE id = ?", "holder.example/my-article", item_id)
    _refused(svc, capsys, monkeypatch, item_id, "--url", "https://holder.example/my-article")


def test_url_commitment_is_salted_and_the_honest_url_match_reports(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    item_id, _ = _item(svc, "news.example/a/3")
    with svc.ws.engine.connect() as conn:
        leaf = conn.execute(text("SELECT e.leaf FROM item i JOIN ledger_entry e ON e.idx = i.entry_idx WHERE i.id = :id"),
                            {"id": item_id}).scalar_one()
    assert b"news.example" not in bytes(leaf)  # the leaf holds a salted commitment, never the URL
    committed = json.loads(bytes(leaf))["payload"]["url"]
    assert committed != hashlib.sha256(b"https://news.example/a/3").hexdigest()
    rc, _, err, doc, signed = _check(svc, capsys, monkeypatch, "--url", "https://www.news.example/a/3?utm_source=x")
    assert rc == 0 and signed, err
    assert doc["queries"][0]["verdict"] == "included" and doc["queries"][0]["items"][0]["item_id"] == item_id


def test_an_item_whose_url_salt_is_gone_is_not_reported_by_url(services, tmp_path, capsys, monkeypatch):
    svc = _ingested(services, tmp_path)
    item_id, _ = _item(svc, "news.example/a/3")
    _edit(svc, "UPDATE item SET url_salt = NULL WHERE id = ?", item_id)
    _refused(svc, capsys, monkeypatch, item_id, "--url", "https://news.example/a/3")


def test_an_entry_without_a_url_commitment_proves_no_url():
    """Items ingested before URLs were committed: their entries hold none, so a URL match is refused."""
    from ledger_app.core.errors import VerificationError
    from ledger_app.ledger.item_entries import check_item_url, url_commitment

    salt = b"s" * 16
    doc = {"type": "item.ingested", "payload": {"item": "c:1"}}
    with pytest.raises(VerificationError, match=r"item c:1 matched by its URL, but its ledger entry 5 holds no commitment"):
        check_item_url("c:1", 5, doc, source_url="https://a.example/x", url_norm="a.example/x", salt=salt)
    doc["payload"]["url"] = url_commitment(salt, "https://a.example/x")
    check_item_url("c:1", 5, doc, source_url="https://a.example/x", url_norm="a.example/x", salt=salt)
    with pytest.raises(VerificationError, match=r"\(URL\)"):
        check_item_url("c:1", 5, doc, source_url="https://a.example/y", url_norm="a.example/y", salt=salt)
