"""Showing errors: a plain sentence for expected ones, a copyable report for anything else."""

from __future__ import annotations

import itertools
import platform
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import UserError, VerificationError
from ledger_app.core.messages import Said
from ledger_app.core.os_errors import os_problem
from ledger_app.ui.messages import Message


def said_message(said: Said) -> Message:
    """A service's message as the window renders it (its arguments that are messages too)."""
    return Message(said.context, said.source,
                   {k: said_message(v) if isinstance(v, Said) else v for k, v in said.args.items()})


def error_text(exc: BaseException) -> str:
    """An error's sentence in the current language: a service's message (`said`, see core/messages.py)
    translated; a system's refusal (OSError: a permission, a full disk) as a sentence naming the file
    and the error's name (core/os_errors.py), not Python's English; anything else as it was raised."""
    said = getattr(exc, "said", None)
    if isinstance(said, Said):
        return said_message(said).text()
    if isinstance(exc, OSError) and exc.errno is not None:
        return said_message(os_problem(exc)).text()
    return str(exc)


def is_expected(exc: BaseException) -> bool:
    """Errors whose message is a sentence meant for a person (see core/errors.py), and a system's
    refusal of a file operation (an OSError with its number: a permission, a full disk), which is a
    condition of the machine to fix, not a bug to report."""
    return isinstance(exc, UserError | VerificationError) or (isinstance(exc, OSError) and exc.errno is not None)


class ErrorReportDialog(QDialog):
    """An unexpected error: what happened in one line, and the full report to copy into an issue."""

    def __init__(self, parent: QWidget | None, exc: BaseException, report: str):
        super().__init__(parent)
        self.setObjectName("ErrorReportDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.resize(640, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(
            self.tr("Something went wrong that the application did not expect. Please send this report to support.")
        )
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        versions = f"Python {sys.version.split()[0]} on {platform.platform()}"
        self.report.setPlainText(f"{type(exc).__name__}: {exc}\n\n{report}\n{versions}\n")
        layout.addWidget(self.report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy report"), self)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy_report)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


# Open dialogs are kept here until closed: a parentless dialog would otherwise be garbage-collected
# (and vanish) as soon as show_error returns. One whose parent is deleted (a page, a dialog) goes
# with it without finishing, so its destruction lets go of it too. Keyed by a counter: the wrapper
# of a deleted widget must not be asked for anything, its hash included.
_open: dict[int, QDialog] = {}
_keys = itertools.count()


def _keep(dialog: QDialog) -> QDialog:
    key = next(_keys)  # not id(): a dialog let go of when it finished may be destroyed later
    _open[key] = dialog
    dialog.finished.connect(lambda _r: _open.pop(key, None))
    dialog.destroyed.connect(lambda _o=None: _open.pop(key, None))
    dialog.open()
    return dialog


def open_dialogs() -> list[QDialog]:
    """The error dialogs shown and not yet closed."""
    return list(_open.values())


def show_error(parent: QWidget | None, exc: BaseException, report: str = "") -> QDialog:
    """Show `exc` without blocking the caller (the dialog is opened, not exec'd); returns it."""
    if is_expected(exc):
        box = QMessageBox(parent)
        box.setObjectName("ExpectedErrorBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(QCoreApplication.translate("Errors", "Cannot do that"))
        box.setText(error_text(exc))
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
        return _keep(box)
    return _keep(ErrorReportDialog(parent, exc, report))
