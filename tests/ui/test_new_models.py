"""The Corpora, Takedowns and Rights models: qtmodeltester, RecordRole, headers, paging."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from ledger_app.ui import metrics
from ledger_app.ui.colors import text_color
from ledger_app.ui.models import RecordRole
from ledger_app.ui.models.items import ItemsModel
from ledger_app.ui.models.lists import InclusionResultsModel
from ledger_app.ui.models.matches import MatchesModel
from ledger_app.ui.models.queue import TakedownQueueModel
from tests.ui.conftest import PASS, shown_table

N_ITEMS = 30_000


def services_for(path):
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    return Services(Workspace(path), passphrase=lambda confirm: PASS)


@pytest.fixture(scope="module")
def many_items(tmp_path_factory):
    """A real workspace with a registered corpus and N_ITEMS item rows inserted in bulk."""
    from ledger_app.services import LedgerService
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS as _  # noqa: F401

    root = tmp_path_factory.mktemp("many")
    ws_path = root / "ws"
    LedgerService(Workspace(ws_path), passphrase=lambda c: PASS).init("example.com/many")
    folder = root / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("a small text file for the corpus to exist")
    s = services_for(ws_path)
    s.corpus.add_corpus("bulk", folder)
    cid = s.corpus.corpus("bulk").id
    states = ["none", "Valid", "Trusted", "Invalid"]
    statuses = ["admitted", "admitted", "admitted", "quarantined"]
    rows = [(f"bulk:{k:06d}", cid, f"{k:06d}", "a.txt", f"a.txt#{k}", f"{k:064x}", "image/jpeg" if k % 2 else "text/plain",
             statuses[k % 4], states[k % 4], time.time()) for k in range(N_ITEMS)]
    with s.ws.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO item (id, corpus_id, key, shard, location, sha256, media_type, status, c2pa_state, ingested_at, "
            "ai_generated) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,0)", rows)
    s.ws.dispose()
    return ws_path


def test_items_model_passes_qtmodeltester_and_filters(qtmodeltester, many_items):
    s = services_for(many_items)
    model = ItemsModel(s.corpus)
    assert model.rowCount() == N_ITEMS
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Item", "Media type", "Status", "C2PA", "Licence", "SHA-256"]
    model.set_filters(status="quarantined", media_type="image/*")
    assert model.rowCount() == s.corpus.count_items(status="quarantined", media_type="image/*") == N_ITEMS // 4
    assert all(model.index(r, 0).data(RecordRole).status == "quarantined" for r in range(10))
    model.set_filters(search="bulk:000123")
    assert model.rowCount() == 1 and model.index(0, model.COL_ID).data() == "bulk:000123"
    model.set_filters(c2pa_state="Invalid")
    qtmodeltester.check(model, force_py=False)
    qtmodeltester.check(ItemsModel(None))
    s.ws.dispose()


def test_items_model_pages_and_stays_bounded(qtbot, many_items):
    s = services_for(many_items)
    model = ItemsModel(s.corpus)
    view = shown_table(qtbot, model, (800, 500))
    for row in (N_ITEMS - 1, 0, N_ITEMS // 2):
        view.scrollTo(model.index(row, 0))
        view.repaint()
        assert model.index(row, 0).data() == f"bulk:{row:06d}"
    assert model.page_reads <= 8, "only the pages looked at are read"
    for page in range(0, N_ITEMS // metrics.TABLE_PAGE_ROWS + 1):
        model.index(page * metrics.TABLE_PAGE_ROWS, 0).data()
    assert len(model._cache) <= metrics.TABLE_CACHE_PAGES
    assert model.cached_rows() < N_ITEMS
    s.ws.dispose()


QUEUE = [
    {"id": 1, "type": "dmca", "status": "located", "requester_kind": "rights_org", "received": "2000-01-01",
     "due_by": "2000-01-15", "matches": 3, "overdue": True},
    {"id": 2, "type": "gdpr", "status": "received", "requester_kind": "individual", "received": "2999-01-01",
     "due_by": "2999-02-01", "matches": 0, "overdue": False},
]
MATCHES = [
    {"item_id": "c:1", "method": "exact", "score": "exact", "decision": "pending", "evidence": {}, "work_id": 1},
    {"item_id": "c:2", "method": "perceptual", "score": "0.93", "decision": "pending", "evidence": {}, "work_id": 1},
    {"item_id": "c:3", "method": "text", "score": "0.71", "decision": "accepted", "evidence": {}, "work_id": 2},
]
RESULTS = [
    {"query": {"kind": "file", "name": "a.jpg", "value": "ab" * 32}, "verdict": "included",
     "items": [{"item_id": "c:1", "status": "admitted"}], "near_copies": []},
    {"query": {"kind": "url", "value": "https://x.example/a"}, "verdict": "not_found", "items": [], "near_copies": []},
]


def test_queue_model_highlights_overdue_requests(qtmodeltester):
    model = TakedownQueueModel(QUEUE)
    qtmodeltester.check(model, force_py=False)
    qtmodeltester.check(TakedownQueueModel([]))
    assert model.index(0, model.COL_DUE).data() == "2000-01-15"
    assert model.index(0, model.COL_DAYS).data().startswith("overdue by")
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) == text_color("bad")
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.index(1, model.COL_TYPE).data() == "GDPR erasure"
    assert model.index(1, 0).data(RecordRole)["id"] == 2 and model.row_of(2) == 1


def test_matches_model_keeps_unrecorded_decisions(qtmodeltester, qtbot):
    model = MatchesModel(MATCHES)
    qtmodeltester.check(model, force_py=False)
    with qtbot.waitSignal(model.dataChanged):
        model.decide([0], "accepted")
    model.decide([1], "rejected")
    assert model.index(0, model.COL_DECISION).data() == "accepted *"
    assert model.pending_changes() == (["c:1"], ["c:2"])
    assert model.counts() == {"pending": 0, "accepted": 2, "rejected": 1}
    model.set_rows(MATCHES)
    assert model.pending_changes() == ([], [])


def test_inclusion_results_model(qtmodeltester):
    model = InclusionResultsModel(RESULTS)
    qtmodeltester.check(model, force_py=False)
    assert model.index(0, model.COL_QUERY).data() == "a.jpg"
    assert model.index(0, model.COL_VERDICT).data() == "included"
    assert model.index(0, model.COL_ITEMS).data() == "c:1 (admitted)"
    assert model.index(1, model.COL_VERDICT).data() == "not found"
