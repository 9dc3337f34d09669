"""Async engine and sessions; opened at the edge (CLI command, update, job) and passed down."""
from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import Table, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.sqlite_driver import one_trip_dbapi

SQLITE_BUSY_TIMEOUT_MS = 10_000


def make_engine(url: str, *, sqlite_cache_kib: int | None = None, **kwargs) -> AsyncEngine:
    """An engine for `url`; SQLite gets WAL, a busy timeout and enforced foreign keys, and a page cache of
    `sqlite_cache_kib` per connection when given (SQLite's default otherwise)."""
    # JSON columns (the outbox's payloads) keep Cyrillic as is: \uXXXX escapes made every 2 KB
    # digest 8 KB in the row, in memory while enqueued and while read back.
    kwargs.setdefault("json_serializer", _json_dumps)
    if url.startswith("sqlite"):
        if url.startswith("sqlite+aiosqlite"):
            kwargs.setdefault("module", one_trip_dbapi())  # one trip to the connection's thread per statement
        engine = create_async_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine.sync_engine, "connect", functools.partial(_sqlite_pragmas, cache_kib=sqlite_cache_kib))
        return engine
    # No JIT: the bot's statements read a few rows, but a plan may cost a lot on paper for a branch never run
    # (search's walk-or-index choice); at 1,000,000 articles JIT then compiled every search for 10 ms.
    connect_args = kwargs.pop("connect_args", {})
    connect_args["server_settings"] = {"jit": "off", **connect_args.get("server_settings", {})}
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)
    if not kwargs.get("pool_pre_ping"):
        event.listen(engine.sync_engine.pool, "checkout", _closed_at_checkout)
    return engine


def _closed_at_checkout(dbapi_connection, _record, _proxy) -> None:
    """Hand out no connection the server has closed (a restart, pg_terminate_backend, a failover).

    asyncpg marks a connection closed as soon as the server's goodbye reaches the event loop, so this
    costs nothing, where pool_pre_ping's probe cost three round trips (BEGIN, ";", ROLLBACK) on every
    checkout: 0.4 of the 1.0 ms a session running one SELECT 1 took. The pool then opens a new one. A
    connection that died unseen (the network, not the server) fails its statement instead, and SQLAlchemy
    then drops it with every other connection of the pool, as it would mid-transaction anyway.
    """
    if dbapi_connection.driver_connection.is_closed():
        raise DisconnectionError("the server closed this connection")


def _json_dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _sqlite_pragmas(dbapi_connection, _record, *, cache_kib: int | None) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    if cache_kib is not None:
        cursor.execute(f"PRAGMA cache_size=-{int(cache_kib)}")
    cursor.close()


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)


@asynccontextmanager
async def reading_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session for lookups only; it must not write.

    On PostgreSQL its statements run outside a transaction, each on a snapshot of its own, as SQLite
    runs every read already: a command's one SELECT is then one round trip to the server instead of
    three (BEGIN, the SELECT, and the ROLLBACK when the session goes back to the pool).
    """
    async with open_session(engine) as session:
        if engine.dialect.name != "sqlite":  # SQLite sends no BEGIN before a SELECT anyway
            await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
        yield session


@asynccontextmanager
async def open_session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session whose transaction the caller commits; rolled back on error."""
    async with session_factory(engine)() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise


def insert_unless_present(session: AsyncSession, table: Table, *, unique: list[str]):
    """INSERT INTO `table` … ON CONFLICT (`unique`) DO NOTHING, in the session's dialect (both databases
    spell it alike, but each dialect has its own insert construct)."""
    dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
    return dialect.insert(table).on_conflict_do_nothing(index_elements=unique)
