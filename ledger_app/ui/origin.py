"""The choose-your-origin step when a ledger is created.

The origin names the ledger on every signed checkpoint, in the verifier key and on every
certificate a requester receives, and it cannot change afterwards; so it is asked for, never
derived silently from the machine's name."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ledger_app.ui.widgets.form_dialog import FormDialog
from ledger_app.ui.widgets.labels import add_labelled

# Printable ASCII without spaces or '+', as LedgerService.init requires (C2SP signed-note key names).
_ORIGIN_RE = re.compile(r"^[\x21-\x7e]+$")


def origin_problem(origin: str) -> str | None:
    """Why `origin` cannot name a ledger, or None."""
    from PySide6.QtCore import QCoreApplication

    if not origin:
        return QCoreApplication.translate("Origin", "Give the ledger an origin.")
    if not _ORIGIN_RE.match(origin) or "+" in origin:
        return QCoreApplication.translate(
            "Origin", "Use printable ASCII without spaces or '+', for example example.com/ledger.")
    if "/" not in origin and "." not in origin:
        return QCoreApplication.translate(
            "Origin", "Use a name you control, such as your organisation's domain and a path: example.com/ledger.")
    return None


class OriginDialog(FormDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, "OriginDialog", self.tr("Create the ledger"), self.tr(
            "The origin names this ledger on every signed checkpoint, in its public key and on every removal "
            "certificate you send. Choose a name you control, usually your organisation's domain and a path "
            "(for example legal.example.com/training-data). It cannot be changed later."))
        form = QFormLayout()
        self.origin_edit = QLineEdit(self)
        self.origin_edit.setObjectName("OriginEdit")
        self.origin_edit.setPlaceholderText("example.com/ledger")
        add_labelled(form, self.tr("&Origin:"), self.origin_edit, self)
        self.body.addLayout(form)
        self.add_outcome()
        self.add_ok_cancel(self.tr("Create the ledger"))
        self.origin_edit.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        problem = origin_problem(self.origin())
        self.refused(problem if problem and self.origin() else "")
        self.ok_button.setEnabled(problem is None)

    def origin(self) -> str:
        return self.origin_edit.text().strip()
