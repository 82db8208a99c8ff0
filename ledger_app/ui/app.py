"""`ledger-app`: start the desktop application.

Only Qt is imported before the window is shown; SQLAlchemy, the services and the workspace are
loaded right after, from the event loop, so the window appears fast (bench/bench_ui.py measures it).
"""

from __future__ import annotations

import os
import sys
import time


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ledger_app.ui.prefs import APPLICATION, ORGANIZATION, Preferences

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Provenance Ledger")
    prefs = Preferences()
    from ledger_app.ui.qtcompat import RefcountGuard

    guard = RefcountGuard(app)  # noqa: F841 - kept alive by its parent; see qtcompat.py

    from ledger_app.ui.theme import apply_theme

    apply_theme(app, prefs.theme)
    if prefs.language != "en":
        from ledger_app.core.errors import ConfigError
        from ledger_app.ui.i18n import set_language

        try:
            set_language(prefs.language)
        except ConfigError as exc:  # a missing .qm must not stop the application
            print(f"ledger-app: {exc}", file=sys.stderr)

    from ledger_app.ui.mainwindow import MainWindow, schedule_start
    from ledger_app.ui.session import Session

    session = Session()
    window = MainWindow(session, prefs)
    window.show()
    if os.environ.get("LEDGER_APP_BENCH"):
        # bench/bench_ui.py: report once the event loop has shown the window, then quit.
        def report() -> None:
            print(f"visible {time.perf_counter() - t0:.4f} {int(window.isVisible())}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)
    else:
        schedule_start(window)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
