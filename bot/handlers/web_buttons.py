"""The "Open" button under replies that have a web page, when PUBLIC_URL is set (else replies stay as they are)."""
from __future__ import annotations

from dataclasses import replace

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import settings_of
from bot.render.reply import Reply
from bot.render.web_links import open_button


def with_open_button(reply: Reply, update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str,
                     path: str) -> Reply:
    """`reply` with a last row opening the page at `path`: in the Mini App in a private chat, a link elsewhere."""
    public_url = settings_of(context).public_url
    if not public_url:
        return reply
    private = update.effective_chat is not None and update.effective_chat.type == "private"
    return replace(reply, buttons=reply.buttons + ((open_button(lang, public_url, path, private=private),),))
