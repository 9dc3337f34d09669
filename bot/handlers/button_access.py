"""Where each kind of button may be pressed: a guard per handler, applied once where it is registered.

Callback data comes from the person's client, not from Telegram: any button data may arrive on any of
the bot's messages, in any chat. Each handler module therefore says in which chat types its buttons
work; a press elsewhere gets a short alert in the presser's language and changes nothing.
"""
from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Collection

from telegram import Update
from telegram.ext import ContextTypes

from bot.briefing.chats import get_chat, pick_language
from bot.handlers.common import db_session, settings_of
from bot.render.i18n import t

PRIVATE = frozenset({"private"})
PEOPLE = frozenset({"private", "group", "supergroup"})  # not channels: nobody there asked the bot anything

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]


async def presser_language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    """The language of the person who pressed: their private chat's, else Telegram's, else the default."""
    user = update.effective_user
    async with db_session(context) as session:
        own = await get_chat(session, chat_id=user.id) if user else None
    if own is not None:
        return own.language
    return pick_language(user.language_code if user else None, settings_of(context).default_language)


async def refuse(update: Update, context: ContextTypes.DEFAULT_TYPE, key: str) -> None:
    """An alert to the presser only; the message and the database stay as they were."""
    await update.callback_query.answer(t(await presser_language(update, context), key), show_alert=True)


def buttons_in(chat_types: Collection[str], key: str = "access.button_not_here") -> Callable[[Handler], Handler]:
    """Let presses through only in `chat_types`; elsewhere answer `key` as an alert."""
    def wrap(callback: Handler) -> Handler:
        @functools.wraps(callback)
        async def guarded(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            chat = update.effective_chat
            if chat is None or chat.type not in chat_types:  # None: a button under an inline message
                await refuse(update, context, key)
                return
            await callback(update, context)
        return guarded
    return wrap
