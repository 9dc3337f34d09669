"""Unexpected errors: logged with the update's ids, answered with an apology, the bot keeps running."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import ContextTypes

from bot import metrics
from bot.briefing.chats import pick_language
from bot.handlers.common import settings_of
from bot.render.i18n import t

log = logging.getLogger(__name__)


def update_summary(update: object) -> str:
    """The update's ids and command only: what people wrote stays out of the logs."""
    if not isinstance(update, Update):
        return type(update).__name__
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    command = None
    if update.callback_query is not None:
        command = "button " + (update.callback_query.data or "").split("|", 1)[0][:8]
    elif message is not None and (message.text or "").startswith("/"):
        command = message.text.split(None, 1)[0][:40]
    return (f"update {update.update_id} chat {chat.id if chat else None} user {user.id if user else None} "
            f"command {command}")


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its update's ids; tell the person something went wrong, in their language."""
    log.error("error while handling %s", update_summary(update), exc_info=context.error)
    metrics.mark_update("error")
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(context.error, Forbidden):
        return  # blocked or removed: nobody to apologise to
    user = update.effective_user
    lang = pick_language(user.language_code if user else None, settings_of(context).default_language)
    try:
        if update.callback_query:
            await update.callback_query.answer(t(lang, "error"), show_alert=True)
        else:
            await context.bot.send_message(update.effective_chat.id, t(lang, "error"))
    except (NetworkError, Forbidden) as exc:
        log.warning("could not send the apology: %s", exc)


def register(app) -> None:
    app.add_error_handler(on_error)
