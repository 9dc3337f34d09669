"""One article from a maintainer (/addarticle): the ingestion pipeline, audited.

This service commits: the store's unique URL key only shows a concurrent copy
of the same article (another maintainer, a feed poll) at commit time, and that
race must end as a "duplicate" answer, not an error.
"""
from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy.exc import IntegrityError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.fetch_one import ingest_text, ingest_url
from bot.ingest.fingerprint import url_key
from bot.ingest.store import IngestOutcome
from bot.ingest.tagging import TaggingRules
from bot.maintenance import audit
from storage.articles import article_topic_slugs, find_by_url_key
from storage.models import Article
from storage.search import remove_document


async def add_article(
    session: AsyncSession, *, client: httpx.AsyncClient, rules: TaggingRules, actor_id: int, now: dt.datetime,
    url: str | None = None, text: str | None = None,
) -> IngestOutcome:
    """Ingest the page at `url`, or `text` (with `url` as its address if known), and commit."""
    try:
        if text is None:
            outcome = await ingest_url(session, url, client=client, now=now, rules=rules)
        else:
            outcome = await ingest_text(session, text, now=now, rules=rules, url=url)
        if outcome.stored:
            after = {"title": outcome.title, "url": url, "published": audit.jsonable(outcome.published),
                     "topics": list(outcome.topics)}
            audit.record(session, actor_id=actor_id, action="create" if outcome.status == "new" else "refresh",
                         entity="article", key=outcome.article_id, before=None, after=after, now=now)
        await session.commit()
    except IntegrityError:
        # The same URL was stored meanwhile (the database refuses it at the insert or at the commit).
        await session.rollback()
        return await _stored_meanwhile(session, url)
    return outcome


async def _stored_meanwhile(session: AsyncSession, url: str | None) -> IngestOutcome:
    original = await find_by_url_key(session, url_key=url_key(url)) if url else None
    if original is None:  # stored under its canonical address, which the page named
        return IngestOutcome(status="duplicate", origin=url or "", matched_by="url")
    return IngestOutcome(
        status="duplicate", origin=url, title=original.title, article_id=original.id, duplicate_of=original.id,
        duplicate_title=original.title, matched_by="url", published=original.published_at.date(),
        date_flagged=original.date_flagged, relevant=original.relevant,
        topics=tuple(await article_topic_slugs(session, article_id=original.id)))


async def delete_article(session: AsyncSession, *, article_id: int) -> bool:
    """Remove an article a maintainer added (for /undo); False if it is gone already."""
    article = await session.get(Article, article_id)
    if article is None:
        return False
    await remove_document(session, kind="article", ref_id=article_id)
    await session.delete(article)
    await session.flush()
    return True
