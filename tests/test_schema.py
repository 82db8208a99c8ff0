"""The declared tables (storage/tables.py) and the Alembic migrations describe the same schema, on a fresh database:
tables, columns, indexes, and each column's type, nullability and server default, on SQLite and on
PostgreSQL. A drift in any of them (say `leaf_hash` made nullable in the models only) fails."""

from __future__ import annotations

import os
import secrets

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import DefaultClause, Integer, MetaData, text

from ledger_app.storage import tables
from ledger_app.storage.engine import head_revision, make_engine, sqlite_url, upgrade

ADMIN_URL = os.environ.get("LEDGER_TEST_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")


def drift(engine, metadata: MetaData = tables.metadata) -> list:
    """Every difference between the migrated database and `metadata`, types and defaults included."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "compare_server_default": True})
        assert ctx.get_current_revision() == head_revision()
        return list(compare_metadata(ctx, metadata))


def _flat(diffs: list) -> list[tuple]:
    out = []
    for d in diffs:
        out.extend(_flat(d) if isinstance(d, list) else [d])
    return out


def altered_models() -> MetaData:
    """A copy of the models with three drifts an edit could bring in."""
    m = MetaData()
    for t in tables.metadata.sorted_tables:
        t.to_metadata(m)
    m.tables["ledger_entry"].c.leaf_hash.nullable = True
    m.tables["ledger_checkpoint"].c.size.type = Integer()  # a tree size past 2**31 would not fit
    m.tables["ledger_checkpoint"].c.key_id.server_default = DefaultClause(text("'x'"))
    return m


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, tmp_path):
    if request.param == "sqlite":
        eng = make_engine(sqlite_url(tmp_path / "s.db"))
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    if os.environ.get("LEDGER_SKIP_POSTGRES") == "1":
        pytest.skip("LEDGER_SKIP_POSTGRES=1: the PostgreSQL half of the schema check is skipped")
    import psycopg

    name = f"ledger_schema_{secrets.token_hex(4)}"
    admin = ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    eng = make_engine(admin.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://") + "/" + name)
    try:
        upgrade(eng)
        yield eng
    finally:
        eng.dispose()
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migrations_match_the_models(engine):
    assert drift(engine) == []


def test_a_nullable_leaf_hash_or_a_changed_type_or_default_is_caught(engine):
    found = {(d[0], d[2], d[3]) for d in _flat(drift(engine, altered_models()))}
    assert ("modify_nullable", "ledger_entry", "leaf_hash") in found
    assert ("modify_type", "ledger_checkpoint", "size") in found
    assert ("modify_default", "ledger_checkpoint", "key_id") in found
    assert len(found) == 3, found


def test_the_ledger_layer_declares_the_models_columns():
    """ledger/ may not import storage/, so ledger/schema.py declares the tables it reads and writes
    itself: each must name exactly the model's columns, with the same key, nullability and Python type."""
    from ledger_app.ledger import schema

    for name, table in schema.metadata.tables.items():
        model = tables.metadata.tables[name]
        assert set(table.c.keys()) == set(model.c.keys()), name
        for col in table.columns:
            want = model.c[col.name]
            where = f"{name}.{col.name}"
            assert col.primary_key == want.primary_key, where
            assert col.nullable == want.nullable, where
            assert _family(col.type) == _family(want.type), where


def _family(t) -> str:
    from sqlalchemy import Float, LargeBinary, String

    for kind, family in ((LargeBinary, "bytes"), (String, "str"), (Integer, "int"), (Float, "float")):
        if isinstance(t, kind):
            return family
    return type(t).__name__


def test_the_recorded_head_is_the_migrations_head():
    """Opening a workspace compares its version row with SCHEMA_HEAD instead of reading every
    migration script; a new migration that forgets to update it would leave schemas un-upgraded."""
    from ledger_app.storage.engine import SCHEMA_HEAD

    assert SCHEMA_HEAD == head_revision()


def test_a_database_one_revision_behind_is_still_upgraded(tmp_path):
    """The fast check must not skip an upgrade: a workspace at the previous revision opens at the head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from ledger_app.storage.engine import MIGRATIONS, current_revision

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(cfg)
    previous = scripts.get_revision(scripts.get_current_head()).down_revision
    engine = make_engine(sqlite_url(tmp_path / "w.db"))
    try:
        upgrade(engine, previous)
        assert current_revision(engine) == previous
        assert current_revision(engine) != head_revision()
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_opening_an_up_to_date_workspace_imports_neither_alembic_nor_an_orm(tmp_path):
    """The launch's cost: an up-to-date workspace opens, and its services start, with Core alone
    (no Alembic, SQLModel, pydantic or pyarrow import); each of these put a third to half a second
    back on every start when it crept in."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ledger_app.services import open_workspace\n"
        f"ws = open_workspace(Path({str(tmp_path)!r}), None)\n"
        "ws.create_dirs()\n"
        "print(ws.store.size())\n"
        "ws.dispose()\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.returncode == 0 and first.stdout.strip() == "0", first.stdout + first.stderr
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ledger_app.services import Services, open_workspace\n"
        f"ws = open_workspace(Path({str(tmp_path)!r}), None)\n"
        "ws.store.size()\n"
        "Services(ws, lambda confirm: 'unused').corpus.count_items()\n"
        "print(sorted(m for m in ('alembic', 'sqlmodel', 'pydantic', 'sqlalchemy.orm', 'pyarrow') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr
