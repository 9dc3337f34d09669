"""Digest pages: a digest sent to a channel or group, kept under an unguessable key, shown whole on the web.

The row holds what defines the digest (its window, topics and language); the page
composes it again from those, with every article and event instead of the first ten.
"""
from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import digests
from bot.briefing.topics import list_topics
from storage.models import DigestPage

KEY_BYTES = 16  # 128 random bits: a page is found only through the link under the digest
KEY_RE = re.compile(r"^[A-Za-z0-9_-]{16,32}$")


@dataclass(frozen=True)
class SharedDigest:
    digest: digests.Digest
    topic_names: dict[str, str]


async def record_page(session: AsyncSession, *, win: digests.Window, topics: tuple[str, ...], lang: str,
                      now: dt.datetime) -> str:
    """Keep the digest over `win` for `topics` in `lang`; returns its key (caller commits)."""
    key = secrets.token_urlsafe(KEY_BYTES)
    session.add(DigestPage(key=key, after_id=win.after_id, upto_id=win.upto_id, since=win.since, until=win.until,
                           topics=list(topics), language=lang, created_at=now))
    return key


async def _page(session: AsyncSession, key: str) -> DigestPage | None:
    return await session.get(DigestPage, key) if KEY_RE.match(key) else None


async def page_language_of(session: AsyncSession, *, key: str) -> str | None:
    """The language the digest under `key` was sent in; None for a key no digest has."""
    page = await _page(session, key)
    return page.language if page else None


async def load_page(session: AsyncSession, *, key: str, lang: str) -> SharedDigest | None:
    """The whole digest kept under `key`, its topic names and new events in `lang`; None for an unknown key."""
    page = await _page(session, key)
    if page is None:
        return None
    views = await list_topics(session, lang=lang)
    win = digests.Window(page.after_id, page.upto_id, page.since, page.until)
    digest = await digests.compose_digest(session, topics=tuple(page.topics), win=win, lang=lang,
                                          topic_order=tuple(v.slug for v in views), whole=True)
    return SharedDigest(digest, {v.slug: v.name for v in views})
