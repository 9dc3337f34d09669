"""The running bot's delivery engine: pushes written to the outbox reach the reader, as the reader sees them."""
from __future__ import annotations

from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.render.reply import Button
from storage.db import open_session
from storage.models import Chat, Delivery


async def _push(bot, drafts) -> None:
    async with open_session(bot.engine) as session:
        await enqueue(session, drafts=drafts, now=bot.clock())
        await session.commit()
    bot.app.bot_data["delivery"].wake()


async def test_a_push_reaches_the_reader_with_its_buttons(bot):
    ann = bot.fake.create_user(first_name="Ann", language_code="en")
    greeting = (await bot.ask(ann, "/start"))[0]
    buttons = ((Button("Charter", callback="topic:charter"), Button("Source", url="https://example.com/a")),)
    await _push(bot, [DeliveryDraft(f"digest:1:{ann.id}:0", ann.id, "digest", "<b>Your digest</b>\n1. Charter signed",
                                    buttons)])

    [digest] = await bot.fake.wait_for_messages(ann, 1, after=greeting, timeout=10)
    assert digest.html == "<b>Your digest</b>\n1. Charter signed"
    assert digest.buttons == [[("Charter", "topic:charter"), ("Source", "https://example.com/a")]]
    await bot.app.bot_data["delivery"].wait_idle(timeout=10)  # the outcome is recorded just after
    async with open_session(bot.engine) as session:
        row = await session.get(Delivery, 1)
    assert (row.status, row.message_id, row.sent_at) == ("sent", digest.message_id, bot.clock())


async def test_a_reader_who_blocked_the_bot_gets_pushes_again_after_start(bot):
    ann = bot.fake.create_user(first_name="Ann", language_code="en")
    await bot.ask(ann, "/start")
    bot.fake.block_bot(ann)
    await _push(bot, [DeliveryDraft(f"digest:1:{ann.id}:0", ann.id, "digest", "While blocked")])
    await bot.fake.wait_for(lambda: bot.fake.calls("sendMessage") and bot.fake.calls("sendMessage")[-1].status == 403)
    await bot.app.bot_data["delivery"].wait_idle(timeout=10)
    async with open_session(bot.engine) as session:
        assert not (await session.get(Chat, ann.id)).active

    greeting = (await bot.ask(ann, "/start"))[0]  # writing to the bot unblocks it
    async with open_session(bot.engine) as session:
        assert (await session.get(Chat, ann.id)).active
    await _push(bot, [DeliveryDraft(f"digest:2:{ann.id}:0", ann.id, "digest", "Welcome back")])
    [digest] = await bot.fake.wait_for_messages(ann, 1, after=greeting, timeout=10)
    assert digest.text == "Welcome back"
