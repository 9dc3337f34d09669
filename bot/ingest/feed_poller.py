"""Poll one feed: conditional GET, parse, ingest what is new, keep the feed's state.

1. GET with If-None-Match / If-Modified-Since from the last success; a 304
   is a success with nothing to do.
2. Parse (feedparser, in a worker thread); entries whose URL is already
   known (stored, or seen as a duplicate) are skipped before any work.
3. With `fetch_full_text`, fetch each new entry's page (bounded, at most
   FULL_TEXT_PER_POLL per poll); prepare every new entry in a worker thread.
   No write transaction is open during this network and CPU work.
4. Store the new articles and the feed's state in one short transaction.
On failure the next poll backs off, `interval * 2**failures` capped at a day,
and after MAX_FAILURES failures in a row the feed is paused, its last error
kept for `feeds list`. The database's `next_poll_at` is the schedule.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import urljoin

import httpx
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.feed_items import FeedError, articles_from_feed, parse_feed
from bot.ingest.fingerprint import url_key
from bot.ingest.full_text import with_full_text
from bot.ingest.http_fetch import FEED_LIMITS, PAGE_LIMITS, FetchError, FetchLimits, fetch
from bot.ingest.pipeline import PreparedArticle, prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.dedup import DuplicateIndex
from bot.ingest.store import Incoming, store_many
from bot.ingest.tagging import TaggingRules
from storage.articles import known_url_keys
from storage.feeds import record_poll_failure, record_poll_success
from storage.models import Feed

MAX_FAILURES = 8
MAX_BACKOFF = dt.timedelta(days=1)
FULL_TEXT_PER_POLL = 30
BLOCKED_ERROR = "address not allowed: not a public host (see FETCH_ALLOW_PRIVATE_HOSTS)"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollResult:
    feed_id: int
    url: str
    status: Literal["ok", "not_modified", "failed", "paused"]
    new: int = 0
    updated: int = 0
    duplicates: int = 0
    rejected: int = 0
    known: int = 0  # entries skipped as already seen
    error: str | None = None
    next_poll_at: dt.datetime | None = None


class PollFailed(Exception):
    pass


def backoff(interval_minutes: int, failures: int) -> dt.timedelta:
    """How long to wait after `failures` failed polls in a row."""
    return min(dt.timedelta(minutes=interval_minutes) * 2 ** min(failures, 30), MAX_BACKOFF)


def _url_key(url: str | None) -> str | None:
    try:
        return url_key(url) if url else None
    except ValueError:
        return None


async def poll_feed(
    session: AsyncSession, feed: Feed, *, client: httpx.AsyncClient, now: dt.datetime, rules: TaggingRules,
    limits: FetchLimits = FEED_LIMITS, page_limits: FetchLimits = PAGE_LIMITS,
) -> PollResult:
    """Poll `feed` (see the module docstring); commits the feed's state and its new articles."""
    feed_id, url = feed.id, feed.url
    try:
        headers = {k: v for k, v in (("If-None-Match", feed.etag), ("If-Modified-Since", feed.last_modified)) if v}
        fetched = await fetch(client, url, limits=limits, headers=headers)
        if fetched.not_modified:
            record_poll_success(feed, now=now, next_poll_at=_next(feed, now), new_items=0,
                                etag=fetched.etag, last_modified=fetched.last_modified, title=None)
            await session.commit()
            return PollResult(feed_id, url, "not_modified", next_poll_at=feed.next_poll_at)
        try:
            parsed = await asyncio.to_thread(parse_feed, fetched.body)
        except FeedError as exc:
            raise PollFailed(str(exc)) from None
        entries = [_absolute(entry, fetched.url) for entry in articles_from_feed(parsed)]
        known = await known_url_keys(session, url_keys=filter(None, (
            _url_key(e.url) for e in entries if isinstance(e, RawArticle))))
        await session.commit()  # end the read transaction before the slow part (SQLite snapshots)
        fresh = [e for e in entries if not (isinstance(e, RawArticle) and _url_key(e.url) in known)]
        prepared = await _prepare_all(client, feed, fresh, now=now, rules=rules, page_limits=page_limits)
    except FetchError as exc:
        if exc.kind == "blocked":  # the detail names internal addresses: the log has it, /feeds does not
            log.warning("feed %s: %s", url, exc.reason)
        return await _failed(session, feed, now=now, error=BLOCKED_ERROR if exc.kind == "blocked" else exc.reason)
    except PollFailed as exc:
        return await _failed(session, feed, now=now, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug or an outage: back off like any failure
        await session.rollback()
        return await _failed(session, await session.get(Feed, feed_id), now=now, error=_describe(exc))
    try:
        counts = await _store(session, feed_id, prepared, now=now)
        record_poll_success(feed, now=now, next_poll_at=_next(feed, now), new_items=counts["new"],
                            etag=fetched.etag, last_modified=fetched.last_modified, title=parsed.title)
        session.add(feed)
        await session.commit()
    except Exception as exc:  # noqa: BLE001 - rolled back; the next poll (with backoff) tries again
        await session.rollback()
        return await _failed(session, await session.get(Feed, feed_id), now=now,
                             error=f"could not store the items: {_describe(exc)}")
    return PollResult(feed_id, url, "ok", known=len(entries) - len(fresh), next_poll_at=feed.next_poll_at,
                      **counts)


def _absolute(entry: RawArticle | RejectedArticle, base: str) -> RawArticle | RejectedArticle:
    """Entry links relative to the feed's address, made absolute."""
    if isinstance(entry, RawArticle) and entry.url and "://" not in entry.url:
        return replace(entry, url=urljoin(base, entry.url))
    return entry


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[0]}" if text else type(exc).__name__


def _next(feed: Feed, now: dt.datetime) -> dt.datetime:
    return now + dt.timedelta(minutes=feed.interval_minutes)


async def _prepare_all(
    client: httpx.AsyncClient, feed: Feed, entries: list, *, now: dt.datetime, rules: TaggingRules,
    page_limits: FetchLimits,
) -> list[tuple[str, RawArticle, PreparedArticle | RejectedArticle]]:
    out: list[tuple[str, RawArticle, PreparedArticle | RejectedArticle]] = []
    full_text_left = FULL_TEXT_PER_POLL if feed.fetch_full_text else 0
    for number, entry in enumerate(entries, 1):
        if isinstance(entry, RejectedArticle):
            out.append((f"{feed.url}#{number}", RawArticle(body=""), entry))
            continue
        if full_text_left and entry.url:
            full_text_left -= 1
            entry = await with_full_text(client, entry, limits=page_limits)
        try:
            result = await asyncio.to_thread(prepare, entry, now=now, rules=rules)
        except RejectedArticle as exc:
            result = exc
        out.append((entry.url or f"{feed.url}#{number}", entry, result))
    return out


async def _store(session: AsyncSession, feed_id: int, prepared: list, *, now: dt.datetime) -> dict[str, int]:
    counts = {"new": 0, "updated": 0, "duplicates": 0, "rejected": 0}
    good = [(origin, raw, article) for origin, raw, article in prepared if not isinstance(article, RejectedArticle)]
    counts["rejected"] = len(prepared) - len(good)
    # Entries without a link cannot be skipped up front: a repeat is simply not recorded again.
    unlinked = [article for _, raw, article in good if not raw.url]
    if unlinked:
        index = await DuplicateIndex.load(session, unlinked)
        repeats = {id(article) for article in unlinked if index.match(article) is not None}
        counts["duplicates"] += len(repeats)
        good = [entry for entry in good if id(entry[2]) not in repeats]
    items = [Incoming(article, origin, feed_id) for origin, _, article in good]
    for outcome in await store_many(session, items, now=now):
        counts[{"new": "new", "updated": "updated", "duplicate": "duplicates"}[outcome.status]] += 1
    return counts


async def _failed(session: AsyncSession, feed: Feed, *, now: dt.datetime, error: str) -> PollResult:
    failures = feed.error_count + 1
    pause = failures >= MAX_FAILURES
    record_poll_failure(feed, now=now, next_poll_at=now + backoff(feed.interval_minutes, failures),
                        error=error[:2000], pause=pause)
    session.add(feed)
    await session.commit()
    return PollResult(feed.id, feed.url, "paused" if pause else "failed", error=error, next_poll_at=feed.next_poll_at)
