"""Fan-out within Telegram's limits: every chat gets its push once, parts in order, no 429 left unhandled."""
from __future__ import annotations

import asyncio
import itertools

from bot.delivery.api import BotApi, Sent
from bot.delivery.limits import Limits
from bot.render.reply import Button
from tests.delivery.helpers import SCALED, deliveries, digest, push, record_chats, running_sender


async def test_thousand_subscribers_each_get_their_digest_once(fake, engine):
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(1000)]
    await record_chats(engine, [(u.id, "private") for u in users])
    three_parts = users[:5]
    drafts = [digest(u.id, part) for u in users for part in range(3 if u in three_parts else 1)]
    assert await push(engine, drafts) == len(drafts)

    async with running_sender(fake, engine) as sender:
        await sender.wait_idle(timeout=60)

    for user in users:
        texts = [m.text for m in fake.messages(user)]
        parts = 3 if user in three_parts else 1
        assert texts == [f"Digest part {p}" for p in range(parts)], user.id
    assert fake.throttled_count == sender.stats.floods == 0  # the sender kept within every limit
    assert sender.stats.sent == len(drafts) and sender.stats.failed == 0
    rows = await deliveries(engine)
    assert {r.status for r in rows.values()} == {"sent"}
    sent = {(m.chat_id, m.message_id) for m in fake.sent_messages()}
    assert {(r.chat_id, r.message_id) for r in rows.values()} == sent
    assert all(r.sent_at is not None and r.attempts >= 1 for r in rows.values())
    # One chat's parts are paced by the sender itself: at least 1 s apart (scaled), never a burst.
    for user in three_parts:
        stamps = fake.send_timestamps(user)
        assert min(b - a for a, b in itertools.pairwise(stamps)) >= SCALED.chat_interval * SCALED.time_scale


async def test_a_sender_started_right_after_another_keeps_the_overall_limit(fake, engine):
    """The one before (a leader just killed or stepped down, this process before a restart) may have
    filled Telegram's last second: a sender that starts cannot see it, and waits that second out."""
    fake.rate_limits.time_scale = 1.0
    limits = Limits()  # 30 a second overall, as the fake
    users = [fake.create_user(first_name=f"Reader {i}") for i in range(40)]
    await record_chats(engine, [(u.id, "private") for u in users])
    await push(engine, [digest(u.id) for u in users[30:]])
    previous = BotApi(api_url=fake.api_base_url, token=fake.token, timeout=10)
    await previous.start()
    try:
        sent = await asyncio.gather(*(previous.send_message(chat_id=u.id, text="The previous sender's")
                                      for u in users[:30]))
    finally:
        await previous.close()
    assert all(isinstance(outcome, Sent) for outcome in sent)

    async with running_sender(fake, engine, limits=limits) as sender:
        await sender.wait_idle(timeout=30)

    assert sender.stats.sent == 10 and fake.overall_throttled_count == sender.stats.floods == 0


async def test_a_group_gets_no_more_than_twenty_a_minute(fake, engine):
    fake.rate_limits.time_scale = 0.05  # 20 messages per 3 s
    limits = Limits(time_scale=0.05)
    owner = fake.create_user(first_name="Owner")
    group = fake.create_supergroup("Readers", creator=owner, bot="member")
    await record_chats(engine, [(group.id, "supergroup")])
    await push(engine, [digest(group.id, part) for part in range(24)])

    async with running_sender(fake, engine, limits=limits) as sender:
        await sender.wait_idle(timeout=30)

    assert [m.text for m in fake.messages(group)] == [f"Digest part {p}" for p in range(24)]
    assert fake.throttled_count == sender.stats.floods == 0
    stamps = fake.send_timestamps(group)
    window = 60 * 0.05
    assert max(sum(1 for s in stamps if start <= s < start + window) for start in stamps) <= 20


async def test_buttons_topics_and_paid_broadcast_reach_telegram(fake, engine):
    owner = fake.create_user(first_name="Owner")
    forum = fake.create_supergroup("Forum", is_forum=True, creator=owner, bot="administrator")
    topic = fake.create_forum_topic(forum, "Digests")
    await record_chats(engine, [(forum.id, "supergroup")])
    buttons = ((Button("More", callback="digest:more:1"), Button("Site", url="https://example.com/")),
               (Button("Share", switch_inline="charter"),))
    await push(engine, [digest(forum.id, text="<b>Digest</b> &amp; more", buttons=buttons,
                               thread_id=topic.message_thread_id)])

    async with running_sender(fake, engine, limits=Limits(per_second=1000, paid_broadcast=True, time_scale=0.1)) as sender:
        await sender.wait_idle(timeout=10)

    [message] = fake.sent_messages()  # (the topic's creation is a message of the bot's too)
    assert message.html == "<b>Digest</b> &amp; more"
    assert message.message_thread_id == topic.message_thread_id
    assert message.buttons == [[("More", "digest:more:1"), ("Site", "https://example.com/")], [("Share", "charter")]]
    [call] = fake.calls("sendMessage")
    assert call.params["allow_paid_broadcast"] is True
