"""The case work and the legal process on PostgreSQL: two members share the queue, notes, documents,
a DMCA counter-notice with a restore from the retained copy, and a GDPR Art. 19 register."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest
from teamkit import PASS, db_url

from ledger_app.services import Services
from ledger_app.services.workspace import Workspace

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "takedown"))
from legal_helpers import ARTICLES, write_jsonl_corpus

pytestmark = pytest.mark.postgres


def _member(tmp_path, name: str, url: str) -> Services:
    ws = Workspace(tmp_path / f"ws-{name}", url)
    ws.create_dirs()
    ws.settings.set("user.name", name)
    return Services(ws, passphrase=lambda c: PASS)


def test_legal_process_on_postgresql(tmp_path, fresh_db):
    from ledger_app.services.cases import QueueQuery
    from ledger_app.services.legal import CounterNotice
    from ledger_app.services.lineage import record_release
    from ledger_app.takedown.requests import DmcaElements

    url = db_url(fresh_db())
    alice = _member(tmp_path, "alice", url)
    alice.ledger.init("example.com/team-legal")
    write_jsonl_corpus(tmp_path / "news")
    alice.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    alice.corpus.ingest("news", workers=1)
    record_release(alice.corpus, "news-2026-03", "news")
    bob = _member(tmp_path, "bob", url)

    td = alice.takedown
    rid = td.new_request(type="dmca", requester="Harbour Photo Agency", requester_kind="rights_org",
                         email="legal@harbour.example", works=td.work_specs(urls=["https://www.news.example/a/0?utm_source=x"]),
                         dmca=DmcaElements("/s/ Jo", "Harbour series", True, None, True, True)).id
    alice.cases.add_note(rid, "Checked with the photo desk.")
    alice.cases.assign(rid, "bob")
    notice = tmp_path / "notice.eml"
    notice.write_bytes(b"Subject: DMCA\r\n\r\nRemove it.\r\n")
    doc = alice.cases.attach_notice(rid, notice)
    assert [r.id for r in bob.cases.queue(QueueQuery(mine=True, search="harbour"))] == [rid]
    assert bob.cases.document_bytes(doc.sha256) == notice.read_bytes()
    assert [n.text for n in bob.cases.notes(rid)] == ["Checked with the photo desk."]

    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    bob.legal.check_ownership(rid, "agency contract 2024-117")
    bob.purge(rid)
    bob.legal.counter_notice(rid, CounterNotice("/s/ S", "article", "https://news.example/a/0", True, "S", "addr",
                                                "555", True, True))
    win = bob.legal.forward_counter_notice(rid, forwarded_on="2026-03-06")
    assert (win.earliest, win.latest) == ("2026-03-20", "2026-03-26")
    res = alice.legal.restore(rid, today=date(2026, 3, 20), to=tmp_path / "back")
    assert res.restored[0].how == "retained copy" and res.restored[0].status == "admitted"
    assert next((tmp_path / "back").glob("*.data")).read_text(encoding="utf-8") == ARTICLES[0]
    words = [e.text for e in bob.cases.timeline(rid)]
    assert "Note added" in words and any(w.startswith("Item restored") for w in words)

    g = td.new_request(type="gdpr", requester="Ana", works=td.work_specs(urls=["https://news.example/a/1"])).id
    td.locate(g)
    td.review(g, accept_all=True)  # the register covers the items to be erased
    rec = bob.legal.recipients(g)
    assert [r.key for r in rec] == ["release:1"]
    sent = bob.legal.notify_recipients(g, out_dir=tmp_path / "n")
    assert [s.recipient for s in sent] == ["release:1"] and bob.legal.recipients(g)[0].notified_at
    assert alice.ledger.verify().entries > 0
