"""The timeline, newest first, a page at a time, narrowed by year, month and topic."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import view_columns, view_of
from bot.briefing.paging import page_of
from bot.briefing.views import EventView
from storage.models import Event, EventTopic, Topic

PAGE_SIZE = 4


@dataclass(frozen=True)
class TimelineFilter:
    year: int | None = None
    month: int | None = None
    topic: str | None = None

    def period(self) -> tuple[dt.date, dt.date] | None:
        """First and last day covered, or None for all time."""
        if self.year is None:
            return None
        if self.month is None:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        last = (dt.date(self.year + self.month // 12, self.month % 12 + 1, 1) - dt.timedelta(days=1))
        return dt.date(self.year, self.month, 1), last


@dataclass(frozen=True)
class TimelinePage:
    entries: tuple[EventView, ...]
    page: int  # zero-based, clamped to the last page
    pages: int
    total: int
    filter: TimelineFilter


NEWEST_FIRST = (Event.date.desc(), Event.id.desc())


@functools.cache  # four: made once, so a page's statement is made once too (bot.briefing.paging)
def _chosen(by_period: bool, by_topic: bool):
    """The visible events' ids, in :since..:until and of topic :topic when asked."""
    chosen = select(Event.id).where(Event.hidden == False)  # noqa: E712
    if by_period:
        chosen = chosen.where(Event.date >= bindparam("since"), Event.date <= bindparam("until"))
    if by_topic:
        chosen = chosen.join(EventTopic, EventTopic.event_id == Event.id).join(
            Topic, Topic.id == EventTopic.topic_id).where(Topic.slug == bindparam("topic"))
    return chosen


async def timeline_page(
    session: AsyncSession, *, lang: str, filter: TimelineFilter, page: int = 0, page_size: int = PAGE_SIZE
) -> TimelinePage:
    period = filter.period()
    chosen = _chosen(period is not None, filter.topic is not None)
    params = {"topic": filter.topic} | ({"since": period[0], "until": period[1]} if period else {})
    found = await page_of(session, chosen, columns=view_columns(lang), id_column=Event.id, order_by=NEWEST_FIRST,
                          page=page, page_size=page_size, params=params)
    return TimelinePage(tuple(view_of(r) for r in found.rows), found.page, found.pages, found.total, filter)
