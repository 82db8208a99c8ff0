"""The new-request dialog: files dropped on it, URLs and article text pasted or dropped, CSV/JSON
lists imported through it (all or nothing, a bad file explained in a sentence), and the DMCA
elements checked as the user types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from ledger_app.ui import errors
from tests.ui.story_builders import photo_paths

ARTICLE = (
    "The harbour authority confirmed on Tuesday that the old ferry terminal will close at the end of "
    "the month, ending ninety years of crossings to the island."
)


def drag_and_drop(widget, mime: QMimeData) -> tuple[bool, bool]:
    """Deliver enter, move and drop to `widget` as Qt does for a drag from another application;
    returns (enter accepted, drop accepted). Qt delivers a drop only after an accepted enter."""
    centre = QPointF(widget.rect().center())
    action = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(centre, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, enter)
    if not enter.isAccepted():
        return False, False
    move = QDragMoveEvent(centre, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, move)
    drop = QDropEvent(centre, action, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, drop)
    return True, drop.isAccepted()


def file_urls(*paths: Path) -> QMimeData:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return mime


@pytest.fixture()
def claimed(tmp_path, data_dir) -> list[Path]:
    """Two files a requester might drop: a real photo and a text file, plus a folder holding one more."""
    photo = photo_paths(data_dir)[0]
    text = tmp_path / "article.txt"
    text.write_text(ARTICLE, encoding="utf-8")
    folder = tmp_path / "more"
    folder.mkdir()
    (folder / "second.txt").write_text(ARTICLE + " A second, longer copy.", encoding="utf-8")
    return [photo, text, folder]


@pytest.fixture()
def takedowns(window, session, small_ledger):
    session.open(small_ledger)
    return window.show_screen("takedowns")


def test_files_dropped_on_the_list_become_identifications(takedowns, claimed, qtbot):
    dialog = takedowns.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("publisher"))
    assert not dialog.ok_button.isEnabled()
    assert "identification of the material" in dialog.missing_label.text()
    photo, text, folder = claimed
    # Qt delivers a drag over a list to its viewport.
    assert drag_and_drop(dialog.files.viewport(), file_urls(photo, text, folder)) == (True, True)
    assert drag_and_drop(dialog.files.viewport(), file_urls(text)) == (True, True)  # dropped twice: kept once
    assert dialog.files.paths() == [photo, text, folder / "second.txt"]
    assert dialog.missing_label.text() == "" and dialog.ok_button.isEnabled()
    dialog.requester_edit.setText("Harbour Times")
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("news_publisher"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: takedowns.queue.rowCount() == 1 and "status" in (takedowns.current or {}), timeout=20_000)
    assert takedowns.current["status"] == "validated"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)  # closed once the request was recorded
    works = takedowns.td.works(takedowns.current["id"])
    assert [w.kind for w in works] == ["file", "file", "file"]
    assert [w.description for w in works] == ["q0122.jpg", "article.txt", "second.txt"]
    assert works[0].fp_kind == "image" and works[1].fp_kind == "text"
    assert works[0].value == works[0].sha256


def test_a_refused_request_keeps_the_form_open_with_the_reason(takedowns, claimed, tmp_path, qtbot):
    """The request is checked again when it is recorded (a dropped file may have gone since): a
    refusal is a sentence in the dialog, nothing typed is lost, and the corrected form goes through."""
    gone = tmp_path / "gone.jpg"
    gone.write_bytes(claimed[0].read_bytes())
    dialog = takedowns.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("publisher"))
    dialog.requester_edit.setText("Harbour Times")
    dialog.files.add_paths([gone])
    dialog.text_edit.setPlainText(ARTICLE)
    gone.unlink()
    size = takedowns.session.ws.store.size()
    QTest.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert dialog.submitting and not dialog.ok_button.isEnabled()  # no second request while recording
    qtbot.waitUntil(lambda: not dialog.submitting, timeout=20_000)
    assert dialog.isVisible() and dialog.failure_label.isVisible()
    assert "gone.jpg" in dialog.failure_label.text() and "Traceback" not in dialog.failure_label.text()
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()] == []
    assert dialog.requester_edit.text() == "Harbour Times" and dialog.files.paths() == [gone]
    assert dialog.text_edit.toPlainText() == ARTICLE and dialog.ok_button.isEnabled()
    assert takedowns.td.list() == [] and takedowns.session.ws.store.size() == size  # nothing recorded

    dialog.files.clear()
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20_000)
    (req,) = takedowns.td.list()
    assert [w.kind for w in takedowns.td.works(req.id)] == ["text"]
    assert takedowns.current["id"] == req.id


def test_dropping_on_the_dialog_anywhere_sorts_files_links_and_text(takedowns, claimed):
    dialog = takedowns.open_new_request()
    links_tab = dialog.works_tabs.indexOf(dialog.links_edit)
    dialog.works_tabs.setCurrentIndex(links_tab)
    photo, text, _folder = claimed
    # Files dropped on the form (not on the list, which is on a hidden tab) still land in the list.
    assert drag_and_drop(dialog, file_urls(photo, text)) == (True, True)
    assert dialog.files.paths() == [photo, text]
    assert dialog.works_tabs.currentWidget() is dialog.files.parentWidget()
    # Files dropped on a text field are files too, not file:// "URLs" of the work.
    dialog.works_tabs.setCurrentIndex(links_tab)
    assert drag_and_drop(dialog.links_edit.viewport(), file_urls(claimed[2] / "second.txt")) == (True, True)
    assert dialog.files.paths() == [photo, text, claimed[2] / "second.txt"]
    assert dialog.links_edit.toPlainText() == "" and dialog.form().urls == []
    # Links dragged from a browser become URLs, not files.
    links = QMimeData()
    links.setUrls([QUrl("https://daily.example/2026/story"), QUrl("https://daily.example/2026/other")])
    assert drag_and_drop(dialog, links) == (True, True)
    assert dialog.form().urls == ["https://daily.example/2026/story", "https://daily.example/2026/other"]
    assert dialog.works_tabs.currentIndex() == links_tab
    # ... also when dropped on the files list.
    one_more = QMimeData()
    one_more.setUrls([QUrl("https://daily.example/2026/third")])
    assert drag_and_drop(dialog.files.viewport(), one_more) == (True, True)
    assert dialog.form().urls[-1] == "https://daily.example/2026/third"
    assert len(dialog.files.paths()) == 3
    # Plain text: one hash per line is a list of hashes; a paragraph is the article.
    hashes = QMimeData()
    hashes.setText("a" * 64 + "\n" + "B" * 64 + "\n")
    assert drag_and_drop(dialog, hashes) == (True, True)
    assert dialog.form().hashes == ["a" * 64, "b" * 64]
    assert len(dialog.form().urls) == 3  # added to, not replaced
    article = QMimeData()
    article.setText(ARTICLE)
    assert drag_and_drop(dialog, article) == (True, True)
    assert dialog.form().texts == [ARTICLE]
    assert dialog.works_tabs.currentWidget() is dialog.text_edit
    # Something that is none of these is refused at the door.
    other = QMimeData()
    other.setData("application/x-unknown", b"\x00\x01")
    assert drag_and_drop(dialog, other) == (False, False)


def test_pasted_urls_and_hashes_are_told_apart(takedowns):
    dialog = takedowns.open_new_request()
    QGuiApplication.clipboard().setText("https://Daily.Example/2026/story/\n\n" + "C" * 64 + "\nexample.org/page\n")
    dialog.links_edit.paste()
    form = dialog.form()
    assert form.urls == ["https://Daily.Example/2026/story/", "example.org/page"]
    assert form.hashes == ["c" * 64]
    dialog.text_edit.setFocus()
    QGuiApplication.clipboard().setText(ARTICLE)
    dialog.text_edit.paste()
    assert dialog.form().texts == [ARTICLE]


def test_a_short_article_text_is_flagged_as_it_is_typed(takedowns):
    dialog = takedowns.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("publisher"))
    dialog.works_tabs.setCurrentWidget(dialog.text_edit)
    QTest.keyClicks(dialog.text_edit, "Harbour news")
    assert "a longer article text: 20 characters at least" in dialog.missing_label.text()
    assert not dialog.ok_button.isEnabled()
    QTest.keyClicks(dialog.text_edit, " from Tuesday")  # 25 characters
    assert dialog.missing_label.text() == "" and dialog.ok_button.isEnabled()


def test_dmca_elements_are_checked_as_they_are_typed(takedowns, claimed):
    dialog = takedowns.open_new_request()
    dialog.show()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("dmca"))
    assert dialog.dmca_box.isVisible()
    missing = dialog.missing_label.text
    for element in ("(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)"):
        assert f"512(c)(3)(A){element}" in missing()
    QTest.keyClicks(dialog.signature_edit, "/J. Doe/")
    assert "(A)(i)\n" not in missing() + "\n" and "(A)(ii)" in missing()
    QTest.keyClicks(dialog.work_edit, "Photo series 'Harbour'")
    assert "(A)(ii)" not in missing()
    QTest.keyClicks(dialog.email_edit, "legal@agency.example")
    assert "(A)(iv)" not in missing()
    # Deleting the e-mail again brings the element back at once.
    for _ in "legal@agency.example":
        QTest.keyClick(dialog.email_edit, Qt.Key.Key_Backspace)
    assert "(A)(iv)" in missing()
    QTest.keyClicks(dialog.email_edit, "legal@agency.example")
    QTest.mouseClick(dialog.good_faith_check, Qt.MouseButton.LeftButton)
    QTest.mouseClick(dialog.accurate_check, Qt.MouseButton.LeftButton)
    assert [line for line in missing().splitlines() if "512" in line] == [
        "• identification of the infringing material (files, URLs, hashes, text…) — 512(c)(3)(A)(iii)"]
    assert not dialog.ok_button.isEnabled()
    dialog.works_tabs.setCurrentWidget(dialog.links_edit)
    QTest.keyClicks(dialog.links_edit, "https://photos.example/harbour-1.jpg")
    assert missing() == "" and dialog.ok_button.isEnabled()
    # Another type drops the DMCA elements: only the material is required then.
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("gdpr"))
    assert not dialog.dmca_box.isVisible() and dialog.ok_button.isEnabled()
    dialog.links_edit.clear()
    assert "identification of the material" in missing() and not dialog.ok_button.isEnabled()


def _import_through_the_dialog(takedowns, path: Path, qtbot):
    dialog = takedowns.open_new_request()
    dialog.ask_import_path = lambda: str(path)
    tasks = []
    takedowns.session.runner.task_started.connect(tasks.append)
    dialog.import_button.click()
    assert not dialog.isVisible()  # the form gives way to the import
    assert len(tasks) == 1
    qtbot.waitUntil(lambda: tasks[0].done, timeout=20_000)
    qtbot.waitUntil(lambda: not takedowns.session.runner.active, timeout=5_000)
    return tasks[0]


def test_importing_a_csv_list(takedowns, tmp_path, qtbot):
    path = tmp_path / "notices.csv"
    path.write_text(
        "request,type,requester,requester_kind,received,url,hash,domain\n"
        "A,publisher,Daily Example,news_publisher,2026-03-02,https://daily.example/a,,\n"
        f"A,publisher,Daily Example,news_publisher,2026-03-02,,{'d' * 64},\n"
        "B,gdpr,Jane Roe,individual,2026-03-05,,,jane-roe.example\n",
        encoding="utf-8",
    )
    _import_through_the_dialog(takedowns, path, qtbot)
    assert takedowns.message.text() == "Imported 2 requests from notices.csv."
    listed = sorted(takedowns.td.list(), key=lambda r: r.id)
    assert [(r.type, r.status, r.received) for r in listed] == [
        ("publisher", "validated", "2026-03-02"), ("gdpr", "validated", "2026-03-05")]
    assert listed[1].due_by == "2026-04-05"  # GDPR: one month
    a, b = (takedowns.td.works(r.id) for r in listed)
    assert [(w.kind, w.value) for w in a] == [("url", "daily.example/a"), ("hash", "d" * 64)]
    assert [(w.kind, w.value) for w in b] == [("domain", "jane-roe.example")]
    assert takedowns.queue.rowCount() == 2
    assert takedowns.current["id"] == listed[-1].id


def test_importing_a_json_list(takedowns, tmp_path, qtbot):
    path = tmp_path / "notice.json"
    path.write_text(json.dumps({
        "type": "dmca", "requester": "Photo Agency", "requester_kind": "rights_org", "email": "legal@agency.example",
        "signature": "/J. Doe/", "work": "Harbour series", "good_faith": True, "accurate_under_penalty": "yes",
        "received": "2026-02-01",
        "works": ["https://photos.example/h1.jpg", {"hash": "e" * 64}, {"text": ARTICLE}],
    }), encoding="utf-8")
    _import_through_the_dialog(takedowns, path, qtbot)
    assert takedowns.message.text() == "Imported 1 requests from notice.json."
    (req,) = takedowns.td.list()
    assert (req.type, req.status) == ("dmca", "validated")
    works = takedowns.td.works(req.id)
    assert sorted(w.kind for w in works) == ["hash", "text", "url"]
    assert next(w for w in works if w.kind == "text").text == ARTICLE


def _open_dialogs() -> list:
    """The error dialogs errors.show_error keeps open (it lets go of any whose parent is gone)."""
    return errors.open_dialogs()


def _expected_error_boxes() -> list[QMessageBox]:
    return [d for d in _open_dialogs() if d.objectName() == "ExpectedErrorBox"]


@pytest.mark.parametrize("case,said", [
    ("bad hash in a later row", "line 3 of list.csv: 'not-a-hash' is not a SHA-256 value"),
    ("not UTF-8", "list.csv is not UTF-8 text"),
    ("unknown type in a later row", "line 3 of list.csv: unknown request type 'takedown'"),
    ("not a date", "line 3 of list.csv: the received date '02/03/2026' is not a date"),
    ("JSON that is not a list of requests", "list.json: a JSON import is one request object"),
])
def test_a_bad_list_is_explained_and_nothing_is_imported(takedowns, tmp_path, qtbot, case, said):
    path = tmp_path / ("list.json" if case.startswith("JSON") else "list.csv")
    good = "publisher,Daily Example,news_publisher,2026-03-02,https://daily.example/a"
    header = "request,type,requester,requester_kind,received,url,hash\n"
    content = {
        "bad hash in a later row": f"{header}A,{good},\nB,{good},not-a-hash\n",
        "not UTF-8": header + "A,publisher,Zeitung M\xfcnchen,news_publisher,2026-03-02,https://z.example/a,\n",
        "unknown type in a later row": f"{header}A,{good},\nB,takedown,X,individual,2026-03-02,https://x.example,\n",
        "not a date": f"{header}A,{good},\nB,publisher,X,individual,02/03/2026,https://x.example,\n",
        "JSON that is not a list of requests": json.dumps([{"type": "other", "url": "https://x.example"}, "oops"]),
    }[case]
    path.write_bytes(content.encode("latin-1" if case == "not UTF-8" else "utf-8"))
    for box in _expected_error_boxes():
        box.close()
    task = _import_through_the_dialog(takedowns, path, qtbot)
    assert task.done
    qtbot.waitUntil(lambda: bool(_expected_error_boxes()), timeout=5_000)
    (box,) = _expected_error_boxes()
    sentence = box.text()
    assert sentence.startswith(said) and "\n" not in sentence
    assert not any(isinstance(d, errors.ErrorReportDialog) for d in _open_dialogs())
    assert takedowns.td.list() == [], "a bad list must not be half-imported"
    assert takedowns.session.ws.store.size() == 31  # and the ledger recorded nothing of it
    box.close()
    qtbot.waitUntil(lambda: not _expected_error_boxes(), timeout=5_000)
