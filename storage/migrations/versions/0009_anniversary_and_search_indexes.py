"""indexes for readers: events by month-day for anniversaries; on PostgreSQL a full-text index per kind

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-21 09:00:00

1. events (month * 100 + day of the date, hidden, date): /onthisday looks events
   up by calendar day. An index on the expression, not a stored column: nothing
   to keep in step when a date is written. The expression is the model's
   EVENT_MONTH_DAY, compiled for each database (strftime on SQLite, EXTRACT on
   PostgreSQL).
2. PostgreSQL: one GIN index over all search documents becomes one per kind
   (partial indexes), so a search of events no longer visits every matching
   article to drop it. Searches name the kind as a literal (storage/search.py),
   which is what lets the planner use a partial index. A new kind of document
   needs its own index here.
"""
from typing import Sequence, Union

from alembic import op
from sqlalchemy import column, extract, literal

revision: str = '0009'
down_revision: Union[str, Sequence[str], None] = '0008'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KINDS = ("event", "article")


def upgrade() -> None:
    date = column("date")
    month_day = extract("month", date) * literal(100, literal_execute=True) + extract("day", date)
    op.create_index("ix_events_month_day", "events", [month_day, column("hidden"), date], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        for kind in KINDS:
            op.execute(f"CREATE INDEX ix_search_docs_{kind}_tsv ON search_docs USING GIN (tsv) WHERE kind = '{kind}'")
        op.execute("DROP INDEX ix_search_docs_tsv")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING GIN (tsv)")
        for kind in KINDS:
            op.execute(f"DROP INDEX ix_search_docs_{kind}_tsv")
    op.drop_index("ix_events_month_day", table_name="events")
