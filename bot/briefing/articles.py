"""Ingested articles as readers see them: newest first, optionally for one topic."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.views import ArticleView
from storage.models import Article, ArticleTopic, Topic

PAGE_SIZE = 5


@dataclass(frozen=True)
class ArticlePage:
    entries: tuple[ArticleView, ...]
    page: int
    pages: int
    total: int
    topic: str | None


async def article_views(session: AsyncSession, *, articles: list[Article]) -> list[ArticleView]:
    ids = [a.id for a in articles]
    topics: dict[int, list[str]] = defaultdict(list)
    if ids:
        rows = await session.exec(
            select(ArticleTopic.article_id, Topic.slug).join(Topic, Topic.id == ArticleTopic.topic_id)
            .where(ArticleTopic.article_id.in_(ids)).order_by(ArticleTopic.score.desc())
        )
        for article_id, slug in rows.all():
            topics[article_id].append(slug)
    return [
        ArticleView(a.id, a.title, a.outlet, a.published_at, a.summary, a.url, tuple(topics[a.id]))
        for a in articles
    ]


async def latest_articles(
    session: AsyncSession, *, page: int = 0, topic: str | None = None, page_size: int = PAGE_SIZE
) -> ArticlePage:
    """Relevant articles, newest first; `topic` narrows to one topic's articles."""
    query = select(Article).where(Article.relevant == True)  # noqa: E712
    if topic:
        query = query.join(ArticleTopic, ArticleTopic.article_id == Article.id).join(
            Topic, Topic.id == ArticleTopic.topic_id).where(Topic.slug == topic)
    total = (await session.exec(select(func.count()).select_from(query.subquery()))).one()
    pages = max(1, math.ceil(total / page_size))
    page = min(max(page, 0), pages - 1)
    rows = (await session.exec(
        query.order_by(Article.published_at.desc(), Article.id.desc()).offset(page * page_size).limit(page_size)
    )).all()
    return ArticlePage(tuple(await article_views(session, articles=list(rows))), page, pages, total, topic)
