"""A reading session's search rows come from the driver itself (asyncpg, aiosqlite), the same as SQLAlchemy's."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Numeric, cast, event, literal_column, select
from sqlalchemy.exc import OperationalError, ProgrammingError, StatementError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.briefing.search import _articles_by_rank, _events_by_rank, search_dossier
from storage import driver_rows
from storage.db import open_session, reading_session
from storage.driver_rows import plain_rows
from storage.models import Event
from storage.search import ranked
from tests.web.pages.seeding import add_articles

QUERIES = ("хартия", "Вашингтон визит", "charter", "TRIPP маршрут", "словокоторогонет")


def _search_statements(session, query: str) -> list:
    events = ranked(session, query=query, kind="event", limit=5, with_generation=True)
    articles = ranked(session, query=query, kind="article", limit=5, with_generation=True)
    return [(_events_by_rank(events.statement, "ru"), events.params),
            (_articles_by_rank(articles.statement), articles.params)]


def executed(monkeypatch) -> list:
    """The statements run through `AsyncConnection.execute` from now on."""
    calls = []
    real_execute = AsyncConnection.execute

    async def counted(self, *args, **kwargs):
        calls.append(args[0])
        return await real_execute(self, *args, **kwargs)

    monkeypatch.setattr(AsyncConnection, "execute", counted)
    return calls


@pytest.fixture
async def searchable(seeded_engine):
    await add_articles(seeded_engine)
    return seeded_engine


async def test_search_rows_are_sqlalchemys_rows(searchable):
    """Every column of both kinds' statements, the articles' times as aware UTC datetimes included."""
    async with reading_session(searchable) as session:
        conn = await session.connection()
        for query in QUERIES:
            for statement, params in _search_statements(session, query):
                expected = [tuple(row) for row in (await conn.execute(statement, params)).all()]
                got = await plain_rows(conn, statement, params)
                assert [tuple(row) for row in got] == expected
                assert all(row._fields == tuple(statement.selected_columns.keys()) for row in got)
        rows = await plain_rows(conn, *_search_statements(session, "хартия")[1])
    published = [row.published_at for row in rows if row.id is not None]
    assert published and all(when.tzinfo == dt.timezone.utc for when in published)


async def test_a_reading_session_runs_searches_without_sqlalchemys_execute(searchable, monkeypatch):
    async with reading_session(searchable) as session, reading_session(searchable) as spare:
        expected = await search_dossier(session, query="хартия", lang="ru", articles_session=spare)
    calls = executed(monkeypatch)
    async with reading_session(searchable) as session, reading_session(searchable) as spare:
        found = await search_dossier(session, query="хартия", lang="ru", articles_session=spare)
    assert found == expected and found.events and found.articles
    assert calls == []


async def test_statement_listeners_still_see_the_statement(searchable):
    seen = []

    def before(_conn, _cursor, statement, parameters, _context, _many):
        seen.append((statement, parameters))

    event.listen(searchable.sync_engine, "before_cursor_execute", before)
    try:
        async with reading_session(searchable) as session:
            statement, params = _search_statements(session, "хартия")[0]
            await plain_rows(await session.connection(), statement, params)
    finally:
        event.remove(searchable.sync_engine, "before_cursor_execute", before)
    assert len(seen) == 1 and "search_generation" in seen[0][0]
    assert params["limit" if searchable.dialect.name == "sqlite" else "q"] in seen[0][1]


async def test_where_it_would_change_something_sqlalchemy_runs_the_statement(searchable, monkeypatch):
    calls = executed(monkeypatch)
    postgresql = searchable.dialect.name == "postgresql"
    async with open_session(searchable) as session:  # on PostgreSQL a transaction of SQLAlchemy's: BEGIN first
        statement, params = _search_statements(session, "хартия")[0]
        rows = await plain_rows(await session.connection(), statement, params)
    assert rows and calls == ([statement] if postgresql else [])  # SQLite: the same connection either way
    # PostgreSQL's Numeric converts by the column's database type, which only SQLAlchemy's cursor knows;
    # SQLite's by the declared scale, as here. The LIMIT's value is the statement's own.
    decimal = select(Event.id, cast(literal_column("1.5"), Numeric(4, 2)).label("share")).order_by(Event.id).limit(1)
    calls.clear()
    async with reading_session(searchable) as session:
        rows = await plain_rows(await session.connection(), decimal, {})
    assert calls == ([decimal] if postgresql else []) and len(rows) == 1 and str(rows[0].share) == "1.50"
    assert (driver_rows._driver_form(decimal, searchable.dialect) is None) == postgresql


async def test_a_failing_statement_raises_sqlalchemys_error(searchable):
    """As from any statement: callers catch SQLAlchemy's errors (bot/web/webhook.py), not each driver's."""
    async with reading_session(searchable) as session:
        conn = await session.connection()
        statement, params = _search_statements(session, "хартия")[0]
        if searchable.dialect.name == "postgresql":
            await conn.exec_driver_sql("ALTER TABLE search_generation RENAME TO search_generation_gone")
        else:
            await conn.exec_driver_sql("DROP TABLE search_generation")
        with pytest.raises(StatementError, match="value is required"):
            await plain_rows(conn, statement, {})
        with pytest.raises(ProgrammingError if searchable.dialect.name == "postgresql" else OperationalError):
            await plain_rows(conn, statement, params)
