"""The newest articles are read newest first along ix_articles_published_at, never sorted whole (SQLite)."""
from __future__ import annotations

import pytest
from sqlalchemy import event

from bot.briefing.articles import latest_articles
from storage.db import make_engine, open_session


@pytest.fixture
async def sqlite_engine(request, db_templates):
    engine = make_engine(db_templates.clone("sqlite", True, request))
    yield engine
    await engine.dispose()


@pytest.mark.parametrize("topic", [None, "charter"])
async def test_latest_articles_walk_the_date_index(sqlite_engine, topic):
    statements = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(sqlite_engine.sync_engine, "before_cursor_execute", record)
    async with open_session(sqlite_engine) as session:
        await latest_articles(session, topic=topic, page_size=20)
        statement, parameters = statements[-1]
        connection = await session.connection()
        plan = await connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, tuple(parameters))
        details = " | ".join(row[3] for row in plan.all())
    event.remove(sqlite_engine.sync_engine, "before_cursor_execute", record)
    assert "SCAN articles USING INDEX ix_articles_published_at" in details, details  # the page: newest first
    assert "ix_articles_relevant (relevant=?)" not in details, details  # not every relevant one, then a sort
