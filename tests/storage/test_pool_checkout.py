"""PostgreSQL's pool: a checkout costs no round trip, and a connection the server closed is never handed out."""
from __future__ import annotations

import asyncio
import time

import asyncpg
import pytest
from sqlalchemy import text

from bot.fleet.connection import asyncpg_dsn
from storage.db import open_session, reading_session


@pytest.fixture
def pg_engine(engine):
    if engine.dialect.name == "sqlite":
        pytest.skip("SQLite has no server to close a connection, nor a probe to save")
    return engine


async def _backend(session) -> tuple[int, asyncpg.Connection]:
    """The server process of the session's connection, and that connection's asyncpg object."""
    pid = (await session.exec(text("SELECT pg_backend_pid()"))).scalar_one()
    raw = await (await session.connection()).get_raw_connection()
    return pid, raw.driver_connection


async def test_a_checkout_sends_nothing_to_the_server(pg_engine, monkeypatch):
    async with open_session(pg_engine) as session:
        await session.connection()  # the pool now holds a connection to hand out again
    sent: list[str] = []
    stock_fetchrow, stock_start = asyncpg.Connection.fetchrow, asyncpg.transaction.Transaction.start

    async def fetchrow(self, query, *args, **kwargs):
        sent.append(query)
        return await stock_fetchrow(self, query, *args, **kwargs)

    async def start(self):
        sent.append("BEGIN")
        return await stock_start(self)

    monkeypatch.setattr(asyncpg.Connection, "fetchrow", fetchrow)
    monkeypatch.setattr(asyncpg.transaction.Transaction, "start", start)
    for _ in range(3):
        async with reading_session(pg_engine) as session:
            await session.connection()  # checked out, nothing run yet
    assert sent == []  # pool_pre_ping sent BEGIN, ";" and ROLLBACK here, every time


async def test_a_connection_the_server_closed_is_replaced_unseen(pg_engine, db_url):
    async with reading_session(pg_engine) as session:
        pid, connection = await _backend(session)
    # As a server restart or a failover does to every connection: this one is killed while in the pool.
    killer = await asyncpg.connect(asyncpg_dsn(db_url))
    try:
        assert await killer.fetchval("SELECT pg_terminate_backend($1)", pid)
    finally:
        await killer.close()
    deadline = time.monotonic() + 5
    while not connection.is_closed():  # the server's goodbye reaches the event loop
        assert time.monotonic() < deadline, "asyncpg never noticed the closed connection"
        await asyncio.sleep(0.01)
    async with reading_session(pg_engine) as session:  # no error: the pool opened a new connection
        new_pid, _ = await _backend(session)
        assert (await session.exec(text("SELECT 41 + 1"))).scalar_one() == 42
    assert new_pid != pid
