"""Leadership on real PostgreSQL: one leader among contenders; a leader whose connection is killed
steps down at once and another takes over; on SQLite the one process leads."""
from __future__ import annotations

import asyncio
import time

from bot.fleet.connection import asyncpg_dsn
from bot.fleet.leader import Leadership
from tests.fleet.conftest import eventually, terminate_sessions


class Duties:
    """Records when the contender started and stopped leading."""

    def __init__(self) -> None:
        self.running = False
        self.events: list[tuple[str, float]] = []

    async def lead(self) -> None:
        self.running = True
        self.events.append(("lead", time.monotonic()))

    async def step_down(self) -> None:
        self.running = False
        self.events.append(("step_down", time.monotonic()))


def contender(url: str, duties: Duties, changes: list[bool] | None = None) -> Leadership:
    return Leadership(asyncpg_dsn(url), lead=duties.lead, step_down=duties.step_down,
                      on_change=[changes.append] if changes is not None else [])


async def test_of_three_contenders_exactly_one_leads(pg_url):
    duties = [Duties() for _ in range(3)]
    contenders = [contender(pg_url, d) for d in duties]
    for each in contenders:
        await each.start()
    try:
        for _ in range(15):  # over several rounds of retries and heartbeats
            assert [c.is_leader for c in contenders].count(True) == 1
            assert [d.running for d in duties].count(True) == 1
            await asyncio.sleep(0.2)
    finally:
        for each in contenders:
            await each.stop()
    assert not any(d.running for d in duties)


async def test_a_leader_whose_connection_is_killed_steps_down_at_once_and_another_takes_over(pg_url):
    first, second = Duties(), Duties()
    seen: list[bool] = []
    leader, follower = contender(pg_url, first, seen), contender(pg_url, second)
    await leader.start()
    await follower.start()
    try:
        assert leader.is_leader and not follower.is_leader and seen == [True]
        killed = time.monotonic()
        assert await terminate_sessions(pg_url, "", pid=leader._conn.get_server_pid()) == 1
        stepped = await eventually(lambda: not first.running, timeout=5, what="the old leader to step down")
        assert stepped < 1.0  # at once: the closed connection wakes it, no heartbeat to wait for
        assert seen == [True, False]
        await eventually(lambda: second.running, timeout=10, what="the other to lead")
        assert second.events[0][1] - killed < 3.0
        assert follower.is_leader and not leader.is_leader
        # The old leader competes again, and does not lead while the new one lives.
        await asyncio.sleep(2.5)
        assert not leader.is_leader and follower.is_leader
    finally:
        await follower.stop()
        await leader.stop()
    # The new leader released the lock at its stop: the old one may lead again.
    again = Duties()
    newcomer = contender(pg_url, again)
    await newcomer.start()
    try:
        assert newcomer.is_leader and again.running
    finally:
        await newcomer.stop()


async def test_on_sqlite_the_one_process_leads():
    duties = Duties()
    seen: list[bool] = []
    alone = Leadership(None, lead=duties.lead, step_down=duties.step_down, on_change=[seen.append])
    await alone.start()
    assert alone.is_leader and duties.running and seen == [True]
    await alone.stop()
    assert not duties.running and seen == [True, False]
