"""What every handler needs: a session, the reader's language, the clock, and sending replies."""
from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Message, Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes

from bot.briefing.chats import get_chat, pick_language
from bot.config import Settings
from bot.render.html import split_message
from bot.render.keyboards import to_markup
from bot.render.reply import Reply
from storage.db import open_session

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


async def reader(session: AsyncSession, update: Update, context) -> tuple[str, ZoneInfo]:
    """The chat's language and timezone: stored settings, else Telegram's language_code and defaults."""
    settings = settings_of(context)
    chat = await get_chat(session, chat_id=update.effective_chat.id) if update.effective_chat else None
    if chat is not None:
        return chat.language, ZoneInfo(chat.timezone)
    user = update.effective_user
    lang = pick_language(user.language_code if user else None, settings.default_language)
    return lang, ZoneInfo(settings.default_timezone)


async def send(update: Update, reply: Reply) -> Message:
    """Send `reply` to the update's chat, split at paragraphs; buttons go on the last part."""
    parts = split_message(reply.text)
    message = update.effective_message
    sent = None
    for i, part in enumerate(parts):
        markup = to_markup(reply.buttons) if i == len(parts) - 1 else None
        sent = await message.reply_text(part, reply_markup=markup, do_quote=False)
    return sent


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
