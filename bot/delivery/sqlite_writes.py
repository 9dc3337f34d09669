"""The sender's usual transaction on SQLite in one hand-off to aiosqlite's thread.

Through a session on SQLAlchemy's stock adapter, aiosqlite handed every step to its thread on its
own (cursor, execute, fetch, close, commit), and each answer wakes the event loop: a claim that also
recorded outcomes took about ten hand-offs and 2.8 ms of CPU (bench/fanout.py); with
storage.sqlite_driver a session still takes one per statement and one for the commit. The usual
transaction (record the outcomes, claim the next rows, commit) runs here as one function on the
driver's connection, in that thread (`in_connection_thread`, the hand-off every statement uses), with
the statements of storage/deliveries.py as SQLAlchemy compiles them and their values processed as
SQLAlchemy would (same SQL, same stored values). The connection is checked out of the engine's pool
as for a session. Other writes (blocked chats, moves, skips) and PostgreSQL go through a session.

The sender also has its own pool on a SQLite file (`sender_engine`), whose connections keep a
small page cache: it reads each outbox row once, in id order, and writes it twice soon after, so
SQLite's default 2 MB cache per connection held little it would read again, while its churn, in the
threads' heaps and shared with the application's connections, kept the process larger
(bench/fanout.py: peak 120 MB before this pool, 106 MB with it).
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.compiled import Compiled
from storage import deliveries as outbox
from storage.db import make_engine
from storage.sqlite_driver import in_connection_thread

SENDER_CACHE_KIB = 256  # page cache of each of the sender's SQLite connections (SQLite's default: 2,000)


class SqliteWrites:
    """Records outcomes and claims rows in one transaction, one hand-off to the driver's thread."""

    def __init__(self, db: AsyncEngine) -> None:
        self.db = db
        self._record = Compiled(outbox.RECORD, db.dialect, outbox.RECORD_KEYS)
        self._claim = Compiled(outbox.CLAIM_JSON_IDS, db.dialect, ("ids_json",))

    @staticmethod
    def usable(db: AsyncEngine) -> bool:
        return db.dialect.name == "sqlite" and db.dialect.driver == "aiosqlite"

    async def record_and_claim(self, *, outcomes: Sequence[dict[str, Any]], ids: Sequence[int]) -> set[int]:
        """`outbox.record_outcomes` then `outbox.claim`, committed; returns the ids claimed."""
        records = [self._record.values(outcome) for outcome in outcomes]
        claim = self._claim.values({"ids_json": json.dumps(list(ids))}) if ids else None
        async with self.db.connect() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
            return set(await in_connection_thread(driver, _write, self._record.sql, records, self._claim.sql, claim))


def sender_engine(db: AsyncEngine) -> AsyncEngine | None:
    """The sender's own pool on the same SQLite file, with small page caches; None for other databases
    (and an in-memory SQLite, which a second pool would not see)."""
    if not SqliteWrites.usable(db) or db.url.database in (None, "", ":memory:"):
        return None
    return make_engine(db.url.render_as_string(hide_password=False), sqlite_cache_kib=SENDER_CACHE_KIB)


def _write(connection: sqlite3.Connection, record_sql: str, records: list[tuple], claim_sql: str,
           claim: tuple | None) -> list[int]:
    """In aiosqlite's thread: the writes and the claim, committed, or rolled back whole."""
    try:
        if records:
            connection.executemany(record_sql, records)
        claimed = [row[0] for row in connection.execute(claim_sql, claim).fetchall()] if claim else []
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    return claimed
