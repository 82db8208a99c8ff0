"""The Corpora & items screen over a real WebDataset corpus of photos."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from ledger_app.ui.models import RecordRole
from tests.ui.story_builders import build_photo_corpus


@pytest.fixture()
def ledger_ws(small_ledger):
    return small_ledger


def open_page(window, session, path, qtbot):
    session.open(path)
    page = window.show_screen("corpora")
    window.show()
    qtbot.waitExposed(window)
    return page


def register_and_ingest(page, qtbot, corpus_dir, name="photos"):
    dialog = page.open_register_dialog()
    dialog.path_edit.setText(str(corpus_dir))
    dialog.name_edit.setText(name)
    assert "webdataset" in dialog.detected.text()
    dialog.accept()
    qtbot.waitUntil(lambda: page.corpus_combo.findData(name) >= 0, timeout=20_000)
    assert page.corpus_combo.currentData() == name
    page.ingest_button.click()
    qtbot.waitUntil(lambda: page.ingest_task is None, timeout=60_000)
    assert page.last_report is not None and not page.last_report.cancelled


def test_register_ingest_filter_and_detail(window, session, ledger_ws, qtbot, tmp_path, data_dir):
    corpus_dir, what = build_photo_corpus(tmp_path / "corpus", data_dir)
    page = open_page(window, session, ledger_ws, qtbot)
    register_and_ingest(page, qtbot, corpus_dir)
    assert page.last_report.items_new == len(what) == 8
    assert "Ingested 8 new items" in page.result.text()
    assert page.progress.value() == page.progress.maximum() == 1
    assert page.model.rowCount() == 8
    assert page.count_label.text() == "8 items"
    # Filters go to the database.
    page.search_edit.setText("0100")
    page.search_edit.returnPressed.emit()
    assert page.model.rowCount() == 1
    page.search_edit.clear()
    assert page.model.rowCount() == 8
    page.status_filter.setCurrentIndex(page.status_filter.findData("purged"))
    assert page.model.rowCount() == 0
    page.status_filter.setCurrentIndex(0)
    page.media_filter.setCurrentIndex(page.media_filter.findData("text/*"))
    assert page.model.rowCount() == 0
    page.media_filter.setCurrentIndex(page.media_filter.findData("image/*"))
    assert page.model.rowCount() == 8
    page.c2pa_filter.setCurrentIndex(page.c2pa_filter.findData("none"))
    assert page.model.rowCount() == 8
    # The detail panel: thumbnail, facts, C2PA tree, ledger entry with its proof.
    page.select_row(0)
    rec = page.model.index(0, 0).data(RecordRole)
    assert rec.id == "photos:shard-000.tar#0000"
    assert page.thumb.pixmap() is not None and not page.thumb.pixmap().isNull()
    assert rec.id in page.facts.toPlainText() and rec.sha256 in page.facts.toPlainText()
    # A 64-digit hash wraps inside the panel rather than running off its edge, and copies whole.
    window.resize(1200, 780)
    window.show()
    page.splitter.setSizes([900, 300])
    qtbot.waitUntil(lambda: 0 < page.facts.viewport().width() < 300)
    doc = page.facts.document()
    assert doc.size().width() <= page.facts.viewport().width() + 1
    assert page.facts.height() >= doc.size().height()
    page.facts.selectAll()
    page.facts.copy()
    assert rec.sha256 in QApplication.clipboard().text()
    proof = session.ledger.prove(rec.entry_index)
    text = page.entry_text.toPlainText()
    assert f"Ledger entry {rec.entry_index}" in text and proof.root_hash in text
    assert "Summary" in page.manifest.texts()
    assert "None declared" in page.permissions.text()


def test_item_with_a_c2pa_manifest_shows_its_tree(window, session, ledger_ws, qtbot, tmp_path, data_dir):
    import shutil

    folder = tmp_path / "c2pa-folder"
    folder.mkdir()
    shutil.copy(data_dir / "fixtures" / "c2pa" / "CA.jpg", folder / "CA.jpg")
    page = open_page(window, session, ledger_ws, qtbot)
    page.register("signed", folder)
    qtbot.waitUntil(lambda: page.corpus_combo.findData("signed") >= 0, timeout=20_000)
    page.start_ingest()
    qtbot.waitUntil(lambda: page.ingest_task is None, timeout=60_000)
    page.select_row(0)
    texts = page.manifest.texts()
    assert "Assertions" in texts and "Ingredients" in texts and "Validation codes" in texts
    assert any("signingCredential" in t for t in texts)


def test_cancel_ingest(window, session, ledger_ws, qtbot, tmp_path, data_dir, monkeypatch):
    import threading

    corpus_dir, _ = build_photo_corpus(tmp_path / "corpus", data_dir)
    page = open_page(window, session, ledger_ws, qtbot)
    page.register("photos", corpus_dir)
    qtbot.waitUntil(lambda: page.corpus_combo.findData("photos") >= 0, timeout=20_000)
    gate = threading.Event()
    real = session.services.corpus.ingest

    def slow(name, **kw):
        gate.wait(10)
        return real(name, **kw)

    monkeypatch.setattr(session.services.corpus, "ingest", slow)
    page.start_ingest()
    page.cancel_button.click()
    gate.set()
    qtbot.waitUntil(lambda: page.ingest_task is None, timeout=60_000)
    assert "cancelled" in page.result.text()
