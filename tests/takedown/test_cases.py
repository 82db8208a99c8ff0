"""Case work: review that keeps explicit decisions, notes, assignee, timeline, queue filters and CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from legal_helpers import cli, write_jsonl_corpus

from ledger_app.core.errors import UserError
from ledger_app.services.cases import QueueQuery


@pytest.fixture()
def ws(services, tmp_path, monkeypatch):
    """A workspace on disk with a four-article corpus ingested, for CLI runs."""
    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    monkeypatch.setenv("LEDGER_PASSPHRASE", "takedown-test-pass")
    return services


def _new_domain_request(services, **kw):
    args = {"type": "publisher", "requester": "Daily Example", "requester_kind": "news_publisher",
            "email": "legal@daily.example", "works": services.takedown.work_specs(domains=["news.example"])}
    args.update(kw)
    return services.takedown.new_request(**args).id


def test_accept_all_never_overrides_an_explicit_rejection(ws, capsys):
    rid = _new_domain_request(ws)
    assert cli(ws.ws.path, "takedown", "locate", str(rid), capsys=capsys)[0] == 0
    items = sorted(m["item_id"] for m in ws.takedown.show(rid).matches)
    assert len(items) == 4
    kept = items[1]  # a fair-use quotation the reviewer keeps
    assert cli(ws.ws.path, "takedown", "review", str(rid), "--reject", kept, capsys=capsys)[0] == 0
    rc, out, _ = cli(ws.ws.path, "takedown", "review", str(rid), "--accept-all", "--json", capsys=capsys)
    assert rc == 0 and json.loads(out)["decided"] == {"accepted": 3}
    decisions = {m["item_id"]: m["decision"] for m in ws.takedown.show(rid).matches}
    assert decisions[kept] == "rejected"
    assert sorted(i for i, d in decisions.items() if d == "accepted") == [i for i in items if i != kept]
    # An explicit decision may still change an earlier one, and it is recorded as made.
    assert cli(ws.ws.path, "takedown", "review", str(rid), "--accept", kept, capsys=capsys)[0] == 0
    assert {m["item_id"]: m["decision"] for m in ws.takedown.show(rid).matches}[kept] == "accepted"
    decided = [e for e in ws.cases.timeline(rid) if e.type == "takedown.decision"]
    assert decided[-1].args == {"accepted": 1, "rejected": 0}


def test_notes_assignee_timeline_and_deadline(ws, capsys):
    rid = _new_domain_request(ws, received="2020-01-01")
    cli(ws.ws.path, "takedown", "note", str(rid), "Called their counsel; they will send the list.", capsys=capsys)
    rc, out, _ = cli(ws.ws.path, "takedown", "note", str(rid), "--json", capsys=capsys)
    notes = json.loads(out)
    assert rc == 0 and [n["text"] for n in notes] == ["Called their counsel; they will send the list."]
    # The ledger holds a commitment to the note, never its words.
    leaf = ws.ledger.show(notes[0]["entry_index"])
    assert leaf.type == "case.note" and "counsel" not in leaf.leaf_data.decode()
    ws.ws.settings.set("user.name", "mei")
    assert cli(ws.ws.path, "takedown", "assign", str(rid), capsys=capsys)[1].strip() == f"request {rid} assigned to mei"
    other = _new_domain_request(ws, requester="Other Paper")
    ws.cases.assign(other, "jorge")
    mine = ws.cases.queue(QueueQuery(mine=True))
    assert [r.id for r in mine] == [rid]
    view = ws.cases.case(rid)
    assert view.row.requester.name == "Daily Example" and view.row.requester.email == "legal@daily.example"
    assert view.deadline.overdue and view.deadline.days_left < 0
    rc, out, _ = cli(ws.ws.path, "takedown", "timeline", str(rid), capsys=capsys)
    assert rc == 0
    assert "Request received (publisher); due by 2020-01-15" in out and "Note added" in out and "Assigned" in out
    assert "mei" in out  # who did it, from the actor commitment opened in the personal-data store
    with pytest.raises(UserError, match="some text"):
        ws.cases.add_note(rid, "  ")


def test_queue_search_filters_sort_and_csv(ws, capsys, tmp_path):
    a = _new_domain_request(ws, received="2020-01-01")
    b = ws.takedown.new_request(type="gdpr", requester="Ana Pereira", requester_kind="individual",
                                email="ana@example.org", works=ws.takedown.work_specs(hashes=["a" * 64])).id
    c = _new_domain_request(ws, requester="=HYPERLINK(\"http://evil\")")
    ws.takedown.reject(c, "duplicate of an earlier request")
    ws.takedown.close(c)
    assert [r.id for r in ws.cases.queue(QueueQuery(search="pereira"))] == [b]
    assert [r.id for r in ws.cases.queue(QueueQuery(search="ana@example"))] == [b]
    assert [r.id for r in ws.cases.queue(QueueQuery(overdue_only=True))] == [a]
    assert {r.id for r in ws.cases.queue(QueueQuery(open_only=True))} == {a, b}
    assert [r.id for r in ws.cases.queue(QueueQuery(type="gdpr"))] == [b]
    by_due = [r.id for r in ws.cases.queue(QueueQuery(sort="due_by", descending=True))]
    assert by_due[-1] == a
    rc, out, _ = cli(ws.ws.path, "takedown", "list", "--filter", "open", "--filter", "type:gdpr", capsys=capsys)
    assert rc == 0 and "Ana Pereira" in out and "DAYS LEFT" in out and "Daily Example" not in out
    rc, _, err = cli(ws.ws.path, "takedown", "list", "--filter", "soon", capsys=capsys)
    assert rc == 1 and "unknown filter 'soon'" in err
    f = tmp_path / "queue.csv"
    assert cli(ws.ws.path, "takedown", "export", str(f), capsys=capsys)[0] == 0
    rows = list(csv.DictReader(io.StringIO(f.read_text(encoding="utf-8"))))
    assert {int(r["id"]) for r in rows} == {a, b, c}
    evil = next(r for r in rows if int(r["id"]) == c)
    assert evil["requester"].startswith("'=")  # a spreadsheet does not run it
    assert next(r for r in rows if int(r["id"]) == a)["overdue"] == "yes"


def test_original_notice_kept_content_addressed(ws, tmp_path, capsys):
    rid = _new_domain_request(ws)
    notice = tmp_path / "notice.eml"
    notice.write_bytes(b"From: legal@daily.example\r\nSubject: Takedown\r\n\r\nPlease remove our articles.\r\n")
    rc, out, _ = cli(ws.ws.path, "takedown", "attach", str(rid), str(notice), "--json", capsys=capsys)
    doc = json.loads(out)
    assert rc == 0 and doc["media_type"] == "message/rfc822"
    import hashlib

    assert doc["sha256"] == hashlib.sha256(notice.read_bytes()).hexdigest()
    assert ws.ledger.show(doc["entry_index"]).payload["sha256"] == doc["sha256"]
    assert ws.cases.document_bytes(doc["sha256"]) == notice.read_bytes()
    # An insider who edits the stored copy is caught: the bytes no longer match the hash in the ledger.
    with ws.ws.store.write_transaction() as conn:
        conn.exec_driver_sql("UPDATE stored_document SET data = ? WHERE sha256 = ?", (b"Please ignore.", doc["sha256"]))
    with pytest.raises(UserError, match="altered"):
        ws.cases.document_bytes(doc["sha256"])


def test_locate_and_show_print_readable_tables(ws, capsys):
    rid = _new_domain_request(ws)
    rc, out, _ = cli(ws.ws.path, "takedown", "locate", str(rid), capsys=capsys)
    lines = out.splitlines()
    assert rc == 0 and lines[0] == f"request {rid}: 4 matches (4 new)"
    assert lines[1].split() == ["ITEM", "METHOD", "SCORE", "DECISION", "EVIDENCE"]
    assert "news:news-000.jsonl#id=a0" in out and "https://news.example/a/0" in out
    rc, out, _ = cli(ws.ws.path, "takedown", "show", str(rid), capsys=capsys)
    assert rc == 0 and "Requester: Daily Example (news_publisher), legal@daily.example" in out
    assert "Matches (4)" in out and "pending" in out
    rc, out, _ = cli(ws.ws.path, "takedown", "show", str(rid), "--json", capsys=capsys)
    shown = json.loads(out)
    assert shown["requester_name"] == "Daily Example" and len(shown["matches"]) == 4 and shown["works"]


def test_documents_kept_with_a_request_can_be_erased(ws, tmp_path):
    rid = _new_domain_request(ws)
    notice = tmp_path / "notice.txt"
    notice.write_text("From Ana Pereira, 12 Rua Nova, Lisbon: please remove my articles.", encoding="utf-8")
    doc = ws.cases.attach_notice(rid, notice)
    assert ws.cases.erase_documents(rid, "GDPR Art. 17 request of the sender") == [doc.sha256]
    with pytest.raises(UserError, match="was erased"):
        ws.cases.document_bytes(doc.sha256)
    raw = ws.ws.engine.connect().exec_driver_sql("SELECT data FROM stored_document").fetchall()
    assert raw == [(None,)]
    assert [d.available for d in ws.cases.documents(rid)] == [False]
    assert "Document erased" in ws.cases.timeline(rid)[-1].text
    assert ws.ledger.verify().entries == ws.ws.store.latest_checkpoint().size


def test_case_view_actions_return_the_updated_row(ws):
    rid = _new_domain_request(ws)
    ws.takedown.locate(rid)
    item = sorted(m["item_id"] for m in ws.takedown.show(rid).matches)[0]
    ws.cases.decide(rid, item, "rejected")
    assert {m["item_id"]: m["decision"] for m in ws.takedown.show(rid).matches}[item] == "rejected"
    with pytest.raises(UserError, match="accepted or rejected"):
        ws.cases.decide(rid, item, "maybe")
    with pytest.raises(UserError, match="reason"):
        ws.cases.reject(rid, " ")
    assert ws.cases.reject(rid, "not their work").status == "rejected"
    row = ws.cases.close(rid)
    assert row.status == "closed" and not row.is_open
    g = ws.takedown.new_request(type="gdpr", requester="P", works=ws.takedown.work_specs(hashes=["f" * 64])).id
    assert ws.cases.extend(g, 2, "many copies to check").due_by > ws.cases.row(g).received
