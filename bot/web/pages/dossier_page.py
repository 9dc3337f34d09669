"""GET /: the dossier's title and description, its topics and the newest events."""
from __future__ import annotations

from aiohttp import web

from bot.briefing.timeline import TimelineFilter, timeline_page
from bot.briefing.topics import list_topics
from bot.web.keys import ENGINE
from bot.web.pages.keys import DOSSIER
from bot.web.pages.language import page_language
from bot.web.pages.templating import render
from storage.db import open_session

NEWEST_EVENTS = 5


async def dossier(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    async with open_session(request.app[ENGINE]) as session:
        topics = await list_topics(session, lang=lang)
        newest = await timeline_page(session, lang=lang, filter=TimelineFilter(), page_size=NEWEST_EVENTS)
    meta = request.app[DOSSIER]
    return render(request, "dossier.html", title=getattr(meta.title, lang),
                  description=getattr(meta.description, lang), topics=topics, events=newest.entries,
                  topic_names={tv.slug: tv.name for tv in topics})
