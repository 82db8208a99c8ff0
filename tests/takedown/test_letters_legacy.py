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
