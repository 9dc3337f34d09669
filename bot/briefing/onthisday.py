"""Anniversaries: the dossier's events on a calendar day in past years."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import and_, extract, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import event_views
from bot.briefing.views import EventView
from storage.models import Event

UPCOMING_DAYS = 3  # how many future calendar days with anniversaries to offer
MAX_EVENTS = 8  # per reply; the rest are counted


@dataclass(frozen=True)
class Anniversary:
    event: EventView
    on: dt.date  # the anniversary's date in the reference year (or the next one)
    years: int  # how many years ago, as of `on`


@dataclass(frozen=True)
class OnThisDay:
    day: dt.date  # the reference date asked about
    today: tuple[Anniversary, ...]
    upcoming: tuple[Anniversary, ...]  # only filled when `today` is empty
    more: int = 0  # anniversaries left out beyond MAX_EVENTS


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _anniversary_in(year: int, month: int, day: int) -> dt.date:
    # 29 February is remembered on 28 February in common years.
    if month == 2 and day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _month_day():
    return extract("month", Event.date), extract("day", Event.date)


# Visible events known to the day: only those have anniversaries.
HAS_ANNIVERSARY = (Event.hidden == False, Event.precision == "day")  # noqa: E712


def _anniversaries():
    return select(Event).where(*HAS_ANNIVERSARY)


def _on(calendar_day: dt.date):
    """Events whose anniversary falls on `calendar_day`, from years before it."""
    month, day = _month_day()
    days = [(calendar_day.month, calendar_day.day)]
    if (calendar_day.month, calendar_day.day) == (2, 28) and not _is_leap(calendar_day.year):
        days.append((2, 29))
    same_day = or_(*(and_(month == m, day == d) for m, d in days))
    return _anniversaries().where(same_day, Event.date < dt.date(calendar_day.year, 1, 1))


async def on_this_day(session: AsyncSession, *, day: dt.date, lang: str) -> OnThisDay:
    """Events on `day`'s calendar day in earlier years; else the nearest anniversaries ahead."""
    today = await _first(session, day)
    if today[1]:
        return OnThisDay(day, await _views(session, today[0], day, lang), (), today[1] - len(today[0]))
    month, mday = _month_day()
    pairs = (await session.exec(select(month, mday).where(*HAS_ANNIVERSARY).distinct())).all()
    ahead = sorted({_next_anniversary(day, int(m), int(d)) for m, d in pairs})[:UPCOMING_DAYS]
    upcoming: list[Anniversary] = []
    for on in ahead:
        upcoming += await _views(session, (await _first(session, on))[0], on, lang)
    return OnThisDay(day, (), tuple(upcoming[:MAX_EVENTS]), max(0, len(upcoming) - MAX_EVENTS))


async def _first(session: AsyncSession, calendar_day: dt.date) -> tuple[list[Event], int]:
    """The oldest MAX_EVENTS events of that day's anniversaries, and how many there are in all."""
    # One pass over the dates finds every id (a day has few); the first ones are then fetched by key.
    ids = (await session.exec(_on(calendar_day).with_only_columns(Event.id).order_by(Event.date, Event.id))).all()
    if not ids:
        return [], 0
    rows = (await session.exec(select(Event).where(Event.id.in_(ids[:MAX_EVENTS])))).all()
    return sorted(rows, key=lambda e: (e.date, e.id)), len(ids)


def _next_anniversary(after: dt.date, month: int, day: int) -> dt.date:
    """The first anniversary of (month, day) strictly after `after` (an event of that day exists)."""
    on = _anniversary_in(after.year, month, day)
    return on if on > after else _anniversary_in(after.year + 1, month, day)


async def _views(session, rows, on: dt.date, lang: str) -> list[Anniversary]:
    """Oldest first within a day reads naturally: "34 years ago … 1 year ago"."""
    views = await event_views(session, events=list(rows), lang=lang)
    return [Anniversary(v, on, on.year - v.date.year) for v in views if v.date.year < on.year]
