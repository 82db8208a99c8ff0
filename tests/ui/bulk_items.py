"""A workspace with a million item rows, written straight into SQLite in a few seconds.

Ingesting a million files would take hours; the items table only needs valid rows. Two corpora and
a licence are inserted, then `n` items in one INSERT … SELECT from a recursive counter (SQLite
generates the rows itself, about twice as fast as executemany from Python), with the journal off
for the bulk write and WAL switched back on afterwards. Used by tests/ui/test_items_million.py and
bench/bench_ui.py.

Row k: corpus `photos` (k % 10 < 7, image/jpeg) or `texts` (text/plain), id `<corpus>:<k:07d>`;
quarantined if k % 4 == 3, purged if k % 100,000 == 5 (10 rows), else admitted; C2PA `Invalid` if
k % 40 == 1 (25,000 rows), `Valid` if k % 5 == 0, else `none`; licence `stock-2024` if k % 3 == 0.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

LICENSE = "stock-2024"


def build_bulk_items(path: Path, n: int) -> None:
    """Create the workspace folder `path` (schema through the migrations) holding `n` items."""
    from ledger_app.services.workspace import Workspace

    ws = Workspace(path)
    ws.create_dirs()
    ws.engine  # noqa: B018 - opening the engine runs the migrations
    ws.dispose()
    db = sqlite3.connect(path / "ledger.db", isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")  # a throwaway bulk load: nothing to roll back to
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("BEGIN")
        db.execute("INSERT INTO license (id, name, licensor, kind, permitted_uses, territory, terms, created_at) "
                   "VALUES (1, ?, 'Stock Library', 'license', 'training', 'worldwide', '', 0)", (LICENSE,))
        db.executemany("INSERT INTO corpus (id, name, path, format, created_at) VALUES (?, ?, ?, 'folder', 0)",
                       [(1, "photos", str(path / "photos")), (2, "texts", str(path / "texts"))])
        db.execute(
            """
            WITH RECURSIVE n(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM n WHERE k < ?)
            INSERT INTO item (id, corpus_id, key, shard, location, sha256, media_type, status, status_reason,
                              source_url, license_id, c2pa_state, c2pa_json, ai_generated, ingested_at)
            SELECT printf('%s:%07d', CASE WHEN k % 10 < 7 THEN 'photos' ELSE 'texts' END, k),
                   CASE WHEN k % 10 < 7 THEN 1 ELSE 2 END,
                   printf('%07d', k), printf('shard-%03d.tar', k / 10000), printf('shard-%03d.tar#%07d', k / 10000, k),
                   printf('%064x', k),
                   CASE WHEN k % 10 < 7 THEN 'image/jpeg' ELSE 'text/plain' END,
                   CASE WHEN k % 100000 = 5 THEN 'purged' WHEN k % 4 = 3 THEN 'quarantined' ELSE 'admitted' END,
                   CASE WHEN k % 100000 = 5 THEN 'takedown 1' WHEN k % 4 = 3 THEN 'C2PA: training notAllowed' END,
                   printf('https://photos.example/%d.jpg', k),
                   CASE WHEN k % 3 = 0 THEN 1 END,
                   c2pa, CASE WHEN c2pa = 'none' THEN NULL ELSE json_object(
                       'state', c2pa, 'failure_codes', json(CASE WHEN c2pa = 'Invalid' THEN '["assertion.dataHash.mismatch"]'
                       ELSE '[]' END), 'training_mining', json('{}'), 'ai_generated', json('false'),
                       'signer', 'Example Camera Co.') END,
                   0, 1700000000.0 + k
            FROM (SELECT k, CASE WHEN k % 40 = 1 THEN 'Invalid' WHEN k % 5 = 0 THEN 'Valid' ELSE 'none' END AS c2pa FROM n)
            """,
            (n - 1,),
        )
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")  # as the application opens it
    finally:
        db.close()
