"""GET /events/<slug> (an event's permalink) and GET /topics/<slug> (a topic's card); 404 for unknown slugs."""
from __future__ import annotations

from aiohttp import web

from bot.briefing.events import events_by_slugs
from bot.briefing.topics import list_topics, topic_card
from bot.render.entries import one_line
from bot.web.keys import ENGINE
from bot.web.pages.language import page_language
from bot.web.pages.templating import render
from storage.db import open_session

OG_DESCRIPTION_CHARS = 200
MAX_SLUG = 80  # storage's limit: a longer slug cannot be stored, so is not looked up


async def event(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    slug = request.match_info["slug"]
    async with open_session(request.app[ENGINE]) as session:
        found = await events_by_slugs(session, slugs=[slug], lang=lang) if len(slug) <= MAX_SLUG else []
        topics = await list_topics(session, lang=lang) if found else []
    if not found:
        return not_found(request)
    shown = found[0]
    return render(request, "event.html", nav="timeline", event=shown, topic_names={tv.slug: tv.name for tv in topics},
                  og_description=one_line(shown.summary, OG_DESCRIPTION_CHARS))


async def topic(request: web.Request) -> web.Response:
    lang = page_language(request).lang
    slug = request.match_info["slug"]
    async with open_session(request.app[ENGINE]) as session:
        card = await topic_card(session, slug=slug, lang=lang) if len(slug) <= MAX_SLUG else None
    if card is None:
        return not_found(request)
    paragraphs = [p.strip() for p in card.card.split("\n\n") if p.strip()]
    return render(request, "topic.html", card=card, paragraphs=paragraphs,
                  og_description=one_line(card.tagline, OG_DESCRIPTION_CHARS))


def not_found(request: web.Request) -> web.Response:
    return render(request, "not_found.html", status=404)
