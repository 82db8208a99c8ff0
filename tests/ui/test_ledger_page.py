"""The Ledger screen driven through its widgets, over real workspaces."""

from __future__ import annotations

import json
import shutil
import sqlite3

from PySide6.QtWidgets import QApplication

from ledger_app.ui.models import RecordRole


def open_ledger(window, session, path, qtbot):
    session.open(path)
    page = window.show_screen("ledger")
    window.show()
    qtbot.waitExposed(window)
    return page


def test_lists_the_entries_of_a_real_workspace(window, session, small_ledger, qtbot):
    page = open_ledger(window, session, small_ledger, qtbot)
    assert page.stack.currentWidget() is page.main
    model = page.model
    assert model.rowCount() == 31
    assert model.index(0, model.COL_TYPE).data() == "ledger.init"
    assert model.index(5, model.COL_SUMMARY).data() == "note 0-4"
    assert model.index(5, 0).data(RecordRole).payload == {"text": "note 0-4"}
    assert "signature" not in page.checkpoint_text.toPlainText()  # it is the note text itself
    assert page.checkpoint_text.toPlainText().startswith("example.com/ui-test\n31\n")
    assert page.vkey_edit.text().startswith("example.com/ui-test+")


def test_detail_shows_payload_and_inclusion_proof(window, session, small_ledger, qtbot):
    page = open_ledger(window, session, small_ledger, qtbot)
    page.select_entry(12)
    text = page.detail.toPlainText()
    proof = session.ledger.prove(12)
    assert "Entry 12" in text and '"text": "note 1-1"' in text
    assert proof.leaf_hash in text and proof.root_hash in text
    assert all(h in text for h in proof.proof)


def test_copy_checkpoint_and_key(window, session, small_ledger, qtbot):
    page = open_ledger(window, session, small_ledger, qtbot)
    page.copy_checkpoint_button.click()
    assert QApplication.clipboard().text() == session.ledger.checkpoint()
    page.copy_vkey_button.click()
    assert QApplication.clipboard().text() == session.ledger.vkey()


def test_verify_through_the_widgets(window, session, small_ledger, qtbot):
    page = open_ledger(window, session, small_ledger, qtbot)
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_task is None, timeout=20_000)
    assert page.last_verify_ok is True
    assert page.progress.value() == page.progress.maximum() == 31
    assert "intact" in page.verify_result.text() and "31 entries" in page.verify_result.text()
    rec = page.prefs.last_verification(session.workspace_id)
    assert rec is not None and rec.ok and rec.entries == 31
    dashboard = window.show_screen("dashboard")
    dashboard.refresh()
    assert "passed" in dashboard.health_values["verified"].text()


def test_a_tampered_database_names_the_entry(window, session, small_ledger, qtbot):
    conn = sqlite3.connect(small_ledger / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    (leaf,) = conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 17").fetchone()
    flipped = bytearray(leaf)
    flipped[len(flipped) // 2] ^= 0x01
    conn.execute("UPDATE ledger_entry SET leaf = ? WHERE idx = 17", (bytes(flipped),))
    conn.close()

    page = open_ledger(window, session, small_ledger, qtbot)
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_task is None, timeout=20_000)
    assert page.last_verify_ok is False
    assert page.verify_result.text().startswith("Verification failed: entry 17")
    assert page.table.currentIndex().row() == 17  # the failing entry is selected
    rec = page.prefs.last_verification(session.workspace_id)
    assert rec is not None and not rec.ok and rec.index == 17


def test_a_verification_failure_is_said_in_chinese_and_kept_as_a_message(window, session, small_ledger, qtbot,
                                                                           tmp_path):
    """The verifier's sentence is a message ID with arguments: the Ledger page says it in Chinese,
    the result kept for the dashboard is said again in the language of the day, the CLI's text
    (str of the error) stays English."""
    from ledger_app.core.errors import VerificationError

    conn = sqlite3.connect(small_ledger / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE ledger_entry SET leaf_hash = ? WHERE idx = 17", (bytes(32),))
    conn.close()

    page = open_ledger(window, session, small_ledger, qtbot)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.verify_button.text() == "验证整个账本")
    page.verify_button.click()
    qtbot.waitUntil(lambda: page.verify_task is None, timeout=20_000)
    text = page.verify_result.text()
    assert text.startswith("验证失败：条目 17：存储的叶子哈希 " + "00" * 32 + " 与其内容不符（"), text
    assert "does not match" not in text
    qtbot.wait(300)
    page.grab().save(str(tmp_path / "ledger-zh.png"))
    rec = page.prefs.last_verification(session.workspace_id)
    assert rec is not None and rec.text() == text  # kept as the message, said in Chinese
    window.set_language("en")
    qtbot.waitUntil(lambda: page.verify_button.text() == "Verify the whole ledger")
    english = page.verify_result.text()
    assert english.startswith("Verification failed: entry 17: stored leaf hash " + "00" * 32 + " does not match its bytes")
    assert rec.text() == english
    try:
        session.ledger.verify()
    except VerificationError as exc:
        assert english == f"Verification failed: {exc}"  # the CLI's sentence, unchanged
    else:
        raise AssertionError("the tampered ledger verified")


def test_cancel_verification(window, session, small_ledger, qtbot, monkeypatch):
    page = open_ledger(window, session, small_ledger, qtbot)
    import threading

    gate = threading.Event()
    real_verify = session.ledger.verify

    def slow_verify(progress, cancelled):
        gate.wait(10)
        return real_verify(progress, cancelled)

    monkeypatch.setattr(session.ledger, "verify", slow_verify)
    page.verify_button.click()
    page.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: page.verify_task is None, timeout=20_000)
    assert "cancelled" in page.verify_result.text()
    assert page.prefs.last_verification(session.workspace_id) is None


def test_export_consistency_proof(window, session, small_ledger, qtbot, tmp_path):
    page = open_ledger(window, session, small_ledger, qtbot)
    page.tabs.setCurrentIndex(2)
    page.old_size.setValue(11)
    page.new_size.setValue(31)
    out = tmp_path / "proof.json"
    page.ask_save_path = lambda suggested: str(out)
    page.export_button.click()
    qtbot.waitUntil(lambda: "written" in page.export_result.text(), timeout=10_000)
    assert json.loads(out.read_text()) == session.ledger.consistency(11, 31).to_json()


def test_record_a_note_goes_through_the_writer(window, session, small_ledger, qtbot):
    page = open_ledger(window, session, small_ledger, qtbot)
    page.note_edit.setText("court order received by post")
    page.note_button.click()
    qtbot.waitUntil(lambda: page.model.rowCount() == 32, timeout=20_000)
    assert page.model.index(31, page.model.COL_SUMMARY).data() == "court order received by post"
    assert page.checkpoint_text.toPlainText().split("\n")[1] == "32"


def test_a_workspace_without_a_ledger_offers_to_create_one(window, session, tmp_path, qtbot):
    page = open_ledger(window, session, tmp_path / "fresh", qtbot)
    assert page.stack.currentWidget() is page.empty
    corpora, takedowns, settings = window.pages["corpora"], window.pages["takedowns"], window.pages["settings"]
    assert not corpora.register_button.isEnabled() and not takedowns.new_button.isEnabled()
    page.create_button.click()
    # The origin is chosen by the user, never derived silently from the machine.
    dialog = page.origin_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.origin_edit.text() == "" and not dialog.ok_button.isEnabled()
    qtbot.keyClicks(dialog.origin_edit, "has space")
    assert not dialog.ok_button.isEnabled() and "spaces" in dialog.problem.text()
    dialog.origin_edit.clear()
    qtbot.keyClicks(dialog.origin_edit, "legal.example.com/training-data")
    assert dialog.ok_button.isEnabled()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.main, timeout=20_000)
    assert page.model.rowCount() == 1
    assert page.model.index(0, 1).data() == "ledger.init"
    assert session.ledger.origin == "legal.example.com/training-data"
    # Every other screen is enabled at once, without a restart.
    assert corpora.register_button.isEnabled()
    assert takedowns.new_button.isEnabled()
    assert settings.origin_value.text() == "legal.example.com/training-data"


def test_cancelling_the_origin_creates_nothing(window, session, tmp_path, qtbot):
    page = open_ledger(window, session, tmp_path / "fresh", qtbot)
    page.create_button.click()
    qtbot.waitUntil(page.origin_dialog.isVisible)
    page.origin_dialog.reject()
    assert not session.has_ledger() and page.stack.currentWidget() is page.empty


def test_a_certificate_dropped_on_the_screen_is_verified(window, session, small_ledger, qtbot, tmp_path):
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    from tests.ui.tampering import small_certificate

    page = open_ledger(window, session, small_ledger, qtbot)
    doc = small_certificate(session.ledger)
    good = tmp_path / "certificate.json"
    good.write_text(json.dumps(doc))
    bad_doc = json.loads(json.dumps(doc))
    bad_doc["removed_items"][0]["location"] = "y.jpg"
    bad = tmp_path / "tampered.json"
    bad.write_text(json.dumps(bad_doc))

    def drop(path):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                           Qt.KeyboardModifier.NoModifier)
        page.dropEvent(event)
        return page.verify_result.text()

    assert "verifies" in drop(good) and "does NOT" not in page.verify_result.text()
    assert "does NOT verify" in drop(bad)


def test_the_dashboard_shows_the_signed_time_not_the_checkpoint_column(window, session, small_ledger, qtbot):
    """ledger_checkpoint.created_at is covered by no signature; the dashboard reads the leaf's time."""
    conn = sqlite3.connect(small_ledger / "ledger.db", isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE ledger_checkpoint SET created_at = 0")
    conn.close()
    open_ledger(window, session, small_ledger, qtbot)
    dashboard = window.show_screen("dashboard")
    dashboard.refresh()
    text = dashboard.health_values["checkpoint"].text()
    year = session.ledger.show(30).ts[:4]
    assert text.startswith("size 31, signed ") and year in text and "1970" not in text


def test_the_dashboard_reports_a_restored_backup_until_it_is_acknowledged(window, session, small_ledger, qtbot, tmp_path):
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS

    backup = tmp_path / "backup.db"
    shutil.copy(small_ledger / "ledger.db", backup)
    svc = LedgerService(Workspace(small_ledger), passphrase=lambda confirm: PASS)
    svc.note("after the backup")
    svc.ws.dispose()
    shutil.copy(backup, small_ledger / "ledger.db")
    open_ledger(window, session, small_ledger, qtbot)
    dashboard = window.show_screen("dashboard")
    dashboard.refresh()
    assert "rolled back (entries 31..31 are gone)" in dashboard.health_values["checkpoint"].text()
    svc = LedgerService(Workspace(small_ledger), passphrase=lambda confirm: PASS)
    svc.acknowledge_rollback("restored the backup on purpose")
    svc.ws.dispose()
    dashboard.refresh()
    assert dashboard.health_values["checkpoint"].text().startswith("size 32, signed ")
