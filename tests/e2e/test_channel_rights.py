"""The bot loses a chat (schedules paused, admins told), admins lose their rights, channel posts are ignored."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.handlers.chat_access import verify_admin
from bot.scheduling.admin_checks import recheck_chat_admins
from storage.db import open_session
from storage.models import Chat, ChatAdmin, Schedule


async def add_schedules(bot, chat, *, running: int, paused: int = 0) -> None:
    async with open_session(bot.engine) as session:
        for i in range(running + paused):
            session.add(Schedule(chat_id=chat.id, kind="digest", time_local=f"0{i}:00", paused=i >= running,
                                 paused_reason="admin" if i >= running else None))
        await session.commit()


async def paused_flags(bot, chat) -> list[bool]:
    async with open_session(bot.engine) as session:
        rows = (await session.exec(select(Schedule).where(Schedule.chat_id == chat.id).order_by(Schedule.id))).all()
    return [s.paused for s in rows]


async def link_status(bot, chat, user) -> str | None:
    async with open_session(bot.engine) as session:
        row = (await session.exec(select(ChatAdmin).where(ChatAdmin.chat_id == chat.id,
                                                          ChatAdmin.user_id == user.id))).first()
    return row.status if row else None


async def linked_channel(bot, *admins, title="Brief", username="brief_ch"):
    """A channel with the bot as administrator, linked by each of `admins` with /link."""
    channel = bot.fake.create_channel(title, username=username, creator=admins[0], admins=admins[1:],
                                      bot="administrator")
    for admin in admins:
        assert (await bot.ask(admin, f"/link @{username}"))[0].plain.startswith(("Linked:", "Подключено:"))
    return channel


async def test_bot_demoted_in_a_channel_pauses_its_schedules_and_tells_the_admins(bot):
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    channel = await linked_channel(bot, ann, bob)
    await add_schedules(bot, channel, running=2, paused=1)
    before = len(bot.fake.messages(ann)), len(bot.fake.messages(bob))
    bot.fake.set_member_status(channel, bot.fake.bot, "administrator", by=ann, can_post_messages=False)
    told_ann = (await bot.fake.wait_for_messages(ann, before[0] + 1))[-1]
    told_bob = (await bot.fake.wait_for_messages(bob, before[1] + 1))[-1]
    assert told_ann.plain == ("I may no longer post in Brief (channel, @brief_ch). I paused 2 schedules there; "
                              "they resume by themselves once I may post again.")
    assert told_bob.plain.startswith("Я больше не могу публиковать в Brief (канал, @brief_ch). "
                                     "Я поставил на паузу там 2 расписания")
    assert await paused_flags(bot, channel) == [True, True, True]
    listing = (await bot.ask(ann, "/channels"))[0].plain
    assert "1. Brief (channel, @brief_ch)\n   ⚠️ I cannot post there now" in listing

    bot.fake.add_bot(channel, "administrator", by=ann)  # rights back: what lost rights paused runs again
    back = (await bot.fake.wait_for_messages(ann, before[0] + 3))[-1]
    assert back.plain.startswith("I may now post in Brief")
    assert "I resumed 2 schedules paused while I could not post there." in back.plain
    assert "Still paused there from before: 1 schedule" in back.plain  # the admin's own pause stays
    told_bob = (await bot.fake.wait_for_messages(bob, before[1] + 2))[-1]
    assert told_bob.plain.startswith("Я снова могу публиковать в Brief (канал, @brief_ch) и возобновил 2 расписания")
    assert await paused_flags(bot, channel) == [False, False, True]
    async with open_session(bot.engine) as session:
        assert (await session.get(Chat, channel.id)).active
        rows = (await session.exec(select(Schedule).where(Schedule.chat_id == channel.id)
                                   .order_by(Schedule.id))).all()
    assert [s.paused_reason for s in rows] == [None, None, "admin"]
    for row in rows[:2]:  # from now on, no burst of the pushes missed while paused
        assert bot.clock.now < row.next_run_at <= bot.clock.now + dt.timedelta(days=1)


async def test_bot_removed_from_a_group_pauses_and_tells_and_a_blocked_admin_breaks_nothing(bot):
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    group = bot.fake.create_supergroup("Club", creator=ann, admins=[bob], bot="member")
    for admin in (ann, bob):
        assert (await bot.ask(admin, "/link", group))[0].plain.startswith("Linked: this group.")
    await add_schedules(bot, group, running=1)
    bot.fake.block_bot(bob)  # bob cannot be told: Telegram answers 403
    before = len(bot.fake.messages(ann))
    bot.fake.remove_bot(group, by=ann)
    told = (await bot.fake.wait_for_messages(ann, before + 1))[-1]
    assert told.plain.startswith("I was removed from Club (group). I paused 1 schedule there")
    assert await paused_flags(bot, group) == [True]
    blocked = await bot.fake.wait_for_calls("sendMessage", predicate=lambda c: c.chat_id in (bob.id, str(bob.id)))
    assert blocked[0].status == 403
    async with open_session(bot.engine) as session:
        row = await session.get(Chat, group.id)
    assert (row.active, row.inactive_reason) == (False, "bot_not_in_chat")
    assert (await bot.ask(ann, "/link 1"))[0].plain.startswith("I am not in that chat.")


async def test_removed_from_a_chat_nobody_linked_says_nothing(bot):
    owner = bot.fake.create_user(language_code="en")
    group = bot.fake.create_group("Unlinked", creator=owner, bot="member")
    bot.fake.remove_bot(group, by=owner)
    await bot.fake.assert_no_new_messages(owner)


async def test_commands_typed_in_a_channel_are_ignored(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = await linked_channel(bot, ann)
    sent_before = len(bot.fake.sent_messages())
    for text in ("/channels", "/link", "/link @brief_ch", "/start", "/timeline", "/nonsense"):
        bot.fake.channel_post(channel, text)
    await bot.fake.assert_no_new_messages(channel)
    assert len(bot.fake.sent_messages()) == sent_before
    assert (await bot.ask(ann, "/channels"))[0].plain.startswith("Your channels and groups")  # still running


async def test_daily_check_marks_lost_admins_and_pauses_when_the_bot_cannot_post(bot):
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    channel = await linked_channel(bot, ann, bob)
    await add_schedules(bot, channel, running=2)
    start = bot.clock.now

    # Within a day nothing is due; nobody is asked about.
    assert await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: start + dt.timedelta(hours=23)) == []

    bot.fake.set_member_status(channel, bob, "member", emit=False)  # bob is no longer an admin
    day1 = start + dt.timedelta(hours=25)
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day1)
    assert (check.bot_can_post, check.confirmed, check.lost) == (True, (ann.id,), (bob.id,))
    assert (await link_status(bot, channel, ann), await link_status(bot, channel, bob)) == ("active", "lost")
    assert await paused_flags(bot, channel) == [False, False]  # his loss keeps the schedules
    assert (await bot.ask(bob, "/channels"))[0].plain.startswith("You have no linked channels or groups yet.")
    assert (await bot.ask(bob, f"/link {channel.id}"))[0].plain.startswith("You are not an administrator")

    bot.fake.set_member_status(channel, bot.fake.bot, "administrator", emit=False, can_post_messages=False)
    before = len(bot.fake.messages(ann))
    day2 = day1 + dt.timedelta(hours=25)
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day2)
    assert (check.bot_can_post, check.paused) == (False, 2)
    told = (await bot.fake.wait_for_messages(ann, before + 1))[-1]
    assert told.plain.startswith("I may no longer post in Brief (channel, @brief_ch). I paused 2 schedules")
    assert await paused_flags(bot, channel) == [True, True]

    day3 = day2 + dt.timedelta(hours=25)  # still cannot post: checked again, but nobody is told twice
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day3)
    assert (check.bot_can_post, check.paused) == (False, 0)
    await bot.fake.assert_no_new_messages(ann, after=told)


async def test_a_lost_admin_who_regains_rights_is_active_again(bot):
    ann = bot.fake.create_user(language_code="en")
    owner = bot.fake.create_user()
    channel = bot.fake.create_channel("Regain", username="regain_ch", creator=owner, admins=[ann],
                                      bot="administrator")
    await bot.ask(ann, "/link @regain_ch")
    bot.fake.set_member_status(channel, ann, "member", emit=False)
    async with open_session(bot.engine) as session:
        result = await verify_admin(bot.app.bot, session, chat_ref="@regain_ch", user_id=ann.id, now=bot.clock.now)
        await session.commit()
    assert (result.ok, result.reason, result.chat.id) == (False, "not_admin", channel.id)
    assert await link_status(bot, channel, ann) == "lost"
    bot.fake.set_member_status(channel, ann, "administrator", emit=False)
    async with open_session(bot.engine) as session:
        result = await verify_admin(bot.app.bot, session, chat_ref=channel.id, user_id=ann.id, now=bot.clock.now)
        await session.commit()
    assert result.ok and result.chat.title == "Regain" and await link_status(bot, channel, ann) == "active"


async def test_daily_check_leaves_everything_when_telegram_does_not_answer(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = await linked_channel(bot, ann)
    await add_schedules(bot, channel, running=1)
    bot.fake.fail_next(502, method="getChat", times=None)
    later = bot.clock.now + dt.timedelta(days=2)
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: later)
    assert check.bot_can_post is None
    bot.fake.clear_faults()
    assert await paused_flags(bot, channel) == [False] and await link_status(bot, channel, ann) == "active"
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: later)  # still due: tried again
    assert check.confirmed == (ann.id,)


async def test_admin_menus_offer_channels_and_link(bot):
    for lang in ("ru", "en"):
        private = {c["command"] for c in bot.fake.commands("all_private_chats", language_code=lang)}
        admins = {c["command"] for c in bot.fake.commands("all_chat_administrators", language_code=lang)}
        groups = {c["command"] for c in bot.fake.commands("all_group_chats", language_code=lang)}
        assert {"channels", "link"} <= private and "link" in admins and "link" not in groups


async def test_daily_check_resumes_what_lost_rights_paused_and_keeps_the_admins_pause(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = await linked_channel(bot, ann)
    await add_schedules(bot, channel, running=2, paused=1)
    bot.fake.set_member_status(channel, bot.fake.bot, "administrator", emit=False, can_post_messages=False)
    day1 = bot.clock.now + dt.timedelta(hours=25)
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day1)
    assert (check.bot_can_post, check.paused) == (False, 2)
    lost = (await bot.fake.wait_for_messages(ann, 2))[-1]
    assert await paused_flags(bot, channel) == [True, True, True]

    bot.fake.set_member_status(channel, bot.fake.bot, "administrator", emit=False, can_post_messages=True)
    day2 = day1 + dt.timedelta(hours=25)
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day2)
    assert (check.bot_can_post, check.resumed) == (True, 2)
    told = (await bot.fake.wait_for_messages(ann, 3))[-1]
    assert told.plain == ("I may post in Brief (channel, @brief_ch) again, so I resumed 2 schedules that I had "
                          "paused when I could not; the next pushes come at their usual times.")
    assert await paused_flags(bot, channel) == [False, False, True]
    async with open_session(bot.engine) as session:
        rows = (await session.exec(select(Schedule).where(Schedule.chat_id == channel.id, Schedule.paused == False)  # noqa: E712
                                   )).all()
    assert all(day2 < row.next_run_at <= day2 + dt.timedelta(days=1) for row in rows)

    day3 = day2 + dt.timedelta(hours=25)  # nothing left to resume: nobody is told again
    (check,) = await recheck_chat_admins(bot.app.bot, bot.engine, clock=lambda: day3)
    assert check.resumed == 0
    await bot.fake.assert_no_new_messages(ann, after=told)
    assert lost.plain.endswith("they resume by themselves once I may post again.")


async def test_an_admins_pause_survives_the_bot_losing_and_regaining_rights(bot):
    ann = bot.fake.create_user(language_code="en")
    channel = await linked_channel(bot, ann)
    assert (await bot.ask(ann, "/schedule 1 digest daily 09:00"))[0].plain.startswith("✅ Scheduled")
    listing = (await bot.ask(ann, "/schedules 1"))[0]
    assert (await bot.press(ann, listing, "1. Pause")).startswith("⏸ Paused.")
    before = len(bot.fake.messages(ann))
    bot.fake.set_member_status(channel, bot.fake.bot, "administrator", by=ann, can_post_messages=False)
    lost = (await bot.fake.wait_for_messages(ann, before + 1))[-1]
    assert lost.plain == "I may no longer post in Brief (channel, @brief_ch)."  # nothing running to pause
    async with open_session(bot.engine) as session:
        (row,) = (await session.exec(select(Schedule).where(Schedule.chat_id == channel.id))).all()
    assert (row.paused, row.paused_reason) == (True, "admin")
    bot.fake.add_bot(channel, "administrator", by=ann)
    back = (await bot.fake.wait_for_messages(ann, before + 2))[-1]
    assert "Still paused there from before: 1 schedule" in back.plain and "I resumed" not in back.plain
    assert await paused_flags(bot, channel) == [True]
