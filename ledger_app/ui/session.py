"""The open workspace and the services over it, shared by every page.

A session owns the task runner and the passphrase provider, opens a workspace (the heavy imports
of SQLAlchemy and the services happen here, after the window is visible), and tells pages when
the workspace changed (opened, reopened, or appended to) so they re-read it.

A team database is a server that may be slow, down or unreachable, so `open_in_background`
connects (and brings the schema up to date) on a worker thread of the task helper, with a bounded
connect timeout, and switches to the new workspace only once it is ready: until then, and if it
fails, the current workspace stays open. `open` does the same on the calling thread; it is for a
workspace's own SQLite file, which opens in milliseconds.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from PySide6.QtCore import QObject, Signal

from ledger_app.core.errors import UserError
from ledger_app.ui.qtcompat import emit
from ledger_app.ui.tasks import Task, TaskRunner

if TYPE_CHECKING:
    from ledger_app.services import LedgerService, Services, Workspace


DB_ENV = "LEDGER_DATABASE_URL"  # storage.workspace.DB_ENV, named here to keep SQLAlchemy unimported


def effective_url(db_url: str | None) -> str | None:
    """The database URL a Workspace will use: the one given, else LEDGER_DATABASE_URL, else SQLite."""
    return db_url or os.environ.get(DB_ENV) or None


def is_team_url(db_url: str | None) -> bool:
    url = effective_url(db_url)
    return bool(url) and not url.startswith("sqlite")


def display_url(db_url: str) -> str:
    """A database URL as shown to people: without its password or query parameters."""
    parts = urlsplit(db_url)
    netloc = parts.netloc
    if "@" in netloc:
        cred, host = netloc.rsplit("@", 1)
        netloc = f"{cred.split(':', 1)[0]}@{host}"
    return urlunsplit(parts._replace(netloc=netloc, query=""))


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
        self.opening: Task | None = None  # the workspace being opened in the background

    @property
    def is_open(self) -> bool:
        return self.ws is not None

    def open(self, path: Path | None = None, db_url: str | None = None) -> None:
        """Open the workspace at `path` (default: the per-user workspace), creating its folder.

        On this thread: meant for a local SQLite workspace. A team database goes through
        `open_in_background`.
        """
        self._switch_to(self._prepare(path, db_url, connect=False))

    def open_in_background(
        self,
        path: Path | None = None,
        db_url: str | None = None,
        *,
        on_opened: Callable[[], None] | None = None,
        on_failed: Callable[[BaseException, str], None] | None = None,
    ) -> Task:
        """Connect to the workspace's database on a worker thread, then switch to it here.

        The current workspace stays open while connecting and if connecting fails or is cancelled.
        A second call cancels the first: the last workspace asked for is the one opened. Neither
        callback runs after a cancel (Task.cancel(), TaskRunner.cancel_all()): whoever cancels
        knows, and a window being closed must not be called back.
        """
        if self.opening is not None:
            self.opening.cancel()

        def work(_progress, _cancelled) -> Services:  # worker thread: no Qt here
            return self._prepare(path, db_url, connect=True)

        def ready(services: Services) -> None:
            if task.cancel_requested:  # cancelled while connecting: drop what was opened
                services.ws.dispose()
                return
            self._switch_to(services)
            if on_opened:
                on_opened()

        def finished() -> None:
            if self.opening is task:
                self.opening = None

        task = self.runner.run("open workspace", work, on_success=ready, on_error=on_failed)
        task.finished.connect(finished)
        self.opening = task
        return task

    def _prepare(self, path: Path | None, db_url: str | None, *, connect: bool) -> Services:
        """A workspace and its services, not yet the session's; with `connect`, its database is
        reached and its schema brought up to date (any thread: nothing here touches Qt)."""
        from ledger_app.services import Services, open_workspace

        ws = open_workspace(path, db_url)  # a team database is given services.team_connect_timeout_s()
        try:
            ws.path.mkdir(parents=True, exist_ok=True)
            if connect:
                ws.store  # noqa: B018 - connects, upgrades the schema, and fails here if it cannot
        except BaseException:
            ws.dispose()
            raise
        # One Services object per workspace: its LedgerService is the session's, so the signing
        # key is unlocked (and the passphrase asked) once for every page.
        return Services(ws, self.passphrase)

    def _switch_to(self, services: Services) -> None:
        self.close()
        self.ws = services.ws
        self.services = services
        self.ledger = services.ledger
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

    def notify_ledger_created(self) -> None:
        """The open workspace now holds a ledger: every page re-reads it as if just opened."""
        emit(self.opened)
        emit(self.ledger_changed)

    def notify_data_changed(self) -> None:
        """Corpora, items or requests changed; every write of theirs appended ledger entries too."""
        emit(self.data_changed)
        emit(self.ledger_changed)
