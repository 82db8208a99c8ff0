"""Append-only in the database: triggers for everyone, and privileges for the application role."""

from __future__ import annotations

import re
from pathlib import Path

import psycopg
import pytest
from teamkit import PASS, db_url, service

from ledger_app.core.errors import ConfigError
from ledger_app.storage import engine as engines

pytestmark = pytest.mark.postgres

DOC = Path(__file__).resolve().parents[2] / "docs" / "team-mode.md"
LEDGER_TABLES = ["ledger_entry", "ledger_node", "ledger_checkpoint"]
REFUSED = {
    "UPDATE": "UPDATE {t} SET {col} = {col}",
    "DELETE": "DELETE FROM {t}",
    "TRUNCATE": "TRUNCATE {t}",
}
COLUMN = {"ledger_entry": "type", "ledger_node": "hash", "ledger_checkpoint": "note"}


def grant_script(app_role: str) -> str:
    """The grant block of docs/team-mode.md, exactly as an administrator would run it."""
    text = DOC.read_text(encoding="utf-8")
    m = re.search(r"<!-- grants:[^\n]*-->\n```sql\n(.*?)```", text, re.S)
    assert m, "docs/team-mode.md lost its grant script"
    return re.sub(r"\bledger_app\b", app_role, m.group(1))


def connect(name: str, user: str | None = None) -> psycopg.Connection:
    return psycopg.connect(
        db_url(name, user).replace("postgresql+psycopg://", "postgresql://"), autocommit=True
    )


@pytest.fixture(scope="module")
def ledger_db(pg, tmp_path_factory):
    name = pg.create_database()
    svc = service(tmp_path_factory.mktemp("owner") / "ws", db_url(name))
    svc.init("example.com/append-only")
    svc.append([("ledger.note", {"text": f"n{i}"}) for i in range(5)])
    svc.ws.dispose()
    return name


@pytest.mark.parametrize("table", LEDGER_TABLES)
@pytest.mark.parametrize("op", sorted(REFUSED))
def test_triggers_refuse_changes_even_to_the_owner(ledger_db, table, op):
    with connect(ledger_db) as conn:
        with pytest.raises(psycopg.errors.RaiseException, match=f"{table} is append-only: {op} refused"):
            conn.execute(REFUSED[op].format(t=table, col=COLUMN[table]))
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0


def test_the_application_role_may_only_insert_and_select(pg, tmp_path):
    owner, app = pg.create_role("ledger_owner"), pg.create_role("ledger_app")
    name = pg.create_database(owner=owner)
    with connect(name) as conn:  # the administrator's database-level step from the document
        conn.execute(f'REVOKE ALL ON DATABASE "{name}" FROM PUBLIC')
        conn.execute(f'GRANT CONNECT, TEMPORARY ON DATABASE "{name}" TO "{app}"')
    admin = service(tmp_path / "admin", db_url(name, owner))
    admin.init("example.com/roles")
    admin.ws.dispose()
    with connect(name, owner) as conn:
        conn.execute(grant_script(app))

    # A member connected as the application role appends, rotates the key, erases personal data.
    member = service(tmp_path / "member", db_url(name, app), user="member@example.com")
    member.note("appended by the application role")
    member.rotate_key(new_passphrase=PASS)
    actor = member.show(1).actor
    member.erase_personal_data(actor, "test of erasure under the application role")
    assert member.verify().entries == 4

    # The owner drops every guard the triggers give; the privileges still refuse the application.
    with connect(name, owner) as conn:
        for t in LEDGER_TABLES:
            conn.execute(f"DROP TRIGGER {t}_append_only ON {t}")
        conn.execute("UPDATE ledger_checkpoint SET note = note")  # without triggers the owner could
    with connect(name, app) as conn:
        for t in LEDGER_TABLES:
            for stmt in REFUSED.values():
                with pytest.raises(
                    psycopg.errors.InsufficientPrivilege, match=f"permission denied for table {t}"
                ):
                    conn.execute(stmt.format(t=t, col=COLUMN[t]))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE ledger_key SET vkey = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM ledger_key")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE alembic_version SET version_num = '0001'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("CREATE TABLE intruder (x int)")
    assert service(tmp_path / "member", db_url(name, app)).verify().entries == 4


def test_the_application_role_cannot_migrate_and_says_so(pg, tmp_path):
    owner, app = pg.create_role("old_owner"), pg.create_role("old_app")
    name = pg.create_database(owner=owner)
    engine = engines.make_engine(db_url(name, owner))
    try:
        engines.upgrade(engine, "0001")
        if engines.head_revision() == "0001":
            pytest.skip("only one schema revision exists, so there is nothing to migrate")
    finally:
        engine.dispose()
    with connect(name, owner) as conn:
        conn.execute(grant_script(app))
    ws = service(tmp_path / "member", db_url(name, app)).ws
    with pytest.raises(
        ConfigError, match="is at schema revision 0001 .* run any `ledger` command once as the owner"
    ):
        ws.engine  # noqa: B018 - opening the database is what fails
    # The owner's open upgrades it; then the application role works.
    owner_ws = service(tmp_path / "owner", db_url(name, owner)).ws
    assert engines.current_revision(owner_ws.engine) == engines.head_revision()
