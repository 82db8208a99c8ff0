"""The open workspace and the services over it, shared by every page.

A session owns the task runner and the passphrase provider, opens a workspace (the heavy imports
of SQLAlchemy and the services happen here, after the window is visible), and tells pages when
the workspace changed (opened, reopened, or appended to) so they re-read it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ledger_app.core.errors import UserError
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from ledger_app.services import LedgerService, Services
    from ledger_app.storage.workspace import Workspace


class Session(QObject):
    opened = Signal()  # a (different) workspace is open
    ledger_changed = Signal()  # entries were appended through this session
    data_changed = Signal()  # corpora, items or takedown requests changed (ingest, purge, review…)

    def __init__(self, passphrase: Callable[[bool], str] | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = TaskRunner(self)
        if passphrase is None:
            from ledger_app.ui.passphrase import PassphraseProvider

            passphrase = PassphraseProvider(self)
        self.passphrase = passphrase
        self.ws: Workspace | None = None
        self.ledger: LedgerService | None = None
        self.services: Services | None = None

    @property
    def is_open(self) -> bool:
        return self.ws is not None

    def open(self, path: Path | None = None, db_url: str | None = None) -> None:
        """Open the workspace at `path` (default: the per-user workspace), creating its folder."""
        from ledger_app.services import Services
        from ledger_app.storage.workspace import Workspace

        self.close()
        ws = Workspace(path, db_url or None)
        ws.path.mkdir(parents=True, exist_ok=True)
        self.ws = ws
        # One Services object per workspace: its LedgerService is the session's, so the signing
        # key is unlocked (and the passphrase asked) once for every page.
        self.services = Services(ws, self.passphrase)
        self.ledger = self.services.ledger
        emit(self.opened)

    def close(self) -> None:
        if self.ws is not None:
            self.ws.dispose()
        self.ws = None
        self.ledger = None
        self.services = None

    def has_ledger(self) -> bool:
        if self.ledger is None:
            return False
        try:
            self.ledger.origin  # noqa: B018 - reading it checks the database holds a ledger
        except UserError:
            return False
        return True

    @property
    def workspace_id(self) -> str:
        """A stable key for per-workspace preferences (path and database; the URL is hashed later)."""
        assert self.ws is not None
        return f"{self.ws.path}|{self.ws.db_url}"

    def notify_appended(self) -> None:
        emit(self.ledger_changed)

    def notify_data_changed(self) -> None:
        """Corpora, items or requests changed; every write of theirs appended ledger entries too."""
        emit(self.data_changed)
        emit(self.ledger_changed)
