"""Change notices over LISTEN/NOTIFY on real PostgreSQL: heard by the other replicas, not by the sender;
after a lost connection the bus listens again and says notices may have been missed."""
from __future__ import annotations

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
