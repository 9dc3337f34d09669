"""The outbox: dedup on enqueue, exactly-once bookkeeping, wake-ups, recovery after a crash."""
from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy import update
from sqlmodel import select

from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.render.reply import Button
from storage.db import open_session
from storage.models import Delivery, DeliveryPayload
from tests.delivery.helpers import NOW, deliveries, digest, push, record_chats, running_sender


async def test_enqueue_skips_dedup_keys_already_present(engine):
    buttons = ((Button("More", callback="digest:more:3"), Button("Site", url="https://example.com/")),
               (Button("Share", switch_inline="tripp"),))
    first = [digest(1, 0, buttons=buttons, thread_id=5, schedule_id=None), digest(1, 1), digest(2, 0)]
    assert await push(engine, first) == 3
    assert await push(engine, [digest(1, 1), digest(2, 0), digest(2, 1)]) == 1
    assert await push(engine, []) == 0

    rows = await deliveries(engine)
    assert sorted(rows) == ["digest:1:1:0", "digest:1:1:1", "digest:1:2:0", "digest:1:2:1"]
    row = rows["digest:1:1:0"]
    assert (row.chat_id, row.kind, row.status, row.attempts, row.thread_id) == (1, "digest", "pending", 0, 5)
    assert row.payload == {"text": "<b>Digest</b> part 0", "buttons": [
        [{"text": "More", "callback": "digest:more:3"}, {"text": "Site", "url": "https://example.com/"}],
        [{"text": "Share", "switch_inline": "tripp"}]]}
    assert rows["digest:1:1:0"].id < rows["digest:1:1:1"].id  # parts keep the order given


async def test_enqueue_leaves_the_transaction_to_the_caller(engine):
    async with open_session(engine) as session:
        assert await enqueue(session, drafts=[digest(1)], now=NOW) == 1
        await session.rollback()
    assert await deliveries(engine) == {}
    with pytest.raises(ValueError, match="unknown delivery kind"):
        async with open_session(engine) as session:
            await enqueue(session, drafts=[DeliveryDraft("x", 1, "spam", "hi")], now=NOW)


async def payload_rows(db) -> list[tuple[int, dict]]:
    async with open_session(db) as session:
        return list((await session.exec(select(DeliveryPayload.id, DeliveryPayload.payload)
                                        .order_by(DeliveryPayload.id))).all())


async def test_a_fan_out_stores_its_payload_once(engine):
    """Rows refer to one stored payload per distinct text and buttons, this push's and later ones'."""
    more = ((Button("More", callback="digest:more:3"),),)
    assert await push(engine, [digest(chat, text="Дайджест", buttons=more) for chat in range(1, 201)]) == 200
    assert await push(engine, [digest(chat, 1, text="Дайджест", buttons=more) for chat in range(1, 4)]
                      + [digest(4, 1, text="Дайджест"), digest(5, 1, text="Другой")]) == 5

    stored = {json.dumps(payload, sort_keys=True): payload_id for payload_id, payload in await payload_rows(engine)}
    first, plain, other = (stored.pop(json.dumps(payload, sort_keys=True)) for payload in (
        {"text": "Дайджест", "buttons": [[{"text": "More", "callback": "digest:more:3"}]]},
        {"text": "Дайджест", "buttons": []},  # the same text without the button is another payload
        {"text": "Другой", "buttons": []}))
    assert stored == {}
    rows = await deliveries(engine)
    assert {rows[f"digest:1:{chat}:0"].payload_id for chat in range(1, 201)} == {first}
    assert [rows[f"digest:1:{chat}:1"].payload_id for chat in (1, 2, 3, 4, 5)] == [first, first, first, plain, other]


async def test_concurrent_pushes_of_one_payload_share_its_row(engine):
    """Two transactions enqueuing the same text at once (two replicas' planners): neither fails, one row."""
    async def enqueue_in_own_transaction(chats: range) -> int:
        async with open_session(engine) as session:
            new = await enqueue(session, drafts=[digest(chat, text="Shared") for chat in chats], now=NOW)
            await asyncio.sleep(0.05)  # both hold their transaction open: the second insert meets the first
            await session.commit()
            return new

    if engine.dialect.name == "sqlite":  # one writer at a time: the second waits for the first's commit
        counts = [await enqueue_in_own_transaction(range(1, 51)), await enqueue_in_own_transaction(range(51, 101))]
    else:
        counts = await asyncio.gather(enqueue_in_own_transaction(range(1, 51)),
                                      enqueue_in_own_transaction(range(51, 101)))
    assert list(counts) == [50, 50]
    assert [payload for _, payload in await payload_rows(engine)] == [{"text": "Shared", "buttons": []}]
    assert len({row.payload_id for row in (await deliveries(engine)).values()}) == 1


async def test_a_duplicate_push_reaches_the_chat_once(fake, engine):
    ann = fake.create_user(first_name="Ann")
    await record_chats(engine, [(ann.id, "private")])
    await push(engine, [digest(ann.id)])
    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)
        assert await push(engine, [digest(ann.id)]) == 0  # the same digest again, e.g. after a restart
        sender.wake()
        await sender.wait_idle(timeout=10)
    assert [m.text for m in fake.messages(ann)] == ["Digest part 0"]


async def test_rows_recorded_or_in_doubt_are_never_sent(fake, engine):
    users = [fake.create_user(first_name=s) for s in ("sent", "failed", "skipped", "uncertain", "sending", "pending")]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users])
    async with open_session(engine) as session:
        for user in users[:-1]:  # "sending": a sender crashed after marking it, before recording it
            await session.exec(update(Delivery).where(Delivery.chat_id == user.id).values(status=user.first_name))
        await session.commit()

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    assert [m.chat_id for m in fake.sent_messages()] == [users[-1].id]
    rows = await deliveries(engine)
    statuses = [rows[f"digest:1:{u.id}:0"].status for u in users]
    assert statuses == ["sent", "failed", "skipped", "uncertain", "uncertain", "sent"]
    assert "may or may not have reached" in rows[f"digest:1:{users[4].id}:0"].last_error
    assert sender.stats.uncertain_at_start == 1


async def test_wake_sends_at_once(fake, engine):
    ann = fake.create_user(first_name="Ann")
    await record_chats(engine, [(ann.id, "private")])
    # The periodic sweep comes after a minute: a message within the wait was sent on the wake.
    # (No stopwatch: a busy machine may take its time, but never a minute.)
    async with running_sender(fake, engine, poll_interval=60) as sender:
        await sender.wait_idle(timeout=10)  # caught up with an empty outbox
        await push(engine, [digest(ann.id, 0)])
        sender.wake()
        await fake.wait_for_messages(ann, 1, timeout=30)
    assert [m.text for m in fake.messages(ann)] == ["Digest part 0"]


async def test_the_poll_finds_rows_set_back(fake, engine):
    ann = fake.create_user(first_name="Ann")
    await record_chats(engine, [(ann.id, "private")])
    async with running_sender(fake, engine, poll_interval=0.3) as sender:
        await push(engine, [digest(ann.id, 0), digest(ann.id, 1)])
        sender.wake()
        await fake.wait_for_messages(ann, 2, timeout=30)
        # A maintainer puts a row back in the queue (say, an uncertain one they checked): the
        # periodic sweep finds it, though the sender has read past its id, and no wake comes.
        async with open_session(engine) as session:
            await session.exec(update(Delivery).where(Delivery.dedup_key == f"digest:1:{ann.id}:0")
                               .values(status="pending"))
            await session.commit()
        await fake.wait_for_messages(ann, 3, timeout=30)
    assert [m.text for m in fake.messages(ann)] == ["Digest part 0", "Digest part 1", "Digest part 0"]


async def test_stopping_records_what_was_under_way(fake, engine):
    ann = fake.create_user(first_name="Ann")
    await record_chats(engine, [(ann.id, "private")])
    fake.delay_next(0.5, chat=ann)  # delivered at once, answered late
    await push(engine, [digest(ann.id)])
    async with running_sender(fake, engine) as sender:
        await fake.wait_for_messages(ann, 1, timeout=5)
    row = (await deliveries(engine))[f"digest:1:{ann.id}:0"]
    assert (row.status, row.message_id) == ("sent", fake.messages(ann)[0].message_id)
    assert sender.stats.max_sending >= 1
