"""The dossier's events on a calendar day: anniversaries (earlier years), or every year up to today, or a date."""
from __future__ import annotations

import calendar
import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import Select, and_, bindparam, case, func, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import view_columns, view_of
from bot.briefing.views import EventView
from storage.models import Event
from storage.models.dossier import EVENT_MONTH_DAY

UPCOMING_DAYS = 3  # how many future calendar days with anniversaries to offer
MAX_EVENTS = 8  # per reply; the rest are counted
# The three questions: today's anniversaries (plain command, push), `MM-DD` in every year, `YYYY-MM-DD`.
ANNIVERSARIES, CALENDAR_DAY, DATE = "anniversaries", "calendar_day", "date"


@dataclass(frozen=True)
class Anniversary:
    event: EventView
    on: dt.date  # the anniversary's date in the reference year (or the next one)
    years: int  # full years from the event to the reply's `as_of` (upcoming: to `on`)
    months: int = 0  # and full months beyond them


@dataclass(frozen=True)
class OnThisDay:
    day: dt.date  # the reference date asked about
    today: tuple[Anniversary, ...]  # the reference year's (or date's) own events first, then earlier years, oldest first
    upcoming: tuple[Anniversary, ...]  # only filled when `today` is empty
    more: int = 0  # anniversaries left out beyond MAX_EVENTS
    as_of: dt.date | None = None  # what `years`/`months` count to; None means `day`
    asked: str = ANNIVERSARIES  # which question this answers: ANNIVERSARIES, CALENDAR_DAY or DATE


def _anniversary_in(year: int, month: int, day: int) -> dt.date:
    # 29 February is remembered on 28 February in common years.
    if month == 2 and day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, month, day)


# Visible events known to the day: only those have anniversaries.
HAS_ANNIVERSARY = (Event.hidden == False, Event.precision == "day")  # noqa: E712


def _keys(calendar_day: dt.date) -> list[int]:
    """The month-day keys (EVENT_MONTH_DAY) whose anniversary falls on `calendar_day`."""
    keys = [calendar_day.month * 100 + calendar_day.day]
    if (calendar_day.month, calendar_day.day) == (2, 28) and not calendar.isleap(calendar_day.year):
        keys.append(229)
    return keys


def _on(calendar_day: dt.date, through: dt.date | None = None):
    """Events on `calendar_day`'s calendar day (by the month-day index): from years before it, or dated up to `through`."""
    until = Event.date <= through if through else Event.date < dt.date(calendar_day.year, 1, 1)
    return and_(*HAS_ANNIVERSARY, EVENT_MONTH_DAY.in_(_keys(calendar_day)), until)


def elapsed(since: dt.date, until: dt.date) -> tuple[int, int]:
    """Full (years, months) from `since` to `until`; a 29 February counts its months on the 28th of a common year."""
    months = (until.year - since.year) * 12 + until.month - since.month
    if until.day < min(since.day, calendar.monthrange(until.year, until.month)[1]):
        months -= 1
    return divmod(max(months, 0), 12)


async def on_this_day(session: AsyncSession, *, day: dt.date, lang: str) -> OnThisDay:
    """Anniversaries: events on `day`'s calendar day in earlier years; else the nearest ones ahead (plain command, push)."""
    return await _lookup(session, day, lang, through=None, as_of=day, asked=ANNIVERSARIES)


async def on_calendar_day(session: AsyncSession, *, month: int, day: int, today: dt.date, lang: str) -> OnThisDay:
    """`/onthisday MM-DD`: the calendar day's events in every year up to `today`, this year's among them once passed."""
    year = today.year
    if (month, day) == (2, 29):  # the latest leap year that is not ahead of today's year
        year = next(y for y in range(year, year - 8, -1) if calendar.isleap(y))
    return await _lookup(session, dt.date(year, month, day), lang, through=today, as_of=today, asked=CALENDAR_DAY,
                         ahead_of=_anniversary_in(today.year, month, day))


async def on_date(session: AsyncSession, *, day: dt.date, lang: str) -> OnThisDay:
    """`/onthisday YYYY-MM-DD`: that date's own events first, then its calendar day in earlier years."""
    return await _lookup(session, day, lang, through=day, as_of=day, asked=DATE)


async def _lookup(session: AsyncSession, day: dt.date, lang: str, *, through: dt.date | None, as_of: dt.date,
                  asked: str, ahead_of: dt.date | None = None) -> OnThisDay:
    statement, params = anniversaries_on(day, lang, through=through)
    rows = (await session.exec(statement, params=params)).all()
    if not rows:
        return replace(await _upcoming(session, ahead_of or day, lang), day=day, asked=asked)  # titled as asked
    shown = tuple(Anniversary(view_of(r), day, *elapsed(r.date, as_of)) for r in rows)
    return OnThisDay(day, shown, (), rows[0].total - len(rows), as_of, asked)


def anniversaries_on(day: dt.date, lang: str, *, through: dt.date | None = None) -> tuple[Select, dict]:
    """The usual reply in one statement, with its parameters: MAX_EVENTS events with topics and sources, and the count.

    Events of the year of `through` (this year's, or the date's own) come first, then earlier years, oldest first."""
    until = through or dt.date(day.year, 1, 1)  # up to `through`, or the years before `day`'s
    params = {"keys": _keys(day), "until": until, "year_start": dt.date((through or day).year, 1, 1)}
    return _anniversaries_statement(lang, through is not None), params


@functools.lru_cache(maxsize=8)
def _anniversaries_statement(lang: str, through: bool) -> Select:
    """Built once per language and form: building it took about 1 ms of a reply's CPU."""
    until = Event.date <= bindparam("until") if through else Event.date < bindparam("until")
    chosen = select(Event.id).where(*HAS_ANNIVERSARY, EVENT_MONTH_DAY.in_(bindparam("keys", expanding=True)), until)
    order = (case((Event.date >= bindparam("year_start"), 0), else_=1), Event.date, Event.id)
    first = chosen.order_by(*order).limit(MAX_EVENTS).subquery()
    total = select(func.count()).select_from(chosen.subquery()).scalar_subquery()
    return (select(*view_columns(lang), total.label("total")).join(first, first.c.id == Event.id)
            .order_by(*order))


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
