"""PostgreSQL search documents written from the Python stems, as SQLite's are

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-06 21:40:00

The search documents were made by `to_tsvector('russian' | 'english', text)`;
they are now tsvector literals from `storage.stemming`'s stems
(`storage.tsvector_literals`), and queries are tsquery literals from the same
stems. PostgreSQL's parser split some words otherwise ("state.gov", "3.5" and
e-mail addresses stayed one token), so a search could find on one database
what it missed on the other; and the parser was most of an import's server
time. Every document is rewritten here from its event or article, with the GIN
index dropped while they are (rebuilt once, not updated row by row): about a
minute per 100,000 articles. Documents whose row is gone are left as they are.
"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: Union[str, Sequence[str], None] = "0019"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

CHUNK = 2000
# Each kind's documents table, its rows' table, and its parts: (column, title?) in indexing order
# (storage/indexing.py when this was written).
KINDS = (
    ("search_event_docs", "events",
     (("title_ru", True), ("title_en", True), ("summary_ru", False), ("summary_en", False))),
    ("search_article_docs", "articles", (("title", True), ("body", False))),
)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    if not _postgresql():
        return
    from storage.stemming import stems
    from storage.tsvector_literals import BODY, TITLE, vector_literal

    connection = op.get_bind()
    for docs, rows_table, parts in KINDS:
        op.execute(f"DROP INDEX ix_{docs}_tsv")
        columns = ", ".join(f"s.{column}" for column, _ in parts)
        read = sa.text(f"SELECT d.ref_id, {columns} FROM {docs} d JOIN {rows_table} s ON s.id = d.ref_id "
                       f"WHERE d.ref_id > :last ORDER BY d.ref_id LIMIT {CHUNK}")
        write = sa.text(f"UPDATE {docs} SET tsv = CAST(:tsv AS tsvector) WHERE ref_id = :ref_id")
        last = -1
        while rows := connection.execute(read, {"last": last}).all():
            connection.execute(write, [
                {"ref_id": row[0],
                 "tsv": vector_literal((" ".join(stems(text or "")), TITLE if title else BODY)
                                       for text, (_, title) in zip(row[1:], parts))}
                for row in rows])
            last = rows[-1][0]
        _index(docs)


def _index(docs: str) -> None:
    # The search generation's deferred trigger (0019) waits for the commit, and PostgreSQL builds no index
    # on a table with trigger events pending: run them now (the rest of this transaction, as they come).
    op.execute("SET CONSTRAINTS ALL IMMEDIATE")
    op.execute(f"CREATE INDEX ix_{docs}_tsv ON {docs} USING GIN (tsv)")
    op.execute(f"ANALYZE {docs}")


def _folded(column: str) -> str:
    return f"translate(coalesce(s.{column}, ''), 'ёЁ', 'еЕ')"  # as the indexing code folded before


def downgrade() -> None:
    if not _postgresql():
        return
    events = " || ".join(
        f"setweight(to_tsvector('{config}', {_folded(column)}), '{weight}')"
        for column, config, weight in (("title_ru", "russian", "A"), ("title_en", "english", "A"),
                                       ("summary_ru", "russian", "B"), ("summary_en", "english", "B")))
    config = "CAST(CASE WHEN s.language = 'en' THEN 'english' ELSE 'russian' END AS regconfig)"
    articles = (f"setweight(to_tsvector({config}, {_folded('title')}), 'A') || "
                f"setweight(to_tsvector({config}, {_folded('body')}), 'B')")
    for docs, rows_table, vector in (("search_event_docs", "events", events),
                                     ("search_article_docs", "articles", articles)):
        op.execute(f"DROP INDEX ix_{docs}_tsv")
        op.execute(f"UPDATE {docs} AS d SET tsv = {vector} FROM {rows_table} AS s WHERE s.id = d.ref_id")
        _index(docs)
