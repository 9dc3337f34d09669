"""How long ago each event of an /onthisday reply was, in both languages with their plural forms."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.briefing.onthisday import ANNIVERSARIES, CALENDAR_DAY, DATE, Anniversary, OnThisDay, elapsed
from bot.briefing.views import EventView
from bot.render.pages import on_this_day_reply

TODAY = dt.date(2026, 12, 5)


def _reply(lang: str, date: dt.date, asked: str, as_of: dt.date = TODAY) -> str:
    event = EventView(1, "e", date, "day", "Title", "Summary.", (), ())
    result = OnThisDay(as_of, (Anniversary(event, as_of, *elapsed(date, as_of)),), (), 0, as_of, asked)
    return re.sub(r"<[^>]+>", "", on_this_day_reply(lang, result).text)  # as the reader sees it


@pytest.mark.parametrize(("lang", "date", "asked", "label"), [
    ("en", dt.date(2026, 12, 5), CALENDAR_DAY, "5 December 2026 · today"),
    ("ru", dt.date(2026, 12, 5), CALENDAR_DAY, "5 декабря 2026 · сегодня"),
    ("en", dt.date(2026, 11, 20), CALENDAR_DAY, "20 November 2026 · this year"),
    ("ru", dt.date(2026, 11, 20), CALENDAR_DAY, "20 ноября 2026 · в этом году"),
    ("en", dt.date(2026, 11, 5), CALENDAR_DAY, "5 November 2026 · 1 month ago"),
    ("ru", dt.date(2026, 11, 5), CALENDAR_DAY, "5 ноября 2026 · 1 месяц назад"),
    ("ru", dt.date(2026, 9, 5), CALENDAR_DAY, "5 сентября 2026 · 3 месяца назад"),
    ("ru", dt.date(2026, 2, 10), CALENDAR_DAY, "10 февраля 2026 · 9 месяцев назад"),
    ("ru", dt.date(2025, 12, 20), CALENDAR_DAY, "20 декабря 2025 · 11 месяцев назад"),
    ("ru", dt.date(2005, 12, 5), ANNIVERSARIES, "5 декабря 2005 · 21 год назад"),
    ("ru", dt.date(2004, 12, 5), ANNIVERSARIES, "5 декабря 2004 · 22 года назад"),
    ("en", dt.date(2025, 12, 5), ANNIVERSARIES, "5 December 2025 · 1 year ago"),
])
def test_labels_count_back_from_today(lang, date, asked, label):
    assert label in _reply(lang, date, asked)


@pytest.mark.parametrize(("lang", "date", "label"), [
    ("en", dt.date(2025, 8, 15), "15 August 2025 · that day"),
    ("ru", dt.date(2025, 8, 15), "15 августа 2025 · в тот же день"),
    ("en", dt.date(2024, 8, 15), "15 August 2024 · 1 year earlier"),
    ("ru", dt.date(2014, 8, 15), "15 августа 2014 · на 11 лет раньше"),
    ("ru", dt.date(2023, 8, 15), "15 августа 2023 · на 2 года раньше"),
])
def test_a_date_counts_back_from_itself(lang, date, label):
    reply = _reply(lang, date, DATE, as_of=dt.date(2025, 8, 15))
    assert label in reply and ("15 August 2025" in reply.split("\n")[0] or "15 августа 2025" in reply.split("\n")[0])
