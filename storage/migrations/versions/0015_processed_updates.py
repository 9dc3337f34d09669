"""processed_updates: the update_ids taken on the webhook, so a redelivered update runs at most once

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 14:50:00
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

from storage.types import UTCDateTime

revision: str = "0015"
down_revision: Union[str, Sequence[str], None] = "0014"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("received_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("update_id"),
    )
    op.create_index("ix_processed_updates_received_at", "processed_updates", ["received_at"])


def downgrade() -> None:
    op.drop_index("ix_processed_updates_received_at", table_name="processed_updates")
    op.drop_table("processed_updates")
