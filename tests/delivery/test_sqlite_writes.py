"""On SQLite the sender's usual transaction (record outcomes, claim rows, commit) is one hand-off to
aiosqlite's thread (what it writes: test_direct_writes.py), and the sender has its own pool. Counts,
never timings."""
from __future__ import annotations

import asyncio

import aiosqlite
import pytest

from bot.delivery.sqlite_writes import SENDER_CACHE_KIB
from tests.delivery.helpers import deliveries, digest, push, record_chats, running_sender


@pytest.fixture
def hand_offs(monkeypatch):
    """Hand-offs to aiosqlite's thread, by the name of the task that made them."""
    counted: dict[str, int] = {}
    real = aiosqlite.Connection._execute

    async def counting(self, fn, *args, **kwargs):
        task = asyncio.current_task()
        name = task.get_name() if task else ""
        counted[name] = counted.get(name, 0) + 1
        return await real(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counting)
    return counted


async def test_the_senders_transactions_are_one_hand_off_each(fake, engine, hand_offs):
    if engine.dialect.name != "sqlite":
        pytest.skip("aiosqlite's thread is SQLite's")
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(40)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=60)
        transactions = sender.stats.transactions

    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    assert sender.stats.sent == 40 and transactions >= 2
    # The work itself and the pool's reset of the connection given back; through the session
    # (cursor, execute, fetch and close per statement, then commit) it was about ten.
    assert hand_offs["delivery-engine"] <= 2 * transactions


async def test_the_sender_has_its_own_sqlite_pool_with_small_page_caches(fake, engine):
    """It reads each row once and writes it soon after: SQLite's 2 MB cache per connection only churned
    its heap. The application's connections keep SQLite's default."""
    if engine.dialect.name != "sqlite":
        pytest.skip("a page cache per connection is SQLite's")
    reader = fake.create_user(first_name="Reader")
    await record_chats(engine, [(reader.id, "private")])
    await push(engine, [digest(reader.id)])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=30)
        assert sender.db is not engine and sender.loader.db is sender.db
        async with sender.db.connect() as connection:
            senders = (await connection.exec_driver_sql("PRAGMA cache_size")).scalar()
    async with engine.connect() as connection:
        applications = (await connection.exec_driver_sql("PRAGMA cache_size")).scalar()

    assert senders == -SENDER_CACHE_KIB and applications == -2000
    assert sender.db is engine  # stopped: its own pool closed
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
