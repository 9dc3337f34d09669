"""Inline mode: `@bot <words>` offers matching timeline events as shareable messages."""
from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, InputTextMessageContent
from telegram import Update
from telegram.ext import ContextTypes, InlineQueryHandler

from bot.briefing import chats, search, timeline
from bot.handlers.common import db_session, search_cache, settings_of
from bot.render.entries import event_html, one_line
from bot.render.html import MAX_MESSAGE, split_message
from bot.render.i18n import format_date, t
from bot.render.web_links import event_path, page_url

MAX_RESULTS = 10


async def inline_query(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Matching events (or the newest ones for an empty query), each as an article result."""
    query = update.inline_query
    lang = chats.pick_language(query.from_user.language_code, settings_of(context).default_language)
    public_url = settings_of(context).public_url
    text = search.printable(query.query).strip()[: search.MAX_QUERY_CHARS]
    async with db_session(context) as session:
        if text:
            events = (await search.search_dossier(session, query=text, lang=lang, events_limit=MAX_RESULTS,
                                                  articles_limit=0, cache=search_cache(context))).events
        else:
            events = (await timeline.timeline_page(session, lang=lang, filter=timeline.TimelineFilter(),
                                                   page_size=MAX_RESULTS)).entries
    results = [
        InlineQueryResultArticle(
            id=f"ev{event.id}",
            title=f"{format_date(lang, event.date, event.precision)} · {event.title}"[:200],
            description=one_line(event.summary, 120),
            input_message_content=InputTextMessageContent(split_message(event_html(lang, event), MAX_MESSAGE)[0]),
            reply_markup=_event_link(lang, public_url, event.slug),
        )
        for event in events
    ]
    await query.answer(results, cache_time=60, is_personal=False)


def _event_link(lang: str, public_url: str | None, slug: str) -> InlineKeyboardMarkup | None:
    """The shared message links the event's page (a plain link: it lands in chats of any kind)."""
    if not public_url:
        return None
    return InlineKeyboardMarkup([[InlineKeyboardButton(t(lang, "miniapp.button_open_event"),
                                                       url=page_url(public_url, event_path(slug)))]])


def register(app) -> None:
    app.add_handler(InlineQueryHandler(inline_query))
