"""Anniversaries: the dossier's events on a calendar day in past years."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, func, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import view_columns, view_of
from bot.briefing.views import EventView
from storage.models import Event
from storage.models.dossier import EVENT_MONTH_DAY

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


# Visible events known to the day: only those have anniversaries.
HAS_ANNIVERSARY = (Event.hidden == False, Event.precision == "day")  # noqa: E712


def _keys(calendar_day: dt.date) -> list[int]:
    """The month-day keys (EVENT_MONTH_DAY) whose anniversary falls on `calendar_day`."""
    keys = [calendar_day.month * 100 + calendar_day.day]
    if (calendar_day.month, calendar_day.day) == (2, 28) and not _is_leap(calendar_day.year):
        keys.append(229)
    return keys


def _on(calendar_day: dt.date):
    """Events whose anniversary falls on `calendar_day`, from years before it (by the month-day index)."""
    return and_(*HAS_ANNIVERSARY, EVENT_MONTH_DAY.in_(_keys(calendar_day)),
                Event.date < dt.date(calendar_day.year, 1, 1))


async def on_this_day(session: AsyncSession, *, day: dt.date, lang: str) -> OnThisDay:
    """Events on `day`'s calendar day in earlier years; else the nearest anniversaries ahead."""
    rows = (await session.exec(anniversaries_on(day, lang))).all()
    if rows:
        return OnThisDay(day, tuple(Anniversary(view_of(r), day, day.year - r.date.year) for r in rows), (),
                         rows[0].total - len(rows))
    return await _upcoming(session, day, lang)


def anniversaries_on(day: dt.date, lang: str):
    """The usual reply in one statement: the oldest MAX_EVENTS anniversaries with topics and sources, and the count."""
    chosen = select(Event.id).where(_on(day))
    first = chosen.order_by(Event.date, Event.id).limit(MAX_EVENTS).subquery()
    total = select(func.count()).select_from(chosen.subquery()).scalar_subquery()
    return (select(*view_columns(lang), total.label("total")).join(first, first.c.id == Event.id)
            .order_by(Event.date, Event.id))


async def _upcoming(session: AsyncSession, day: dt.date, lang: str) -> OnThisDay:
    """The anniversaries of the next UPCOMING_DAYS calendar days that have any, MAX_EVENTS at most."""
    keys = (await session.exec(select(EVENT_MONTH_DAY).where(*HAS_ANNIVERSARY).distinct())).all()
    ahead = sorted({_next_anniversary(day, int(k) // 100, int(k) % 100) for k in keys})[:UPCOMING_DAYS]
    if not ahead:
        return OnThisDay(day, (), ())
    # A few days' anniversaries (a dossier has one or two a day): all of them, with their views, in one go.
    found = (await session.exec(select(*view_columns(lang), EVENT_MONTH_DAY.label("key"))
                                .where(or_(*(_on(on) for on in ahead))))).all()
    by_day: dict[dt.date, list] = defaultdict(list)
    for row in found:  # each falls on exactly one of the days
        by_day[next(on for on in ahead if int(row.key) in _keys(on) and row.date.year < on.year)].append(row)
    # Each day offers its oldest MAX_EVENTS; the reply shows the first MAX_EVENTS of those and counts the rest.
    offered = [(on, row) for on in ahead for row in sorted(by_day[on], key=lambda r: (r.date, r.id))[:MAX_EVENTS]]
    shown = tuple(Anniversary(view_of(row), on, on.year - row.date.year) for on, row in offered[:MAX_EVENTS])
    return OnThisDay(day, (), shown, len(offered) - len(shown))


def _next_anniversary(after: dt.date, month: int, day: int) -> dt.date:
    """The first anniversary of (month, day) strictly after `after` (an event of that day exists)."""
    on = _anniversary_in(after.year, month, day)
    return on if on > after else _anniversary_in(after.year + 1, month, day)
