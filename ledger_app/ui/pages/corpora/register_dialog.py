"""Registering a corpus: the dialog that asks for its name, location, format (detected as the user
picks), licence and batch."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ledger_app.core.errors import LedgerAppError
from ledger_app.ui.file_dialogs import existing_dir, open_file
from ledger_app.ui.icons import Icon, icon
from ledger_app.ui.widgets.form_dialog import FormDialog

FORMATS = ("auto", "folder", "webdataset", "jsonl", "parquet")
THUMB_SIDE = 220


def detect(path: str) -> str | None:
    """The corpus format the adapters recognise at `path`, or None (shown while the user picks)."""
    if not path or not Path(path).exists():
        return None
    try:
        from ledger_app.corpus import detect_format

        return detect_format(Path(path))
    except LedgerAppError:
        return None


class RegisterCorpusDialog(FormDialog):
    """Name, location (a file or a folder), format (detected), optional licence and batch."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, "RegisterCorpusDialog", self.tr("Register a corpus"), size=(560, 0))
        layout = self.body
        form = QFormLayout()
        self.name_edit = QLineEdit(self)
        self.path_edit = QLineEdit(self)
        self.file_button = QPushButton(self.tr("File…"), self)
        self.folder_button = QPushButton(icon(Icon.FOLDER), self.tr("Folder…"), self)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)
        self.format_combo = QComboBox(self)
        for f in FORMATS:
            self.format_combo.addItem(self.tr("detect automatically") if f == "auto" else f, f)
        self.detected = QLabel(self)
        self.detected.setObjectName("DetectedFormat")
        self.license_edit = QLineEdit(self)
        self.license_edit.setPlaceholderText(self.tr("optional: a licence added with `ledger license add`"))
        self.batch_edit = QLineEdit(self)
        self.batch_edit.setPlaceholderText(self.tr("optional: acquisition batch"))
        form.addRow(self.tr("Name:"), self.name_edit)
        form.addRow(self.tr("Location:"), row)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow("", self.detected)
        form.addRow(self.tr("Licence:"), self.license_edit)
        form.addRow(self.tr("Batch:"), self.batch_edit)
        layout.addLayout(form)
        self.add_ok_cancel(self.tr("Register"))
        self.file_button.clicked.connect(self._pick_file)
        self.folder_button.clicked.connect(self._pick_folder)
        self.path_edit.textChanged.connect(self._update)
        self.name_edit.textChanged.connect(self._update)
        self._update()

    def _pick_file(self) -> None:
        path = open_file(self, "corpus", self.tr("Choose a corpus file (tar shard, JSONL, Parquet)"))
        if path:
            self.path_edit.setText(path)

    def _pick_folder(self) -> None:
        path = existing_dir(self, "corpus", self.tr("Choose a corpus folder"))
        if path:
            self.path_edit.setText(path)

    def _update(self) -> None:
        path = self.path_edit.text().strip()
        fmt = detect(path)
        if not path:
            self.detected.setText(self.tr("Pick a folder of files, WebDataset tar shards, JSONL or Parquet."))
        elif fmt is None:
            self.detected.setText(self.tr("No corpus format recognised at this location."))
        else:
            self.detected.setText(self.tr("Detected format: {fmt}").format(fmt=fmt))
        if path and not self.name_edit.text().strip() and self.name_edit.isModified() is False:
            self.name_edit.setText(Path(path).stem)
        ok = bool(self.name_edit.text().strip()) and (fmt is not None or self.format_combo.currentData() != "auto")
        self.ok_button.setEnabled(ok)

    def values(self) -> dict:
        return {
            "name": self.name_edit.text().strip(),
            "path": Path(self.path_edit.text().strip()),
            "fmt": self.format_combo.currentData(),
            "license": self.license_edit.text().strip() or None,
            "batch": self.batch_edit.text().strip() or None,
        }
