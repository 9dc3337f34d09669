"""Stopping mid-pause and Telegram's outages: what was never sent stays to be sent, and no attempts are spent."""
from __future__ import annotations

import asyncio
import datetime as dt
import time

from bot.delivery.limits import Limits
from bot.delivery.policy import Backoff
from tests.delivery.helpers import NOW, deliveries, digest, push, record_chats, running_sender

SHORT_BACKOFF = Backoff(base=0.05, cap=0.3)  # an outage of 1.5 s is five capped pauses: "minutes" in short


async def _until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_stopping_during_a_429_gives_back_the_rows_never_sent(fake, engine):
    users = [fake.create_user(first_name=f"User{i}") for i in range(6)]
    await record_chats(engine, [(u.id, "private") for u in users])
    fake.flood_next(retry_after=30, chat=users[0])
    await push(engine, [digest(u.id) for u in users])

    # Slots 0.2 s apart, rows claimed up to 2 s ahead: the other five are claimed and wait out the 429.
    async with running_sender(fake, engine, limits=Limits(per_second=5), horizon=2.0) as sender:
        await _until(lambda: sender.stats.floods == 1)
        await asyncio.sleep(0.3)
        started = time.monotonic()
    assert time.monotonic() - started < 1.0  # nothing was on the wire: the stop does not wait

    rows = await deliveries(engine)
    assert fake.sent_messages() == []
    assert {key: (row.status, row.attempts) for key, row in rows.items()} == {
        digest(u.id).dedup_key: ("pending", 1 if u is users[0] else 0) for u in users}

    later = NOW + dt.timedelta(minutes=1)  # past the 429's retry_after
    async with running_sender(fake, engine, now=later) as sender:
        await sender.wait_idle(timeout=10)
    assert sender.stats.uncertain_at_start == 0
    for user in users:
        assert [m.text for m in fake.messages(user)] == ["Digest part 0"]
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}


async def test_refused_connections_pause_sending_without_spending_attempts(fake, engine):
    users = [fake.create_user(first_name=f"User{i}") for i in range(8)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id, part) for u in users for part in range(2)])
    fake.refuse_connections()

    async with running_sender(fake, engine, max_attempts=2, backoff=SHORT_BACKOFF) as sender:
        await asyncio.sleep(1.5)
        rows = await deliveries(engine)
        assert {row.status for row in rows.values()} <= {"pending", "sending"}
        fake.accept_connections()
        await sender.wait_idle(timeout=10)

    for user in users:
        assert [m.text for m in fake.messages(user)] == ["Digest part 0", "Digest part 1"]
    rows = await deliveries(engine)
    assert {(row.status, row.attempts) for row in rows.values()} == {("sent", 1)}
    assert sender.stats.outages == 1


async def test_a_long_run_of_5xx_is_an_outage_not_the_messages_fault(fake, engine):
    users = [fake.create_user(first_name=f"User{i}") for i in range(8)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])
    fake.fail_next(503, times=None)  # every call, getMe too

    async with running_sender(fake, engine, max_attempts=2, backoff=SHORT_BACKOFF) as sender:
        await asyncio.sleep(1.5)
        assert {row.status for row in (await deliveries(engine)).values()} <= {"pending", "sending"}
        fake.clear_faults()
        await sender.wait_idle(timeout=10)

    for user in users:
        assert [m.text for m in fake.messages(user)] == ["Digest part 0"]
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    assert sender.stats.outages == 1


async def test_one_message_failing_while_telegram_answers_spends_its_attempts(fake, engine):
    dan, eve = fake.create_user(first_name="Dan"), fake.create_user(first_name="Eve")
    await record_chats(engine, [(dan.id, "private"), (eve.id, "private")])
    fake.fail_next(503, chat=dan, method="sendMessage", times=None)
    await push(engine, [digest(dan.id), digest(eve.id)])

    # Six failures in a row look like an outage, but getMe answers: they stay this message's errors.
    async with running_sender(fake, engine, max_attempts=6, backoff=SHORT_BACKOFF) as sender:
        await sender.wait_idle(timeout=10)

    rows = await deliveries(engine)
    assert (rows[digest(dan.id).dedup_key].status, rows[digest(dan.id).dedup_key].attempts) == ("failed", 6)
    assert rows[digest(eve.id).dedup_key].status == "sent"
    assert sender.stats.outages == 0
