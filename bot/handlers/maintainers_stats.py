"""/stats and /audit: the bot's health and the latest changes."""
from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import db_session, now, send
from bot.maintenance import audit, stats
from bot.render.i18n import t
from bot.render.maint_reports import audit_reply, stats_reply
from bot.render.reply import Reply

DEFAULT_AUDIT = 10


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """Chats, subscribers, deliveries, outbox, feeds, database size."""
    async with db_session(context) as session:
        found = await stats.collect(session, now=now(context))
    await send(update, stats_reply(lang, found))


async def audit_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/audit [n]: the latest n changes (10 unless asked), who, when, what, before and after."""
    args = context.args
    wanted = int(args[0]) if len(args) == 1 and re.fullmatch(r"\d{1,3}", args[0]) else None
    if args and not (wanted and wanted <= audit.MAX_ENTRIES):
        await send(update, Reply(t(lang, "maint.audit.usage", max=audit.MAX_ENTRIES)))
        return
    async with db_session(context) as session:
        lines = await audit.latest(session, limit=wanted or DEFAULT_AUDIT)
    await send(update, audit_reply(lang, lines))
