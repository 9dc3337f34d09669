"""`briefbot feeds add|list|remove|pause|resume|poll`: the feeds the bot polls."""
from __future__ import annotations

import asyncio
import datetime as dt
import sys

from bot.cli.preflight import ready_engine
from bot.config import Settings
from bot.ingest.feed_poller import PollResult, poll_feed
from bot.ingest.http_fetch import FetchError, check_url, new_client
from bot.ingest.rules import load_rules, relevance_groups
from storage import feeds as store
from storage.db import open_session
from storage.models import Feed
from storage.seed_files import SeedError

MIN_INTERVAL, MAX_INTERVAL = 1, 24 * 60


def run_feeds(settings: Settings, args) -> int:
    if args.feeds_command == "add":
        if not MIN_INTERVAL <= args.interval <= MAX_INTERVAL:
            print(f"--interval must be between {MIN_INTERVAL} and {MAX_INTERVAL} minutes", file=sys.stderr)
            return 2
        try:
            args.url = check_url(args.url)
        except FetchError as exc:
            print(exc.reason, file=sys.stderr)
            return 2
    return asyncio.run(_run(settings, args))


async def _run(settings: Settings, args) -> int:
    async with ready_engine(settings.database_url) as engine:
        if engine is None:
            return 1
        now = dt.datetime.now(dt.timezone.utc)
        async with open_session(engine) as session:
            command = args.feeds_command
            if command == "list":
                print(describe_feeds(await store.list_feeds(session), now))
                return 0
            if command == "poll":
                return await _poll(session, settings, args.urls, now)
            code = await _change(session, command, args, now)
            await session.commit()
            return code


async def _change(session, command: str, args, now: dt.datetime) -> int:
    if command == "add":
        try:
            await store.add_feed(session, url=args.url, now=now, interval_minutes=args.interval,
                                 fetch_full_text=args.full_text, title=args.title)
        except store.FeedExists:
            print(f"Already on the list: {args.url}", file=sys.stderr)
            return 1
        extra = ", fetching full text" if args.full_text else ""
        print(f"Added {args.url}: polled every {args.interval} minutes{extra}, first poll within a minute.")
        return 0
    if command == "remove":
        done = await store.remove_feed(session, url=args.url)
        message = f"Removed {args.url} (its articles stay)."
    elif command == "pause":
        done = await store.pause_feed(session, url=args.url) is not None
        message = f"Paused {args.url}."
    else:
        done = await store.resume_feed(session, url=args.url, now=now) is not None
        message = f"Resumed {args.url}: next poll within a minute."
    if not done:
        print(f"No such feed: {args.url} (see `briefbot feeds list`)", file=sys.stderr)
        return 1
    print(message)
    return 0


async def _poll(session, settings: Settings, urls: list[str], now: dt.datetime) -> int:
    """Poll now the named feeds, or every active one, whatever their schedule."""
    try:
        relevance = relevance_groups(settings.seeds_dir)
    except SeedError as exc:
        print(f"The dossier is invalid: {exc}", file=sys.stderr)
        return 1
    feeds = [f for f in await store.list_feeds(session) if (f.url in urls if urls else f.status == store.ACTIVE)]
    unknown = sorted(set(urls) - {f.url for f in feeds})
    if unknown:
        print("\n".join(f"No such feed: {u}" for u in unknown), file=sys.stderr)
        return 1
    rules = await load_rules(session, relevance_all_of=relevance)
    await session.commit()
    async with new_client(hosts=settings.fetch_hosts) as client:
        for feed in feeds:
            result = await poll_feed(session, feed, client=client, now=dt.datetime.now(dt.timezone.utc),
                                     rules=rules)
            print(describe_poll(result))
    if not feeds:
        print("No active feeds to poll.")
    return 0


def describe_poll(result: PollResult) -> str:
    if result.status == "not_modified":
        return f"{result.url}: unchanged (304)"
    if result.status == "ok":
        return (f"{result.url}: {result.new} new, {result.updated} updated, {result.duplicates} duplicate, "
                f"{result.rejected} rejected, {result.known} already seen")
    state = "paused after repeated failures" if result.status == "paused" else "failed"
    return f"{result.url}: {state}: {result.error}"


def _when(moment: dt.datetime | None) -> str:
    return "never" if moment is None else moment.astimezone(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def describe_feeds(feeds: list[Feed], now: dt.datetime) -> str:
    """One block per feed: status, schedule, last success and error, items, next poll."""
    if not feeds:
        return "No feeds yet: add one with `briefbot feeds add URL`."
    lines = []
    for feed in feeds:
        options = f"every {feed.interval_minutes} min" + (", full text" if feed.fetch_full_text else "")
        lines.append(f"#{feed.id} {feed.status:<6} {feed.url}  ({options})")
        if feed.title:
            lines.append(f"    title: {feed.title}")
        if feed.status != store.ACTIVE:
            next_poll = "none while paused"
        elif feed.next_poll_at is None or feed.next_poll_at <= now:
            next_poll = "due now"
        else:
            next_poll = _when(feed.next_poll_at)
        lines.append(f"    items: {feed.items_count}; last success: {_when(feed.last_success_at)}; "
                     f"next poll: {next_poll}")
        if feed.last_error:
            count = feed.error_count
            failures = f" ({count} failure{'' if count == 1 else 's'} in a row)" if count else ""
            lines.append(f"    last error{failures}: {feed.last_error}")
    return "\n".join(lines)
