"""0004: the legal team's case work — assignee, case events, drafts, stored documents, releases.

Also re-keys every stored URL with the canonical key of `core/urls.py` (www., tracking parameters,
fragment and the rest are now ignored), so items ingested before this change are found by the same
lookups as new ones, and adds an index on the ledger's entry type so a request's timeline is read
without scanning every ingest entry.

Revision ID: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("takedown_request", sa.Column("assignee", sa.String(200), nullable=True))
    op.create_index("ix_takedown_request_assignee", "takedown_request", ["assignee"])
    op.create_index("ix_ledger_entry_type", "ledger_entry", ["type"])
    op.create_table(
        "case_event",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("body", sa.Text, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    op.create_index("ix_case_event_request_id", "case_event", ["request_id"])
    op.create_index("ix_case_event_kind", "case_event", ["kind"])
    op.create_table(
        "takedown_draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("problems", sa.Text, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("request_id", sa.Integer, sa.ForeignKey("takedown_request.id"), nullable=True),
    )
    op.create_table(
        "stored_document",
        sa.Column("sha256", sa.String(64), primary_key=True),
        sa.Column("media_type", sa.String(100), nullable=False),
        sa.Column("size", sa.BigInteger, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
    )
    op.create_table(
        "dataset_release",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("corpus_id", sa.Integer, sa.ForeignKey("corpus.id"), nullable=False),
        sa.Column("checkpoint_size", sa.BigInteger, nullable=False),
        sa.Column("contact", sa.String(64), nullable=True),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("entry_idx", sa.BigInteger, nullable=True),
    )
    rekey_urls(op.get_bind())


def rekey_urls(conn) -> None:  # a SQLAlchemy connection
    """Every item's and every URL work's key, recomputed from what was given (source URL, or the URL
    the requester wrote, kept in the work's description)."""
    from ledger_app.core.errors import UserError
    from ledger_app.core.urls import url_domain, url_key

    ph = "?" if conn.dialect.name == "sqlite" else "%s"
    last = ""
    while True:
        rows = conn.exec_driver_sql(
            f"SELECT id, source_url FROM item WHERE source_url IS NOT NULL AND id > {ph} ORDER BY id LIMIT 5000", (last,)
        ).fetchall()
        if not rows:
            break
        for iid, src in rows:
            try:
                key, dom = url_key(src), url_domain(src)
            except UserError:
                continue
            conn.exec_driver_sql(f"UPDATE item SET url_norm = {ph}, domain = {ph} WHERE id = {ph}", (key, dom, iid))
        last = rows[-1][0]
    for wid, desc in conn.exec_driver_sql("SELECT id, description FROM work WHERE kind = 'url'").fetchall():
        if desc:
            try:
                conn.exec_driver_sql(f"UPDATE work SET value = {ph} WHERE id = {ph}", (url_key(desc), wid))
            except UserError:
                continue


def downgrade() -> None:
    op.drop_table("dataset_release")
    op.drop_table("stored_document")
    op.drop_table("takedown_draft")
    op.drop_index("ix_case_event_kind", "case_event")
    op.drop_index("ix_case_event_request_id", "case_event")
    op.drop_table("case_event")
    op.drop_index("ix_ledger_entry_type", "ledger_entry")
    op.drop_index("ix_takedown_request_assignee", "takedown_request")
    with op.batch_alter_table("takedown_request") as b:
        b.drop_column("assignee")
