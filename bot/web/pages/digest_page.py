"""GET /digests/<key>: the whole of a digest sent to a channel or group (every article and event),
in the language it was sent in unless the reader asks for another (?lang=)."""
from __future__ import annotations

from aiohttp import web

from bot.briefing.digest_pages import load_page, page_language_of
from bot.web.keys import ENGINE
from bot.web.pages.language import OWN_LANGUAGE, page_language
from bot.web.pages.templating import render
from storage.db import open_session

NOT_CACHED = "private, no-store"  # an unlisted page: no shared cache keeps it


async def digest(request: web.Request) -> web.Response:
    key = request.match_info["key"]
    async with open_session(request.app[ENGINE]) as session:
        own = await page_language_of(session, key=key)
        if own is None:
            return _unlisted(render(request, "digest.html", status=404, shared=None, title=None))
        request[OWN_LANGUAGE] = own
        shared = await load_page(session, key=key, lang=page_language(request).lang)
    title = shared.digest.window.until.date()
    return _unlisted(render(request, "digest.html", shared=shared, title=title))


def _unlisted(response: web.Response) -> web.Response:
    response.headers["Cache-Control"] = NOT_CACHED
    response.headers["X-Robots-Tag"] = "noindex"
    return response


def add_routes(web_app: web.Application) -> None:
    web_app.router.add_get("/digests/{key}", digest)
