"""0003: standing claims, takedown requests with their works and matches, purges, blocklist, runs.

Revision ID: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("holder", sa.String(64), nullable=False),
        sa.Column("holder_kind", sa.String(32), nullable=False),
        sa.Column("basis", sa.String(32), nullable=False),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "takedown_request",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_reason", sa.Text, nullable=True),
        sa.Column("requester", sa.String(64), nullable=True),
        sa.Column("requester_kind", sa.String(32), nullable=False),
        sa.Column("received", sa.String(10), nullable=False),
        sa.Column("due_by", sa.String(10), nullable=False),
        sa.Column("extended_reason", sa.Text, nullable=True),
        sa.Column("legal_json", sa.Text, nullable=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claim.id"), nullable=True),
        sa.Column("license_id", sa.Integer, sa.ForeignKey("license.id"), nullable=True),
        sa.Column("handler", sa.String(64), nullable=True),
        sa.Column("approver", sa.String(64), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_takedown_request_status", "takedown_request", ["status"])
    op.create_table(
        "work",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claim.id"), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=True),
        sa.Column("fingerprint", sa.LargeBinary, nullable=True),
        sa.Column("text", sa.Text, nullable=True),
    )
    op.create_index("ix_work_request_id", "work", ["request_id"])
    op.create_index("ix_work_claim_id", "work", ["claim_id"])
    op.create_table(
        "match",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=False),
        sa.Column("item_id", sa.String(600), nullable=False),
        sa.Column("work_id", sa.Integer, sa.ForeignKey("work.id"), nullable=True),
        sa.Column("method", sa.String(16), nullable=False),
        sa.Column("score", sa.String(32), nullable=False),
        sa.Column("evidence", sa.Text, nullable=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=True),
        sa.Column("decided_at", sa.Float, nullable=True),
    )
    op.create_index("ix_match_request_id", "match", ["request_id"])
    op.create_index("ix_match_item_id", "match", ["item_id"])
    op.create_table(
        "purge_record",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=False),
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), nullable=False),
        sa.Column("shard", sa.Text, nullable=False),
        sa.Column("sha256_before", sa.String(64), nullable=False),
        sa.Column("sha256_after", sa.String(64), nullable=True),
        sa.Column("items_json", sa.Text, nullable=False),
        sa.Column("done_at", sa.Float, nullable=False),
    )
    op.create_index("ix_purge_record_request_id", "purge_record", ["request_id"])
    op.create_table(
        "blocklist",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(8), nullable=True),
        sa.Column("fingerprint", sa.LargeBinary, nullable=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_index("ix_blocklist_sha256", "blocklist", ["sha256"])
    op.create_table(
        "training_run",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("model", sa.String(200), nullable=False),
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), nullable=False),
        sa.Column("checkpoint_size", sa.BigInteger, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )


def downgrade() -> None:
    for t in ["training_run", "blocklist", "purge_record", "match", "work", "takedown_request", "claim"]:
        op.drop_table(t)
