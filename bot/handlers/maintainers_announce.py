"""/announce: a maintainer drafts a message to all active subscribers (or one topic's), sees it exactly as
they will, confirms, and watches it go out through the delivery engine with a running count."""
from __future__ import annotations

import asyncio
import logging
import re

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import ContextTypes

from bot.delivery.lifecycle import wake_sender
from bot.handlers.common import db_session, edit, now, send, topics_in
from bot.maintenance import announcements, audit, drafts
from bot.render.announce import (
    announcement, confirm_reply, decode_announce, progress_text,
)
from bot.render.html import esc, split_message
from bot.render.i18n import CATALOGS, t
from bot.render.reply import Reply

log = logging.getLogger(__name__)
KIND = "announce"
PROGRESS_EVERY = 2.0  # seconds between progress edits
PROGRESS_FOR = 6 * 3600.0  # stop reporting after this long; the deliveries go on regardless


def _text_and_topic(update: Update) -> tuple[str, str | None]:
    """The words after /announce (line breaks kept), or the text replied to; a leading #topic narrows it."""
    message = update.effective_message
    text = re.sub(r"^/\S+\s*", "", message.text or "", count=1)
    if not text.strip() and message.reply_to_message:
        text = message.reply_to_message.text or message.reply_to_message.caption or ""
    text = text.strip()
    if text.startswith("#"):
        head, _, rest = text.partition(" ")
        return rest.strip(), head[1:].lower()
    return text, None


async def announce_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/announce [#topic] <text>: preview, recipient count, then Send or Cancel."""
    text, topic = _text_and_topic(update)
    async with db_session(context) as session:
        slugs = [tv.slug for tv in await topics_in(session, context, lang)]
        if topic is not None and topic not in slugs:
            await send(update, Reply(t(lang, "announce.bad_topic", topic=esc(topic[:40]), topics=", ".join(slugs))))
            return
        if not text:
            await send(update, Reply(t(lang, "announce.usage")))
            return
        if len(text) > announcements.MAX_CHARS:
            await send(update, Reply(t(lang, "announce.too_long", n=len(text), max=announcements.MAX_CHARS)))
            return
        count = len(await announcements.recipients(session, topic=topic))
        draft = await drafts.start_draft(session, chat_id=update.effective_chat.id, user_id=update.effective_user.id,
                                         kind=KIND, step="confirm", data={"text": text, "topic": topic},
                                         language=lang, now=now(context))
        await session.commit()
    await send(update, announcement(lang, text))  # exactly as subscribers will see it (in their language)
    await send(update, confirm_reply(lang, draft.id, count, topic))


async def announce_button(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """Send or Cancel under an announcement's preview."""
    query = update.callback_query
    ref = decode_announce(query.data or "")
    async with db_session(context) as session:
        draft = await drafts.get_draft(session, chat_id=update.effective_chat.id, user_id=update.effective_user.id)
        if ref is None or draft is None or draft.id != ref[0] or draft.kind != KIND:
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        await query.answer()
        if drafts.expired(draft, now(context)) or ref[1] == "cancel":
            await drafts.drop_draft(session, draft)
            await session.commit()
            await edit(update, Reply(t(lang, "maint.form.timed_out" if ref[1] != "cancel" else "announce.cancelled")))
            return
        text, topic, moment = draft.data["text"], draft.data.get("topic"), now(context)
        to = await announcements.recipients(session, topic=topic)
        parts = {code: split_message(announcement(code, text).text) for code in CATALOGS}
        written = await announcements.enqueue_announcement(session, announcement_id=draft.id,
                                                           parts_by_language=parts, to=to, now=moment)
        audit.record(session, actor_id=update.effective_user.id, action="announce", entity="announcement",
                     key=draft.id, before=None, after={"text": text, "topic": topic, "recipients": len(to)}, now=moment)
        await drafts.drop_draft(session, draft)
        await session.commit()
    log.info("announcement %s: %s deliveries to %s chats", draft.id, written, len(to))
    wake_sender(context.bot_data)
    await edit(update, Reply(t(lang, "announce.queued", n=len(to))))
    context.application.create_task(_report(context, query.message.chat_id, query.message.message_id, draft.id, lang),
                                    update=update)


async def _report(context, chat_id: int, message_id: int, announcement_id: int, lang: str) -> None:
    """Edit the confirmation with the running counts until every delivery has an outcome.

    Ends when the replica stops: a stopping Application waits for its tasks, this one included."""
    shown, waited = None, 0.0
    while waited < PROGRESS_FOR and context.application.running:
        async with db_session(context) as session:
            progress = await announcements.progress(session, announcement_id=announcement_id)
        text = progress_text(lang, progress)
        if text != shown:
            try:
                await context.bot.edit_message_text(text, chat_id=chat_id, message_id=message_id)
                shown = text
            except (BadRequest, Forbidden) as exc:
                log.warning("announcement %s: progress not shown: %s", announcement_id, exc)
                return
        if progress.done:
            return
        await asyncio.sleep(PROGRESS_EVERY)
        waited += PROGRESS_EVERY

