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


def parse_args(argv: list[str]):  # argparse.Namespace
    """`ledger-app --help` and `--version` print and exit before Qt is even imported; Qt's own
    options (-style, -platform…) are passed through to QApplication."""
    import argparse

    from ledger_app import __version__

    parser = argparse.ArgumentParser(
        prog="ledger-app",
        description="Provenance Ledger, the desktop application: corpora and their items, takedown requests "
                    "from intake to certificate, rights checks and the signed ledger. The `ledger` command "
                    "does the same from a terminal.",
        epilog="The workspace opened is the one chosen in Settings (default: the per-user workspace), "
               "or LEDGER_WORKSPACE / LEDGER_DATABASE_URL when set. LEDGER_PASSPHRASE, when set, is used "
               "instead of asking for the signing key's passphrase.",
    )
    parser.add_argument("--version", action="version", version=f"ledger-app (Provenance Ledger) {__version__}")
    return parser.parse_known_args(argv)


def main(argv: list[str] | None = None) -> int:
    t0 = time.perf_counter()
    args = sys.argv[1:] if argv is None else list(argv[1:])
    _, qt_args = parse_args(args)  # --help / --version exit here, without a window
    reason = no_display_reason()
    if reason is not None:
        print(f"ledger-app: {reason}", file=sys.stderr)
        return 2
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ledger_app.ui.prefs import APPLICATION, ORGANIZATION, Preferences

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "ledger-app", *qt_args])
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
