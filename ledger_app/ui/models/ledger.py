"""The ledger as a table that pages from the database.

Indexes run 0..n-1 without gaps, so row r is entry r and a page is a keyed range read
(`idx >= start LIMIT n`), never an OFFSET scan. The model reports the full size as its row count
(the view can scroll straight to entry 999,999) but keeps at most TABLE_CACHE_PAGES pages of
TABLE_PAGE_ROWS rows in memory; a page is read when a row of it is first painted.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ledger_app.ui import metrics
from ledger_app.ui.ledger_source import EntryPages
from ledger_app.ui.models import RecordRole

_Index = QModelIndex | QPersistentModelIndex


def summarize(payload: dict, limit: int = 120) -> str:
    """One line for the table: a note's text, else the payload's compact JSON."""
    if isinstance(payload.get("text"), str):
        text = payload["text"]
    else:
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class LedgerEntryModel(QAbstractTableModel):
    COL_INDEX, COL_TYPE, COL_TIME, COL_SUMMARY, COL_LEAF_HASH = range(5)
    COLUMNS = 5

    def __init__(self, pages: EntryPages | None = None, parent=None):
        super().__init__(parent)
        self._pages = pages
        self._size = 0
        self._cache: OrderedDict[int, list] = OrderedDict()
        self.page_reads = 0  # for tests and diagnostics: how many pages were read
        self.refresh()

    def headers(self) -> list[str]:
        return [self.tr("Index"), self.tr("Type"), self.tr("Recorded"), self.tr("Summary"), self.tr("Leaf hash")]

    # --- data source ---------------------------------------------------------------------------

    def set_source(self, pages: EntryPages | None) -> None:
        self.beginResetModel()
        self._pages = pages
        self._cache.clear()
        self._size = pages.size() if pages is not None else 0
        self.endResetModel()

    def refresh(self) -> None:
        """Re-read the size; appended entries are inserted at the end, anything else resets."""
        new = self._pages.size() if self._pages is not None else 0
        if new > self._size:
            last_page = (self._size - 1) // metrics.TABLE_PAGE_ROWS if self._size else 0
            self._cache.pop(last_page, None)  # it may have been partial
            self.beginInsertRows(QModelIndex(), self._size, new - 1)
            self._size = new
            self.endInsertRows()
        elif new < self._size:
            self.beginResetModel()
            self._cache.clear()
            self._size = new
            self.endResetModel()

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._cache.values())

    def entry(self, row: int):  # an EntryView or None
        if not 0 <= row < self._size or self._pages is None:
            return None
        page_no, offset = divmod(row, metrics.TABLE_PAGE_ROWS)
        page = self._cache.get(page_no)
        if page is None:
            page = self._pages.page(page_no * metrics.TABLE_PAGE_ROWS, metrics.TABLE_PAGE_ROWS)
            self.page_reads += 1
            self._cache[page_no] = page
            while len(self._cache) > metrics.TABLE_CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    # --- QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._size

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < self.COLUMNS:
                return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._size:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RecordRole,
                        Qt.ItemDataRole.TextAlignmentRole):
            return None
        col = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == self.COL_INDEX:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        e = self.entry(index.row())
        if e is None:
            return None
        if role == RecordRole:
            return e
        if col == self.COL_INDEX:
            return str(e.index)
        if col == self.COL_TYPE:
            return e.type
        if col == self.COL_TIME:
            return datetime.fromtimestamp(e.created_at).strftime("%Y-%m-%d %H:%M:%S")
        if col == self.COL_SUMMARY:
            return summarize(e.payload, 400 if role == Qt.ItemDataRole.ToolTipRole else 120)
        if col == self.COL_LEAF_HASH:
            return e.leaf_hash.hex() if role == Qt.ItemDataRole.ToolTipRole else e.leaf_hash.hex()[:16] + "…"
        return None

    def retranslate(self, header) -> None:  # the QHeaderView showing these headers
        """Have `header` re-read the (translated) titles.

        The view's slot is called rather than emitting headerDataChanged from Python: in PySide6
        6.12, emitting a model's C++ signal from Python drops a reference to `True` on every emit,
        which crashes the interpreter at exit after enough emits.
        """
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
