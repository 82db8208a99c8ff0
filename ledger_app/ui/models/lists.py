"""Small table models over a list of dicts already in memory: the base model, and the results of a
rights check; the takedown queue (queue.py) and the matches of one request (matches.py) build on
it. They are short lists (a request has tens of matches, the queue hundreds of requests), so each
is read whole; the item table pages instead.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from ledger_app.ui.colors import text_color
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.takedown_text import VERDICT_COLORS, verdict_text

AnyIndex = QModelIndex | QPersistentModelIndex
SortRole = Qt.ItemDataRole.UserRole + 2  # data(index, SortRole) -> a value that sorts as people expect


class DictListModel(QAbstractTableModel):
    """Rows are dicts; subclasses name the columns and say how a cell reads."""

    COLUMNS = 0

    def __init__(self, rows: list[dict] | None = None, parent=None):
        super().__init__(parent)
        self.rows: list[dict] = list(rows or [])

    def headers(self) -> list[str]:
        raise NotImplementedError

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> dict | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMNS:
            return self.headers()[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows) or not 0 <= index.column() < self.COLUMNS:
            return None
        rec = self.rows[index.row()]
        if role == RecordRole:
            return rec
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell(rec, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(rec, index.column())
        if role == SortRole:
            return self.sort_key(rec, index.column())
        if role == Qt.ItemDataRole.ForegroundRole:
            color = self.color(rec, index.column())
            return text_color(color) if color else None
        if role == Qt.ItemDataRole.FontRole and self.bold(rec):
            f = QFont()
            f.setBold(True)
            return f
        return None

    def cell(self, rec: dict, col: int) -> str:
        raise NotImplementedError

    def tooltip(self, rec: dict, col: int) -> str:
        return self.cell(rec, col)

    def sort_key(self, rec: dict, col: int):  # str, int or float
        return self.cell(rec, col)

    def color(self, rec: dict, col: int) -> str | None:
        """A colour name of ledger_app.ui.colors for the cell's text, or None."""
        return None

    def bold(self, rec: dict) -> bool:
        return False

    def retranslate(self, header) -> None:  # see LedgerEntryModel.retranslate
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            header.viewport().update()


class InclusionResultsModel(DictListModel):
    """One row per query of a rights check: what was asked, the verdict, where it was found."""

    COL_QUERY, COL_VERDICT, COL_ITEMS, COL_NEAR = range(4)
    COLUMNS = 4

    def headers(self) -> list[str]:
        return [self.tr("Work"), self.tr("Verdict"), self.tr("Items"), self.tr("Near copies")]

    @staticmethod
    def _items(items: list[dict]) -> str:
        return ", ".join(f"{i['item_id']} ({status_of(i)})" for i in items) or "—"

    def cell(self, rec: dict, col: int) -> str:
        q = rec["query"]
        if col == self.COL_QUERY:
            return q.get("name") or q.get("value", "")
        if col == self.COL_VERDICT:
            return verdict_text(rec["verdict"])
        if col == self.COL_ITEMS:
            return self._items(rec.get("items", []))
        if col == self.COL_NEAR:
            return self._items(rec.get("near_copies", []))
        return ""

    def color(self, rec: dict, col: int) -> str | None:
        return VERDICT_COLORS.get(rec["verdict"]) if col == self.COL_VERDICT else None


def status_of(item: dict) -> str:
    from ledger_app.ui.models.items import status_text

    return status_text(item.get("status", ""))
