"""0001: the ledger itself — entries, perfect-subtree nodes, checkpoints, keys, personal data.

Revision ID: 0001
"""

import sqlalchemy as sa
from alembic import op

from ledger_app.storage.appendonly import create_append_only_guards

# On SQLite a primary key spelled INTEGER is the table's rowid; BIGINT would add a second B-tree to
# every append (measured: about a third of the append time). PostgreSQL gets a real 64-bit key.
ROWID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "ledger_entry",
        sa.Column("idx", ROWID, primary_key=True, autoincrement=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("leaf", sa.LargeBinary, nullable=False),
        sa.Column("leaf_hash", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "ledger_node",
        sa.Column("id", ROWID, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "ledger_checkpoint",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.LargeBinary, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.Column("key_id", sa.String(8), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_ledger_checkpoint_size", "ledger_checkpoint", ["size"])
    op.create_table(
        "ledger_key",
        sa.Column("key_id", sa.String(8), primary_key=True),
        sa.Column("name", sa.String, nullable=False),
        sa.Column("vkey", sa.Text, nullable=False),
        sa.Column("encrypted", sa.Text, nullable=True),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("retired_at", sa.Float, nullable=True),
    )
    op.create_table(
        "workspace_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "personal_data",
        sa.Column("commitment", sa.String(64), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("lookup", sa.String(128), nullable=True),
        sa.Column("salt", sa.LargeBinary, nullable=True),
        sa.Column("data", sa.Text, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("erased_at", sa.Float, nullable=True),
    )
    op.create_index("ix_personal_data_kind", "personal_data", ["kind"])
    op.create_index("ix_personal_data_lookup", "personal_data", ["lookup"])
    create_append_only_guards(op.get_bind(), ["ledger_entry", "ledger_node", "ledger_checkpoint"])


def downgrade() -> None:
    raise NotImplementedError("the ledger is append-only; there is no way back from 0001")
