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
time. Every document is rewritten here from its event or article, and the
table and its GIN index made anew from them. On the bench's stores, with
10,000 events: 66 s for 100,000 articles and 850 s for 1,000,000, most of it
stemming in Python. Documents whose row is gone are left as they are.
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
    from storage.search import Part, pg_vector

    connection = op.get_bind()
    _triggers_now()
    for docs, rows_table, parts in KINDS:
        _new_documents_table()
        columns = ", ".join(f"s.{column}" for column, _ in parts)
        read = sa.text(f"SELECT d.ref_id, {columns} FROM {docs} d JOIN {rows_table} s ON s.id = d.ref_id "
                       f"WHERE d.ref_id > :last ORDER BY d.ref_id LIMIT {CHUNK}")
        write = sa.text("INSERT INTO new_docs(ref_id, tsv) VALUES (:ref_id, CAST(:tsv AS tsvector))")
        last = -1
        while rows := connection.execute(read, {"last": last}).all():
            connection.execute(write, [
                {"ref_id": row[0],
                 "tsv": pg_vector([Part(text or "", title=title) for text, (_, title) in zip(row[1:], parts)])}
                for row in rows])
            last = rows[-1][0]
        _replace_documents(docs)


def _triggers_now() -> None:
    # The search generation's deferred trigger (0019) would wait for the commit, and PostgreSQL builds no
    # index on a table with trigger events pending: they run as they come in this transaction.
    op.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _new_documents_table() -> None:
    op.execute("CREATE TEMPORARY TABLE new_docs (ref_id integer PRIMARY KEY, tsv tsvector NOT NULL)")


def _replace_documents(docs: str) -> None:
    """The documents table made anew from `new_docs` (and its own rows `new_docs` lacks), its GIN index
    built once. Updated in place, every document would leave a dead row: the table twice its size."""
    op.execute(f"INSERT INTO new_docs(ref_id, tsv) SELECT ref_id, tsv FROM {docs} d "
               f"WHERE NOT EXISTS (SELECT 1 FROM new_docs n WHERE n.ref_id = d.ref_id)")
    op.execute(f"DROP INDEX ix_{docs}_tsv")
    op.execute(f"TRUNCATE {docs}")
    op.execute(f"INSERT INTO {docs}(ref_id, tsv) SELECT ref_id, tsv FROM new_docs ORDER BY ref_id")
    op.execute("DROP TABLE new_docs")
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
    _triggers_now()
    for docs, rows_table, vector in (("search_event_docs", "events", events),
                                     ("search_article_docs", "articles", articles)):
        _new_documents_table()
        op.execute(f"INSERT INTO new_docs(ref_id, tsv) SELECT d.ref_id, {vector} "
                   f"FROM {docs} AS d JOIN {rows_table} AS s ON s.id = d.ref_id")
        _replace_documents(docs)
