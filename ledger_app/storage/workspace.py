"""A workspace: one ledger, its settings, its encrypted keys and its database connection.

Layout of a workspace directory:

    config.json          typed settings (core/settings.py)
    ledger.db            the embedded SQLite database (unless a PostgreSQL URL is given)
    keys/<key id>.json   signing keys, encrypted with scrypt + ChaCha20-Poly1305
    checkpoint.latest    the newest checkpoint this workspace has seen: a witness kept outside the
                         database, so cutting the tail of the ledger is caught even if the attacker
                         also deletes the checkpoints that covered it
    journal/             purge journals (crash-safe resume)
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import platformdirs
from sqlalchemy.engine import Engine

from ledger_app.core.errors import ConfigError
from ledger_app.core.settings import Settings
from ledger_app.ledger.store import LedgerStore
from ledger_app.storage import engine as engines

DB_ENV = "LEDGER_DATABASE_URL"
WORKSPACE_ENV = "LEDGER_WORKSPACE"


def default_workspace_dir() -> Path:
    env = os.environ.get(WORKSPACE_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("provenance-ledger", appauthor=False)) / "workspace"


class Workspace:
    def __init__(self, path: Path | None = None, db_url: str | None = None):
        self.path = (path or default_workspace_dir()).expanduser().resolve()
        self.db_url = db_url or os.environ.get(DB_ENV) or engines.sqlite_url(self.path / "ledger.db")
        self.settings = Settings(self.path / "config.json")
        self._engine: Engine | None = None
        self._store: LedgerStore | None = None

    @property
    def is_team(self) -> bool:
        return not self.db_url.startswith("sqlite")

    @property
    def keys_dir(self) -> Path:
        return self.path / "keys"

    @property
    def witness_path(self) -> Path:
        return self.path / "checkpoint.latest"

    @property
    def journal_dir(self) -> Path:
        return self.path / "journal"

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if not self.is_team and not self.path.is_dir():
                raise ConfigError(
                    f"there is no workspace at {self.path}; create one with `ledger init` (or pass --workspace)"
                )
            self._engine = engines.make_engine(self.db_url)
            engines.upgrade(self._engine)
        return self._engine

    @property
    def store(self) -> LedgerStore:
        if self._store is None:
            self._store = LedgerStore(self.engine)
        return self._store

    def create_dirs(self) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        self.keys_dir.mkdir(mode=0o700, exist_ok=True)
        self.journal_dir.mkdir(exist_ok=True)

    # --- workspace_meta ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        ph = "?" if self.engine.dialect.name == "sqlite" else "%s"
        with self.engine.connect() as conn:
            row = conn.exec_driver_sql(f"SELECT value FROM workspace_meta WHERE key = {ph}", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, conn, key: str, value: str) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
        ph = "?" if conn.dialect.name == "sqlite" else "%s"
        conn.exec_driver_sql(f"DELETE FROM workspace_meta WHERE key = {ph}", (key,))
        conn.exec_driver_sql(f"INSERT INTO workspace_meta (key, value) VALUES ({ph},{ph})", (key, value))

    def read_witness(self) -> str | None:
        try:
            return self.witness_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def update_witness(self, note: str, size: int) -> None:
        """Remember `note` as the newest checkpoint seen, unless a larger one is already kept.

        Several processes may append at once; the lock makes read-compare-replace one step, so the
        witness only ever grows.
        """
        lock_path = self.path / ".witness.lock"
        with open(lock_path, "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = self.read_witness()
            if current:
                lines = current.split("\n")
                if len(lines) > 1 and lines[1].isdigit() and int(lines[1]) >= size:
                    return
            tmp = self.witness_path.with_name(f".checkpoint.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(note)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.witness_path)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._store = None
