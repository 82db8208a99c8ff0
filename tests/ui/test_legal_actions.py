"""The rest of the legal process in the case view, driven end to end through the window: the
ownership check a rights holder's purge waits for, restoring items after a counter-notice's
window, the GDPR Art. 19 register of recipients with its notices, and reply letters written
from the templates into a remembered folder, in the interface's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.ui.test_cases import approve_all


@pytest.fixture()
def page(window, session, cases, qtbot):
    ws, _ids = cases
    session.open(ws)
    window.show()
    qtbot.waitExposed(window)
    return window.show_screen("takedowns")


def purge(page, qtbot) -> None:
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None, timeout=20_000)
    page.purge_confirm_button.click()
    qtbot.waitUntil(lambda: page.busy is None and page.current["status"] == "purged", timeout=60_000)


def test_ownership_check_from_the_case_view_lets_the_purge_ask(page, cases, session, qtbot):
    _, ids = cases
    rid = ids["dmca"]
    approve_all(page, session, qtbot, rid, ownership=False)
    case = page.case_view
    assert case.ownership_button.isVisible() and case.ownership_button.isEnabled()
    dialog = page.open_ownership()
    assert "No ownership check recorded yet." in dialog.state.text()
    assert not dialog.ok_button.isEnabled()  # the evidence is what is recorded: not empty
    dialog.result.setCurrentIndex(dialog.result.findData("not_shown"))
    qtbot.keyClicks(dialog.evidence, "a screenshot of the photo, no registration")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert "not shown" in page.message.text()
    assert session.services.legal.ownership(rid).result == "not_shown"
    # Not shown: the purge still refuses, saying what is missing.
    with pytest.raises(Exception, match="evidence of ownership"):
        page.purge_plan(rid)
    dialog = page.open_ownership()
    assert "not shown" in dialog.state.text() and "a screenshot of the photo" in dialog.state.text()
    qtbot.keyClicks(dialog.evidence, "US copyright registration VA 2-345-678")
    assert dialog.result.currentData() == "confirmed"
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    own = session.services.legal.ownership(rid)
    assert own.result == "confirmed" and own.evidence == "US copyright registration VA 2-345-678"
    qtbot.waitUntil(lambda: any("wnership" in case.timeline.item(k).text() for k in range(case.timeline.count())),
                    timeout=20_000)
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None and page.purge_confirm.isVisible(), timeout=20_000)
    page.purge_confirm.reject()


def test_ownership_refused_by_the_service_is_said_in_the_dialog(page, cases, session, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    dialog = page.open_ownership()
    qtbot.keyClicks(dialog.evidence, "   ")
    assert not dialog.ok_button.isEnabled()  # blanks are no evidence
    # The GDPR request is not a rights holder's: no ownership button there.
    page.select_request(ids["gdpr"])
    qtbot.waitUntil(lambda: page.current["id"] == ids["gdpr"])
    assert not page.case_view.ownership_button.isVisible()
    dialog.reject()


def test_restore_after_the_counter_notice_window(page, cases, session, qtbot):
    _, ids = cases
    rid = ids["dmca"]
    approve_all(page, session, qtbot, rid)
    purge(page, qtbot)
    case = page.case_view
    assert case.restore_button.isVisible() and not case.restore_button.isEnabled()
    legal = session.services.legal
    from ledger_app.services.legal import CounterNotice

    legal.counter_notice(rid, CounterNotice(signature="/S/", material="street photograph", location="photos",
                                            mistake_under_penalty=True, name="Sam", address="1 Main St",
                                            phone="+1 555 0100", consent_to_jurisdiction=True,
                                            accepts_service=True))
    # Forwarded four weeks ago: the window (10 to 14 business days) has passed, restore now.
    legal.forward_counter_notice(rid, forwarded_on=(date.today() - timedelta(days=28)).isoformat())
    session.notify_data_changed()
    qtbot.waitUntil(case.restore_button.isEnabled, timeout=20_000)
    case.restore_button.click()
    qtbot.waitUntil(lambda: page.restore_confirm is not None and page.restore_confirm.isVisible(), timeout=20_000)
    assert "restore now" in page.restore_confirm.text()
    page.restore_confirm_button.click()
    qtbot.waitUntil(lambda: "Restored 6 items" in page.message.text(), timeout=120_000)
    assert "6 re-admitted from their retained copies, 0 to re-acquire" in page.message.text()
    w = legal.restore_window(rid)
    assert len(w.restored) == 6 and not w.can_restore
    restored = session.services.corpus.corpus(f"restored-r{rid}")
    assert restored.name == f"restored-r{rid}"
    qtbot.waitUntil(lambda: not case.restore_button.isEnabled() or page.busy is None, timeout=20_000)
    # Asking again: nothing left, and the box says why instead of restoring.
    qtbot.waitUntil(lambda: page.busy is None, timeout=20_000)
    page.restore_items()
    qtbot.waitUntil(lambda: page.restore_confirm is not None and page.restore_confirm.isVisible(), timeout=20_000)
    assert "every item is restored" in page.restore_confirm.text() and page.restore_confirm_button is None
    page.restore_confirm.close()


def test_restore_into_a_folder_the_user_chooses(page, cases, session, qtbot, tmp_path):
    """The window's twin of `ledger takedown restore --to DIR`: the restored items go into the chosen
    folder, which becomes the restored corpus."""
    _, ids = cases
    rid = ids["dmca"]
    approve_all(page, session, qtbot, rid)
    purge(page, qtbot)
    legal = session.services.legal
    from ledger_app.services.legal import CounterNotice

    legal.counter_notice(rid, CounterNotice(signature="/S/", material="street photograph", location="photos",
                                            mistake_under_penalty=True, name="Sam", address="1 Main St",
                                            phone="+1 555 0100", consent_to_jurisdiction=True,
                                            accepts_service=True))
    legal.forward_counter_notice(rid, forwarded_on=(date.today() - timedelta(days=28)).isoformat())
    session.notify_data_changed()
    case = page.case_view
    qtbot.waitUntil(case.restore_button.isEnabled, timeout=20_000)
    chosen = tmp_path / "restored-here"
    chosen.mkdir()
    asked = []
    page.ask_folder = lambda purpose, title: (asked.append(purpose), str(chosen))[1]
    case.restore_button.click()
    qtbot.waitUntil(lambda: page.restore_confirm is not None and page.restore_confirm.isVisible(), timeout=20_000)
    assert page.restore_into_button is not None and page.restore_into_button.text() == "Restore into…"
    page.restore_into_button.click()
    qtbot.waitUntil(lambda: "Restored 6 items" in page.message.text(), timeout=120_000)
    assert asked == ["restored"]
    assert len(list(chosen.glob("*.data"))) == 6
    assert not (session.services.ws.path / "restored" / f"request-{rid}").exists()
    restored = session.services.corpus.corpus(f"restored-r{rid}")
    assert restored.path == str(chosen)


def test_art19_register_and_notices(page, cases, session, qtbot, tmp_path):
    _, ids = cases
    rid = ids["gdpr"]
    services = session.services
    item = services.takedown.show(rid).matches[0]["item_id"]
    services.takedown.review(rid, accept=[item], reject=[])
    from ledger_app.services.lineage import record_release

    record_release(services.corpus, "photos-2026-12", "photos", contact="data@release.example")
    session.notify_data_changed()
    page.select_request(rid)
    case = page.case_view
    qtbot.waitUntil(case.recipients_button.isEnabled, timeout=20_000)
    assert case.recipients_button.isVisible() and not case.ownership_button.isVisible()
    dialog = page.open_recipients()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1, timeout=20_000)
    assert dialog.table.item(0, 1).text() == "photos-2026-12"
    assert dialog.table.item(0, 4).text() == "data@release.example"
    assert dialog.table.item(0, 5).text() == "not yet" and dialog.notify_button.isEnabled()
    out = tmp_path / "notices"
    out.mkdir()
    page.ask_folder = lambda purpose, title: str(out) if purpose == "notices" else ""
    dialog.notify_button.click()
    qtbot.waitUntil(lambda: "1 notices written" in dialog.result.text(), timeout=20_000)
    qtbot.waitUntil(lambda: dialog.table.item(0, 5).text() != "not yet", timeout=20_000)
    assert not dialog.notify_button.isEnabled()
    files = list(out.glob("art19-*.eml"))
    assert len(files) == 1 and b"data@release.example" in files[0].read_bytes()
    assert services.legal.recipients(rid)[0].notified_at is not None
    dialog.reject()


def test_reply_written_into_a_remembered_folder_in_the_interface_language(page, window, cases, session, qtbot,
                                                                           tmp_path):
    _, ids = cases
    rid = ids["dmca"]
    page.select_request(rid)
    qtbot.waitUntil(page.case_view.reply_button.isEnabled, timeout=20_000)
    dialog = page.open_reply()
    assert dialog.language.currentData() == "en"
    assert dialog.template.findData("refusal") == -1  # GDPR letters are not offered for a DMCA notice
    letters = tmp_path / "letters"
    letters.mkdir()
    page.ask_folder = lambda purpose, title: str(letters) if purpose == "replies" else ""
    dialog.folder_button.click()
    assert dialog.folder.text() == str(letters)
    dialog.template.setCurrentIndex(dialog.template.findData("completion"))
    assert dialog.certificate.isVisibleTo(dialog) and not dialog.write_button.isEnabled()
    dialog.template.setCurrentIndex(dialog.template.findData("acknowledgement"))
    assert dialog.write_button.isEnabled()
    dialog.write_button.click()
    qtbot.waitUntil(lambda: "Written:" in dialog.result.text(), timeout=30_000)
    assert (letters / "acknowledgement.en.eml").exists() and (letters / "acknowledgement.en.pdf").exists()
    # A letter the case has not reached: the service's sentence, in the dialog.
    dialog.template.setCurrentIndex(dialog.template.findData("counter_notice_forwarded"))
    dialog.write_button.click()
    qtbot.waitUntil(lambda: "not forwarded yet" in dialog.problem.text(), timeout=30_000)
    dialog.reject()
    assert page.prefs.last_folder("replies") == str(letters)
    # In Chinese, the letter is Chinese by default, and the folder is the one used last.
    window.set_language("zh_CN")
    dialog = page.open_reply()
    assert dialog.language.currentData() == "zh_CN" and dialog.folder.text() == str(letters)
    assert dialog.windowTitle() != f"Write a reply for request #{rid}"  # translated
    dialog.write_button.click()
    qtbot.waitUntil(lambda: (letters / "acknowledgement.zh_CN.pdf").exists() and bool(dialog.result.text()),
                    timeout=30_000)
    import email

    msg = email.message_from_bytes((letters / "acknowledgement.zh_CN.eml").read_bytes())
    body = msg.get_payload(decode=True) or b""
    assert "尊敬的" in body.decode("utf-8")
    replies = [d for d in session.services.cases.case(rid).documents if d.name.startswith("acknowledgement")]
    assert {d.name for d in replies} == {"acknowledgement.en.eml", "acknowledgement.zh_CN.eml"}
    dialog.reject()


def test_new_dialogs_read_in_chinese(page, window, cases, session, qtbot):
    _, ids = cases
    window.set_language("zh_CN")
    page.select_request(ids["dmca"])
    case = page.case_view
    qtbot.waitUntil(lambda: case.ownership_button.text() == "所有权核查……", timeout=20_000)
    assert case.restore_button.text() == "恢复条目……" and case.reply_button.text() == "撰写回复……"
    dialog = page.open_ownership()
    assert "Ownership" not in dialog.windowTitle() and str(ids["dmca"]) in dialog.windowTitle()
    dialog.reject()
    page.select_request(ids["gdpr"])
    qtbot.waitUntil(lambda: page.current["id"] == ids["gdpr"])
    dialog = page.open_recipients()
    assert "Recipients" not in dialog.windowTitle()
    dialog.reject()


def test_restore_waits_for_the_window_and_a_court_action_stops_it(page, cases, session, qtbot):
    _, ids = cases
    rid = ids["dmca"]
    approve_all(page, session, qtbot, rid)
    purge(page, qtbot)
    legal = session.services.legal
    from ledger_app.services.legal import CounterNotice

    legal.counter_notice(rid, CounterNotice(signature="/S/", material="street photograph", location="photos",
                                            mistake_under_penalty=True, name="Sam", address="1 Main St",
                                            phone="+1 555 0100", consent_to_jurisdiction=True,
                                            accepts_service=True))
    legal.forward_counter_notice(rid)  # today: the window opens in 10 business days
    session.notify_data_changed()
    case = page.case_view
    qtbot.waitUntil(lambda: case.restore_button.isEnabled() and case.court_button.isEnabled(), timeout=20_000)
    case.restore_button.click()
    qtbot.waitUntil(lambda: page.restore_confirm is not None and page.restore_confirm.isVisible(), timeout=20_000)
    assert "Nothing can be restored now" in page.restore_confirm.text() and page.restore_confirm_button is None
    assert "0 of 10 business days" in page.restore_confirm.text()
    w = session.services.legal.restore_window(rid)
    from ledger_app.ui.reason_text import LEGAL_PATTERNS

    assert any(p.match(w.reason) for p, _ in LEGAL_PATTERNS), w.reason  # the service's sentence is a known one
    page.restore_confirm.button(page.restore_confirm.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: page.restore_confirm is None)
    assert legal.restore_window(rid).restored == ()
    case.court_button.click()
    dialog = page.reason_dialog
    assert not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "N.D. Cal. case 3:26-cv-01234, claimant's notice of 2026-12-07")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "Court action recorded" in page.message.text(), timeout=20_000)
    w = legal.restore_window(rid)
    assert w.court_action and not w.can_restore
    qtbot.waitUntil(lambda: not case.court_button.isEnabled() and not case.restore_button.isEnabled(), timeout=20_000)


def test_an_incomplete_notice_kept_as_a_draft_with_its_letter(page, session, qtbot, tmp_path):
    """The window's twin of `takedown new --draft` and `takedown reply D missing_elements --draft`: an
    incomplete DMCA notice is not recorded; kept as a draft, the letter asking for what it lacks is
    written into the folder the user chooses."""
    import email
    from email import policy

    before = len(session.services.takedown.list())
    dialog = page.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("dmca"))
    qtbot.keyClicks(dialog.requester_edit, "Pat Sender")
    qtbot.keyClicks(dialog.email_edit, "pat@example.org")
    qtbot.keyClicks(dialog.links_edit, "https://photos.example/p/1")
    assert not dialog.ok_button.isEnabled() and dialog.draft_button.isEnabled()  # the signature etc. are missing
    letters = tmp_path / "letters"
    letters.mkdir()
    page.ask_folder = lambda purpose, title: str(letters) if purpose == "replies" else ""
    dialog.draft_button.click()
    qtbot.waitUntil(lambda: "Kept as draft D1" in page.message.text(), timeout=20_000)
    assert not dialog.isVisible()
    (draft,) = session.services.takedown.drafts()
    assert draft.requester == "Pat Sender" and any("512(c)(3)(A)(i)" in m for m in draft.missing)
    eml = letters / "missing_elements.en.eml"
    assert eml.exists() and (letters / "missing_elements.en.pdf").exists()
    msg = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert msg["To"] == "pat@example.org" and "512(c)(3)(A)(i)" in msg.get_body().get_content()
    assert len(session.services.takedown.list()) == before  # nothing recorded: a draft is not a request
