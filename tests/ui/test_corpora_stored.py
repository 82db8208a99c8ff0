"""The Corpora screen's items table over the fingerprint store (issue #20): database items, then a
corpus ingested with --store (real photos and texts), then a store of 5,200 items written directly,
all in one table that pages by row group, with the status, media type, corpus and search filters,
an item's row found, and a stored item's detail (thumbnail, facts, two-level proof)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from ledger_app.ui.models import RecordRole

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "corpus"))
from corpus_builders import write_wds_shard

BULK = 2_600  # items per directly written shard: two row groups of 2,048 and a part, two shards


def bulk_records(shard: str, first: int) -> list[dict]:
    out = []
    for i in range(first, first + BULK):
        key = f"{shard}#{i:07d}"
        out.append({"item_id": f"bulk:{key}", "key": key, "shard": shard, "location": key,
                    "sha256": hashlib.sha256(f"bulk {i}".encode()).hexdigest(), "media_type": "image/jpeg",
                    "status": "quarantined" if i % 7 == 0 else "admitted", "source_url": f"https://bulk.example/{i}",
                    "url_norm": f"bulk.example/{i}", "leaf": f'{{"bulk":{i}}}'.encode()})
    return out


@pytest.fixture()
def mixed_ws(small_ledger, tmp_path):
    """5 database photos (`photos`), a --store corpus (`wds`: 6 photos, 3 texts) and a directly written
    store corpus (`bulk`: 2 shards of 2,600 items, one in seven quarantined)."""
    from ledger_app.fpstore import schema
    from ledger_app.fpstore.store import FingerprintStore
    from ledger_app.ledger.manifest import MANIFEST_TYPE, manifest_payload
    from ledger_app.services.wiring import Services
    from ledger_app.services.workspace import Workspace
    from tests.ui.conftest import PASS

    for name, shards in (("db", [(100, 5, False)]), ("wds", [(0, 6, False), (6, 3, True)])):
        d = tmp_path / name
        d.mkdir()
        for k, (first, count, text) in enumerate(shards):
            write_wds_shard(d / f"shard-{k:03d}.tar", first, count, text_only=text)
    s = Services(Workspace(small_ledger), passphrase=lambda c: PASS)
    s.corpus.add_corpus("photos", tmp_path / "db")
    assert s.corpus.ingest("photos", workers=1).items_new == 5
    s.corpus.add_corpus("wds", tmp_path / "wds")
    assert s.corpus.ingest("wds", workers=1, store=True).items_new == 9
    store = FingerprintStore(small_ledger / "fpstore")
    for shard, first in (("shard-a.tar", 0), ("shard-b.tar", BULK)):
        f = store.write_shard("bulk", shard, bulk_records(shard, first))
        s.ledger.append([(MANIFEST_TYPE, manifest_payload("bulk", shard, f.count, f.root, file=f.path,
                                                          file_sha256=f.sha256, file_size=f.size,
                                                          schema=schema.SCHEMA_VERSION))])
    s.ws.dispose()
    return small_ledger


def test_items_table_pages_through_the_store(window, session, mixed_ws, qtbot, tmp_path, monkeypatch):
    from ledger_app.ui.models import items as items_model

    session.open(mixed_ws)
    page = window.show_screen("corpora")
    window.resize(1200, 780)
    window.show()
    qtbot.waitExposed(window)
    model = page.model
    total = 5 + 9 + 2 * BULK
    assert model.rowCount() == total and page.count_label.text() == f"{total:,} items"
    # Database items first (id order), then the store's corpora and shards in order, leaves in order.
    ids = [model.record(r).id for r in (0, 4, 5, 5 + BULK - 1, 5 + BULK, 5 + 2 * BULK - 1, 5 + 2 * BULK, total - 1)]
    assert ids == ["photos:shard-000.tar#s00100", "photos:shard-000.tar#s00104", "bulk:shard-a.tar#0000000",
                   f"bulk:shard-a.tar#{BULK - 1:07d}", f"bulk:shard-b.tar#{BULK:07d}",
                   f"bulk:shard-b.tar#{2 * BULK - 1:07d}", "wds:shard-000.tar#s00000", "wds:shard-001.tar#s00008"]
    # Every row of a page read in sequence is the next leaf: pages cross row groups and files.
    got = [model.record(r).id for r in range(5 + 2040, 5 + 2040 + 600)]
    assert got == [f"bulk:shard-a.tar#{i:07d}" for i in range(2040, BULK)] + [
        f"bulk:shard-b.tar#{i:07d}" for i in range(BULK, BULK + 600 - (BULK - 2040))]
    assert model.cached_rows() <= 64 * 256  # paged, never the whole listing
    rec = model.record(5 + BULK + 3)
    assert rec.status == "admitted" and rec.entry_index is not None and rec.sha256 == hashlib.sha256(
        f"bulk {BULK + 3}".encode()).hexdigest()

    # Filters, indexed in the background as a large workspace's would be.
    monkeypatch.setattr(items_model, "INDEX_IN_BACKGROUND_ABOVE", 0)
    page.status_filter.setCurrentIndex(page.status_filter.findData("quarantined"))
    qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
    quarantined = [i for i in range(2 * BULK) if i % 7 == 0]
    assert model.rowCount() == len(quarantined)
    assert [model.record(r).id.rsplit("#", 1)[1] for r in (0, 1, len(quarantined) - 1)] == [
        f"{quarantined[0]:07d}", f"{quarantined[1]:07d}", f"{quarantined[-1]:07d}"]
    assert all(model.record(r).status == "quarantined" for r in range(0, len(quarantined), 97))
    target = f"bulk:shard-b.tar#{quarantined[-3]:07d}"
    assert model.row_of(target) == len(quarantined) - 3
    assert model.row_of(f"bulk:shard-b.tar#{quarantined[-3] + 1:07d}") == -1  # admitted: not in this listing
    page.status_filter.setCurrentIndex(0)
    page.media_filter.setCurrentIndex(page.media_filter.findData("text/*"))
    qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
    assert [model.record(r).id for r in range(model.rowCount())] == [
        f"wds:shard-001.tar#s0000{i}" for i in (6, 7, 8)]
    page.media_filter.setCurrentIndex(0)
    for text, want in (("shard-b.tar#0003001", ["bulk:shard-b.tar#0003001"]),
                       (hashlib.sha256(b"bulk 77").hexdigest(), ["bulk:shard-a.tar#0000077"]),
                       ("photos.example/4.jpg", ["wds:shard-000.tar#s00004"]),
                       ("photos.example/10", [f"photos:shard-000.tar#s0010{i}" for i in range(5)])):
        page.search_edit.setText(text)
        page.search_edit.returnPressed.emit()
        qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
        assert [model.record(r).id for r in range(model.rowCount())] == want, text
    page.search_edit.clear()
    qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
    page.select_corpus("wds")
    qtbot.waitUntil(lambda: not model.indexing, timeout=30_000)
    assert model.rowCount() == 9 and page.count_label.text() == "9 items"
    assert page.corpus_combo.currentText().startswith("wds (9 items")  # its count includes the store's

    # A stored photo's detail: thumbnail from its stored fingerprint, facts, its two-level proof.
    row = model.row_of("wds:shard-000.tar#s00003")
    assert row == 3
    page.select_row(row)
    rec = model.index(row, 0).data(RecordRole)
    assert rec.id == "wds:shard-000.tar#s00003"
    assert page.thumb.pixmap() is not None and not page.thumb.pixmap().isNull()
    assert rec.id in page.facts.toPlainText() and rec.sha256 in page.facts.toPlainText()
    text = page.entry_text.toPlainText()
    assert f"Fingerprint store: shard manifest in ledger entry {rec.entry_index}" in text
    assert "Leaf 3 of the 6 in the shard's tree" in text and "— example.com/ui-test" in text
    qtbot.wait(300)  # the detail panel's layout settles
    shot = tmp_path / "corpora-stored.png"
    assert window.grab().save(str(shot))
    page.detail.setCurrentIndex(2)
    qtbot.wait(100)
    assert page.detail.grab().save(str(tmp_path / "corpora-stored-proof.png"))
    print(f"screenshots: {shot}, {tmp_path / 'corpora-stored-proof.png'}")
