"""Kept drafts in the window, as legal staff would use them: an incomplete notice kept as a draft
is found in the Takedowns page's list of drafts (its requester kind, what it lacks, when kept),
opened in the new-request form pre-filled, amended into a recorded request; another is discarded
after a confirmation. Screenshots of the list in English and Chinese go to $DRAFTS_SHOTS if set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor


@pytest.fixture()
def page(window, session, cases, qtbot):
    ws, _ids = cases
    session.open(ws)
    window.show()
    qtbot.waitExposed(window)
    return window.show_screen("takedowns")


def keep_draft(page, qtbot, tmp_path, *, requester: str, kind: str, url: str, n: int) -> None:
    dialog = page.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("dmca"))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    qtbot.keyClicks(dialog.requester_edit, requester)
    qtbot.keyClicks(dialog.email_edit, "pat@example.org")
    qtbot.keyClicks(dialog.links_edit, url)
    assert not dialog.ok_button.isEnabled() and dialog.draft_button.isEnabled()
    letters = tmp_path / f"letters{n}"
    letters.mkdir()
    page.ask_folder = lambda purpose, title: str(letters)
    dialog.draft_button.click()
    qtbot.waitUntil(lambda: f"Kept as draft D{n}" in page.message.text(), timeout=20_000)


def cells(dialog) -> list[list[str]]:
    m = dialog.model
    return [[m.item(r, c).text() for c in range(m.columnCount())] for r in range(m.rowCount())]


def amend(page, dialog, qtbot):
    """Amend… on the selected draft: the form opens once the draft is read."""
    before = page.new_request_dialog
    dialog.amend_button.click()
    qtbot.waitUntil(lambda: page.new_request_dialog is not before and page.new_request_dialog.isVisible(),
                    timeout=20_000)
    return page.new_request_dialog


def shot(widget, name: str) -> None:
    folder = os.environ.get("DRAFTS_SHOTS")
    if folder:
        widget.grab().save(str(Path(folder) / name))


def test_drafts_listed_amended_into_a_request_and_discarded(page, window, session, qtbot, tmp_path):
    td = session.services.takedown
    before = len(td.list())
    keep_draft(page, qtbot, tmp_path, requester="Pat Sender", kind="rights_org", url="https://photos.example/p/1", n=1)
    keep_draft(page, qtbot, tmp_path, requester="Lee Other", kind="individual", url="https://photos.example/p/2", n=2)

    page.drafts_button.click()
    dialog = page.drafts_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2, timeout=20_000)
    rows = cells(dialog)
    assert [r[0] for r in rows] == ["D1", "D2"]
    assert rows[0][2] == "Rights organisation" and rows[1][2] == "Individual"
    assert rows[0][3].startswith("a signature — 512(c)(3)(A)(i)\n") and "--" not in rows[0][3]  # what it lacks
    assert rows[0][4][:4].isdigit()  # when it was kept
    dialog.resize(900, 420)
    shot(dialog, "drafts_en.png")

    # Amend D1: the form comes pre-filled; adding the signature, the work and the statements records it.
    dialog.table.selectRow(0)
    form = amend(page, dialog, qtbot)
    assert form.requester_edit.text() == "Pat Sender" and form.email_edit.text() == "pat@example.org"
    assert form.kind_combo.currentData() == "rights_org" and form.type_combo.currentData() == "dmca"
    assert form.links_edit.toPlainText() == "https://photos.example/p/1"
    assert form.works_tabs.currentWidget() is form.links_edit  # the tab with the draft's identifications
    assert not form.ok_button.isEnabled()
    qtbot.keyClicks(form.signature_edit, "/Pat Sender/")
    qtbot.keyClicks(form.work_edit, "Sunset over the harbour, 2024")
    form.good_faith_check.setChecked(True)
    form.accurate_check.setChecked(True)
    assert form.ok_button.isEnabled()
    shot(form, "amend_en.png")
    form.ok_button.click()
    qtbot.waitUntil(lambda: "Draft D1 recorded as request #" in page.message.text(), timeout=20_000)
    assert not form.isVisible()
    assert len(td.list()) == before + 1  # recorded: a request now, with its one URL (not added twice)
    rid = page.current["id"]
    assert td.show(rid).status == "validated" and len(td.works(rid)) == 1
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1 and cells(dialog)[0][0] == "D2", timeout=20_000)

    # Discard D2: asked first; Cancel keeps it, the destructive button deletes it.
    dialog.table.selectRow(0)
    dialog.discard_button.click()
    box = page.discard_confirm
    qtbot.waitUntil(box.isVisible, timeout=5_000)
    assert "D2" in box.text()
    box.button(box.StandardButton.Cancel).click()
    assert [d.draft for d in td.drafts()] == [2]
    assert "letters written for it are deleted" in box.text()
    written = sorted(p.name for p in (tmp_path / "letters2").iterdir())
    assert written and all(n.startswith("missing_elements.") for n in written)  # the letter kept with D2
    dialog.discard_button.click()
    page.discard_confirm_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0 and dialog.empty.isVisible(), timeout=20_000)
    assert td.drafts() == [] and "Draft D2 discarded." in dialog.result.text()
    assert f"{len(written)} letter file(s) deleted." in dialog.result.text()
    assert list((tmp_path / "letters2").iterdir()) == []  # its letter went with it
    assert len(td.list()) == before + 1  # discarding records nothing


def test_the_drafts_list_in_chinese(page, window, session, qtbot, tmp_path):
    from ledger_app.ui import i18n_build

    i18n_build.build()
    keep_draft(page, qtbot, tmp_path, requester="Pat Sender", kind="rights_org", url="https://photos.example/p/1", n=1)
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: page.drafts_button.text() != "Drafts…", timeout=5_000)
    page.drafts_button.click()
    dialog = page.drafts_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    assert dialog.windowTitle() != "Kept drafts" and dialog.amend_button.text() != "Amend…"
    assert cells(dialog)[0][2] == "权利组织" and cells(dialog)[0][3].startswith("签名 —— 512(c)(3)(A)(i)")
    assert dialog.model.headerData(3, Qt.Orientation.Horizontal) != "Missing"
    dialog.resize(900, 420)
    shot(dialog, "drafts_zh.png")
    dialog.table.selectRow(0)
    shot(amend(page, dialog, qtbot), "amend_zh.png")
    window.set_language("en")


def test_an_amendment_still_incomplete_is_kept_in_the_draft(page, window, session, qtbot, tmp_path):
    td = session.services.takedown
    before = len(td.list())
    keep_draft(page, qtbot, tmp_path, requester="Pat Sender", kind="rights_org", url="https://photos.example/p/1", n=1)
    page.drafts_button.click()
    dialog = page.drafts_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=20_000)
    shot(page, "page_en.png")
    form = amend(page, dialog, qtbot)
    qtbot.keyClicks(form.signature_edit, "/Pat Sender/")
    form.links_edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(form.links_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(form.links_edit, "https://photos.example/p/9")
    assert not form.ok_button.isEnabled() and form.draft_button.text() == "Keep as draft with these changes"
    form.draft_button.click()
    qtbot.waitUntil(lambda: "Draft D1 kept with the changes; still missing:" in page.message.text(), timeout=20_000)
    assert not form.isVisible() and len(td.list()) == before  # still a draft, nothing recorded
    (draft,) = td.drafts()
    assert not any("(A)(i)" in m for m in draft.missing) and any("(A)(ii)" in m for m in draft.missing)
    assert draft.works == 2  # the new URL added, the one already there not twice
    # The requester was sent a request for the missing elements when the draft was kept: a new one now.
    assert "A new letter asks for what is still missing:" in page.message.text()
    assert (tmp_path / "letters1" / "missing_elements.en.eml").exists()
    assert (tmp_path / "letters1" / "missing_elements-2.en.eml").exists()
    qtbot.waitUntil(lambda: not cells(dialog)[0][3].startswith("a signature"), timeout=20_000)
    # Opened again, the form shows what was kept.
    again = amend(page, dialog, qtbot)
    assert again.signature_edit.text() == "/Pat Sender/"
    assert again.links_edit.toPlainText().splitlines() == ["https://photos.example/p/1", "https://photos.example/p/9"]
    # An identification taken out of the form is taken out of the draft.
    again.links_edit.setPlainText("https://photos.example/p/9")
    again.draft_button.click()
    qtbot.waitUntil(lambda: not again.isVisible(), timeout=20_000)
    assert [w["url"] for w in td.draft_body(1).works] == ["https://photos.example/p/9"]
    # Kept from the form while the list is open, a draft appears in it.
    keep_draft(page, qtbot, tmp_path, requester="Lee Other", kind="individual", url="https://photos.example/p/2", n=2)
    qtbot.waitUntil(lambda: [r[0] for r in cells(dialog)] == ["D1", "D2"], timeout=20_000)
    # Discarded elsewhere meanwhile (`ledger takedown discard 1`): Amend… says so, and the list follows.
    td.discard_draft(1)
    dialog.table.selectRow(0)
    dialog.amend_button.click()
    qtbot.waitUntil(lambda: "there is no draft 1" in dialog.problem.text(), timeout=20_000)
    qtbot.waitUntil(lambda: [r[0] for r in cells(dialog)] == ["D2"], timeout=20_000)
