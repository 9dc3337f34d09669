"""A tiny PTB application used by the fake's own tests — and a wiring example.

    app = build_demo_application(fake)
    async with running_application(app):
        ...
"""

from __future__ import annotations

import html
import struct
import zlib
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InlineQueryResultArticle, \
    InputTextMessageContent, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application, CallbackQueryHandler, ChatMemberHandler, CommandHandler, ContextTypes, InlineQueryHandler,
    MessageHandler, filters,
)

from .driver import FakeBotApi
from .fixtures import build_application

Ctx = ContextTypes.DEFAULT_TYPE


def make_png(width: int = 4, height: int = 3) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x80\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


async def start(update: Update, context: Ctx) -> None:
    name = html.escape(update.effective_user.first_name)
    await update.effective_message.reply_html(f"<b>Привет</b>, {name}!")


async def menu(update: Update, context: Ctx) -> None:
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Today", callback_data="brief:today"),
                                      InlineKeyboardButton("Site", url="https://example.com")]])
    await update.effective_message.reply_text("Choose a briefing", reply_markup=keyboard)


async def on_button(update: Update, context: Ctx) -> None:
    query = update.callback_query
    await query.answer("Loading…")
    await query.edit_message_text(f"<i>You chose</i> {html.escape(query.data)}", parse_mode=ParseMode.HTML)


MANUAL_QUERY = "manual:"


async def on_inline(update: Update, context: Ctx) -> None:
    # A test that answers a query itself must not race this handler for it.
    if update.inline_query.query.startswith(MANUAL_QUERY):
        return
    text = f"<b>{html.escape(update.inline_query.query)}</b>"
    await update.inline_query.answer(
        [InlineQueryResultArticle(id="r1", title="Briefing",
                                  input_message_content=InputTextMessageContent(text, parse_mode="HTML"))],
        cache_time=0,
    )


async def on_my_chat_member(update: Update, context: Ctx) -> None:
    context.bot_data.setdefault("my_chat_member", []).append(
        (update.my_chat_member.chat.id, update.my_chat_member.new_chat_member.status))


async def on_channel_post(update: Update, context: Ctx) -> None:
    context.bot_data.setdefault("channel_posts", []).append(update.channel_post.text)


async def on_text(update: Update, context: Ctx) -> None:
    message = update.effective_message
    origin = message.forward_origin
    if origin is not None:
        await message.reply_text(f"forwarded from {origin.chat.id}/{origin.message_id}")
    else:
        await message.reply_text(message.text)


def build_demo_application(fake: FakeBotApi, **builder_options: Any) -> Application:
    """/start (HTML greeting), /menu (inline keyboard), button -> answer + edit, inline
    answers (except to queries starting with MANUAL_QUERY), echo / forward report, and
    my_chat_member / channel_post recorders in bot_data."""
    application = build_application(fake, **builder_options)
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("menu", menu))
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_handler(InlineQueryHandler(on_inline))
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POST, on_channel_post))
    application.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, on_text))
    return application
