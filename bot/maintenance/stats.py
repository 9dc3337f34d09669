"""/stats: the bot's audience, deliveries, outbox, feeds and database size, in a few queries."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, text
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Article, Chat, Delivery, Event, Feed, Subscription

Counts = tuple[tuple[str, int], ...]
OUTBOX_STATUSES = ("pending", "sending")
DAY = dt.timedelta(hours=24)


@dataclass(frozen=True)
class FeedsHealth:
    total: int
    active: int
    paused: int
    failing: int  # active feeds whose latest poll failed
    items: int
    last_success: dt.datetime | None


@dataclass(frozen=True)
class Stats:
    chats_by_type: Counts  # active chats
    chats_by_language: Counts
    inactive_chats: int
    active_subscribers: int  # active chats with at least one subscription
    subscriptions_by_topic: Counts  # "*" is the whole dossier
    deliveries_24h: Counts  # by status
    outbox_depth: int
    feeds: FeedsHealth
    events: int  # visible
    articles: int
    database_bytes: int | None


async def _grouped(session: AsyncSession, column, *where) -> Counts:
    rows = (await session.exec(select(column, func.count()).where(*where).group_by(column)
                               .order_by(func.count().desc(), column))).all()
    return tuple((str(key), int(n)) for key, n in rows)


async def _count(session: AsyncSession, model, *where) -> int:
    return int((await session.exec(select(func.count()).select_from(model).where(*where))).one())


async def collect(session: AsyncSession, *, now: dt.datetime) -> Stats:
    active = Chat.active == True  # noqa: E712
    subscribed = select(Subscription.chat_id).join(Chat, Chat.id == Subscription.chat_id).where(active).distinct()
    moment = func.coalesce(Delivery.sent_at, Delivery.created_at)
    feeds = (await session.exec(select(
        func.count(), func.count().filter(Feed.status == "active"), func.count().filter(Feed.status == "paused"),
        func.count().filter(Feed.status == "active", Feed.error_count > 0),
        func.coalesce(func.sum(Feed.items_count), 0),
        func.max(Feed.last_success_at)))).one()
    return Stats(
        chats_by_type=await _grouped(session, Chat.type, active),
        chats_by_language=await _grouped(session, Chat.language, active),
        inactive_chats=await _count(session, Chat, Chat.active == False),  # noqa: E712
        active_subscribers=int((await session.exec(select(func.count()).select_from(subscribed.subquery()))).one()),
        subscriptions_by_topic=await _grouped(session, Subscription.topic_slug,
                                              Subscription.chat_id.in_(select(Chat.id).where(active))),
        deliveries_24h=await _grouped(session, Delivery.status, moment >= now - DAY),
        outbox_depth=await _count(session, Delivery, Delivery.status.in_(OUTBOX_STATUSES)),
        feeds=FeedsHealth(*(int(v) for v in feeds[:5]), feeds[5]),
        events=await _count(session, Event, Event.hidden == False),  # noqa: E712
        articles=await _count(session, Article),
        database_bytes=await database_bytes(session),
    )


async def database_bytes(session: AsyncSession) -> int | None:
    if session.bind.dialect.name == "sqlite":
        pages = (await session.exec(text("PRAGMA page_count"))).scalar()
        size = (await session.exec(text("PRAGMA page_size"))).scalar()
        return int(pages) * int(size)
    return int((await session.exec(text("SELECT pg_database_size(current_database())"))).scalar())
