"""The manifest index (`shard_manifest`, migration 0010): a shard's current manifest is an indexed
lookup, and the index is never trusted. The adversary is an insider with write access to the
database: a forged or altered row, a row moved to another entry, a deleted row, a row and ledger
leaf changed together must each be refused before anything is read, proven or listed through them
(services/stored.py `StoredItems._checkpoint` and `_prove`); `ledger log verify --store` compares
the whole index with the ledger (`check_index`)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent / "corpus"))
from corpus_builders import write_wds_shard

from ledger_app.core.errors import VerificationError
from ledger_app.ledger.manifest import MANIFEST_TYPE, index_fields, index_rows
from ledger_app.services.stored import StoredItems
from ledger_app.services.wiring import Services
from ledger_app.services.workspace import Workspace
from ledger_app.storage.repos import manifests as manifest_index

PASS = "manifest-index-pass"
ITEM = "wds:shard-001.tar#s00070"


@pytest.fixture(scope="module")
def ws(tmp_path_factory):
    d = tmp_path_factory.mktemp("mindex")
    (d / "c").mkdir()
    write_wds_shard(d / "c" / "shard-000.tar", 0, 70)
    write_wds_shard(d / "c" / "shard-001.tar", 70, 3, text_only=True)
    s = Services(Workspace(d / "ws"), passphrase=lambda c: PASS)
    s.ledger.init("example.com/manifest-index")
    s.corpus.add_corpus("wds", d / "c")
    s.corpus.ingest("wds", workers=1, store=True)
    return s


def fresh(s) -> StoredItems:
    """The stored items as another process sees them: nothing proven yet."""
    return StoredItems(s.ledger)


def sql(s, statement: str, **params) -> list:
    with s.ws.engine.begin() as conn:
        res = conn.execute(text(statement), params)
        return res.fetchall() if res.returns_rows else []


def manifest_entries(s) -> dict[int, tuple]:
    return {e.index: index_fields(e.leaf) for e in s.ws.store.entries(0, None, types=[MANIFEST_TYPE])}


def test_the_index_holds_one_row_per_manifest_entry_written_with_it(ws):
    with ws.ws.engine.connect() as conn:
        rows = manifest_index.all_rows(conn)
    assert rows == manifest_entries(ws) and len(rows) == 2
    st = fresh(ws)
    got = st.manifests("wds")
    assert {k: (m.index, m.fields()) for k, m in got.items()} == {
        (f[0], f[1]): (i, f) for i, f in rows.items()}
    assert st.check_index() == 2
    proof, verified = st.prove_item(ITEM)
    assert verified.shard == "shard-001.tar" and proof.manifest_index == got[("wds", "shard-001.tar")].index


def test_a_newer_manifest_of_a_shard_is_its_current_one(ws):
    st = fresh(ws)
    old = st.manifest("wds", "shard-001.tar")
    assert old is not None
    payload = {"corpus": "wds", "shard": "shard-001.tar", "count": old.count, "root": old.root,
               "store": {"schema": 2, "file": old.file, "sha256": old.file_sha256, "size": 1}}
    res = ws.ledger.append([(MANIFEST_TYPE, payload)])
    new = st.manifest("wds", "shard-001.tar")
    assert new is not None and new.index == res.first_index > old.index
    assert st.prove_item(ITEM)[0].manifest_index == new.index
    assert fresh(ws).manifests("wds")[("wds", "shard-001.tar")].index == new.index
    # The older entry deleted from the index would make the shard's old manifest current: refused.
    sql(ws, "DELETE FROM shard_manifest WHERE entry_idx = :i", i=new.index)
    try:
        with pytest.raises(VerificationError, match=f"entry {new.index} differs"):
            fresh(ws).manifests("wds")
        with pytest.raises(VerificationError, match="manifest index"):
            fresh(ws).prove_item(ITEM)
    finally:
        with ws.ws.engine.begin() as conn:
            manifest_index.record(conn, new.index, 1, index_rows(new.index, [(MANIFEST_TYPE, ws.ws.store.entry(new.index).leaf)]))
    assert fresh(ws).check_index() == 3


@pytest.mark.parametrize("column, value", [("root", "00" * 32), ("file", "wds/forged.parquet"),
                                           ("count", 4), ("shard", "shard-000.tar")])
def test_an_altered_row_is_refused(ws, column, value):
    idx = fresh(ws).manifest("wds", "shard-001.tar").index
    before = sql(ws, f"SELECT {column} FROM shard_manifest WHERE entry_idx = :i", i=idx)[0][0]
    sql(ws, f"UPDATE shard_manifest SET {column} = :v WHERE entry_idx = :i", v=value, i=idx)
    calls = [lambda st: st.manifests("wds"), lambda st: st.check_index(), lambda st: st.verify_files(),
             lambda st: st.manifest("wds", value if column == "shard" else "shard-001.tar")]
    # A row relabelled to another shard is refused wherever it is read (listings, its new shard,
    # `ledger log verify --store`); a lookup of the shard it left reads that shard's rows only
    # (docs/ledger-format.md, "The manifest index").
    if column != "shard":
        calls.append(lambda st: st.prove_item(ITEM))
    try:
        for call in calls:
            with pytest.raises(VerificationError, match=f"manifest index row of ledger entry {idx} is not"):
                call(fresh(ws))
    finally:
        sql(ws, f"UPDATE shard_manifest SET {column} = :v WHERE entry_idx = :i", v=before, i=idx)
    assert fresh(ws).prove_item(ITEM)[1].shard == "shard-001.tar"


def test_rows_swapped_between_two_entries_are_refused(ws):
    """Each row stays at a manifest entry (the index and the ledger hold the same entries), but says
    what the other entry says."""
    st = fresh(ws)
    a, b = st.manifest("wds", "shard-000.tar"), st.manifest("wds", "shard-001.tar")
    sql(ws, "UPDATE shard_manifest SET entry_idx = -1 WHERE entry_idx = :a", a=a.index)
    sql(ws, "UPDATE shard_manifest SET entry_idx = :a WHERE entry_idx = :b", a=a.index, b=b.index)
    sql(ws, "UPDATE shard_manifest SET entry_idx = :b WHERE entry_idx = -1", b=b.index)
    try:
        with pytest.raises(VerificationError, match=f"manifest index row of ledger entry {b.index} is not"):
            fresh(ws).manifest("wds", "shard-000.tar")
        with pytest.raises(VerificationError, match="manifest index row of ledger entry"):
            fresh(ws).manifests()
        with pytest.raises(VerificationError, match="manifest index row of ledger entry"):
            fresh(ws).check_index()
    finally:
        sql(ws, "UPDATE shard_manifest SET entry_idx = -1 WHERE entry_idx = :a", a=a.index)
        sql(ws, "UPDATE shard_manifest SET entry_idx = :a WHERE entry_idx = :b", a=a.index, b=b.index)
        sql(ws, "UPDATE shard_manifest SET entry_idx = :b WHERE entry_idx = -1", b=b.index)
    assert fresh(ws).check_index() == 3


def test_a_row_moved_to_an_entry_that_is_no_manifest_is_refused(ws):
    idx = fresh(ws).manifest("wds", "shard-000.tar").index
    sql(ws, "UPDATE shard_manifest SET entry_idx = 0 WHERE entry_idx = :i", i=idx)  # entry 0: ledger.init
    try:
        with pytest.raises(VerificationError, match="entry 0 differs"):
            fresh(ws).manifests("wds")
        with pytest.raises(VerificationError, match="entry 0 differs"):
            fresh(ws).prove_item(ITEM)
    finally:
        sql(ws, "UPDATE shard_manifest SET entry_idx = :i WHERE entry_idx = 0", i=idx)
    assert fresh(ws).manifests("wds")[("wds", "shard-000.tar")].index == idx


def test_a_deleted_row_is_refused(ws):
    st = fresh(ws)
    m = st.manifest("wds", "shard-000.tar")
    sql(ws, "DELETE FROM shard_manifest WHERE entry_idx = :i", i=m.index)
    try:
        for call in (lambda st: st.manifests("wds"), lambda st: st.files(), lambda st: st.prove_item(ITEM)):
            with pytest.raises(VerificationError, match=f"entry {m.index} differs"):
                call(fresh(ws))
    finally:
        with ws.ws.engine.begin() as conn:
            manifest_index.record(conn, m.index, 1, index_rows(m.index, [(MANIFEST_TYPE, m.leaf)]))
    assert fresh(ws).check_index() == 3


def test_a_forged_row_for_a_forged_leaf_is_refused(ws):
    """The insider changes the ledger's leaf (past the append-only trigger) and the row together: the
    leaf no longer hashes into the signed checkpoint."""
    m = fresh(ws).manifest("wds", "shard-001.tar")
    forged = m.leaf.replace(m.root.encode(), b"0" * 64)
    assert forged != m.leaf and index_fields(forged) is not None
    triggers = sql(ws, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'ledger_entry'")
    for name, _ in triggers:
        sql(ws, f"DROP TRIGGER {name}")
    sql(ws, "UPDATE ledger_entry SET leaf = :l WHERE idx = :i", l=forged, i=m.index)
    sql(ws, "UPDATE shard_manifest SET root = :r WHERE entry_idx = :i", r="0" * 64, i=m.index)
    try:
        with pytest.raises(VerificationError, match=f"manifest index row of ledger entry {m.index} is not"):
            fresh(ws).prove_item(ITEM)
        with pytest.raises(VerificationError, match=f"manifest index row of ledger entry {m.index} is not"):
            fresh(ws).manifests("wds")
    finally:
        sql(ws, "UPDATE ledger_entry SET leaf = :l WHERE idx = :i", l=m.leaf, i=m.index)
        sql(ws, "UPDATE shard_manifest SET root = :r WHERE entry_idx = :i", r=m.root, i=m.index)
        for _, statement in triggers:
            sql(ws, statement)
    assert fresh(ws).prove_item(ITEM)[1].manifest_index == m.index


def test_a_proof_under_a_newer_checkpoint_uses_that_checkpoint(ws):
    st = fresh(ws)
    first, _ = st.prove_item(ITEM)
    ws.ledger.append([("ledger.note", {"text": "a later entry"})])
    later, verified = st.prove_item(ITEM)
    assert later.manifest_index == first.manifest_index
    assert verified.checkpoint_size == ws.ws.store.size() and later.tlog_proof != first.tlog_proof


def test_the_migration_fills_the_index_from_the_ledger(ws, tmp_path):
    """A workspace at the previous revision (no index) gets every manifest entry's row on upgrade."""
    import sqlite3

    from alembic import command

    from ledger_app.storage.engine import _alembic_config, make_engine, sqlite_url, upgrade

    db = tmp_path / "copy.db"
    with sqlite3.connect(ws.ws.path / "ledger.db") as src, sqlite3.connect(db) as dst:
        src.backup(dst)
    engine = make_engine(sqlite_url(db))
    try:
        with engine.connect() as conn, conn.begin():
            command.downgrade(_alembic_config(conn), "workid_0009")
        upgrade(engine)
        with engine.connect() as conn:
            assert manifest_index.all_rows(conn) == manifest_entries(ws)
    finally:
        engine.dispose()
