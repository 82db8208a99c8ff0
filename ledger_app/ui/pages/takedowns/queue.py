"""The Takedowns page's queue: every request with its requester, days left and status; searched,
filtered by view (open, overdue, mine, closed) and type, sorted, exported as CSV."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.file_dialogs import save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.models.queue import QUEUE_VIEWS, TakedownQueueModel
from ledger_app.ui.pages.new_request import REQUEST_TYPES
from ledger_app.ui.widgets.task_table import data_table


class TakedownQueue:
    """A part of TakedownsPage (page.py), which holds the state these methods share."""

    def _build_queue(self, top: QWidget) -> None:
        """The bar (new request, search, view, type, export) and the queue's table."""
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.new_button = QPushButton(icon(Icon.TAKEDOWNS), "", top)
        self.new_button.setObjectName("NewRequestButton")
        self.drafts_button = QPushButton("", top)
        self.drafts_button.setObjectName("DraftsButton")
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
        bar.addWidget(self.drafts_button)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.view_combo)
        bar.addWidget(self.type_combo)
        bar.addWidget(self.export_button)
        self.queue_info.setWordWrap(True)
        bar.addWidget(self.queue_info, 1)
        tl.addLayout(bar)
        self.queue_table = data_table(top, "QueueTable")
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
        self.new_button.clicked.connect(self.open_new_request)
        self.drafts_button.clicked.connect(self.open_drafts)

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
