"""Requests with no answer: in doubt (sent, answer lost) versus surely not sent (connection refused)."""
from __future__ import annotations

import socket

from bot.delivery.api import BotApi, InDoubt, Unreachable
from tests.delivery.helpers import deliveries, digest, push, record_chats, running_sender


async def test_a_lost_answer_is_not_resent_by_default(fake, engine):
    ann, bob = fake.create_user(first_name="Ann"), fake.create_user(first_name="Bob")
    await record_chats(engine, [(ann.id, "private"), (bob.id, "private")])
    fake.delay_next(2.0, chat=ann, deliver=True)  # Telegram delivers, its answer comes too late
    await push(engine, [digest(ann.id), digest(bob.id)])

    async with running_sender(fake, engine, timeout=0.5) as sender:
        await sender.wait_idle(timeout=10)

    assert [m.text for m in fake.messages(ann)] == ["Digest part 0"]
    assert [c.params["chat_id"] for c in fake.calls("sendMessage")].count(ann.id) == 1
    rows = await deliveries(engine)
    lost = rows[f"digest:1:{ann.id}:0"]
    assert (lost.status, lost.attempts, lost.message_id) == ("uncertain", 1, None)
    assert "may or may not have reached the chat: no answer within 0.5 s" in lost.last_error
    assert rows[f"digest:1:{bob.id}:0"].status == "sent"
    assert sender.stats.in_doubt == 1


async def test_a_lost_answer_is_resent_when_configured(fake, engine):
    ann, cem = fake.create_user(first_name="Ann"), fake.create_user(first_name="Cem")
    await record_chats(engine, [(ann.id, "private"), (cem.id, "private")])
    fake.delay_next(2.0, chat=ann, deliver=True)  # delivered: resending shows it twice, the cost of "resend"
    fake.delay_next(2.0, chat=cem, deliver=False)  # never delivered: resending is what saves it
    await push(engine, [digest(ann.id), digest(cem.id)])

    async with running_sender(fake, engine, timeout=0.5, resend_in_doubt=True) as sender:
        await sender.wait_idle(timeout=10)

    rows = await deliveries(engine)
    assert [m.text for m in fake.messages(ann)] == ["Digest part 0", "Digest part 0"]
    assert [m.text for m in fake.messages(cem)] == ["Digest part 0"]
    for user in (ann, cem):
        row = rows[f"digest:1:{user.id}:0"]
        assert (row.status, row.attempts, row.message_id) == ("sent", 2, fake.messages(user)[-1].message_id)
        assert "no answer within 0.5 s" in row.last_error
    assert sender.stats.in_doubt == 2


async def test_the_http_layer_tells_refused_connections_from_lost_answers(fake):
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    api = BotApi(api_url=f"http://127.0.0.1:{port}/bot", token=fake.token, timeout=0.5)
    await api.start()
    try:
        refused = await api.send_message(chat_id=1, text="x")
        assert isinstance(refused, Unreachable) and "Connect" in refused.error
        assert not await api.probe()
    finally:
        await api.close()

    ann = fake.create_user(first_name="Ann")
    fake.delay_next(2.0, chat=ann, deliver=True)
    api = BotApi(api_url=fake.api_base_url, token=fake.token, timeout=0.5)
    await api.start()
    try:
        assert isinstance(await api.send_message(chat_id=ann.id, text="x"), InDoubt)
        assert await api.probe()
    finally:
        await api.close()
