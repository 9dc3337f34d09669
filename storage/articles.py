"""Queries over stored articles: duplicate lookups, inserts with topics and index, sightings.

Keyword-only and never committing: the caller owns the transaction, so an
article, its topics, its search entry and its sighting land together or not
at all. Nothing here loads more than a bounded handful of rows.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from sqlalchemy import delete, or_
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.indexing import index_article
from storage.models import Article, ArticleSighting, ArticleTopic, Topic

# More candidates than this sharing a band means the bands carry no information
# (e.g. thousands of near-empty texts); the closest of the first ones is enough.
MAX_NEAR_CANDIDATES = 500
BAND_COLUMNS = (Article.band0, Article.band1, Article.band2, Article.band3)


async def find_by_url_key(session: AsyncSession, *, url_key: str) -> Article | None:
    """The article stored under this normalised URL."""
    return (await session.exec(select(Article).where(Article.url_key == url_key))).first()


async def find_sighted_url_key(session: AsyncSession, *, url_key: str) -> Article | None:
    """The article a duplicate arriving from this normalised URL was linked to."""
    query = (
        select(Article).join(ArticleSighting, ArticleSighting.article_id == Article.id)
        .where(ArticleSighting.url_key == url_key).order_by(ArticleSighting.id).limit(1)
    )
    return (await session.exec(query)).first()


async def find_by_content_hash(session: AsyncSession, *, content_hash: str) -> Article | None:
    """The oldest stored article with exactly these words."""
    query = select(Article).where(Article.content_hash == content_hash).order_by(Article.id).limit(1)
    return (await session.exec(query)).first()


async def near_duplicate_candidates(
    session: AsyncSession, *, probes: tuple[Iterable[int], ...], limit: int = MAX_NEAR_CANDIDATES
) -> list[tuple[int, int]]:
    """(id, simhash) of articles whose band i takes a value of probes[i] for some i.

    `probes` comes from `fingerprint.band_probes`; the caller checks the
    Hamming distance of the few candidates.
    """
    clauses = [column.in_(sorted(values)) for column, values in zip(BAND_COLUMNS, probes) if values]
    if not clauses:
        return []
    query = select(Article.id, Article.simhash).where(or_(*clauses)).order_by(Article.id).limit(limit)
    return [(row[0], row[1]) for row in (await session.exec(query)).all()]


async def known_url_keys(session: AsyncSession, *, url_keys: Iterable[str]) -> set[str]:
    """Those of `url_keys` already stored, as an article's URL or a duplicate's."""
    keys = sorted(set(url_keys))
    known: set[str] = set()
    for start in range(0, len(keys), 500):  # keep each IN list small
        chunk = keys[start:start + 500]
        known.update((await session.exec(select(Article.url_key).where(Article.url_key.in_(chunk)))).all())
        known.update((await session.exec(
            select(ArticleSighting.url_key).where(ArticleSighting.url_key.in_(chunk)))).all())
    return known


async def topic_ids(session: AsyncSession, *, slugs: Iterable[str]) -> dict[str, int]:
    wanted = list(slugs)
    if not wanted:
        return {}
    rows = await session.exec(select(Topic.slug, Topic.id).where(Topic.slug.in_(wanted)))
    return {slug: topic_id for slug, topic_id in rows.all()}


async def _set_topics(session: AsyncSession, article_id: int, scores: Mapping[str, float]) -> None:
    ids = await topic_ids(session, slugs=scores)
    for slug, topic_id in ids.items():
        session.add(ArticleTopic(article_id=article_id, topic_id=topic_id, score=scores[slug]))


async def insert_article(session: AsyncSession, *, article: Article, topic_scores: Mapping[str, float]) -> Article:
    """Add `article` with its topics (by slug; unknown slugs are skipped) and its search entry."""
    session.add(article)
    await session.flush()  # the id, for the links and the index
    await _set_topics(session, article.id, topic_scores)
    await index_article(session, article)
    await session.flush()
    return article


async def replace_article(
    session: AsyncSession, *, article: Article, changes: Mapping[str, object], topic_scores: Mapping[str, float]
) -> Article:
    """Update a stored article in place (an edited version): columns, topics and search entry."""
    for name, value in changes.items():
        setattr(article, name, value)
    session.add(article)
    await session.exec(delete(ArticleTopic).where(ArticleTopic.article_id == article.id))
    await session.flush()
    await _set_topics(session, article.id, topic_scores)
    await index_article(session, article)
    await session.flush()
    return article


async def record_sighting(
    session: AsyncSession, *, article_id: int, origin: str, seen_at: dt.datetime,
    url_key: str | None = None, matched_by: str | None = None,
) -> ArticleSighting:
    """One arrival of an article: the first (matched_by None) or a duplicate linked to it."""
    sighting = ArticleSighting(
        article_id=article_id, origin=origin[:2000], url_key=url_key, duplicate=matched_by is not None,
        matched_by=matched_by, seen_at=seen_at,
    )
    session.add(sighting)
    return sighting


async def article_topic_slugs(session: AsyncSession, *, article_id: int) -> list[str]:
    """The article's topics, best score first."""
    rows = await session.exec(
        select(Topic.slug).join(ArticleTopic, ArticleTopic.topic_id == Topic.id)
        .where(ArticleTopic.article_id == article_id).order_by(ArticleTopic.score.desc(), Topic.slug)
    )
    return list(rows.all())
