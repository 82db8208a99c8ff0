"""Corpus items as a table that pages from the database, with the Corpora screen's filters.

The row count is `count_items(**filters)`; rows are read a page of TABLE_PAGE_ROWS at a time when
first painted, and at most TABLE_CACHE_PAGES pages are kept, so a million items never sit in
memory. Changing a filter resets the model (one count and, as the view paints, one page).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ledger_app.ui import metrics
from ledger_app.ui.models import RecordRole
from ledger_app.ui.widgets.charts import C2PA_COLORS, STATUS_COLORS

_Index = QModelIndex | QPersistentModelIndex
FILTER_KEYS = ("corpus", "status", "media_type", "c2pa_state", "license", "search")


def status_text(status: str) -> str:
    return {
        "admitted": QCoreApplication.translate("Items", "admitted"),
        "quarantined": QCoreApplication.translate("Items", "quarantined"),
        "refused": QCoreApplication.translate("Items", "refused"),
        "purged": QCoreApplication.translate("Items", "purged"),
    }.get(status, status)


def c2pa_text(state: str) -> str:
    return {
        "none": QCoreApplication.translate("Items", "no credentials"),
        "Valid": QCoreApplication.translate("Items", "Valid"),
        "Trusted": QCoreApplication.translate("Items", "Trusted"),
        "Invalid": QCoreApplication.translate("Items", "Invalid"),
        "unreadable": QCoreApplication.translate("Items", "unreadable"),
        "remote": QCoreApplication.translate("Items", "remote manifest"),
    }.get(state, state)


class ItemsModel(QAbstractTableModel):
    COL_ID, COL_MEDIA, COL_STATUS, COL_C2PA, COL_LICENSE, COL_SHA256 = range(6)
    COLUMNS = 6

    def __init__(self, source=None, parent=None):  # noqa: ANN001 - a CorpusService (or None)
        super().__init__(parent)
        self._source = source
        self._filters: dict[str, Any] = {}
        self._size = 0
        self._cache: OrderedDict[int, list[dict]] = OrderedDict()
        self.page_reads = 0  # for tests and diagnostics
        self._recount()

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Media type"), self.tr("Status"), self.tr("C2PA"), self.tr("Licence"),
                self.tr("SHA-256")]

    # --- source and filters ------------------------------------------------------------------------

    def _recount(self) -> None:
        self._cache.clear()
        self._size = self._source.count_items(**self._filters) if self._source is not None else 0

    def set_source(self, source) -> None:  # noqa: ANN001
        self.beginResetModel()
        self._source = source
        self._recount()
        self.endResetModel()

    def set_filters(self, **filters: Any) -> None:
        """Filters as CorpusService.items takes them; empty values mean "any"."""
        clean = {k: v for k, v in filters.items() if k in FILTER_KEYS and v not in (None, "")}
        self.beginResetModel()
        self._filters = clean
        self._recount()
        self.endResetModel()

    @property
    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def refresh(self) -> None:
        """Re-read everything (after an ingest or purge changed rows)."""
        self.set_filters(**self._filters)

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._cache.values())

    def record(self, row: int) -> dict | None:
        if not 0 <= row < self._size or self._source is None:
            return None
        page_no, offset = divmod(row, metrics.TABLE_PAGE_ROWS)
        page = self._cache.get(page_no)
        if page is None:
            page = self._source.items(limit=metrics.TABLE_PAGE_ROWS, offset=page_no * metrics.TABLE_PAGE_ROWS,
                                      **self._filters)
            self.page_reads += 1
            self._cache[page_no] = page
            while len(self._cache) > metrics.TABLE_CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def row_of(self, item_id: str) -> int:
        """The row of `item_id` among the rows read so far, or -1."""
        for page_no, page in self._cache.items():
            for k, rec in enumerate(page):
                if rec["id"] == item_id:
                    return page_no * metrics.TABLE_PAGE_ROWS + k
        return -1

    # --- QAbstractTableModel -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._size

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.COLUMNS:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self._size:
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RecordRole,
                        Qt.ItemDataRole.ForegroundRole):
            return None
        rec = self.record(index.row())
        if rec is None:
            return None
        if role == RecordRole:
            return rec
        col = index.column()
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == self.COL_STATUS and rec["status"] != "admitted":
                return QColor(STATUS_COLORS.get(rec["status"], "#6b7280"))
            if col == self.COL_C2PA and rec["c2pa"].get("state") == "Invalid":
                return QColor(C2PA_COLORS["Invalid"])
            return None
        if col == self.COL_ID:
            return rec["id"]
        if col == self.COL_MEDIA:
            return rec["media_type"]
        if col == self.COL_STATUS:
            text = status_text(rec["status"])
            if role == Qt.ItemDataRole.ToolTipRole and rec.get("status_reason"):
                return f"{text}: {rec['status_reason']}"
            return text
        if col == self.COL_C2PA:
            return c2pa_text(rec["c2pa"].get("state", "none"))
        if col == self.COL_LICENSE:
            return rec["license"] or "—"
        if col == self.COL_SHA256:
            sha = rec["sha256"] or ""
            return sha if role == Qt.ItemDataRole.ToolTipRole else sha[:16] + ("…" if sha else "")
        return None

    def retranslate(self, header) -> None:  # noqa: ANN001 - the QHeaderView showing these headers
        """See LedgerEntryModel.retranslate: the view's slot is called instead of emitting."""
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._size:
            header.viewport().update()
