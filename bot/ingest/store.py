"""Ingest one article into the store: prepare, deduplicate, insert and index.

Order of the duplicate checks, cheapest and surest first:
1. the normalised URL (of an article, or of an earlier duplicate's arrival):
   the same page again. Same words: a duplicate. Changed words: the outlet
   edited it, and the stored article takes the new version ("updated"),
   unless the new text is under half as long (a teaser, a paywall), which
   counts as a duplicate and leaves the stored text alone;
2. the exact content hash (same words, any boilerplate around them);
3. a near duplicate: SimHash within NEAR_DUPLICATE_DISTANCE bits, found
   through the indexed bands (lightly edited first paragraph, other clutter).
Every arrival is recorded as an ArticleSighting; duplicates are linked to the
original and not stored again. Irrelevant articles are stored (searchable)
with relevant=False. Nothing here commits: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.ingest.fingerprint import NEAR_DUPLICATE_DISTANCE, band_probes, hamming, url_key
from bot.ingest.pipeline import PreparedArticle, prepare
from bot.ingest.raw_article import RawArticle, RejectedArticle
from bot.ingest.tagging import TaggingRules
from storage import articles as queries
from storage.models import Article

Status = Literal["new", "updated", "duplicate", "rejected"]
MatchedBy = Literal["url", "text", "near"]
MIN_UPDATE_LENGTH_SHARE = 0.5


@dataclass(frozen=True)
class IngestOutcome:
    status: Status
    origin: str
    title: str | None = None
    article_id: int | None = None      # the stored article (the original, for a duplicate)
    duplicate_of: int | None = None    # set for duplicates
    duplicate_title: str | None = None
    matched_by: MatchedBy | None = None
    reason: str | None = None          # why it was rejected
    published: dt.date | None = None
    date_flagged: bool = False
    relevant: bool = False
    topics: tuple[str, ...] = ()

    @property
    def stored(self) -> bool:
        return self.status in ("new", "updated")


def rejected(origin: str, reason: str, *, title: str | None = None) -> IngestOutcome:
    return IngestOutcome(status="rejected", origin=origin, reason=reason, title=title)


async def ingest(
    session: AsyncSession, raw: RawArticle, *, origin: str, now: dt.datetime, rules: TaggingRules,
    feed_id: int | None = None,
) -> IngestOutcome:
    """Prepare `raw` and store it (see the module docstring); RejectedArticle becomes an outcome."""
    try:
        prepared = prepare(raw, now=now, rules=rules)
    except RejectedArticle as exc:
        return rejected(origin, exc.reason, title=raw.title)
    return await store_prepared(session, prepared, origin=origin, now=now, feed_id=feed_id)


def arrival_url_key(prepared: PreparedArticle) -> str | None:
    """The normalised URL the article arrived from (a feed's link), else its canonical one."""
    if prepared.url:
        try:
            return url_key(prepared.url)
        except ValueError:
            pass
    return prepared.canonical_url_key


async def find_duplicate(session: AsyncSession, prepared: PreparedArticle) -> tuple[Article, MatchedBy] | None:
    """The stored article `prepared` repeats, and how it was recognised."""
    keys = list(dict.fromkeys(k for k in (prepared.canonical_url_key, arrival_url_key(prepared)) if k))
    for key in keys:
        article = await queries.find_by_url_key(session, url_key=key)
        if article is not None:
            return article, "url"
    for key in keys:
        article = await queries.find_sighted_url_key(session, url_key=key)
        if article is not None:
            return article, "url"
    article = await queries.find_by_content_hash(session, content_hash=prepared.content_hash)
    if article is not None:
        return article, "text"
    candidates = await queries.near_duplicate_candidates(session, probes=band_probes(prepared.simhash))
    close = [(hamming(simhash, prepared.simhash), article_id) for article_id, simhash in candidates]
    close = [item for item in close if item[0] <= NEAR_DUPLICATE_DISTANCE]
    if close:
        article = await session.get(Article, min(close)[1])
        if article is not None:
            return article, "near"
    return None


def _is_update(stored: Article, prepared: PreparedArticle) -> bool:
    return (stored.url_key == prepared.canonical_url_key and stored.content_hash != prepared.content_hash
            and len(prepared.body) >= MIN_UPDATE_LENGTH_SHARE * len(stored.body))


def _columns(prepared: PreparedArticle) -> dict[str, object]:
    bands = prepared.simhash_bands
    return dict(
        title=prepared.title, outlet=prepared.outlet, url=prepared.url, language=prepared.language,
        body=prepared.body, summary=prepared.summary, content_hash=prepared.content_hash,
        simhash=prepared.simhash, band0=bands[0], band1=bands[1], band2=bands[2], band3=bands[3],
        relevant=prepared.relevant,
    )


def _dates(prepared: PreparedArticle) -> dict[str, object]:
    return dict(published_at=prepared.published_at, date_flagged=prepared.date_flagged,
                date_source=prepared.date_source)


async def store_prepared(
    session: AsyncSession, prepared: PreparedArticle, *, origin: str, now: dt.datetime, feed_id: int | None = None,
) -> IngestOutcome:
    """Deduplicate and store an already prepared article (the CPU work done elsewhere)."""
    scores = {topic.slug: topic.score for topic in prepared.topics}
    arrival = arrival_url_key(prepared)
    found = await find_duplicate(session, prepared)
    if found is not None:
        stored, matched_by = found
        if matched_by == "url" and _is_update(stored, prepared):
            changes = _columns(prepared)
            if stored.date_flagged and not prepared.date_flagged:
                changes |= _dates(prepared)
            await queries.replace_article(session, article=stored, changes=changes, topic_scores=scores)
            await queries.record_sighting(session, article_id=stored.id, origin=origin, seen_at=now,
                                          url_key=arrival, matched_by="url")
            return _outcome("updated", origin, stored, prepared)
        await queries.record_sighting(session, article_id=stored.id, origin=origin, seen_at=now,
                                      url_key=arrival, matched_by=matched_by)
        return IngestOutcome(
            status="duplicate", origin=origin, title=prepared.title, article_id=stored.id,
            duplicate_of=stored.id, duplicate_title=stored.title, matched_by=matched_by,
            published=prepared.published, date_flagged=prepared.date_flagged, relevant=stored.relevant,
        )
    article = Article(url_key=prepared.canonical_url_key, feed_id=feed_id, ingested_at=now,
                      **_columns(prepared), **_dates(prepared))
    await queries.insert_article(session, article=article, topic_scores=scores)
    await queries.record_sighting(session, article_id=article.id, origin=origin, seen_at=now, url_key=arrival)
    return _outcome("new", origin, article, prepared)


def _outcome(status: Status, origin: str, article: Article, prepared: PreparedArticle) -> IngestOutcome:
    return IngestOutcome(
        status=status, origin=origin, title=article.title, article_id=article.id,
        published=prepared.published, date_flagged=prepared.date_flagged, relevant=prepared.relevant,
        topics=tuple(topic.slug for topic in prepared.topics),
    )
