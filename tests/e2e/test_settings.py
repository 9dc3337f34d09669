"""Subscribers choose what is pushed and when, by one-line commands and by buttons, in both languages."""
from __future__ import annotations

import pytest
from sqlmodel import select

from storage.db import open_session
from storage.models import Schedule, Subscription

# The fixture's clock: Saturday 8 August 2026, 06:00 UTC (10:00 in Baku).


async def schedules_of(bot, chat_id) -> dict[str, Schedule]:
    async with open_session(bot.engine) as session:
        rows = (await session.exec(select(Schedule).where(Schedule.chat_id == chat_id))).all()
    return {row.kind: row for row in rows}


async def test_subscribe_confirms_and_says_when_the_first_push_comes(bot):
    ann = bot.fake.create_user(first_name="Ann", language_code="en")
    reply = (await bot.ask(ann, "/subscribe"))[0].plain
    assert "✅ Topics: the whole dossier." in reply
    assert "Next push: " in reply and "Sun, 9 August, 09:00 (Asia/Baku)" in reply
    assert "Digest of new articles: daily at 09:00" in reply and "On this day: daily at 09:00" in reply
    reply = (await bot.ask(ann, "/unsubscribe charter"))[0].plain
    assert reply.startswith("✅ Topics: Section 907, TRIPP route.")
    reply = (await bot.ask(ann, "/unsubscribe"))[0].plain
    assert "Topics: not subscribed" in reply and "You are not subscribed" in reply
    async with open_session(bot.engine) as session:
        assert (await session.exec(select(Subscription).where(Subscription.chat_id == ann.id))).all() == []


async def test_subscribe_to_topics_in_russian(bot):
    aygun = bot.fake.create_user(first_name="Айгюн", language_code="ru")
    reply = (await bot.ask(aygun, "/subscribe charter tripp"))[0].plain
    assert reply.startswith("✅ Темы: Хартия о стратегическом партнерстве, Маршрут TRIPP.")
    assert "Следующая рассылка: дайджест, вс, 9 августа, 09:00 (Asia/Baku)." in reply
    reply = (await bot.ask(aygun, "/subscribe weather"))[0].plain
    assert "Темы «weather» нет" in reply and "/subscribe charter" in reply


@pytest.mark.parametrize("command, expected", [
    ("/settings digest weekly", "✅ Digest: weekly on Monday at 09:00."),
    ("/settings day fri", "✅ Digest: weekly on Friday at 09:00."),
    ("/settings time 08:30", "✅ Digest: daily at 08:30; on this day: daily at 08:30."),
    ("/settings time onthisday 07:15", "✅ Digest: daily at 09:00; on this day: daily at 07:15."),
    ("/settings tz Europe/Berlin", "✅ Time zone: Europe/Berlin."),
    ("/settings onthisday off", "✅ On this day: off."),
    ("/settings topics charter,tripp", "✅ Topics: Charter on Strategic Partnership, TRIPP route."),
    ("/settings topics all", "✅ Topics: the whole dossier."),
    ("/settings lang ru", "✅ Язык: Русский."),
])
async def test_every_one_line_setting_confirms_the_change_and_the_next_push(bot, command, expected):
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    reply = (await bot.ask(ann, command))[0].plain
    assert reply.startswith(expected)
    assert "Next push:" in reply or "Следующая рассылка:" in reply


async def test_time_zone_moves_the_next_run_and_is_shown_in_local_time(bot):
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    reply = (await bot.ask(ann, "/settings tz Europe/Berlin"))[0].plain
    # 06:00 UTC is 08:00 in Berlin on 8 August: today's 09:00 is still ahead.
    assert "Sat, 8 August, 09:00 (Europe/Berlin)" in reply
    rows = await schedules_of(bot, ann.id)
    assert rows["digest"].timezone == "Europe/Berlin" and rows["digest"].next_run_at.hour == 7  # 09:00 CEST


@pytest.mark.parametrize("lang, command, expected", [
    ("en", "/settings tz Europe/Berln", "Did you mean: Europe/Berlin"),
    ("en", "/settings tz Mars/Olympus", "is not a time zone I know"),
    ("en", "/settings time 25:00", "“25:00” is not a time of day"),
    ("en", "/settings digest hourly", "Choose daily, weekly or off"),
    ("en", "/settings day someday", "Choose a day, mon to sun"),
    ("en", "/settings onthisday maybe", "Choose on or off"),
    ("en", "/settings topics weather", "“weather” is not a topic"),
    ("en", "/settings lang de", "Choose ru or en"),
    ("en", "/settings colour red", "“colour” is not a setting"),
    ("en", "/settings " + "x" * 5000, "is not a setting"),
    ("ru", "/settings time 8", "«8» — не время суток"),
    ("ru", "/settings tz Europe/Moskow", "Возможно, вы имели в виду: Europe/Moscow"),
    ("ru", "/settings digest", "Выберите daily, weekly или off"),
])
async def test_bad_settings_get_a_polite_answer_with_an_example(bot, lang, command, expected):
    user = bot.fake.create_user(language_code=lang)
    reply = (await bot.ask(user, command))[0]
    assert expected in reply.plain
    assert "<code>" in reply.html  # an example of correct use comes with every answer


async def test_settings_buttons_change_everything(bot):
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    panel = (await bot.ask(ann, "/settings"))[0]
    assert panel.plain.startswith("Your pushes")
    assert {"Digest", "Time", "Time zone", "Topics", "On this day: turn off", "Русский"} <= set(panel.button_texts)

    async def press(label: str) -> str:
        return await bot.press(ann, panel, label)

    assert "How often" in await press("Digest")
    assert (await press("Weekly")).startswith("✅ Digest: weekly on Monday at 09:00.")
    assert "which day" in await press("Day")
    assert (await press("Wed")).startswith("✅ Digest: weekly on Wednesday at 09:00.")
    assert "what time" in (await press("Time")).lower()
    assert (await press("07:00")).startswith("✅ Digest: weekly on Wednesday at 07:00; on this day: daily at 07:00.")
    await press("Time zone")
    assert (await press("Europe/London")).startswith("✅ Time zone: Europe/London.")
    await press("Topics")
    assert "Charter" in " ".join(panel.button_texts)
    assert (await press("✓ Section 907")).startswith("✅ Topics: Charter on Strategic Partnership, TRIPP route.")
    assert (await press("On this day: turn off")).startswith("✅ On this day: off.")
    assert (await press("Русский")).startswith("✅ Язык: Русский.")
    rows = await schedules_of(bot, ann.id)
    assert (rows["digest"].frequency, rows["digest"].weekday, rows["digest"].time_local) == ("weekly", 2, "07:00")
    assert rows["onthisday"].frequency == "off" and rows["digest"].timezone == "Europe/London"


async def test_settings_commands_belong_to_private_chats(bot):
    ann = bot.fake.create_user(language_code="en")
    group = bot.fake.create_group("Readers", members=[ann], bot="member")
    reply = (await bot.ask(ann, "/subscribe", chat=group))[0].plain
    assert "private chat" in reply and "/schedule" in reply


async def test_private_menu_offers_the_push_commands(bot):
    private = {c["command"] for c in bot.fake.commands("all_private_chats", language_code="en")}
    groups = {c["command"] for c in bot.fake.commands("all_group_chats", language_code="en")}
    assert {"subscribe", "settings", "unsubscribe"} <= private and not {"subscribe", "settings"} & groups
