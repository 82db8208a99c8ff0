"""Takedowns: the queue (search, views for open / overdue / my / closed cases, type, sortable
columns, CSV export), a new request, and for the selected request its case view and the whole
workflow — locate (progress), the review screen (evidence side by side with its numbers,
accept/reject per match or in bulk, A/R keys), approve, purge (confirmed, with progress and
cancel), the removal certificate with a preview of its PDF and an offline verification.

Review decisions are kept per request until they are recorded: switching to another request
keeps them (the queue marks the request), and closing the window or opening another workspace
asks to record or discard them — they are never lost without a word.

The page is one widget whose parts share its state (the selected request, the running task, the
unrecorded decisions); each part of the workflow is its own module, mixed into `TakedownsPage`:
queue.py, review.py and match_evidence.py, workflow.py (locate, approve, purge),
certificate.py, case_steps.py, legal_steps.py, intake.py (new requests and imports), drafts.py
(kept drafts: listed, amended, discarded)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.errors import error_text
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message
from ledger_app.ui.models.matches import MatchesModel
from ledger_app.ui.models.queue import QUEUE_VIEWS, QueueFilter, TakedownQueueModel
from ledger_app.ui.models.takedown_text import (
    days_left,
    days_left_text,
    request_status_text,
    request_type_text,
    requester_kind_text,
)
from ledger_app.ui.pages import Page
from ledger_app.ui.pages.new_request import REQUEST_TYPES
from ledger_app.ui.pages.takedowns.case_steps import TakedownCaseSteps
from ledger_app.ui.pages.takedowns.certificate import TakedownCertificate
from ledger_app.ui.pages.takedowns.drafts import TakedownDrafts
from ledger_app.ui.pages.takedowns.intake import TakedownIntake
from ledger_app.ui.pages.takedowns.legal_steps import TakedownLegalSteps
from ledger_app.ui.pages.takedowns.match_evidence import MatchEvidence
from ledger_app.ui.pages.takedowns.queue import TakedownQueue
from ledger_app.ui.pages.takedowns.review import TakedownReview
from ledger_app.ui.pages.takedowns.workflow import TakedownWorkflow
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.reason_text import legal_text
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.labels import status_label
from ledger_app.ui.widgets.task_table import TaskStrip

if TYPE_CHECKING:
    from ledger_app.services.certificates import IssuedCertificate


class TakedownsPage(TakedownQueue, TakedownReview, MatchEvidence, TakedownWorkflow, TakedownCertificate,
                    TakedownCaseSteps, TakedownLegalSteps, TakedownIntake, TakedownDrafts, Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "TakedownsPage", parent)
        self.current: dict | None = None  # takedown.show() of the selected request
        self.busy: Task | None = None  # the running locate / purge
        self.busy_request: int | None = None  # the request it runs for
        self.last_certificate: IssuedCertificate | None = None
        self.last_verification: object | None = None
        self.purge_confirm: QMessageBox | None = None
        self.restore_confirm: QMessageBox | None = None
        self.restore_confirm_button = None
        self.restore_into_button = None  # "Restore into…": the items into a folder the user chooses
        self._works: dict[int, object] = {}
        # Review decisions made here and not yet recorded: request id -> item id -> decision.
        self.unrecorded: dict[int, dict[str, str]] = {}
        self._messages: dict[int, str] = {}  # the last message about each request
        self.queue = TakedownQueueModel(parent=self)
        self.queue_view = QueueFilter(self)
        self.queue_view.setSourceModel(self.queue)
        self.matches = MatchesModel(parent=self)

        outer = self.outer
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(self.splitter, 1)

        self._build_queue(QWidget(self.splitter))

        # The selected request.
        bottom = QWidget(self.splitter)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.header = status_label(bottom, "RequestHeader")
        bl.addWidget(self.header)
        self.locate_button = QPushButton(icon(Icon.VERIFY), "", bottom)
        self.locate_button.setObjectName("LocateButton")
        self.approve_button = QPushButton(icon(Icon.OK), "", bottom)
        self.approve_button.setObjectName("ApproveButton")
        self.purge_button = QPushButton(icon(Icon.ERROR), "", bottom)
        self.purge_button.setObjectName("PurgeButton")
        self.certificate_button = QPushButton(icon(Icon.EXPORT), "", bottom)
        self.certificate_button.setObjectName("CertificateButton")
        # The progress of a locate or purge beside the actions, on one row (the window's smallest
        # height is the sum of these rows), and what was said about the request under them.
        self.task_strip = TaskStrip(bottom, progress_name="TakedownProgress", cancel_name="CancelTaskButton",
                                    status_name="TakedownMessage", actions=(
                                        self.locate_button, self.approve_button, self.purge_button,
                                        self.certificate_button))
        self.progress = self.task_strip.progress
        self.cancel_button = self.task_strip.cancel_button
        self.message = self.task_strip.status
        bl.addWidget(self.task_strip)

        self.tabs = QTabWidget(bottom)
        self._build_case_tab()
        self._build_review_tab()
        self._build_certificate_tab()
        bl.addWidget(self.tabs, 1)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 500])
        self.review_split.setSizes([640, 440])

        self.locate_button.clicked.connect(self.locate)
        self.approve_button.clicked.connect(self.approve)
        self.purge_button.clicked.connect(self.purge)
        self.certificate_button.clicked.connect(self.issue_certificate)
        session.opened.connect(self.reload)
        session.data_changed.connect(self.reload)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(self.tr("Takedowns"))
        self.new_button.setText(self.tr("New request…"))
        self.drafts_button.setText(self.tr("Drafts…"))
        self.drafts_button.setToolTip(self.tr("Incomplete notices kept as drafts: amend or discard them."))
        self.locate_button.setText(self.tr("Locate"))
        self.locate_button.setToolTip(self.tr("Find every copy of the claimed works: exact, perceptual, text, URL, account."))
        self.approve_button.setText(self.tr("Approve"))
        self.purge_button.setText(self.tr("Purge"))
        self.purge_button.setToolTip(self.tr("Remove the accepted items from their shards and block them from returning."))
        self.certificate_button.setText(self.tr("Issue certificate…"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.accept_button.setText(self.tr("Accept (A)"))
        self.reject_button.setText(self.tr("Reject (R)"))
        self.accept_rest_button.setText(self.tr("Accept all pending"))
        self.reject_rest_button.setText(self.tr("Reject all pending"))
        self.record_button.setText(self.tr("Record decisions"))
        self.tabs.setTabText(self.tabs.indexOf(self.case_scroll), self.tr("Case"))
        self.tabs.setTabText(self.tabs.indexOf(self.review_tab), self.tr("Review"))
        self.tabs.setTabText(self.tabs.indexOf(self.certificate_tab), self.tr("Certificate"))
        self.open_certificate_button.setText(self.tr("Open certificate file…"))
        self.search_edit.setPlaceholderText(self.tr("Search: request number, requester, status, assignee…"))
        views = {"open": self.tr("Open requests"), "overdue": self.tr("Overdue"), "mine": self.tr("My cases"),
                 "closed": self.tr("Closed and rejected"), "all": self.tr("All requests")}
        for i, v in enumerate(QUEUE_VIEWS):
            self.view_combo.setItemText(i, views[v])
        self.type_combo.setItemText(0, self.tr("Any type"))
        for i, t in enumerate(REQUEST_TYPES, start=1):
            self.type_combo.setItemText(i, request_type_text(t))
        self.export_button.setText(self.tr("Export CSV…"))
        self.evidence.retranslate()
        kept = self._messages.get(self.current["id"]) if self.current else None
        if kept is not None and self.message.text():
            self.message.setText(kept.text())
        self._queue_info()
        self.queue.retranslate(self.queue_table.horizontalHeader())
        self.matches.retranslate(self.matches_table.horizontalHeader())
        self._render()

    @property
    def td(self):  # the TakedownService, or None
        s = self.session.services
        return s.takedown if s is not None and self.session.has_ledger() else None

    def _queue_row(self, row: int) -> None:
        rec = self.queue_view.record(row)
        td = self.td
        if rec is None or td is None:
            return
        switching = self.current is None or self.current.get("id") != rec["id"]
        try:
            view = td.show(rec["id"])
            current = view.to_json()
            current["status_reason_said"] = view.reason_said  # the reason as a message, when it is one
            current.update(self._requester(current))
            if not switching and self.current is not None and "case" in self.current:
                current["case"] = self.current["case"]  # until the fresh one below arrives
            self.current = current
            self._works = {w.id: w for w in td.works(rec["id"])}
        except LedgerAppError as exc:
            self.message.setText(error_text(exc))
            return
        if switching:
            # What was said and shown about the previous request does not belong to this one.
            kept = self._messages.get(rec["id"])
            self.message.setText(kept.text() if kept is not None else "")
            self._reset_progress()
            self.last_certificate = None
            self.last_verification = None
        self._load_matches()
        self._load_certificate()
        self._render()
        self._load_case(rec["id"])

    def _load_case(self, rid: int) -> None:
        """Notes, documents and the timeline (read from the ledger's entries) in the background."""
        services = self.session.services
        if services is None:
            return

        def loaded(case) -> None:  # takedown.cases.CaseView
            if self.current is not None and self.current.get("id") == rid:
                self.current["case"] = case
                self.case_view.show_case(self.current, busy=self.busy is not None)

        self.case_task = self.session.runner.run("case", lambda p, c: services.cases.case(rid), on_success=loaded,
                                                 error_parent=self)

    def _requester(self, show: dict) -> dict:
        """The requester's name and contact, read by the case service from the erasable
        personal-data store (None once erased)."""
        services = self.session.services
        if services is None:
            return {}
        try:
            r = services.cases.row(show["id"]).requester
        except LedgerAppError:
            return {}
        return {"requester_name": r.name, "requester_contact": r.email}

    def _reset_progress(self) -> None:
        running_here = self.busy is not None and self.current is not None and self.busy_request == self.current["id"]
        if not running_here:
            self.task_strip.reset()

    def _say(self, rid: int | None, source: str, **args) -> None:
        """A message about request `rid`: shown while that request is selected, kept for it as a
        message ID with its arguments, so it reads in the language of the moment it is shown."""
        msg = Message("TakedownsPage", source, args)
        if rid is not None:
            self._messages[rid] = msg
        if rid is None or (self.current is not None and self.current.get("id") == rid):
            self.message.setText(msg.text())

    def _load_matches(self) -> None:
        ws = self.session.ws
        if ws is not None:
            try:
                self.matches.pdq_threshold = int(ws.settings.get("match.pdq_max_distance"))
                self.matches.text_threshold = float(ws.settings.get("match.text_min_score"))
            except (LedgerAppError, TypeError, ValueError):
                pass
        if self.current:
            decisions = self.unrecorded.setdefault(self.current["id"], {})
            self.matches.set_rows(self.current["matches"], decisions)
        else:
            self.matches.set_rows([])
        self._unrecorded_changed()
        self.evidence.clear()
        if self.matches.rowCount():
            self.matches_table.selectRow(0)
            self.matches_table.setCurrentIndex(self.matches.index(0, 0))

    def _render(self) -> None:
        """Header and which actions are possible, from the selected request's status."""
        cur = self.current
        running = self.busy is not None
        self.cancel_button.setEnabled(running and cur is not None and self.busy_request == cur.get("id"))
        self.case_view.show_case(cur, busy=running)
        if cur is None:
            self.header.setText(self.tr("Select a request in the queue, or open a new one."))
            for b in (self.locate_button, self.approve_button, self.purge_button, self.certificate_button,
                      self.accept_button, self.reject_button, self.accept_rest_button, self.reject_rest_button,
                      self.record_button, self.open_certificate_button):
                b.setEnabled(False)
            self.review_info.clear()
            return
        status = cur["status"]
        who = cur.get("requester_name") or requester_kind_text(cur["requester_kind"])
        due = cur["due_by"]
        if status not in ("closed", "rejected", "certified"):
            due += " (" + days_left_text(days_left(cur["due_by"])) + ")"
        header = self.tr("Request #{id}: {type} from {who}, received {received}, due {due}. Status: {status}.").format(
            id=cur["id"], type=request_type_text(cur["type"]), who=who,
            received=cur["received"], due=due, status=request_status_text(status))
        if cur.get("status_reason"):
            header += " " + self.tr("Reason: {reason}").format(reason=legal_text(cur["status_reason"], cur.get("status_reason_said")))
        self.header.setText(header)
        counts = self.matches.counts()
        acc, rej = self.matches.pending_changes()
        unrecorded = len(acc) + len(rej)
        reviewing = status in ("located", "reviewed")
        self.locate_button.setEnabled(not running and status in ("validated", "located", "reviewed"))
        for b in (self.accept_button, self.reject_button, self.accept_rest_button, self.reject_rest_button):
            b.setEnabled(reviewing and self.matches.rowCount() > 0)
        self.record_button.setEnabled(not running and reviewing and unrecorded > 0)
        recorded_pending = sum(1 for r in self.matches.rows if r["decision"] == "pending")
        self.approve_button.setEnabled(not running and status == "reviewed" and recorded_pending == 0 and unrecorded == 0)
        self.purge_button.setEnabled(not running and status == "approved")
        # A certified request has its certificate (shown in the Certificate tab): not issued twice.
        self.certificate_button.setEnabled(not running and status == "purged")
        self.open_certificate_button.setEnabled(status in ("certified", "closed"))
        self.review_info.setText(self.tr("{p} pending, {a} accepted, {r} rejected; {u} not yet recorded").format(
            p=counts["pending"], a=counts["accepted"], r=counts["rejected"], u=unrecorded))

    def _run(self, name: str, fn, on_success, *, progress: bool = False, on_error=None) -> Task:
        rid = self.current["id"] if self.current else None
        task = self.session.runner.run(
            name, fn, writes=True, on_success=on_success, on_error=on_error,
            on_progress=self._progress if progress else None,
            on_cancelled=lambda: self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Cancelled; nothing was changed.')),
            error_parent=self,
        )
        if progress:
            self.busy = task
            self.busy_request = rid
            self.task_strip.start(task, follow_progress=False)  # only the selected request's progress shows
            task.finished.connect(self._finished)
        self._render()
        return task

    def _progress(self, done: int, total: int) -> None:
        if self.current is None or self.current.get("id") != self.busy_request:
            return  # progress of another request's task: not this one's bar
        self.task_strip.report(done, total)

    def _finished(self) -> None:
        self.busy = None
        self.busy_request = None
        self._render()

    def cancel(self) -> None:
        self.task_strip.cancel()
