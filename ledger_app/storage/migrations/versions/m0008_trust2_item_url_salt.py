"""0008 (trust2): the salt of each item's URL commitment. An item ingested from a URL carries
`"url": SHA-256("url" NUL salt URL)` in its item.ingested entry (a salted commitment: the leaf never
holds the URL), so an inclusion report that matched the item by URL can prove the row's URL is the one
that was ingested. Items ingested before this migration have none (NULL) and are not reported as
matched by URL until they are re-ingested.

Revision ID: trust2_0008
"""

import sqlalchemy as sa
from alembic import op

revision = "trust2_0008"
down_revision = "images_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("item") as b:
        b.add_column(sa.Column("url_salt", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("item") as b:
        b.drop_column("url_salt")
