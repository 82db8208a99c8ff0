"""Legal staff's daily work in the window: review decisions that are never lost (switching
request, closing the window), a purge that says what it touches before it does it, the
certificate of the request shown (also after a restart), evidence with its numbers, and the
queue with search, views, sort and CSV export."""

from __future__ import annotations

import csv
import json

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger_app.ui import errors


@pytest.fixture()
def page(window, session, cases, qtbot):
    ws, ids = cases
    session.open(ws)
    window.show()
    qtbot.waitExposed(window)
    p = window.show_screen("takedowns")
    return p


def decisions_in_db(session, rid: int) -> dict[str, str]:
    return {m["item_id"]: m["decision"] for m in session.services.takedown.show(rid).matches}


def test_switching_request_keeps_unrecorded_decisions_and_says_so(page, cases, session, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    assert page.current["id"] == ids["dmca"] and page.matches.rowCount() == 6
    page.matches_table.setFocus()
    qtbot.keyClick(page.matches_table, Qt.Key.Key_A)
    qtbot.keyClick(page.matches_table, Qt.Key.Key_A)
    qtbot.keyClick(page.matches_table, Qt.Key.Key_R)
    first, second, third = (page.matches.record(k)["item_id"] for k in range(3))
    page.select_request(ids["gdpr"])
    assert page.current["id"] == ids["gdpr"] and page.matches.rowCount() == 1
    # Not silent: the queue marks the request and the page names it.
    assert page.unrecorded_counts() == {ids["dmca"]: 3}
    assert f"#{ids['dmca']} (3)" in page.queue_info.text()
    row = page.queue.row_of(ids["dmca"])
    assert "✎" in page.queue.index(row, page.queue.COL_ID).data()
    # Nothing was recorded behind the user's back, and nothing was lost.
    assert set(decisions_in_db(session, ids["dmca"]).values()) == {"pending"}
    page.select_request(ids["dmca"])
    assert page.matches.decision(page.matches.record(0)) == "accepted"
    assert page.matches.decision(page.matches.record(1)) == "accepted"
    assert page.matches.decision(page.matches.record(2)) == "rejected"
    # A reload (any write elsewhere) keeps them too.
    session.notify_data_changed()
    assert page.matches.pending_changes() == (sorted([first, second]), [third])
    page.record_button.click()
    qtbot.waitUntil(lambda: decisions_in_db(session, ids["dmca"])[third] == "rejected", timeout=20_000)
    qtbot.waitUntil(lambda: page.unrecorded_counts() == {}, timeout=20_000)
    assert decisions_in_db(session, ids["dmca"])[first] == "accepted"
    assert "✎" not in page.queue.index(page.queue.row_of(ids["dmca"]), 0).data()


def test_closing_the_window_asks_and_records(page, window, cases, session, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    page.matches_table.selectRow(0)
    page.accept_button.click()
    page.select_request(ids["gdpr"])
    page.reject_button.click()
    asked = []
    page.ask_unrecorded = lambda counts: asked.append(dict(counts)) or "record"
    window.close()
    assert asked == [{ids["dmca"]: 1, ids["gdpr"]: 1}]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=20_000)
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS

    ws, _ = cases
    again = Services(Workspace(ws), lambda c: PASS)
    try:
        assert "accepted" in {m["decision"] for m in again.takedown.show(ids["dmca"]).matches}
        assert again.takedown.show(ids["gdpr"]).matches[0]["decision"] == "rejected"
    finally:
        again.ws.dispose()


def test_closing_the_window_can_be_cancelled_or_discard_on_purpose(page, window, cases, session, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    page.accept_rest_button.click()
    page.ask_unrecorded = lambda counts: "cancel"
    window.close()
    assert window.isVisible() and page.unrecorded_counts() == {ids["dmca"]: 6}
    page.ask_unrecorded = lambda counts: "discard"
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible())
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    again = Services(Workspace(cases[0]), lambda c: "unused")
    try:
        assert {m["decision"] for m in again.takedown.show(ids["dmca"]).matches} == {"pending"}
    finally:
        again.ws.dispose()


def test_the_question_itself_names_the_requests(page, cases, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    page.accept_rest_button.click()
    seen = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        seen["text"] = box.text()
        cancel = box.button(QMessageBox.StandardButton.Cancel)
        cancel.click()

    QTimer.singleShot(0, answer)
    assert page.ask_unrecorded(page.unrecorded_counts()) == "cancel"
    assert f"request #{ids['dmca']}: 6" in seen["text"]
    page.discard_unrecorded()  # or closing the window at teardown would ask again
    assert page.unrecorded_counts() == {}


def approve_all(page, session, qtbot, rid, ownership: bool = True):
    page.select_request(rid)
    page.accept_rest_button.click()
    page.record_button.click()
    qtbot.waitUntil(lambda: page.current["status"] == "reviewed" and page.approve_button.isEnabled(), timeout=20_000)
    session.services.ws.settings.set("takedown.four_eyes", False)
    if ownership:  # a rights holder's request is purged only once the evidence of ownership is recorded
        session.services.legal.check_ownership(rid, "the agency's licence register entry for q0122")
    page.approve_button.click()
    qtbot.waitUntil(lambda: page.current["status"] == "approved" and page.purge_button.isEnabled(), timeout=20_000)


def test_purge_asks_first_naming_items_shards_and_corpora(page, cases, session, qtbot):
    _, ids = cases
    approve_all(page, session, qtbot, ids["dmca"], ownership=False)
    # Nothing to confirm while what must come first is missing: the sentence says what to do.
    page.purge_button.click()
    qtbot.waitUntil(lambda: bool(errors.open_dialogs()), timeout=20_000)
    box = errors.open_dialogs()[-1]
    assert "record the evidence of ownership" in box.text() and page.purge_confirm is None
    box.close()
    session.services.legal.check_ownership(ids["dmca"], "the agency's licence register entry for q0122")
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None and page.purge_confirm.isVisible(), timeout=20_000)
    box = page.purge_confirm
    assert "6 items from 1 shards in 1 corpora (photos)" in box.text()
    assert "cannot be undone" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)  # Enter does not purge
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: page.purge_confirm is None)
    assert session.services.takedown.show(ids["dmca"]).status == "approved"
    assert page.purge_button.isEnabled()
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None and page.purge_confirm.isVisible(), timeout=20_000)
    page.purge_confirm_button.click()
    qtbot.waitUntil(lambda: page.busy is None and page.current["status"] == "purged", timeout=60_000)


def test_certificate_tab_follows_the_request_and_survives_a_restart(page, window, cases, session, qtbot, tmp_path):
    _, ids = cases
    approve_all(page, session, qtbot, ids["dmca"])
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None, timeout=20_000)
    page.purge_confirm_button.click()
    qtbot.waitUntil(lambda: page.busy is None and page.current["status"] == "purged", timeout=60_000)
    assert page.certificate_button.isEnabled()
    out = tmp_path / "cert-dmca.json"
    page.ask_save_path = lambda suggested: str(out)
    page.certificate_button.click()
    qtbot.waitUntil(lambda: page.last_certificate is not None and page.current["status"] == "certified",
                    timeout=60_000)
    assert f"Certificate of request #{ids['dmca']}" in page.certificate_result.text()
    assert not page.certificate_button.isEnabled()  # certified: not issued twice
    # Switching: the other request's tab says it has none; the message about the purge is gone.
    page.message.setText("a message about the DMCA request")
    page.select_request(ids["gdpr"])
    assert page.message.text() == ""
    assert page.progress.value() == 0 and not page.progress.isTextVisible()
    assert f"No certificate has been issued for request #{ids['gdpr']}" in page.certificate_result.text()
    assert page.pdf.stack.currentWidget() is page.pdf.placeholder
    page.select_request(ids["dmca"])
    assert f"Certificate of request #{ids['dmca']}" in page.certificate_result.text()
    assert page.pdf.stack.currentWidget() is page.pdf.view

    # A restart: a new session and window over the same workspace and preferences.
    from ledger_app.ui.mainwindow import MainWindow
    from ledger_app.ui.prefs import Preferences
    from ledger_app.ui.session import Session
    from tests.ui.conftest import PASS

    ws = session.ws.path
    window.close()
    s2 = Session(passphrase=lambda confirm: PASS)
    w2 = MainWindow(s2, Preferences())
    qtbot.addWidget(w2)
    try:
        s2.open(ws)
        p2 = w2.show_screen("takedowns")
        p2.select_request(ids["dmca"])
        assert p2.current["status"] == "certified"
        assert not p2.certificate_button.isEnabled()
        assert f"Certificate of request #{ids['dmca']}" in p2.certificate_result.text()
        assert "Verified offline" in p2.certificate_result.text()
        # Without the remembered file, the ledger still says it was issued, and the file can be opened.
        Preferences().set_certificate_file(s2.workspace_id, ids["dmca"], "")
        p2.select_request(ids["gdpr"])
        p2.select_request(ids["dmca"])
        assert "was certified: its certificate is ledger entry" in p2.certificate_result.text()
        assert "No certificate issued yet" not in p2.pdf.placeholder.text()
        # An insider's swap: another file in its place is refused, not shown as this request's.
        other = tmp_path / "other.json"
        doc = json.loads(out.read_text())
        doc["request"]["id"] = ids["gdpr"]
        other.write_text(json.dumps(doc))
        p2.ask_open_path = lambda: str(other)
        assert not p2.open_certificate()
        assert "cannot be shown" in p2.certificate_result.text()
        p2.ask_open_path = lambda: str(out)
        assert p2.open_certificate()
    finally:
        s2.runner.cancel_all()
        s2.runner.wait(10_000)
        s2.close()


def test_evidence_shows_its_numbers_and_captions(page, cases, qtbot):
    _, ids = cases
    page.select_request(ids["dmca"])
    rows = {page.matches.record(k)["item_id"].rsplit("#", 1)[1]: k for k in range(page.matches.rowCount())}
    resized = rows["0100"]
    score = page.matches.index(resized, page.matches.COL_SCORE).data()
    ev = page.matches.record(resized)["evidence"]
    assert f"PDQ distance {ev['pdq_distance']}" in score and "(match ≤ 31)" in score
    assert f"{ev['verification']['inliers']} inliers" in score
    # Two different distances, two different scores: no more "1.00" for everything.
    assert page.matches.index(rows["0000"], page.matches.COL_SCORE).data() != score
    page.matches_table.selectRow(resized)
    summary = page.evidence.summary.text()
    assert f"PDQ distance {ev['pdq_distance']} of 256" in summary and "beyond the threshold of 31" in summary
    caption = page.evidence.corpus.caption.text()
    assert "https://mirror.example/0100.jpg" in caption and "photos" in caption and "shard-000.tar#0100" in caption
    # IDs shortened in the middle: the distinguishing end stays visible; the whole ID in the tooltip.
    from ledger_app.ui.models.takedown_text import shorten_middle

    long_id = "photohost:photos-0000000000000000/shard-000123.tar#000042"
    short = shorten_middle(long_id)
    assert short.endswith("#000042") and short.startswith("photohost:") and "…" in short and len(short) <= 34
    assert page.matches.index(resized, 0).data(Qt.ItemDataRole.ToolTipRole) == page.matches.record(resized)["item_id"]


def test_queue_views_search_sort_and_export(page, cases, session, qtbot, tmp_path):
    _, ids = cases
    # Open requests by default: the rejected one is not mixed in.
    assert page.view_combo.currentData() == "open"
    shown = {r["id"] for r in page.queue_view.visible_records()}
    assert shown == {ids["dmca"], ids["gdpr"]}
    page.view_combo.setCurrentIndex(page.view_combo.findData("closed"))
    assert {r["id"] for r in page.queue_view.visible_records()} == {ids["closed"]}
    page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
    assert page.queue_view.rowCount() == 3
    page.type_combo.setCurrentIndex(page.type_combo.findData("gdpr"))
    assert [r["id"] for r in page.queue_view.visible_records()] == [ids["gdpr"]]
    page.type_combo.setCurrentIndex(0)
    # Search by the requester's name, read from the personal-data store.
    qtbot.keyClicks(page.search_edit, "agency")
    assert [r["id"] for r in page.queue_view.visible_records()] == [ids["dmca"]]
    page.search_edit.clear()
    # Sort by days left, then by request number descending.
    page.queue_table.sortByColumn(page.queue.COL_ID, Qt.SortOrder.DescendingOrder)
    assert [r["id"] for r in page.queue_view.visible_records()] == sorted(ids[k] for k in ("dmca", "gdpr", "closed"))[::-1]
    page.queue_table.sortByColumn(page.queue.COL_DAYS, Qt.SortOrder.AscendingOrder)
    order = [r["id"] for r in page.queue_view.visible_records()]
    assert order.index(ids["dmca"]) < order.index(ids["gdpr"]) < order.index(ids["closed"])  # 14 < 31 days; closed last
    out = page.export_csv(str(tmp_path / "queue.csv"))
    with open(out, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:3] == ["Request", "Type", "Requester"]
    assert [int(r[0]) for r in rows[1:]] == order
    assert any("Photo Agency Ltd" in r[2] for r in rows[1:])


def test_reject_and_close_from_the_case_view(page, cases, session, qtbot):
    _, ids = cases
    page.select_request(ids["gdpr"])
    case = page.case_view
    assert "Ann Example" in case.facts.toPlainText() and "ann@example.net" in case.facts.toPlainText()
    assert "days left" in case.deadline.text()
    assert case.extend_button.isEnabled()  # GDPR: extendable once
    dialog = page.extend_request()
    assert not dialog.ok_button.isEnabled()  # a reason is required
    qtbot.keyClicks(dialog.reason, "identity verification pending")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.current.get("extension_reason") == "identity verification pending", timeout=20_000)
    assert not case.extend_button.isEnabled()
    dialog = page.reject_request()
    qtbot.keyClicks(dialog.reason, "not the requester's data")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.current["status"] == "rejected", timeout=20_000)
    assert case.close_button.isEnabled()
    case.close_button.click()
    qtbot.waitUntil(lambda: page.current["status"] == "closed", timeout=20_000)


def test_case_view_notes_assignee_notice_and_timeline(page, cases, session, qtbot, tmp_path):
    _, ids = cases
    page.select_request(ids["dmca"])
    case = page.case_view
    assert "Photo Agency Ltd" in case.facts.toPlainText() and "legal@agency.example" in case.facts.toPlainText()
    qtbot.waitUntil(lambda: case.timeline.count() >= 3, timeout=20_000)  # read from the ledger in the background
    texts = [case.timeline.item(k).text() for k in range(case.timeline.count())]
    assert any("Request received (DMCA notice)" in t for t in texts)
    assert any("6 matches found (perceptual 6)" in t for t in texts)
    qtbot.keyClicks(case.note_edit, "called the agency")
    qtbot.keyClick(case.note_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "called the agency" in case.notes.item(0).text(), timeout=20_000)
    assert case.note_edit.text() == ""
    me = session.services.cases.current_user()
    case.assign_me_button.click()
    qtbot.waitUntil(lambda: case.assignee_edit.text() == me and not case.assign_me_button.isEnabled(), timeout=20_000)
    notice = tmp_path / "notice.eml"
    notice.write_text("From: legal@agency.example\nSubject: DMCA notice\n\nPlease remove q0122.\n")
    page.ask_notice_path = lambda: str(notice)
    case.attach_button.click()
    qtbot.waitUntil(lambda: "notice.eml" in case.documents.item(0).text(), timeout=20_000)
    qtbot.waitUntil(lambda: any("Document kept" in case.timeline.item(k).text() for k in range(case.timeline.count())),
                    timeout=20_000)
    texts = [case.timeline.item(k).text() for k in range(case.timeline.count())]
    assert any("Note added" in t for t in texts) and any("Assigned" in t for t in texts)
    # "My cases": the request assigned to the acting user, and only that one.
    page.view_combo.setCurrentIndex(page.view_combo.findData("mine"))
    assert [r["id"] for r in page.queue_view.visible_records()] == [ids["dmca"]]
    assert page.queue.index(page.queue.row_of(ids["dmca"]), page.queue.COL_ASSIGNEE).data() == me


def test_file_dialogs_remember_the_last_folder_per_purpose(qapp, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from ledger_app.ui import file_dialogs

    seen = []
    answers = iter([str(tmp_path / "certs" / "a.json"), str(tmp_path / "corpora" / "x.tar")])
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda parent, title, start, filters="": (seen.append(start), (next(answers), ""))[1]))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(
        lambda parent, title, start, filters="": (seen.append(start), (next(answers), ""))[1]))
    (tmp_path / "certs").mkdir()
    (tmp_path / "corpora").mkdir()
    file_dialogs.save_file(None, "certificate", "t", "removal-certificate-1.json")
    file_dialogs.open_file(None, "corpus", "t")
    answers = iter([str(tmp_path / "certs" / "b.json")])
    file_dialogs.save_file(None, "certificate", "t", "removal-certificate-2.json")
    # First time: just the suggested name; then the folder chosen last time for that purpose.
    assert seen == ["removal-certificate-1.json", "", str(tmp_path / "certs" / "removal-certificate-2.json")]


def test_messages_said_earlier_follow_the_language(page, window, cases, session, qtbot):
    """Saved as message IDs with arguments: a message about a request, the timeline and the last
    verification result read in Chinese after the switch, not in the English they were made in."""
    from ledger_app.ui import i18n_build

    i18n_build.build()
    _, ids = cases
    page.select_request(ids["gdpr"])
    me = session.services.cases.current_user()
    qtbot.waitUntil(page.case_view.assign_me_button.isEnabled, timeout=20_000)  # once the case is read
    page.case_view.assign_me_button.click()
    qtbot.waitUntil(lambda: page.message.text() == f"Request #{ids['gdpr']} assigned to {me}.", timeout=20_000)
    qtbot.waitUntil(lambda: page.case_view.timeline.count() >= 3, timeout=20_000)
    ledger = window.pages["ledger"]
    ledger.verify_button.click()
    qtbot.waitUntil(lambda: ledger.verify_task is None and "intact" in ledger.verify_result.text(), timeout=60_000)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.message.text() == f"请求 #{ids['gdpr']} 已指派给 {me}。")
    qtbot.waitUntil(lambda: "收到请求（GDPR 删除请求）" in page.case_view.timeline.item(0).text())
    assert ledger.verify_result.text().startswith("账本完好")
    rec = window.prefs.last_verification(session.workspace_id)
    assert "完好" in rec.text() and "intact" in rec.message  # stored once, said in the language of the day
    window.set_language("en")
    qtbot.waitUntil(lambda: page.message.text() == f"Request #{ids['gdpr']} assigned to {me}.")


def test_counter_notice_dialog_records_and_forwarding_starts_the_clock(page, cases, session, qtbot):
    _, ids = cases
    approve_all(page, session, qtbot, ids["dmca"])
    page.purge_button.click()
    qtbot.waitUntil(lambda: page.purge_confirm is not None, timeout=20_000)
    page.purge_confirm_button.click()
    qtbot.waitUntil(lambda: page.busy is None and page.current["status"] == "purged", timeout=60_000)
    case = page.case_view
    qtbot.waitUntil(case.counter_button.isEnabled, timeout=20_000)
    assert not case.gdpr_button.isVisible() and not case.forward_button.isEnabled()
    dialog = page.open_counter_notice()
    assert not dialog.ok_button.isEnabled() and "512(g)(3)(A)" in dialog.missing_label.text()
    for w, text in ((dialog.signature, "/S. Ubscriber/"), (dialog.material, "street photograph"),
                    (dialog.location, "photos:shard-000.tar"), (dialog.name, "Sam Ubscriber"),
                    (dialog.address, "1 Main St, Springfield"), (dialog.phone, "+1 555 0100")):
        qtbot.keyClicks(w, text)
    dialog.mistake.setChecked(True)
    dialog.consent.setChecked(True)
    assert not dialog.ok_button.isEnabled() and "service of process" in dialog.missing_label.text()
    dialog.service.setChecked(True)
    assert dialog.ok_button.isEnabled() and dialog.missing_label.text() == ""
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    assert "Counter-notice recorded for 6 items" in page.message.text()
    assert session.services.legal.counter_notifier(ids["dmca"]).name == "Sam Ubscriber"
    qtbot.waitUntil(case.forward_button.isEnabled, timeout=20_000)
    case.forward_button.click()
    qtbot.waitUntil(lambda: "may be restored from" in page.message.text(), timeout=20_000)
    w = session.services.legal.restore_window(ids["dmca"])
    assert f"from {w.earliest} to {w.latest}" in page.message.text()
    qtbot.waitUntil(lambda: any("Counter-notice forwarded" in case.timeline.item(k).text()
                                for k in range(case.timeline.count())), timeout=20_000)


def test_gdpr_dialog_identity_and_partial_refusal(page, cases, session, qtbot, tmp_path):
    _, ids = cases
    page.select_request(ids["gdpr"])
    case = page.case_view
    qtbot.waitUntil(case.gdpr_button.isEnabled, timeout=20_000)
    assert not case.counter_button.isVisible()
    dialog = page.open_gdpr()
    dialog.identity_result.setCurrentIndex(dialog.identity_result.findData("verified"))
    dialog.identity_button.click()  # no method: the service's sentence, shown in the dialog
    qtbot.waitUntil(lambda: "--method" in dialog.problem.text() or "how" in dialog.problem.text(), timeout=20_000)
    qtbot.keyClicks(dialog.identity_method, "reply from the registered e-mail address")
    dialog.identity_button.click()
    qtbot.waitUntil(lambda: dialog.result.text() == "Identity check recorded: verified.", timeout=20_000)
    assert session.services.legal.identity(ids["gdpr"]) == "verified"
    dialog.tabs.setCurrentIndex(1)
    assert not dialog.refuse_button.isEnabled()
    dialog.ground.setCurrentIndex(dialog.ground.findData("e"))
    dialog.items.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClicks(dialog.reason, "kept as evidence in pending litigation")
    assert dialog.refuse_button.isEnabled()
    dialog.refuse_button.click()
    qtbot.waitUntil(lambda: "refusal recorded on Art. 17(3)(e)" in dialog.result.text(), timeout=20_000)
    refusals = session.services.legal.refusals(ids["gdpr"])
    assert refusals[-1].ground == "Art. 17(3)(e)" and list(refusals[-1].retained) == ["photos:shard-000.tar#0001"]
    dialog.reject()
