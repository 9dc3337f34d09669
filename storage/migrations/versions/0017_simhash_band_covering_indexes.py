"""SimHash band indexes that cover the fingerprint: (bandN, simhash) instead of (bandN)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05 21:00:00

The near-duplicate lookup reads (id, simhash) of every article sharing a band
probe, about a hundred per imported article at 100,000 articles. With the
fingerprint in the index that is an index-only read; before, each candidate
cost a visit to the article's row (on SQLite past the body's overflow pages,
the fingerprint being stored after it). The new index serves the band lookups
the old one did, so the old one goes.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0017"
down_revision: Union[str, Sequence[str], None] = "0016"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

BANDS = 4


def upgrade() -> None:
    for band in range(BANDS):
        op.create_index(f"ix_articles_band{band}_simhash", "articles", [f"band{band}", "simhash"])
        op.drop_index(f"ix_articles_band{band}", table_name="articles")


def downgrade() -> None:
    for band in range(BANDS):
        op.create_index(f"ix_articles_band{band}", "articles", [f"band{band}"])
        op.drop_index(f"ix_articles_band{band}_simhash", table_name="articles")
