"""On this day, every day of a common and a leap year, against the same rules worked out in Python from all events."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.briefing.onthisday import MAX_EVENTS, UPCOMING_DAYS, on_this_day
from storage.models import Event


def _in(year: int, month: int, day: int) -> dt.date:
    """The anniversary of (month, day) in `year`: 29 February is kept on 28 February in common years."""
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return dt.date(year, 2, 28) if (month, day) == (2, 29) and not leap else dt.date(year, month, day)


def _falls_on(date: dt.date, on: dt.date) -> bool:
    return date.year < on.year and _in(on.year, date.month, date.day) == on


def _next(after: dt.date, date: dt.date) -> dt.date:
    on = _in(after.year, date.month, date.day)
    return on if on > after else _in(after.year + 1, date.month, date.day)


def expected(events: list[Event], day: dt.date) -> tuple[list[tuple[int, dt.date]], int]:
    """(event id, anniversary date) pairs shown and how many more, by the rules of /onthisday."""
    def first(on: dt.date) -> list[Event]:
        return sorted((e for e in events if _falls_on(e.date, on)), key=lambda e: (e.date, e.id))

    today = first(day)
    if today:
        return [(e.id, day) for e in today[:MAX_EVENTS]], len(today) - min(len(today), MAX_EVENTS)
    ahead = sorted({_next(day, e.date) for e in events})[:UPCOMING_DAYS]
    offered = [(e.id, on) for on in ahead for e in first(on)[:MAX_EVENTS]]
    return offered[:MAX_EVENTS], len(offered) - len(offered[:MAX_EVENTS])


def _event(slug: str, date: dt.date) -> Event:
    return Event(slug=slug, date=date, precision="day", title_ru=slug, title_en=slug, summary_ru=slug, summary_en=slug)


async def test_every_day_of_a_common_and_a_leap_year(seeded_session):
    # Beside the dossier: a leap day, a crowded day (more than one reply holds), and events of the
    # years asked about, whose days are anniversaries only later.
    seeded_session.add_all([_event("leap-day", dt.date(2024, 2, 29)), _event("in-2027", dt.date(2027, 6, 15)),
                            _event("in-2028", dt.date(2028, 3, 1))]
                           + [_event(f"crowded-{i}", dt.date(1999 + i, 7, 4)) for i in range(MAX_EVENTS + 3)])
    await seeded_session.commit()
    events = list((await seeded_session.exec(
        select(Event).where(Event.hidden == False, Event.precision == "day"))).all())  # noqa: E712
    days = [dt.date(2027, 1, 1) + dt.timedelta(days=i) for i in range(365 + 366)]  # 2027, then 2028 (leap)
    for day in days:
        result = await on_this_day(seeded_session, day=day, lang="en")
        shown = [(a.event.id, a.on) for a in result.today or result.upcoming]
        assert (shown, result.more) == expected(events, day), day
        assert all(a.years == a.on.year - a.event.date.year > 0 for a in result.today + result.upcoming)
