"""The ledger table model: qtmodeltester, RecordRole, translatable headers, a million rows."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from ledger_app.ui import metrics
from ledger_app.ui.ledger_source import ServicePages
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.ledger import LedgerEntryModel, summarize
from tests.ui.conftest import PASS, build_large_ledger, shown_table


def service_for(path):
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    return LedgerService(Workspace(path), passphrase=lambda confirm: PASS)


def test_qtmodeltester_on_a_real_ledger(qtmodeltester, small_ledger):
    svc = service_for(small_ledger)
    model = LedgerEntryModel(ServicePages(svc))
    qtmodeltester.check(model, force_py=False)
    assert model.rowCount() == 31
    svc.ws.dispose()


def test_qtmodeltester_on_an_empty_model(qtmodeltester):
    qtmodeltester.check(LedgerEntryModel(None))


def test_columns_headers_and_record_role_without_widgets(small_ledger):
    svc = service_for(small_ledger)
    model = LedgerEntryModel(ServicePages(svc))
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Index", "Type", "Recorded", "Summary", "Leaf hash"]
    e = model.index(3, 0).data(RecordRole)
    assert e.index == 3 and e.leaf_hash == svc.show(3).leaf_hash
    assert model.index(3, model.COL_LEAF_HASH).data(Qt.ItemDataRole.ToolTipRole) == e.leaf_hash.hex()
    svc.ws.dispose()


def test_appends_insert_rows_at_the_end(qtbot, small_ledger):
    svc = service_for(small_ledger)
    model = LedgerEntryModel(ServicePages(svc))
    model.index(30, 0).data()  # cache the last page
    svc.note("one more")
    with qtbot.waitSignal(model.rowsInserted) as sig:
        model.refresh()
    assert sig.args[1:] == [31, 31]
    assert model.index(31, model.COL_SUMMARY).data() == "one more"
    svc.ws.dispose()


def test_summarize():
    assert summarize({"text": "a  b\nc"}) == "a b c"
    assert summarize({"z": 1, "a": [1, 2]}) == '{"a":[1,2],"z":1}'
    assert summarize({"text": "x" * 200}, limit=10) == "x" * 9 + "…"


@pytest.fixture(scope="session")
def million(tmp_path_factory):
    path = tmp_path_factory.mktemp("million") / "ws"
    build_large_ledger(path, 1_000_000, signed=False)
    return path


@pytest.mark.slow
def test_a_million_rows_page_lazily_and_stay_responsive(qtbot, million):
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace

    svc = LedgerService(Workspace(million))
    model = LedgerEntryModel(ServicePages(svc))
    assert model.rowCount() == 1_000_000
    view = shown_table(qtbot, model)

    worst = 0.0
    for row in (999_999, 0, 500_000, 123_456, 999_000, 250_000):
        t = time.perf_counter()
        view.scrollTo(model.index(row, 0))
        view.repaint()  # paint synchronously: the rows on screen are read now
        worst = max(worst, time.perf_counter() - t)
        assert model.index(row, 0).data() == str(row)
    assert model.index(999_999, model.COL_SUMMARY).data() == "bulk note 999"
    # Only the pages that were looked at were read, and the cache is bounded.
    assert model.page_reads <= 20
    assert model.cached_rows() <= metrics.TABLE_CACHE_PAGES * metrics.TABLE_PAGE_ROWS
    assert worst < 0.25, f"a jump across the million-row table took {worst * 1000:.0f} ms"
    # Sweeping far more pages than the cache holds keeps memory bounded.
    for page_no in range(0, 1_000_000 // metrics.TABLE_PAGE_ROWS, 40):
        model.index(page_no * metrics.TABLE_PAGE_ROWS, 0).data()
    assert len(model._cache) <= metrics.TABLE_CACHE_PAGES
    svc.ws.dispose()
