"""The parts of a page that shows a table and runs long tasks over it, set up once for every page:

- `data_table`: a table view the way the app's tables are (whole rows selected, Tab leaves the
  table and the arrows move between rows, alternating rows of one fixed height; with `paged`, rows
  are never measured, so a view over a million-row paging model asks only for the rows on screen);
- `TaskStrip`: the row with the page's actions, the progress bar and the Cancel button of the one
  long task the page runs at a time (ingest, verify, locate, purge…), with the status sentence
  under it. It follows a `tasks.Task` from start to end: busy while it runs, the bar filled as it
  reports, Cancel enabled while there is something to cancel, and back to idle when it ends.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.labels import status_label

ROW_HEIGHT = 24


def data_table(parent: QWidget, name: str, model: QAbstractItemModel | None = None, *,
               selection: QAbstractItemView.SelectionMode = QAbstractItemView.SelectionMode.SingleSelection,
               paged: bool = False) -> QTableView:
    t = QTableView(parent)
    t.setObjectName(name)
    t.setTabKeyNavigation(False)  # Tab goes to the next control; arrows move between rows
    if model is not None:
        t.setModel(model)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(selection)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setVisible(False)
    if paged:
        # Fixed row heights and no content-based sizing: the view never asks for rows off screen.
        t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    t.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    return t


class TaskStrip(QWidget):
    """[actions…] [progress bar] [Cancel], then the status sentence; follows one Task at a time.

    `progress_text` is shown in the bar while a task reports (e.g. "%v of %m shards"); with
    `idle_text` False the bar shows no text ("0%") while nothing runs."""

    def __init__(self, parent: QWidget, *, progress_name: str, cancel_name: str, status_name: str,
                 actions: Sequence[QWidget] = (), cancel_first: bool = False, idle_text: bool = False,
                 progress_text: Callable[[], str] | None = None):
        super().__init__(parent)
        self.task: Task | None = None
        self.reported = False  # a task reported progress, so the bar shows `progress_text`
        self.idle_text = idle_text
        self.progress_text = progress_text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for w in actions:  # first, so that Tab reaches them before Cancel
            w.setParent(self)
            row.addWidget(w)
        self.cancel_button = QPushButton(icon(Icon.CANCEL), "", self)
        self.cancel_button.setObjectName(cancel_name)
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar(self)
        self.progress.setObjectName(progress_name)
        self.reset()
        if cancel_first:
            row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        if not cancel_first:
            row.addWidget(self.cancel_button)
        layout.addLayout(row)
        self.status = status_label(self, status_name)
        layout.addWidget(self.status)

    @property
    def busy(self) -> bool:
        return self.task is not None

    def start(self, task: Task, *, follow_progress: bool = True) -> None:
        """Busy until `task` finishes; with `follow_progress`, the bar shows what it reports (a page
        that shows only some of its reports calls `report` itself)."""
        self.task = task
        self.progress.setRange(0, 0)  # busy until the first report
        self.cancel_button.setEnabled(True)
        if follow_progress:
            task.progressed.connect(self.report)
        task.finished.connect(self.finish)

    def report(self, done: int, total: int) -> None:
        self.progress.setTextVisible(True)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.reported = True
        self.retranslate()

    def retranslate(self) -> None:
        """Say the bar's text ("%v of %m shards") in the language of the moment, once a task reported."""
        if self.progress_text is not None and self.reported:
            self.progress.setFormat(self.progress_text())

    def complete(self, total: int) -> None:
        """Show the bar full (the task did all `total` steps)."""
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(max(total, 1))

    def finish(self) -> None:
        self.task = None
        self.cancel_button.setEnabled(False)
        if self.progress.maximum() == 0:  # no report came: not busy any more
            self.progress.setRange(0, 1)

    def reset(self) -> None:
        """Idle and empty."""
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(self.idle_text)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.cancel_button.setEnabled(False)
