"""index deliveries on (status, id): the sender reads pending rows in id order

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-21 08:40:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = "0008"
down_revision: Union[str, Sequence[str], None] = "0007"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    # (status, id) serves every query the status index served, and on PostgreSQL reads the
    # next page of pending rows without sorting them all (SQLite's index held the rowid already).
    op.drop_index("ix_deliveries_status", table_name="deliveries")
    op.create_index("ix_deliveries_status_id", "deliveries", ["status", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_deliveries_status_id", table_name="deliveries")
    op.create_index("ix_deliveries_status", "deliveries", ["status"], unique=False)
