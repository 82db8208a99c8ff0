"""0009 (workid): a claimed work's identification in typed columns. Before this migration a work's
SHA-256, media type and fingerprint kind were JSON written into `work.description` (with the name
the requester gave under "description"), and a URL work's URL as given was its description. The
upgrade moves each of these into its column — `sha256`, `media_type`, `fp_kind`, `url` — and leaves
`description` holding only the human description (NULL where there was none). A description that is
not such a JSON object is left as it is. The downgrade writes the JSON back.

Revision ID: workid_0009
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "workid_0009"
down_revision = "trust2_0008"
branch_labels = None
depends_on = None

# The keys the old intake wrote into the JSON (`chars` and `committed` are dropped: the first is the
# stored text's length, the second only marked an account commitment copied from a claim).
_TYPED = ("sha256", "media_type", "fp_kind")
_KNOWN = {*_TYPED, "description", "chars", "committed"}

_work = sa.table(
    "work",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("description", sa.Text),
    sa.column("sha256", sa.String),
    sa.column("media_type", sa.String),
    sa.column("fp_kind", sa.String),
    sa.column("url", sa.Text),
)


def _parsed(description: str | None) -> dict | None:
    """The old JSON identification, or None when the description is a plain one."""
    if not description or not description.startswith("{"):
        return None
    try:
        d = json.loads(description)
    except ValueError:
        return None
    if not isinstance(d, dict) or not set(d) <= _KNOWN:
        return None
    return d


def upgrade() -> None:
    with op.batch_alter_table("work") as b:
        b.add_column(sa.Column("sha256", sa.String(64), nullable=True))
        b.add_column(sa.Column("media_type", sa.String(100), nullable=True))
        b.add_column(sa.Column("fp_kind", sa.String(8), nullable=True))
        b.add_column(sa.Column("url", sa.Text, nullable=True))
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_work.c.id, _work.c.kind, _work.c.description).where(_work.c.description.is_not(None))
    ).fetchall()
    for wid, kind, description in rows:
        if kind == "url":
            values = {"url": description, "description": None}
        else:
            d = _parsed(description)
            if d is None:
                continue
            values = {k: (str(d[k]) if d.get(k) is not None else None) for k in _TYPED}
            values["description"] = d.get("description")
        conn.execute(sa.update(_work).where(_work.c.id == wid).values(**values))


def downgrade() -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(_work.c.id, _work.c.kind, _work.c.description, _work.c.sha256, _work.c.media_type,
                  _work.c.fp_kind, _work.c.url)
    ).fetchall()
    for wid, kind, description, sha256, media_type, fp_kind, url in rows:
        if kind == "url":
            if url is not None:
                conn.execute(sa.update(_work).where(_work.c.id == wid).values(description=url))
            continue
        extra = {k: v for k, v in (("sha256", sha256), ("media_type", media_type), ("fp_kind", fp_kind)) if v}
        if extra:
            body = json.dumps({**extra, "description": description}, ensure_ascii=False)
            conn.execute(sa.update(_work).where(_work.c.id == wid).values(description=body))
    with op.batch_alter_table("work") as b:
        b.drop_column("url")
        b.drop_column("fp_kind")
        b.drop_column("media_type")
        b.drop_column("sha256")
