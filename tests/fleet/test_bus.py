"""Change notices over LISTEN/NOTIFY on real PostgreSQL: heard by the other replicas, not by the sender;
after a lost connection the bus listens again and says notices may have been missed."""
from __future__ import annotations

import asyncio

from bot.fleet.bus import ChangeBus
from bot.fleet.connection import asyncpg_dsn
from tests.fleet.conftest import eventually, terminate_sessions


class Ear:
    def __init__(self) -> None:
        self.heard: list[str] = []
        self.missed = 0

    def bus(self, url: str) -> ChangeBus:
        return ChangeBus(asyncpg_dsn(url), on_message=self.heard.append, on_missed=self.missed_some)

    def missed_some(self) -> None:
        self.missed += 1


async def test_notices_reach_the_others_in_order_and_not_the_sender(pg_url):
    a, b, c = Ear(), Ear(), Ear()
    buses = [a.bus(pg_url), b.bus(pg_url), c.bus(pg_url)]
    for bus in buses:
        await bus.start()
    try:
        for n in range(5):
            buses[0].publish(f"chat {n}")
        buses[1].publish("topics")
        expected = [f"chat {n}" for n in range(5)]
        await eventually(lambda: len(c.heard) == 6, timeout=5, what="the third replica to hear all")
        await eventually(lambda: len(b.heard) == 5, timeout=5, what="the second replica to hear the first")
        assert b.heard == expected  # in order; its own "topics" not among them
        assert [m for m in c.heard if m.startswith("chat")] == expected and "topics" in c.heard
        assert a.heard == ["topics"]
    finally:
        for bus in buses:
            await bus.stop()


async def test_after_a_lost_connection_it_listens_again_and_forgets(pg_url):
    talker, listener = Ear(), Ear()
    sender, receiver = talker.bus(pg_url), listener.bus(pg_url)
    await sender.start()
    await receiver.start()
    try:
        assert await terminate_sessions(pg_url, "", pid=receiver._conn.get_server_pid()) == 1
        await eventually(lambda: listener.missed == 1 and receiver.listening.is_set(), timeout=10,
                         what="the bus to listen again")
        sender.publish("maintainers")
        await eventually(lambda: listener.heard == ["maintainers"], timeout=5, what="a notice after the reconnect")
    finally:
        await sender.stop()
        await receiver.stop()


async def test_a_connection_it_closes_itself_costs_one_reconnect_not_a_loop(pg_url, monkeypatch):
    """A heartbeat that takes too long makes the bus close a live connection and listen again. asyncpg
    tells the connection's termination listeners of that close too: the signal must not reach the next
    connection, which would then be closed in turn, and so on, forgetting everything each second."""
    monkeypatch.setattr("bot.fleet.bus.RETRY", 0.05)
    talker, listener = Ear(), Ear()
    sender, receiver = talker.bus(pg_url), listener.bus(pg_url)
    check, checks = ChangeBus._check, []  # checks: the receiver's connection at each of its heartbeats

    async def receivers_first_check_too_slow(bus: ChangeBus) -> None:
        if bus is receiver:
            checks.append(bus._conn)
            if len(checks) == 1:
                raise asyncio.TimeoutError
        await check(bus)

    monkeypatch.setattr(ChangeBus, "_check", receivers_first_check_too_slow)
    await sender.start()
    await receiver.start()
    try:
        await eventually(lambda: listener.missed == 1 and receiver.listening.is_set() and len(checks) >= 2,
                         timeout=5, what="the bus to listen again")
        await asyncio.sleep(20 * 0.05)  # twenty retries' time: a loop would have reconnected by now
        assert listener.missed == 1 and receiver.listening.is_set()
        assert receiver._conn is checks[1] and not receiver._conn.is_closed()
        sender.publish("topics")
        await eventually(lambda: listener.heard == ["topics"], timeout=5, what="a notice after the reconnect")
    finally:
        await sender.stop()
        await receiver.stop()


async def test_every_replica_counts_the_fleet_as_replicas_join_and_leave(pg_url, monkeypatch):
    monkeypatch.setattr("bot.fleet.bus.HEARTBEAT", 0.2)
    sizes: list[list[int]] = [[], [], []]
    buses = [ChangeBus(asyncpg_dsn(pg_url), on_message=lambda _m: None, on_missed=lambda: None,
                       on_fleet_size=sizes[i].append) for i in range(3)]
    try:
        await buses[0].start()
        await eventually(lambda: sizes[0] == [1], timeout=5, what="the first replica, alone, to count itself")
        for bus in buses[1:]:
            await bus.start()
        await eventually(lambda: all(seen and seen[-1] == 3 for seen in sizes), timeout=5,
                         what="every replica to count three")
        await buses[2].stop()
        await eventually(lambda: sizes[0][-1] == 2 and sizes[1][-1] == 2, timeout=5,
                         what="the others to count two after one stopped")
    finally:
        for bus in buses:
            await bus.stop()
