"""The Chinese window leaves no English sentence in its dialogs either.

test_i18n_screens.py walks the main screens; this opens every dialog and message box a person meets
(passphrase, first run, origin, new request of each type, counter-notice, GDPR, ownership, recipients,
reply, reasons for reject / extend / court action, drafts, purge and restore confirmations, review
decisions not recorded, register corpus, error boxes, About) in zh_CN, offscreen, and scans what each
shows with the same scanner (three or more plain English words holding a function word). A couple
of them are grabbed as PNG screenshots into the test's folder, so a person can look at them.
"""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from ledger_app.ui import i18n_build
from tests.ui.test_i18n_screens import english_sentences, visible_texts

SHOTS = "PL_I18N_SHOTS"  # a folder to keep the screenshots in (the test's tmp_path otherwise)


class DialogScan:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.offenders: dict[str, set[str]] = {}
        self.seen: list[str] = []

    def __call__(self, where: str, dialog: QWidget) -> None:
        self.qtbot.waitUntil(dialog.isVisible, timeout=20_000)
        for _ in range(3):
            QApplication.processEvents()
        self.seen.append(where)
        texts = visible_texts(dialog)
        texts.append(("window title", dialog.windowTitle()))
        for place, text in texts:
            for sentence in english_sentences(text):
                self.offenders.setdefault(sentence, set()).add(f"{where} / {place}: {text[:300]!r}")

    def report(self) -> str:
        return "\n".join(f"{s!r}\n    " + "\n    ".join(sorted(w)[:3]) for s, w in sorted(self.offenders.items()))


def shoot(widget: QWidget, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(path))
    return path


@pytest.fixture()
def zh_page(window, session, cases, qtbot):
    ws, _ids = cases
    session.open(ws)
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    i18n_build.build()
    window.set_language("zh_CN")
    qtbot.waitUntil(lambda: window.sidebar.item(0).text() == "概览")
    yield window.show_screen("takedowns")
    window.set_language("en")


def test_every_dialog_in_chinese_has_no_english_sentence(zh_page, window, cases, session, qtbot, tmp_path,
                                                          monkeypatch):
    import os

    from PySide6.QtWidgets import QMessageBox

    from ledger_app.core.errors import UserError
    from ledger_app.ui.errors import ErrorReportDialog, show_error
    from ledger_app.ui.first_run import FirstRunDialog
    from ledger_app.ui.origin import OriginDialog
    from ledger_app.ui.passphrase import PassphraseDialog

    shots = Path(os.environ.get(SHOTS) or tmp_path / "shots")
    page, (_ws, ids) = zh_page, cases
    scan = DialogScan(qtbot)

    def done(dialog: QWidget) -> None:
        dialog.close()
        QApplication.processEvents()

    # Asked before anything is signed, and on the first start.
    for confirm in (False, True):
        d = PassphraseDialog(confirm, window)
        d.open()
        scan(f"passphrase (confirm={confirm})", d)
        if confirm:
            shoot(d, shots / "passphrase-zh.png")
        done(d)
    for demo in (True, False):  # with the demo on offer, and without it
        d = FirstRunDialog(tmp_path / "new-ws", demo, window)
        d.open()
        scan(f"first run (demo={demo})", d)
        done(d)
    d = OriginDialog(window)  # what "Create the ledger" asks first
    d.open()
    scan("origin", d)
    done(d)

    # A new request, of each type (each shows its own fields).
    d = page.open_new_request()
    combo = d.type_combo
    for i in range(combo.count()):
        combo.setCurrentIndex(i)
        scan(f"new request type {combo.itemData(i)}", d)
        if combo.itemData(i) == "dmca":
            shoot(d, shots / "new-request-dmca-zh.png")
    done(d)

    # The case's legal steps: a DMCA notice, then a GDPR erasure.
    page.select_request(ids["dmca"])
    qtbot.waitUntil(lambda: page.current is not None and page.current["id"] == ids["dmca"], timeout=20_000)
    for name, opener in [("counter-notice", page.open_counter_notice), ("ownership", page.open_ownership),
                         ("reply", page.open_reply), ("reject", page.reject_request),
                         ("extend", page.extend_request), ("court action", page.court_action)]:
        d = opener()
        if d is None:  # not offered for this request's state
            continue
        scan(name, d)
        if name == "counter-notice":
            shoot(d, shots / "counter-notice-zh.png")
        done(d)
    box = page.confirm_purge({"id": ids["dmca"], "items": 3, "shards": 1, "corpora": ["photos"]})
    scan("purge confirmation", box)
    shoot(box, shots / "purge-confirm-zh.png")
    page.purge_confirm = None
    done(box)
    w = session.services.legal.restore_window(ids["dmca"])  # no counter-notice yet: nothing to restore
    box = page.confirm_restore(ids["dmca"], w)
    scan("restore: nothing yet", box)
    page.restore_confirm = None
    done(box)
    opened = SimpleNamespace(can_restore=True, reason="the window closed on 2026-12-01; restore now", said=None)
    box = page.confirm_restore(ids["dmca"], opened)
    scan("restore confirmation", box)
    page.restore_confirm = None
    done(box)
    page.select_request(ids["gdpr"])
    qtbot.waitUntil(lambda: page.current["id"] == ids["gdpr"], timeout=20_000)
    for name, opener in [("gdpr", page.open_gdpr), ("recipients", page.open_recipients)]:
        d = opener()
        assert d is not None, name
        scan(name, d)
        done(d)
    d = page.open_drafts()
    scan("drafts", d)
    box = page.ask_discard(1)
    scan("discard draft", box)
    done(box)
    done(d)
    # A file dialog (Qt's own, its words from Qt's catalogue), as the import of a request file opens one.
    from PySide6.QtWidgets import QFileDialog

    d = QFileDialog(window, "x", str(tmp_path))
    d.setOption(QFileDialog.Option.DontUseNativeDialog)
    d.setWindowTitle("")
    d.open()
    scan("file dialog", d)
    done(d)

    # Review decisions not yet recorded: a blocking box, answered as soon as it shows.
    seen: list[QMessageBox] = []

    def answer(self) -> int:
        QWidget.show(self)
        scan("decisions not recorded", self)
        seen.append(self)
        self.hide()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    page.ask_unrecorded({ids["dmca"]: 2})
    assert seen
    monkeypatch.undo()

    # Registering a corpus, the About box, an expected error and an unexpected one.
    d = window.show_screen("corpora").open_register_dialog()
    scan("register corpus", d)
    done(d)
    box = window.show_about()
    scan("about", box)
    done(box)
    box = show_error(window, UserError("x"))  # the box's own words, around a sentence said elsewhere
    box.setText("")
    scan("expected error", box)
    done(box)
    d = ErrorReportDialog(window, RuntimeError("boom"), "Traceback (most recent call last): …")
    d.report.hide()  # the report itself is Python's, in English by design: for support, not for reading
    d.open()
    scan("unexpected error", d)
    done(d)

    assert {"passphrase (confirm=True)", "origin", "counter-notice", "gdpr", "purge confirmation", "about",
            "recipients", "drafts", "register corpus"} <= set(scan.seen)
    assert not scan.offenders, "English sentences in the Chinese dialogs:\n" + scan.report()
