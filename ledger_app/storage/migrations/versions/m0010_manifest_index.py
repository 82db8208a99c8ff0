"""0010 (manifest index): the `shard_manifest` table, one row per `shard.manifest` ledger entry, so the
current manifests of a corpus or shard are an indexed lookup instead of a replay of the ledger. The
upgrade fills it from the entries already in the ledger (each leaf's JSON read here as
`ledger/manifest.py` `index_fields` reads it; the runtime compares every row it uses with its leaf
anyway); the downgrade drops it (the ledger keeps everything it held).

Revision ID: manifest_0010
"""

import json

import sqlalchemy as sa
from alembic import op

ROWID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "manifest_0010"
down_revision = "workid_0009"
branch_labels = None
depends_on = None

_entry = sa.table("ledger_entry", sa.column("idx", sa.BigInteger), sa.column("type", sa.String),
                  sa.column("leaf", sa.LargeBinary))
_PAGE = 10_000
MANIFEST_TYPE = "shard.manifest"


def index_fields(leaf: bytes) -> tuple | None:
    try:
        doc = json.loads(leaf)
    except ValueError:
        return None
    p = doc.get("payload") if isinstance(doc, dict) and doc.get("type") == MANIFEST_TYPE else None
    store = p.get("store") if isinstance(p, dict) else None
    if not isinstance(store, dict):
        return None
    got = (p.get("corpus"), p.get("shard"), p.get("count"), p.get("root"), store.get("file"), store.get("sha256"))
    if type(got[2]) is not int or not all(isinstance(v, str) for k, v in enumerate(got) if k != 2):
        return None
    return got


def upgrade() -> None:
    table = op.create_table(
        "shard_manifest",
        sa.Column("entry_idx", ROWID, primary_key=True, autoincrement=False),
        sa.Column("corpus", sa.String(200), nullable=False),
        sa.Column("shard", sa.String(1000), nullable=False),
        sa.Column("count", sa.BigInteger, nullable=False),
        sa.Column("root", sa.String(64), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
    )
    op.create_index("ix_shard_manifest_current", "shard_manifest", ["corpus", "shard", "entry_idx"])
    conn = op.get_bind()
    after = -1
    while True:
        rows = conn.execute(sa.select(_entry.c.idx, _entry.c.leaf).where(
            _entry.c.type == MANIFEST_TYPE, _entry.c.idx > after).order_by(_entry.c.idx).limit(_PAGE)).fetchall()
        if not rows:
            break
        out = []
        for idx, leaf in rows:
            got = index_fields(bytes(leaf))
            if got is not None:  # a leaf that is no manifest is left to `ledger log verify` to name
                out.append(dict(entry_idx=int(idx), **dict(zip(("corpus", "shard", "count", "root", "file",
                                                                 "file_sha256"), got, strict=True))))
        if out:
            conn.execute(table.insert(), out)
        after = int(rows[-1][0])


def downgrade() -> None:
    op.drop_index("ix_shard_manifest_current", table_name="shard_manifest")
    op.drop_table("shard_manifest")
