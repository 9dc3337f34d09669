"""On SQLite the sender's usual transaction (record outcomes, claim rows, commit) is one hand-off to
aiosqlite's thread, and writes exactly what the session's statements write. Counts, never timings."""
from __future__ import annotations

import asyncio
import datetime as dt

import aiosqlite
import pytest
from sqlalchemy import text

from bot.delivery.sqlite_writes import SENDER_CACHE_KIB, SqliteWrites
from storage import deliveries as outbox
from storage.db import open_session
from tests.delivery.helpers import NOW, deliveries, digest, push, record_chats, running_sender


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


async def test_one_hand_off_writes_what_the_sessions_statements_write(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("aiosqlite's thread is SQLite's")
    await record_chats(engine, [(chat, "private") for chat in range(1, 9)])
    await push(engine, [digest(chat) for chat in range(1, 9)])
    rows = await deliveries(engine)
    first, second = [rows[f"digest:1:{chat}:0"].id for chat in range(1, 5)], [
        rows[f"digest:1:{chat}:0"].id for chat in range(5, 9)]
    later = NOW + dt.timedelta(seconds=90, microseconds=123456)

    def outcomes(ids: list[int]) -> list[dict]:
        return [outbox.outcome(id=ids[0], status="sent", chat_id=1, message_id=77, sent_at=NOW),
                outbox.outcome(id=ids[1], status="pending", chat_id=2, last_error="429: Too Many Requests",
                               not_before=later, refund=1),
                outbox.outcome(id=ids[2], status="failed", chat_id=3, last_error="400: Bad Request"),
                outbox.outcome(id=ids[3], status="uncertain", chat_id=9, last_error="in doubt")]

    writes = SqliteWrites(engine)
    assert await writes.record_and_claim(outcomes=[], ids=first) == set(first)
    async with open_session(engine) as session:
        assert await outbox.claim(session, ids=second + first) == set(second)  # the first are sending already
        await session.commit()
    assert await writes.record_and_claim(outcomes=outcomes(first), ids=[]) == set()
    async with open_session(engine) as session:
        await outbox.record_outcomes(session, outcomes=outcomes(second))
        await session.commit()

    columns = "status, chat_id, message_id, sent_at, last_error, not_before, attempts"
    async with open_session(engine) as session:
        stored = {row[0]: tuple(row[1:]) for row in (await session.exec(
            text(f"SELECT id, {columns} FROM deliveries"))).all()}
    assert [stored[i] for i in first] == [stored[i] for i in second]
    assert [stored[i][0] for i in first] == ["sent", "pending", "failed", "uncertain"]
    assert stored[first[1]][-1] == 0 and stored[first[0]][-1] == 1  # the refund gave the attempt back


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
