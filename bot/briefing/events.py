"""Loading events with their topics and sources, in the reader's language."""
from __future__ import annotations

from collections import defaultdict

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.views import EventView, SourceView
from storage.models import Event, EventSource, EventTopic, Source, Topic


async def event_views(session: AsyncSession, *, events: list[Event], lang: str) -> list[EventView]:
    """Views of `events` in their given order, with topics and sources in two queries."""
    ids = [e.id for e in events]
    if not ids:
        return []
    topics: dict[int, list[str]] = defaultdict(list)
    topic_rows = await session.exec(
        select(EventTopic.event_id, Topic.slug).join(Topic, Topic.id == EventTopic.topic_id)
        .where(EventTopic.event_id.in_(ids)).order_by(Topic.position, Topic.slug)
    )
    for event_id, slug in topic_rows.all():
        topics[event_id].append(slug)
    sources: dict[int, list[SourceView]] = defaultdict(list)
    source_rows = await session.exec(
        select(EventSource.event_id, Source).join(Source, Source.id == EventSource.source_id)
        .where(EventSource.event_id.in_(ids)).order_by(EventSource.position)
    )
    for event_id, src in source_rows.all():
        sources[event_id].append(SourceView(src.outlet, src.title, src.url, src.published))
    return [
        EventView(
            id=e.id, slug=e.slug, date=e.date, precision=e.precision,
            title=getattr(e, f"title_{lang}"), summary=getattr(e, f"summary_{lang}"),
            topics=tuple(topics[e.id]), sources=tuple(sources[e.id]),
        )
        for e in events
    ]


async def events_by_ids(session: AsyncSession, *, ids: list[int], lang: str) -> list[EventView]:
    """Visible events with these ids, in the order given."""
    if not ids:
        return []
    rows = (await session.exec(select(Event).where(Event.id.in_(ids), Event.hidden == False))).all()  # noqa: E712
    by_id = {e.id: e for e in rows}
    return await event_views(session, events=[by_id[i] for i in ids if i in by_id], lang=lang)
