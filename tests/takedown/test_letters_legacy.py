"""Letters on disk through a draft's and a request's whole life (issue #17): reply files written before
their paths were recorded are still erased; a discarded draft's letters go with it; an amended draft
can lose identifications, and a requester already written to gets a new letter for what is still
missing."""

from __future__ import annotations

import json
from pathlib import Path

from legal_helpers import cli
from test_erasure_gaps import EMAIL, NAME, _holds_person, _request


def _as_before_the_erasure_change(services) -> None:
    """What a workspace written before replies and drafts recorded their files holds: no `files` in
    the reply events, no `letters` in the drafts."""
    with services.ws.store.write_transaction() as conn:
        for eid, body in conn.exec_driver_sql("SELECT id, body FROM case_event WHERE kind = 'reply'").fetchall():
            b = json.loads(body)
            b.pop("files", None)
            conn.exec_driver_sql("UPDATE case_event SET body = ? WHERE id = ?", (json.dumps(b), eid))
        for did, body in conn.exec_driver_sql("SELECT id, body FROM takedown_draft").fetchall():
            b = json.loads(body)
            b.pop("letters", None)
            conn.exec_driver_sql("UPDATE takedown_draft SET body = ? WHERE id = ?", (json.dumps(b), did))


def test_reply_files_written_before_their_paths_were_recorded_are_erased(services, tmp_path, capsys, monkeypatch):
    rid = _request(services, tmp_path)
    ws = services.ws.path
    elsewhere = tmp_path / "sent"
    rc, _out, err = cli(ws, "takedown", "reply", str(rid), "acknowledgement", "--out", str(elsewhere),
                        capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    for lang in ("en", "zh_CN"):
        rc, _out, err = cli(ws, "takedown", "reply", str(rid), "acknowledgement", "--language", lang,
                            capsys=capsys, monkeypatch=monkeypatch)
        assert rc == 0, err
    kept = services.takedown.new_request(type="dmca", requester=NAME, requester_kind="individual", email=EMAIL,
                                         works=[], draft=True)
    rc, _out, err = cli(ws, "takedown", "reply", str(kept.draft), "missing_elements", "--draft",
                        capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    letters = sorted(p for p in (ws / "replies").rglob("*") if p.is_file())
    assert len(letters) == 6 and sum(p.suffix == ".pdf" for p in letters) == 3
    _as_before_the_erasure_change(services)
    # An unrelated file in a draft's folder is not the draft's letter: left alone.
    stranger = ws / "replies" / f"draft-{kept.draft}" / "missing_elements.other.eml"
    stranger.write_bytes(b"Subject: another matter D999\r\n\r\nhello\r\n")

    report = services.ledger.erase(request=rid, reason="GDPR Art. 17 request")
    left = sorted(p.name for p in (ws / "replies").rglob("*") if p.is_file())
    assert left == ["missing_elements.en.eml", "missing_elements.en.pdf", stranger.name]  # the draft's person next
    assert report.cleared["reply files"] == 4  # the request's two e-mails and two PDFs
    # The letter saved outside the workspace was not recorded then: said, not silently missed.
    assert [n for n in report.not_erased if "saved elsewhere" in n] == [
        f"the reply acknowledgement.en.eml to request {rid} was written before reply files were recorded and is not "
        f"in {ws / 'replies' / f'request-{rid}'} as written; if it was saved elsewhere, delete it there"]
    assert all(_holds_person(p) for p in elsewhere.glob("*.eml"))

    report = services.ledger.erase(commitment=services.takedown.draft_person(kept.draft), reason="GDPR Art. 17")
    assert report.cleared["reply files"] == 2  # the draft's e-mail and PDF, found in its folder
    assert sorted(p.name for p in (ws / "replies").rglob("*") if p.is_file()) == [stranger.name]


def test_a_changed_legacy_letter_is_left_and_reported(services, tmp_path):
    from ledger_app.services.replies import write_reply

    rid = _request(services, tmp_path)
    reply = write_reply(services.legal, rid, "acknowledgement")
    _as_before_the_erasure_change(services)
    Path(reply.pdf).write_bytes(b"%PDF-1.4 replaced by hand")
    report = services.ledger.erase(request=rid, reason="GDPR Art. 17 request")
    assert not Path(reply.eml).exists() and Path(reply.pdf).exists()
    assert any(reply.pdf in n and "changed since it was written" in n for n in report.not_erased)


def _dmca_draft(services, urls: list[str]) -> int:
    return services.takedown.new_request(type="dmca", requester=NAME, requester_kind="individual", email=EMAIL,
                                         works=services.takedown.work_specs(urls=urls), draft=True).draft


def test_discarding_a_draft_deletes_its_letters(services, tmp_path):
    from ledger_app.services.replies import write_draft_reply

    draft = _dmca_draft(services, ["https://news.example/a/1"])
    sent = write_draft_reply(services.takedown, draft, out_dir=tmp_path / "sent")  # recorded with the draft
    again = write_draft_reply(services.takedown, draft, language="zh_CN")  # its default folder
    assert Path(again.eml).parent == services.ws.path / "replies" / f"draft-{draft}"
    Path(again.pdf).write_bytes(b"%PDF-1.4 replaced by hand")  # changed since: left, and said

    res = services.takedown.discard_draft(draft)
    assert services.takedown.drafts() == []
    assert not Path(sent.eml).exists() and not Path(sent.pdf).exists() and not Path(again.eml).exists()
    assert Path(again.pdf).exists() and res.letters_deleted == 3
    assert res.letters_left == [f"the reply file {again.pdf} was changed since it was written; it was left for you "
                                "to check"]
    assert res.to_json()["letters_deleted"] == 3


def test_discarding_a_draft_kept_before_letters_were_recorded_deletes_them_too(services, tmp_path, capsys,
                                                                             monkeypatch):
    ws = services.ws.path
    draft = _dmca_draft(services, ["https://news.example/a/1"])
    rc, _out, err = cli(ws, "takedown", "reply", str(draft), "missing_elements", "--draft",
                        capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    _as_before_the_erasure_change(services)
    rc, out, err = cli(ws, "takedown", "discard", str(draft), capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 0, err
    assert out.strip() == f"draft {draft} discarded; 2 letter file(s) deleted"
    assert [p for p in (ws / "replies").rglob("*") if p.is_file()] == []


def test_amending_a_draft_removes_identifications_and_writes_a_new_letter(services, tmp_path, capsys, monkeypatch):
    from ledger_app.core.errors import UserError
    from ledger_app.services.replies import write_draft_reply
    from ledger_app.services.takedown_records import KeptDraft

    td = services.takedown
    urls = ["https://news.example/a/1", "https://news.example/a/2"]
    draft = _dmca_draft(services, urls)
    quiet = _dmca_draft(services, urls)
    first = write_draft_reply(td, draft, language="zh_CN", out_dir=tmp_path / "sent")

    res = td.amend_draft(draft, remove_works=[urls[1]])
    assert isinstance(res, KeptDraft) and [w["url"] for w in td.draft_body(draft).works] == [urls[0]]
    # The requester was written to: a new letter, beside the first (kept), in its language, with its PDF.
    assert res.letter == str(tmp_path / "sent" / "missing_elements-2.zh_CN.eml")
    assert Path(first.eml).exists() and Path(res.letter).with_suffix(".pdf").exists()
    assert [Path(f["path"]).name for f in td.draft_letters(draft)] == [
        "missing_elements.zh_CN.eml", "missing_elements.zh_CN.pdf",
        "missing_elements-2.zh_CN.eml", "missing_elements-2.zh_CN.pdf"]
    assert res.to_json()["letter"] == res.letter
    # Nobody was written to about the other draft: no letter, and the JSON as before.
    other = td.amend_draft(quiet, remove_works=[urls[0]])
    assert other.letter is None and "letter" not in other.to_json()
    try:
        td.amend_draft(draft, remove_works=["https://news.example/never"])
    except UserError as exc:
        assert str(exc) == f"draft {draft} has no identification 'https://news.example/never'"
    else:
        raise AssertionError("an unknown identification was removed")

    rc, out, err = cli(services.ws.path, "takedown", "amend", str(draft), "--url", urls[1], "--remove-work", urls[0],
                       capsys=capsys, monkeypatch=monkeypatch)
    assert rc == 3, err
    assert out.startswith(f"draft {draft} kept (not recorded); still missing: ")
    assert out.strip().endswith(f"new letter asking for what is still missing: {tmp_path / 'sent'}"
                                "/missing_elements-3.zh_CN.eml")
    assert [w["url"] for w in td.draft_body(draft).works] == [urls[1]]
    # Erasing the requester deletes every letter written for the draft.
    services.ledger.erase(commitment=td.draft_person(draft), reason="GDPR Art. 17")
    assert list((tmp_path / "sent").iterdir()) == []
