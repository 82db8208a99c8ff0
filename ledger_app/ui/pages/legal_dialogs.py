"""The dialogs of the rest of the legal process, on LegalService (services/legal.py):

- the reason of a rejection, a deadline extension or a court action (recorded, so never empty);
- a DMCA counter-notice with its 17 U.S.C. 512(g)(3) elements, the missing ones spelled out as they
  are typed (OK stays disabled until all are there);
- GDPR: the requester's identity verified (Art. 12(6)) and a refusal or partial refusal on a named
  Art. 17(3) ground, with the items retained and the reasons given to the data subject.

The page runs the services; a dialog only gathers what the service needs and shows its refusal."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui.models.takedown_text import shorten_middle
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.widgets.form_dialog import FormDialog
from ledger_app.ui.widgets.labels import add_labelled


class ReasonDialog(FormDialog):
    """Asks for the reason of a rejection or an extension (it is recorded, so it cannot be empty);
    an extension also asks by how many months."""

    def __init__(self, title: str, intro: str, *, months: bool = False, parent: QWidget | None = None):
        super().__init__(parent, "ReasonDialog", title, intro)
        form = QFormLayout()
        self.months: QComboBox | None = None
        if months:
            self.months = QComboBox(self)
            self.months.setObjectName("ExtendMonths")
            self.months.addItem(self.tr("by one month"), 1)
            self.months.addItem(self.tr("by two months"), 2)
            self.months.setCurrentIndex(1)
            form.addRow(self.tr("Extend:"), self.months)
        self.reason = QPlainTextEdit(self)
        self.reason.setObjectName("ReasonEdit")
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(90)
        add_labelled(form, self.tr("Reason:"), self.reason, self)
        self.body.addLayout(form)
        self.add_ok_cancel()
        self.ok_button.setEnabled(False)
        self.reason.textChanged.connect(lambda: self.ok_button.setEnabled(bool(self.reason.toPlainText().strip())))
        self.reason.setFocus()

    def value(self) -> str:
        return self.reason.toPlainText().strip()

    def month_count(self) -> int:
        return int(self.months.currentData()) if self.months is not None else 0


class CounterNoticeDialog(FormDialog):
    def __init__(self, request_id: int, parent: QWidget | None = None):
        super().__init__(parent, "CounterNoticeDialog",
                         self.tr("Counter-notice for request #{id}").format(id=request_id), self.tr(
            "A counter-notification under 17 U.S.C. 512(g)(3) from the subscriber whose material was removed. "
            "The name, address and phone go to the erasable personal-data store; the ledger records which "
            "elements were given."))
        layout = self.body
        form = QFormLayout()
        self.signature = QLineEdit(self)
        self.material = QLineEdit(self)
        self.location = QLineEdit(self)
        self.name = QLineEdit(self)
        self.address = QLineEdit(self)
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        for label, w in ((self.tr("Signature (A):"), self.signature),
                         (self.tr("Material removed (B):"), self.material),
                         (self.tr("Where it appeared (B):"), self.location),
                         (self.tr("Name (D):"), self.name), (self.tr("Address (D):"), self.address),
                         (self.tr("Telephone (D):"), self.phone), (self.tr("E-mail (for replies):"), self.email)):
            form.addRow(label, w)
            w.textChanged.connect(self._check)
        layout.addLayout(form)
        self.mistake = QCheckBox(self.tr(
            "(C) Statement under penalty of perjury of a good-faith belief that the material was removed by mistake "
            "or misidentification"), self)
        self.consent = QCheckBox(self.tr("(D) Consent to the jurisdiction of the Federal District Court"), self)
        self.service = QCheckBox(self.tr("(D) Acceptance of service of process from the claimant"), self)
        for c in (self.mistake, self.consent, self.service):
            layout.addWidget(c)
            c.toggled.connect(self._check)
        self.missing_label = QLabel(self)
        self.missing_label.setObjectName("Failure")
        self.missing_label.setWordWrap(True)
        layout.addWidget(self.missing_label)
        self.add_outcome()
        self.add_ok_cancel(self.tr("Record the counter-notice"), accept_on_ok=False)  # the page accepts once recorded
        self._check()

    def missing(self) -> list[str]:
        out = []
        for w, what in ((self.signature, self.tr("a signature, 512(g)(3)(A)")),
                        (self.material, self.tr("the material removed, 512(g)(3)(B)")),
                        (self.location, self.tr("where it appeared before removal, 512(g)(3)(B)"))):
            if not w.text().strip():
                out.append(what)
        if not self.mistake.isChecked():
            out.append(self.tr("the statement under penalty of perjury, 512(g)(3)(C)"))
        for w, what in ((self.name, self.tr("the subscriber's name, 512(g)(3)(D)")),
                        (self.address, self.tr("the subscriber's address, 512(g)(3)(D)")),
                        (self.phone, self.tr("the subscriber's telephone number, 512(g)(3)(D)"))):
            if not w.text().strip():
                out.append(what)
        if not self.consent.isChecked():
            out.append(self.tr("consent to jurisdiction, 512(g)(3)(D)"))
        if not self.service.isChecked():
            out.append(self.tr("acceptance of service of process, 512(g)(3)(D)"))
        return out

    def _check(self) -> None:
        missing = self.missing()
        self.missing_label.setText(self.tr("Still missing: {what}.").format(what="; ".join(missing)) if missing else "")
        self.ok_button.setEnabled(not missing)

    def counter_notice(self):  # takedown.legal.CounterNotice
        from ledger_app.services.legal import CounterNotice

        t = lambda w: w.text().strip() or None  # noqa: E731
        return CounterNotice(signature=t(self.signature), material=t(self.material), location=t(self.location),
                             mistake_under_penalty=self.mistake.isChecked(), name=t(self.name),
                             address=t(self.address), phone=t(self.phone),
                             consent_to_jurisdiction=self.consent.isChecked(), accepts_service=self.service.isChecked(),
                             email=t(self.email))


GROUND_KEYS = ("a", "b", "c", "d", "e")


class GdprDialog(FormDialog):
    """Identity verification and refusal for a GDPR erasure request."""

    identity_requested = Signal(str, str, str)  # result, method, note
    refusal_requested = Signal(str, list, str)  # ground letter, items retained, reasons

    def __init__(self, request_id: int, matches: list[dict], identity: str | None, parent: QWidget | None = None):
        super().__init__(parent, "GdprDialog", self.tr("GDPR erasure request #{id}").format(id=request_id),
                         size=(640, 520))
        layout = self.body
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        ident = QWidget(self.tabs)
        il = QVBoxLayout(ident)
        text = QLabel(self.tr(
            "Art. 12(6): where there is reasonable doubt about who sent the request, ask for what confirms the "
            "identity before erasing anything. Current state: {state}.").format(
                state=self.identity_text(identity)), ident)
        text.setWordWrap(True)
        il.addWidget(text)
        iform = QFormLayout()
        self.identity_result = QComboBox(ident)
        self.identity_result.setObjectName("IdentityResult")
        for key in ("requested", "verified", "failed"):
            self.identity_result.addItem(self.identity_text(key), key)
        self.identity_method = QLineEdit(ident)
        self.identity_method.setObjectName("IdentityMethod")
        self.identity_method.setPlaceholderText(self.tr("e.g. reply from the account's registered e-mail address"))
        self.identity_note = QLineEdit(ident)
        iform.addRow(self.tr("Result:"), self.identity_result)
        iform.addRow(self.tr("How:"), self.identity_method)
        iform.addRow(self.tr("Note:"), self.identity_note)
        il.addLayout(iform)
        self.identity_button = QPushButton(self.tr("Record the identity check"), ident)
        self.identity_button.setObjectName("RecordIdentityButton")
        self.identity_button.clicked.connect(lambda: emit(
            self.identity_requested, self.identity_result.currentData(), self.identity_method.text().strip(),
            self.identity_note.text().strip()))
        il.addWidget(self.identity_button, 0, Qt.AlignmentFlag.AlignLeft)
        il.addStretch(1)
        self.tabs.addTab(ident, self.tr("Identity"))

        refusal = QWidget(self.tabs)
        rl = QVBoxLayout(refusal)
        rtext = QLabel(self.tr(
            "Art. 17(3): erasure does not apply to the extent that processing is necessary on one of these grounds. "
            "Tick the items retained (all: a refusal; some: a partial refusal, the rest is erased); the reasons are "
            "given to the data subject (Art. 12(4))."), refusal)
        rtext.setWordWrap(True)
        rl.addWidget(rtext)
        self.ground = QComboBox(refusal)
        self.ground.setObjectName("RefusalGround")
        for key in GROUND_KEYS:
            self.ground.addItem(self.ground_text(key), key)
        rl.addWidget(self.ground)
        self.items = QListWidget(refusal)
        self.items.setObjectName("RetainedItems")
        for m in {m["item_id"]: m for m in matches}.values():
            it = QListWidgetItem(shorten_middle(m["item_id"], 60), self.items)
            it.setData(Qt.ItemDataRole.UserRole, m["item_id"])
            it.setToolTip(m["item_id"])
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)
        rl.addWidget(self.items, 1)
        self.reason = QPlainTextEdit(refusal)
        self.reason.setObjectName("RefusalReason")
        self.reason.setPlaceholderText(self.tr("The reasons given to the data subject"))
        self.reason.setFixedHeight(70)
        rl.addWidget(self.reason)
        self.refuse_button = QPushButton(self.tr("Record the refusal"), refusal)
        self.refuse_button.setObjectName("RecordRefusalButton")
        self.refuse_button.clicked.connect(lambda: emit(
            self.refusal_requested, self.ground.currentData(), self.retained(), self.reason.toPlainText().strip()))
        self.items.itemChanged.connect(lambda _i: self._check())
        self.reason.textChanged.connect(self._check)
        rl.addWidget(self.refuse_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(refusal, self.tr("Refusal (Art. 17(3))"))

        self.add_outcome("GdprResult")
        self.add_close()
        self._check()

    def identity_text(self, key: str | None) -> str:
        return {"requested": self.tr("asked for (reasonable doubt)"), "verified": self.tr("verified"),
                "failed": self.tr("not verified"), None: self.tr("not checked")}.get(key, str(key))

    def ground_text(self, key: str) -> str:
        return {
            "a": self.tr("(a) freedom of expression and information"),
            "b": self.tr("(b) a legal obligation, or a task in the public interest or official authority"),
            "c": self.tr("(c) public interest in the area of public health"),
            "d": self.tr("(d) archiving in the public interest, scientific or historical research, statistics"),
            "e": self.tr("(e) the establishment, exercise or defence of legal claims"),
        }[key]

    def retained(self) -> list[str]:
        return [self.items.item(k).data(Qt.ItemDataRole.UserRole) for k in range(self.items.count())
                if self.items.item(k).checkState() == Qt.CheckState.Checked]

    def _check(self) -> None:
        self.refuse_button.setEnabled(bool(self.retained()) and bool(self.reason.toPlainText().strip()))
