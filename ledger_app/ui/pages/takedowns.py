"""Takedowns: the queue with due dates, a new request, and for the selected request the whole
workflow — locate (progress), the review screen (evidence side by side, accept/reject per match
or in bulk, A/R keys), approve, purge (progress, cancel), the removal certificate with a preview
of its PDF and an offline verification of the signed JSON."""

from __future__ import annotations

import json
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui import metrics
from ledger_app.ui.errors import is_expected, show_error
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models.lists import (
    MatchesModel,
    TakedownQueueModel,
    method_text,
    request_status_text,
    request_type_text,
    requester_kind_text,
)
from ledger_app.ui.pages import title_label
from ledger_app.ui.pages.new_request import NewRequestDialog, RequestForm
from ledger_app.ui.prefs import Preferences
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
        self.last_certificate: dict | None = None
        self.last_verification: object | None = None
        self._works: dict[int, object] = {}
        self.queue = TakedownQueueModel(parent=self)
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
        self.queue_info = QLabel(top)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        bar.addWidget(self.queue_info)
        tl.addLayout(bar)
        self.queue_table = _table(top, "QueueTable")
        self.queue_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.queue_table.setModel(self.queue)
        qh = self.queue_table.horizontalHeader()
        qh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.queue_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self._queue_row(cur.row()))
        tl.addWidget(self.queue_table, 1)

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
        actions.addStretch(1)
        bl.addLayout(actions)
        prow = QHBoxLayout()
        prow.addWidget(self.progress, 1)
        prow.addWidget(self.cancel_button)
        bl.addLayout(prow)
        self.message = QLabel(bottom)
        self.message.setObjectName("TakedownMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bl.addWidget(self.message)

        self.tabs = QTabWidget(bottom)
        review = QWidget(self.tabs)
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
        mh = self.matches_table.horizontalHeader()
        mh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        mh.setSectionResizeMode(MatchesModel.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.matches_table.selectionModel().currentRowChanged.connect(lambda cur, _p: self.show_evidence(cur.row()))
        self.matches_table.installEventFilter(self)
        self.evidence = EvidenceView(rsplit)
        rsplit.setStretchFactor(0, 1)
        rsplit.setStretchFactor(1, 2)
        rl.addWidget(rsplit, 1)
        self.tabs.addTab(review, "")
        cert = QWidget(self.tabs)
        cl = QVBoxLayout(cert)
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
        self.splitter.setSizes([200, 560])
        rsplit.setSizes([480, 600])

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
        self.tabs.setTabText(0, self.tr("Review"))
        self.tabs.setTabText(1, self.tr("Certificate"))
        self.evidence.retranslate()
        self._queue_info()
        self.queue.retranslate(self.queue_table.horizontalHeader())
        self.matches.retranslate(self.matches_table.horizontalHeader())
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -----------------------------------------------------------------------------

    @property
    def td(self):  # noqa: ANN201 - the TakedownService, or None
        s = self.session.services
        return s.takedown if s is not None and self.session.has_ledger() else None

    def reload(self) -> None:
        """Re-read the queue and the selected request (after any write)."""
        td = self.td
        keep = self.current["id"] if self.current else None
        try:
            rows = td.list() if td is not None else []
        except LedgerAppError:
            rows = []
        self.queue.set_rows(rows)
        self.new_button.setEnabled(td is not None)
        self._queue_info()
        if keep is not None and self.queue.row_of(keep) >= 0:
            self.select_request(keep)
        else:
            self.current = None
            self._load_matches()
            self._render()

    def _queue_info(self) -> None:
        rows = self.queue.rows
        overdue = sum(1 for r in rows if r.get("overdue"))
        open_n = sum(1 for r in rows if r["status"] not in ("closed", "rejected", "certified"))
        self.queue_info.setText(self.tr("{open} open, {overdue} overdue").format(open=open_n, overdue=overdue))

    def select_request(self, rid: int) -> None:
        row = self.queue.row_of(rid)
        if row < 0:
            return
        mi = self.queue.index(row, 0)
        sm = self.queue_table.selectionModel()
        if sm.currentIndex().row() == row:
            self._queue_row(row)
        else:
            sm.setCurrentIndex(mi, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def _queue_row(self, row: int) -> None:
        rec = self.queue.record(row)
        td = self.td
        if rec is None or td is None:
            return
        try:
            self.current = td.show(rec["id"])
            self._works = {w.id: w for w in td.works(rec["id"])}
        except LedgerAppError as exc:
            self.message.setText(str(exc))
            return
        self._load_matches()
        self._render()

    def _load_matches(self) -> None:
        self.matches.set_rows(self.current["matches"] if self.current else [])
        self.evidence.clear()
        if self.matches.rowCount():
            self.matches_table.selectRow(0)
            self.matches_table.setCurrentIndex(self.matches.index(0, 0))

    def _render(self) -> None:
        """Header and which actions are possible, from the selected request's status."""
        cur = self.current
        running = self.busy is not None
        self.cancel_button.setEnabled(running)
        if cur is None:
            self.header.setText(self.tr("Select a request in the queue, or open a new one."))
            for b in (self.locate_button, self.approve_button, self.purge_button, self.certificate_button,
                      self.accept_button, self.reject_button, self.accept_rest_button, self.reject_rest_button,
                      self.record_button):
                b.setEnabled(False)
            self.review_info.clear()
            return
        status = cur["status"]
        due = cur["due_by"] + (self.tr(" — OVERDUE") if cur.get("overdue") else "")
        header = self.tr("Request #{id}: {type} from a {kind}, received {received}, due {due}. Status: {status}.").format(
            id=cur["id"], type=request_type_text(cur["type"]), kind=requester_kind_text(cur["requester_kind"]).lower(),
            received=cur["received"], due=due, status=request_status_text(status))
        if cur.get("status_reason"):
            header += " " + self.tr("Reason: {reason}").format(reason=cur["status_reason"])
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
        self.certificate_button.setEnabled(not running and status in ("purged", "certified"))
        self.review_info.setText(self.tr("{p} pending, {a} accepted, {r} rejected; {u} not yet recorded").format(
            p=counts["pending"], a=counts["accepted"], r=counts["rejected"], u=unrecorded))

    # --- review ------------------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
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
        self._render()

    def decide_rest(self, decision: str) -> None:
        rows = [k for k, r in enumerate(self.matches.rows) if self.matches.decision(r) == "pending"]
        self.matches.decide(rows, decision)
        self._render()

    def show_evidence(self, row: int) -> None:
        m = self.matches.record(row)
        services = self.session.services
        if m is None or services is None:
            self.evidence.clear()
            return
        work = self._works.get(m.get("work_id"))
        ev = m.get("evidence") or {}
        method = m["method"]
        if method == "text" or (work is not None and work.text and method != "exact"):
            self.evidence.show_texts(work.text if work is not None and work.text else "", ev.get("passage") or "")
            return
        claimed_thumb = None
        if work is not None and work.fingerprint and '"fp_kind": "image"' in (work.description or ""):
            from ledger_app.matching.image import ImageFingerprint

            try:
                claimed_thumb = ImageFingerprint.from_bytes(work.fingerprint).thumb
            except Exception:  # noqa: BLE001 - a damaged fingerprint only costs the picture
                claimed_thumb = None
        try:
            corpus_thumb = services.corpus.thumbnail(m["item_id"])
        except LedgerAppError:
            corpus_thumb = None
        if claimed_thumb is not None or corpus_thumb is not None:
            self.evidence.show_images(claimed_thumb, corpus_thumb, ev if ev.get("region_box") else None)
            return
        detail = ", ".join(f"{k}: {v}" for k, v in ev.items()) or str(m["score"])
        claimed = work.description or work.value if work is not None else ""
        self.evidence.show_sentences(
            self.tr("Claimed: {what}").format(what=claimed),
            self.tr("{method} match — {detail}").format(method=method_text(method), detail=detail))

    def record_decisions(self) -> Task | None:
        td, cur = self.td, self.current
        acc, rej = self.matches.pending_changes()
        if td is None or cur is None or not (acc or rej):
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            self.message.setText(self.tr("Decisions recorded in the ledger; {n} still pending.").format(n=res["pending"]))
            self.session.notify_data_changed()

        return self._run("review", lambda p, c: td.review(rid, accept=acc, reject=rej), done)

    # --- workflow actions ----------------------------------------------------------------------

    def _run(self, name: str, fn, on_success, *, progress: bool = False, on_error=None) -> Task:  # noqa: ANN001
        task = self.session.runner.run(
            name, fn, writes=True, on_success=on_success, on_error=on_error,
            on_progress=self._progress if progress else None,
            on_cancelled=lambda: self.message.setText(self.tr("Cancelled; nothing was changed.")),
            error_parent=self,
        )
        if progress:
            self.busy = task
            self.progress.setRange(0, 0)
            task.finished.connect(self._finished)
        self._render()
        return task

    def _progress(self, done: int, total: int) -> None:
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.busy = None
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
        self.message.setText(self.tr("Locating every copy of the claimed works…"))

        def done(res: dict) -> None:
            self.message.setText(self.tr("Located {n} matches ({new} new). Review them below.").format(
                n=res["matches"], new=res["new_matches"]))
            self.session.notify_data_changed()

        return self._run("locate", lambda p, c: td.locate(rid, p, c), done, progress=True)

    def approve(self) -> Task | None:
        td, cur = self.td, self.current
        if td is None or cur is None:
            return None
        rid = cur["id"]

        def done(res: dict) -> None:
            self.message.setText(self.tr("Approved: {n} items will be purged.").format(n=res["accepted"]))
            self.session.notify_data_changed()

        return self._run("approve", lambda p, c: td.approve(rid), done)

    def purge(self) -> Task | None:
        services, cur = self.session.services, self.current
        if services is None or cur is None or self.busy is not None:
            return None
        rid = cur["id"]
        self.message.setText(self.tr("Purging the accepted items from their shards…"))

        def done(res: dict) -> None:
            self.message.setText(self.tr("Purged {n} items from {s} shards; they are blocked from returning.").format(
                n=res["items"], s=len(res["shards"])))
            self.session.notify_data_changed()

        return self._run("purge", lambda p, c: services.purge(rid, p, c), done, progress=True)

    def ask_save_path(self, suggested: str) -> str:
        """The certificate file to write; tests replace this instead of driving a native dialog."""
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save removal certificate"), suggested,
                                              self.tr("Certificates (*.json)"))
        return path

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

        def work(p, c) -> dict:  # noqa: ANN001
            from ledger_app.takedown.certify import certify
            from ledger_app.verify import verify_document

            res = certify(services, rid, out, pdf=pdf, language=language)
            # Check what we send, offline, exactly as the recipient will.
            res["verified"] = verify_document(json.loads(out.read_text(encoding="utf-8")), services.ledger.vkey())
            return res

        def done(res: dict) -> None:
            self.last_certificate = res
            self.last_verification = res["verified"]
            v = res["verified"]
            self.certificate_result.setText(self.tr(
                "Certificate written to {file} (PDF: {pdf}), recorded as ledger entry {entry}. Verified offline: "
                "signed by {key}, included in the signed checkpoint of size {size}.").format(
                    file=res["file"], pdf=res.get("pdf", "—"), entry=res["entry"], key=v.key_name,
                    size=v.checkpoint.size))
            self.pdf.load(str(pdf))
            self.tabs.setCurrentIndex(1)
            self.session.notify_data_changed()

        return self._run("certificate", work, done)

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

        def work(p, c) -> dict:  # noqa: ANN001
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
