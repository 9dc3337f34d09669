"""SQLite search: how many documents of each kind hold each stem, and each kind's documents and tokens

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-05 20:50:00

FTS5's bm25() counted the documents holding a query word by walking the word's
whole list of documents on every search; storage.search_bm25 ranks the same way
from these counts, kept at indexing. Filled here from the FTS tables: an
fts5vocab 'row' table gives each stem's documents (`doc`) and occurrences
(`cnt`, whose sum is the tokens). PostgreSQL ranks with ts_rank: nothing to do.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0018"
down_revision: Union[str, Sequence[str], None] = "0016"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KINDS = (("event", "search_events_fts"), ("article", "search_articles_fts"))


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _sqlite():
        return
    op.execute("CREATE TABLE search_stem_docs (kind VARCHAR NOT NULL, stem VARCHAR NOT NULL, "
               "docs INTEGER NOT NULL, PRIMARY KEY (kind, stem)) WITHOUT ROWID")
    op.execute("CREATE TABLE search_sizes (kind VARCHAR NOT NULL PRIMARY KEY, docs INTEGER NOT NULL, "
               "tokens INTEGER NOT NULL)")
    for kind, fts in KINDS:
        op.execute(f"CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, {fts}, 'row')")
        op.execute(f"INSERT INTO search_stem_docs(kind, stem, docs) SELECT '{kind}', term, doc FROM temp.search_vocab")
        # The documents from the size table FTS5 keeps a row per document in (a b-tree count, no text read).
        op.execute(f"INSERT INTO search_sizes(kind, docs, tokens) SELECT '{kind}', "
                   f"(SELECT count(*) FROM {fts}_docsize), (SELECT coalesce(sum(cnt), 0) FROM temp.search_vocab)")
        op.execute("DROP TABLE temp.search_vocab")


def downgrade() -> None:
    if not _sqlite():
        return
    op.execute("DROP TABLE search_sizes")
    op.execute("DROP TABLE search_stem_docs")
