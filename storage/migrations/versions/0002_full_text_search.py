"""full-text search tables: FTS5 on SQLite, tsvector with GIN on PostgreSQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 06:40:00

"""
from typing import Sequence, Union

from alembic import op

revision: str = "0002"
down_revision: Union[str, Sequence[str], None] = "0001"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # rowid encodes (kind, id); the columns hold Snowball stems, see storage/search.py
        op.execute("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')")
    else:
        op.execute(
            "CREATE TABLE search_docs ("
            " kind varchar(16) NOT NULL, ref_id integer NOT NULL, tsv tsvector NOT NULL,"
            " PRIMARY KEY (kind, ref_id))"
        )
        op.execute("CREATE INDEX ix_search_docs_tsv ON search_docs USING GIN (tsv)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE search_fts")
    else:
        op.execute("DROP TABLE search_docs")
