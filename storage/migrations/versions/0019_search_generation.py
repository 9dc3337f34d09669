"""A number that changes with every commit that can change a search's results

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-06 10:00:00

Search results are cached in each bot process (bot/briefing/search_cache.py)
under `search_generation.value`, read before each search. Triggers on every
table a search reads (the matched rows, their topics and sources, the search
index) bump it inside the writing transaction, so it becomes visible with the
change itself, whichever process or replica made it.

- SQLite: a row trigger per table and kind of write. SQLite has one writer at a
  time, so bumping costs a one-row update and no waiting.
- PostgreSQL: a deferred constraint trigger, which runs at commit. It bumps once
  per transaction (a transaction-local setting marks it done). A plain trigger
  would hold the row's lock from a transaction's first write until its commit,
  so an import's transaction would hold up a maintainer's edit, or deadlock with
  it. TRUNCATE fires no row triggers, so a statement trigger covers it.
"""
from typing import Sequence, Union

from alembic import op

revision: str = "0019"
down_revision: Union[str, Sequence[str], None] = "0018"
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

READ_BY_SEARCH = ("events", "event_topics", "event_sources", "sources", "topics", "articles", "article_topics")
SQLITE_INDEX = ("search_event_terms", "search_article_terms")  # the FTS5 tables are written with them
POSTGRES_INDEX = ("search_event_docs", "search_article_docs")
WRITES = ("INSERT", "UPDATE", "DELETE")


def _sqlite() -> bool:
    return op.get_bind().dialect.name == "sqlite"


def upgrade() -> None:
    op.execute("CREATE TABLE search_generation (id INTEGER PRIMARY KEY CHECK (id = 1), value BIGINT NOT NULL)")
    op.execute("INSERT INTO search_generation (id, value) VALUES (1, 0)")
    if _sqlite():
        for table in READ_BY_SEARCH + SQLITE_INDEX:
            for write in WRITES:
                op.execute(f"CREATE TRIGGER search_generation_{table}_{write.lower()} AFTER {write} ON {table} "
                           "BEGIN UPDATE search_generation SET value = value + 1 WHERE id = 1; END")
        return
    op.execute("""
        CREATE FUNCTION search_generation_bump() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('briefbot.search_generation_bumped', true) IS DISTINCT FROM 'on' THEN
                PERFORM set_config('briefbot.search_generation_bumped', 'on', true);
                UPDATE search_generation SET value = value + 1 WHERE id = 1;
            END IF;
            RETURN NULL;
        END $$""")
    for table in READ_BY_SEARCH + POSTGRES_INDEX:
        op.execute(f"CREATE CONSTRAINT TRIGGER search_generation_bump AFTER INSERT OR UPDATE OR DELETE ON {table} "
                   "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_generation_bump()")
        op.execute(f"CREATE TRIGGER search_generation_truncate AFTER TRUNCATE ON {table} "
                   "FOR EACH STATEMENT EXECUTE FUNCTION search_generation_bump()")


def downgrade() -> None:
    if _sqlite():
        for table in READ_BY_SEARCH + SQLITE_INDEX:
            for write in WRITES:
                op.execute(f"DROP TRIGGER search_generation_{table}_{write.lower()}")
    else:
        for table in READ_BY_SEARCH + POSTGRES_INDEX:
            op.execute(f"DROP TRIGGER search_generation_bump ON {table}")
            op.execute(f"DROP TRIGGER search_generation_truncate ON {table}")
        op.execute("DROP FUNCTION search_generation_bump()")
    op.execute("DROP TABLE search_generation")
