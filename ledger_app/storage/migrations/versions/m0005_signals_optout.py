"""0005 (signals): opt-out evidence per item, the corpus's crawler and source kind, policy snapshots.

Revision ID: signals_0005
"""

import sqlalchemy as sa
from alembic import op

revision = "signals_0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("corpus") as b:
        b.add_column(sa.Column("crawler", sa.String(200), nullable=True))
        b.add_column(sa.Column("source_kind", sa.String(16), nullable=True))
    with op.batch_alter_table("item") as b:
        b.add_column(sa.Column("signals_json", sa.Text, nullable=True))
        b.add_column(sa.Column("train_ai", sa.String(8), nullable=True))
        b.add_column(sa.Column("language", sa.String(16), nullable=True))
        b.add_column(sa.Column("fetched_at", sa.String(20), nullable=True))
    op.create_table(
        "policy_snapshot",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), nullable=False, index=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("problems_json", sa.Text, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "policy_file",
        sa.Column("snapshot_id", sa.Integer, sa.ForeignKey("policy_snapshot.id"), primary_key=True),
        sa.Column("host", sa.String(255), primary_key=True),
        sa.Column("name", sa.String(16), primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("fetched_at", sa.String(20), nullable=True),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("policy_file")
    op.drop_table("policy_snapshot")
    with op.batch_alter_table("item") as b:
        for c in ("fetched_at", "language", "train_ai", "signals_json"):
            b.drop_column(c)
    with op.batch_alter_table("corpus") as b:
        b.drop_column("source_kind")
        b.drop_column("crawler")
