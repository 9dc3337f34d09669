"""Changing settings updates the schedule rows and their next run in the chat's zone."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from bot.briefing import push_settings, subscriptions
from bot.briefing.push_settings import Change
from tests.pushes.factories import add_subscriber

UTC = dt.timezone.utc
NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=UTC)  # a Tuesday


def local(moment: dt.datetime, zone: str) -> str:
    return moment.astimezone(ZoneInfo(zone)).strftime("%a %H:%M")


async def test_defaults_are_daily_at_nine_in_the_chats_zone(seeded_session):
    chat = await add_subscriber(seeded_session, chat_id=5, now=NOW)
    settings = await push_settings.load_settings(seeded_session, chat=chat, now=NOW)
    assert settings.topics == ("*",)
    assert (settings.digest.frequency, settings.digest.time_local) == ("daily", "09:00")
    assert settings.digest.next_run_at == dt.datetime(2026, 10, 21, 5, 0, tzinfo=UTC)
    assert settings.next_push().kind in ("digest", "onthisday")


async def test_each_change_moves_the_next_run(seeded_session):
    s = seeded_session
    chat = await add_subscriber(s, chat_id=5, now=NOW)
    after = await push_settings.apply_change(s, chat=chat, change=Change("tz", "Europe/Berlin"), now=NOW)
    assert after.timezone == "Europe/Berlin" and local(after.digest.next_run_at, "Europe/Berlin") == "Wed 09:00"
    after = await push_settings.apply_change(s, chat=chat, change=Change("day", 0), now=NOW)
    assert after.digest.frequency == "weekly" and local(after.digest.next_run_at, "Europe/Berlin") == "Mon 09:00"
    # 26 October is after the clocks go back in Berlin: 09:00 CET is 08:00 UTC.
    assert after.digest.next_run_at == dt.datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    after = await push_settings.apply_change(s, chat=chat, change=Change("time", "07:30", kind="onthisday"), now=NOW)
    assert (after.onthisday.time_local, after.digest.time_local) == ("07:30", "09:00")
    after = await push_settings.apply_change(s, chat=chat, change=Change("time", "18:00"), now=NOW)
    assert (after.onthisday.time_local, after.digest.time_local) == ("18:00", "18:00")
    assert local(after.onthisday.next_run_at, "Europe/Berlin") == "Tue 18:00"
    after = await push_settings.apply_change(s, chat=chat, change=Change("onthisday", False), now=NOW)
    assert after.onthisday.frequency == "off" and after.onthisday.next_run_at is None
    assert after.next_push().kind == "digest"
    after = await push_settings.apply_change(s, chat=chat, change=Change("digest", "off"), now=NOW)
    assert after.next_push() is None
    after = await push_settings.apply_change(s, chat=chat, change=Change("lang", "ru"), now=NOW)
    assert after.language == "ru"
    after = await push_settings.apply_change(s, chat=chat, change=Change("topics", ("tripp",)), now=NOW)
    assert after.topics == ("tripp",)
    after = await push_settings.apply_change(s, chat=chat, change=Change("topics", None), now=NOW)
    assert after.topics == ("*",)


async def test_subscribe_and_unsubscribe_topics(seeded_session):
    s = seeded_session
    await add_subscriber(s, chat_id=6, now=NOW, topics=("charter",))
    assert await subscriptions.subscribe(s, chat_id=6, topics=("tripp", "charter"), now=NOW) == ("charter", "tripp")
    assert await subscriptions.unsubscribe(s, chat_id=6, topics=("charter",), all_slugs=(), now=NOW) == ("tripp",)
    assert await subscriptions.subscribe(s, chat_id=6, topics=None, now=NOW) == ("*",)
    everything = ("charter", "amendment907", "tripp")
    assert await subscriptions.unsubscribe(s, chat_id=6, topics=("tripp",), all_slugs=everything,
                                           now=NOW) == ("charter", "amendment907")
    assert await subscriptions.unsubscribe(s, chat_id=6, topics=None, all_slugs=everything, now=NOW) == ()
