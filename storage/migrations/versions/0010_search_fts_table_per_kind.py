"""SQLite full-text search: one FTS5 table per kind of document, rowid = the document's id

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-21 11:10:00

FTS5's bm25() counts, for every query word, the documents of the whole table
that hold it. With events and articles in one table, a search of the 10,000
events paid for counting the word over 100,000 articles too (2-4 ms for a
common word). A table per kind counts over that kind only. PostgreSQL keeps
one table with a partial index per kind (0009): nothing to do there.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0010"
down_revision: Union[str, Sequence[str], None] = "0009"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLE = "CREATE VIRTUAL TABLE {name} USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')"
# Table and kind code of the shared table's rowids ((code << 40) | id, migration 0005).
KINDS = (("search_events_fts", 1), ("search_articles_fts", 2))
SHIFT = 40


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _sqlite():
        return
    for name, code in KINDS:
        op.execute(TABLE.format(name=name))
        low, high = code << SHIFT, ((code + 1) << SHIFT) - 1
        op.execute(f"INSERT INTO {name}(rowid, title, body) "
                   f"SELECT rowid - {low}, title, body FROM search_fts WHERE rowid BETWEEN {low} AND {high}")
        op.execute(f"INSERT INTO {name}({name}) VALUES ('optimize')")  # one segment: fastest to read
    op.execute("DROP TABLE search_fts")


def downgrade() -> None:
    if not _sqlite():
        return
    op.execute(TABLE.format(name="search_fts"))
    for name, code in KINDS:
        op.execute(f"INSERT INTO search_fts(rowid, title, body) SELECT rowid + {code << SHIFT}, title, body FROM {name}")
        op.execute(f"DROP TABLE {name}")
