"""What a chat subscribes to: the whole dossier ("*") or some topics."""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Subscription

ALL = "*"


async def subscribed_topics(session: AsyncSession, *, chat_id: int) -> tuple[str, ...]:
    """The chat's subscriptions: () none, ("*",) the whole dossier, else topic slugs in order."""
    rows = (await session.exec(
        select(Subscription.topic_slug).where(Subscription.chat_id == chat_id).order_by(Subscription.id))).all()
    return (ALL,) if ALL in rows else tuple(rows)


async def subscribe(
    session: AsyncSession, *, chat_id: int, topics: tuple[str, ...] | None, now: dt.datetime
) -> tuple[str, ...]:
    """Add topics (None: the whole dossier, which replaces single topics). Returns the new set."""
    current = await subscribed_topics(session, chat_id=chat_id)
    if topics is None:
        wanted: tuple[str, ...] = (ALL,)
    elif current == (ALL,):
        return current  # the whole dossier already covers every topic
    else:
        wanted = current + tuple(slug for slug in dict.fromkeys(topics) if slug not in current)
    return await replace_topics(session, chat_id=chat_id, topics=wanted, now=now)


async def unsubscribe(
    session: AsyncSession, *, chat_id: int, topics: tuple[str, ...] | None, all_slugs: tuple[str, ...],
    now: dt.datetime,
) -> tuple[str, ...]:
    """Remove topics (None: everything). Leaving one topic of the whole dossier keeps the others."""
    current = await subscribed_topics(session, chat_id=chat_id)
    if topics is None:
        return await replace_topics(session, chat_id=chat_id, topics=(), now=now)
    base = all_slugs if current == (ALL,) else current
    return await replace_topics(session, chat_id=chat_id, topics=tuple(s for s in base if s not in topics), now=now)


async def replace_topics(
    session: AsyncSession, *, chat_id: int, topics: tuple[str, ...], now: dt.datetime
) -> tuple[str, ...]:
    """Set the subscriptions to exactly `topics` (caller commits)."""
    current = await subscribed_topics(session, chat_id=chat_id)
    if current == topics:
        return current
    await session.exec(delete(Subscription).where(Subscription.chat_id == chat_id))
    for slug in topics:
        session.add(Subscription(chat_id=chat_id, topic_slug=slug, created_at=now))
    await session.flush()
    return topics
