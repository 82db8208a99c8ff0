"""The ledger's view of the workspace tables it reads and writes, as SQLAlchemy Core tables.

Why the ledger declares its own tables: `ledger/` sits beside `storage/` in the layers (core ←
storage | ledger), so it may not import `storage/tables.py`, the models the migrations are checked
against. Passing the tables in from above was the other choice; it would make every caller that
builds a `LedgerStore` (the workspace, the benchmark, tests, `verify`) know the schema. So the
columns the ledger uses are declared here once, under the same table names, on a `MetaData` of the
ledger's own that never creates or alters anything (the migrations own the schema).
`tests/test_schema.py` checks each table and column here against `storage/tables.py`.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Float, LargeBinary, MetaData, String, Table, Text
from sqlalchemy.engine import Dialect

metadata = MetaData()


class Bytes(LargeBinary):
    """`LargeBinary` bound as the bytes it is. Both drivers take `bytes` for a BLOB or bytea
    (sqlite3, psycopg), so the per-value `DBAPI.Binary` wrapping `LargeBinary` does is skipped:
    on the append path, with two hashes and a leaf per entry, it cost more than the insert."""

    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None

ledger_entry = Table(
    "ledger_entry", metadata,
    Column("idx", BigInteger, primary_key=True, autoincrement=False),
    Column("type", String(64), nullable=False),
    Column("leaf", Bytes, nullable=False),
    Column("leaf_hash", Bytes, nullable=False),
    Column("created_at", Float, nullable=False),
)

#: Stored subtree hashes, keyed by `(level << 50) | index` (see ledger/store.py).
ledger_node = Table(
    "ledger_node", metadata,
    Column("id", BigInteger, primary_key=True, autoincrement=False),
    Column("hash", Bytes, nullable=False),
)

ledger_checkpoint = Table(
    "ledger_checkpoint", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("root_hash", Bytes, nullable=False),
    Column("note", Text, nullable=False),
    Column("key_id", String(8), nullable=False),
    Column("created_at", Float, nullable=False),
)

workspace_meta = Table(
    "workspace_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

witness = Table(
    "witness", metadata,
    Column("name", String(64), primary_key=True),
    Column("url", Text, nullable=False),
    Column("vkey", Text, nullable=False),
    Column("cosigned_size", BigInteger, nullable=False),
    Column("last_attempt", Float),
    Column("last_error", Text),
    Column("added_at", Float, nullable=False),
)

witness_cosignature = Table(
    "witness_cosignature", metadata,
    Column("id", BigInteger, primary_key=True),
    Column("checkpoint_size", BigInteger, nullable=False),
    Column("root_hash", Bytes, nullable=False),
    Column("witness", String(64), nullable=False),
    Column("vkey", Text, nullable=False),
    Column("timestamp", BigInteger, nullable=False),
    Column("line", Text, nullable=False),
    Column("received_at", Float, nullable=False),
)
