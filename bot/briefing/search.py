"""Searching the dossier's events and the ingested articles, best first."""
from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.articles import article_views
from bot.briefing.events import events_by_ids
from bot.briefing.views import ArticleView, EventView
from storage.models import Article
from storage.search import query_terms, search

MAX_QUERY_CHARS = 200


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple[str, ...]  # stems searched for; renderers highlight words with these stems
    events: tuple[EventView, ...]
    articles: tuple[ArticleView, ...]

    @property
    def empty(self) -> bool:
        return not self.events and not self.articles


async def search_dossier(
    session: AsyncSession, *, query: str, lang: str, events_limit: int = 5, articles_limit: int = 5
) -> SearchResults:
    query = query.strip()[:MAX_QUERY_CHARS]
    terms = tuple(query_terms(query))
    if not terms:
        return SearchResults(query, terms, (), ())
    event_hits = await search(session, query=query, kind="event", limit=events_limit)
    article_hits = await search(session, query=query, kind="article", limit=articles_limit)
    events = await events_by_ids(session, ids=[h.ref_id for h in event_hits], lang=lang)
    articles: list[ArticleView] = []
    if article_hits:
        rows = (await session.exec(select(Article).where(Article.id.in_([h.ref_id for h in article_hits])))).all()
        by_id = {a.id: a for a in rows}
        articles = await article_views(session, articles=[by_id[h.ref_id] for h in article_hits if h.ref_id in by_id])
    return SearchResults(query, terms, tuple(events), tuple(articles))
