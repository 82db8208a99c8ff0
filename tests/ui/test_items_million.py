"""The items table over a million rows: keyed pages, bounded reads, qtmodeltester, background index."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import event

from ledger_app.ui import metrics
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.items import ItemsModel
from tests.ui.bulk_items import build_bulk_items
from tests.ui.conftest import shown_table

N = 1_000_000
PAGE = metrics.TABLE_PAGE_ROWS


@pytest.fixture(scope="module")
def million_items(tmp_path_factory):
    path = tmp_path_factory.mktemp("million-items") / "ws"
    build_bulk_items(path, N)
    return path


@pytest.fixture()
def corpus(million_items):
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    services = Services(Workspace(million_items))
    yield services.corpus
    services.ws.dispose()


class Statements:
    """The SQL an engine runs while `with`-ed (to check what reading rows costs structurally)."""

    def __init__(self, engine):
        self.engine = engine
        self.seen: list[str] = []

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.seen.append(" ".join(statement.split()))

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)


def direct(path, row: int, **where: str) -> tuple:
    """Row `row` of the id-ordered items, straight from SQLite with an OFFSET query."""
    cond = " AND ".join(f"{k} = ?" for k in where)
    with sqlite3.connect(path / "ledger.db") as db:
        return db.execute(f"SELECT id, sha256, status, c2pa_state, media_type FROM item "
                          f"{'WHERE ' + cond if cond else ''} ORDER BY id LIMIT 1 OFFSET ?", (*where.values(), row)).fetchone()


def rows_before(path, item_id: str, **where: str) -> int:
    cond = "".join(f" AND {k} = ?" for k in where)
    with sqlite3.connect(path / "ledger.db") as db:
        return db.execute(f"SELECT count(*) FROM item WHERE id < ?{cond}", (item_id, *where.values())).fetchone()[0]


def fields(rec) -> tuple:  # an ItemRecord
    return rec.id, rec.sha256, rec.status, rec.c2pa["state"], rec.media_type


def test_a_million_items_page_by_key_and_stay_bounded(qtbot, corpus, million_items):
    model = ItemsModel(corpus)
    assert model.rowCount() == N
    view = shown_table(qtbot, model)

    rows = (0, PAGE - 1, PAGE, N // 2, N - PAGE, N - 1)
    with Statements(corpus.ws.engine) as sql:
        for row in rows:
            view.scrollTo(model.index(row, 0))
            view.repaint()  # paint synchronously: the rows on screen are read now
            assert fields(model.index(row, 0).data(RecordRole)) == direct(million_items, row), row
    assert model.index(N - 1, model.COL_ID).data() == "texts:0999999"
    assert model.index(N, 0).data() is None

    # Only the pages looked at were read, each with one keyed statement: a LIMIT, never an OFFSET
    # and never a recount.
    assert 1 <= model.page_reads <= 2 * len(rows)
    assert model.rows_read <= model.page_reads * PAGE
    selects = [s for s in sql.seen if s != "BEGIN"]  # the engine opens each read with BEGIN
    assert len(selects) == model.page_reads
    assert all(s.startswith("SELECT ") and " LIMIT " in s and "OFFSET" not in s and "count(" not in s
               for s in selects), selects

    # Sweeping far more pages than the cache holds keeps memory bounded.
    for page_no in range(0, N // PAGE, 25):
        model.index(page_no * PAGE, 0).data()
    assert len(model._cache) <= metrics.TABLE_CACHE_PAGES
    assert model.cached_rows() <= metrics.TABLE_CACHE_PAGES * PAGE

    # row_of: where an item is under the current filter (a count of the ids before it, in SQL).
    admitted, quarantined = "photos:0765432", "photos:0765431"
    assert model.row_of(quarantined) == rows_before(million_items, quarantined) == 535_802
    model.set_filters(status="quarantined")
    assert model.rowCount() == corpus.count_items(status="quarantined") == N // 4
    assert model.row_of(admitted) == -1
    row = rows_before(million_items, quarantined, status="quarantined")
    assert model.row_of(quarantined) == row and model.record(row).id == quarantined
    assert fields(model.record(N // 4 - 1)) == direct(million_items, N // 4 - 1, status="quarantined")


def test_qtmodeltester_on_a_filtered_million_row_workspace(qtmodeltester, corpus, million_items):
    """Qt's tester visits every cell (about a minute for all million rows), so it runs on a
    filter: 25,000 rows, still paged by anchors (more than a page-keys result may hold)."""
    model = ItemsModel(corpus)
    model.set_filters(c2pa_state="Invalid")
    assert model.rowCount() == corpus.count_items(c2pa_state="Invalid") == N // 40
    assert model._pages.keys is None, "paged by anchors"
    qtmodeltester.check(model, force_py=False)
    for row in (0, PAGE, N // 40 - 1):
        assert fields(model.record(row)) == direct(million_items, row, c2pa_state="Invalid")
    assert model.page_reads <= 10


def test_a_large_workspace_is_indexed_in_the_background(qtbot, runner, corpus):
    model = ItemsModel(corpus, runner=runner)
    assert model.indexing and model.rowCount() == 0
    with qtbot.waitSignal(model.modelReset, timeout=30_000):
        pass
    assert not model.indexing and model.rowCount() == N

    # While the next index is built, the rows of the previous filter stay; then the model resets.
    model.set_filters(status="purged")
    assert model.indexing and model.rowCount() == N
    qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
    assert model.rowCount() == 10
    assert {model.record(r).status for r in range(10)} == {"purged"}

    # A filter changed before its index arrived: only the last filter's index is ever shown, even
    # when the superseded one (a small result, read without pausing) completes first.
    resets = []
    model.modelReset.connect(lambda: resets.append(model.rowCount()))
    model.set_filters(status="purged", corpus="photos")
    model.set_filters(corpus="texts", license="stock-2024")
    qtbot.waitUntil(lambda: not runner.active, timeout=30_000)  # the superseded task has ended too
    assert not model.indexing
    assert resets == [100_000] == [corpus.count_items(corpus="texts", license="stock-2024")]
    assert model.record(0).corpus == "texts" and model.record(99_999).license == "stock-2024"
