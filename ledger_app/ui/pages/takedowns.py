"""Takedowns: the queue (search, views for open / overdue / my / closed cases, type, sortable
columns, CSV export), a new request, and for the selected request its case view and the whole
workflow — locate (progress), the review screen (evidence side by side with its numbers,
accept/reject per match or in bulk, A/R keys), approve, purge (confirmed, with progress and
cancel), the removal certificate with a preview of its PDF and an offline verification.

Review decisions are kept per request until they are recorded: switching to another request
keeps them (the queue marks the request), and closing the window or opening another workspace
asks to record or discard them — they are never lost without a word."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui import metrics
from ledger_app.ui.errors import is_expected, show_error
from ledger_app.ui.file_dialogs import existing_dir, open_file, save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message
from ledger_app.ui.models.lists import (
    QUEUE_VIEWS,
    MatchesModel,
    QueueFilter,
    TakedownQueueModel,
    days_left,
    days_left_text,
    method_text,
    request_status_text,
    request_type_text,
    requester_kind_text,
    shorten_middle,
)
from ledger_app.ui.pages import title_label
from ledger_app.ui.pages.case import CaseView, ReasonDialog
from ledger_app.ui.pages.new_request import REQUEST_TYPES, NewRequestDialog, RequestForm
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.reason_text import legal_text, verification_text
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.evidence import EvidenceView
from ledger_app.ui.widgets.pdf_preview import PdfPreview


def _table(parent: QWidget, name: str) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setTabKeyNavigation(False)  # Tab goes to the next control; arrows move between rows
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    t.verticalHeader().setDefaultSectionSize(24)
    return t


class TakedownsPage(QWidget):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("TakedownsPage")
        self.session = session
        self.prefs = prefs
        self.current: dict | None = None  # takedown.show() of the selected request
        self.busy: Task | None = None  # the running locate / purge
        self.busy_request: int | None = None  # the request it runs for
        self.last_certificate: dict | None = None
        self.last_verification: object | None = None
        self.purge_confirm: QMessageBox | None = None
        self.restore_confirm: QMessageBox | None = None
        self.restore_confirm_button = None
        self._works: dict[int, object] = {}
        # Review decisions made here and not yet recorded: request id -> item id -> decision.
        self.unrecorded: dict[int, dict[str, str]] = {}
        self._messages: dict[int, str] = {}  # the last message about each request
        self.queue = TakedownQueueModel(parent=self)
        self.queue_view = QueueFilter(self)
        self.queue_view.setSourceModel(self.queue)
        self.matches = MatchesModel(parent=self)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        outer.setSpacing(metrics.SPACING)
        self.title = title_label(self)
        outer.addWidget(self.title)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        outer.addWidget(self.splitter, 1)

        # The queue.
        top = QWidget(self.splitter)
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.new_button = QPushButton(icon(Icon.TAKEDOWNS), "", top)
        self.new_button.setObjectName("NewRequestButton")
        self.search_edit = QLineEdit(top)
        self.search_edit.setObjectName("QueueSearch")
        self.search_edit.setClearButtonEnabled(True)
        self.view_combo = QComboBox(top)
        self.view_combo.setObjectName("QueueView")
        for v in QUEUE_VIEWS:
            self.view_combo.addItem("", v)
        self.type_combo = QComboBox(top)
        self.type_combo.setObjectName("QueueType")
        self.type_combo.addItem("", "")
        for t in REQUEST_TYPES:
            self.type_combo.addItem("", t)
        self.export_button = QPushButton(icon(Icon.EXPORT), "", top)
        self.export_button.setObjectName("ExportQueueButton")
        self.queue_info = QLabel(top)
        self.queue_info.setObjectName("QueueInfo")
        bar.addWidget(self.new_button)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.view_combo)
        bar.addWidget(self.type_combo)
        bar.addWidget(self.export_button)
        self.queue_info.setWordWrap(True)
        bar.addWidget(self.queue_info, 1)
        tl.addLayout(bar)
        self.queue_table = _table(top, "QueueTable")
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_table.setModel(self.queue_view)
        self.queue_table.setSortingEnabled(True)
        self.queue_table.sortByColumn(TakedownQueueModel.COL_DAYS, Qt.SortOrder.AscendingOrder)
        qh = self.queue_table.horizontalHeader()
        # Sized to the contents once per workspace opened (ResizeToContents would measure every row
        # again on every change), then the user's to adjust; the requester takes the rest.
        qh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        qh.setSectionResizeMode(TakedownQueueModel.COL_REQUESTER, QHeaderView.ResizeMode.Stretch)
        self.queue_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._queue_row(cur.row()))
        tl.addWidget(self.queue_table, 1)
        self.search_edit.textChanged.connect(lambda text: self._filter(search=text))
        self.view_combo.currentIndexChanged.connect(lambda _i: self._filter(view=self.view_combo.currentData()))
        self.type_combo.currentIndexChanged.connect(lambda _i: self._filter(type=self.type_combo.currentData()))
        self.export_button.clicked.connect(self.export_csv)

        # The selected request.
        bottom = QWidget(self.splitter)
        bl = QVBoxLayout(bottom)
        bl.setContentsMargins(0, 0, 0, 0)
        self.header = QLabel(bottom)
        self.header.setObjectName("RequestHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.header)
        actions = QHBoxLayout()
        self.locate_button = QPushButton(icon(Icon.VERIFY), "", bottom)
        self.locate_button.setObjectName("LocateButton")
        self.approve_button = QPushButton(icon(Icon.OK), "", bottom)
        self.approve_button.setObjectName("ApproveButton")
        self.purge_button = QPushButton(icon(Icon.ERROR), "", bottom)
        self.purge_button.setObjectName("PurgeButton")
        self.certificate_button = QPushButton(icon(Icon.EXPORT), "", bottom)
        self.certificate_button.setObjectName("CertificateButton")
        self.cancel_button = QPushButton(icon(Icon.CANCEL), "", bottom)
        self.cancel_button.setObjectName("CancelTaskButton")
        self.progress = QProgressBar(bottom)
        self.progress.setObjectName("TakedownProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(False)  # no "0%" while idle; shown while a task reports progress
        for w in (self.locate_button, self.approve_button, self.purge_button, self.certificate_button):
            actions.addWidget(w)
        # The progress of a locate or purge beside the actions, on one row (the window's smallest
        # height is the sum of these rows).
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        bl.addLayout(actions)
        self.message = QLabel(bottom)
        self.message.setObjectName("TakedownMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.message)

        self.tabs = QTabWidget(bottom)
        self.case_view = CaseView(self.tabs)
        self.case_view.reject_requested.connect(self.reject_request)
        self.case_view.extend_requested.connect(self.extend_request)
        self.case_view.close_requested.connect(self.close_request)
        self.case_view.assign_requested.connect(self.assign)
        self.case_view.note_requested.connect(self.add_note)
        self.case_view.attach_requested.connect(self.attach_notice)
        self.case_view.counter_requested.connect(self.open_counter_notice)
        self.case_view.forward_requested.connect(self.forward_counter_notice)
        self.case_view.gdpr_requested.connect(self.open_gdpr)
        self.case_view.ownership_requested.connect(self.open_ownership)
        self.case_view.restore_requested.connect(self.restore_items)
        self.case_view.court_requested.connect(self.court_action)
        self.case_view.recipients_requested.connect(self.open_recipients)
        self.case_view.reply_requested.connect(self.open_reply)
        # Scrolled, so that the case's many parts never set the window's smallest size.
        self.case_scroll = QScrollArea(self.tabs)
        self.case_scroll.setObjectName("CaseScroll")
        self.case_scroll.setWidgetResizable(True)
        self.case_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.case_scroll.setWidget(self.case_view)
        self.tabs.addTab(self.case_scroll, "")
        review = QWidget(self.tabs)
        self.review_tab = review
        rl = QVBoxLayout(review)
        rbar = QHBoxLayout()
        self.accept_button = QPushButton(icon(Icon.OK), "", review)
        self.accept_button.setObjectName("AcceptButton")
        self.reject_button = QPushButton(icon(Icon.CANCEL), "", review)
        self.reject_button.setObjectName("RejectButton")
        self.accept_rest_button = QPushButton(review)
        self.accept_rest_button.setObjectName("AcceptRestButton")
        self.reject_rest_button = QPushButton(review)
        self.reject_rest_button.setObjectName("RejectRestButton")
        self.record_button = QPushButton(icon(Icon.LEDGER), "", review)
        self.record_button.setObjectName("RecordDecisionsButton")
        self.review_info = QLabel(review)
        for w in (self.accept_button, self.reject_button, self.accept_rest_button, self.reject_rest_button,
                  self.record_button):
            rbar.addWidget(w)
        rbar.addStretch(1)
        rl.addLayout(rbar)
        rl.addWidget(self.review_info)
        rsplit = QSplitter(Qt.Orientation.Horizontal, review)
        self.matches_table = _table(rsplit, "MatchesTable")
        self.matches_table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.matches_table.setModel(self.matches)
        # Item IDs differ at their end: a column too narrow for one cuts it in the middle.
        self.matches_table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        mh = self.matches_table.horizontalHeader()
        # The numbers and the decision whole (tens of rows: measuring them is cheap); the item ID takes
        # the rest, cut in the middle when it must be.
        mh.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        mh.setSectionResizeMode(MatchesModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.matches_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.show_evidence(cur.row()))
        self.matches_table.installEventFilter(self)
        self.evidence = EvidenceView(rsplit)
        rsplit.setStretchFactor(0, 1)
        rsplit.setStretchFactor(1, 1)
        rl.addWidget(rsplit, 1)
        self.tabs.addTab(review, "")
        cert = QWidget(self.tabs)
        self.certificate_tab = cert
        cl = QVBoxLayout(cert)
        crow = QHBoxLayout()
        self.open_certificate_button = QPushButton(icon(Icon.FOLDER), "", cert)
        self.open_certificate_button.setObjectName("OpenCertificateButton")
        self.open_certificate_button.clicked.connect(self.open_certificate)
        crow.addWidget(self.open_certificate_button)
        crow.addStretch(1)
        cl.addLayout(crow)
        self.certificate_result = QLabel(cert)
        self.certificate_result.setObjectName("CertificateResult")
        self.certificate_result.setWordWrap(True)
        self.certificate_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        cl.addWidget(self.certificate_result)
        self.pdf = PdfPreview(cert)
        cl.addWidget(self.pdf, 1)
        self.tabs.addTab(cert, "")
        bl.addWidget(self.tabs, 1)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([260, 500])
        rsplit.setSizes([640, 440])

        self.new_button.clicked.connect(self.open_new_request)
        self.locate_button.clicked.connect(self.locate)
        self.approve_button.clicked.connect(self.approve)
        self.purge_button.clicked.connect(self.purge)
        self.certificate_button.clicked.connect(self.issue_certificate)
        self.cancel_button.clicked.connect(self.cancel)
        self.accept_button.clicked.connect(lambda: self.decide_selected("accepted"))
        self.reject_button.clicked.connect(lambda: self.decide_selected("rejected"))
        self.accept_rest_button.clicked.connect(lambda: self.decide_rest("accepted"))
        self.reject_rest_button.clicked.connect(lambda: self.decide_rest("rejected"))
        self.record_button.clicked.connect(self.record_decisions)
        session.opened.connect(self.reload)
        session.data_changed.connect(self.reload)
        self.retranslate()

    # --- strings -----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(self.tr("Takedowns"))
        self.new_button.setText(self.tr("New request…"))
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -----------------------------------------------------------------------------

    @property
    def td(self):  # the TakedownService, or None
        s = self.session.services
        return s.takedown if s is not None and self.session.has_ledger() else None

    def reload(self) -> None:
        """Re-read the queue and the selected request (after any write)."""
        td = self.td
        keep = self.current["id"] if self.current else None
        try:
            # The case service's queue: each request with its requester's name and contact (from the
            # erasable personal-data store), assignee and days left; filtered and sorted here.
            rows = [r.to_json() for r in self.session.services.cases.queue()] if td is not None else []
        except LedgerAppError:
            rows = []
        self.queue.set_rows(rows)
        self.queue.set_unrecorded(self.unrecorded_counts())
        if rows:
            self.queue_table.resizeColumnsToContents()  # once per re-read, not on every cell change
        self.new_button.setEnabled(td is not None)
        self.export_button.setEnabled(bool(rows))
        self.queue_view.set_filter(me=self.me())
        self.case_view.me = self.me()
        self._queue_info()
        if keep is not None and self.queue.row_of(keep) >= 0:
            self.select_request(keep)
        else:
            self.current = None
            self._load_matches()
            self._render()

    def me(self) -> str:
        """Who "my cases" are assigned to: the acting user (user.name, else the OS account)."""
        services = self.session.services
        try:
            return services.cases.current_user() if services is not None else ""
        except LedgerAppError:
            return ""

    def _filter(self, **what) -> None:
        self.queue_view.set_filter(**what)
        self._queue_info()
        # The selected request stays selected while it is shown; nothing is selected otherwise.
        if self.current is not None and self.queue_view.row_of(self.current["id"]) >= 0:
            self.select_request(self.current["id"])

    def _queue_info(self) -> None:
        rows = self.queue.rows
        overdue = sum(1 for r in rows if r.get("overdue"))
        open_n = sum(1 for r in rows if self.queue.is_open(r))
        text = self.tr("{open} open, {overdue} overdue; {shown} of {total} shown").format(
            open=open_n, overdue=overdue, shown=self.queue_view.rowCount(), total=len(rows))
        counts = self.unrecorded_counts()
        if counts:
            text += " — " + self.tr("review decisions not yet recorded on {requests}").format(
                requests=", ".join(f"#{rid} ({n})" for rid, n in sorted(counts.items())))
        self.queue_info.setText(text)

    def select_request(self, rid: int) -> None:
        row = self.queue_view.row_of(rid)
        if row < 0:
            # Hidden by the current view or search: show everything so the request can be shown.
            if self.queue.row_of(rid) < 0:
                return
            self.search_edit.clear()
            self.view_combo.setCurrentIndex(self.view_combo.findData("all"))
            self.type_combo.setCurrentIndex(0)
            row = self.queue_view.row_of(rid)
        mi = self.queue_view.index(row, 0)
        sm = self.queue_table.selectionModel()
        if sm.currentIndex().row() == row:
            self._queue_row(row)
        else:
            sm.setCurrentIndex(mi, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _queue_row(self, row: int) -> None:
        rec = self.queue_view.record(row)
        td = self.td
        if rec is None or td is None:
            return
        switching = self.current is None or self.current.get("id") != rec["id"]
        try:
            current = td.show(rec["id"])
            current.update(self._requester(current))
            if not switching and self.current is not None and "case" in self.current:
                current["case"] = self.current["case"]  # until the fresh one below arrives
            self.current = current
            self._works = {w.id: w for w in td.works(rec["id"])}
        except LedgerAppError as exc:
            self.message.setText(str(exc))
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
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
            self.progress.setTextVisible(False)

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
            header += " " + self.tr("Reason: {reason}").format(reason=legal_text(cur["status_reason"]))
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

    # --- review ------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """A accepts and R rejects the selected matches and moves on; arrows move as usual."""
        if obj is self.matches_table and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key == Qt.Key.Key_A and self.accept_button.isEnabled():
                self.decide_selected("accepted")
                return True
            if key == Qt.Key.Key_R and self.reject_button.isEnabled():
                self.decide_selected("rejected")
                return True
        return super().eventFilter(obj, event)

    def selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.matches_table.selectionModel().selectedRows()})
        if not rows and self.matches_table.currentIndex().isValid():
            rows = [self.matches_table.currentIndex().row()]
        return rows

    def decide_selected(self, decision: str) -> None:
        rows = self.selected_rows()
        if not rows:
            return
        self.matches.decide(rows, decision)
        nxt = max(rows) + 1
        if nxt < self.matches.rowCount():
            self.matches_table.selectionModel().setCurrentIndex(
                self.matches.index(nxt, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._unrecorded_changed()
        self._render()

    def decide_rest(self, decision: str) -> None:
        rows = [k for k, r in enumerate(self.matches.rows) if self.matches.decision(r) == "pending"]
        self.matches.decide(rows, decision)
        self._unrecorded_changed()
        self._render()

    def unrecorded_counts(self) -> dict[int, int]:
        """Request id -> how many review decisions made here are not recorded yet."""
        return {rid: len(d) for rid, d in self.unrecorded.items() if d}

    def _unrecorded_changed(self) -> None:
        self.queue.set_unrecorded(self.unrecorded_counts())
        self._queue_info()

    def discard_unrecorded(self) -> None:
        for d in self.unrecorded.values():
            d.clear()
        self._load_matches()
        self._render()

    def ask_unrecorded(self, counts: dict[int, int]) -> str:
        """Record or discard decisions not yet recorded: "record", "discard" or "cancel"."""
        box = QMessageBox(self)
        box.setObjectName("UnrecordedDecisionsBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Review decisions not recorded"))
        n = sum(counts.values())
        box.setText(self.tr("Review decisions not yet recorded in the ledger: {n}").format(n=n) + " ("
                    + ", ".join(self.tr("request #{id}: {n}").format(id=rid, n=k) for rid, k in sorted(counts.items()))
                    + ").")
        box.setInformativeText(self.tr("Record them now, or discard them?"))
        record = box.addButton(self.tr("Record them"), QMessageBox.ButtonRole.AcceptRole)
        discard = box.addButton(self.tr("Discard them"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(record)
        self.unrecorded_box = box
        box.exec()
        clicked = box.clickedButton()
        self.unrecorded_box = None
        box.deleteLater()
        return "record" if clicked is record else "discard" if clicked is discard else "cancel"

    def settle_unrecorded(self, then: Callable[[], None]) -> bool:
        """Before leaving (closing the window, opening another workspace): nothing unrecorded, or
        the user chose to record (then `then` runs once they are in the ledger) or to discard them.
        Returns True when `then` ran (or will run), False when the user stayed."""
        counts = self.unrecorded_counts()
        if not counts:
            then()
            return True
        choice = self.ask_unrecorded(counts)
        if choice == "cancel":
            return False
        if choice == "discard":
            self.discard_unrecorded()
            then()
            return True
        self.record_all(then=then)
        return True

    def record_all(self, then: Callable[[], None] | None = None) -> Task | None:
        """Record the unrecorded decisions of every request, in one background write."""
        td = self.td
        plan = {rid: ([i for i, d in ds.items() if d == "accepted"], [i for i, d in ds.items() if d == "rejected"])
                for rid, ds in self.unrecorded.items() if ds}
        if td is None or not plan:
            if then:
                then()
            return None

        def work(p, c) -> dict:
            out = {}
            for rid, (acc, rej) in sorted(plan.items()):
                out[rid] = td.review(rid, accept=sorted(acc), reject=sorted(rej))
            return out

        def done(res: dict) -> None:
            for rid, (acc, rej) in plan.items():
                ds = self.unrecorded.get(rid, {})
                for i in [*acc, *rej]:
                    ds.pop(i, None)
            self._say(None, QT_TRANSLATE_NOOP("TakedownsPage", 'Decisions recorded in the ledger for {requests}.'), requests=', '.join(f'#{rid}' for rid in sorted(res)))
            self.session.notify_data_changed()
            if then:
                then()

        return self._run("review", work, done)

    def _caption(self, item_id: str) -> str:
        services = self.session.services
        if services is None:
            return item_id
        try:
            it = services.corpus.item(item_id, with_proof=False)
        except LedgerAppError:
            return item_id
        parts = [self.tr("Corpus {corpus}, {location}").format(corpus=it["corpus"], location=it["location"])]
        if it.get("source_url"):
            parts.insert(0, it["source_url"])
        account = (it.get("metadata") or {}).get("account")
        if account:
            parts.append(self.tr("account {account}").format(account=account))
        parts.append(self.tr("status: {status}").format(status=it["status"]))
        return "\n".join(parts)

    def _summary(self, m: dict, work) -> str:
        ev = m.get("evidence") or {}
        method = m["method"]
        if method == "perceptual" and "distance" in ev:
            d = ev.get("pdq_distance") if ev.get("pdq_distance") is not None else ev.get("distance")
            t = self.matches.pdq_threshold
            if d is None:  # found by local features alone (a crop, a collage): no whole-image distance
                text = self.tr("Perceptual match by local features (a region of the item)")
            else:
                text = self.tr("Perceptual match: PDQ distance {d} of 256").format(d=d)
            if t is not None and d is not None:
                text += " " + (self.tr("(within the threshold of {t})") if d <= t else
                               self.tr("(beyond the threshold of {t}: kept because the geometry agrees)")).format(t=t)
            ver = ev.get("verification") or {}
            if ver.get("inliers") is not None:
                text += "; " + self.tr("{n} inliers after alignment").format(n=ver["inliers"])
            if ver.get("mirrored"):
                text += "; " + self.tr("mirrored")
            if ver.get("reason"):
                text += "; " + verification_text(str(ver["reason"]))
            return text + "."
        if method == "text" and "containment" in ev:
            t = self.matches.text_threshold
            text = self.tr("Text match: {c:.0%} of the claimed text is contained in the item").format(
                c=float(ev["containment"]))
            if t is not None:
                text += " " + self.tr("(threshold {t:.0%})").format(t=float(t))
            return text + self.tr("; the overlapping passages are highlighted.")
        if method == "exact":
            return self.tr("Exact match: the item's SHA-256 equals the claimed file's ({sha}).").format(
                sha=shorten_middle(str(ev.get("sha256", "")), 24))
        if method == "url":
            return self.tr("URL match: {url}").format(url=ev.get("url", ""))
        if method == "account":
            return self.tr("Account match: uploaded by the requester's account.")
        if method == "c2pa":
            return self.tr("Content Credentials signed by {signer}.").format(signer=ev.get("signer", ""))
        return ""

    def show_evidence(self, row: int) -> None:
        m = self.matches.record(row)
        services = self.session.services
        if m is None or services is None:
            self.evidence.clear()
            return
        work = self._works.get(m.get("work_id"))
        ev = m.get("evidence") or {}
        method = m["method"]
        claimed_caption = ""
        if work is not None:
            claimed_caption = self.tr("Claimed {kind}: {what}").format(
                kind=work.kind, what=shorten_middle(str(work.description or work.value or ""), 80)
                if not (work.description or "").startswith("{") else shorten_middle(str(work.value), 40))
        summary = self._summary(m, work)
        caption = self._caption(m["item_id"])
        if method == "text" or (work is not None and work.text and method != "exact"):
            self.evidence.show_texts(work.text if work is not None and work.text else "", ev.get("passage") or "")
            self.evidence.set_details(summary, claimed_caption, caption)
            return
        claimed_thumb = None
        if work is not None and work.fingerprint and '"fp_kind": "image"' in (work.description or ""):
            from ledger_app.matching.image import ImageFingerprint

            try:
                claimed_thumb = ImageFingerprint.from_bytes(work.fingerprint).thumb
            except Exception:  # a damaged fingerprint only costs the picture
                claimed_thumb = None
        try:
            corpus_thumb = services.corpus.thumbnail(m["item_id"])
        except LedgerAppError:
            corpus_thumb = None
        if claimed_thumb is not None or corpus_thumb is not None:
            self.evidence.show_images(claimed_thumb, corpus_thumb, ev if ev.get("region_box") else None)
            self.evidence.set_details(summary, claimed_caption, caption)
            return
        claimed = work.description or work.value if work is not None else ""
        self.evidence.show_sentences(
            self.tr("Claimed: {what}").format(what=claimed),
            self.tr("{method} match").format(method=method_text(method)))
        self.evidence.set_details(summary, "", caption)

    def record_decisions(self) -> Task | None:
        td, cur = self.td, self.current
        acc, rej = self.matches.pending_changes()
        if td is None or cur is None or not (acc or rej):
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            ds = self.unrecorded.get(rid, {})
            for i in [*acc, *rej]:
                ds.pop(i, None)
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Decisions recorded in the ledger; {n} still pending.'), n=res['pending'])
            self.session.notify_data_changed()

        return self._run("review", lambda p, c: td.review(rid, accept=acc, reject=rej), done)

    # --- workflow actions ----------------------------------------------------------------------

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
            self.progress.setRange(0, 0)
            task.finished.connect(self._finished)
        self._render()
        return task

    def _progress(self, done: int, total: int) -> None:
        if self.current is None or self.current.get("id") != self.busy_request:
            return  # progress of another request's task: not this one's bar
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.busy = None
        self.busy_request = None
        if self.progress.maximum() == 0:
            self.progress.setRange(0, 1)
        self._render()

    def cancel(self) -> None:
        if self.busy is not None:
            self.busy.cancel()
            self.cancel_button.setEnabled(False)

    def locate(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None or self.busy is not None:
            return None
        rid = cur["id"]
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Locating every copy of the claimed works…'))

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Located {n} matches ({new} new). Review them below.'), n=res['matches'], new=res['new_matches'])
            self.session.notify_data_changed()

        return self._run("locate", lambda p, c: td.locate(rid, p, c), done, progress=True)

    def approve(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Approved: {n} items will be purged.'), n=res['accepted'])
            self.session.notify_data_changed()

        return self._run("approve", lambda p, c: td.approve(rid), done)

    def purge_plan(self, rid: int) -> dict:
        """What a purge of `rid` touches: the accepted live items, their shards and corpora."""
        services = self.session.services
        services.legal.check_before_purge(rid)  # e.g. a rights holder's ownership not yet checked: say so now
        show = services.takedown.show(rid)
        items = sorted({m["item_id"] for m in show["matches"] if m["decision"] == "accepted"})
        shards: set[tuple[str, str]] = set()
        corpora: set[str] = set()
        live = 0
        for item_id in items:
            it = services.corpus.item(item_id, with_proof=False)
            if it["status"] == "purged":
                continue  # removed by an earlier request
            live += 1
            shards.add((it["corpus"], it["shard"]))
            corpora.add(it["corpus"])
        return {"id": rid, "items": live, "shards": len(shards), "corpora": sorted(corpora)}

    def purge(self) -> Task | None:
        """Count what the purge touches, then ask: it rewrites corpus files for good."""
        services, cur = self.session.services, self.current
        if services is None or cur is None or self.busy is not None:
            return None
        rid = cur["id"]
        self.purge_button.setEnabled(False)
        return self.session.runner.run("purge plan", lambda p, c: self.purge_plan(rid),
                                       on_success=self.confirm_purge,
                                       on_error=lambda exc, report: (show_error(self, exc, report), self._render()))

    def confirm_purge(self, plan: dict) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("PurgeConfirmBox")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Purge request #{id}").format(id=plan["id"]))
        box.setText(self.tr(
            "Permanently remove {items} items from {shards} shards in {ncorpora} corpora ({corpora})?").format(
                items=plan["items"], shards=plan["shards"], ncorpora=len(plan["corpora"]),
                corpora=", ".join(plan["corpora"]) or "—"))
        box.setInformativeText(self.tr(
            "Each shard is rewritten without these items and they are blocked from returning. "
            "This cannot be undone."))
        self.purge_confirm_button = box.addButton(self.tr("Purge {n} items").format(n=plan["items"]),
                                                  QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        self.purge_confirm = box
        self.purge_plan_shown = plan

        def answered(button) -> None:
            self.purge_confirm = None
            if button is self.purge_confirm_button:
                self._start_purge(plan["id"])
            else:
                self._render()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _start_purge(self, rid: int) -> Task | None:
        services = self.session.services
        if services is None or self.busy is not None:
            return None
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Purging the accepted items from their shards…'))

        def done(res: dict) -> None:
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Purged {n} items from {s} shards; they are blocked from returning.'), n=res['items'], s=len(res['shards']))
            self.session.notify_data_changed()

        return self._run("purge", lambda p, c: services.purge(rid, p, c), done, progress=True)

    # --- certificates --------------------------------------------------------------------------

    def ask_save_path(self, suggested: str) -> str:
        """The certificate file to write; tests replace this instead of driving a native dialog."""
        return save_file(self, "certificate", self.tr("Save removal certificate"), suggested,
                         self.tr("Certificates (*.json)"))

    def ask_open_path(self) -> str:
        return open_file(self, "certificate", self.tr("Open removal certificate"), self.tr("Certificates (*.json)"))

    def _certificate_entry(self, rid: int) -> int | None:
        td = self.td
        if td is None:
            return None
        from ledger_app.services.inclusion import certificate_entry

        try:
            return certificate_entry(td, rid)
        except LedgerAppError:
            return None

    def _load_certificate(self) -> None:
        """The Certificate tab of the selected request: its certificate (file remembered by this
        window, verified offline again), or what the ledger says when the file is elsewhere."""
        cur = self.current
        if cur is None:
            self.certificate_result.clear()
            self.pdf.clear(self.tr("No certificate issued yet."))
            return
        rid = cur["id"]
        entry = self._certificate_entry(rid) if cur["status"] in ("certified", "closed") else None
        if entry is None:
            self.certificate_result.setText(
                self.tr("No certificate has been issued for request #{id}.").format(id=rid)
                + (" " + self.tr("It is issued once the request is purged.") if cur["status"] not in ("closed",) else ""))
            self.pdf.clear(self.tr("No certificate issued yet."))
            return
        path = self.prefs.certificate_file(self.session.workspace_id, rid) if self.session.ws is not None else ""
        if path and Path(path).exists():
            self.show_certificate_file(Path(path), rid, entry)
            return
        self.certificate_result.setText(self.tr(
            "Request #{id} was certified: its certificate is ledger entry {entry}. The file was saved outside this "
            "window; open it to preview it and verify it again.").format(id=rid, entry=entry))
        self.pdf.clear(self.tr("Certificate issued (ledger entry {entry}); its file is not at hand.").format(entry=entry))

    def show_certificate_file(self, path: Path, rid: int, entry: int | None) -> bool:
        """Verify the certificate at `path` offline and show it with its PDF; refuse a file that is
        not this request's certificate (another request's, or not signed by this ledger)."""
        from ledger_app.verify import verify_document

        services = self.session.services
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            v = verify_document(doc, services.ledger.vkey())
            if (v.body.get("request") or {}).get("id") != rid:
                raise LedgerAppError(self.tr("{file} is the certificate of request #{other}, not of #{id}.").format(
                    file=path.name, other=(v.body.get("request") or {}).get("id"), id=rid))
        except (OSError, ValueError, LedgerAppError) as exc:
            self.certificate_result.setText(self.tr("{file} cannot be shown: {reason}").format(file=path.name, reason=exc))
            self.pdf.clear(self.tr("No certificate to preview."))
            return False
        self.last_verification = v
        self.certificate_result.setText(self.tr(
            "Certificate of request #{id}: {file}, recorded as ledger entry {entry}. Verified offline: signed by "
            "{key}, included in the signed checkpoint of size {size}.").format(
                id=rid, file=path, entry=v.entry_index, key=v.key_name, size=v.checkpoint.size))
        pdf = path.with_suffix(".pdf")
        if pdf.exists():
            self.pdf.load(str(pdf))
        else:
            self.pdf.clear(self.tr("No PDF beside {file}.").format(file=path.name))
        return True

    def open_certificate(self) -> bool:
        cur = self.current
        if cur is None or self.session.ws is None:
            return False
        path = self.ask_open_path()
        if not path:
            return False
        ok = self.show_certificate_file(Path(path), cur["id"], self._certificate_entry(cur["id"]))
        if ok:
            self.prefs.set_certificate_file(self.session.workspace_id, cur["id"], path)
        return ok

    def issue_certificate(self) -> Task | None:
        services, cur = self.session.services, self.current
        if services is None or cur is None:
            return None
        rid = cur["id"]
        path = self.ask_save_path(f"removal-certificate-{rid}.json")
        if not path:
            return None
        out = Path(path)
        pdf = out.with_suffix(".pdf")
        from ledger_app.ui.i18n import current_language

        language = current_language()
        workspace_id = self.session.workspace_id

        def work(p, c) -> dict:
            from ledger_app.services.certificates import certify
            from ledger_app.verify import verify_document

            res = certify(services, rid, out, pdf=pdf, language=language)
            # Check what we send, offline, exactly as the recipient will.
            res["verified"] = verify_document(json.loads(out.read_text(encoding="utf-8")), services.ledger.vkey())
            return res

        def done(res: dict) -> None:
            self.prefs.set_certificate_file(workspace_id, rid, str(out))
            self.last_certificate = res
            self.last_verification = res["verified"]
            self.session.notify_data_changed()  # re-reads the request, and its Certificate tab
            if self.current is not None and self.current["id"] == rid:
                self.tabs.setCurrentWidget(self.certificate_tab)

        return self._run("certificate", work, done)

    # --- the case ------------------------------------------------------------------------------

    def make_reason_dialog(self, title: str, intro: str, *, months: bool = False) -> ReasonDialog:
        return ReasonDialog(title, intro, months=months, parent=self)

    def reject_request(self) -> ReasonDialog | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Reject request #{id}").format(id=rid), self.tr(
            "The request is refused and the reason recorded in the ledger; tell the requester why."))
        self.reason_dialog = dialog

        def accepted() -> None:
            reason = dialog.value()
            self._run("reject", lambda p, c: td.reject(rid, reason), lambda _r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} rejected.'), id=rid), self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def extend_request(self) -> ReasonDialog | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Extend the deadline of request #{id}").format(id=rid), self.tr(
            "GDPR Art. 12(3): the deadline may be extended by up to two further months where necessary; the "
            "requester must be told within the first month, with the reasons."), months=True)
        self.reason_dialog = dialog

        def accepted() -> None:
            reason, months = dialog.value(), dialog.month_count()
            # Through LegalService: refused once the first month has passed without an announcement.
            services = self.session.services
            self._run("extend", lambda p, c: services.legal.announce_extension(rid, months, reason), lambda r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} is now due {due}.'), id=rid, due=r['due_by']),
                self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def close_request(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]
        return self._run("close", lambda p, c: td.close(rid), lambda _r: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", 'Request #{id} closed.'), id=rid), self.session.notify_data_changed()))

    def assign(self, who: str) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        return self._run("assign", lambda p, c: services.cases.assign(rid, who or None), lambda _r: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Request #{id} assigned to {who}."), id=rid, who=who)
            if who else self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Request #{id} is no longer assigned."), id=rid),
            self.session.notify_data_changed()))

    def add_note(self, text: str) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]

        def done(_r) -> None:
            self.case_view.note_edit.clear()
            self.session.notify_data_changed()

        return self._run("note", lambda p, c: services.cases.add_note(rid, text), done)

    def ask_notice_path(self) -> str:
        return open_file(self, "notice", self.tr("Attach the original notice"),
                         self.tr("Notices (*.eml *.pdf *.txt *.html *.msg);;All files (*)"))

    def attach_notice(self) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        path = self.ask_notice_path()
        if not path:
            return None
        rid = cur["id"]
        return self._run("attach", lambda p, c: services.cases.attach_notice(rid, Path(path)), lambda d: (
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", '{name} kept with request #{id} (SHA-256 {sha}…).'), name=d.name, id=rid, sha=d.sha256[:12]), self.session.notify_data_changed()))

    # --- the rest of the legal process (LegalService) -----------------------------------------------

    def open_counter_notice(self):  # the CounterNoticeDialog
        from ledger_app.ui.pages.legal_dialogs import CounterNoticeDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = CounterNoticeDialog(rid, self)
        self.counter_dialog = dialog

        def submit() -> None:
            cn = dialog.counter_notice()
            dialog.ok_button.setEnabled(False)

            def done(res: dict) -> None:
                dialog.accept()
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage",
                                                  "Counter-notice recorded for {n} items of request #{id}; forward it "
                                                  "to the claimant next."), n=len(res["items"]), id=rid)
                self.session.notify_data_changed()

            def failed(exc: BaseException, report: str) -> None:
                dialog.ok_button.setEnabled(True)
                if is_expected(exc):
                    dialog.refused(str(exc))
                else:
                    show_error(dialog, exc, report)

            self._run("counter-notice", lambda p, c: services.legal.counter_notice(rid, cn), done, on_error=failed)

        dialog.buttons.accepted.connect(submit)
        dialog.open()
        return dialog

    def forward_counter_notice(self) -> Task | None:
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]

        def done(w) -> None:  # takedown.legal.RestoreWindow
            self._say(rid, QT_TRANSLATE_NOOP(
                "TakedownsPage", "Counter-notice forwarded. The items may be restored from {earliest} to {latest} "
                                 "(10 to 14 business days), unless the claimant files a court action."),
                earliest=w.earliest, latest=w.latest)
            self.session.notify_data_changed()

        return self._run("forward", lambda p, c: services.legal.forward_counter_notice(rid), done)

    def open_gdpr(self):  # the GdprDialog
        from ledger_app.ui.pages.legal_dialogs import GdprDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = GdprDialog(rid, cur["matches"], services.legal.identity(rid), self)
        self.gdpr_dialog = dialog

        def failed(exc: BaseException, report: str) -> None:
            if is_expected(exc):
                dialog.refused(str(exc))
            else:
                show_error(dialog, exc, report)

        def identity(result: str, method: str, note: str) -> None:
            self._run("identity", lambda p, c: services.legal.record_identity(rid, result, method=method, note=note),
                      lambda _r: (dialog.recorded(self.tr("Identity check recorded: {result}.").format(
                          result=dialog.identity_text(result))), self.session.notify_data_changed()),
                      on_error=failed)

        def refusal(ground: str, items: list, reason: str) -> None:
            def done(res: dict) -> None:
                dialog.recorded(self.tr("{scope} refusal recorded on {ground}; {n} items retained.").format(
                    scope=self.tr("Partial") if res.get("partial") else self.tr("Full"), ground=res["ground"],
                    n=len(items)))
                self.session.notify_data_changed()

            self._run("refusal", lambda p, c: services.legal.refuse(rid, ground, items=items, reason=reason), done,
                      on_error=failed)

        dialog.identity_requested.connect(identity)
        dialog.refusal_requested.connect(refusal)
        dialog.open()
        return dialog

    def _dialog_failed(self, dialog):
        def failed(exc: BaseException, report: str) -> None:
            if is_expected(exc):
                dialog.refused(str(exc))
            else:
                show_error(dialog, exc, report)
        return failed

    def open_ownership(self):  # the OwnershipDialog
        from ledger_app.ui.pages.legal_actions import OwnershipDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = OwnershipDialog(rid, services.legal.ownership(rid), self)
        self.ownership_dialog = dialog

        def submit() -> None:
            evidence, result = dialog.value()
            dialog.ok_button.setEnabled(False)

            def done(_entry) -> None:
                dialog.accept()
                if result == "confirmed":
                    self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Ownership check recorded for request #{id}: "
                                                                      "confirmed. The purge may go ahead."), id=rid)
                else:
                    self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Ownership check recorded for request #{id}: "
                                                                      "not shown. The items are not purged."), id=rid)
                self.session.notify_data_changed()

            def failed(exc: BaseException, report: str) -> None:
                dialog.ok_button.setEnabled(True)
                self._dialog_failed(dialog)(exc, report)

            self._run("ownership", lambda p, c: services.legal.check_ownership(rid, evidence, result), done,
                      on_error=failed)

        dialog.buttons.accepted.connect(submit)
        dialog.open()
        return dialog

    def restore_items(self) -> Task | None:
        """Where the restore window stands, then ask before re-admitting the items."""
        cur, services = self.current, self.session.services
        if cur is None or services is None or self.busy is not None:
            return None
        rid = cur["id"]
        self.case_view.restore_button.setEnabled(False)
        return self.session.runner.run("restore window", lambda p, c: services.legal.restore_window(rid),
                                       on_success=lambda w: self.confirm_restore(rid, w),
                                       on_error=lambda exc, report: (show_error(self, exc, report), self._render()))

    def confirm_restore(self, rid: int, w) -> QMessageBox:  # takedown.legal.RestoreWindow
        box = QMessageBox(self)
        box.setObjectName("RestoreConfirmBox")
        box.setWindowTitle(self.tr("Restore the items of request #{id}").format(id=rid))
        self.restore_confirm_button = None
        if w.can_restore:
            box.setIcon(QMessageBox.Icon.Question)
            box.setText(self.tr("The restore window is open: {why}. Restore the counter-noticed items now?").format(
                why=legal_text(w.reason)))
            box.setInformativeText(self.tr(
                "Each item's block is lifted. An item whose copy was retained is re-admitted from it (as the corpus "
                "restored-r{id}); for the others the ledger records the source to re-acquire.").format(id=rid))
            self.restore_confirm_button = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
            box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
        else:
            box.setIcon(QMessageBox.Icon.Information)
            box.setText(self.tr("Nothing can be restored now: {why}.").format(why=legal_text(w.reason)))
            box.addButton(QMessageBox.StandardButton.Ok)
        self.restore_confirm = box

        def answered(button) -> None:
            self.restore_confirm = None
            if self.restore_confirm_button is not None and button is self.restore_confirm_button:
                self._start_restore(rid)
            else:
                self._render()

        box.buttonClicked.connect(answered)
        box.open()
        return box

    def _start_restore(self, rid: int) -> Task | None:
        services = self.session.services
        if services is None or self.busy is not None:
            return None
        self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Restoring the counter-noticed items…"))

        def done(res: dict) -> None:
            copies = sum(1 for r in res["restored"] if r["how"] == "retained copy")
            self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Restored {n} items of request #{id}: {c} re-admitted "
                                                              "from their retained copies, {a} to re-acquire."),
                      n=len(res["restored"]), id=rid, c=copies, a=len(res["restored"]) - copies)
            self.session.notify_data_changed()

        return self._run("restore", lambda p, c: services.legal.restore(rid), done, progress=True)

    def court_action(self) -> ReasonDialog | None:
        """The claimant filed an action seeking a court order (512(g)(2)(C)): recorded, nothing restored."""
        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = self.make_reason_dialog(self.tr("Court action on request #{id}").format(id=rid), self.tr(
            "The claimant says it filed an action seeking a court order to restrain the subscriber: the items stay "
            "removed. Describe it (court, case number, date of the claimant's notice)."))
        self.reason_dialog = dialog

        def accepted() -> None:
            note = dialog.value()
            self._run("court action", lambda p, c: services.legal.court_action(rid, note), lambda _r: (
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Court action recorded for request #{id}: the items "
                                                                  "stay removed."), id=rid),
                self.session.notify_data_changed()))

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def ask_folder(self, purpose: str, title: str) -> str:
        """A folder to write into (remembered per purpose); tests replace this."""
        return existing_dir(self, purpose, title)

    def open_recipients(self):  # the RecipientsDialog
        from ledger_app.ui.i18n import current_language
        from ledger_app.ui.pages.legal_actions import RecipientsDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        dialog = RecipientsDialog(rid, self)
        self.recipients_dialog = dialog
        failed = self._dialog_failed(dialog)

        def load() -> None:
            self.session.runner.run("recipients", lambda p, c: services.legal.recipients(rid),
                                    on_success=dialog.set_recipients, on_error=failed)

        def notify() -> None:
            folder = self.ask_folder("notices", self.tr("Save the Art. 19 notices in"))
            if not folder:
                return
            language = current_language()
            dialog.notify_button.setEnabled(False)

            def done(res: list) -> None:
                dialog.recorded(self.tr("{n} notices written to {folder} and recorded as sent.").format(
                    n=len(res), folder=folder))
                load()
                self.session.notify_data_changed()

            self._run("notify", lambda p, c: services.legal.notify_recipients(rid, out_dir=Path(folder),
                                                                              language=language), done,
                      on_error=failed)

        dialog.notify_requested.connect(notify)
        load()
        dialog.open()
        return dialog

    def open_reply(self):  # the ReplyDialog
        from ledger_app.ui.i18n import current_language
        from ledger_app.ui.pages.legal_actions import TEMPLATE_KEYS, ReplyDialog

        cur, services = self.current, self.session.services
        if cur is None or services is None:
            return None
        rid = cur["id"]
        templates = [t for t in TEMPLATE_KEYS if not (t in ("counter_notice_forwarded",) and cur["type"] != "dmca")
                     and not (t in ("extension", "refusal") and cur["type"] != "gdpr")]
        folder = self.prefs.last_folder("replies") or str(services.ws.path / "replies" / f"request-{rid}")
        certificate = self.prefs.certificate_file(self.session.workspace_id, rid) or ""
        dialog = ReplyDialog(rid, templates, current_language(), folder, certificate, self)
        self.reply_dialog = dialog
        failed = self._dialog_failed(dialog)

        def choose_folder() -> None:
            path = self.ask_folder("replies", self.tr("Save the reply in"))
            if path:
                dialog.folder.setText(path)

        def choose_certificate() -> None:
            path = self.ask_open_path()
            if path:
                dialog.certificate.setText(path)

        def write() -> None:
            template, language, out, cert = dialog.chosen()
            dialog.write_button.setEnabled(False)

            def done(r) -> None:  # takedown.replies.Reply
                self.prefs.set_last_folder("replies", str(Path(r.eml).parent))  # the next letter starts there
                dialog.write_button.setEnabled(True)
                dialog.recorded(self.tr("Written: {eml} and {pdf}; recorded as ledger entry {entry}.").format(
                    eml=r.eml, pdf=r.pdf or "—", entry=r.entry))
                self._say(rid, QT_TRANSLATE_NOOP("TakedownsPage", "Reply {name} written for request #{id}."),
                          name=Path(r.eml).name, id=rid)
                self.session.notify_data_changed()

            def refused(exc: BaseException, report: str) -> None:
                dialog.write_button.setEnabled(True)
                failed(exc, report)

            from ledger_app.services.replies import write_reply

            self._run("reply", lambda p, c: write_reply(services.legal, rid, template, language=language,
                                                        out_dir=Path(out),
                                                        certificate=Path(cert) if cert and template == "completion"
                                                        else None), done, on_error=refused)

        dialog.choose_folder_requested.connect(choose_folder)
        dialog.choose_certificate_requested.connect(choose_certificate)
        dialog.write_requested.connect(write)
        dialog.open()
        return dialog

    def export_csv(self, path: str | None = None) -> str | None:
        """The requests shown (view, type and search applied, in the shown order) as CSV."""
        if path is None:
            path = save_file(self, "export", self.tr("Export the queue"), "takedown-queue.csv",
                             self.tr("CSV files (*.csv)"))
        if not path:
            return None
        q = self.queue
        cols = range(q.COLUMNS)
        with open(path, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow([q.headers()[c] for c in cols])
            for rec in self.queue_view.visible_records():
                w.writerow([rec["id"] if c == q.COL_ID else q.cell(rec, c) for c in cols])
        self.queue_info.setText(self.tr("Exported {n} requests to {file}.").format(
            n=self.queue_view.rowCount(), file=Path(path).name))
        return path

    # --- new requests --------------------------------------------------------------------------

    def make_new_request_dialog(self) -> NewRequestDialog:
        return NewRequestDialog(self)

    def open_new_request(self) -> NewRequestDialog:
        dialog = self.make_new_request_dialog()
        self.new_request_dialog = dialog
        dialog.submitter = lambda d: self.submit(d.form(), dialog=d)
        dialog.import_requested.connect(self.import_file)
        dialog.open()
        return dialog

    def submit(self, form: RequestForm, dialog: NewRequestDialog | None = None) -> Task | None:
        """Record a new request; with the `dialog` it came from, that dialog closes when it is
        recorded and shows why when it is not, keeping what was typed."""
        td = self.td
        if td is None:
            if dialog is not None:
                dialog.refused(self.tr("No workspace is open."))
            return None

        def work(p, c) -> dict:
            works = td.work_specs(files=form.files, hashes=form.hashes, urls=form.urls, domains=form.domains,
                                  accounts=form.accounts, texts=form.texts)
            return td.new_request(type=form.type, requester=form.requester, requester_kind=form.requester_kind,
                                  email=form.email, received=form.received, works=works, dmca=form.dmca)

        def done(res: dict) -> None:
            if res["status"] == "rejected":
                self.message.setText(self.tr("Request #{id} was recorded but rejected: {reason}").format(
                    id=res["id"], reason=res["reason"]))
            else:
                self.message.setText(self.tr("Request #{id} opened, due {due}. Locate its matches next.").format(
                    id=res["id"], due=res["due_by"]))
            self.current = {"id": res["id"]}
            self.session.notify_data_changed()
            if dialog is not None and shiboken6.isValid(dialog):
                dialog.submitted()

        def failed(exc: BaseException, report: str) -> None:
            if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
                show_error(self, exc, report)  # the form is gone (cancelled meanwhile): say it here
            elif is_expected(exc):
                dialog.refused(str(exc))
            else:
                dialog.refused(self.tr("The request was not recorded: an unexpected error (see the report)."))
                show_error(dialog, exc, report)

        return self._run("new request", work, done, on_error=failed if dialog is not None else None)

    def import_file(self, path: str) -> Task | None:
        td = self.td
        if td is None:
            return None

        def done(res: list) -> None:
            self.message.setText(self.tr("Imported {n} requests from {file}.").format(n=len(res), file=Path(path).name))
            if res:
                self.current = {"id": res[-1]["id"]}
            self.session.notify_data_changed()

        return self._run("import", lambda p, c: td.import_requests(Path(path)), done)
