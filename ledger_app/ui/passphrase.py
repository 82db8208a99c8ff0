"""The signing-key passphrase: asked in a dialog, at most once per session.

`PassphraseProvider` is the `passphrase(confirm) -> str` callable LedgerService expects. The
service keeps the unlocked key for the life of the service object, so the dialog appears once per
opened workspace. `LEDGER_PASSPHRASE` in the environment is honoured and no dialog is shown.

Services call the provider from worker threads (a note is written on the writer thread). A dialog
may only be shown on the main thread, so a worker posts a request to the main thread and waits
for the answer; the main thread itself asks directly.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ledger_app.core.errors import SigningKeyError
from ledger_app.ui.qtcompat import emit

ENV = "LEDGER_PASSPHRASE"


class PassphraseDialog(QDialog):
    def __init__(self, confirm: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("PassphraseDialog")
        self.confirm = confirm
        self.setWindowTitle(self.tr("Signing key passphrase"))
        layout = QVBoxLayout(self)
        text = (
            self.tr("Choose a passphrase for the new signing key. You will need it to sign ledger entries.")
            if confirm
            else self.tr("Enter the passphrase of the ledger's signing key.")
        )
        intro = QLabel(text, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.first = QLineEdit(self)
        self.first.setObjectName("PassphraseEdit")
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        first_label = QLabel(self.tr("&Passphrase:"), self)
        first_label.setBuddy(self.first)
        form.addRow(first_label, self.first)
        # The repeat field exists only when a new passphrase is chosen: an unlabelled field that is
        # not in the layout would still sit at the dialog's corner and take the typing.
        self.second: QLineEdit | None = None
        if confirm:
            self.second = QLineEdit(self)
            self.second.setObjectName("PassphraseRepeat")
            self.second.setEchoMode(QLineEdit.EchoMode.Password)
            second_label = QLabel(self.tr("&Repeat:"), self)
            second_label.setBuddy(self.second)
            form.addRow(second_label, self.second)
        layout.addLayout(form)
        self.problem = QLabel("", self)
        self.problem.setObjectName("Failure")
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self._accept_if_valid)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.first.setFocus()

    def _accept_if_valid(self) -> None:
        if not self.first.text():
            self.problem.setText(self.tr("The passphrase cannot be empty."))
            return
        if self.second is not None and self.first.text() != self.second.text():
            self.problem.setText(self.tr("The two passphrases differ."))
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()


class _Request:
    def __init__(self, confirm: bool):
        self.confirm = confirm
        self.value: str | None = None
        self.error: BaseException | None = None
        self.answered = threading.Event()


class PassphraseProvider(QObject):
    """Callable(confirm) -> passphrase, usable from any thread."""

    _ask = Signal(object)

    def __init__(self, parent: QObject | None = None, dialog_parent: Callable[[], QWidget | None] | None = None):
        super().__init__(parent)
        self._dialog_parent = dialog_parent or (lambda: None)
        self._ask.connect(self._answer)  # queued when emitted from a worker thread
        self.make_dialog: Callable[[bool, QWidget | None], QDialog] = PassphraseDialog

    def __call__(self, confirm: bool) -> str:
        env = os.environ.get(ENV)
        if env:
            return env
        app = QCoreApplication.instance()
        if app is not None and QThread.currentThread() is app.thread():
            return self._ask_now(confirm)
        request = _Request(confirm)
        emit(self._ask, request)
        request.answered.wait()  # the main thread always answers: _answer sets the event in `finally`
        if request.error is not None:
            raise request.error
        assert request.value is not None
        return request.value

    @Slot(object)
    def _answer(self, request: _Request) -> None:
        try:
            request.value = self._ask_now(request.confirm)
        except BaseException as exc:  # handed to the waiting worker
            request.error = exc
        finally:
            request.answered.set()

    def _ask_now(self, confirm: bool) -> str:
        dialog = self.make_dialog(confirm, self._dialog_parent())
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                raise SigningKeyError(
                    QCoreApplication.translate("Passphrase", "No passphrase was given, so nothing was signed.")
                )
            return dialog.passphrase()
        finally:
            dialog.deleteLater()
