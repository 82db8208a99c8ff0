"""The AI Act summary screen: preview from the ledger, issue the signed summary (JSON verifies offline,
PDF and Markdown written), in English and Chinese."""

from __future__ import annotations

import json

import numpy as np
from PIL import Image

from ledger_app.verify import verify_document


def _photo(path, seed):
    rng = np.random.default_rng(seed)
    Image.fromarray(rng.integers(0, 255, (6, 8, 3), dtype=np.uint8)).resize((120, 90)).save(path, "JPEG")


def _workspace(tmp_path, small_ledger):
    from ledger_app.services import Services
    from ledger_app.services.workspace import Workspace

    from .conftest import PASS

    corpus = tmp_path / "pics"
    corpus.mkdir()
    for k in range(3):
        _photo(corpus / f"p{k}.jpg", k)
        (corpus / f"p{k}.jpg.json").write_text(json.dumps({"url": f"https://pics.example/{k}",
                                                           "headers": {"X-Robots-Tag": "noai" if k == 0 else "all"}}))
    svc = Services(Workspace(small_ledger), passphrase=lambda c: PASS)
    svc.corpus.add_corpus("pics", corpus, source_kind="crawled", crawler="PicBot")
    svc.corpus.ingest("pics", workers=1)
    from ledger_app.services.lineage import record_run

    record_run(svc.corpus, "pic-model", "pics")
    svc.ws.dispose()


def test_preview_and_issue(window, session, qtbot, tmp_path, small_ledger):
    _workspace(tmp_path, small_ledger)
    session.open(small_ledger)
    page = window.show_screen("aiact")
    qtbot.waitUntil(lambda: page.scope.count() == 2, timeout=10_000)
    assert page.scope.itemData(1) == "pic-model"
    page.scope.setCurrentIndex(1)
    page.preview_button.click()
    qtbot.waitUntil(lambda: page.preview_doc is not None, timeout=30_000)
    assert page.preview_doc["sections"]["1_general"]["training_items"] == 2
    assert "1. General information" in page.view.toPlainText()
    assert page.preview_doc["sections"]["3_processing"]["3_1_opt_outs"]["excluded_per_signal"] == {"x-robots-tag": 1}
    out = tmp_path / "out" / "summary.json"
    out.parent.mkdir()
    page.ask_save_path = lambda suggested: str(out)
    page.issue_button.click()
    qtbot.waitUntil(lambda: page.last_export is not None, timeout=30_000)
    doc = json.loads(out.read_text())
    verify_document(doc, session.services.ledger.vkey())
    assert doc["scope"] == page.last_export["doc"]["scope"] and doc["scope"]["model"] == "pic-model"
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "entry" in page.result.text()
