"""Keyed (seek) pages of items on SQLite: the same rows as the OFFSET listing, under every filter."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from ledger_app.core.errors import UserError
from ledger_app.services import Services
from ledger_app.services.workspace import Workspace
from tests.ingest.item_pages_cases import N_ITEMS, check_pages, fill_items


@pytest.fixture()
def svc(tmp_path):
    ws = Workspace(tmp_path / "ws")
    ws.create_dirs()
    fill_items(ws)
    yield Services(ws).corpus
    ws.dispose()


def test_keyed_pages_match_the_offset_listing(svc):
    assert check_pages(svc) > 100


def test_anchors_report_progress_and_stop_when_cancelled(svc, monkeypatch):
    monkeypatch.setattr(type(svc.catalogue), "ANCHOR_CHUNK", 50)
    seen = []
    pages = svc.item_pages(2, keys_limit=0, progress=lambda done, total: seen.append((done, total)))
    assert len(pages.anchors) == N_ITEMS // 2
    assert seen == [(51, 150), (101, 150), (150, 150)]  # one report per statement of 50 steps
    with pytest.raises(UserError, match="cancelled"):
        svc.item_pages(2, keys_limit=0, cancelled=lambda: True)


def test_a_page_index_is_a_snapshot(svc):
    """Items changed after the index was built: its pages shrink, they never repeat or shift rows."""
    for keys_limit in (None, 0):
        pages = svc.item_pages(10, keys_limit=keys_limit, status="admitted")
        first, second = ([r.id for r in svc.items_page(pages, p)] for p in (0, 1))
        with svc.ws.engine.begin() as conn:
            conn.exec_driver_sql("UPDATE item SET status = 'quarantined' WHERE id = ?", (first[3],))
        assert [r.id for r in svc.items_page(pages, 0)] == first[:3] + first[4:]
        assert [r.id for r in svc.items_page(pages, 1)] == second
        assert svc.item_row(pages, first[3]) == -1
        fresh = svc.item_pages(10, keys_limit=keys_limit, status="admitted")
        assert fresh.count == pages.count - 1 and fresh.anchors[1] == second[1]


@pytest.mark.parametrize("filters", [{"status": "quarantined"}, {"corpus": "Beta"}, {"c2pa_state": "Invalid"},
                                     {"license": "lic-a", "media_type": "image/*"}, {"search": "photo"}])
def test_sqlite_reads_a_page_along_the_id_index(svc, filters):
    """SQLite keeps no planner statistics here: unhinted, it would pick the status (or corpus, …)
    index and sort every matching row for each page. Keyed statements walk the id index instead."""
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.startswith(("SELECT i.id", "WITH RECURSIVE")):
            statements.append((statement, parameters))

    event.listen(svc.ws.engine, "before_cursor_execute", record)
    try:
        pages = svc.item_pages(5, keys_limit=0, **filters)
        svc.items_page(pages, 1)
        svc.items_page(pages, len(pages.anchors) - 1)
    finally:
        event.remove(svc.ws.engine, "before_cursor_execute", record)
    seeks = [(s, p) for s, p in statements if "ORDER BY i.id LIMIT" in s or s.startswith("WITH RECURSIVE")]
    assert len(seeks) >= 3
    with svc.ws.engine.connect() as conn:
        for statement, params in seeks:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).fetchall()
            sorts = [r for r in plan if "TEMP B-TREE" in r[3] and reads_items(plan, r[0], statement)]
            assert sorts == [], (statement, plan)  # no sort of the matching rows
            assert any("sqlite_autoindex_item_1" in r[3] for r in plan), (statement, plan)


def reads_items(plan: list, node: int, statement: str) -> bool:
    """Whether plan step `node` belongs to the read of item: the whole statement for a page, the
    step subquery for the anchors (their final ORDER BY sorts only the anchors found)."""
    detail = {r[0]: r[3] for r in plan}
    parent = {r[0]: r[1] for r in plan}
    while node:
        if "SUBQUERY" in detail[node]:
            return True
        node = parent[node]
    return not statement.startswith("WITH RECURSIVE")
