"""The case view of one takedown request: who asked (name and contact from the erasable
personal-data store), what they claim, the deadline with the days left, who handles it, the notes,
the original notice kept with it, the timeline read from its ledger entries in words, and the
actions that end or prolong a case — reject with a reason, extend a GDPR deadline with the reason
announced (both asked by legal_dialogs.ReasonDialog), close. The page owns the request being shown and runs the services; this widget only
renders the case (`CaseService.case()`) and asks for the actions through its signals."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models.takedown_text import (
    CLOSED_STATUSES,
    days_left,
    days_left_text,
    request_status_text,
    request_type_text,
    requester_kind_text,
    work_kind_text,
)
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.reason_text import legal_text
from ledger_app.ui.timeline_text import event_text, when
from ledger_app.ui.widgets.fact_text import FactText


class CaseView(QWidget):
    reject_requested = Signal()
    extend_requested = Signal()
    close_requested = Signal()
    assign_requested = Signal(str)  # "" unassigns
    note_requested = Signal(str)
    attach_requested = Signal()
    counter_requested = Signal()
    forward_requested = Signal()
    gdpr_requested = Signal()
    ownership_requested = Signal()
    restore_requested = Signal()
    court_requested = Signal()
    recipients_requested = Signal()
    reply_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("CaseView")
        self.case: dict | None = None
        self.me = ""  # the acting user, for "Assign to me"
        outer = QHBoxLayout(self)
        left = QVBoxLayout()
        outer.addLayout(left, 1)
        self.facts = FactText(self)
        self.facts.setObjectName("CaseFacts")
        left.addWidget(self.facts)
        self.deadline = QLabel(self)
        self.deadline.setObjectName("CaseDeadline")
        left.addWidget(self.deadline)
        bar = QHBoxLayout()
        self.reject_button = QPushButton(icon(Icon.CANCEL), "", self)
        self.reject_button.setObjectName("CaseRejectButton")
        self.extend_button = QPushButton(self)
        self.extend_button.setObjectName("CaseExtendButton")
        self.close_button = QPushButton(icon(Icon.OK), "", self)
        self.close_button.setObjectName("CaseCloseButton")
        for b in (self.reject_button, self.extend_button, self.close_button):
            bar.addWidget(b)
        bar.addStretch(1)
        left.addLayout(bar)
        legal = QHBoxLayout()
        self.counter_button = QPushButton(self)
        self.counter_button.setObjectName("CounterNoticeButton")
        self.forward_button = QPushButton(self)
        self.forward_button.setObjectName("ForwardCounterButton")
        self.gdpr_button = QPushButton(self)
        self.gdpr_button.setObjectName("GdprButton")
        self.restore_button = QPushButton(self)
        self.restore_button.setObjectName("RestoreItemsButton")
        self.court_button = QPushButton(self)
        self.court_button.setObjectName("CourtActionButton")
        self.recipients_button = QPushButton(self)
        self.recipients_button.setObjectName("RecipientsButton")
        for b in (self.counter_button, self.forward_button, self.restore_button, self.gdpr_button,
                  self.recipients_button):
            legal.addWidget(b)
        legal.addStretch(1)
        left.addLayout(legal)
        letters = QHBoxLayout()
        self.ownership_button = QPushButton(self)
        self.ownership_button.setObjectName("OwnershipButton")
        self.reply_button = QPushButton(icon(Icon.EXPORT), "", self)
        self.reply_button.setObjectName("WriteReplyButton")
        for b in (self.court_button, self.ownership_button, self.reply_button):
            letters.addWidget(b)
        letters.addStretch(1)
        left.addLayout(letters)
        arow = QHBoxLayout()
        self.assignee_label = QLabel(self)
        self.assignee_edit = QLineEdit(self)
        self.assignee_edit.setObjectName("AssigneeEdit")
        self.assignee_label.setBuddy(self.assignee_edit)
        self.assign_button = QPushButton(self)
        self.assign_button.setObjectName("AssignButton")
        self.assign_me_button = QPushButton(self)
        self.assign_me_button.setObjectName("AssignMeButton")
        arow.addWidget(self.assignee_label)
        arow.addWidget(self.assignee_edit, 1)
        arow.addWidget(self.assign_button)
        arow.addWidget(self.assign_me_button)
        left.addLayout(arow)
        self.docs_box = QGroupBox(self)
        dl = QVBoxLayout(self.docs_box)
        self.documents = QListWidget(self.docs_box)
        self.documents.setObjectName("CaseDocuments")
        self.documents.setMaximumHeight(70)
        dl.addWidget(self.documents)
        self.attach_button = QPushButton(icon(Icon.FOLDER), "", self.docs_box)
        self.attach_button.setObjectName("AttachNoticeButton")
        dl.addWidget(self.attach_button, 0, Qt.AlignmentFlag.AlignLeft)
        left.addWidget(self.docs_box)
        left.addStretch(1)

        right = QVBoxLayout()
        outer.addLayout(right, 1)
        self.notes_box = QGroupBox(self)
        nl = QVBoxLayout(self.notes_box)
        self.notes = QListWidget(self.notes_box)
        self.notes.setObjectName("CaseNotes")
        self.notes.setWordWrap(True)
        nl.addWidget(self.notes, 1)
        nrow = QHBoxLayout()
        self.note_edit = QLineEdit(self.notes_box)
        self.note_edit.setObjectName("NoteEdit")
        self.note_button = QPushButton(self.notes_box)
        self.note_button.setObjectName("AddNoteButton")
        nrow.addWidget(self.note_edit, 1)
        nrow.addWidget(self.note_button)
        nl.addLayout(nrow)
        right.addWidget(self.notes_box, 1)
        self.timeline_box = QGroupBox(self)
        tl = QVBoxLayout(self.timeline_box)
        self.timeline = QListWidget(self.timeline_box)
        self.timeline.setObjectName("CaseTimeline")
        self.timeline.setWordWrap(True)
        tl.addWidget(self.timeline)
        right.addWidget(self.timeline_box, 2)

        self.reject_button.clicked.connect(lambda: emit(self.reject_requested))
        self.extend_button.clicked.connect(lambda: emit(self.extend_requested))
        self.close_button.clicked.connect(lambda: emit(self.close_requested))
        self.assign_button.clicked.connect(lambda: emit(self.assign_requested, self.assignee_edit.text().strip()))
        self.assignee_edit.returnPressed.connect(self.assign_button.click)
        self.assign_me_button.clicked.connect(lambda: emit(self.assign_requested, self.me))
        self.note_button.clicked.connect(self._add_note)
        self.note_edit.returnPressed.connect(self._add_note)
        self.attach_button.clicked.connect(lambda: emit(self.attach_requested))
        self.counter_button.clicked.connect(lambda: emit(self.counter_requested))
        self.forward_button.clicked.connect(lambda: emit(self.forward_requested))
        self.gdpr_button.clicked.connect(lambda: emit(self.gdpr_requested))
        self.ownership_button.clicked.connect(lambda: emit(self.ownership_requested))
        self.restore_button.clicked.connect(lambda: emit(self.restore_requested))
        self.court_button.clicked.connect(lambda: emit(self.court_requested))
        self.recipients_button.clicked.connect(lambda: emit(self.recipients_requested))
        self.reply_button.clicked.connect(lambda: emit(self.reply_requested))
        self.retranslate()

    def _add_note(self) -> None:
        text = self.note_edit.text().strip()
        if text:
            emit(self.note_requested, text)

    def retranslate(self) -> None:
        self.reject_button.setText(self.tr("Reject…"))
        self.reject_button.setToolTip(self.tr("Refuse the request, with the reason recorded in the ledger."))
        self.extend_button.setText(self.tr("Extend deadline…"))
        self.extend_button.setToolTip(self.tr("GDPR Art. 12(3): extend by up to two months, telling the requester why."))
        self.close_button.setText(self.tr("Close request"))
        self.close_button.setToolTip(self.tr("The case is finished: close it."))
        self.assignee_label.setText(self.tr("&Assignee:"))
        self.assignee_edit.setPlaceholderText(self.tr("nobody yet"))
        self.assign_button.setText(self.tr("Assign"))
        self.assign_me_button.setText(self.tr("Assign to me"))
        self.docs_box.setTitle(self.tr("Original notice and documents"))
        self.attach_button.setText(self.tr("Attach the original notice…"))
        self.notes_box.setTitle(self.tr("Notes"))
        self.note_edit.setPlaceholderText(self.tr("A note for the file, e.g. “called the requester”"))
        self.note_button.setText(self.tr("Add note"))
        self.timeline_box.setTitle(self.tr("Timeline (from the ledger)"))
        self.counter_button.setText(self.tr("Counter-notice…"))
        self.counter_button.setToolTip(self.tr("DMCA 512(g): the subscriber answers the removal."))
        self.forward_button.setText(self.tr("Forward to the claimant"))
        self.forward_button.setToolTip(self.tr(
            "Record that the counter-notice was sent to the claimant: the 10–14 business-day restore window starts."))
        self.gdpr_button.setText(self.tr("Identity and refusal…"))
        self.gdpr_button.setToolTip(self.tr("GDPR: verify the requester's identity, or refuse on an Art. 17(3) ground."))
        self.ownership_button.setText(self.tr("Ownership check…"))
        self.ownership_button.setToolTip(self.tr(
            "Record the evidence of ownership seen; a rights holder's request is purged only after it."))
        self.restore_button.setText(self.tr("Restore items…"))
        self.restore_button.setToolTip(self.tr(
            "DMCA 512(g)(2)(C): once the window opens, re-admit the items from their retained copies, or record "
            "what must be re-acquired."))
        self.court_button.setText(self.tr("Court action…"))
        self.court_button.setToolTip(self.tr(
            "DMCA 512(g)(2)(C): the claimant filed an action seeking a court order; the items are not restored."))
        self.recipients_button.setText(self.tr("Recipients (Art. 19)…"))
        self.recipients_button.setToolTip(self.tr(
            "GDPR Art. 19: the training runs, releases and mirrors that received the items; notify them."))
        self.reply_button.setText(self.tr("Write a reply…"))
        self.reply_button.setToolTip(self.tr("A letter from a template, as an e-mail (.eml) and a PDF."))
        self.show_case(self.case)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_case(self, case: dict | None, *, busy: bool = False) -> None:
        """`case`: TakedownService.show() of the request, with the requester's `requester_name`
        and `requester_contact` when the personal-data store still holds them."""
        self.case = case
        for w in (self.notes, self.timeline, self.documents):
            w.clear()
        if case is None:
            self.facts.setHtml(escape(self.tr("Select a request in the queue, or open a new one.")))
            self.deadline.clear()
            self.assignee_edit.clear()
            for b in (self.reject_button, self.extend_button, self.close_button, self.assign_button,
                      self.assign_me_button, self.note_button, self.attach_button, self.counter_button,
                      self.forward_button, self.gdpr_button, self.ownership_button, self.restore_button,
                      self.court_button,
                      self.recipients_button, self.reply_button):
                b.setEnabled(False)
            return
        dmca_removed = case["type"] == "dmca" and case["status"] in ("purged", "certified", "closed")
        self.counter_button.setVisible(case["type"] == "dmca")
        self.forward_button.setVisible(case["type"] == "dmca")
        self.gdpr_button.setVisible(case["type"] == "gdpr")
        self.counter_button.setEnabled(not busy and dmca_removed)
        self.forward_button.setEnabled(False)
        self.gdpr_button.setEnabled(not busy and case["status"] not in ("closed",))
        from ledger_app.services.legal import rights_holder_request

        self.ownership_button.setVisible(rights_holder_request(case["type"], case["requester_kind"]))
        self.ownership_button.setEnabled(not busy and case["status"] not in ("closed", "rejected"))
        self.restore_button.setVisible(case["type"] == "dmca")
        self.restore_button.setEnabled(False)  # once the counter-notice is forwarded (below)
        self.court_button.setVisible(case["type"] == "dmca")
        self.court_button.setEnabled(False)
        self.recipients_button.setVisible(case["type"] == "gdpr")
        self.recipients_button.setEnabled(not busy)
        self.reply_button.setEnabled(not busy)
        cv = case.get("case")  # CaseService.case(): notes, documents, timeline, assignee
        if cv is not None:
            self._show_work(cv, case, busy)
        rows: list[tuple[str, str]] = []
        kind = requester_kind_text(case["requester_kind"])
        name = case.get("requester_name")
        if name:
            rows.append((self.tr("Requester"), f"{name} ({kind})"))
        elif case.get("requester"):
            rows.append((self.tr("Requester"), self.tr("{kind} — personal data erased").format(kind=kind)))
        else:
            rows.append((self.tr("Requester"), kind))
        if case.get("requester_contact"):
            rows.append((self.tr("Contact"), case["requester_contact"]))
        rows.append((self.tr("Type"), request_type_text(case["type"])))
        rows.append((self.tr("Status"), request_status_text(case["status"])
                     + (f" — {legal_text(case['status_reason'], case.get('status_reason_said'))}" if case.get("status_reason") else "")))
        rows.append((self.tr("Received"), str(case["received"])))
        if case.get("extension_reason"):
            rows.append((self.tr("Extended because"), case["extension_reason"]))
        for w in case.get("works", []):
            rows.append((self.tr("Claimed work"), work_text(w)))
        html = "<table cellspacing='0' cellpadding='2'>" + "".join(
            f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(str(v))}</td></tr>" for k, v in rows) + "</table>"
        self.facts.setHtml(html)
        is_open = case["status"] not in CLOSED_STATUSES
        if is_open:
            n = days_left(case["due_by"])
            self.deadline.setObjectName("Failure" if n < 0 else "CaseDeadline")
            self.deadline.setText(self.tr("Due {date}: {left}.").format(date=case["due_by"], left=days_left_text(n)))
        else:
            self.deadline.setObjectName("CaseDeadline")
            self.deadline.setText(self.tr("Was due {date}; the case is {status}.").format(
                date=case["due_by"], status=request_status_text(case["status"])))
        self.deadline.style().unpolish(self.deadline)
        self.deadline.style().polish(self.deadline)
        self.reject_button.setEnabled(not busy and case["status"] in ("received", "validated", "located", "reviewed"))
        self.extend_button.setEnabled(not busy and is_open and case["type"] == "gdpr" and not case.get("extension_reason"))
        self.close_button.setEnabled(not busy and case["status"] in ("purged", "certified", "rejected"))
        if case["status"] == "rejected":
            self.close_button.setToolTip(self.tr("Close the rejected request."))

    def _show_work(self, cv, case: dict, busy: bool) -> None:  # takedown.cases.CaseView
        types = {ev.type for ev in cv.timeline}
        self.forward_button.setEnabled(not busy and "counter_notice.received" in types
                                       and "counter_notice.forwarded" not in types)
        self.restore_button.setEnabled(not busy and "counter_notice.forwarded" in types
                                       and "counter_notice.court_action" not in types)
        self.court_button.setEnabled(not busy and "counter_notice.forwarded" in types
                                     and "counter_notice.court_action" not in types and "item.restored" not in types)
        if not self.assignee_edit.hasFocus():
            self.assignee_edit.setText(cv.row.assignee or "")
        can_assign = not busy and case["status"] != "closed"
        self.assign_button.setEnabled(can_assign)
        self.assign_me_button.setEnabled(can_assign and bool(self.me) and not cv.row.mine)
        self.note_button.setEnabled(not busy)
        self.attach_button.setEnabled(not busy)
        for n in cv.notes:
            text = n.text if n.text is not None else self.tr("(note erased)")
            stamp = when_ts(n.created_at)
            QListWidgetItem(f"{stamp} — {n.author or '?'}: {text}", self.notes)
        if not cv.notes:
            item = QListWidgetItem(self.tr("No notes yet."), self.notes)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        for d in cv.documents:
            state = "" if d.available else " " + self.tr("(erased)")
            QListWidgetItem(self.tr("{name} — {role}, {size} bytes, SHA-256 {sha}…").format(
                name=d.name, role=d.role, size=f"{d.size:,}", sha=d.sha256[:12]) + state, self.documents)
        if not cv.documents:
            item = QListWidgetItem(self.tr("No notice attached."), self.documents)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
        for ev in cv.timeline:
            who = f" — {ev.actor}" if ev.actor else ""
            item = QListWidgetItem(f"{when(ev.ts)}  {event_text(ev.message, ev.args, ev.text)}{who}", self.timeline)
            item.setToolTip(self.tr("Ledger entries {entries}").format(entries=", ".join(str(i) for i in ev.entries)))


def work_text(w: dict) -> str:
    """A claimed work in a line: a file or text by its name and the start of its SHA-256 (its value)."""
    from PySide6.QtCore import QCoreApplication

    desc = w.get("description") or ""
    kind = work_kind_text(w["kind"])
    value = str(w["value"])
    if w["kind"] in ("file", "text"):
        return QCoreApplication.translate("CaseView", "{kind}: {desc} (SHA-256 {sha}…)").format(
            kind=kind, desc=desc, sha=value[:12])
    if w["kind"] == "account" and value.startswith(ACCOUNT_PREFIX):  # the service's words for a commitment
        value = QCoreApplication.translate("CaseView", "(account commitment) {value}").format(
            value=value[len(ACCOUNT_PREFIX):])
    return QCoreApplication.translate("CaseView", "{kind}: {value}").format(kind=kind, value=desc or value)


ACCOUNT_PREFIX = "(account commitment) "


def when_ts(ts: float) -> str:
    from datetime import datetime

    return datetime.fromtimestamp(ts).strftime("%Y-%m-%d %H:%M")
