"""Ingested articles as readers see them: newest first, optionally for one topic."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.paging import page_of
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
    found = await page_of(session, query, order_by=(Article.published_at.desc(), Article.id.desc()), page=page,
                          page_size=page_size)
    entries = await article_views(session, articles=found.rows)
    return ArticlePage(tuple(entries), found.page, found.pages, found.total, topic)
