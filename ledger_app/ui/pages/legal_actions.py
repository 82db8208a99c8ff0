"""More dialogs of the legal process, on LegalService (takedown/legal.py) and the reply templates
(takedown/replies.py):

- the ownership check of a rights holder's request: the evidence seen, and whether it confirmed
  the claim (a purge of such a request waits for a confirmed check);
- the GDPR Art. 19 register of recipients (training runs, dataset releases and their mirrors) with
  whether each was notified, and "send notices" to those not yet notified;
- a reply written from a template (.eml and PDF) in a chosen language, into a folder the window
  remembers.

The page runs the services in tasks; a dialog only gathers what the service needs, shows the
service's refusal, and shows what was recorded."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from ledger_app.ui.qtcompat import emit

if TYPE_CHECKING:
    from ledger_app.services.legal import OwnershipCheck
from ledger_app.ui.widgets.form_dialog import FormDialog
from ledger_app.ui.widgets.labels import add_labelled, status_label


class OwnershipDialog(FormDialog):
    """The evidence of ownership seen for a rights holder's request, and its result."""

    def __init__(self, request_id: int, current: OwnershipCheck | None, parent: QWidget | None = None):
        super().__init__(parent, "OwnershipDialog", self.tr("Ownership check for request #{id}").format(id=request_id),
                         self.tr(
            "A rights holder's request is purged only once the evidence that the requester owns the works was "
            "seen and recorded: a registration, a licence or assignment, the original files with their metadata. "
            "The text goes to the erasable personal-data store; the ledger keeps a commitment to it."), size=(560, 0))
        layout = self.body
        if current:
            state = (self.tr("Recorded so far: ownership confirmed.") if current.result == "confirmed"
                     else self.tr("Recorded so far: ownership not shown."))
            if current.evidence:
                state += " " + self.tr("Evidence: {text}").format(text=current.evidence)
        else:
            state = self.tr("No ownership check recorded yet.")
        self.state = QLabel(state, self)
        self.state.setObjectName("OwnershipState")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        form = QFormLayout()
        self.evidence = QPlainTextEdit(self)
        self.evidence.setObjectName("OwnershipEvidence")
        self.evidence.setTabChangesFocus(True)
        self.evidence.setPlaceholderText(self.tr("e.g. US copyright registration VA 2-345-678, seen 3 March"))
        self.evidence.setFixedHeight(90)
        add_labelled(form, self.tr("&Evidence seen:"), self.evidence, self)
        self.result = QComboBox(self)
        self.result.setObjectName("OwnershipResult")
        self.result.addItem(self.tr("Confirmed: the requester owns the works"), "confirmed")
        self.result.addItem(self.tr("Not shown: the evidence does not establish ownership"), "not_shown")
        add_labelled(form, self.tr("&Result:"), self.result, self)
        layout.addLayout(form)
        self.add_outcome()
        self.add_ok_cancel(self.tr("Record the check"), accept_on_ok=False)  # the page accepts once recorded
        self.ok_button.setEnabled(False)
        self.evidence.textChanged.connect(
            lambda: self.ok_button.setEnabled(bool(self.evidence.toPlainText().strip())))
        self.evidence.setFocus()

    def value(self) -> tuple[str, str]:
        return self.evidence.toPlainText().strip(), str(self.result.currentData())


class RecipientsDialog(FormDialog):
    """GDPR Art. 19: everyone the request's items went to, and whether each was told."""

    notify_requested = Signal()

    COLUMNS = 6

    def __init__(self, request_id: int, parent: QWidget | None = None):
        super().__init__(parent, "RecipientsDialog",
                         self.tr("Recipients of request #{id} (GDPR Art. 19)").format(id=request_id), self.tr(
            "Art. 19: each recipient to whom the personal data was disclosed is told of the erasure, unless that "
            "proves impossible or involves disproportionate effort. The register is read from the lineage: "
            "training runs that saw the items, dataset releases made while they were in, and mirrors of those "
            "releases. A notice names the items by their SHA-256 only."), size=(760, 400))
        layout = self.body
        self.table = QTableWidget(0, self.COLUMNS, self)
        self.table.setObjectName("RecipientsTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.summary = status_label(self, "RecipientsSummary")
        layout.addWidget(self.summary)
        self.add_outcome("RecipientsResult")
        self.add_close()
        self.notify_button = QPushButton(self.tr("Send notices…"), self)
        self.notify_button.setObjectName("NotifyRecipientsButton")
        self.notify_button.setToolTip(self.tr(
            "Write a notice (.eml) to each recipient not yet notified, into a folder you choose, and record in "
            "the ledger that it was sent."))
        self.buttons.addButton(self.notify_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.notify_button.clicked.connect(lambda: emit(self.notify_requested))
        self.set_recipients([])

    def kind_text(self, kind: str) -> str:
        return {"training_run": self.tr("training run"), "release": self.tr("dataset release"),
                "mirror": self.tr("mirror")}.get(kind, kind)

    def set_recipients(self, recipients: list) -> None:  # takedown.legal.Recipient
        self.recipients = list(recipients)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name"), self.tr("Corpus"), self.tr("Items"),
                                              self.tr("Contact"), self.tr("Notified")])
        self.table.setRowCount(len(recipients))
        for row, r in enumerate(recipients):
            notified = (datetime.fromtimestamp(r.notified_at).strftime("%Y-%m-%d %H:%M")
                        + (f" (SHA-256 {r.notice_sha256[:12]}…)" if r.notice_sha256 else "")
                        if r.notified_at is not None else self.tr("not yet"))
            cells = (self.kind_text(r.kind), r.name, r.corpus, str(len(r.items)),
                     r.contact or self.tr("no contact recorded"), notified)
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        pending = sum(1 for r in recipients if r.notified_at is None)
        if not recipients:
            self.summary.setText(self.tr("No recipient: no training run or dataset release contained these items."))
        else:
            self.summary.setText(self.tr("{n} recipients; {p} not yet notified.").format(n=len(recipients), p=pending))
        self.notify_button.setEnabled(pending > 0)


TEMPLATE_KEYS = ("acknowledgement", "missing_elements", "counter_notice_forwarded", "completion", "extension",
                 "refusal")


class ReplyDialog(FormDialog):
    """A reply from a template, written as .eml and PDF into a folder, and recorded."""

    write_requested = Signal()
    choose_folder_requested = Signal()
    choose_certificate_requested = Signal()

    def __init__(self, request_id: int, templates: list[str], language: str, folder: str,
                 certificate: str = "", parent: QWidget | None = None):
        super().__init__(parent, "ReplyDialog", self.tr("Write a reply for request #{id}").format(id=request_id),
                         self.tr("The letter is written from its template as an e-mail (.eml, ready to send) and a "
                                 "PDF, kept with the case and recorded in the ledger."), size=(620, 0))
        layout = self.body
        form = QFormLayout()
        self.template = QComboBox(self)
        self.template.setObjectName("ReplyTemplate")
        for key in templates:
            self.template.addItem(self.template_text(key), key)
        add_labelled(form, self.tr("&Letter:"), self.template, self)
        self.language = QComboBox(self)
        self.language.setObjectName("ReplyLanguage")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        add_labelled(form, self.tr("La&nguage:"), self.language, self)
        frow = QHBoxLayout()
        self.folder = QLineEdit(folder, self)
        self.folder.setObjectName("ReplyFolder")
        self.folder_button = QPushButton(self.tr("Choose…"), self)
        self.folder_button.setObjectName("ReplyFolderButton")
        frow.addWidget(self.folder, 1)
        frow.addWidget(self.folder_button)
        folder_label = QLabel(self.tr("&Save in:"), self)
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, frow)
        crow = QHBoxLayout()
        self.certificate = QLineEdit(certificate, self)
        self.certificate.setObjectName("ReplyCertificate")
        self.certificate.setPlaceholderText(self.tr("the removal certificate (.json) to attach"))
        self.certificate_button = QPushButton(self.tr("Choose…"), self)
        self.certificate_button.setObjectName("ReplyCertificateButton")
        crow.addWidget(self.certificate, 1)
        crow.addWidget(self.certificate_button)
        self.certificate_label = QLabel(self.tr("&Certificate:"), self)
        self.certificate_label.setBuddy(self.certificate)
        form.addRow(self.certificate_label, crow)
        layout.addLayout(form)
        self.add_outcome("ReplyResult")
        self.add_close()
        self.write_button = QPushButton(self.tr("Write the letter"), self)
        self.write_button.setObjectName("WriteReplyButton")
        self.buttons.addButton(self.write_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(lambda: emit(self.write_requested))
        self.folder_button.clicked.connect(lambda: emit(self.choose_folder_requested))
        self.certificate_button.clicked.connect(lambda: emit(self.choose_certificate_requested))
        self.template.currentIndexChanged.connect(lambda _i: self._check())
        self.folder.textChanged.connect(lambda _t: self._check())
        self.certificate.textChanged.connect(lambda _t: self._check())
        self._check()

    def template_text(self, key: str) -> str:
        return {
            "acknowledgement": self.tr("Acknowledgement of receipt"),
            "missing_elements": self.tr("Request for the missing elements"),
            "counter_notice_forwarded": self.tr("Counter-notice forwarded (to the claimant)"),
            "completion": self.tr("Completion, with the removal certificate"),
            "extension": self.tr("Extension of the deadline, with the reasons"),
            "refusal": self.tr("Refusal under Art. 17(3), with the remedies"),
        }.get(key, key)

    def chosen(self) -> tuple[str, str, str, str]:
        """(template, language, folder, certificate)"""
        return (str(self.template.currentData()), str(self.language.currentData()), self.folder.text().strip(),
                self.certificate.text().strip())

    def _check(self) -> None:
        needs_certificate = self.template.currentData() == "completion"
        for w in (self.certificate_label, self.certificate, self.certificate_button):
            w.setVisible(needs_certificate)
        ok = bool(self.folder.text().strip()) and (not needs_certificate or bool(self.certificate.text().strip()))
        self.write_button.setEnabled(ok)
