"""GDPR Art. 19 after a partial decision: a recipient notified of the items erased so far is told again,
of just the items decided later, instead of being counted as notified for good."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from pathlib import Path

from legal_helpers import write_jsonl_corpus

from ledger_app.services.lineage import record_release


def _hashes(path: str) -> set[str]:
    body = BytesParser(policy=policy.default).parsebytes(Path(path).read_bytes()).get_body().get_content()
    return {w for line in body.splitlines() for w in line.split() if len(w) == 64}


def test_a_recipient_is_notified_again_of_items_erased_after_its_notice(services, tmp_path):
    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    record_release(services.corpus, "news-2026-03", "news", contact="data@release.example")
    td, legal = services.takedown, services.legal
    rid = td.new_request(type="gdpr", requester="Ana Pereira", requester_kind="individual",
                         works=td.work_specs(urls=["https://news.example/a/0", "https://news.example/a/1"])).id
    td.locate(rid)
    first, later = sorted(m["item_id"] for m in td.show(rid).matches)
    td.review(rid, accept=[first])
    (rec,) = legal.recipients(rid)
    assert rec.items == (first,) and rec.pending == (first,) and rec.notified_at is None
    (sent,) = legal.notify_recipients(rid, out_dir=tmp_path / "n")
    assert legal.recipients(rid)[0].notified_at is not None and legal.recipients(rid)[0].pending == ()
    one = _hashes(sent.file)
    assert len(one) == 1

    td.review(rid, accept=[later])  # decided after the notice went out
    (rec,) = legal.recipients(rid)
    assert rec.items == (first, later) and rec.pending == (later,) and rec.notified_at is None
    (again,) = legal.notify_recipients(rid, out_dir=tmp_path / "n")
    two = _hashes(again.file)
    assert len(two) == 1 and two != one and again.file != sent.file  # only the new item; the first notice kept
    assert Path(sent.file).exists()
    assert legal.notify_recipients(rid, out_dir=tmp_path / "n") == []
    assert legal.recipients(rid)[0].notified_at is not None
