"""Telegram's errors, injected through the fake: 429, 5xx, timeouts, 403, chat not found."""
from __future__ import annotations

import time

from tests.delivery.helpers import chat_row, deliveries, digest, push, record_chats, running_sender


async def test_a_429_is_waited_out_and_the_message_sent_once(fake, engine):
    ann, bob = fake.create_user(first_name="Ann"), fake.create_user(first_name="Bob")
    await record_chats(engine, [(ann.id, "private"), (bob.id, "private")])
    fake.flood_next(retry_after=1, chat=ann)
    await push(engine, [digest(ann.id), digest(bob.id)])

    started = time.monotonic()
    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    assert [m.text for m in fake.messages(ann)] == ["Digest part 0"]
    assert fake.send_timestamps(ann)[0] - started >= 1.0  # retry_after, in real seconds
    assert [m.text for m in fake.messages(bob)] == ["Digest part 0"]
    rows = await deliveries(engine)
    assert (rows[f"digest:1:{ann.id}:0"].status, rows[f"digest:1:{ann.id}:0"].attempts) == ("sent", 2)
    assert "retry after 1" in rows[f"digest:1:{ann.id}:0"].last_error
    assert sender.stats.floods == 1


async def test_server_errors_are_retried_until_sent(fake, engine):
    users = [fake.create_user(first_name=name) for name in ("Ann", "Bob", "Cem", "Dan")]
    ann, bob, cem, dan = users
    await record_chats(engine, [(u.id, "private") for u in users])
    fake.fail_next(500, chat=ann, times=2)
    fake.fail_next(502, chat=bob)  # nginx's HTML page, not a Bot API answer
    fake.fail_next(504, chat=cem)
    fake.fail_next(503, chat=dan, times=None)  # down for good
    await push(engine, [digest(u.id) for u in users])

    async with running_sender(fake, engine, timeout=0.5, max_attempts=4) as sender:
        await sender.wait_idle(timeout=20)

    rows = await deliveries(engine)
    for user, attempts in ((ann, 3), (bob, 2), (cem, 2)):
        assert [m.text for m in fake.messages(user)] == ["Digest part 0"]
        row = rows[f"digest:1:{user.id}:0"]
        assert (row.status, row.attempts, row.message_id) == ("sent", attempts, fake.messages(user)[0].message_id)
    assert "Internal Server Error" in rows[f"digest:1:{ann.id}:0"].last_error
    assert "HTTP 502" in rows[f"digest:1:{bob.id}:0"].last_error
    assert "Gateway Timeout" in rows[f"digest:1:{cem.id}:0"].last_error
    lost = rows[f"digest:1:{dan.id}:0"]
    assert (lost.status, lost.attempts, lost.message_id) == ("failed", 4, None)
    assert "Service Unavailable (after 4 attempts)" in lost.last_error
    assert fake.messages(dan) == []


async def test_403_makes_the_chat_inactive_and_skips_its_other_deliveries(fake, engine):
    blocker, gone, reader = (fake.create_user(first_name=n) for n in ("Blocker", "Gone", "Reader"))
    owner = fake.create_user(first_name="Owner")
    group = fake.create_group("Kicked us", creator=owner, bot="member")
    fake.block_bot(blocker, emit=False)
    fake.deactivate_user(gone)
    fake.remove_bot(group, emit=False)
    chats = [(blocker.id, "private"), (gone.id, "private"), (reader.id, "private"), (group.id, "group")]
    await record_chats(engine, chats)
    await push(engine, [digest(chat_id, part) for chat_id, _ in chats for part in range(3)])

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    rows = await deliveries(engine)
    for chat_id, reason in ((blocker.id, "bot was blocked by the user"), (gone.id, "user is deactivated"),
                            (group.id, "bot was kicked from the group chat")):
        statuses = [rows[f"digest:1:{chat_id}:{part}"].status for part in range(3)]
        assert statuses == ["failed", "skipped", "skipped"]
        assert reason in rows[f"digest:1:{chat_id}:0"].last_error
        chat = await chat_row(engine, chat_id)
        assert not chat.active and reason in chat.inactive_reason
    assert [m.text for m in fake.messages(reader)] == [f"Digest part {p}" for p in range(3)]
    assert fake.sent_messages() == fake.messages(reader)
    assert len(fake.calls("sendMessage")) == 3 + 3  # one refused call per inactive chat
    assert sender.stats.skipped == 6

    # Later pushes to an inactive chat are skipped without a call.
    await push(engine, [digest(blocker.id, 7)])
    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)
    assert (await deliveries(engine))[f"digest:1:{blocker.id}:7"].status == "skipped"
    assert len(fake.calls("sendMessage")) == 6


async def test_chat_not_found_fails_at_once(fake, engine):
    never_started = fake.create_user(first_name="Stranger", started=False)
    await record_chats(engine, [(never_started.id, "private")])
    await push(engine, [digest(never_started.id), digest(424242)])  # 424242: no such chat at all

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=10)

    rows = await deliveries(engine)
    for chat_id in (never_started.id, 424242):
        row = rows[f"digest:1:{chat_id}:0"]
        assert (row.status, row.attempts) == ("failed", 1)
        assert "chat not found" in row.last_error
    assert (await chat_row(engine, never_started.id)).active  # not blocked: nothing to undo
