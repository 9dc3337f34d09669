"""index events on (month * 100 + day of their date, hidden, date): anniversaries look events up by calendar day

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-21 09:00:00

An index on the expression rather than a stored column: nothing to keep in
step when a date is written. The expression is the model's EVENT_MONTH_DAY,
compiled for each database (strftime on SQLite, EXTRACT on PostgreSQL).
"""
from typing import Sequence, Union

from alembic import op
from sqlalchemy import column, extract, literal

revision: str = "0006"
down_revision: Union[str, Sequence[str], None] = "0005"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    date = column("date")
    month_day = extract("month", date) * literal(100, literal_execute=True) + extract("day", date)
    op.create_index("ix_events_month_day", "events", [month_day, column("hidden"), date], unique=False)


def downgrade() -> None:
    op.drop_index("ix_events_month_day", table_name="events")
