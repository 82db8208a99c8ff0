"""A list of files that accepts drops from the file manager (and, in tests, add_paths)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QWidget

from ledger_app.ui.qtcompat import emit


class DropFileList(QListWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)

    def paths(self) -> list[Path]:
        return [Path(self.item(i).text()) for i in range(self.count())]

    def add_paths(self, paths: list[str | Path]) -> None:
        have = {str(p) for p in self.paths()}
        for p in paths:
            p = Path(p)
            if p.is_dir():
                children = sorted(c for c in p.rglob("*") if c.is_file())
            else:
                children = [p]
            for c in children:
                if str(c) not in have:
                    self.addItem(str(c))
                    have.add(str(c))
        emit(self.changed)

    def remove_selected(self) -> None:
        for item in self.selectedItems():
            self.takeItem(self.row(item))
        emit(self.changed)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if urls:
            self.add_paths(urls)
            event.acceptProposedAction()
        else:
            super().dropEvent(event)
