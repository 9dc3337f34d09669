"""Searching the dossier's events and the ingested articles, best first."""
from __future__ import annotations

import asyncio
import functools
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import TextualSelect
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.articles import article_columns, article_of
from bot.briefing.events import view_columns, view_of
from bot.briefing.search_cache import SearchCache
from bot.briefing.views import ArticleView, EventView
from bot.metrics import SEARCHES
from storage.driver_rows import plain_rows
from storage.models import Article, Event
from storage.search import query_terms, ranked, search_generation

MAX_QUERY_CHARS = 200
Found = TypeVar("Found")  # EventView or ArticleView


@dataclass(frozen=True)
class SearchResults:
    query: str
    terms: tuple[str, ...]  # stems searched for; renderers highlight words with these stems
    events: tuple[EventView, ...]
    articles: tuple[ArticleView, ...]

    @property
    def empty(self) -> bool:
        return not self.events and not self.articles


def printable(query: str) -> str:
    """`query` with control and format characters (NUL, zero-width ...) as spaces.

    PostgreSQL refuses a NUL in a text parameter outright; none of them is a word to search for.
    """
    return "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in query)


async def search_dossier(
    session: AsyncSession, *, query: str, lang: str, events_limit: int = 5, articles_limit: int = 5,
    articles_session: AsyncSession | None = None, cache: SearchCache | None = None,
) -> SearchResults:
    """Events and articles for `query`, best first.

    With `articles_session` (a second connection) the two searches run at the
    same time, so the reader waits for the slower one instead of both in turn.
    With `cache`, a search made before and still current costs one small
    statement: results are kept under the search generation their statements
    saw (bot/briefing/search_cache.py). A search the cache does not hold is
    ranked at once: its statements read the generation themselves.
    """
    query = printable(query).strip()[:MAX_QUERY_CHARS]
    terms = tuple(query_terms(query))
    if not terms:
        return SearchResults(query, terms, (), ())
    key = (query, lang, events_limit, articles_limit)
    if cache is not None and cache.holds(key):
        if (found := cache.get(key, await search_generation(session))) is not None:
            SEARCHES.labels("cached").inc()
            return SearchResults(query, terms, *found)
    SEARCHES.labels("ranked").inc()
    events, articles, generation = await _search_both(
        session, articles_session, query=query, lang=lang, events_limit=events_limit, articles_limit=articles_limit)
    if cache is not None and generation is not None:
        cache.put(key, generation, (events, articles))
    return SearchResults(query, terms, events, articles)


async def _search_both(
    session: AsyncSession, articles_session: AsyncSession | None, *, query: str, lang: str, events_limit: int,
    articles_limit: int,
) -> tuple[tuple[EventView, ...], tuple[ArticleView, ...], int | None]:
    """Both kinds' results and the lowest search generation their statements saw (None when neither ran).

    The lowest: a change committed between the two statements is seen by the later one only, so the
    results as a whole are current only as of the earlier one's generation. Kept under it, they are
    not served once anyone has read a later generation.
    """
    find_events = search_events(session, query=query, lang=lang, limit=events_limit)
    find_articles = search_articles(articles_session or session, query=query, limit=articles_limit)
    if articles_session is not None and articles_limit > 0:
        # Both run to the end before the first error, if any, is raised: neither is left running on
        # a connection its caller is about to close.
        done = await asyncio.gather(find_events, find_articles, return_exceptions=True)
        for outcome in done:
            if isinstance(outcome, BaseException):
                raise outcome
        (events, seen_events), (articles, seen_articles) = done
    else:
        (events, seen_events), (articles, seen_articles) = await find_events, await find_articles
    seen = [generation for generation in (seen_events, seen_articles) if generation is not None]
    return tuple(events), tuple(articles), min(seen, default=None)


async def search_events(session: AsyncSession, *, query: str, lang: str,
                        limit: int) -> tuple[list[EventView], int | None]:
    """The best `limit` visible events for `query`, with topics and sources, and the search generation
    the statement saw (None when it did not run): one statement."""
    found = ranked(session, query=query, kind="event", limit=limit, with_generation=True)
    if found is None or limit <= 0:
        return [], None
    return await _found(session, _events_by_rank(found.statement, lang), found.params, view_of)


async def search_articles(session: AsyncSession, *, query: str, limit: int) -> tuple[list[ArticleView], int | None]:
    """The best `limit` articles for `query`, with topics, and the search generation the statement saw
    (None when it did not run): one statement."""
    found = ranked(session, query=query, kind="article", limit=limit, with_generation=True)
    if found is None or limit <= 0:
        return [], None
    return await _found(session, _articles_by_rank(found.statement), found.params, article_of)


async def _found(session: AsyncSession, statement, params: dict,
                 view: Callable[[Any], Found]) -> tuple[list[Found], int]:
    """The views of a ranked statement's rows and the generation it saw (storage.search.ranked with the
    generation: always one row, whose id is NULL when nothing matched)."""
    rows = await _rows(session, statement, params)
    return [view(r) for r in rows if r.id is not None], rows[0].generation


async def _rows(session: AsyncSession, statement, params: dict) -> Sequence:
    """The statement's rows, run on the session's connection: plain columns need none of the ORM's
    handling of entities, which cost 0.1-0.2 ms a search on top of the statements, and the driver runs
    them itself, without SQLAlchemy's execute (storage/driver_rows.py)."""
    return await plain_rows(await session.connection(), statement, params)


# Built once per ranked statement (storage.search makes one per database, kind and, on SQLite, number of
# query words) and language: a search then costs SQLAlchemy a cache lookup, not a new statement. The hits
# come first and are joined OUTER: their one row with the generation and no match stays (ranked()).
@functools.lru_cache(maxsize=128)
def _events_by_rank(ranked_hits: TextualSelect, lang: str):
    hits = ranked_hits.subquery("hits")
    return (select(*view_columns(lang), hits.c.generation).select_from(hits)
            .outerjoin(Event, hits.c.id == Event.id)
            .order_by(hits.c.rank.desc(), Event.date.desc(), Event.id.desc()))


@functools.lru_cache(maxsize=128)
def _articles_by_rank(ranked_hits: TextualSelect):
    hits = ranked_hits.subquery("hits")
    return (select(*article_columns(), hits.c.generation).select_from(hits)
            .outerjoin(Article, hits.c.id == Article.id)
            .order_by(hits.c.rank.desc(), Article.published_at.desc(), Article.id.desc()))
