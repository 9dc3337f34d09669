"""One article from a URL or from pasted text, through the same pipeline (maintainers' /addarticle).

The page is fetched (bounded) and parsed and prepared in worker threads before
the store is touched; nothing here commits: the caller owns the transaction.
A failure to fetch or parse is a "rejected" outcome with the reason.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.feed_items import FeedError, articles_from_feed, parse_feed
from bot.ingest.files import SNIFF_BYTES, Kind, sniff_kind
from bot.ingest.html_page import parse_html_page_soon
from bot.ingest.http_fetch import PAGE_LIMITS, Fetched, FetchError, FetchLimits, check_url, fetch
from bot.ingest.pipeline import prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.refusals import Refusal
from bot.ingest.scraped import parse_scraped
from bot.ingest.store import IngestOutcome, rejected, store_prepared
from bot.ingest.tagging import TaggingRules

log = logging.getLogger(__name__)
PASTED_ORIGIN = "pasted text"
MAX_PASTED_CHARS = 1_000_000


async def fetch_article(client: httpx.AsyncClient, url: str, *, limits: FetchLimits = PAGE_LIMITS) -> RawArticle:
    """The article at `url`: an HTML page, plain text, or the first entry of a feed."""
    fetched = await fetch(client, check_url(url), limits=limits)
    kind = _kind(fetched)
    if kind == "text":
        return await asyncio.to_thread(parse_scraped, fetched.body, url=fetched.url)
    if kind == "feed":
        try:
            entries = articles_from_feed(await asyncio.to_thread(parse_feed, fetched.body))
        except FeedError as exc:
            raise RejectedArticle("feed_invalid", detail=str(exc)) from None
        first = next((entry for entry in entries if isinstance(entry, RawArticle)), None)
        if first is None:
            raise RejectedArticle("feed_no_entry")
        return first
    return await parse_html_page_soon(fetched.body, url=fetched.url)


def _kind(fetched: Fetched) -> Kind:
    content_type = fetched.content_type.split(";")[0].strip().casefold()
    if "html" in content_type:
        return "html"
    if "rss" in content_type or "atom" in content_type:
        return "feed"
    sniffed = sniff_kind(Path(urlsplit(fetched.url).path), fetched.body[:SNIFF_BYTES])
    if sniffed == "text" and content_type != "text/plain":
        return "html"  # unlabelled or odd content types: most likely a page
    return sniffed


async def ingest_url(
    session: AsyncSession, url: str, *, client: httpx.AsyncClient, now: dt.datetime, rules: TaggingRules,
    limits: FetchLimits = PAGE_LIMITS,
) -> IngestOutcome:
    """Fetch, prepare and store the article at `url` (the caller commits)."""
    try:
        raw = await fetch_article(client, url, limits=limits)
    except FetchError as exc:
        # The detail (host, address, error) goes to the log only: in chat it would probe networks.
        log.info("page %s not fetched: %s", url, exc.reason)
        return rejected(url, Refusal.of("fetch_blocked" if exc.kind == "blocked" else "fetch_failed"))
    except RejectedArticle as exc:
        return rejected(url, exc.refusal)
    return await _prepare_and_store(session, raw, origin=url, now=now, rules=rules)


async def ingest_text(
    session: AsyncSession, text: str, *, now: dt.datetime, rules: TaggingRules, url: str | None = None,
) -> IngestOutcome:
    """Prepare and store pasted text, in the scraped-text format (an optional
    ` date YYYY-MM-DD title | outlet | section` first line); the caller commits."""
    if len(text) > MAX_PASTED_CHARS:
        return rejected(PASTED_ORIGIN, Refusal.of("text_too_long", length=len(text), limit=MAX_PASTED_CHARS))
    try:
        raw = parse_scraped(text, url=url)
    except RejectedArticle as exc:
        return rejected(PASTED_ORIGIN, exc.refusal)
    return await _prepare_and_store(session, raw, origin=url or PASTED_ORIGIN, now=now, rules=rules)


async def _prepare_and_store(
    session: AsyncSession, raw: RawArticle, *, origin: str, now: dt.datetime, rules: TaggingRules
) -> IngestOutcome:
    try:
        prepared = await asyncio.to_thread(prepare, raw, now=now, rules=rules)
    except RejectedArticle as exc:
        return rejected(origin, exc.refusal, title=raw.title)
    return await store_prepared(session, prepared, origin=origin, now=now)
