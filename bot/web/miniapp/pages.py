"""The Mini App's pages: every public page again under /app in Telegram's theme, and "My pushes"."""
from __future__ import annotations

from aiohttp import web

from bot.briefing.timezones import COMMON, all_timezones
from bot.briefing.topics import list_topics
from bot.render.i18n import CATALOGS
from bot.render.settings import LANGUAGE_NAMES
from bot.render.web_links import APP_PREFIX, PUSHES_PATH
from bot.web.keys import ENGINE
from bot.web.miniapp import api
from bot.web.pages.language import page_language
from bot.web.pages.static_files import PREFIX as STATIC_PREFIX
from bot.web.pages.templating import IN_APP, render
from storage.db import open_session

PAGES_PACKAGE = "bot.web.pages."


def add_routes(web_app: web.Application) -> None:
    """Call after the public pages are registered: each gets its twin under /app."""
    for route in list(web_app.router.routes()):
        path = route.resource.canonical if route.resource else ""
        if (route.method == "GET" and route.handler.__module__.startswith(PAGES_PACKAGE)
                and not path.startswith(STATIC_PREFIX)):
            web_app.router.add_get(APP_PREFIX + (path if path != "/" else ""), in_app(route.handler))
    web_app.router.add_get(APP_PREFIX + PUSHES_PATH, in_app(pushes))
    api.add_routes(web_app)


def in_app(handler):
    """The page `handler` serves, as the Mini App shows it: Telegram's script and theme, links under /app."""
    async def page_in_app(request: web.Request) -> web.StreamResponse:
        request[IN_APP] = True
        return await handler(request)
    return page_in_app


async def pushes(request: web.Request) -> web.Response:
    """The form; its values come from the API once the page has Telegram's init data."""
    lang = page_language(request).lang
    async with open_session(request.app[ENGINE]) as session:
        topics = await list_topics(session, lang=lang)
    return render(request, "pushes.html", nav="pushes", api=api.PATH, topics=topics,
                  weekdays=CATALOGS[lang].WEEKDAYS, common_zones=COMMON,
                  all_zones=[zone for zone in all_timezones() if zone not in COMMON], languages=LANGUAGE_NAMES)
