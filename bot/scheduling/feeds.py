"""The feed job: every minute, poll the feeds that are due.

The database is the schedule (`Feed.next_poll_at`, `status`); the job only
asks it what is due, so a restart, a new feed or a resumed one needs no job
changes. One session per run; the feeds of a run are polled one after
another with one HTTP client.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Sequence

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import metrics
from bot.ingest.feed_poller import PollResult, poll_feed
from bot.ingest.host_policy import STRICT, HostPolicy
from bot.ingest.http_fetch import FEED_LIMITS, PAGE_LIMITS, FetchLimits, new_client
from bot.ingest.rules import load_rules
from storage.db import open_session
from storage.feeds import due_feeds

log = logging.getLogger(__name__)

JOB_ID = "poll-feeds"
TICK = dt.timedelta(minutes=1)
FEEDS_PER_RUN = 50  # the rest wait for the next tick (still due, longest waiting first)


async def poll_due_feeds(
    engine: AsyncEngine, *, clock: Callable[[], dt.datetime], relevance_all_of: Sequence[Iterable[str]],
    limits: FetchLimits = FEED_LIMITS, page_limits: FetchLimits = PAGE_LIMITS, limit: int = FEEDS_PER_RUN,
    hosts: HostPolicy = STRICT,
) -> list[PollResult]:
    """Poll every active feed whose next poll is due by `clock()`."""
    results: list[PollResult] = []
    async with open_session(engine) as session:
        feeds = await due_feeds(session, now=clock(), limit=limit)
        if not feeds:
            return results
        rules = await load_rules(session, relevance_all_of=relevance_all_of)
        await session.commit()
        async with new_client(limits, hosts=hosts) as client:
            for feed in feeds:
                result = await poll_feed(session, feed, client=client, now=clock(), rules=rules,
                                         limits=limits, page_limits=page_limits)
                _log(result)
                metrics.feed_polled(result.status)
                results.append(result)
    return results


def _log(result: PollResult) -> None:
    if result.status in ("ok", "not_modified"):
        log.info("feed %s: %s, %d new, %d duplicate, %d rejected", result.url, result.status,
                 result.new, result.duplicates, result.rejected)
    else:
        log.warning("feed %s: %s (%s); next poll %s", result.url, result.status, result.error, result.next_poll_at)


def add_feed_job(
    scheduler: AsyncIOScheduler, engine: AsyncEngine, *, clock: Callable[[], dt.datetime],
    relevance_all_of: Sequence[Iterable[str]], hosts: HostPolicy = STRICT,
) -> None:
    scheduler.add_job(
        poll_due_feeds, IntervalTrigger(seconds=TICK.total_seconds()), id=JOB_ID, name="poll due feeds",
        kwargs={"engine": engine, "clock": clock, "relevance_all_of": relevance_all_of, "hosts": hosts},
        # One run at a time: a slow run makes the next tick wait, never overlap it.
        max_instances=1,
        # Missed ticks (a blocked loop, a suspended machine) collapse into one run:
        # what is due is read from the database, so catching up once is enough.
        coalesce=True,
        # A tick may start up to half a minute late; later than that the next tick is as good.
        misfire_grace_time=30,
        replace_existing=True,
    )
