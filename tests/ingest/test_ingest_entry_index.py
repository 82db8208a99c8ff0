"""Each ingested item's row names its own `item.ingested` entry, written with the row.

An ingest appends a unit's entries first and inserts the item rows with their entry indexes in the
same transaction (services/ingest.py), instead of inserting the rows and then updating each one. This
checks that every row's index is its entry's, and that a failure after the append (an insert that
fails) takes the entries back with the rows: the ledger is as before, the next ingest of the corpus
stores everything, and the ledger verifies (no entry without its row, no false rollback alarm).
"""

from __future__ import annotations

import json

import pytest

from ledger_app.ledger.entries import decode_entry
from ledger_app.services import LedgerService
from ledger_app.services.corpora import CorpusService
from ledger_app.services.workspace import Workspace
from ledger_app.storage.repos import items as items_repo

PASS = "entry-index-test-pass"


def _corpus(root, n_shards: int = 3, per: int = 7):
    """A crawled JSONL corpus whose pages are admitted or quarantined by their Content-Usage header."""
    root.mkdir()
    for s in range(n_shards):
        with open(root / f"part-{s}.jsonl", "w") as f:
            for i in range(per):
                k = s * per + i
                f.write(json.dumps({"id": f"d{k}", "text": f"harbour council page {k}", "url": f"https://s{k % 3}.example/{k}",
                                    "fetched_at": 1_767_225_600 + k,
                                    "headers": {"Content-Usage": "train-ai=n" if k % 2 else "train-ai=y"}}) + "\n")
    return root


@pytest.fixture()
def svc(tmp_path):
    ledger = LedgerService(Workspace(tmp_path / "ws"), passphrase=lambda c: PASS)
    ledger.init("example.com/entry-index")
    return CorpusService(ledger)


def _rows(svc):
    with svc.ws.engine.connect() as conn:
        return conn.exec_driver_sql("SELECT id, entry_idx, status, sha256 FROM item ORDER BY entry_idx").all()


def _check_rows(svc, n):
    rows = _rows(svc)
    assert len(rows) == n
    for item_id, idx, status, sha in rows:
        entry = decode_entry(svc.ws.store.entry(idx).leaf, index=idx)
        assert entry.type == "item.ingested"
        assert (entry.payload["item"], entry.payload["status"], entry.payload["sha256"]) == (item_id, status, sha)
    assert len({r[1] for r in rows}) == n  # one entry per item


def test_each_row_names_its_entry(svc, tmp_path):
    svc.add_corpus("crawl", _corpus(tmp_path / "crawl"), crawler="Bot", source_kind="crawled")
    rep = svc.ingest("crawl", workers=1)
    assert rep.items_new == 21 and set(rep.by_status) == {"admitted", "quarantined"}
    _check_rows(svc, 21)
    assert svc.ledger.verify(deep=True).entries == svc.ws.store.size()  # raises on any problem


def test_a_failed_insert_takes_its_entries_back(svc, tmp_path, monkeypatch):
    svc.add_corpus("crawl", _corpus(tmp_path / "crawl"), crawler="Bot", source_kind="crawled")
    size = svc.ws.store.size()
    calls = {"n": 0}
    real = items_repo.insert_items

    def fail_second(conn, rows):
        calls["n"] += 1
        if calls["n"] == 2:  # after the second unit's entries were appended in its transaction
            raise RuntimeError("disk full")
        return real(conn, rows)

    monkeypatch.setattr(items_repo, "insert_items", fail_second)
    with pytest.raises(RuntimeError, match="disk full"):
        svc.ingest("crawl", workers=1)
    # The first unit committed (7 items, 7 entries); the second unit's entries went with its rows.
    assert svc.ws.store.size() == size + 7
    _check_rows(svc, 7)
    monkeypatch.setattr(items_repo, "insert_items", real)
    rep = svc.ingest("crawl", workers=1)  # resumes: no refusal from the append's check of the tree
    assert rep.items_new == 14
    assert svc.ws.store.size() == size + 21
    _check_rows(svc, 21)
    assert svc.ledger.verify(deep=True).entries == size + 21  # raises on any problem
