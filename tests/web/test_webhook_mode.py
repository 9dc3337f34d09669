"""Webhook mode end to end: the fake Bot API posts updates to the bot's web server over real HTTP."""
from __future__ import annotations

import asyncio
import datetime as dt

import aiohttp
import pytest
from sqlalchemy import text

from bot import metrics
from tests.web.webhook_bot import SECRET, running_webhook_bot


@pytest.fixture
async def hooked(seeded_db_url):
    async with running_webhook_bot(seeded_db_url) as bot:
        yield bot
    bot.fake.assert_no_rejected_calls()


async def test_start_sets_the_webhook_and_a_command_is_answered(hooked):
    info = hooked.fake.webhook_info()
    assert info["url"] == hooked.hook_url and info["max_connections"] == 10
    assert hooked.fake.state.webhook["secret_token"] == SECRET
    assert "message" in info["allowed_updates"] and "callback_query" in info["allowed_updates"]
    ann = hooked.fake.create_user(first_name="Ann", language_code="en")
    reply = await hooked.fake.wait_for_reply(hooked.fake.user_sends(ann, "/start"))
    assert "Ann" in reply.plain or reply.plain
    assert hooked.fake.webhook_posts() and all(error is None for _, error in hooked.fake.webhook_posts())
    assert hooked.fake.webhook_info()["pending_update_count"] == 0


async def test_a_redelivered_update_is_handled_once(hooked):
    """The bot's answer to /subscribe is lost on the way back: Telegram posts the update again."""
    fake = hooked.fake
    ann = fake.create_user(first_name="Ann", language_code="en")
    duplicates = metrics.UPDATES.labels("message", "duplicate")._value.get()
    fake.lose_next_webhook_answers(1)
    sent = fake.user_sends(ann, "/subscribe")
    await fake.wait_for(lambda: len(fake.state.webhook_posts) >= 2 and fake.state.webhook_posts[-1][1] is None,
                        message="the update posted again")
    posts = [error for _, error in fake.webhook_posts()]
    assert posts == ["Read timeout expired", None]
    assert fake.webhook_info()["last_error_message"] == "Read timeout expired"
    await fake.wait_for_reply(sent)
    # Whatever else comes later in the chat, the confirmation is there once.
    later = fake.user_sends(ann, "/settings")
    await fake.wait_for_reply(later)
    answers = [m for m in fake.messages(ann) if m.message_id < later.message_id]
    assert len(answers) == 1, [m.plain for m in answers]
    assert metrics.UPDATES.labels("message", "duplicate")._value.get() == duplicates + 1
    async with hooked.engine.connect() as conn:
        subscriptions = (await conn.execute(text("SELECT count(*) FROM subscriptions WHERE chat_id = :c"),
                                            {"c": ann.id})).scalar_one()
        recorded = (await conn.execute(text("SELECT count(*) FROM processed_updates"))).scalar_one()
    assert subscriptions >= 1 and recorded == 2


@pytest.mark.parametrize("headers", [{}, {"X-Telegram-Bot-Api-Secret-Token": "wrong-" + SECRET[6:]},
                                     {"X-Telegram-Bot-Api-Secret-Token": SECRET[:-1]}])
async def test_a_wrong_or_missing_secret_is_refused_and_nothing_processed(hooked, headers):
    fake = hooked.fake
    ann = fake.create_user(first_name="Ann", language_code="en")
    update = {"update_id": 555, "message": {"message_id": 1, "date": 1, "text": "/start",
                                            "chat": {"id": ann.id, "type": "private", "first_name": "Ann"},
                                            "from": ann.to_dict(),
                                            "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}}
    async with aiohttp.ClientSession() as http:
        async with http.post(hooked.hook_url, json=update, headers=headers) as resp:
            assert resp.status == 403
    # A correct post after it is answered: the forged one left no trace in between.
    async with aiohttp.ClientSession() as http:
        async with http.post(hooked.hook_url, json={**update, "update_id": 556},
                             headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as resp:
            assert resp.status == 200
    replies = await fake.wait_for_messages(ann, 1)
    async with hooked.engine.connect() as conn:
        taken = (await conn.execute(text("SELECT update_id FROM processed_updates"))).scalars().all()
    assert taken == [556] and len(replies) == 1
    assert len(fake.messages(ann)) == 1


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'{"message": {}}', b'{"update_id": "7"}',
                                  b'{"update_id": 7, "message": {"chat": 5}}'])
async def test_a_body_that_is_not_an_update_gets_400(hooked, body):
    async with aiohttp.ClientSession() as http:
        async with http.post(hooked.hook_url, data=body, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET,
                                                                  "Content-Type": "application/json"}) as resp:
            assert resp.status == 400
    async with hooked.engine.connect() as conn:
        assert (await conn.execute(text("SELECT count(*) FROM processed_updates"))).scalar_one() == 0


async def test_update_ids_older_than_a_day_are_forgotten_as_updates_come(hooked):
    async with hooked.engine.begin() as conn:
        await conn.execute(text("INSERT INTO processed_updates (update_id, received_at) VALUES (1, :t)"),
                           {"t": "2020-01-01 00:00:00" if hooked.engine.dialect.name == "sqlite"
                            else dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)})
    ann = hooked.fake.create_user(first_name="Ann", language_code="en")
    await hooked.fake.wait_for_reply(hooked.fake.user_sends(ann, "/help"))

    async def ids() -> list[int]:
        async with hooked.engine.connect() as conn:
            return sorted((await conn.execute(text("SELECT update_id FROM processed_updates"))).scalars().all())

    for _ in range(50):
        if len(await ids()) == 1:
            break
        await asyncio.sleep(0.05)
    assert (await ids())[0] != 1 and len(await ids()) == 1
