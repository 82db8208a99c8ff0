"""The Ledger screen: browse entries, inspect one with its inclusion proof, verify everything,
copy the checkpoint and public key, export a consistency proof, record a note, and verify a
certificate or inclusion report file dropped on the screen (offline, against this ledger's key).

Its parts, mixed into `LedgerPage`: details.py (the entry, checkpoint and consistency-proof tabs)
and verification.py (verifying the whole ledger, and a certificate file dropped on the screen)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.ui import metrics
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.ledger_source import ServicePages
from ledger_app.ui.models.ledger import LedgerEntryModel
from ledger_app.ui.pages import Page, empty_state_label
from ledger_app.ui.pages.ledger.details import LedgerDetails
from ledger_app.ui.pages.ledger.verification import LedgerVerification
from ledger_app.ui.prefs import Preferences
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task
from ledger_app.ui.widgets.task_table import TaskStrip, data_table


class LedgerPage(LedgerDetails, LedgerVerification, Page):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(session, prefs, "LedgerPage", parent)
        self.verify_task: Task | None = None
        self.last_verify_ok: bool | None = None
        self.model = LedgerEntryModel(None, self)
        self.setAcceptDrops(True)

        outer = self.outer
        self.stack = QStackedWidget(self)
        outer.addWidget(self.stack, 1)

        # Empty state: the workspace has no ledger yet.
        self.empty = QWidget(self)
        el = QVBoxLayout(self.empty)
        self.empty_text = empty_state_label(self.empty)
        el.addWidget(self.empty_text)
        self.create_button = QPushButton(self.empty)
        self.create_button.setObjectName("CreateLedgerButton")
        self.create_button.clicked.connect(self.create_ledger)
        el.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignLeft)
        el.addStretch(1)
        self.stack.addWidget(self.empty)

        # The ledger itself.
        self.main = QWidget(self)
        ml = QVBoxLayout(self.main)
        ml.setContentsMargins(0, 0, 0, 0)
        self.verify_button = QPushButton(icon(Icon.VERIFY), "", self.main)
        self.verify_button.setObjectName("VerifyButton")
        self.verify_button.clicked.connect(self.start_verify)
        self.task_strip = TaskStrip(self.main, progress_name="VerifyProgress", cancel_name="CancelVerifyButton",
                                    status_name="VerifyResult", actions=(self.verify_button,), cancel_first=True,
                                    idle_text=True, progress_text=lambda: self.tr("%v of %m entries"))
        self.progress = self.task_strip.progress
        self.cancel_button = self.task_strip.cancel_button
        self.verify_result = self.task_strip.status
        ml.addWidget(self.task_strip)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.main)
        left = QWidget(self.splitter)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        goto = QHBoxLayout()
        self.goto_label = QLabel(left)
        self.goto_spin = QSpinBox(left)
        self.goto_spin.setObjectName("GotoEntry")
        self.goto_spin.setRange(0, 0)
        self.goto_spin.editingFinished.connect(lambda: self.select_entry(self.goto_spin.value()))
        self.goto_label.setBuddy(self.goto_spin)
        self.entry_count = QLabel(left)
        goto.addWidget(self.goto_label)
        goto.addWidget(self.goto_spin)
        goto.addStretch(1)
        goto.addWidget(self.entry_count)
        ll.addLayout(goto)
        self.table = data_table(left, "LedgerTable", self.model, paged=True)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(False)
        hh.setSectionResizeMode(LedgerEntryModel.COL_SUMMARY, QHeaderView.ResizeMode.Stretch)
        for col, width in ((0, 64), (1, 110), (2, 140), (4, 130)):
            self.table.setColumnWidth(col, width)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.show_entry(cur.row()))
        ll.addWidget(self.table, 1)
        note_row = QHBoxLayout()
        self.note_edit = QLineEdit(left)
        self.note_edit.setObjectName("NoteEdit")
        self.note_button = QPushButton(left)
        self.note_button.setObjectName("NoteButton")
        self.note_button.clicked.connect(self.record_note)
        self.note_edit.returnPressed.connect(self.record_note)
        note_row.addWidget(self.note_edit, 1)
        note_row.addWidget(self.note_button)
        ll.addLayout(note_row)

        self._build_tabs()
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        ml.addWidget(self.splitter, 1)
        self.stack.addWidget(self.main)

        state = prefs.splitter_state("ledger")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([3 * metrics.DETAIL_MIN_WIDTH, 2 * metrics.DETAIL_MIN_WIDTH])
        self.splitter.splitterMoved.connect(lambda *_: prefs.save_splitter_state("ledger", self.splitter.saveState()))
        session.opened.connect(self.reload)
        session.ledger_changed.connect(self.refresh)
        self.retranslate()

    def retranslate(self) -> None:
        if getattr(self, "result_message", None) is not None:
            self.verify_result.setText(self.result_message.text())
        self.title.setText(self.tr("Ledger"))
        self.empty_text.setText(
            self.tr("This workspace has no ledger yet. Create one to start recording corpora, takedowns and certificates.")
        )
        self.create_button.setText(self.tr("Create the ledger"))
        self.verify_button.setText(self.tr("Verify the whole ledger"))
        self.verify_button.setToolTip(
            self.tr("Recompute every hash and check every signed checkpoint from the stored bytes.")
        )
        self.cancel_button.setText(self.tr("Cancel"))
        self.task_strip.retranslate()
        self.goto_label.setText(self.tr("Go to entry:"))
        self.note_edit.setPlaceholderText(self.tr("A memo to record in the ledger, e.g. “court order received by post”"))
        self.note_button.setText(self.tr("Record note"))
        self.tabs.setTabText(0, self.tr("Entry"))
        self.tabs.setTabText(1, self.tr("Checkpoint and key"))
        self.tabs.setTabText(2, self.tr("Consistency proof"))
        self.copy_entry_button.setText(self.tr("Copy"))
        self.copy_checkpoint_button.setText(self.tr("Copy checkpoint"))
        self.copy_vkey_button.setText(self.tr("Copy public key"))
        self.checkpoint_label.setText(self.tr("Latest signed checkpoint:"))
        self.vkey_label.setText(self.tr("Public key (verifier key):"))
        self.consistency_intro.setText(
            self.tr(
                "A consistency proof shows that the ledger of the new size extends the ledger of the old size "
                "without rewriting it. Auditors check it against two checkpoints they kept."
            )
        )
        self.old_size_label.setText(self.tr("Old size:"))
        self.new_size_label.setText(self.tr("New size:"))
        self.export_button.setText(self.tr("Export consistency proof…"))
        self.model.retranslate(self.table.horizontalHeader())
        self._update_counts()
        if self.table.currentIndex().isValid():
            self.show_entry(self.table.currentIndex().row())
        elif self.session.ledger is not None:
            self.detail.setPlainText(self.tr("Select an entry to see its payload and inclusion proof."))

    def reload(self) -> None:
        """A (different) workspace was opened."""
        self.verify_result.clear()
        self.task_strip.reset()
        if not self.session.has_ledger():
            self.model.set_source(None)
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentWidget(self.main)
        self.model.set_source(ServicePages(self.session.ledger))
        self.detail.setPlainText(self.tr("Select an entry to see its payload and inclusion proof."))
        self._load_checkpoint()
        self._update_counts()

    def refresh(self) -> None:
        """Entries were appended."""
        if self.stack.currentWidget() is self.empty:
            self.reload()
            return
        self.model.refresh()
        self._load_checkpoint()
        self._update_counts()

    def _update_counts(self) -> None:
        n = self.model.rowCount()
        self.entry_count.setText(self.tr("{n} entries").format(n=f"{n:,}"))
        self.goto_spin.setRange(0, max(0, n - 1))
        self.old_size.setRange(1 if n else 0, max(1, n))
        self.new_size.setRange(1 if n else 0, max(1, n))
        self.new_size.setValue(n)

    def select_entry(self, index: int) -> None:
        if not 0 <= index < self.model.rowCount():
            return
        mi = self.model.index(index, 0)
        self.table.selectionModel().setCurrentIndex(
            mi, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(mi, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    def create_ledger(self):  # the OriginDialog asked, or None
        """Ask for the origin first (it is on every checkpoint and certificate), then create."""
        from ledger_app.ui.origin import OriginDialog

        if self.session.ledger is None:
            return None
        dialog = OriginDialog(self)
        self.origin_dialog = dialog
        dialog.accepted.connect(lambda: self._init_ledger(dialog.origin()))
        dialog.open()
        return dialog

    def _init_ledger(self, origin: str) -> None:
        ledger = self.session.ledger
        if ledger is None:
            return
        self.create_button.setEnabled(False)
        task = self.session.runner.run(
            "init",
            lambda progress, cancelled: ledger.init(origin),
            writes=True,
            # Every screen re-reads the workspace, now holding a ledger: all are enabled at once.
            on_success=lambda _r: self.session.notify_ledger_created(),
            error_parent=self,
        )
        task.finished.connect(lambda: self.create_button.setEnabled(True))

    def record_note(self) -> None:
        ledger = self.session.ledger
        text = self.note_edit.text()
        if ledger is None or not text.strip():
            return
        self.note_button.setEnabled(False)

        def done(_res) -> None:
            self.note_edit.clear()
            self.session.notify_appended()

        task = self.session.runner.run(
            "note", lambda progress, cancelled: ledger.note(text), writes=True, on_success=done, error_parent=self
        )
        task.finished.connect(lambda: self.note_button.setEnabled(True))
