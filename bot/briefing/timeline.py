"""The timeline, newest first, a page at a time, narrowed by year, month and topic."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import event_views
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


async def timeline_page(
    session: AsyncSession, *, lang: str, filter: TimelineFilter, page: int = 0, page_size: int = PAGE_SIZE
) -> TimelinePage:
    query = select(Event).where(Event.hidden == False)  # noqa: E712
    period = filter.period()
    if period:
        query = query.where(Event.date >= period[0], Event.date <= period[1])
    if filter.topic:
        query = query.join(EventTopic, EventTopic.event_id == Event.id).join(
            Topic, Topic.id == EventTopic.topic_id).where(Topic.slug == filter.topic)
    found = await page_of(session, query, order_by=(Event.date.desc(), Event.id.desc()), page=page,
                          page_size=page_size)
    entries = await event_views(session, events=found.rows, lang=lang)
    return TimelinePage(tuple(entries), found.page, found.pages, found.total, filter)
