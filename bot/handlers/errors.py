"""Unexpected errors: logged with the update, answered with an apology, the bot keeps running."""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError
from telegram.ext import ContextTypes

from bot.briefing.chats import pick_language
from bot.handlers.common import settings_of
from bot.render.i18n import t

log = logging.getLogger(__name__)


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure with its update; tell the person something went wrong, in their language."""
    log.error("error while handling update %s", update.to_dict() if isinstance(update, Update) else update,
              exc_info=context.error)
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
