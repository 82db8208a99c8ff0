"""Corpus items as a table that pages from the database by key, with the Corpora screen's filters.

Row 999,999 is not an OFFSET away. `CorpusService.item_pages` counts the filtered items and notes the
id that starts each page of TABLE_PAGE_ROWS (one pass along the id index), and a page is then read
as a bounded range of that index (`id >= anchor ORDER BY id LIMIT n`), as fast at the end of a
million rows as at the start. A page is read when a row of it is first painted and at most
TABLE_CACHE_PAGES are kept, so a million items never sit in memory.

That pass takes a few hundred milliseconds over a million filtered rows on SQLite (a few tens
unfiltered; see bench/bench_ui.py), too long for the main thread. Given a task runner and a
workspace of more than INDEX_IN_BACKGROUND_ABOVE items, the model therefore indexes in the
background: the previous rows and count stay until the new index arrives, then the model resets.
Without a runner, or for a smaller workspace, it indexes on the spot.

Where a corpus lives in the fingerprint store, `item_pages` gives a `services.stored_pages.ListingPages`
instead (the database's rows, then the stored ones by shard and leaf; the store's items count toward
the background threshold), read the same way through `items_page` and `item_row`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from ledger_app.ui import metrics
from ledger_app.ui.colors import text_color
from ledger_app.ui.models import RecordRole

_Index = QModelIndex | QPersistentModelIndex
FILTER_KEYS = ("corpus", "status", "media_type", "c2pa_state", "license", "search")
# Above this many items in the workspace (where indexing a filtered list can pass ~20 ms on SQLite, see
# bench/bench_ui.py), a model with a runner indexes in the background.
INDEX_IN_BACKGROUND_ABOVE = 100_000


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


ITEM_STATUS_TEXT = {"admitted": "good", "quarantined": "warning", "refused": "other", "purged": "muted"}


class ItemsModel(QAbstractTableModel):
    COL_ID, COL_MEDIA, COL_STATUS, COL_C2PA, COL_LICENSE, COL_SHA256 = range(6)
    COLUMNS = 6

    def __init__(self, source=None, parent=None, *, runner=None):  # a CorpusService, a TaskRunner
        super().__init__(parent)
        self._source = source
        self._runner = runner
        self._filters: dict[str, Any] = {}
        self._pages = None  # the CorpusService.ItemPages of the rows shown
        self._size = 0
        self._cache: OrderedDict[int, list] = OrderedDict()  # page number -> its ItemRecords
        self._task = None  # the background indexing task, if one is running
        self._generation = 0  # bumped by every re-index; a late result of an older one is dropped
        self.page_reads = 0  # for tests and diagnostics: pages and rows read from the database
        self.rows_read = 0
        self._reindex(keep_rows=False)

    def headers(self) -> list[str]:
        return [self.tr("Item"), self.tr("Media type"), self.tr("Status"), self.tr("C2PA"), self.tr("Licence"),
                self.tr("SHA-256")]

    # --- source, filters and the page index -------------------------------------------------------

    def _reindex(self, *, keep_rows: bool) -> None:
        self._generation += 1
        if self._task is not None:
            self._task.cancel()
            self._task = None
        source, filters = self._source, dict(self._filters)
        if source is None:
            self._install(None)
            return
        if self._runner is None or source.item_count_estimate() <= INDEX_IN_BACKGROUND_ABOVE:
            self._install(source.item_pages(metrics.TABLE_PAGE_ROWS, **filters))
            return
        if not keep_rows:
            self._install(None)
        generation = self._generation
        self._task = self._runner.run(
            "items index",
            lambda progress, cancelled: source.item_pages(metrics.TABLE_PAGE_ROWS, progress=progress,
                                                          cancelled=cancelled, **filters),
            on_success=lambda pages: self._indexed(generation, pages),
            on_error=lambda exc, report: self._index_failed(generation, exc, report),
        )

    def _current(self, generation: int) -> bool:
        """False once the model is gone or a newer source or filter superseded `generation`."""
        return shiboken6.isValid(self) and generation == self._generation

    def _indexed(self, generation: int, pages) -> None:  # CorpusService.ItemPages
        if self._current(generation):
            self._task = None
            self._install(pages)

    def _index_failed(self, generation: int, exc: BaseException, report: str) -> None:
        if self._current(generation):
            self._task = None
            from ledger_app.ui.errors import show_error

            show_error(None, exc, report)

    def _install(self, pages) -> None:  # CorpusService.ItemPages or None
        self.beginResetModel()
        self._pages = pages
        self._cache.clear()
        self._size = pages.count if pages is not None else 0
        self.endResetModel()

    @property
    def indexing(self) -> bool:
        """True while a background index for the current source and filters is being built."""
        return self._task is not None

    def set_source(self, source) -> None:
        self._source = source
        self._reindex(keep_rows=False)

    def set_filters(self, **filters: Any) -> None:
        """Filters as CorpusService.items takes them; empty values mean "any"."""
        self._filters = {k: v for k, v in filters.items() if k in FILTER_KEYS and v not in (None, "")}
        self._reindex(keep_rows=True)

    @property
    def filters(self) -> dict[str, Any]:
        return dict(self._filters)

    def refresh(self) -> None:
        """Re-read everything (after an ingest or purge changed rows)."""
        self._reindex(keep_rows=True)

    def cached_rows(self) -> int:
        return sum(len(p) for p in self._cache.values())

    def record(self, row: int):  # -> ItemRecord | None
        if not 0 <= row < self._size or self._source is None or self._pages is None:
            return None
        page_no, offset = divmod(row, self._pages.page_rows)
        page = self._cache.get(page_no)
        if page is None:
            page = self._source.items_page(self._pages, page_no)
            self.page_reads += 1
            self.rows_read += len(page)
            self._cache[page_no] = page
            while len(self._cache) > metrics.TABLE_CACHE_PAGES:
                self._cache.popitem(last=False)
        else:
            self._cache.move_to_end(page_no)
        return page[offset] if offset < len(page) else None

    def row_of(self, item_id: str) -> int:
        """The row of `item_id` under the current filters, or -1 (read from the database, not the cache)."""
        if self._source is None or self._pages is None:
            return -1
        row = self._source.item_row(self._pages, item_id)
        return row if row < self._size else -1

    # --- QAbstractTableModel -----------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._size

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
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
            if col == self.COL_STATUS and rec.status != "admitted":
                return text_color(ITEM_STATUS_TEXT.get(rec.status, "muted"))
            if col == self.COL_C2PA and rec.c2pa.get("state") == "Invalid":
                return text_color("bad")
            return None
        if col == self.COL_ID:
            return rec.id
        if col == self.COL_MEDIA:
            return rec.media_type
        if col == self.COL_STATUS:
            text = status_text(rec.status)
            if role == Qt.ItemDataRole.ToolTipRole and rec.status_reason:
                from ledger_app.ui.reason_text import reason_text

                return f"{text}: {reason_text(rec.reason_said, rec.status_reason)}"
            return text
        if col == self.COL_C2PA:
            return c2pa_text(rec.c2pa.get("state", "none"))
        if col == self.COL_LICENSE:
            return rec.license or "—"
        if col == self.COL_SHA256:
            sha = rec.sha256 or ""
            return sha if role == Qt.ItemDataRole.ToolTipRole else sha[:16] + ("…" if sha else "")
        return None

    def retranslate(self, header) -> None:  # the QHeaderView showing these headers
        """See LedgerEntryModel.retranslate: the view's slot is called instead of emitting."""
        header.headerDataChanged(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self._size:
            header.viewport().update()
