"""Team-mode fixtures: real PostgreSQL databases on the test server, created and dropped per session.

The server is 127.0.0.1:5432 with trust authentication (override with LEDGER_TEST_PG_ADMIN, a URL
to a maintenance database such as postgres). Every database this session creates is named
`ledger_test_<session token>_<n>` and dropped at the end, together with any role it created.

An unreachable server fails the tests (CI must not pass by skipping them); set
LEDGER_SKIP_POSTGRES=1 to skip them on a machine without the server.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from psycopg import sql
from teamkit import ADMIN_URL, SKIP_ENV


class PgServer:
    """Creates uniquely named databases and roles and drops them all at the end of the session."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(4)
        self.databases: list[str] = []
        self.roles: list[str] = []

    def admin(self) -> psycopg.Connection:
        return psycopg.connect(ADMIN_URL.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)

    def create_database(self, *, template: str | None = None, owner: str | None = None) -> str:
        name = f"ledger_test_{self.token}_{len(self.databases)}"
        stmt = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template:
            stmt += sql.SQL(" TEMPLATE {}").format(sql.Identifier(template))
        if owner:
            stmt += sql.SQL(" OWNER {}").format(sql.Identifier(owner))
        with self.admin() as conn:
            conn.execute(stmt)
        self.databases.append(name)
        return name

    def create_role(self, stem: str) -> str:
        # Roles are cluster-wide and live until the session's cleanup: two tests asking for the same
        # stem get distinct roles.
        name = f"{stem}_{self.token}"
        n = 1
        while name in self.roles:
            n += 1
            name = f"{stem}{n}_{self.token}"
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(name)))
        self.roles.append(name)
        return name

    def _drop(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    def cleanup(self) -> None:
        with self.admin() as conn:
            # End every session on these databases at once (engines of finished tests keep pooled
            # connections), rather than letting each DROP … WITH (FORCE) wait for its own.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = ANY(%s) AND pid <> pg_backend_pid()",
                (self.databases,),
            )
        # Each DROP DATABASE waits for a checkpoint; dropped together they share one.
        with ThreadPoolExecutor(max_workers=8) as pool:
            list(pool.map(self._drop, self.databases))
        with self.admin() as conn:
            for role in reversed(self.roles):
                conn.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(role)))


@pytest.fixture(scope="session")
def pg() -> Iterator[PgServer]:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL team-mode tests skipped")
    server = PgServer()
    try:
        with server.admin() as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as e:
        pytest.fail(
            f"the PostgreSQL test server at {ADMIN_URL} is unreachable ({e}); start it, or set {SKIP_ENV}=1 "
            "to skip the team-mode tests on this machine",
            pytrace=False,
        )
    try:
        yield server
    finally:
        server.cleanup()


@pytest.fixture(scope="session")
def session_db(pg: PgServer) -> str:
    """One database for the whole session, for tests that only add to a shared ledger."""
    return pg.create_database()


@pytest.fixture()
def fresh_db(pg: PgServer) -> Callable[..., str]:
    """A factory of new empty databases (dropped at the end of the session): returns the name."""
    return pg.create_database
