"""Topic cards: what a topic is, its key dates, where it stands, its sources."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.events import events_by_slugs, source_title
from bot.briefing.views import EventView, SourceView, TopicView
from storage.models import Source, Topic, TopicSource


@dataclass(frozen=True)
class TopicCard:
    slug: str
    name: str
    tagline: str
    card: str  # paragraphs separated by blank lines, plain text
    as_of: dt.date | None  # the date the card's "where it stands" describes
    key_events: tuple[EventView, ...]
    sources: tuple[SourceView, ...]


def _visible_topics():
    return select(Topic).where(Topic.hidden == False).order_by(Topic.position, Topic.slug)  # noqa: E712


async def list_topics(session: AsyncSession, *, lang: str) -> list[TopicView]:
    rows = (await session.exec(_visible_topics())).all()
    return [TopicView(t.slug, getattr(t, f"name_{lang}"), getattr(t, f"tagline_{lang}")) for t in rows]


async def topic_card(session: AsyncSession, *, slug: str, lang: str) -> TopicCard | None:
    topic = (await session.exec(
        select(Topic).where(Topic.slug == slug, Topic.hidden == False))).first()  # noqa: E712
    if topic is None:
        return None
    events = await events_by_slugs(session, slugs=list(topic.key_events), lang=lang)
    sources = (await session.exec(
        select(Source.outlet, source_title(lang), Source.url, Source.published)
        .join(TopicSource, TopicSource.source_id == Source.id)
        .where(TopicSource.topic_id == topic.id).order_by(TopicSource.position))).all()
    return TopicCard(
        slug=topic.slug, name=getattr(topic, f"name_{lang}"), tagline=getattr(topic, f"tagline_{lang}"),
        card=getattr(topic, f"card_{lang}"), as_of=topic.as_of, key_events=tuple(events),
        sources=tuple(SourceView(*row) for row in sources),
    )
