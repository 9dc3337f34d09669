"""The public pages: one route per page, registered on the bot's web application."""
from __future__ import annotations

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.briefing.search_cache import SearchCache
from bot.config import Settings
from bot.web.keys import ENGINE, SEARCH_CACHE, SETTINGS
from bot.web.pages import chart_page, dossier_page, entry_pages, reading_pages, timeline_page
from bot.web.pages.keys import DOSSIER
from bot.web.pages.page_cache import PAGES, PageCache, serve_kept_pages
from bot.web.pages.static_files import PREFIX, StaticFiles
from bot.web.pages.templating import TEMPLATES, make_environment
from storage.seed_schema import DossierMeta


def add_routes(web_app: web.Application, *, dossier: DossierMeta) -> None:
    static = StaticFiles()
    web_app[TEMPLATES] = make_environment(static)
    web_app[DOSSIER] = dossier
    web_app[timeline_page.KEPT_YEARS] = timeline_page.KeptYears()
    web_app[PAGES] = PageCache(web_app[SETTINGS].page_cache_seconds)
    web_app.middlewares.append(serve_kept_pages)
    web_app.router.add_get(PREFIX + "{name}", static.serve)
    web_app.router.add_get("/", dossier_page.dossier)
    web_app.router.add_get("/timeline", timeline_page.timeline)
    web_app.router.add_get("/events/{slug}", entry_pages.event)
    web_app.router.add_get("/topics/{slug}", entry_pages.topic)
    web_app.router.add_get("/articles", reading_pages.articles)
    web_app.router.add_get("/search", reading_pages.search)
    web_app.router.add_get("/chart", chart_page.chart)


def pages_app(settings: Settings, engine: AsyncEngine, dossier: DossierMeta) -> web.Application:
    """The pages alone, without a bot: for the browser tests and the benchmark."""
    web_app = web.Application()
    web_app[SETTINGS], web_app[ENGINE], web_app[SEARCH_CACHE] = settings, engine, SearchCache()
    add_routes(web_app, dossier=dossier)
    return web_app
