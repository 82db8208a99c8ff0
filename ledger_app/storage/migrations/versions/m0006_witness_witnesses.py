"""witness_0006: independent witnesses (c2sp.org/tlog-witness) and the cosignatures they returned.

Revision ID: witness_0006
"""

import sqlalchemy as sa
from alembic import op

revision = "witness_0006"
down_revision = "signals_0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "witness",
        sa.Column("name", sa.String(64), primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("vkey", sa.Text, nullable=False),
        sa.Column("cosigned_size", sa.BigInteger, nullable=False, server_default="0"),
        sa.Column("last_attempt", sa.Float, nullable=True),
        sa.Column("last_error", sa.Text, nullable=True),
        sa.Column("added_at", sa.Float, nullable=False),
    )
    op.create_table(
        "witness_cosignature",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("checkpoint_size", sa.BigInteger, nullable=False),
        sa.Column("root_hash", sa.LargeBinary, nullable=False),
        sa.Column("witness", sa.String(64), nullable=False),
        sa.Column("vkey", sa.Text, nullable=False),
        sa.Column("timestamp", sa.BigInteger, nullable=False),
        sa.Column("line", sa.Text, nullable=False),
        sa.Column("received_at", sa.Float, nullable=False),
    )
    op.create_index("ix_witness_cosignature_checkpoint_size", "witness_cosignature", ["checkpoint_size"])


def downgrade() -> None:
    op.drop_index("ix_witness_cosignature_checkpoint_size", "witness_cosignature")
    op.drop_table("witness_cosignature")
    op.drop_table("witness")
