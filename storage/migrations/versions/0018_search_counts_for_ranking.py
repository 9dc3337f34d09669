"""SQLite search: the counts bm25 needs, kept at indexing (storage/search_bm25.py)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 20:50:00

FTS5's bm25() counted the documents holding a query word by walking the word's
whole list of documents on every search. These tables hold what the formula
needs instead: the documents per stem (`search_stems`, which also numbers the
stems), each kind's documents and tokens (`search_sizes`), and each document's
length and word counts (`search_event_terms`, `search_article_terms`). Filled
here from the FTS tables: an fts5vocab 'row' table gives each stem's documents
(`doc`) and occurrences (`cnt`, summed: the tokens); the word counts are made
from the stored stems. PostgreSQL ranks with ts_rank: nothing to do there.
"""
from collections import Counter
from typing import Sequence, Union

from alembic import op

revision: str = "0018"
down_revision: Union[str, Sequence[str], None] = "0017"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

KINDS = (("event", "search_events_fts", "search_event_terms"), ("article", "search_articles_fts", "search_article_terms"))
SHIFT = 20  # storage.search_bm25.SHIFT when this was written
CHUNK = 5000


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    if not _sqlite():
        return
    op.execute("CREATE TABLE search_stems (id INTEGER PRIMARY KEY, kind VARCHAR NOT NULL, stem VARCHAR NOT NULL, "
               "docs INTEGER NOT NULL, UNIQUE (kind, stem))")
    op.execute("CREATE TABLE search_sizes (kind VARCHAR NOT NULL PRIMARY KEY, docs INTEGER NOT NULL, "
               "tokens INTEGER NOT NULL)")
    for kind, fts, terms in KINDS:
        op.execute(f"CREATE TABLE {terms} (doc_id INTEGER PRIMARY KEY, length INTEGER NOT NULL, terms TEXT NOT NULL)")
        op.execute(f"CREATE VIRTUAL TABLE temp.search_vocab USING fts5vocab(main, {fts}, 'row')")
        # The commonest stems first: their numbers, written in every document's counts, are the shortest.
        op.execute(f"INSERT INTO search_stems(kind, stem, docs) "
                   f"SELECT '{kind}', term, doc FROM temp.search_vocab ORDER BY doc DESC, term")
        # The documents from the table FTS5 keeps a row of sizes per document in: a b-tree count, no text read.
        op.execute(f"INSERT INTO search_sizes(kind, docs, tokens) SELECT '{kind}', "
                   f"(SELECT count(*) FROM {fts}_docsize), (SELECT coalesce(sum(cnt), 0) FROM temp.search_vocab)")
        op.execute("DROP TABLE temp.search_vocab")
        _fill_terms(kind, fts, terms)


def _fill_terms(kind: str, fts: str, terms: str) -> None:
    """Each document's length and ",id:n," per stem (n = title count << SHIFT | body count)."""
    bind = op.get_bind()
    ids = dict(bind.exec_driver_sql("SELECT stem, id FROM search_stems WHERE kind = ?", (kind,)).all())
    last = -1 << 62
    while True:
        rows = bind.exec_driver_sql(f"SELECT rowid, title, body FROM {fts} WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                    (last, CHUNK)).all()
        if not rows:
            return
        out = []
        for ref_id, title, body in rows:
            title, body = Counter((title or "").split()), Counter((body or "").split())
            numbered = sorted((ids[stem], stem) for stem in title.keys() | body.keys())  # common stems first
            entry = "".join(f"{i}:{title[stem] << SHIFT | body[stem]}," for i, stem in numbered)
            out.append((ref_id, title.total() + body.total(), "," + entry))
        bind.exec_driver_sql(f"INSERT INTO {terms}(doc_id, length, terms) VALUES (?, ?, ?)", out)
        last = rows[-1][0]


def downgrade() -> None:
    if not _sqlite():
        return
    for _, _, terms in KINDS:
        op.execute(f"DROP TABLE {terms}")
    op.execute("DROP TABLE search_sizes")
    op.execute("DROP TABLE search_stems")
