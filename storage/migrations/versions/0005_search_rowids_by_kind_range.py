"""SQLite full-text rowids: the kind moves to the high bits (one contiguous range per kind)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-21 07:20:00

Rowids were ref_id * 8 + kind, which interleaved events and articles, so a
search for events walked past every matching article first. Now they are
(kind << 40) | ref_id. PostgreSQL keeps (kind, ref_id) columns: nothing to do.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0005"
down_revision: Union[str, Sequence[str], None] = "0004"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLE = "CREATE VIRTUAL TABLE {name} USING fts5(title, body, tokenize='unicode61 remove_diacritics 0')"


def _rebuild(new_rowid: str) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(TABLE.format(name="search_fts_new"))
    op.execute(f"INSERT INTO search_fts_new(rowid, title, body) SELECT {new_rowid}, title, body FROM search_fts")
    op.execute("DROP TABLE search_fts")
    op.execute("ALTER TABLE search_fts_new RENAME TO search_fts")


def upgrade() -> None:
    _rebuild("((rowid % 8) << 40) | (rowid / 8)")


def downgrade() -> None:
    _rebuild("(rowid & ((1 << 40) - 1)) * 8 + (rowid >> 40)")
