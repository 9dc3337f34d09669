"""Replicas on one PostgreSQL database: only the leader sends; a replica that merely starts leaves the
leader's in-flight rows alone; the new leader marks them uncertain and sends the rest; pushes a
follower enqueues go out through the leader's sender."""
from __future__ import annotations

import asyncio
import time

from sqlalchemy import update

from bot.briefing.subscriptions import subscribe
from bot.delivery.lifecycle import DELIVERY_KEY
from bot.fleet.connection import asyncpg_dsn
from bot.fleet.leader import Leadership
from bot.fleet.replica import LEADERSHIP_KEY
from bot.scheduling.scheduler import SCHEDULER_KEY
from storage.db import make_engine, open_session
from storage.models import Chat, Delivery
from tests.delivery.helpers import digest, push, record_chats
from tests.fleet.conftest import add_maintainer_team, eventually, fleet_of, statuses, terminate_sessions


def duties_of(replica) -> tuple[bool, bool]:
    data = replica.app.bot_data
    return data.get(DELIVERY_KEY) is not None, data.get(SCHEDULER_KEY) is not None


async def test_only_the_leader_runs_the_sender_and_the_jobs_and_a_killed_one_is_replaced(pg_url):
    async with fleet_of(2, pg_url) as fleet:
        assert fleet.leaders() == [0]
        assert duties_of(fleet[0]) == (True, True) and duties_of(fleet[1]) == (False, False)
        leadership = fleet[0].app.bot_data[LEADERSHIP_KEY]
        assert await terminate_sessions(pg_url, "", pid=leadership._conn.get_server_pid()) == 1
        stepped = await eventually(lambda: duties_of(fleet[0]) == (False, False), timeout=5,
                                   what="the old leader to stop its sender and jobs")
        assert stepped < 1.0
        took = await eventually(lambda: duties_of(fleet[1]) == (True, True), timeout=10,
                                what="the other replica to lead")
        assert took < 5.0 and fleet.leaders() == [1]


async def test_a_starting_follower_leaves_sending_rows_alone_and_the_new_leader_marks_them(pg_url):
    async def nothing() -> None:
        pass
    old = Leadership(asyncpg_dsn(pg_url), lead=nothing, step_down=nothing)  # stands in for a leader
    await old.start()
    assert old.is_leader
    engine = make_engine(pg_url)
    try:
        async with fleet_of(1, pg_url) as fleet:
            fake = fleet.fake
            users = [fake.create_user(first_name=f"Reader {i}") for i in range(6)]
            await record_chats(engine, [(u.id, "private") for u in users])
            await push(engine, [digest(u.id) for u in users])
            async with open_session(engine) as session:  # the old leader had two of them on the wire
                await session.exec(update(Delivery).where(Delivery.chat_id.in_([users[0].id, users[1].id]))
                                   .values(status="sending", attempts=1))
                await session.commit()
            await asyncio.sleep(2.5)  # the follower tries for leadership meanwhile, more than once
            assert not fleet.leads(0) and duties_of(fleet[0]) == (False, False)
            assert await statuses(pg_url) == {"sending": 2, "pending": 4}
            assert fake.sent_messages() == []

            killed = time.monotonic()
            await terminate_sessions(pg_url, "", pid=old._conn.get_server_pid())  # the old leader dies
            await eventually(lambda: len(fake.sent_messages()) == 4, timeout=10, what="the new leader to send")
            assert time.monotonic() - killed < 10
            assert fleet.leads(0)
            await fleet[0].app.bot_data[DELIVERY_KEY].wait_idle(timeout=10)
            assert await statuses(pg_url) == {"uncertain": 2, "sent": 4}
            assert {m.chat_id for m in fake.sent_messages()} == {u.id for u in users[2:]}
    finally:
        await old.stop()
        await engine.dispose()


async def test_an_announcement_sent_from_a_follower_goes_out_through_the_leader(pg_url):
    async with fleet_of(2, pg_url, owners=(7_000_001,)) as fleet:
        fake = fleet.fake
        owner, _ = await add_maintainer_team(pg_url, fake)
        readers = [fake.create_user(first_name=f"Reader {i}", language_code="en") for i in range(5)]
        engine = fleet[1].engine
        async with open_session(engine) as session:
            session.add_all([Chat(id=u.id, type="private", language="en") for u in readers])
            await session.flush()
            for user in readers:
                await subscribe(session, chat_id=user.id, topics=None, now=fleet[1].clock.now)
            await session.commit()
        sender = fleet[0].app.bot_data[DELIVERY_KEY]
        sender.loader.poll_interval = 3600.0  # only a wake makes it look
        sender.loader.next_poll = time.monotonic() + 3600.0
        follower = await fleet.route(1)
        assert fleet.leaders() == [0]
        _, confirm = await follower.ask(owner, "/announce Meet the fleet.", count=2)
        pressed = time.monotonic()
        fake.press_button(owner, confirm, "Send to 5")
        await eventually(lambda: all(fake.messages(u) for u in readers), timeout=5,
                         what="the readers to get the announcement")
        assert time.monotonic() - pressed < 5
        assert all(fake.messages(u)[0].plain.endswith("Meet the fleet.") for u in readers)
        # The fake holds a message before its reply reaches the sender, which counts the send then.
        await eventually(lambda: sender.stats.sent >= 5, timeout=5, what="the leader's sender to count its sends")
        assert sender.stats.sent == 5 and DELIVERY_KEY not in fleet[1].app.bot_data
