"""Pushes end to end: due schedules become messages through the outbox and the delivery engine."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.scheduling.push_jobs import run_pushes
from storage.db import open_session
from storage.models import Chat, Delivery, Schedule
from tests.pushes.factories import add_article
from tests.waiting import until

UTC = dt.timezone.utc
# The fixture's clock starts at Saturday 8 August 2026, 06:00 UTC (10:00 in Baku).


async def news(bot, *titles_topics, minutes_from_now: int = 5) -> None:
    async with open_session(bot.engine) as session:
        for i, (title, topics) in enumerate(titles_topics):
            await add_article(session, title=title, topics=topics,
                              ingested_at=bot.clock.now + dt.timedelta(minutes=minutes_from_now + i))
        await session.commit()


async def outbox(bot) -> list[Delivery]:
    async with open_session(bot.engine) as session:
        return list((await session.exec(select(Delivery).order_by(Delivery.id))).all())


async def test_a_subscriber_gets_the_digest_at_nine_local_time_once(bot):
    ann = bot.fake.create_user(first_name="Ann", language_code="en")
    await bot.ask(ann, "/subscribe")
    await news(bot, ("Charter working group meets", {"charter": 0.9}), ("Section 907 waiver", {"amendment907": 0.6}))
    bot.clock.now = dt.datetime(2026, 8, 9, 4, 59, tzinfo=UTC)  # 08:59 in Baku: not yet
    assert (await run_pushes(bot.app)).deliveries == 0
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    report = await run_pushes(bot.app)
    assert report.deliveries == 1
    # /subscribe's answer was the first message; the digest is the second.
    digest = (await bot.fake.wait_for_messages(ann, 2))[-1]
    assert digest.plain.startswith("Digest, 9 August 2026\n2 new articles\n\nCharter on Strategic Partnership\n"
                                   "Charter working group meets")
    assert "Section 907\nSection 907 waiver" in digest.plain
    # Again a minute later, or after a restart of the planner: nothing more.
    bot.clock.now += dt.timedelta(minutes=1)
    assert (await run_pushes(bot.app)).deliveries == 0
    await bot.fake.assert_no_new_messages(ann, after=digest)
    assert [(r.kind, r.chat_id) for r in await outbox(bot)] == [("digest", ann.id)]


async def digest_of_thirteen(bot, reader):
    """The next morning's digest to a new subscriber, of 13 articles: ten shown, a button for three."""
    await bot.ask(reader, "/subscribe")
    await news(bot, *((f"Article {i:02d}", {"tripp": i / 20}) for i in range(13)))
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    await run_pushes(bot.app)
    return (await bot.fake.wait_for_messages(reader, 2))[-1]


async def test_more_than_ten_articles_come_with_a_button_for_the_rest(bot):
    ann = bot.fake.create_user(language_code="en")
    digest = await digest_of_thirteen(bot, ann)
    assert "13 new articles" in digest.plain and "…and 3 more articles." in digest.plain
    assert digest.button_texts == ["Show more"]
    bot.fake.press_button(ann, digest, "Show more")
    rest = (await bot.fake.wait_for_messages(ann, 1, after=digest))[0]
    assert rest.plain.startswith("Digest, continued (page 2 of 2)")
    assert [line for line in rest.plain.splitlines() if line.startswith("Article")] == [
        "Article 02", "Article 01", "Article 00"]


async def test_on_this_day_comes_on_the_anniversary_in_the_chats_language(bot):
    aygun = bot.fake.create_user(language_code="ru")
    await bot.ask(aygun, "/subscribe")
    await bot.ask(aygun, "/settings digest off")
    async with open_session(bot.engine) as session:
        schedule = (await session.exec(select(Schedule).where(Schedule.chat_id == aygun.id,
                                                              Schedule.kind == "onthisday"))).one()
        schedule.next_run_at = dt.datetime(2027, 2, 10, 5, 0, tzinfo=UTC)  # as if the bot had run till then
        session.add(schedule)
        await session.commit()
    bot.clock.now = dt.datetime(2027, 2, 10, 5, 0, tzinfo=UTC)
    await run_pushes(bot.app)
    post = (await bot.fake.wait_for_messages(aygun, 3))[-1]  # after the answers to /subscribe and /settings
    assert post.plain.startswith("В этот день, 10 февраля") and "1 год назад" in post.plain


async def test_a_channel_digest_arrives_at_its_time(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = bot.fake.create_channel("Baku Brief", username="baku_brief", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann)
    await bot.fake.wait_for_messages(ann, 1)
    await bot.ask(ann, "/schedule 1 digest daily 18:00 Europe/Berlin charter")
    await news(bot, ("Charter text published", {"charter": 0.8}), ("TRIPP tender", {"tripp": 0.9}))
    bot.clock.now = dt.datetime(2026, 8, 8, 16, 0, tzinfo=UTC)  # 18:00 in Berlin
    await run_pushes(bot.app)
    [post] = await bot.fake.wait_for_messages(channel, 1)
    assert post.plain.startswith("Digest, 8 August 2026\n1 new article") and "TRIPP tender" not in post.plain


async def test_a_forum_topic_schedule_posts_into_that_topic(bot):
    admin = bot.fake.create_user(language_code="en")
    forum = bot.fake.create_supergroup("Forum", creator=admin, is_forum=True, bot="administrator")
    topic = bot.fake.create_forum_topic(forum, "Briefings", by=admin)
    sent = bot.fake.user_sends(admin, "/schedule digest daily 09:00", forum, message_thread_id=topic.message_thread_id)
    await bot.fake.wait_for_messages(forum, 1, after=sent)
    await news(bot, ("Charter text published", {"charter": 0.8}))
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    await run_pushes(bot.app)
    post = (await bot.fake.wait_for_messages(forum, 2, after=sent))[-1]  # after the confirmation
    assert post.plain.startswith("Digest") and post.message_thread_id == topic.message_thread_id


async def test_a_blocked_subscriber_is_marked_inactive_and_comes_back_with_start(bot):
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    bot.fake.block_bot(ann)
    await news(bot, ("Charter text published", {"charter": 0.8}))
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    await run_pushes(bot.app)
    await bot.fake.wait_for(lambda: bot.fake.rejected_calls(403, include_injected=True))

    async def chat_active() -> bool:
        async with open_session(bot.engine) as session:
            return (await session.get(Chat, ann.id)).active
    async def chat_inactive() -> bool:
        return not await chat_active()
    await until(chat_inactive, what="the blocked chat marked inactive")  # recorded right after the 403
    bot.fake.unblock_bot(ann)
    await bot.ask(ann, "/start")
    assert await chat_active()


async def test_many_groups_falling_due_at_once_all_get_their_digest_within_the_limits(bot):
    admin = bot.fake.create_user(language_code="en")
    groups = [bot.fake.create_group(f"Readers {i}", creator=admin, bot="member") for i in range(25)]
    for group in groups:
        sent = bot.fake.user_sends(admin, "/schedule digest daily 09:00", group)
        await bot.fake.wait_for_messages(group, 1, after=sent)
    await news(bot, ("Charter text published", {"charter": 0.8}))
    bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    assert (await run_pushes(bot.app)).deliveries == 25
    for group in groups:
        posts = await bot.fake.wait_for_messages(group, 2, timeout=60)  # 25 groups at 20 a minute each
        assert posts[-1].plain.startswith("Digest, 9 August 2026")
    # The engine kept within the limits on its own: Telegram never had to say "too many requests".
    assert bot.fake.rejected_calls(429) == []
