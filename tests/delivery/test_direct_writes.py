"""The sender's usual transaction (record outcomes, claim rows, commit) on the driver's connection:
SQLite's in one hand-off to aiosqlite's thread, PostgreSQL's on asyncpg's connection without a session.
Either writes exactly what the session's statements write, and all or nothing."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from bot.delivery.pg_writes import PgWrites
from bot.delivery.sqlite_writes import SqliteWrites
from storage import deliveries as outbox
from storage.db import open_session
from tests.delivery.helpers import NOW, deliveries, digest, push, record_chats, running_sender


def direct_writes(engine) -> SqliteWrites | PgWrites:
    return SqliteWrites(engine) if engine.dialect.name == "sqlite" else PgWrites(engine)


async def test_the_driver_writes_what_the_sessions_statements_write(engine):
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

    writes = direct_writes(engine)
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


async def test_a_failed_transaction_writes_no_outcome_and_claims_nothing(engine):
    await record_chats(engine, [(chat, "private") for chat in range(1, 5)])
    await push(engine, [digest(chat) for chat in range(1, 5)])
    ids = sorted(row.id for row in (await deliveries(engine)).values())
    writes = direct_writes(engine)
    assert await writes.record_and_claim(outcomes=[], ids=ids[:2]) == set(ids[:2])

    class Broken:
        sql = "SELECT 1"

        def values(self, named):
            raise ConnectionResetError("the connection went away after the outcomes were written")

    writes._claim = Broken()  # fails after the outcomes' statement, inside the transaction
    with pytest.raises(ConnectionResetError):
        await writes.record_and_claim(outcomes=[outbox.outcome(id=i, status="sent", chat_id=1, message_id=5,
                                                                sent_at=NOW) for i in ids[:2]], ids=ids[2:])
    stored = {row.id: row.status for row in (await deliveries(engine)).values()}
    assert [stored[i] for i in ids] == ["sending", "sending", "pending", "pending"]


async def test_the_sender_takes_the_drivers_way_on_either_database(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(12)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine) as sender:
        assert type(sender.direct_writes) is type(direct_writes(engine))
        await sender.wait_idle(timeout=60)

    assert sender.stats.sent == 12 and sender.stats.transactions >= 2
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    assert sorted(len(fake.send_timestamps(u)) for u in users) == [1] * 12
