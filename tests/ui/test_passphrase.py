"""The passphrase provider: environment first, else a dialog on the main thread, even for workers."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QDialog

from ledger_app.core.errors import SigningKeyError
from ledger_app.ui.passphrase import PassphraseDialog, PassphraseProvider


class FakeDialog:
    """Stands in for the modal dialog: records the thread it ran on and answers."""

    def __init__(self, answer, confirm, parent):
        self.answer = answer
        self.confirm = confirm
        self.thread = threading.current_thread()

    def exec(self):
        return QDialog.DialogCode.Accepted if self.answer else QDialog.DialogCode.Rejected

    def passphrase(self):
        return self.answer

    def deleteLater(self):
        pass


def test_environment_wins(monkeypatch, qapp):
    monkeypatch.setenv("LEDGER_PASSPHRASE", "from env")
    p = PassphraseProvider()
    p.make_dialog = lambda confirm, parent: pytest.fail("no dialog when LEDGER_PASSPHRASE is set")
    assert p(False) == "from env"


def test_a_worker_thread_gets_the_answer_from_a_dialog_on_the_main_thread(monkeypatch, qtbot):
    monkeypatch.delenv("LEDGER_PASSPHRASE", raising=False)
    p = PassphraseProvider()
    made = []
    p.make_dialog = lambda confirm, parent: made.append(FakeDialog("s3cret", confirm, parent)) or made[-1]
    result = {}
    t = threading.Thread(target=lambda: result.setdefault("v", p(True)))
    t.start()
    qtbot.waitUntil(lambda: "v" in result, timeout=5000)
    t.join()
    assert result["v"] == "s3cret"
    assert made[0].thread is threading.main_thread() and made[0].confirm is True


def test_cancelling_the_dialog_is_a_signing_key_error(monkeypatch, qapp):
    monkeypatch.delenv("LEDGER_PASSPHRASE", raising=False)
    p = PassphraseProvider()
    p.make_dialog = lambda confirm, parent: FakeDialog("", confirm, parent)
    with pytest.raises(SigningKeyError):
        p(False)


def test_dialog_refuses_mismatched_confirmation(qtbot):
    d = PassphraseDialog(confirm=True)
    qtbot.addWidget(d)
    d.first.setText("a")
    d.second.setText("b")
    d.buttons.accepted.emit()
    assert d.result() != QDialog.DialogCode.Accepted and d.problem.text()
    d.second.setText("a")
    d.buttons.accepted.emit()
    assert d.result() == QDialog.DialogCode.Accepted and d.passphrase() == "a"


@pytest.mark.parametrize("confirm", [False, True])
def test_the_dialog_takes_typing_from_the_keyboard_and_has_no_stray_field(qtbot, confirm):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    d = PassphraseDialog(confirm=confirm)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: d.focusWidget() is d.first)
    # Every text field is in the form, with a label naming it: none hides in a corner.
    fields = d.findChildren(QLineEdit)
    assert fields == [f for f in (d.first, d.second) if f is not None]
    for f in fields:
        assert f.isVisible()
        label = d.layout().itemAt(1).layout().labelForField(f)
        assert label is not None and label.text()
    # Typed from the keyboard, into the field that has the focus: the first.
    qtbot.keyClicks(d.focusWidget(), "correct horse")
    if confirm:
        qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Tab)
        assert d.focusWidget() is d.second
        qtbot.keyClicks(d.focusWidget(), "correct horse")
    qtbot.keyClick(d.focusWidget(), Qt.Key.Key_Return)
    assert d.result() == QDialog.DialogCode.Accepted and d.passphrase() == "correct horse"
