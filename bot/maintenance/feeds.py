"""Feeds from chat (/feeds): add after one successful check, pause, resume, remove; audited.

The storage queries (`storage.feeds`) do the work, as for `briefbot feeds`.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass

import httpx
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.feed_items import FeedError, articles_from_feed, parse_feed
from bot.ingest.http_fetch import FEED_LIMITS, FetchError, fetch
from bot.maintenance import audit
from storage import feeds as store
from storage.models import Feed

log = logging.getLogger(__name__)
ACTIONS = ("pause", "resume", "remove")


class FeedUnreachable(FeedError):
    """The feed could not be fetched; `kind` is all chat may say (FetchError.kind), `reason` is for logs."""

    def __init__(self, reason: str, kind: str) -> None:
        super().__init__(reason)
        self.kind = kind


@dataclass(frozen=True)
class CheckedFeed:
    url: str
    title: str | None
    entries: int


async def check_feed(client: httpx.AsyncClient, url: str) -> CheckedFeed:
    """Fetch and parse the feed once, as the poller will (FeedError with the reason)."""
    try:
        fetched = await fetch(client, url, limits=FEED_LIMITS)
    except FetchError as exc:
        log.info("feed %s not fetched: %s", url, exc.reason)
        raise FeedUnreachable(exc.reason, exc.kind) from None
    parsed = await asyncio.to_thread(parse_feed, fetched.body)  # feedparser is CPU work
    return CheckedFeed(url, parsed.title, len(articles_from_feed(parsed)))


def snapshot(feed: Feed) -> dict:
    return {"url": feed.url, "title": feed.title, "interval_minutes": feed.interval_minutes,
            "fetch_full_text": feed.fetch_full_text, "status": feed.status}


async def add_checked(session: AsyncSession, *, checked: CheckedFeed, actor_id: int, now: dt.datetime) -> Feed:
    """Save a checked feed, first poll due now (store.FeedExists if listed already)."""
    feed = await store.add_feed(session, url=checked.url, now=now, title=checked.title, added_by=actor_id)
    audit.record(session, actor_id=actor_id, action="add", entity="feed", key=feed.url, before=None,
                 after=snapshot(feed), now=now)
    return feed


async def change_feed(
    session: AsyncSession, *, feed_id: int, action: str, actor_id: int, now: dt.datetime,
) -> Feed | None:
    """Pause, resume or remove the feed with this id (audited); None if there is none."""
    feed = await session.get(Feed, feed_id)
    if feed is None:
        return None
    before = snapshot(feed)
    if action == "remove":
        await store.remove_feed(session, url=feed.url)
    elif action == "pause":
        await store.pause_feed(session, url=feed.url)
    else:
        await store.resume_feed(session, url=feed.url, now=now)
    await session.flush()
    audit.record(session, actor_id=actor_id, action=action, entity="feed", key=before["url"], before=before,
                 after=None if action == "remove" else snapshot(feed), now=now)
    return feed


async def restore_feed(session: AsyncSession, *, url: str, state: dict | None, now: dt.datetime) -> None:
    """Put a feed back as audited (None: it did not exist) — for /undo, which checks it can."""
    if state is None:
        await store.remove_feed(session, url=url)
        return
    if await store.get_feed(session, url=url) is None:
        await store.add_feed(session, url=url, now=now, interval_minutes=state["interval_minutes"],
                             fetch_full_text=state["fetch_full_text"], title=state["title"])
    if state["status"] == store.PAUSED:
        await store.pause_feed(session, url=url)
    else:
        await store.resume_feed(session, url=url, now=now)
    await session.flush()
