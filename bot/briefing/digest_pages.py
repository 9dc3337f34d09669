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
    lang: str
    topic_names: dict[str, str]


async def record_page(session: AsyncSession, *, win: digests.Window, topics: tuple[str, ...], lang: str,
                      now: dt.datetime) -> str:
    """Keep the digest over `win` for `topics` in `lang`; returns its key (caller commits)."""
    key = secrets.token_urlsafe(KEY_BYTES)
    session.add(DigestPage(key=key, after_id=win.after_id, upto_id=win.upto_id, since=win.since, until=win.until,
                           topics=list(topics), language=lang, created_at=now))
    return key


async def load_page(session: AsyncSession, *, key: str) -> SharedDigest | None:
    """The whole digest kept under `key`, or None for a key no digest has."""
    if not KEY_RE.match(key):
        return None
    page = await session.get(DigestPage, key)
    if page is None:
        return None
    views = await list_topics(session, lang=page.language)
    win = digests.Window(page.after_id, page.upto_id, page.since, page.until)
    digest = await digests.compose_digest(session, topics=tuple(page.topics), win=win, lang=page.language,
                                          topic_order=tuple(v.slug for v in views), whole=True)
    return SharedDigest(digest, page.language, {v.slug: v.name for v in views})
