"""`python -m ledger_app.ui.screenshots OUTDIR`: a PNG of each main screen, for reviewers.

Builds the demo workspace (`ledger demo` with a small photo count: corpora ingested, takedowns
located, reviewed, purged and certified), opens the main window at a fixed size and grabs every
screen with QWidget.grab() — items with a selected item's detail, a request's review screen with
its evidence, its certificate preview, a rights check — then some screens again in the dark theme
(with the new-request dialog, and Settings after a team database did not answer) and in
Simplified Chinese; and in each of the three, the legal team's case view, the queue filtered, the
review with its numbers, and the counter-notice and GDPR dialogs.
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
    from ledger_app.services.demo.story import DEMO_PASSPHRASE, run_story

    os.environ.pop("LEDGER_PASSPHRASE", None)
    demo = run_story(tmp / "demo", log=lambda m: None, photos=40)
    ws = Path(demo.workspace)
    from ledger_app.services import Services, open_workspace

    svc = Services(open_workspace(ws), lambda confirm: DEMO_PASSPHRASE)
    for r in svc.cases.queue():
        if r.type == "gdpr":
            svc.cases.add_note(r.id, "Called Lena to confirm which photos; she sent the account name by e-mail.")
            svc.cases.assign(r.id, "a.legal")
    svc.ws.dispose()
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

    def wait_drawn(widget, timeout_s: float = 5.0) -> None:
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

    def legal_shots(suffix: str) -> None:
        """The case view, the queue filtered, the review with its numbers, and the counter-notice and
        GDPR dialogs (issue 17), each as the legal team sees it."""
        page = window.show_screen("takedowns")
        requests = {r["type"]: r["id"] for r in page.queue.rows}
        gdpr_id = requests.get("gdpr") or page.queue.rows[0]["id"]
        page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
        page.select_request(gdpr_id)
        page.tabs.setCurrentWidget(page.case_scroll)
        wait_tasks()
        written.append(grab(f"takedowns-case{suffix}"))
        page.type_combo.setCurrentIndex(page.type_combo.findData("publisher"))
        page.search_edit.setText("harbour")
        page.view_combo.setCurrentIndex(page.view_combo.findData("closed"))
        written.append(grab(f"takedowns-queue-filters{suffix}"))
        page.search_edit.clear()
        page.type_combo.setCurrentIndex(0)
        page.view_combo.setCurrentIndex(page.view_combo.findData("all"))
        page.select_request(gdpr_id)  # photos: perceptual matches with their distances and inliers
        page.tabs.setCurrentWidget(page.review_tab)
        for k in range(page.matches.rowCount()):  # a perceptual match: the PDQ distance and inliers
            if page.matches.record(k)["method"] == "perceptual":
                page.matches_table.selectRow(k)
                break
        written.append(grab(f"takedowns-review-numbers{suffix}"))
        page.select_request(requests.get("publisher") or gdpr_id)
        d = page.open_counter_notice()
        d.signature.setText("/S. Ubscriber/")
        d.material.setText("Harbour plan article, re-hosted copy")
        d.location.setText("https://aggregator.example/harbour-plan")
        d.name.setText("Sam Ubscriber")
        d.mistake.setChecked(True)
        for _ in range(3):
            app.processEvents()
        path = out / f"counter-notice{suffix}.png"
        d.grab().save(str(path))
        written.append(path)
        d.reject()
        page.select_request(gdpr_id)
        g = page.open_gdpr()
        g.tabs.setCurrentIndex(1)
        g.ground.setCurrentIndex(g.ground.findData("e"))
        if g.items.count():
            from PySide6.QtCore import Qt

            g.items.item(0).setCheckState(Qt.CheckState.Checked)
        g.reason.setPlainText("Kept as evidence in pending litigation about this photograph.")
        for _ in range(3):
            app.processEvents()
        path = out / f"gdpr{suffix}.png"
        g.grab().save(str(path))
        written.append(path)
        g.reject()
        legal_action_shots(page, gdpr_id, requests.get("publisher") or gdpr_id, suffix)
        page.tabs.setCurrentWidget(page.review_tab)

    def legal_action_shots(page, gdpr_id: int, holder_id: int, suffix: str) -> None:
        """The ownership check, the Art. 19 register and a reply letter (issue 17)."""
        page.select_request(holder_id)
        o = page.open_ownership()
        o.evidence.setPlainText("Publisher's contract with the author, clause 4 (rights assigned), seen 3 March")
        r = page.open_reply()
        page.select_request(gdpr_id)
        wait_tasks()
        rc = page.open_recipients()
        wait_tasks()
        for d, name in ((o, "ownership"), (r, "reply"), (rc, "recipients")):
            for _ in range(3):
                app.processEvents()
            path = out / f"{name}{suffix}.png"
            d.grab().save(str(path))
            written.append(path)
            d.reject()

    corpora = window.pages["corpora"]
    takedowns = window.pages["takedowns"]
    rights = window.pages["rights"]
    wait_tasks()
    corpora.select_row(0)
    for k in range(corpora.model.rowCount()):  # an item with Content Credentials, if there is one
        rec = corpora.model.record(k)
        if rec and rec.status == "admitted" and rec.c2pa.get("state") not in (None, "none"):
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
        [corpora.model.record(0).sha256, "https://photos.example/never-ingested.jpg"]))
    rights.check()
    wait_tasks()
    for screen in SCREENS:
        window.show_screen(screen)
        written.append(grab(screen))
    certs = list(demo.certificates)
    if certs and Path(certs[0]).with_suffix(".pdf").exists():
        # The request the certificate was issued for, so the header above the preview matches it.
        rid = json.loads(Path(certs[0]).read_text(encoding="utf-8"))["request"]["id"]
        takedowns.select_request(rid)
        takedowns.tabs.setCurrentWidget(takedowns.certificate_tab)
        takedowns.show_certificate_file(Path(certs[0]), rid, None)
        window.show_screen("takedowns")
        wait_drawn(takedowns.pdf.view.viewport())
        written.append(grab("takedowns-certificate"))
        takedowns.tabs.setCurrentWidget(takedowns.review_tab)
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
    legal_shots("")
    aiact = window.show_screen("aiact")
    aiact.scope.setCurrentIndex(aiact.scope.count() - 1)  # the demo's training run
    aiact.preview_button.click()
    wait_tasks()
    written.append(grab("aiact"))
    window.set_theme("dark")
    for screen in ("dashboard", "ledger", "takedowns", "corpora", "rights", "aiact"):
        window.show_screen(screen)
        written.append(grab(f"{screen}-dark"))
    legal_shots("-dark")
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
    legal_shots("-zh_CN")
    window.set_language("en")
    window.close()
    for p in written:
        print(p)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
