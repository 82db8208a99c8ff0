"""0007 (images): local features (ORB keypoints and descriptors) of image items, beside their
fingerprint (`matching/local.py`; at most 256 x 36 + 10 bytes per item). Items ingested before
this migration have none (NULL) and are found by the PDQ stages only until they are re-ingested.

Revision ID: images_0007
"""

import sqlalchemy as sa
from alembic import op

revision = "images_0007"
down_revision = "witness_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fingerprint") as b:
        b.add_column(sa.Column("local", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fingerprint") as b:
        b.drop_column("local")
