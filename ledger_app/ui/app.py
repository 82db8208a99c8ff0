"""`ledger-app`: start the desktop application.

Only Qt is imported before the window is shown; SQLAlchemy, the services and the workspace are
loaded right after, from the event loop, so the window appears fast (bench/bench_ui.py measures it).
"""

from __future__ import annotations

import os
import sys
import time


def no_display_reason(env: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why a window cannot open here, or None. Qt itself would abort (a core dump, not a sentence)
    on a Linux machine with no display unless told to draw offscreen."""
    env = os.environ if env is None else env
    if not platform.startswith("linux") or env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return ("there is no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset). Run it on a "
            "desktop, over `ssh -X`, under `xvfb-run`, or with QT_QPA_PLATFORM=offscreen to try it without a "
            "screen; the `ledger` command does everything without one.")


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    reason = no_display_reason()
    if reason is not None:
        print(f"ledger-app: {reason}", file=sys.stderr)
        return 2
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
    schedule_start(window)
    if os.environ.get("LEDGER_APP_BENCH"):
        # bench/bench_ui.py: the clock stops when the window shows the opened workspace's data (the
        # dashboard's entry count, and its charts, which are read in the background), then quits.
        dashboard = window.pages["dashboard"]
        poll = QTimer(window)

        def report() -> None:
            shown = dashboard.health_values["size"].text()
            if window.isVisible() and dashboard.charts_loaded and shown[:1].isdigit():
                poll.stop()
                print(f"shown {time.perf_counter() - t0:.4f} {shown.replace(',', '')}", flush=True)
                app.quit()

        poll.timeout.connect(report)
        poll.start(2)
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
