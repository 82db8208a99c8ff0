"""Certificates come from the signed `takedown.purged` entries and the files, never from state tables.

The attacker edits the state tables (status, purge_record, item rows) or restores a shard: no
certificate is issued, and the refusal names the request and what differs. The checkpoint count
before and after shows that nothing was signed.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from legal_helpers import write_jsonl_corpus

from ledger_app.core.errors import UserError
from ledger_app.services.certificates import certify
from ledger_app.ui.errors import error_text
from tests.ui.test_i18n_refusals import chinese, zh  # noqa: F401 (the fixture: the window says it in Chinese)

_PURGED = "UPDATE takedown_request SET status = 'purged' WHERE id = ?"


def _ready(services, tmp_path, *, purge: bool):
    shard = write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.legal.check_ownership(rid, "the publisher's archive page of the article")
    if purge:
        services.purge(rid)
    return shard, rid


def _db(services) -> sqlite3.Connection:
    conn = sqlite3.connect(services.ws.path / "ledger.db", isolation_level=None)
    return conn


def _checkpoints(services) -> int:
    return len(services.ws.store.checkpoints())


def _refused(services, rid, tmp_path, match):
    before = _checkpoints(services)
    with pytest.raises(UserError, match=match) as info:
        certify(services, rid, tmp_path / "certificate.json")
    assert not (tmp_path / "certificate.json").exists()
    assert _checkpoints(services) == before, "a refused certificate signed something"
    assert str(info.value).startswith(f"request {rid}: ") and str(info.value).endswith("no certificate was issued")
    assert f"{rid}" in chinese(error_text(info.value))  # no English sentence left in the window's language
    return info.value


@pytest.mark.usefixtures("zh")
def test_a_purge_forged_in_the_state_tables_gets_no_certificate(services, tmp_path):
    shard, rid = _ready(services, tmp_path, purge=False)
    item_id, = [m["item_id"] for m in services.takedown.show(rid).matches]
    conn = _db(services)
    conn.execute(_PURGED, (rid,))
    conn.execute("UPDATE item SET status = 'purged' WHERE id = ?", (item_id,))
    corpus_id = conn.execute("SELECT id FROM corpus WHERE name = 'news'").fetchone()[0]
    conn.execute("INSERT INTO purge_record (request_id, corpus_id, shard, sha256_before, sha256_after, items_json, done_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, 0)", (rid, corpus_id, shard.name, "0" * 64, "1" * 64, json.dumps([item_id])))
    refusal = _refused(services, rid, tmp_path, "holds no takedown.purged entry for it")
    assert str(refusal) == (f"request {rid}: the ledger holds no takedown.purged entry for it, so nothing was purged "
                            "whatever the request's status and purge records say (the state tables were edited, or "
                            "the purge never ran); no certificate was issued")


def test_a_real_purge_certifies_from_the_ledger_entry(services, tmp_path):
    _, rid = _ready(services, tmp_path, purge=True)
    res = certify(services, rid, tmp_path / "certificate.json")
    doc = json.loads((tmp_path / "certificate.json").read_text())
    purged = [e for e in services.ws.store.entries(0, types=["takedown.purged"])]
    payload = services.ledger.show(purged[0].index).payload
    assert [i["sha256"] for i in doc["removed_items"]] == [i["sha256"] for i in payload["items"]]
    assert [(s["path"], s["sha256_after"]) for s in doc["shards"]] == [(s["path"], s["sha256_after"]) for s in payload["shards"]]
    assert res.entry > purged[0].index


@pytest.mark.usefixtures("zh")
def test_a_shard_restored_from_a_backup_gets_no_certificate(services, tmp_path):
    shard, rid = _ready(services, tmp_path, purge=False)
    backup = tmp_path / "shard.bak"
    shutil.copy(shard, backup)
    services.purge(rid)
    shutil.copy(backup, shard)  # the purged record is back in the shard
    _refused(services, rid, tmp_path, r"has SHA-256 [0-9a-f]{64}, not the [0-9a-f]{64} the ledger recorded after the purge")


@pytest.mark.usefixtures("zh")
def test_an_item_set_back_to_admitted_gets_no_certificate(services, tmp_path):
    _, rid = _ready(services, tmp_path, purge=True)
    item_id, = [m["item_id"] for m in services.takedown.show(rid).matches]
    _db(services).execute("UPDATE item SET status = 'admitted' WHERE id = ?", (item_id,))
    _refused(services, rid, tmp_path, f"item {item_id} is admitted .* record it purged")


@pytest.mark.usefixtures("zh")
def test_an_extra_purge_record_gets_no_certificate(services, tmp_path):
    _, rid = _ready(services, tmp_path, purge=True)
    conn = _db(services)
    corpus_id = conn.execute("SELECT id FROM corpus WHERE name = 'news'").fetchone()[0]
    conn.execute("INSERT INTO purge_record (request_id, corpus_id, shard, sha256_before, sha256_after, items_json, done_at) "
                 "VALUES (?, ?, 'other.jsonl', ?, ?, '[]', 0)", (rid, corpus_id, "2" * 64, "3" * 64))
    _refused(services, rid, tmp_path, "purge_record table disagrees with its takedown.purged entry .* shard other.jsonl")
