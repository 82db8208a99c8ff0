"""A ledger written at the oldest schema revision still verifies, and still grows, after upgrading to head."""

from __future__ import annotations

import sqlite3
import time

import psycopg
import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory
from teamkit import PASS, db_url, service

from ledger_app.ledger import keys as keyfiles
from ledger_app.ledger.entries import encode_entry
from ledger_app.services.ledger import TreeHeadSigner
from ledger_app.services.workspace import Workspace
from ledger_app.storage import engine as engines
from ledger_app.storage import personal


def oldest_revision() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(engines.MIGRATIONS))
    return ScriptDirectory.from_config(cfg).get_base()


def build_at_oldest(path, url: str) -> None:
    """What a client of the first schema revision wrote: a key, an init entry and some batches.

    Only the store and the 0001 tables are used, so later changes to the services do not change
    what "an old ledger" is.
    """
    origin = "example.com/old-ledger"
    engine = engines.make_engine(url)
    try:
        engines.upgrade(engine, oldest_revision())
        assert engines.current_revision(engine) == oldest_revision() == "0001"
        ws = Workspace(path, url)
        ws.create_dirs()
        key = keyfiles.create_key_file(ws.keys_dir / "k.json", origin, PASS, scrypt_n=2**14)
        final = ws.keys_dir / f"{key.verifier.key_id.hex()}.json"
        (ws.keys_dir / "k.json").rename(final)
        ws._engine = engine  # this workspace stays at the old revision while it writes
        signer = TreeHeadSigner(origin, [key])
        with ws.store.write_transaction() as conn:
            ph = "?" if conn.dialect.name == "sqlite" else "%s"
            ws.set_meta(conn, "origin", origin)
            conn.exec_driver_sql(
                f"INSERT INTO ledger_key (key_id, name, vkey, encrypted, active, created_at) VALUES ({ph},{ph},{ph},{ph},{ph},{ph})",
                (key.verifier.key_id.hex(), origin, key.vkey, final.read_text(), True, time.time()),
            )
            actor = personal.commit(conn, "actor", {"name": "old client"}, dedupe_on="old client")
            leaf = encode_entry("ledger.init", {"origin": origin, "vkey": key.vkey}, actor=actor)
            ws.store.append([("ledger.init", leaf)], signer, conn=conn)
        for b in range(3):
            leaves = [
                ("ledger.note", encode_entry("ledger.note", {"text": f"old {b}.{i}"}, actor=actor))
                for i in range(5)
            ]
            res = ws.store.append(leaves, signer)
        ws.advance_witness(res.checkpoint.note, [key.verifier], lambda a, b: ws.store.consistency_proof(a, b)[1])
        ws.settings.set("ledger.origin", origin)
    finally:
        engine.dispose()


def upgrade_and_check(path, url: str) -> None:
    svc = service(path, url)
    rep = svc.verify(deep=True)  # opening the workspace upgrades it
    assert engines.current_revision(svc.ws.engine) == engines.head_revision()
    assert (rep.entries, rep.checkpoints) == (16, 4)
    svc.note("written after the upgrade")
    rep = service(path, url).verify(deep=True)
    assert (rep.entries, rep.checkpoints) == (17, 5)
    assert svc.show(3).payload == {"text": "old 0.2"}


def test_sqlite_workspace_from_the_oldest_revision(tmp_path):
    path = tmp_path / "ws"
    url = engines.sqlite_url(path / "ledger.db")
    path.mkdir()
    build_at_oldest(path, url)
    upgrade_and_check(path, url)
    # The migrations must not have lost the append-only triggers (batch mode recreates tables).
    conn = sqlite3.connect(path / "ledger.db")
    for t in ("ledger_entry", "ledger_node", "ledger_checkpoint"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(f"DELETE FROM {t}")


@pytest.mark.postgres
def test_postgresql_database_from_the_oldest_revision(fresh_db, tmp_path):
    name = fresh_db()
    url = db_url(name)
    build_at_oldest(tmp_path / "ws", url)
    upgrade_and_check(tmp_path / "ws", url)
    with psycopg.connect(url.replace("+psycopg", ""), autocommit=True) as conn:
        for t in ("ledger_entry", "ledger_node", "ledger_checkpoint"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(f"DELETE FROM {t}")
