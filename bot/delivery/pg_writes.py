"""The sender's usual transaction on PostgreSQL, straight on asyncpg's connection.

Through a session each transaction took this process 2.5-2.7 ms of CPU (the ORM's execute for each
statement, SQLAlchemy's adapter around asyncpg, the commit), on asyncpg's connection 1.3-1.5 ms
(15 outcomes and a claim of 15, the sender's group at 30/s; a 2-core 2.1 GHz VM). The same
statements as storage/deliveries.py compiles them for asyncpg, their values processed as
SQLAlchemy would (bot/delivery/compiled.py); the claim's ids go as one array, so its text is the
same however many rows, and asyncpg prepares each statement once per connection. The connection is
checked out of the engine's pool as for a session; its transaction is asyncpg's own, committed or
rolled back whole, so SQLAlchemy's adapter has none open when it is given back. Other writes
(blocked chats, moves, skips) go through a session.
"""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.compiled import Compiled
from storage import deliveries as outbox


class PgWrites:
    """Records outcomes and claims rows in one transaction on asyncpg's connection."""

    def __init__(self, db: AsyncEngine) -> None:
        self.db = db
        self._record = Compiled(outbox.RECORD, db.dialect, outbox.RECORD_KEYS)
        self._claim = Compiled(outbox.CLAIM_ARRAY_IDS, db.dialect, ("ids",))

    @staticmethod
    def usable(db: AsyncEngine) -> bool:
        return db.dialect.name == "postgresql" and db.dialect.driver == "asyncpg"

    async def record_and_claim(self, *, outcomes: Sequence[dict[str, Any]], ids: Sequence[int]) -> set[int]:
        """`outbox.record_outcomes` then `outbox.claim`, committed; returns the ids claimed."""
        records = [self._record.values(outcome) for outcome in outcomes]
        async with self.db.connect() as connection:
            driver = (await connection.get_raw_connection()).driver_connection
            async with driver.transaction():
                if records:
                    await driver.executemany(self._record.sql, records)
                claimed = await driver.fetch(self._claim.sql, *self._claim.values({"ids": list(ids)})) if ids else []
        return {row[0] for row in claimed}
