"""Engine and session setup for the embedded SQLite workspace and for a shared PostgreSQL database.

SQLite: WAL, full fsync, a generous busy timeout; transactions begin with a plain BEGIN unless the
caller asks for `BEGIN IMMEDIATE` (ledger appends do: it takes the write lock up front, so two
processes appending at once queue instead of failing half-way).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_BUSY_MS = 60_000


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"isolation_level": None, "timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
            cur.execute("PRAGMA foreign_keys=ON")
            # Erased personal data must not linger in free pages.
            cur.execute("PRAGMA secure_delete=ON")
            cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

        return engine
    return create_engine(url, pool_pre_ping=True)


def _alembic_config(conn: Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (numbered migrations; safe to call on every open)."""
    if current_revision(engine) == head_revision() and revision == "head":
        return
    with engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE") as conn:
        if conn.dialect.name == "postgresql":
            with conn.begin():
                # Serialise concurrent first opens of a fresh shared database.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7243001)")
                command.upgrade(_alembic_config(conn), revision)
        else:
            with conn.begin():
                command.upgrade(_alembic_config(conn), revision)
