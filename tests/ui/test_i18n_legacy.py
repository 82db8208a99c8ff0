"""Reasons an older workspace stored as English sentences (before issue #17 kept them as message IDs)
are said in the window's language: a workspace is written, then its reasons are put back in the old
stored form (the English sentence itself, as the previous code wrote it), and each is read back
through ui/legacy_text.py. The CLI's English is what was stored; a sentence typed by a person stays
as typed."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ledger_app.core.item_reasons import reason_english
from tests.ui.test_i18n_refusals import chinese, zh  # noqa: F401 (the fixture)
from tests.ui.test_i18n_screens import english_sentences
from tests.ui.zh_workflow import build_hostile_folder


def test_reasons_stored_as_english_sentences_are_said_in_chinese(tmp_path, zh, window, session, qtbot):  # noqa: F811
    from ledger_app.takedown.requests import DmcaElements
    from ledger_app.ui.reason_text import legal_text, reason_text
    from tests.takedown.td_builders import make_services

    s = make_services(tmp_path / "ws")
    s.ledger.init("example.com/zh-legacy")
    build_hostile_folder(tmp_path / "hostile")
    (tmp_path / "shards").mkdir()
    (tmp_path / "shards" / "a.jsonl").write_bytes(b'{"id": 1, "text": "fine"}\n{"id": 1, "text": "again"}\n'
                                                  b'{"text": ""}\n[1]\n{bad\n')
    (tmp_path / "pq").mkdir()
    (tmp_path / "pq" / "a.parquet").write_bytes(b"not a parquet file at all " * 4)
    s.corpus.add_corpus("hostile", tmp_path / "hostile", fmt="folder")
    s.corpus.add_corpus("lines", tmp_path / "shards", fmt="jsonl")
    s.corpus.add_corpus("pq", tmp_path / "pq", fmt="parquet")
    for name in ("hostile", "lines", "pq"):
        s.corpus.ingest(name, workers=1)
    td = s.takedown
    rec = td.new_request(type="dmca", requester="Jo", email="jo@example.org", works=[], record_anyway=True,
                         dmca=DmcaElements(signature="/Jo/", work="a photo", good_faith=True))
    typed = td.new_request(type="optout", requester="Bo", works=td.work_specs(urls=["https://x.example/1"]))
    td.reject(typed.id, "not a work of the requester")

    # The old stored form: each reason as its English sentence, as the code before message IDs wrote it.
    with s.ws.engine.begin() as conn:
        rows = conn.exec_driver_sql("SELECT id, status_reason FROM item WHERE status_reason IS NOT NULL").all()
        assert rows and all(r[1].startswith("{") for r in rows)  # today's form: messages
        for item_id, stored in rows:
            conn.exec_driver_sql("UPDATE item SET status_reason = ? WHERE id = ?", (reason_english(stored), item_id))
        stored = conn.exec_driver_sql("SELECT status_reason FROM takedown_request WHERE id = ?", (rec.id,)).scalar()
        english = td.show(rec.id).status_reason
        assert stored.startswith("{") and json.loads(stored)["msg"]
        conn.exec_driver_sql("UPDATE takedown_request SET status_reason = ? WHERE id = ?", (english, rec.id))

    said_before = 0
    for item_id, old in rows:
        sentence = reason_english(old)
        it = s.corpus.item(item_id, with_proof=False)
        assert it.status_reason == sentence  # the CLI's English: what was stored
        text = reason_text(it.reason_said, it.status_reason)
        assert english_sentences(text) == [], (item_id, sentence, text)
        said_before += text != sentence
    assert said_before == len(rows)  # every one of them read back, none shown as stored
    assert len(rows) >= 12
    view = td.show(rec.id)
    assert view.status_reason == english and view.reason_said is None  # stored as a sentence
    assert english.startswith("no identification of the material")
    chinese(legal_text(view.status_reason, view.reason_said))
    assert legal_text(td.show(typed.id).status_reason) == "not a work of the requester"  # typed: as typed
    s.ws.dispose()

    # The window, in Chinese, on that workspace: every item's details and the request.
    from tests.ui.test_i18n_dialogs import SHOTS, shoot
    from tests.ui.test_i18n_screens import Scan

    session.open(tmp_path / "ws")
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
    scan = Scan(qtbot, window, session)
    corpora = window.show_screen("corpora")
    shown = 0
    for corpus in ("hostile", "lines", "pq"):
        corpora.select_corpus(corpus)
        scan.settle()
        for row in range(corpora.model.rowCount()):
            corpora.select_row(row)
            scan(f"{corpus} item {row}")
            shown += 1
        if corpus == "lines":  # a look at one: the details of a line refused in an older workspace
            shoot(window, Path(os.environ.get(SHOTS) or tmp_path / "shots") / "legacy-reason-zh.png")
    page = window.show_screen("takedowns")
    page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
    scan.settle()
    page.select_request(rec.id)
    scan(f"request {rec.id}")
    assert shown >= len(rows)
    assert not scan.offenders, "English sentences in the Chinese window:\n" + scan.report()


def test_a_sentence_no_source_makes_is_shown_as_stored(zh):  # noqa: F811
    from ledger_app.ui.legacy_text import legacy_request_said, legacy_said
    from ledger_app.ui.reason_text import reason_text

    for typed in ("kept for the archive", "x: y", "the file was fine; nothing to do", ""):
        assert legacy_said(typed) is None and legacy_request_said(typed) is None
        assert reason_text(None, typed) == typed
    said = legacy_said("Line 7 is not a JSON object.")  # "Line {line} {problem}.", its problem a message too
    assert said is not None and str(said) == "Line 7 is not a JSON object." and said.args["line"] == "7"
    assert chinese(reason_text(None, "Line 7 is not a JSON object.")) != "Line 7 is not a JSON object."
