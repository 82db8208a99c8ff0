"""Engine and session setup for the embedded SQLite workspace and for a shared PostgreSQL database.

SQLite: WAL, full fsync, a generous busy timeout; transactions begin with a plain BEGIN unless the
caller asks for `BEGIN IMMEDIATE` (ledger appends do: it takes the write lock up front, so two
processes appending at once queue instead of failing half-way).

PostgreSQL (team mode, docs/team-mode.md): psycopg 3, READ COMMITTED, and transaction-level
advisory locks for the two things that must happen one at a time across every client: schema
upgrades (here) and ledger appends (LedgerStore.take_write_lock).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, make_url, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

if TYPE_CHECKING:
    from alembic.config import Config

from ledger_app.core.errors import ConfigError

MIGRATIONS = Path(__file__).with_name("migrations")
#: The newest migration's revision, as recorded here so that opening an up-to-date workspace reads
#: one row instead of importing Alembic and every migration script (a third of the app's launch).
#: tests/test_schema.py checks it against the migrations' own head: a new migration updates it.
SCHEMA_HEAD = "manifest_0010"
_VERSION = text("SELECT version_num FROM alembic_version")
SQLITE_BUSY_MS = 60_000
PG_MIGRATION_LOCK = 7243001  # advisory lock key: "one schema upgrade at a time"
_PG_LOCK = text("SELECT pg_advisory_xact_lock(:key)")
#: How a SQLite transaction may begin (the execution option `sqlite_begin` names one).
_SQLITE_BEGIN = {"BEGIN": text("BEGIN"), "BEGIN IMMEDIATE": text("BEGIN IMMEDIATE")}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


# Seconds libpq waits for a PostgreSQL server to answer before giving up (psycopg's own default is
# 130 s, long enough to look like a hang in a window or a script). A URL's own connect_timeout wins.
PG_CONNECT_TIMEOUT_S = 10


def make_engine(url: str) -> Engine:
    for plain in ("postgresql://", "postgres://"):
        if url.startswith(plain):
            url = "postgresql+psycopg://" + url[len(plain) :]
    if not url.startswith(("sqlite:", "postgresql+psycopg://")):
        raise ConfigError(
            f"unsupported database URL {url.split('@')[-1]!r}: use postgresql://user@host:port/database "
            "(or postgresql+psycopg://…) for team mode"
        )
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"isolation_level": None, "timeout": SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        )

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
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
            conn.execute(_SQLITE_BEGIN[conn.get_execution_options().get("sqlite_begin", "BEGIN")])

        return engine
    # READ COMMITTED is part of the append invariant (see LedgerStore.take_write_lock): each statement after
    # the advisory lock must see what the previous lock holder committed. A server whose
    # default_transaction_isolation is REPEATABLE READ or SERIALIZABLE would take the snapshot
    # before the lock wait, so it is pinned here rather than left to the server's default.
    connect_args = {} if "connect_timeout" in make_url(url).query else {"connect_timeout": PG_CONNECT_TIMEOUT_S}
    return create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED", connect_args=connect_args)


def display_url(engine: Engine) -> str:
    """The engine's URL without its password, for messages."""
    return engine.url.render_as_string(hide_password=True)


def _alembic_config(conn: Connection) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str | None:
    """The migrations' head, read from the scripts themselves (Alembic)."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_current_head()


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with _connect(engine) as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _connect(engine: Engine) -> Connection:
    """A connection, or for a server that cannot be reached a ConfigError that says why."""
    try:
        return engine.connect()
    except OperationalError as e:
        if engine.dialect.name == "sqlite":
            raise
        reason = str(e.orig).strip().splitlines()[0] if e.orig else str(e)
        raise ConfigError(f"cannot connect to the database {display_url(engine)}: {reason}") from None


def _at_recorded_head(engine: Engine) -> bool:
    """Whether the database says it is at SCHEMA_HEAD (one row read; no Alembic import).

    Anything else (no version table yet, another revision, several rows) is for Alembic to judge."""
    with _connect(engine) as conn:
        try:
            rows = conn.execute(_VERSION).scalars().all()
        except (OperationalError, ProgrammingError):  # no version table yet: a new database
            return False
    return rows == [SCHEMA_HEAD]


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (numbered migrations; safe to call on every open)."""
    if revision == "head" and _at_recorded_head(engine):
        return
    from alembic import command

    with engine.connect().execution_options(sqlite_begin="BEGIN IMMEDIATE") as conn:
        if conn.dialect.name == "postgresql":
            try:
                with conn.begin():
                    # Concurrent first opens of a fresh shared database: the lock makes "read the
                    # schema revision, apply what is missing" one step, so the second client reads
                    # the revision only after the first committed (READ COMMITTED: a fresh snapshot
                    # per statement) and finds nothing left to do. DDL is transactional on
                    # PostgreSQL, so a failed upgrade leaves the old revision intact.
                    conn.execute(_PG_LOCK, {"key": PG_MIGRATION_LOCK})
                    command.upgrade(_alembic_config(conn), revision)
            except ProgrammingError as e:
                if getattr(e.orig, "sqlstate", None) != "42501":  # insufficient_privilege
                    raise
                raise ConfigError(
                    f"the database {display_url(engine)} is at schema revision {current_revision(engine)} and "
                    f"this version of the application needs {head_revision()}; the application role may not "
                    "change the schema, so ask the administrator to run any `ledger` command once as the "
                    "owner role (see docs/team-mode.md)"
                ) from None
        else:
            with conn.begin():
                command.upgrade(_alembic_config(conn), revision)
