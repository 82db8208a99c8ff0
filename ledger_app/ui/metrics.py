"""Spacing and sizes, owned here so every page lines up the same way (one owner per UI constant)."""

from __future__ import annotations

SPACING = 8  # between widgets in a layout
MARGIN = 12  # page margins
SECTION_GAP = 16  # between groups on a page
SIDEBAR_WIDTH = 200
SIDEBAR_ICON = 20
TOOLBAR_ICON = 16
CARD_MIN_WIDTH = 220
CHART_MIN_HEIGHT = 180
DETAIL_MIN_WIDTH = 320
WINDOW_DEFAULT_SIZE = (1200, 780)
TABLE_PAGE_ROWS = 256  # rows the ledger model reads per database page
TABLE_CACHE_PAGES = 64  # pages it keeps (at most 16,384 rows in memory)
PROGRESS_MIN_INTERVAL_S = 0.05  # the task helper forwards at most 20 progress updates a second
