"""The "more" button under a digest: the rest of its articles, a page at a time."""
from __future__ import annotations

import asyncio

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, ContextTypes

from bot.briefing import digests
from bot.handlers.common import db_session, now, reader, send, send_to, topics_in
from bot.render.i18n import t
from bot.render.push_callbacks import DIGEST_PATTERN, DigestRef, decode_push
from bot.render.pushes import digest_page_reply


async def digest_more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the next page of the digest's articles below it; the digest itself stays as it was."""
    query = update.callback_query
    ref = decode_push(query.data or "")
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        if not isinstance(ref, DigestRef) or ref.page < 1 or not digests.valid_span(ref.after_id, ref.upto_id):
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        private = update.effective_chat.type == "private"
        answered = asyncio.create_task(query.answer()) if private else None
        topic_list = await topics_in(session, context, lang)
        topics = await digests.topic_slugs(session, ids=ref.topics)
        moment = now(context)
        win = digests.Window(ref.after_id, ref.upto_id, moment, moment)  # articles only: events are in the digest
        sections, pages = await digests.digest_page(session, topics=topics, win=win, page=ref.page,
                                                    topic_order=tuple(tv.slug for tv in topic_list))
    reply = digest_page_reply(lang, sections, {tv.slug: tv.name for tv in topic_list}, ref=ref, pages=pages)
    if private:
        await send(update, reply)
        await answered
        return
    # Under a channel or group post the rest goes to the reader privately, not to everyone.
    try:
        await send_to(context.bot, query.from_user.id, reply)
    except Forbidden:  # the reader never opened a chat with the bot
        await query.answer(t(lang, "digest.start_bot_first", bot=context.bot.username), show_alert=True)
        return
    await query.answer(t(lang, "digest.sent_privately"))


def register(app) -> None:
    app.add_handler(CallbackQueryHandler(digest_more, pattern=DIGEST_PATTERN))
