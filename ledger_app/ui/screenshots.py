"""`python -m ledger_app.ui.screenshots OUTDIR`: a PNG of each main screen, for reviewers.

Builds the demo workspace (`ledger demo` with a small photo count: corpora ingested, takedowns
located, reviewed, purged and certified), opens the main window at a fixed size and grabs every
screen with QWidget.grab() — items with a selected item's detail, a request's review screen with
its evidence, its certificate preview, a rights check — then some screens again in the dark theme
(with the new-request dialog, and Settings after a team database did not answer) and in
Simplified Chinese.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "screenshots")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    tmp = Path(tempfile.mkdtemp(prefix="ledger-screens-"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp / "config"))
    app = QApplication.instance() or QApplication([])
    from ledger_app.ui import i18n_build
    from ledger_app.ui.mainwindow import SCREENS, MainWindow
    from ledger_app.ui.prefs import Preferences
    from ledger_app.ui.session import Session
    from ledger_app.ui.theme import apply_theme

    apply_theme(app, "light")
    from ledger_app.demo.story import DEMO_PASSPHRASE, run_story

    os.environ.pop("LEDGER_PASSPHRASE", None)
    demo = run_story(tmp / "demo", log=lambda m: None, photos=40)
    ws = Path(demo["workspace"])
    i18n_build.build()
    session = Session(passphrase=lambda confirm: DEMO_PASSPHRASE)
    window = MainWindow(session, Preferences())
    window.resize(1200, 780)
    window.show()
    session.open(ws)
    ledger = window.pages["ledger"]
    from PySide6.QtCore import QEventLoop

    from ledger_app.ui.qtcompat import RefcountGuard

    RefcountGuard(app)
    ledger.verify_button.click()
    if ledger.verify_task is not None:
        loop = QEventLoop()
        ledger.verify_task.finished.connect(loop.quit)
        loop.exec()
    ledger.select_entry(7)

    def grab(name: str) -> Path:
        for _ in range(3):
            app.processEvents()
        path = out / f"{name}.png"
        window.grab().save(str(path))
        return path

    def wait_drawn(widget, timeout_s: float = 5.0) -> None:  # noqa: ANN001
        """Let a widget that draws in the background (QPdfView renders pages on a thread) finish."""
        import time

        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            image = widget.grab().toImage()
            step = max(1, image.width() // 100)
            if any(image.pixelColor(x, y).lightness() < 100
                   for y in range(0, image.height(), step) for x in range(0, image.width(), step)):
                return

    def wait_tasks() -> None:
        while session.runner.active:
            app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)

    written = []
    corpora = window.pages["corpora"]
    takedowns = window.pages["takedowns"]
    rights = window.pages["rights"]
    wait_tasks()
    corpora.select_row(0)
    for k in range(corpora.model.rowCount()):  # an item with Content Credentials, if there is one
        rec = corpora.model.record(k)
        if rec and rec["status"] == "admitted" and rec["c2pa"].get("state") not in (None, "none"):
            corpora.select_row(k)
            break
    # The review screen of a request with image evidence, else the first with matches.
    chosen = None
    for rec in takedowns.queue.rows:
        takedowns.select_request(rec["id"])
        if takedowns.evidence.claimed.has_image or takedowns.evidence.claimed.stack.currentWidget() is takedowns.evidence.claimed.text:
            chosen = rec["id"]
            break
        if chosen is None and rec["matches"]:
            chosen = rec["id"]
    if chosen is not None:
        takedowns.select_request(chosen)
    rights.links.setPlainText("\n".join(
        [corpora.model.record(0)["sha256"], "https://photos.example/never-ingested.jpg"]))
    rights.check()
    wait_tasks()
    for screen in SCREENS:
        window.show_screen(screen)
        written.append(grab(screen))
    certs = demo.get("certificates") or []
    if certs and Path(certs[0]).with_suffix(".pdf").exists():
        # The request the certificate was issued for, so the header above the preview matches it.
        takedowns.select_request(json.loads(Path(certs[0]).read_text(encoding="utf-8"))["request"]["id"])
        takedowns.tabs.setCurrentIndex(1)
        takedowns.certificate_result.setText(Path(certs[0]).name)
        takedowns.pdf.load(str(Path(certs[0]).with_suffix(".pdf")))
        window.show_screen("takedowns")
        wait_drawn(takedowns.pdf.view.viewport())
        written.append(grab("takedowns-certificate"))
        takedowns.tabs.setCurrentIndex(0)
        if chosen is not None:
            takedowns.select_request(chosen)
    corpora.detail.setCurrentIndex(1)
    window.show_screen("corpora")
    written.append(grab("corpora-manifest"))
    corpora.detail.setCurrentIndex(0)
    ledger.tabs.setCurrentIndex(1)
    window.show_screen("ledger")
    written.append(grab("ledger-checkpoint"))
    ledger.tabs.setCurrentIndex(0)
    aiact = window.show_screen("aiact")
    aiact.scope.setCurrentIndex(aiact.scope.count() - 1)  # the demo's training run
    aiact.preview_button.click()
    wait_tasks()
    written.append(grab("aiact"))
    window.set_theme("dark")
    for screen in ("dashboard", "ledger", "takedowns", "corpora", "rights", "aiact"):
        window.show_screen(screen)
        written.append(grab(f"{screen}-dark"))
    # A new DMCA notice half filled in, with the elements still missing spelled out.
    dialog = takedowns.open_new_request()
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("dmca"))
    dialog.requester_edit.setText("Photo Agency Ltd")
    dialog.email_edit.setText("legal@agency.example")
    dialog.signature_edit.setText("/J. Doe/")
    dialog.links_edit.setPlainText("https://photos.example/harbour-1.jpg")
    dialog.works_tabs.setCurrentWidget(dialog.links_edit)
    for _ in range(3):
        app.processEvents()
    path = out / "new-request-dark.png"
    dialog.grab().save(str(path))
    written.append(path)
    dialog.reject()
    # Settings after trying a team database that does not answer: a sentence, the workspace kept.
    settings = window.show_screen("settings")
    settings.db_url.setText("postgresql://ledger@127.0.0.1:1/ledger")
    settings.open_button.click()
    wait_tasks()
    written.append(grab("settings-unreachable-dark"))
    settings.db_url.clear()
    settings.ws_problem.clear()
    window.set_theme("light")
    window.set_language("zh_CN")
    for screen in ("dashboard", "corpora", "takedowns", "rights", "ledger", "aiact", "settings"):
        window.show_screen(screen)
        written.append(grab(f"{screen}-zh_CN"))
    window.set_language("en")
    window.close()
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
