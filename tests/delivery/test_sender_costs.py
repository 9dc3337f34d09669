"""What the sender costs: few transactions and wake-ups when paced, one copy of a fan-out's text.
Counts, never timings: CPU figures are bench/fanout.py's."""
from __future__ import annotations

import asyncio
import itertools

from sqlalchemy import text

import bot.delivery.loader as loader_module
from bot.delivery.api import BotApi
from bot.delivery.engine import DeliveryEngine
from bot.delivery.limits import ANSWER_DELAY, Limits
from bot.delivery.loader import Loader
from bot.delivery.policy import Settler, Stats
from bot.delivery.queue import ChatQueues
from storage.db import open_session
from tests.delivery.helpers import NOW, SCALED, deliveries, digest, push, record_chats, running_sender

DIGEST = "<b>Дайджест</b> " + "переговоры по Хартии " * 50


async def test_paced_sends_share_their_transactions_and_wake_ups(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(60)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id, part) for u in users for part in range(2 if u in users[:5] else 1)])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=60)

    sent = sender.stats.sent
    assert sent == 65 and fake.throttled_count == sender.stats.floods == 0  # within Telegram's limits
    # Sends go in groups of ten claimed in one transaction, their outcomes written with the next
    # claim: about one transaction per group (eight here); a transaction every 10 ms tick, as
    # before the groups, made twenty.
    assert sender.stats.transactions <= sent / 5
    assert sender.stats.wakes <= sent / 2  # a send answered as planned does not wake the loop
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    for user in users[:5]:  # a chat's parts still wait their gap after the previous answer
        first, second = fake.send_timestamps(user)
        assert second - first >= SCALED.chat_interval * SCALED.time_scale


async def test_at_telegrams_own_pace_answers_gather_and_every_send_goes_once(fake, engine):
    """At a real 30/s (not scaled) a group's answers are read together (tests/delivery/test_http_pool.py
    shows how); at 1000/s, where the in-flight bound sets the pace, each as it comes."""
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(30)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine, limits=Limits(), in_flight=100) as sender:
        assert sender.api.answer_delay == ANSWER_DELAY
        await sender.wait_idle(timeout=30)
    assert sender.stats.sent == 30 and fake.throttled_count == 0
    assert {row.status for row in (await deliveries(engine)).values()} == {"sent"}
    assert sorted(len(fake.send_timestamps(u)) for u in users) == [1] * 30

    async with running_sender(fake, engine, limits=Limits(per_second=1000, paid_broadcast=True),
                              in_flight=100) as paid:
        assert paid.api.answer_delay == 0.0


async def test_groups_keep_the_overall_limit_of_any_window(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(90)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine, in_flight=100) as sender:
        await sender.wait_idle(timeout=60)

    assert sender.pacer.group > 1  # several sends start together
    assert fake.throttled_count == 0
    stamps = sorted(itertools.chain.from_iterable(fake.send_timestamps(u) for u in users))
    window = SCALED.window
    assert len(stamps) == 90
    assert max(sum(1 for s in stamps if start <= s < start + window) for start in stamps) <= 30


async def test_a_crash_with_a_group_claimed_sends_nothing_twice(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(40)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])

    # Unscaled 30/s (the fake allows 30 per 0.1 s): groups of fifteen, half a second apart, all
    # claimed at once (a horizon of a second); the first group is answered, its outcomes unwritten.
    crashed = DeliveryEngine(engine, BotApi(api_url=fake.api_base_url, token=fake.token, timeout=5),
                             Limits(), clock=lambda: NOW, horizon=1.0)
    await crashed.start()
    deadline = asyncio.get_running_loop().time() + 30
    while len(fake.sent_messages()) < crashed.pacer.group:
        if crashed._task.done():  # the sender died: its error, not a test that never ends
            crashed._task.result()
        assert asyncio.get_running_loop().time() < deadline, (
            f"the first group never went out: {len(fake.sent_messages())} sent, {crashed.stats}")
        await asyncio.sleep(0.01)
    # The process dies: no stop, nothing recorded, the waiting sends never made.
    for task in (crashed._task, crashed._loading, *crashed._sends):
        task.cancel()
    await asyncio.gather(crashed._task, crashed._loading, *crashed._sends, return_exceptions=True)
    await crashed.api.close()
    if crashed._given_db is not None:  # its own pool on the file: a dead process's connections are closed too
        await crashed.db.dispose()  # (left open, one was closed by the GC after this loop ended, in a later test)

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=30)

    received = {u.id: len(fake.messages(u)) for u in users}
    assert max(received.values()) == 1  # nobody got the digest twice
    rows = await deliveries(engine)
    uncertain = {row.chat_id for row in rows.values() if row.status == "uncertain"}
    assert sender.stats.uncertain_at_start == len(uncertain) >= crashed.pacer.group  # sent, never recorded
    sent = {row.chat_id for row in rows.values() if row.status == "sent"}
    got = {chat for chat, count in received.items() if count}
    assert sent <= got <= sent | uncertain and sent | uncertain == set(received)


async def test_held_rows_of_a_fan_out_share_one_copy_of_its_text(engine):
    await record_chats(engine, [(chat, "private") for chat in range(1, 301)])
    await push(engine, [digest(chat, text=DIGEST) for chat in range(1, 301)])
    queues = ChatQueues(gap=lambda chat: 1.0)
    settler = Settler(queues=queues, pacer=None, stats=Stats(), max_attempts=5, backoff=None)
    loader = Loader(engine, queues, settler, clock=lambda: NOW, poll_interval=60.0, on_loaded=lambda: None)

    await loader.top_up(0.0)

    held = queues.take(None, 0.0)
    assert len(held) == 300 and {row.payload.text for row in held} == {DIGEST}
    assert len({id(row.payload.text) for row in held}) == 1
    assert len({id(row.payload) for row in held}) == 1  # read and decoded once for all 300


async def test_the_loader_gives_each_row_its_own_payload_past_its_cache(engine, monkeypatch):
    """More distinct payloads than the loader keeps decoded: it starts afresh, and no row gets another's."""
    monkeypatch.setattr(loader_module, "PAYLOADS_KEPT", 4)
    await record_chats(engine, [(chat, "private") for chat in range(1, 31)])
    await push(engine, [digest(chat, text=f"Digest {chat % 10}") for chat in range(1, 31)])
    queues = ChatQueues(gap=lambda chat: 1.0)
    settler = Settler(queues=queues, pacer=None, stats=Stats(), max_attempts=5, backoff=None)
    loader = Loader(engine, queues, settler, clock=lambda: NOW, poll_interval=60.0, on_loaded=lambda: None)
    monkeypatch.setattr(loader_module, "PAGE", 7)  # five reads, each meeting payloads read before and new ones

    while not loader.caught_up:
        loader.stale = True
        await loader.top_up(0.0)

    held = queues.take(None, 0.0)
    assert sorted((row.chat_id, row.payload.text) for row in held) == [
        (chat, f"Digest {chat % 10}") for chat in range(1, 31)]
    assert len(loader._payloads) <= 7  # started afresh instead of growing


async def test_payloads_are_stored_without_unicode_escapes(engine):
    await push(engine, [digest(1, text=DIGEST)])
    async with open_session(engine) as session:
        stored = (await session.exec(text("SELECT CAST(payload AS TEXT) FROM delivery_payloads"))).scalar_one()
    assert "Дайджест" in stored and "\\u" not in stored
    assert (await deliveries(engine))["digest:1:1:0"].payload["text"] == DIGEST
