"""The Ledger page's detail tabs: the selected entry with its inclusion proof, the latest signed
checkpoint and the public key (to copy), and a consistency proof between two sizes (to export)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui import metrics
from ledger_app.ui.errors import error_text
from ledger_app.ui.file_dialogs import save_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.widgets.labels import status_label


def _mono() -> object:
    return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)


class LedgerDetails:
    """A part of LedgerPage (page.py), which holds the state these methods share."""

    def _build_tabs(self) -> None:
        """The tabs beside the table: entry, checkpoint and key, consistency proof."""
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
        self.export_result = status_label(pw, "ExportResult")
        pl.addWidget(self.export_result)
        pl.addStretch(1)
        self.tabs.addTab(pw, "")

    def _load_checkpoint(self) -> None:
        ledger = self.session.ledger
        assert ledger is not None
        try:
            self.checkpoint_text.setPlainText(ledger.checkpoint())
            self.vkey_edit.setText(ledger.vkey())
        except LedgerAppError as exc:
            self.checkpoint_text.setPlainText(error_text(exc))
        cps = ledger.ws.store.latest_checkpoint()
        if cps is not None and self.old_size.value() <= 1:
            self.old_size.setValue(max(1, min(cps.size, self.model.rowCount()) // 2))

    def show_entry(self, row: int) -> None:
        ledger = self.session.ledger
        if ledger is None or row < 0:
            return
        # show() and prove() are a few indexed reads (a proof is O(log n)), fast enough for the
        # main thread; long work goes through the task helper.
        try:
            e = ledger.show(row)
        except LedgerAppError as exc:
            self.detail.setPlainText(error_text(exc))
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
                self.tr("Inclusion proof in the tree of {size} entries:").format(size=proof.tree_size),
                self.tr("Root hash: {root}").format(root=proof.root_hash),
                *[f"  {i}: {h}" for i, h in enumerate(proof.proof)],
            ]
            if not proof.proof:
                lines.append(self.tr("  (empty: the tree has one entry)"))
        except LedgerAppError as exc:
            lines.append(self.tr("No inclusion proof: {reason}").format(reason=exc))
        self.detail.setPlainText("\n".join(lines))

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
            Path(path).write_text(json.dumps(proof.to_json(), indent=2) + "\n", encoding="utf-8")
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
