"""What every handler needs: a session, the reader's language, the clock, and sending replies."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.briefing.chats import get_chat, pick_language, record_chat
from bot.briefing.search_cache import SearchCache, app_search_cache
from bot.briefing.topics import list_topics
from bot.briefing.views import TopicView
from bot.chat_settings_cache import known_chats, remember_chat_settings
from bot.fleet.changes import TOPICS, tell_replicas
from bot.config import Settings
from bot.render.html import split_message
from bot.render.keyboards import to_markup
from bot.render.reply import Reply
from storage.db import open_session, reading_session
from storage.models import Chat

Clock = Callable[[], dt.datetime]


def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data["settings"]


def now(context: ContextTypes.DEFAULT_TYPE) -> dt.datetime:
    clock: Clock = context.bot_data["clock"]
    return clock()


@asynccontextmanager
async def db_session(context: ContextTypes.DEFAULT_TYPE) -> AsyncIterator[AsyncSession]:
    engine: AsyncEngine = context.bot_data["engine"]
    async with open_session(engine) as session:
        yield session


@asynccontextmanager
async def lookup_session(context: ContextTypes.DEFAULT_TYPE) -> AsyncIterator[AsyncSession]:
    """A session for handlers that only read (reader commands): see storage.db.reading_session."""
    async with reading_session(context.bot_data["engine"]) as session:
        yield session


# A handler may take a second connection to do two lookups at once (/search: events and articles).
# Only a few at a time may: if every connection of the pool (15 by default) were held by handlers
# waiting for a second one, they would all wait for ever.
SPARE_SESSIONS = 4


def search_cache(context: ContextTypes.DEFAULT_TYPE) -> SearchCache:
    """The application's search results (bot/briefing/search_cache.py)."""
    return app_search_cache(context.bot_data)


def spare_sessions() -> asyncio.Semaphore:
    """The permits for second connections; one set per application (bot_data["spare_sessions"])."""
    return asyncio.Semaphore(SPARE_SESSIONS)


@asynccontextmanager
async def spare_session(context: ContextTypes.DEFAULT_TYPE) -> AsyncIterator[AsyncSession | None]:
    """A second session for lookups, or None when the permits are taken: the caller then does them in turn."""
    permits: asyncio.Semaphore = context.bot_data["spare_sessions"]
    if permits.locked():
        yield None
        return
    async with permits, lookup_session(context) as session:  # a free permit is taken without waiting
        yield session


# Every command needs the chat's language and the topics; both change rarely, so they are kept
# in memory in front of the database; a change on another replica is told (bot/fleet/changes.py).
TOPICS_TTL_SECONDS = 60.0
TOPICS_KEY = "topics"


def remember_chat(context: ContextTypes.DEFAULT_TYPE, chat: Chat) -> None:
    """Call after recording a chat or writing its language or timezone."""
    remember_chat_settings(context.bot_data, chat)


async def stored_chat(session: AsyncSession, update: Update, context, lang: str) -> Chat:
    """The update's chat as stored, recorded now (in `lang`, the default timezone) on first contact."""
    chat = update.effective_chat
    return await get_chat(session, chat_id=chat.id) or await record_chat(
        session, chat_id=chat.id, type=chat.type, title=chat.title or chat.full_name, username=chat.username,
        language=lang, timezone=settings_of(context).default_timezone, now=now(context))


async def reader(session: AsyncSession, update: Update, context) -> tuple[str, ZoneInfo]:
    """The chat's language and timezone: stored settings, else Telegram's language_code and defaults."""
    settings = settings_of(context)
    known = known_chats(context.bot_data)
    chat_id = update.effective_chat.id if update.effective_chat else None
    if chat_id is not None and chat_id not in known:
        chat = await get_chat(session, chat_id=chat_id)
        known[chat_id] = (chat.language, chat.timezone) if chat else None  # None: not recorded yet
    if known.get(chat_id):
        lang, tz = known[chat_id]
        return lang, ZoneInfo(tz)
    user = update.effective_user
    lang = pick_language(user.language_code if user else None, settings.default_language)
    return lang, ZoneInfo(settings.default_timezone)


async def topics_in(session: AsyncSession, context, lang: str) -> list[TopicView]:
    """The visible topics in `lang`, from memory for up to TOPICS_TTL_SECONDS."""
    cache: dict[str, tuple[float, list[TopicView]]] = context.bot_data.setdefault(TOPICS_KEY, {})
    cached = cache.get(lang)
    if cached and time.monotonic() - cached[0] < TOPICS_TTL_SECONDS:
        return cached[1]
    topics = await list_topics(session, lang=lang)
    cache[lang] = (time.monotonic(), topics)
    return topics


def forget_topics(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Call after a topic is added or edited."""
    context.bot_data[TOPICS_KEY] = {}
    tell_replicas(context.bot_data, TOPICS)


async def send(update: Update, reply: Reply) -> Message:
    """Send `reply` to the update's chat, split at paragraphs; buttons go on the last part."""
    parts = split_message(reply.text)
    message = update.effective_message
    sent = None
    for i, part in enumerate(parts):
        markup = to_markup(reply.buttons) if i == len(parts) - 1 else None
        sent = await message.reply_text(part, reply_markup=markup, do_quote=False)
    return sent


async def send_to(bot, chat_id: int, reply: Reply) -> None:
    """Send `reply` to a chat other than the update's (a private answer to a button in a channel)."""
    parts = split_message(reply.text)
    for i, part in enumerate(parts):
        await bot.send_message(chat_id, part, reply_markup=to_markup(reply.buttons) if i == len(parts) - 1 else None)


async def edit(update: Update, reply: Reply) -> None:
    """Replace the pressed message with `reply` (extra parts follow as new messages)."""
    parts = split_message(reply.text)
    query = update.callback_query
    for i, part in enumerate(parts):
        markup = to_markup(reply.buttons) if i == len(parts) - 1 else None
        if i == 0:
            try:
                await query.edit_message_text(part, reply_markup=markup)
            except BadRequest as exc:
                # Pressing the button of the page already shown changes nothing.
                if "not modified" not in str(exc).lower():
                    raise
        else:
            await query.message.reply_text(part, reply_markup=markup, do_quote=False)
