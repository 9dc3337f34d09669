"""index events on (hidden, date): the timeline counts and pages visible events by date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-21 07:10:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = "0004"
down_revision: Union[str, Sequence[str], None] = "0003"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.create_index("ix_events_hidden_date", "events", ["hidden", "date"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_hidden_date", table_name="events")
