"""A purge never lets a shard's unrecorded records through: a shard that changed since ingest is refused."""

from __future__ import annotations

import json

import pytest
from legal_helpers import write_jsonl_corpus

from ledger_app.core.errors import UserError


def _purge_ready(services, tmp_path):
    shard = write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    td = services.takedown
    rid = td.new_request(type="publisher", requester="Daily", requester_kind="news_publisher",
                         works=td.work_specs(urls=["https://news.example/a/0"])).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    services.legal.check_ownership(rid, "the publisher's archive page for each article")
    return shard, rid


def test_a_record_appended_after_ingest_stops_the_purge_until_it_is_recorded(services, tmp_path):
    shard, rid = _purge_ready(services, tmp_path)
    before = shard.read_bytes()
    with open(shard, "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "late", "text": "A late record that nobody ingested, appended to the shard.",
                            "url": "https://news.example/late"}) + "\n")
    appended = shard.read_bytes()
    size = services.ws.store.latest_checkpoint().size
    with pytest.raises(UserError, match=r"changed since it was ingested: 1 record not in the ledger \(id=late\)"):
        services.purge(rid)
    assert shard.read_bytes() == appended and appended.startswith(before)  # nothing was rewritten
    assert services.ws.store.latest_checkpoint().size == size  # nothing was recorded
    assert services.takedown.show(rid).status == "approved"
    # The next ingest reads the shard again (even if its size and time were made to look unchanged).
    services.corpus.ingest("news")
    late = services.ws.engine.connect().exec_driver_sql("SELECT status FROM item WHERE key LIKE '%id=late'").fetchall()
    assert late == [("admitted",)]
    res = services.purge(rid)
    assert res.items == 1
    assert b'"id": "late"' in shard.read_bytes()  # the late record stays, now in the ledger


def test_a_changed_record_is_refused_too(services, tmp_path):
    shard, rid = _purge_ready(services, tmp_path)
    lines = shard.read_text(encoding="utf-8").splitlines()
    rec = json.loads(lines[2])
    rec["text"] = rec["text"].replace("orchid", "tulip")
    lines[2] = json.dumps(rec)
    shard.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"1 record changed \(id=a2\)"):
        services.purge(rid)
