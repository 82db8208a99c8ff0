"""A workspace: one ledger, its settings, its encrypted keys and its database connection.

Layout of a workspace directory:

    config.json          typed settings (core/settings.py)
    ledger.db            the embedded SQLite database (unless a PostgreSQL URL is given)
    keys/<key id>.json   signing keys, encrypted with scrypt + ChaCha20-Poly1305
    checkpoint.latest    the newest checkpoint this workspace has seen: a witness kept outside the
                         database, so cutting the tail of the ledger is caught even if the attacker
                         also deletes the checkpoints that covered it. It only ever moves to a
                         checkpoint proven consistent with it (`advance_witness`).
    checkpoint.rolled-back-*  witnesses set aside by an acknowledged rollback (kept, never read)
    journal/             purge journals (crash-safe resume)
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection, Engine

from ledger_app.core.errors import ConfigError, VerificationError
from ledger_app.core.paths import default_workspace_dir
from ledger_app.core.settings import Settings
from ledger_app.ledger.anchor import check_extends
from ledger_app.ledger.checkpoint import Checkpoint, open_checkpoint
from ledger_app.ledger.note import Verifier
from ledger_app.ledger.store import LedgerStore
from ledger_app.storage import engine as engines
from ledger_app.storage.tables import WorkspaceMeta

_META = WorkspaceMeta

DB_ENV = "LEDGER_DATABASE_URL"


def _private(path: Path, flags: int) -> int:
    """Open (creating) a workspace file owner-only: 0600 from the start, not after the fact."""
    return os.open(path, flags | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)


class Workspace:
    def __init__(self, path: Path | None = None, db_url: str | None = None):
        self.path = (path or default_workspace_dir()).expanduser().resolve()
        self.db_url = db_url or os.environ.get(DB_ENV) or engines.sqlite_url(self.path / "ledger.db")
        self.settings = Settings(self.path / "config.json")
        self._engine: Engine | None = None
        self._store: LedgerStore | None = None
        # (witness text, verifier keys) -> the checkpoint it opened to: re-reading the unchanged
        # file before every append need not verify its signature again.
        self._witness_opened: tuple[tuple[str, tuple[str, ...]], Checkpoint] | None = None

    @property
    def is_team(self) -> bool:
        return not self.db_url.startswith("sqlite")

    @property
    def database_label(self) -> str:
        """The database as messages name it: the SQLite file, or the server URL without a password."""
        if not self.is_team:
            return str(self.path / "ledger.db") if self.db_url == engines.sqlite_url(self.path / "ledger.db") \
                else self.db_url.removeprefix("sqlite:///")
        from sqlalchemy import make_url

        return make_url(self.db_url).render_as_string(hide_password=True)

    @property
    def is_connected(self) -> bool:
        """Whether the database engine has been made (by the first use of `engine`), not yet disposed."""
        return self._engine is not None

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
            self.tighten()
            db = self.path / "ledger.db"
            if not self.is_team and self.db_url == engines.sqlite_url(db) and not db.exists():
                # Created owner-only before SQLite opens it; SQLite gives its -wal and -shm the same mode.
                os.close(os.open(db, os.O_WRONLY | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600))
            self._engine = engines.make_engine(self.db_url)
            engines.upgrade(self._engine)
        return self._engine

    @property
    def store(self) -> LedgerStore:
        if self._store is None:
            self._store = LedgerStore(self.engine)
        return self._store

    def create_dirs(self) -> None:
        self.path.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.keys_dir.mkdir(mode=0o700, exist_ok=True)
        self.journal_dir.mkdir(mode=0o700, exist_ok=True)
        self.tighten()

    #: What a workspace holds (see the module docstring); only these are tightened, so a workspace
    #: made inside a folder with other things in it does not change those things.
    OWN_FILES = ("config.json", "config.tmp", "ledger.db", "ledger.db-wal", "ledger.db-shm", "ledger.db-journal",
                 "checkpoint.latest", ".witness.lock")
    OWN_PREFIXES = ("checkpoint.", ".checkpoint.")
    OWN_DIRS = ("keys", "journal", "locks")

    def tighten(self) -> None:
        """Directories 0700 and files 0600: a workspace holds personal data and encrypted keys, which
        other local users must not read. New files are created so; an older workspace made with
        looser modes (0644 files in a 0755 folder) is tightened when it is opened."""
        if not self.path.is_dir():
            return
        entries = [(self.path, 0o700)] + [(self.path / n, 0o600) for n in self.OWN_FILES]
        entries += [(p, 0o600) for p in self.path.iterdir() if p.name.startswith(self.OWN_PREFIXES) and p.is_file()]
        for d in self.OWN_DIRS:
            sub = self.path / d
            if sub.is_dir() and not sub.is_symlink():
                entries.append((sub, 0o700))
                entries += [(p, 0o700 if p.is_dir() else 0o600) for p in sub.iterdir() if not p.is_symlink()]
        for p, mode in entries:
            try:
                st = os.lstat(p)
            except OSError:
                continue
            if st.st_uid == os.geteuid() and (st.st_mode & 0o777) & ~mode:
                try:
                    os.chmod(p, (st.st_mode & 0o777) & mode)
                except OSError:
                    pass  # a file we cannot change is left as it is; opening the workspace goes on

    # --- workspace_meta ---------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            value = conn.execute(select(_META.c.value).where(_META.c.key == key)).scalar()
        return None if value is None else str(value)

    def set_meta(self, conn: Connection, key: str, value: str) -> None:
        conn.execute(delete(_META).where(_META.c.key == key))
        conn.execute(insert(_META).values(key=key, value=value))

    def read_witness(self) -> str | None:
        try:
            return self.witness_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def open_witness(self, verifiers: Sequence[Verifier]) -> Checkpoint | None:
        """The witness checkpoint, its signature verified; None if this workspace has none yet."""
        text = self.read_witness()
        if not text:
            return None
        key = (text, tuple(v.vkey for v in verifiers))
        cached = self._witness_opened
        if cached is not None and cached[0] == key:
            return cached[1]  # the same bytes, verified under the same keys a moment ago
        try:
            cp = open_checkpoint(text, list(verifiers))
            self._witness_opened = (key, cp)
            return cp
        except VerificationError as exc:
            raise VerificationError(
                f"the workspace's witness checkpoint {self.witness_path} does not verify under the ledger's keys: {exc}",
                what="witness",
            ) from None

    def advance_witness(
        self,
        note: str,
        verifiers: Sequence[Verifier],
        prove: Callable[[int, int], Sequence[bytes]],
        opened: Checkpoint | None = None,
    ) -> bool:
        """Move the witness to the signed checkpoint `note` if, and only if, it is proven to extend it.

        `opened`: `note` as opened by the caller who signed it (`LedgerService`), under keys that
        `verifiers` include; otherwise it is opened here. The note written is remembered as opened.

        `prove(old_size, new_size)` returns the RFC 6962 consistency proof between two sizes (from
        the store; the proof is checked against the two signed roots, so where it comes from does
        not matter). A checkpoint no larger than the witness must be a proven prefix of it (another
        process appended after it and advanced the witness first) and leaves it as it is. Anything
        else raises VerificationError ("rollback" or "fork") and the witness stays. Returns whether
        the file changed. Several processes may append at once; the lock makes read-check-replace
        one step.
        """
        new = opened if opened is not None else open_checkpoint(note, list(verifiers))
        with os.fdopen(_private(self.path / ".witness.lock", os.O_RDWR), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            current = self.open_witness(verifiers)
            if current is not None:
                if new.size <= current.size:
                    proof = prove(new.size, current.size) if 0 < new.size < current.size else []
                    check_extends(new, current, proof, old_name="the checkpoint just signed",
                                  new_name="the workspace's witness checkpoint")
                    return False
                proof = prove(current.size, new.size) if current.size else []
                check_extends(current, new, proof, old_name="the workspace's witness checkpoint",
                              new_name="the checkpoint just signed")
            self._write_witness(note)
            self._witness_opened = ((note, tuple(v.vkey for v in verifiers)), new)
            return True

    def replace_witness_after_rollback(self, note: str) -> Path | None:
        """Set the old witness aside (kept as checkpoint.rolled-back-<size>-<time>) and start anew from `note`.

        Only `LedgerService.acknowledge_rollback` calls this, after recording the acknowledgement
        (with the old witness's checkpoint) as a signed ledger entry.
        """
        with os.fdopen(_private(self.path / ".witness.lock", os.O_RDWR), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            old = self.read_witness()
            kept = None
            if old:
                lines = old.split("\n")
                size = lines[1] if len(lines) > 1 and lines[1].isdigit() else "unknown"
                kept = self.path / f"checkpoint.rolled-back-{size}-{int(time.time())}"
                with os.fdopen(_private(kept, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as f:
                    f.write(old)
            self._write_witness(note)
            return kept

    def _write_witness(self, note: str) -> None:
        tmp = self.witness_path.with_name(f".checkpoint.{os.getpid()}.tmp")
        with os.fdopen(_private(tmp, os.O_WRONLY | os.O_TRUNC), "w", encoding="utf-8") as f:
            f.write(note)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.witness_path)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
            self._store = None
