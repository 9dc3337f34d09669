"""GET /articles (the newest ingested articles) and GET /search?q= (events and articles, best first)."""
from __future__ import annotations

from aiohttp import web

from bot.briefing import search as dossier_search
from bot.briefing.articles import latest_articles
from bot.briefing.topics import list_topics
from bot.web.keys import ENGINE, SEARCH_CACHE
from bot.web.pages.language import page_language
from bot.web.pages.params import page_index
from bot.web.pages.templating import render
from storage.db import open_session

ARTICLES_PER_PAGE = 20
SEARCH_EVENTS = 20
SEARCH_ARTICLES = 20
MAX_QUERY_PARAM = 1000  # read no further; the search itself keeps MAX_QUERY_CHARS of it


async def articles(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    async with open_session(request.app[ENGINE]) as session:
        topics = await list_topics(session, lang=lang)
        names = {tv.slug: tv.name for tv in topics}
        topic = request.query.get("topic") if request.query.get("topic") in names else None
        found = await latest_articles(session, page=page_index(request), topic=topic, page_size=ARTICLES_PER_PAGE)
    return render(request, "articles.html", nav="articles", found=found, topic_names=names,
                  ignored=bool(request.query.get("topic")) and topic is None)


async def search(request: web.Request) -> web.Response:
    """The bot's /search ranking: the same service, both searches at once on two connections."""
    lang = page_language(request).lang
    query = dossier_search.printable(request.query.get("q", "")[:MAX_QUERY_PARAM]).strip()
    results = None
    engine = request.app[ENGINE]
    async with open_session(engine) as session:
        topics = await list_topics(session, lang=lang)
        if query:
            async with open_session(engine) as articles_session:
                results = await dossier_search.search_dossier(
                    session, query=query, lang=lang, events_limit=SEARCH_EVENTS, articles_limit=SEARCH_ARTICLES,
                    articles_session=articles_session, cache=request.app[SEARCH_CACHE])
    return render(request, "search.html", nav="search", query=query, results=results,
                  topic_names={tv.slug: tv.name for tv in topics})
