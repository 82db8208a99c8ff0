"""A DMCA takedown answered by a counter-notice, end to end on the command line: the notice, the purge
with a retained copy, the certificate and completion letter, an incomplete counter-notice refused, the
complete one forwarded, the 10-14 business-day window across a weekend and configured holidays, and the
restore from the retained copy with the blocklist lifted — every step in the request's timeline."""

from __future__ import annotations

import email
import json
from email import policy

from legal_helpers import ARTICLES, cli, write_jsonl_corpus

RID = "1"


def test_counter_notice_end_to_end(services, tmp_path, capsys, monkeypatch):
    ws = services.ws.path
    shard = write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    services.ws.settings.set("legal.holidays", "2026-12-24,2026-12-25,2027-01-01")

    def run(*args: str) -> tuple[int, str, str]:
        return cli(ws, *args, capsys=capsys, monkeypatch=monkeypatch)

    rc, out, _ = run("takedown", "new", "--type", "dmca", "--requester", "Harbour Photo Agency", "--requester-kind",
                     "rights_org", "--email", "legal@harbour.example", "--url", "https://news.example/a/0",
                     "--work", "Harbour article series", "--signature", "/s/ Jo Counsel", "--good-faith",
                     "--accurate-under-penalty", "--received", "2026-12-01")
    assert rc == 0 and out.strip() == RID
    assert run("takedown", "reply", RID, "acknowledgement")[0] == 0
    assert run("takedown", "locate", RID)[0] == 0
    assert run("takedown", "review", RID, "--accept-all")[0] == 0
    assert run("takedown", "approve", RID)[0] == 0
    rc, _, err = run("takedown", "purge", RID)
    assert rc == 1 and "evidence of ownership" in err  # a rights holder's request needs it first
    assert run("takedown", "ownership", RID, "--evidence", "agency contract no. 2024-117 with the photographer")[0] == 0
    rc, out, _ = run("takedown", "purge", RID, "--json")
    assert rc == 0 and json.loads(out)["items"] == 1
    assert ARTICLES[0].encode() not in shard.read_bytes()
    cert = tmp_path / "cert.json"
    assert run("takedown", "certificate", RID, "-o", str(cert), "--pdf", str(tmp_path / "cert.pdf"))[0] == 0
    rc, out, _ = run("takedown", "reply", RID, "completion", "--certificate", str(cert), "--out", str(tmp_path / "r"),
                     "--json")
    done = json.loads(out)
    msg = email.message_from_bytes(open(done["eml"], "rb").read(), policy=policy.default)
    assert msg["To"] == "legal@harbour.example" and "Removal completed" in msg["Subject"]
    assert sorted(p.get_filename() for p in msg.iter_attachments()) == ["cert.json", "cert.pdf"]
    assert open(done["pdf"], "rb").read(4) == b"%PDF"

    # An incomplete counter-notice is refused with its missing 512(g)(3) elements; nothing is recorded.
    size = services.ws.store.latest_checkpoint().size
    rc, _, err = run("takedown", "counter-notice", RID, "--signature", "/s/ Sam Subscriber",
                     "--material", "my article about the harbour", "--name", "Sam Subscriber")
    assert rc == 1
    for element in ("location", "512(g)(3)(C)", "address", "phone", "jurisdiction", "service of process"):
        assert element in err
    assert services.ws.store.latest_checkpoint().size == size
    rc, _, err = run("takedown", "forward", RID)
    assert rc == 1 and "no counter-notice" in err

    rc, out, _ = run("takedown", "counter-notice", RID, "--signature", "/s/ Sam Subscriber", "--material",
                     "my article about the harbour", "--location", "https://news.example/a/0", "--mistake-under-penalty",
                     "--name", "Sam Subscriber", "--address", "1 Quay Street, Portsmouth", "--phone", "+1 555 0100",
                     "--consent-to-jurisdiction", "--accepts-service", "--received", "2026-12-17", "--json")
    assert rc == 0 and json.loads(out)["complete"] is True
    leaf = services.ledger.show(json.loads(out)["entry"]).leaf_data.decode()
    assert "Sam" not in leaf and "Quay" not in leaf and "555" not in leaf  # committed, not written

    # Forwarded on Friday 18 December: 10 business days skip two weekends and three configured holidays.
    rc, out, _ = run("takedown", "forward", RID, "--on", "2026-12-18", "--json")
    win = json.loads(out)
    assert rc == 0 and (win["earliest"], win["latest"]) == ("2027-01-06", "2027-01-12")
    assert run("takedown", "reply", RID, "counter_notice_forwarded", "--language", "zh_CN", "--out", str(tmp_path / "r"))[0] == 0
    zh = email.message_from_bytes((tmp_path / "r" / "counter_notice_forwarded.zh_CN.eml").read_bytes(), policy=policy.default)
    body = zh.get_body().get_content()
    assert "反通知" in body and "2027-01-06" in body and "Sam Subscriber" in body

    rc, _, err = run("takedown", "restore", RID, "--today", "2027-01-05")
    assert rc == 1 and "9 of 10 business days" in err and "2027-01-06" in err
    restored_dir = tmp_path / "restored"
    rc, out, _ = run("takedown", "restore", RID, "--today", "2027-01-06", "--to", str(restored_dir), "--json")
    restored = json.loads(out)
    res = restored["restored"]
    assert rc == 0 and [r["how"] for r in res] == ["retained copy"] and restored["corpus"] == "restored-r1"
    # Re-admitted from the retained copy: the record's exact content, with its metadata as a sidecar,
    # ingested as a live item with the same content hash (the blocklist entry lifted first).
    data = next(p for p in restored_dir.iterdir() if p.suffix == ".data")
    assert data.read_text(encoding="utf-8") == ARTICLES[0]
    assert json.loads(data.with_name(data.name + ".json").read_text())["url"] == "https://news.example/a/0"
    assert res[0]["status"] == "admitted" and res[0]["restored_as"].startswith("restored-r1:")
    conn = services.ws.engine.connect()
    assert conn.exec_driver_sql("SELECT count(*) FROM blocklist WHERE request_id = 1").fetchone()[0] == 0
    row = conn.exec_driver_sql("SELECT sha256, source_url FROM item WHERE id = ?", (res[0]["restored_as"],)).fetchone()
    assert row == (res[0]["sha256"], "https://news.example/a/0")
    old = conn.exec_driver_sql("SELECT status, status_reason FROM item WHERE id = ?", (res[0]["item"],)).fetchone()
    assert old[0] == "purged" and "restored after a counter-notice" in old[1]
    conn.close()
    rc, _, err = run("takedown", "restore", RID, "--today", "2027-01-07")
    assert rc == 1 and "every item is restored" in err

    rc, out, _ = run("takedown", "timeline", RID)
    for step in ("Request received (dmca)", "Reply prepared: acknowledgement", "1 matches found", "Ownership checked",
                 "Purged 1 items from 1 shards", "Removal certificate issued", "Reply prepared: completion",
                 "Counter-notice received (complete)", "restore window 2027-01-06 to 2027-01-12",
                 "Item restored"):
        assert step in out, step
    assert services.ledger.verify().entries == services.ws.store.latest_checkpoint().size


def test_a_court_action_stops_the_restore(services, tmp_path, capsys, monkeypatch):
    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    td, legal = services.takedown, services.legal
    from ledger_app.services.legal import CounterNotice
    from ledger_app.takedown.requests import DmcaElements

    rid = td.new_request(type="dmca", requester="A", requester_kind="rights_org", email="a@example.org",
                         works=td.work_specs(urls=["https://news.example/a/1"]),
                         dmca=DmcaElements("/s/ A", "work", True, None, True, True)).id
    td.locate(rid)
    td.review(rid, accept_all=True)
    td.approve(rid)
    legal.check_ownership(rid, "registration TX 1-234-567")
    services.purge(rid)
    legal.counter_notice(rid, CounterNotice("/s/ S", "article", "https://news.example/a/1", True, "S", "addr", "555",
                                            True, True))
    legal.forward_counter_notice(rid, forwarded_on="2026-03-02")
    legal.court_action(rid, "Claimant's complaint, D. Mass., filed 2026-03-10")
    from datetime import date

    win = legal.restore_window(rid, date(2026, 3, 20))
    assert not win.can_restore and "court action" in win.reason
    rc, _, err = cli(services.ws.path, "takedown", "restore", str(rid), "--today", "2026-03-20", capsys=capsys,
                     monkeypatch=monkeypatch)
    assert rc == 1 and "court action" in err
