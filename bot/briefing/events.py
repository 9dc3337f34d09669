"""Events as readers see them: the columns of one language with topics and sources, in one statement.

`select(*view_columns(lang))` over a choice of events (joined to it) returns
everything an EventView needs; each round trip to the database costs more
than the rows, so a page of events is one statement, not one per kind of row.
"""
from __future__ import annotations

from functools import cache

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.json_rows import date_of, json_rows, rows_of
from bot.briefing.views import EventView, SourceView
from storage.models import Event, EventSource, EventTopic, Source, Topic


def source_title(lang: str):
    """A source's title for readers of `lang`; the original where no translation is stored."""
    return func.coalesce(getattr(Source, f"title_{lang}"), Source.title)


@cache  # building the expressions costs more than reusing them (they are immutable)
def view_columns(lang: str) -> tuple:
    """Event columns in `lang`, its topics and its sources (as JSON), correlated to `Event`."""
    topics = (
        select(json_rows(Topic.position, Topic.slug)).select_from(EventTopic)
        .join(Topic, Topic.id == EventTopic.topic_id).where(EventTopic.event_id == Event.id)
    )
    sources = (
        select(json_rows(EventSource.position, Source.id, Source.outlet, source_title(lang), Source.url,
                         Source.published))
        .select_from(EventSource).join(Source, Source.id == EventSource.source_id)
        .where(EventSource.event_id == Event.id)
    )
    return (Event.id, Event.slug, Event.date, Event.precision, getattr(Event, f"title_{lang}").label("title"),
            getattr(Event, f"summary_{lang}").label("summary"), topics.scalar_subquery().label("topic_rows"),
            sources.scalar_subquery().label("source_rows"))


def view_of(row) -> EventView:
    """The EventView of a row selected with `view_columns`: topics by position then slug, sources by position."""
    topics = tuple(slug for _position, slug in sorted(rows_of(row.topic_rows)))
    sources = tuple(
        SourceView(outlet, title, url, date_of(published))
        for _position, _id, outlet, title, url, published in sorted(rows_of(row.source_rows), key=lambda s: s[:2])
    )
    return EventView(id=row.id, slug=row.slug, date=row.date, precision=row.precision, title=row.title,
                     summary=row.summary, topics=topics, sources=sources)


async def events_by_slugs(session: AsyncSession, *, slugs: list[str], lang: str) -> list[EventView]:
    """Visible events with these slugs, oldest first."""
    if not slugs:
        return []
    rows = (await session.exec(
        select(*view_columns(lang)).where(Event.slug.in_(slugs), Event.hidden == False)  # noqa: E712
        .order_by(Event.date, Event.id))).all()
    return [view_of(r) for r in rows]
