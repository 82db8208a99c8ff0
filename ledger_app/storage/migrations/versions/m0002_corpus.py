"""0002: corpora, items, fingerprints, licences, ingest progress, C2PA trust anchors.

Revision ID: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "license",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("licensor", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("permitted_uses", sa.Text, nullable=False),
        sa.Column("territory", sa.String(200), nullable=False),
        sa.Column("expires", sa.String(10), nullable=True),
        sa.Column("terms", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("expired_at", sa.Float, nullable=True),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "corpus",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("format", sa.String(16), nullable=False),
        sa.Column("license_id", sa.Integer, sa.ForeignKey("license.id"), nullable=True),
        sa.Column("batch", sa.String(200), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    op.create_table(
        "item",
        sa.Column("id", sa.String(600), primary_key=True),
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), nullable=False),
        sa.Column("key", sa.String(560), nullable=False),
        sa.Column("shard", sa.Text, nullable=False),
        sa.Column("member", sa.Text, nullable=True),
        sa.Column("members", sa.Text, nullable=True),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=True),
        sa.Column("size", sa.BigInteger, nullable=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("status_reason", sa.Text, nullable=True),
        sa.Column("source_url", sa.Text, nullable=True),
        sa.Column("url_norm", sa.String(2048), nullable=True),
        sa.Column("domain", sa.String(255), nullable=True),
        sa.Column("account", sa.String(64), nullable=True),
        sa.Column("license_id", sa.Integer, sa.ForeignKey("license.id"), nullable=True),
        sa.Column("batch", sa.String(200), nullable=True),
        sa.Column("metadata_json", sa.Text, nullable=True),
        sa.Column("c2pa_state", sa.String(16), nullable=False),
        sa.Column("c2pa_json", sa.Text, nullable=True),
        sa.Column("ai_generated", sa.Boolean, nullable=False),
        sa.Column("ingested_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
        sa.Column("purged_at", sa.Float, nullable=True),
    )
    for col in ["corpus_id", "sha256", "media_type", "status", "url_norm", "domain", "account", "license_id", "c2pa_state"]:
        op.create_index(f"ix_item_{col}", "item", [col])
    op.create_table(
        "item_detail",
        sa.Column("item_id", sa.String(600), sa.ForeignKey("item.id"), primary_key=True),
        sa.Column("manifest_json", sa.Text, nullable=True),
        sa.Column("thumbnail", sa.LargeBinary, nullable=True),
    )
    op.create_table(
        "fingerprint",
        sa.Column("item_id", sa.String(600), sa.ForeignKey("item.id"), primary_key=True),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=True),
    )
    op.create_index("ix_fingerprint_kind", "fingerprint", ["kind"])
    op.create_index("ix_fingerprint_seq", "fingerprint", ["seq"])
    op.create_table(
        "ingest_shard",
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), primary_key=True),
        sa.Column("shard", sa.String(1000), primary_key=True),
        sa.Column("stat_sig", sa.String(64), nullable=False),
        sa.Column("items", sa.Integer, nullable=False),
        sa.Column("done_at", sa.Float, nullable=False),
    )
    op.create_table(
        "trust_anchor",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("subjects", sa.Text, nullable=False),
        sa.Column("pem", sa.Text, nullable=False),
        sa.Column("added_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for t in ["trust_anchor", "ingest_shard", "fingerprint", "item_detail", "item", "corpus", "license"]:
        op.drop_table(t)
