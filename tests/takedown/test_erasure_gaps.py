"""Erasure reaches what the legal process writes about a person (GDPR Art. 17).

A requester's name and address travel beyond the personal-data store as soon as staff work the case:
reply letters are written as .eml and PDF files under the workspace's replies/ folder (the e-mail
body base64-encoded when the name is not ASCII), the same letters and the original notice are kept
as stored documents, and an incomplete notice is kept as a draft. `ledger erase --request N` must
leave none of it behind; each test below is the flow that left the data before."""

from __future__ import annotations

import json
from email import policy
from email.parser import BytesParser
from pathlib import Path

from legal_helpers import cli, write_jsonl_corpus
from sqlalchemy import select

from ledger_app.storage.tables import PersonalData, TakedownDraft

NAME, EMAIL = "Zoë Łukaszewicz", "zoe.lukaszewicz@mail.example"


def _eml_text(data: bytes) -> str:
    msg = BytesParser(policy=policy.default).parsebytes(data)
    parts = [str(v) for _k, v in msg.items()]
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            parts.append(part.get_content())
    return "\n".join(parts)


def _holds_person(path: Path) -> bool:
    data = path.read_bytes()
    low = data.lower()
    if any(s.lower().encode() in low for s in (NAME, EMAIL, "Łukaszewicz")):
        return True
    if path.suffix == ".eml":
        text = _eml_text(data).lower()
        return any(s.lower() in text for s in (NAME, EMAIL))
    return False


def _request(services, tmp_path) -> int:
    write_jsonl_corpus(tmp_path / "news")
    services.corpus.add_corpus("news", tmp_path / "news", "jsonl")
    services.corpus.ingest("news")
    return services.takedown.new_request(type="gdpr", requester=NAME, requester_kind="individual", email=EMAIL,
                                         works=services.takedown.work_specs(urls=["https://news.example/a/1"])).id


def test_erasing_a_requester_erases_their_reply_letters_on_disk_and_in_store(services, tmp_path, capsys,
                                                                               monkeypatch):
    rid = _request(services, tmp_path)
    ws = services.ws.path
    for lang in ("en", "zh_CN"):
        rc, out, err = cli(ws, "takedown", "reply", str(rid), "acknowledgement", "--language", lang, "--json",
                           capsys=capsys, monkeypatch=monkeypatch)
        assert rc == 0, err
    letters = sorted((ws / "replies").rglob("*.*"))
    assert len(letters) == 4 and all(_holds_person(p) for p in letters if p.suffix == ".eml")
    assert any(b"base64" in p.read_bytes() for p in letters if p.suffix == ".eml")  # the body is encoded
    notice = tmp_path / "notice.txt"
    notice.write_text(f"Ich, {NAME}, verlange die Löschung.", encoding="utf-8")
    services.cases.attach_notice(rid, notice)

    rc, out, err = cli(ws, "erase", "--request", str(rid), "--reason", "GDPR Art. 17 request", "--json",
                       capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    left = [str(p.relative_to(ws)) for p in ws.rglob("*") if p.is_file() and _holds_person(p)]
    assert left == []
    assert not any(p.suffix == ".pdf" for p in (ws / "replies").rglob("*"))  # PDFs compress their text
    kept = [d for d in services.cases.documents(rid) if d.available]
    assert kept == []  # the letters and the notice kept with the request
    assert cli(ws, "log", "verify", capsys=capsys, monkeypatch=monkeypatch)[0] == 0


def test_a_draft_keeps_its_requester_in_the_erasable_store(services, tmp_path, capsys, monkeypatch):
    ws = services.ws.path
    kept = services.takedown.new_request(type="dmca", requester=NAME, requester_kind="individual", email=EMAIL,
                                         works=[], draft=True)
    with services.ws.engine.connect() as conn:
        bodies = [r[0] for r in conn.execute(select(TakedownDraft.c.body))]
        people = conn.execute(select(PersonalData.c.commitment)).all()
    assert len(bodies) == 1 and NAME not in bodies[0] and EMAIL not in bodies[0]
    assert services.takedown.drafts()[0].requester == NAME  # read back from the store
    assert services.takedown.draft_body(kept.draft).email == EMAIL
    rc, out, err = cli(ws, "takedown", "reply", str(kept.draft), "missing_elements", "--draft", "--json",
                       capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    person = json.loads(cli(ws, "takedown", "drafts", "--json", capsys=capsys, monkeypatch=monkeypatch)[1])[0]
    assert person["requester"] == NAME
    commitment = services.takedown.draft_person(kept.draft)
    assert commitment in {r[0] for r in people}
    rc, out, err = cli(ws, "erase", commitment, "--reason", "GDPR Art. 17 request", "--json",
                       capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    left = [str(p.relative_to(ws)) for p in ws.rglob("*") if p.is_file() and _holds_person(p)]
    assert left == []
    assert services.takedown.drafts()[0].requester is None  # the draft stays, its person is gone


def test_my_cases_follow_the_account_and_the_assignee_is_erasable(services, tmp_path, monkeypatch):
    """"My cases" is who is signed in (the OS account, or the database role), not a display name anyone
    can type in the settings; and the assignee's name lives in the erasable store, not in the request
    row or the case event."""
    from ledger_app.services.cases import QueueQuery
    from ledger_app.storage import identity

    rid = _request(services, tmp_path)
    cases = services.cases
    services.ws.settings.set("user.name", "Dana Whitfield")
    row = cases.assign(rid, "Dana Whitfield")  # "Assign to me"
    assert row.assignee == "Dana Whitfield" and row.mine
    services.ws.settings.set("user.name", "Dana W.")  # she renames herself: still her case
    assert [r.id for r in cases.queue(QueueQuery(mine=True))] == [rid]
    # A colleague on another account who calls themself "Dana Whitfield" does not get her cases.
    monkeypatch.setattr(identity, "os_account", lambda: "someone-else")
    services.ws.settings.set("user.name", "Dana Whitfield")
    assert cases.queue(QueueQuery(mine=True)) == []
    monkeypatch.undo()

    with services.ws.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT assignee FROM takedown_request").fetchall()
        events = conn.exec_driver_sql("SELECT body FROM case_event WHERE kind = 'assigned'").fetchall()
        actor = conn.exec_driver_sql("SELECT commitment, data FROM personal_data WHERE kind = 'actor'").fetchall()
    assert "Whitfield" not in repr(rows) and "Whitfield" not in repr(events)
    mine = next(c for c, d in actor if "Dana Whitfield" in d and "someone-else" not in d)
    assert cases.queue(QueueQuery(assignee="Dana Whitfield"))[0].id == rid
    services.ledger.erase(commitment=mine, reason="GDPR Art. 17 request of a former employee")
    assert cases.row(rid).assignee == "(erased)"
