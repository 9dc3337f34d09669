"""Anniversaries: the dossier's events on a calendar day in past years."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import event_views
from bot.briefing.views import EventView
from storage.models import Event

UPCOMING_DAYS = 3  # how many future calendar days with anniversaries to offer


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


def _anniversary_in(year: int, month: int, day: int) -> dt.date:
    # 29 February is remembered on 28 February in common years.
    if month == 2 and day == 29 and not _is_leap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


async def on_this_day(session: AsyncSession, *, day: dt.date, lang: str) -> OnThisDay:
    """Day-precision events on `day`'s calendar day in years before `day`'s year."""
    # Day-precision events only: the dossier is small enough to scan its dates,
    # which also keeps the calendar arithmetic identical on both databases.
    rows = (await session.exec(
        select(Event.id, Event.date).where(Event.hidden == False, Event.precision == "day")  # noqa: E712
    )).all()
    matches: list[tuple[dt.date, int, int]] = []  # (anniversary date, years, event id)
    for event_id, date in rows:
        for year in (day.year, day.year + 1):
            on = _anniversary_in(year, date.month, date.day)
            if on >= day and date.year < on.year:
                matches.append((on, on.year - date.year, event_id))
                break
    today = sorted(m for m in matches if m[0] == day)
    upcoming: list[tuple[dt.date, int, int]] = []
    if not today:
        later = sorted(m for m in matches if m[0] > day)
        days = sorted({m[0] for m in later})[:UPCOMING_DAYS]
        upcoming = [m for m in later if m[0] in days]
    return OnThisDay(day, await _views(session, today, lang), await _views(session, upcoming, lang))


async def _views(session, matches, lang) -> tuple[Anniversary, ...]:
    by_id = {row.id: row for row in (await session.exec(
        select(Event).where(Event.id.in_([m[2] for m in matches])))).all()} if matches else {}
    views = {v.id: v for v in await event_views(session, events=list(by_id.values()), lang=lang)}
    # Oldest first within a day reads naturally: "34 years ago … 1 year ago".
    ordered = sorted(matches, key=lambda m: (m[0], -m[1], m[2]))
    return tuple(Anniversary(views[m[2]], m[0], m[1]) for m in ordered)
