"""Opening a workspace from the main window: at start (the last one, or the default; the demo
offered on the very first start), from Settings or after the demo is built. A team database is
connected to in the background, said on the Settings page and in the status bar, and can be
cancelled; the current workspace stays open until the new one is ready, and review decisions not
yet recorded are settled first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QProgressDialog,
)

from ledger_app.core.errors import UserError
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.session import is_team_url
from ledger_app.ui.tasks import Task


class WorkspaceOpening:
    """A part of MainWindow (mainwindow.py), which holds the pages, session and preferences."""

    def start(self) -> None:
        """Open the workspace after the window is visible; offer the demo on first start.

        A workspace's own SQLite file opens here at once; a team database is connected to in the
        background (see Session.open_in_background), and `started` follows when that ends.
        """
        folder = Path(self.prefs.workspace_dir) if self.prefs.workspace_dir else None
        if folder is None:
            from ledger_app.core.paths import default_workspace_dir

            folder = default_workspace_dir()
        first_start = not folder.exists()
        db_url = self.prefs.database_url or None

        def opened() -> None:
            if first_start and not self.prefs.first_run_done and not os.environ.get("LEDGER_APP_NO_FIRST_RUN"):
                self.offer_demo(folder)
            self.prefs.first_run_done = True
            emit(self.started)

        def failed(exc: BaseException, report: str) -> None:
            self._show_error(exc, report)
            emit(self.started)

        if is_team_url(db_url):
            self._open_in_background(str(folder), db_url or "", then=opened, failed=failed)
            return
        try:
            self.session.open(folder, db_url)
        except UserError as exc:
            failed(exc, "")
            return
        opened()

    def offer_demo(self, folder: Path) -> None:
        from ledger_app.ui.first_run import FirstRunDialog, demo_builder

        builder = demo_builder()
        dialog = FirstRunDialog(folder, builder is not None, self)
        self.first_run_dialog = dialog
        if builder is not None:
            dialog.accepted.connect(lambda: self.build_demo(builder, folder.parent / "demo-workspace"))
        dialog.open()

    def build_demo(self, builder, target: Path) -> None:
        progress = QProgressDialog(self.tr("Building the demo workspace…"), self.tr("Cancel"), 0, 0, self)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)

        def on_progress(done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(done)

        def opened(_result) -> None:
            progress.close()
            self.open_workspace(str(target), "")

        task = self.session.runner.run(
            "demo",
            lambda p, c: builder(target, p, c),
            writes=True,
            on_progress=on_progress,
            on_success=opened,
            on_cancelled=progress.close,
            on_error=lambda exc, report: (progress.close(), self._show_error(exc, report)),
        )
        progress.canceled.connect(task.cancel)

    def _show_error(self, exc: BaseException, report: str) -> None:
        from ledger_app.ui.errors import show_error

        show_error(self, exc, report)

    def open_workspace(self, folder: str, db_url: str) -> Task | None:
        """Open another workspace (Settings, the demo) in the background; remembered once open.
        Review decisions not yet recorded in the current one are recorded or discarded first, as
        the user chooses; None if the user chose to stay."""

        def opened() -> None:
            self.prefs.workspace_dir = folder
            self.prefs.database_url = db_url

        started: list[Task] = []
        stay = not self.pages["takedowns"].settle_unrecorded(
            lambda: started.append(self._open_in_background(folder, db_url, then=opened)))
        return None if stay else (started[0] if started else None)

    def _open_in_background(self, folder: str, db_url: str, *, then: Callable[[], None],
                            failed: Callable[[BaseException, str], None] | None = None) -> Task:
        """Connect in the background, saying so on the Settings page and in the status bar.

        The current workspace stays open until the new one is ready. A failure the user can act
        on (an unreachable server, a wrong database) is a sentence on the Settings page, or in a
        message box when another screen is showing; anything unexpected gets the error report.
        """
        from ledger_app.ui.errors import error_text, is_expected

        settings = self.pages["settings"]
        message = settings.opening_message(folder, db_url)
        settings.show_opening(message)
        self.statusBar().showMessage(message)

        def opened() -> None:
            settings.show_open_finished()
            then()

        def on_failed(exc: BaseException, report: str) -> None:
            self._workspace_status()
            if is_expected(exc):
                settings.show_open_finished(error_text(exc))
                if self.stack.currentWidget() is settings and failed is None:
                    return
            else:
                settings.show_open_finished()
            (failed or self._show_error)(exc, report)

        return self.session.open_in_background(
            Path(folder).expanduser() if folder else None, db_url or None, on_opened=opened, on_failed=on_failed)

    def cancel_opening(self) -> None:
        """Stop waiting for the workspace being opened; the current one stays."""
        task = self.session.opening
        if task is None:
            return
        task.cancel()
        self.pages["settings"].show_open_cancelled()
        self._workspace_status()
