"""Admins schedule pushes into their channels and groups; everyone else is refused."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from storage.db import open_session
from storage.models import Schedule
from tests.pushes.factories import add_article

# The fixture's clock: Saturday 8 August 2026, 06:00 UTC.


async def schedules_in(bot, chat) -> list[Schedule]:
    async with open_session(bot.engine) as session:
        return list((await session.exec(select(Schedule).where(Schedule.chat_id == chat.id))).all())


async def linked_channel(bot, lang="en"):
    ann = bot.fake.create_user(first_name="Ann", language_code=lang)
    channel = bot.fake.create_channel("Baku Brief", username="baku_brief", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann)
    await bot.fake.wait_for_messages(ann, 1)  # the "you are linked" notice
    return ann, channel


async def test_schedule_a_channel_digest_by_its_number_and_manage_it_with_buttons(bot):
    ann, channel = await linked_channel(bot)
    reply = (await bot.ask(ann, "/schedule 1 digest weekly fri 18:00 Europe/Berlin charter,tripp"))[0]
    assert reply.plain.startswith("✅ Scheduled for Baku Brief (channel, @baku_brief):\nDigest · weekly on Friday at "
                                  "18:00 (Europe/Berlin) · Charter on Strategic Partnership, TRIPP route · EN")
    assert "next: Fri, 14 August, 18:00" in reply.plain
    [row] = await schedules_in(bot, channel)
    assert (row.kind, row.frequency, row.weekday, row.time_local, row.topics, row.created_by) == (
        "digest", "weekly", 4, "18:00", ["charter", "tripp"], ann.id)
    assert row.next_run_at == dt.datetime(2026, 8, 14, 16, 0, tzinfo=dt.timezone.utc)

    again = (await bot.ask(ann, "/schedule @baku_brief digest daily 07:30"))[0].plain
    assert again.startswith("✅ Updated the schedule for Baku Brief") and "daily at 07:30 (Asia/Baku)" in again
    assert len(await schedules_in(bot, channel)) == 1
    await bot.ask(ann, "/schedule 1 onthisday daily 08:00 ru")

    listing = (await bot.ask(ann, "/schedules 1"))[0]
    assert listing.plain.startswith("Schedules of Baku Brief (channel, @baku_brief)\n\n1. Digest · daily at 07:30")
    assert "2. On this day · daily at 08:00 (Asia/Baku) · the whole dossier · RU" in listing.plain
    assert listing.button_texts[:4] == ["1. Pause", "Time", "Delete", "Preview"]

    async def press(index: int) -> str:
        """Press the index-th button (four a row) and return the edited listing's text."""
        return await press_data(listing.buttons[index // 4][index % 4][1])

    async def press_data(data: str) -> str:
        return await bot.press(ann, listing, data)

    assert (await press(0)).startswith("⏸ Paused.")
    assert "⏸ paused" in listing.plain and listing.button_texts[0] == "1. Resume"
    assert (await press(0)).startswith("▶️ Resumed")
    assert (await press(1)).startswith("New time for this schedule?")
    text = await press_data("12:00")
    assert text.startswith("✅ The time is now 12:00.") and "1. Digest · daily at 12:00" in text
    assert (await press(2)).startswith("Delete this schedule?")
    text = await press_data("Yes, delete")
    assert text.startswith("🗑 Deleted.") and "Digest" not in text
    assert [s.kind for s in await schedules_in(bot, channel)] == ["onthisday"]


async def test_preview_sends_the_next_digest_privately_and_changes_nothing(bot):
    ann, channel = await linked_channel(bot)
    await bot.ask(ann, "/schedule 1 digest daily 09:00")
    async with open_session(bot.engine) as session:
        await add_article(session, title="Charter working group meets", topics={"charter": 0.8},
                          ingested_at=bot.clock.now + dt.timedelta(minutes=5))
        await session.commit()
    before = (await schedules_in(bot, channel))[0].cursor_article_id
    bot.clock.now += dt.timedelta(hours=1)
    head, digest = await bot.ask(ann, "/preview 1", count=2)
    assert head.plain.startswith("👁 Preview: the next digest for Baku Brief")
    assert digest.plain.startswith("Digest, 8 August 2026\n1 new article") and "Charter working group meets" in digest.plain
    assert bot.fake.messages(channel) == []
    assert (await schedules_in(bot, channel))[0].cursor_article_id == before


async def test_preview_with_nothing_new_says_so(bot):
    ann, _ = await linked_channel(bot, lang="ru")
    await bot.ask(ann, "/schedule 1 digest daily 09:00")
    reply = (await bot.ask(ann, "/preview 1"))[0].plain
    assert reply.startswith("👁 Предпросмотр") and "ничего нового" in reply


async def test_group_admin_schedules_inside_the_group_and_a_member_is_refused(bot):
    admin = bot.fake.create_user(first_name="Admin", language_code="en")
    member = bot.fake.create_user(first_name="Member", language_code="en")
    group = bot.fake.create_supergroup("Readers", creator=admin, members=[member], bot="member")
    refused = (await bot.ask(member, "/schedule digest daily 09:00", chat=group))[0].plain
    assert refused == "Only this group's administrators can do that."
    assert (await bot.ask(member, "/schedules", chat=group))[0].plain == refused
    assert await schedules_in(bot, group) == []
    ok = (await bot.ask(admin, "/schedule digest daily 09:00", chat=group))[0].plain
    assert ok.startswith("✅ Scheduled for Readers (group):")
    assert [s.thread_id for s in await schedules_in(bot, group)] == [None]


async def test_a_forum_topic_is_targeted_by_scheduling_inside_it(bot):
    admin = bot.fake.create_user(language_code="en")
    forum = bot.fake.create_supergroup("Forum", creator=admin, is_forum=True, bot="administrator")
    topic = bot.fake.create_forum_topic(forum, "Briefings", by=admin)
    sent = bot.fake.user_sends(admin, "/schedule onthisday daily 08:00", forum,
                               message_thread_id=topic.message_thread_id)
    reply = (await bot.fake.wait_for_messages(forum, 1, after=sent))[0]
    assert reply.message_thread_id == topic.message_thread_id
    assert f"forum topic {topic.message_thread_id}" in reply.plain
    assert [s.thread_id for s in await schedules_in(bot, forum)] == [topic.message_thread_id]


async def test_someone_elses_channel_is_refused(bot):
    owner = bot.fake.create_user()
    bot.fake.create_channel("Other", username="other_news", creator=owner, bot="administrator")
    eve = bot.fake.create_user(language_code="en")
    reply = (await bot.ask(eve, "/schedule @other_news digest daily 09:00"))[0].plain
    assert reply == "You are not an administrator of that chat, so you cannot manage my posts there."
    assert "not an administrator" in (await bot.ask(eve, "/preview @other_news"))[0].plain


async def test_an_admin_who_lost_rights_keeps_the_schedule_but_cannot_change_it(bot):
    ann, channel = await linked_channel(bot)
    bob = bot.fake.create_user(language_code="en")
    bot.fake.set_member_status(channel, bob, "administrator")
    await bot.ask(bob, f"/schedule {channel.id} digest daily 09:00")
    listing = (await bot.ask(bob, f"/schedules {channel.id}"))[0]
    bot.fake.set_member_status(channel, bob, "member")
    bot.fake.press_button(bob, listing, "1. Pause")
    edited = await bot.fake.wait_for_edit(listing)
    assert edited.plain.startswith("You are not an administrator of that chat")
    [row] = await schedules_in(bot, channel)
    assert row.paused is False
    assert "1. Digest" in (await bot.ask(ann, "/schedules 1"))[0].plain  # current admins still manage it


@pytest.mark.parametrize("command, expected", [
    ("/schedule", "Tell me what to schedule"),
    ("/schedule 1", "Tell me what to schedule"),
    ("/schedule 1 digest hourly", "I did not understand “hourly”"),
    ("/schedule 1 digest daily 25:00", "I did not understand “25:00”"),
    ("/schedule 1 digest daily mon", "A day goes with weekly"),
    ("/schedule 1 digest 09:00 10:00", "“10:00” repeats something"),
    ("/schedule 1 digest daily 09:00 Europe/Berln", "Did you mean: Europe/Berlin"),
    ("/schedule 1 digest daily weather", "I did not understand “weather”"),
    ("/schedule 1 digest daily charter,weather", "“weather” is not a topic"),
    ("/schedule 7 digest daily 09:00", "number from /channels"),
    ("/schedule @no_such_chat digest daily", "I cannot find"),
    ("/schedule 1 digest daily thread:5", "Forum topics exist only in supergroups"),
])
async def test_bad_schedules_get_a_clear_answer_with_an_example(bot, command, expected):
    ann, channel = await linked_channel(bot)
    if "@no_such_chat" in command:
        bot.fake.expect_rejection("getChat", "chat not found")  # Telegram's answer for an unknown username
    reply = (await bot.ask(ann, command))[0].plain
    assert expected in reply
    assert await schedules_in(bot, channel) == []


async def test_commands_typed_in_a_channel_are_ignored(bot):
    ann, channel = await linked_channel(bot)
    bot.fake.channel_post(channel, "/schedule digest daily 09:00")
    await bot.fake.assert_no_new_messages(channel)
    assert await schedules_in(bot, channel) == []
