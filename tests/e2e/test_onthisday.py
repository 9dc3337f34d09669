"""/onthisday's three forms end to end, in both languages, with the bot's clock set to December 2026."""
from __future__ import annotations

import datetime as dt

from storage.db import open_session
from storage.models import Event

DECEMBER = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.timezone.utc)


async def add_event(bot, slug: str, date: dt.date, title_en: str, title_ru: str) -> None:
    """A day-precision event, as a maintainer's /addevent stores it."""
    async with open_session(bot.engine) as session:
        session.add(Event(slug=slug, date=date, precision="day", title_ru=title_ru, title_en=title_en,
                          summary_ru=title_ru + ".", summary_en=title_en + "."))
        await session.commit()


async def test_a_calendar_day_shows_this_years_events(bot):
    bot.clock.now = DECEMBER
    en, ru = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    charter = (await bot.ask(en, "/onthisday 02-10"))[0].plain
    assert charter.startswith("On this day, 10 February") and "Nothing in the dossier" not in charter
    assert "10 February 2026 · 9 months ago" in charter and "Charter" in charter
    assert "10 февраля 2026 · 9 месяцев назад" in (await bot.ask(ru, "/onthisday 02-10"))[0].plain
    delegation = (await bot.ask(en, "/onthisday 01-04"))[0].plain
    assert "4 January 2026 · 11 months ago" in delegation and "congressional delegation" in delegation
    assert "4 января 2026 · 11 месяцев назад" in (await bot.ask(ru, "/onthisday 01-04"))[0].plain


async def test_a_date_shows_its_own_events_then_earlier_years(bot):
    bot.clock.now = DECEMBER
    await add_event(bot, "earlier-register", dt.date(2020, 8, 15), "An earlier register", "Раньше")
    en, ru = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    register = (await bot.ask(en, "/onthisday 2025-08-15"))[0].plain
    assert register.startswith("On this day, 15 August 2025")
    own, earlier = register.index("15 August 2025 · that day"), register.index("15 August 2020 · 5 years earlier")
    assert own < earlier and "Federal Register" in register[own:earlier]
    in_russian = (await bot.ask(ru, "/onthisday 2025-08-15"))[0].plain
    assert "15 августа 2025 · в тот же день" in in_russian and "15 августа 2020 · на 5 лет раньше" in in_russian


async def test_an_event_added_today_for_earlier_this_year(bot):
    bot.clock.now = DECEMBER
    await add_event(bot, "2026-03-01-added", dt.date(2026, 3, 1), "Added by a maintainer", "Добавлено")
    user = bot.fake.create_user(language_code="en")
    reply = (await bot.ask(user, "/onthisday 03-01"))[0].plain
    assert "1 March 2026 · 9 months ago" in reply and "Added by a maintainer" in reply


async def test_plain_command_is_still_earlier_years_of_today(bot):
    bot.clock.now = dt.datetime(2026, 2, 10, 9, 0, tzinfo=dt.timezone.utc)  # the signing day itself
    user = bot.fake.create_user(language_code="en")
    reply = (await bot.ask(user, "/onthisday"))[0].plain
    assert "Nothing in the dossier happened on 10 February in past years" in reply
    assert "10 February 2026" not in reply  # an event of today is news, not an anniversary
    bot.clock.now = dt.datetime(2027, 2, 10, 9, 0, tzinfo=dt.timezone.utc)
    assert "10 February 2026 · 1 year ago" in (await bot.ask(user, "/onthisday"))[0].plain


async def test_29_february(bot):
    bot.clock.now = DECEMBER
    await add_event(bot, "leap", dt.date(2024, 2, 29), "A leap-day event", "Високосный")
    en, ru = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    assert "29 February 2024 · 2 years ago" in (await bot.ask(en, "/onthisday 02-29"))[0].plain
    assert "29 февраля 2024 · 2 года назад" in (await bot.ask(ru, "/onthisday 02-29"))[0].plain
    invalid = (await bot.ask(en, "/onthisday 2025-02-29"))[0].plain
    assert invalid.startswith("2025 was not a leap year, so “2025-02-29” never happened.") and "/onthisday 02-29" in invalid
    assert (await bot.ask(ru, "/onthisday 2025-02-29"))[0].plain.startswith("2025 год не високосный")
    assert "A leap-day event" in (await bot.ask(en, "/onthisday 2024-02-29"))[0].plain


async def test_help_says_what_each_form_shows(bot):
    en, ru = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="ru")
    help_en = (await bot.ask(en, "/help"))[0].plain
    assert "/onthisday 02-10 — that calendar day in every year up to today" in help_en
    assert "/onthisday 2026-02-10 — that date's own events first, then the same day in earlier years" in help_en
    assert "/onthisday 02-10 — этот день календаря во все годы по сегодня" in (await bot.ask(ru, "/help"))[0].plain
