"""A group upgraded to a supergroup: clashing schedules settled (the newer stays), admins told, settings follow."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from storage.db import open_session
from storage.models import Schedule


async def schedules_in(bot, chat) -> list[Schedule]:
    async with open_session(bot.engine) as session:
        return list((await session.exec(select(Schedule).where(Schedule.chat_id == chat.id)
                                        .order_by(Schedule.id))).all())


def announce_migration(bot, supergroup) -> None:
    """Deliver the service message Telegram sends into the new supergroup (migrate_from_chat_id)."""
    (message,) = [m for m in bot.fake.history(supergroup) if "migrate_from_chat_id" in m.data]
    bot.fake.state.enqueue_update("message", message.data)


async def test_clashing_schedule_keeps_the_one_changed_last_and_tells_the_admins(bot):
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    group = bot.fake.create_group("Readers", creator=ann, admins=[bob], bot="member")
    for admin in (ann, bob):
        await bot.ask(admin, "/start")  # a private chat with the bot, so it can tell them
        assert (await bot.ask(admin, "/link", group))[0].plain.startswith(("Linked: this group.", "Подключено"))
    assert (await bot.ask(ann, "/schedule digest daily 09:00", group))[0].plain.startswith("✅ Scheduled")
    supergroup = bot.fake.migrate_group(group, emit=False)  # the bot missed the service messages
    bot.clock.now += dt.timedelta(hours=1)
    assert (await bot.ask(ann, "/schedule digest weekly mon 18:00", supergroup))[0].plain.startswith("✅ Scheduled")
    told = len(bot.fake.messages(ann)), len(bot.fake.messages(bob))

    announce_migration(bot, supergroup)
    to_ann = (await bot.fake.wait_for_messages(ann, told[0] + 1))[-1]
    to_bob = (await bot.fake.wait_for_messages(bob, told[1] + 1))[-1]
    assert to_ann.plain == ("Readers became a supergroup that already had a “Digest” schedule. I kept the one changed "
                            "last (weekly on Monday at 18:00, Asia/Baku) and removed the other (daily at 09:00, "
                            "Asia/Baku). Check it with /schedules.")
    assert to_bob.plain.startswith("Readers стала супергруппой, где уже было расписание «Дайджест»")
    [kept] = await schedules_in(bot, supergroup)
    assert (kept.frequency, kept.weekday, kept.time_local) == ("weekly", 0, "18:00")
    assert await schedules_in(bot, group) == []
    # bob was linked to the group only: his link moved, so he manages the supergroup now
    assert "Readers" in (await bot.ask(bob, "/channels"))[0].plain

    announce_migration(bot, supergroup)  # told once: a second service message finds nothing to move
    await bot.fake.assert_no_new_messages(ann, after=to_ann)


async def test_the_group_s_newer_schedule_replaces_the_supergroup_s_and_its_settings_follow(bot):
    ann = bot.fake.create_user(language_code="en")
    carl = bot.fake.create_user(language_code="ru")
    group = bot.fake.create_group("Club", creator=ann, members=[carl], bot="member")
    await bot.ask(ann, "/start")
    assert (await bot.ask(ann, "/link", group))[0].plain.startswith("Linked: this group.")
    await bot.ask(ann, "/lang en", group)
    supergroup = bot.fake.migrate_group(group, emit=False)
    assert (await bot.ask(carl, "/help", supergroup))[0].plain.startswith("Что я умею")  # unknown: his language
    assert (await bot.ask(ann, "/schedule onthisday daily 07:00", supergroup))[0].plain.startswith("✅ Scheduled")
    bot.clock.now += dt.timedelta(hours=1)
    async with open_session(bot.engine) as session:  # the group's schedule was changed after the supergroup's
        session.add(Schedule(chat_id=group.id, kind="onthisday", time_local="20:00", timezone="Europe/Berlin",
                             created_at=bot.clock.now, updated_at=bot.clock.now))
        await session.commit()
    before = len(bot.fake.messages(ann))

    announce_migration(bot, supergroup)
    told = (await bot.fake.wait_for_messages(ann, before + 1))[-1]
    assert "I kept the one changed last (daily at 20:00, Europe/Berlin)" in told.plain
    [kept] = await schedules_in(bot, supergroup)
    assert (kept.time_local, kept.timezone) == ("20:00", "Europe/Berlin")
    # The supergroup's settings are known in memory now, not the "not recorded" from before the move.
    assert (await bot.ask(carl, "/help", supergroup))[0].plain.startswith("What I can do")
