"""Lookup sessions: on PostgreSQL no transaction (one round trip per SELECT); the pool's connections unchanged after."""
from __future__ import annotations

import asyncio

import asyncpg

from sqlalchemy import text

from storage.db import open_session, reading_session


async def _clock_twice(session) -> tuple:
    """now() is the transaction's start: it moves between two statements only outside a transaction."""
    first = (await session.exec(text("SELECT now()"))).scalar_one()
    await asyncio.sleep(0.02)
    return first, (await session.exec(text("SELECT now()"))).scalar_one()


async def test_lookups_run_outside_a_transaction_on_postgresql(engine):
    async with reading_session(engine) as session:
        if engine.dialect.name == "sqlite":
            # SQLite: reads start no transaction anyway; the session is a plain one.
            assert (await session.exec(text("SELECT 1"))).scalar_one() == 1
            return
        first, second = await _clock_twice(session)
        assert second > first
        assert (await session.exec(text("SHOW transaction_isolation"))).scalar_one() == "read committed"
    # The connection went back to the pool as it came: the next ordinary session has its transaction.
    async with open_session(engine) as session:
        first, second = await _clock_twice(session)
        assert second == first


async def test_a_lookup_session_starts_no_transaction(engine, monkeypatch):
    if engine.dialect.name == "sqlite":
        return  # nothing is sent around a read there (tests/storage/test_sqlite_driver.py)
    started: list[str] = []
    stock = asyncpg.transaction.Transaction.start

    async def counted(self):
        started.append(self._isolation)
        return await stock(self)

    async with reading_session(engine) as session:
        await session.connection()  # checked out (the pool's ping on the way is its own affair)
        monkeypatch.setattr(asyncpg.transaction.Transaction, "start", counted)
        assert (await session.exec(text("SELECT 41 + 1"))).scalar_one() == 42
    assert started == []  # BEGIN, and the ROLLBACK on the way back to the pool: two round trips saved
    monkeypatch.undo()
    async with open_session(engine) as session:
        await session.connection()
        monkeypatch.setattr(asyncpg.transaction.Transaction, "start", counted)
        assert (await session.exec(text("SELECT 41 + 1"))).scalar_one() == 42
    assert len(started) == 1
