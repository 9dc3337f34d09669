"""Queries over feeds: the list maintainers manage and what the poller needs.

Keyword-only and never committing: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Feed

ACTIVE, PAUSED = "active", "paused"


class FeedExists(ValueError):
    """A feed with this URL is already on the list."""


async def list_feeds(session: AsyncSession) -> list[Feed]:
    return list((await session.exec(select(Feed).order_by(Feed.id))).all())


async def get_feed(session: AsyncSession, *, url: str) -> Feed | None:
    return (await session.exec(select(Feed).where(Feed.url == url))).first()


async def add_feed(
    session: AsyncSession, *, url: str, now: dt.datetime, interval_minutes: int = 15,
    fetch_full_text: bool = False, title: str | None = None, added_by: int | None = None,
) -> Feed:
    """A new active feed, due at once; FeedExists if the URL is already listed."""
    if await get_feed(session, url=url) is not None:
        raise FeedExists(url)
    feed = Feed(url=url, title=title, interval_minutes=interval_minutes, fetch_full_text=fetch_full_text,
                status=ACTIVE, next_poll_at=now, added_by=added_by, created_at=now)
    session.add(feed)
    await session.flush()
    return feed


async def remove_feed(session: AsyncSession, *, url: str) -> bool:
    """Delete the feed (its articles stay, unlinked); False if there was none."""
    feed = await get_feed(session, url=url)
    if feed is None:
        return False
    await session.delete(feed)
    await session.flush()
    return True


async def pause_feed(session: AsyncSession, *, url: str) -> Feed | None:
    feed = await get_feed(session, url=url)
    if feed is not None:
        feed.status = PAUSED
        session.add(feed)
    return feed


async def resume_feed(session: AsyncSession, *, url: str, now: dt.datetime) -> Feed | None:
    """Active again, due at once, with a clean error count (the last error stays for reference)."""
    feed = await get_feed(session, url=url)
    if feed is not None:
        feed.status, feed.error_count, feed.next_poll_at = ACTIVE, 0, now
        session.add(feed)
    return feed


async def due_feeds(session: AsyncSession, *, now: dt.datetime, limit: int = 50) -> list[Feed]:
    """Active feeds whose next poll is due, longest waiting first."""
    query = (
        select(Feed).where(Feed.status == ACTIVE)
        .where(or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
        .order_by(Feed.next_poll_at.is_(None).desc(), Feed.next_poll_at, Feed.id).limit(limit)
    )
    return list((await session.exec(query)).all())


def record_poll_success(
    feed: Feed, *, now: dt.datetime, next_poll_at: dt.datetime, new_items: int,
    etag: str | None, last_modified: str | None, title: str | None,
) -> None:
    """The feed's state after a poll that worked (a 304 included)."""
    feed.last_polled_at = feed.last_success_at = now
    feed.next_poll_at = next_poll_at
    feed.error_count = 0
    feed.last_error = None
    feed.items_count += new_items
    if etag is not None:
        feed.etag = etag[:500]
    if last_modified is not None:
        feed.last_modified = last_modified[:100]
    if title and not feed.title:
        feed.title = title[:500]


def record_poll_failure(
    feed: Feed, *, now: dt.datetime, next_poll_at: dt.datetime, error: str, pause: bool
) -> None:
    """The feed's state after a failed poll; `pause` stops polling until resumed."""
    feed.last_polled_at = now
    feed.next_poll_at = next_poll_at
    feed.error_count += 1
    feed.last_error = error
    if pause:
        feed.status = PAUSED
