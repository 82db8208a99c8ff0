"""Keyed (seek) pages of items on the shared PostgreSQL database: the same rows as the OFFSET
listing under every filter, both paging modes, and a page index taken from one snapshot."""

from __future__ import annotations

import threading

from teamkit import db_url

from ledger_app.services import Services
from ledger_app.services.workspace import Workspace
from tests.ingest.item_pages_cases import N_ITEMS, check_pages, fill_items


def test_keyed_pages_match_the_offset_listing_on_postgres(tmp_path, fresh_db):
    ws = Workspace(tmp_path / "ws", db_url(fresh_db()))
    ws.create_dirs()
    fill_items(ws)
    svc = Services(ws).corpus
    try:
        assert check_pages(svc) > 100
        assert 0 < svc.item_count_estimate() <= 10 * N_ITEMS
    finally:
        ws.dispose()


def test_count_and_anchors_come_from_one_snapshot_on_postgres(tmp_path, fresh_db, monkeypatch):
    """Rows committed by another member while the anchors are walked do not reach the index."""
    url = db_url(fresh_db())
    ws = Workspace(tmp_path / "ws", url)
    ws.create_dirs()
    fill_items(ws)
    svc = Services(ws).corpus
    before = [r.id for r in svc.items()]
    other = Workspace(tmp_path / "other", url)
    inserted = threading.Event()

    def progress(done: int, total: int) -> None:
        # Between two anchor statements, another connection adds items in the middle of the list
        # ("alpha:~…" sorts after the "Beta:…" rows, which fill the first statements).
        if not inserted.is_set():
            with other.engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO item (id, corpus_id, key, shard, location, media_type, status, c2pa_state, "
                    "ingested_at, ai_generated) SELECT 'alpha:~' || g, 1, 'k', 's', 's', 'text/plain', 'admitted', "
                    "'none', 0, false FROM generate_series(1, 40) g")
            inserted.set()

    monkeypatch.setattr(type(svc.catalogue), "ANCHOR_CHUNK", 10)
    try:
        pages = svc.item_pages(3, keys_limit=0, progress=progress)
        assert inserted.is_set() and svc.count_items() == N_ITEMS + 40
        assert pages.count == N_ITEMS
        assert list(pages.anchors) == before[::3] and pages.last == before[-1]
    finally:
        other.dispose()
        ws.dispose()
