"""The Ledger screen: browse entries, inspect one with its inclusion proof, verify everything,
copy the checkpoint and public key, export a consistency proof, record a note, and verify a
certificate or inclusion report file dropped on the screen (offline, against this ledger's key)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError, VerificationError
from ledger_app.ui import metrics
from ledger_app.ui.file_dialogs import save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.ledger_source import ServicePages
from ledger_app.ui.messages import QT_TRANSLATE_NOOP, Message, message
from ledger_app.ui.models.ledger import LedgerEntryModel
from ledger_app.ui.pages import empty_state_label, title_label
from ledger_app.ui.prefs import Preferences, VerificationRecord
from ledger_app.ui.session import Session
from ledger_app.ui.tasks import Task


def _mono() -> object:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class LedgerPage(QWidget):
    def __init__(self, session: Session, prefs: Preferences, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("LedgerPage")
        self.session = session
        self.prefs = prefs
        self.verify_task: Task | None = None
        self.last_verify_ok: bool | None = None
        self.model = LedgerEntryModel(None, self)
        self.setAcceptDrops(True)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(metrics.MARGIN, metrics.MARGIN, metrics.MARGIN, metrics.MARGIN)
        outer.setSpacing(metrics.SPACING)
        self.title = title_label(self)
        outer.addWidget(self.title)
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
        bar = QHBoxLayout()
        self.verify_button = QPushButton(icon(Icon.VERIFY), "", self.main)
        self.verify_button.setObjectName("VerifyButton")
        self.verify_button.clicked.connect(self.start_verify)
        self.cancel_button = QPushButton(icon(Icon.CANCEL), "", self.main)
        self.cancel_button.setObjectName("CancelVerifyButton")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_verify)
        self.progress = QProgressBar(self.main)
        self.progress.setObjectName("VerifyProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.progress.setTextVisible(True)
        bar.addWidget(self.verify_button)
        bar.addWidget(self.cancel_button)
        bar.addWidget(self.progress, 1)
        ml.addLayout(bar)
        self.verify_result = QLabel(self.main)
        self.verify_result.setObjectName("VerifyResult")
        self.verify_result.setWordWrap(True)
        self.verify_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        ml.addWidget(self.verify_result)

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
        self.table = QTableView(left)
        self.table.setObjectName("LedgerTable")
        self.table.setTabKeyNavigation(False)  # Tab goes to the next control; arrows move between rows
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights and no content-based sizing: the view never asks for rows off screen.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
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

        self.tabs = QTabWidget(self.splitter)
        self.tabs.setMinimumWidth(metrics.DETAIL_MIN_WIDTH)
        # Tab 1: the selected entry.
        self.detail = QPlainTextEdit(self.tabs)
        self.detail.setObjectName("EntryDetail")
        self.detail.setReadOnly(True)
        self.detail.setFont(_mono())
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        dw = QWidget(self.tabs)
        dl = QVBoxLayout(dw)
        dl.addWidget(self.detail, 1)
        self.copy_entry_button = QPushButton(icon(Icon.COPY), "", dw)
        self.copy_entry_button.clicked.connect(lambda: self._copy(self.detail.toPlainText()))
        dl.addWidget(self.copy_entry_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs.addTab(dw, "")
        # Tab 2: checkpoint and public key.
        cw = QWidget(self.tabs)
        cl = QVBoxLayout(cw)
        self.checkpoint_label = QLabel(cw)
        cl.addWidget(self.checkpoint_label)
        self.checkpoint_text = QPlainTextEdit(cw)
        self.checkpoint_text.setObjectName("CheckpointText")
        self.checkpoint_text.setReadOnly(True)
        self.checkpoint_text.setFont(_mono())
        cl.addWidget(self.checkpoint_text, 1)
        self.copy_checkpoint_button = QPushButton(icon(Icon.COPY), "", cw)
        self.copy_checkpoint_button.setObjectName("CopyCheckpointButton")
        self.copy_checkpoint_button.clicked.connect(lambda: self._copy(self.checkpoint_text.toPlainText()))
        cl.addWidget(self.copy_checkpoint_button, 0, Qt.AlignmentFlag.AlignRight)
        self.vkey_label = QLabel(cw)
        cl.addWidget(self.vkey_label)
        self.vkey_edit = QLineEdit(cw)
        self.vkey_edit.setObjectName("VkeyEdit")
        self.vkey_edit.setReadOnly(True)
        self.vkey_edit.setFont(_mono())
        cl.addWidget(self.vkey_edit)
        self.copy_vkey_button = QPushButton(icon(Icon.COPY), "", cw)
        self.copy_vkey_button.setObjectName("CopyVkeyButton")
        self.copy_vkey_button.clicked.connect(lambda: self._copy(self.vkey_edit.text()))
        cl.addWidget(self.copy_vkey_button, 0, Qt.AlignmentFlag.AlignRight)
        self.tabs.addTab(cw, "")
        # Tab 3: consistency proof export.
        pw = QWidget(self.tabs)
        pl = QVBoxLayout(pw)
        self.consistency_intro = QLabel(pw)
        self.consistency_intro.setWordWrap(True)
        pl.addWidget(self.consistency_intro)
        form = QFormLayout()
        self.old_size = QSpinBox(pw)
        self.old_size.setObjectName("OldSize")
        self.new_size = QSpinBox(pw)
        self.new_size.setObjectName("NewSize")
        self.old_size_label, self.new_size_label = QLabel(pw), QLabel(pw)
        self.old_size_label.setBuddy(self.old_size)
        self.new_size_label.setBuddy(self.new_size)
        form.addRow(self.old_size_label, self.old_size)
        form.addRow(self.new_size_label, self.new_size)
        pl.addLayout(form)
        self.export_button = QPushButton(icon(Icon.EXPORT), "", pw)
        self.export_button.setObjectName("ExportConsistencyButton")
        self.export_button.clicked.connect(self.export_consistency)
        pl.addWidget(self.export_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.export_result = QLabel(pw)
        self.export_result.setObjectName("ExportResult")
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        pl.addWidget(self.export_result)
        pl.addStretch(1)
        self.tabs.addTab(pw, "")
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

    # --- strings -----------------------------------------------------------------------------

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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # --- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """A (different) workspace was opened."""
        self.verify_result.clear()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
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

    def _load_checkpoint(self) -> None:
        ledger = self.session.ledger
        assert ledger is not None
        try:
            self.checkpoint_text.setPlainText(ledger.checkpoint())
            self.vkey_edit.setText(ledger.vkey())
        except LedgerAppError as exc:
            self.checkpoint_text.setPlainText(str(exc))
        cps = ledger.ws.store.latest_checkpoint()
        if cps is not None and self.old_size.value() <= 1:
            self.old_size.setValue(max(1, min(cps.size, self.model.rowCount()) // 2))

    # --- entry detail ------------------------------------------------------------------------

    def select_entry(self, index: int) -> None:
        if not 0 <= index < self.model.rowCount():
            return
        mi = self.model.index(index, 0)
        self.table.selectionModel().setCurrentIndex(
            mi, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.scrollTo(mi, QAbstractItemView.ScrollHint.PositionAtCenter)

    def show_entry(self, row: int) -> None:
        ledger = self.session.ledger
        if ledger is None or row < 0:
            return
        # show() and prove() are a few indexed reads (a proof is O(log n)), fast enough for the
        # main thread; long work goes through the task helper.
        try:
            e = ledger.show(row)
        except LedgerAppError as exc:
            self.detail.setPlainText(str(exc))
            return
        lines = [
            self.tr("Entry {index}").format(index=e.index),
            self.tr("Type: {type}").format(type=e.type),
            self.tr("Recorded: {ts}").format(ts=e.ts or datetime.fromtimestamp(e.created_at).isoformat()),
            self.tr("Actor commitment: {actor}").format(actor=e.actor or "—"),
            self.tr("Leaf hash: {hash}").format(hash=e.leaf_hash.hex()),
            "",
            self.tr("Payload:"),
            json.dumps(e.payload, indent=2, ensure_ascii=False, sort_keys=True),
            "",
        ]
        try:
            proof = ledger.prove(row)
            lines += [
                self.tr("Inclusion proof in the tree of {size} entries:").format(size=proof["tree_size"]),
                self.tr("Root hash: {root}").format(root=proof["root_hash"]),
                *[f"  {i}: {h}" for i, h in enumerate(proof["proof"])],
            ]
            if not proof["proof"]:
                lines.append(self.tr("  (empty: the tree has one entry)"))
        except LedgerAppError as exc:
            lines.append(self.tr("No inclusion proof: {reason}").format(reason=exc))
        self.detail.setPlainText("\n".join(lines))

    def _copy(self, text: str) -> None:
        QGuiApplication.clipboard().setText(text)

    # --- verification ------------------------------------------------------------------------

    def start_verify(self) -> None:
        ledger = self.session.ledger
        if ledger is None or self.verify_task is not None:
            return
        self.verify_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first report
        self.verify_result.setObjectName("VerifyResult")
        self.verify_result.setText(self.tr("Verifying…"))
        self.verify_task = self.session.runner.run(
            "verify",
            lambda progress, cancelled: ledger.verify(progress, cancelled),
            on_progress=self._verify_progress,
            on_success=self._verify_ok,
            on_error=self._verify_failed,
            on_cancelled=self._verify_cancelled,
            error_parent=self,
        )
        self.verify_task.finished.connect(self._verify_done)

    def cancel_verify(self) -> None:
        if self.verify_task is not None:
            self.verify_task.cancel()
            self.cancel_button.setEnabled(False)

    def _verify_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %m entries"))

    def _verify_ok(self, report) -> None:  # a VerifyReport
        self.last_verify_ok = True
        self.progress.setRange(0, max(report.entries, 1))
        self.progress.setValue(max(report.entries, 1))
        msg = message("LedgerPage", QT_TRANSLATE_NOOP(
            "LedgerPage", "The ledger is intact: {entries} entries and {checkpoints} signed checkpoints verified."),
            entries=f"{report.entries:,}", checkpoints=f"{report.checkpoints:,}")
        self._set_result(msg, failed=False)
        self.prefs.set_last_verification(
            self.session.workspace_id, VerificationRecord.now(True, report.entries, msg.text(), message_id=msg.to_json())
        )

    def _verify_failed(self, exc: BaseException, report: str) -> None:
        if not isinstance(exc, VerificationError):
            from ledger_app.ui.errors import show_error

            self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "Verification could not run.")),
                             failed=True)
            show_error(self, exc, report)
            return
        self.last_verify_ok = False
        msg = message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage", "Verification failed: {reason}"), reason=str(exc))
        self._set_result(msg, failed=True)
        self.prefs.set_last_verification(
            self.session.workspace_id,
            VerificationRecord.now(False, self.model.rowCount(), msg.text(), exc.index, message_id=msg.to_json()),
        )
        if exc.index is not None:
            self.select_entry(exc.index)

    def _verify_cancelled(self) -> None:
        self._set_result(message("LedgerPage", QT_TRANSLATE_NOOP("LedgerPage",
                                                                 "Verification cancelled; nothing was recorded.")),
                         failed=False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)

    def _verify_done(self) -> None:
        self.verify_task = None
        self.verify_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _set_result(self, text: str | Message, failed: bool) -> None:
        """The verification result; a Message is kept and said again in the new language on a switch."""
        self.result_message = text if isinstance(text, Message) else None
        text = text.text() if isinstance(text, Message) else text
        self.verify_result.setObjectName("Failure" if failed else "VerifyResult")
        self.verify_result.style().unpolish(self.verify_result)
        self.verify_result.style().polish(self.verify_result)
        self.verify_result.setText(text)

    # --- certificates dropped on the screen -------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(".json") for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for u in event.mimeData().urls():
            if u.isLocalFile() and u.toLocalFile().lower().endswith(".json"):
                self.verify_certificate_file(Path(u.toLocalFile()))
                event.acceptProposedAction()
                return
        event.ignore()

    def verify_certificate_file(self, path: Path) -> bool:
        """Verify a removal certificate or inclusion report offline against this ledger's key; the
        result sentence is shown where the ledger verification result goes."""
        from ledger_app.core import strictjson
        from ledger_app.verify import verify_document

        ledger = self.session.ledger
        if ledger is None:
            self._set_result(self.tr("Open a workspace first: a certificate is checked against its ledger's key."), True)
            return False
        try:
            doc = strictjson.loads(path.read_bytes(), path.name)  # duplicate keys, huge numbers: refused
            if not isinstance(doc, dict):
                raise ValueError(self.tr("not a JSON object"))
            verified = verify_document(doc, ledger.vkey())
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            self._set_result(self.tr("{name} is not a readable certificate: {why}").format(name=path.name, why=exc), True)
            return False
        except VerificationError as exc:
            self._set_result(self.tr("{name} does NOT verify: {why}").format(name=path.name, why=exc), True)
            return False
        self._set_result(
            self.tr("{name} verifies: signed by this ledger's key and included at entry {index}.").format(
                name=path.name, index=verified.entry_index
            ),
            False,
        )
        return True

    # --- writes ------------------------------------------------------------------------------

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

    # --- export ------------------------------------------------------------------------------

    def ask_save_path(self, suggested: str) -> str:
        """The file to write; tests replace this method instead of driving a native dialog."""
        path = save_file(self, "proof", self.tr("Save consistency proof"), suggested, self.tr("JSON files (*.json)"))
        return path

    def export_consistency(self) -> None:
        ledger = self.session.ledger
        if ledger is None:
            return
        old, new = self.old_size.value(), self.new_size.value()
        path = self.ask_save_path(f"consistency-{old}-{new}.json")
        if not path:
            return

        def work(progress, cancelled) -> str:
            proof = ledger.consistency(old, new)
            Path(path).write_text(json.dumps(proof, indent=2) + "\n", encoding="utf-8")
            return path

        self.session.runner.run(
            "consistency",
            work,
            on_success=lambda p: self.export_result.setText(
                self.tr("Consistency proof from size {old} to size {new} written to {path}.").format(
                    old=old, new=new, path=p
                )
            ),
            error_parent=self,
        )
