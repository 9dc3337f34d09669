"""A feed entry's full text: fetch its page and extract the main text (trafilatura).

Used for feeds that carry only summaries (`Feed.fetch_full_text`). Bounded by
PAGE_LIMITS; parsing runs in a worker thread, bounded in size and time. Whenever the page cannot be
had, or holds no more text than the entry, the entry is kept as it was.
"""
from __future__ import annotations

import logging
from dataclasses import replace

import httpx

from bot.ingest.html_page import parse_html_page_soon
from bot.ingest.http_fetch import PAGE_LIMITS, FetchError, FetchLimits, fetch
from bot.ingest.raw_article import RawArticle, RejectedArticle

log = logging.getLogger(__name__)


async def with_full_text(client: httpx.AsyncClient, entry: RawArticle, *,
                         limits: FetchLimits = PAGE_LIMITS) -> RawArticle:
    """`entry` with the body of its page when that is longer; the feed's metadata wins."""
    if not entry.url:
        return entry
    try:
        page = await fetch(client, entry.url, limits=limits)
        parsed = await parse_html_page_soon(page.body, url=page.url)
    except (FetchError, RejectedArticle) as exc:
        log.info("full text of %s not used: %s", entry.url, getattr(exc, "reason", exc))
        return entry
    if len(parsed.body) <= len(entry.body):
        return entry
    dated = entry.published is not None or entry.published_at is not None
    return replace(
        entry,
        body=parsed.body,
        title=entry.title or parsed.title,
        published=entry.published if dated else parsed.published,
        published_at=entry.published_at if dated else parsed.published_at,
        outlet=entry.outlet or parsed.outlet,
        canonical_url=parsed.canonical_url,
    )
