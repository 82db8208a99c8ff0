"""The attacks of tests/ledger/test_tamper.py on PostgreSQL, done as the owner with the triggers disabled."""

from __future__ import annotations

import shutil

import psycopg
import pytest
from teamkit import db_url, service

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.store import LEVEL_SHIFT

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pristine(pg, tmp_path_factory):
    name = pg.create_database()
    path = tmp_path_factory.mktemp("ws") / "ws"
    svc = service(path, db_url(name))
    svc.init("example.com/pg-tamper")
    for batch in range(6):
        svc.append([("ledger.note", {"text": f"note {batch}-{i}"}) for i in range(7)])
    svc.ws.dispose()  # a template database must have no open connection
    return name, path


@pytest.fixture()
def victim(pg, pristine, tmp_path):
    """A copy of the pristine database (CREATE DATABASE … TEMPLATE) and of the member's workspace."""
    name, path = pristine
    copy = pg.create_database(template=name)
    shutil.copytree(path, tmp_path / "ws")
    return copy, tmp_path / "ws"


def owner(name: str) -> psycopg.Connection:
    conn = psycopg.connect(db_url(name).replace("+psycopg", ""), autocommit=True)
    for t in ("ledger_entry", "ledger_node", "ledger_checkpoint"):
        conn.execute(f"ALTER TABLE {t} DISABLE TRIGGER USER")
    return conn


def verify_fails(victim, match: str) -> VerificationError:
    name, path = victim
    with pytest.raises(VerificationError, match=match) as info:
        service(path, db_url(name)).verify()
    return info.value


def test_pristine_copy_verifies(victim):
    name, path = victim
    rep = service(path, db_url(name)).verify(deep=True)
    assert (rep.entries, rep.checkpoints) == (43, 7)


def test_a_changed_byte_is_named(victim):
    with owner(victim[0]) as conn:
        leaf = bytearray(conn.execute("SELECT leaf FROM ledger_entry WHERE idx = 17").fetchone()[0])
        leaf[40] ^= 0x01
        conn.execute("UPDATE ledger_entry SET leaf = %s WHERE idx = 17", (bytes(leaf),))
    assert verify_fails(victim, "entry 17").index == 17


def test_a_deleted_entry_is_named(victim):
    with owner(victim[0]) as conn:
        conn.execute("DELETE FROM ledger_entry WHERE idx = 9")
    assert verify_fails(victim, "entry 9 is missing").index == 9


def test_two_swapped_entries(victim):
    with owner(victim[0]) as conn:
        a = conn.execute("SELECT leaf, leaf_hash FROM ledger_entry WHERE idx = 12").fetchone()
        b = conn.execute("SELECT leaf, leaf_hash FROM ledger_entry WHERE idx = 30").fetchone()
        conn.execute("UPDATE ledger_entry SET leaf = %s, leaf_hash = %s WHERE idx = 12", b)
        conn.execute("UPDATE ledger_entry SET leaf = %s, leaf_hash = %s WHERE idx = 30", a)
    assert verify_fails(victim, r"entries 12\.\.15").index == 12


def test_the_tail_cut(victim):
    with owner(victim[0]) as conn:
        conn.execute("DELETE FROM ledger_entry WHERE idx >= 40")
    assert verify_fails(victim, "removed").index == 40


def test_the_tail_cut_cleanly_is_caught_by_the_witness(victim):
    """Entries, nodes and checkpoints cut back to a real earlier checkpoint: like restoring an old dump."""
    keep = 29
    with owner(victim[0]) as conn:
        assert (
            conn.execute("SELECT count(*) FROM ledger_checkpoint WHERE size = %s", (keep,)).fetchone()[0] == 1
        )
        conn.execute("DELETE FROM ledger_entry WHERE idx >= %s", (keep,))
        conn.execute("DELETE FROM ledger_checkpoint WHERE size > %s", (keep,))
        mask = (1 << LEVEL_SHIFT) - 1
        for (key,) in conn.execute("SELECT id FROM ledger_node").fetchall():
            if ((key & mask) + 1) << (key >> LEVEL_SHIFT) > keep:
                conn.execute("DELETE FROM ledger_node WHERE id = %s", (key,))
    assert verify_fails(victim, "last seen checkpoint covers 43 entries but only 29").index == 29


def test_an_edited_checkpoint(victim):
    with owner(victim[0]) as conn:
        note = conn.execute("SELECT note FROM ledger_checkpoint WHERE id = 3").fetchone()[0]
        conn.execute(
            "UPDATE ledger_checkpoint SET note = %s WHERE id = 3", (note.replace("\n15\n", "\n14\n", 1),)
        )
    verify_fails(victim, "checkpoint #3")
