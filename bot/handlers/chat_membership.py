"""The bot added to, promoted in, demoted in or removed from a group or channel (my_chat_member).

Added where it may post: the chat is recorded, the person who added it is linked when Telegram
confirms them an admin, and told the next steps privately. Removed or no longer allowed to post:
the chat's schedules are paused and its linked admins told. Private messages reach only people who
have opened a chat with the bot; Telegram refuses the others (403), which is expected and ignored.
"""
from __future__ import annotations

import logging

from telegram import Bot, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ChatMemberHandler, ContextTypes

from bot.briefing.chat_rights import (
    BOT_CANNOT_POST, LINKABLE_TYPES, admin_languages, bot_can_post, bot_lost_chat, bot_may_post_again,
    private_language,
)
from bot.briefing.chats import get_chat, pick_language, record_chat
from bot.briefing.linked_chats import number_of
from bot.handlers.chat_access import access_text, member_facts, verify_admin
from bot.handlers.common import db_session, now, remember_chat, settings_of
from bot.render.channel_pages import added_notice, lost_notice, resumed_notice
from bot.scheduling.push_jobs import reschedule_pushes
from storage.chat_admins import schedule_counts

log = logging.getLogger(__name__)


async def bot_membership_changed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Record, link and greet on being added; pause and warn on being removed or demoted."""
    change = update.my_chat_member
    if change.chat.type not in LINKABLE_TYPES:
        return  # private chats: a user blocking or unblocking the bot
    me = member_facts(change.new_chat_member)
    if bot_can_post(change.chat.type, me):
        actor = None if change.from_user.is_bot else change.from_user.id
        resumed = await _rights_back(update, context, told_elsewhere=actor)
        if actor is not None:
            await _added(update, context, resumed=resumed)
    else:
        await _lost(update, context, present=me.present)


async def _rights_back(update: Update, context: ContextTypes.DEFAULT_TYPE, *, told_elsewhere: int | None) -> int:
    """A known chat where the bot may post again: resume what lost rights paused, tell its admins; how many.

    `told_elsewhere` (whoever added the bot) hears it in the greeting `_added` sends instead."""
    chat = update.my_chat_member.chat
    async with db_session(context) as session:
        row = await get_chat(session, chat_id=chat.id)
        if row is None:
            return 0
        resumed = await bot_may_post_again(session, chat=row, now=now(context))
        admins = await admin_languages(session, chat_id=chat.id, fallback=row.language) if resumed else []
        await session.commit()
    if resumed:
        await reschedule_pushes(context.application)
    for user_id, lang in admins:
        if user_id != told_elsewhere:
            await tell_privately(context.bot, user_id, resumed_notice(
                lang, type=chat.type, title=chat.title, username=chat.username, resumed=resumed))
    return resumed


async def _added(update: Update, context: ContextTypes.DEFAULT_TYPE, *, resumed: int) -> None:
    chat, actor, settings = update.my_chat_member.chat, update.my_chat_member.from_user, settings_of(context)
    async with db_session(context) as session:
        lang = await private_language(session, user_id=actor.id,
                                     fallback=pick_language(actor.language_code, settings.default_language))
        known = await get_chat(session, chat_id=chat.id)
        row = await record_chat(session, chat_id=chat.id, type=chat.type, title=chat.title, username=chat.username,
                                language=known.language if known else lang,
                                timezone=known.timezone if known else settings.default_timezone, now=now(context))
        result = await verify_admin(context.bot, session, chat_ref=chat.id, user_id=actor.id, now=now(context),
                                    via="added", language=lang, timezone=settings.default_timezone)
        number = await number_of(session, user_id=actor.id, chat_id=chat.id) if result.ok else None
        _, paused = await schedule_counts(session, chat_id=chat.id)
        await session.commit()
    remember_chat(context, result.chat or row)
    if result.ok:
        promoted = member_facts(update.my_chat_member.old_chat_member).present
        await tell_privately(context.bot, actor.id,
                             added_notice(lang, result.chat, number=number, paused=paused, promoted=promoted,
                                          resumed=resumed))
    elif result.reason == BOT_CANNOT_POST:  # a group whose members may not write
        await tell_privately(context.bot, actor.id, access_text(lang, BOT_CANNOT_POST))


async def _lost(update: Update, context: ContextTypes.DEFAULT_TYPE, *, present: bool) -> None:
    chat, actor, settings = update.my_chat_member.chat, update.my_chat_member.from_user, settings_of(context)
    async with db_session(context) as session:
        row = await get_chat(session, chat_id=chat.id)
        if row is None:
            lang = await private_language(session, user_id=actor.id,
                                          fallback=pick_language(actor.language_code, settings.default_language))
        else:
            paused = await bot_lost_chat(session, chat=row, present=present, now=now(context))
            admins = await admin_languages(session, chat_id=chat.id, fallback=row.language)
            await session.commit()
    if row is None:
        # Added without the right to post (a channel admin without "Post messages"): say what is missing.
        if present and not actor.is_bot:
            await tell_privately(context.bot, actor.id, access_text(lang, BOT_CANNOT_POST))
        return
    remember_chat(context, row)
    for user_id, lang in admins:
        await tell_privately(context.bot, user_id, lost_notice(
            lang, type=chat.type, title=chat.title, username=chat.username, removed=not present, paused=paused))


async def tell_privately(bot: Bot, user_id: int, text: str) -> bool:
    """Write to the person's private chat with the bot; False when Telegram refused (never opened, blocked)."""
    try:
        await bot.send_message(user_id, text)
        return True
    except (Forbidden, BadRequest) as exc:
        log.info("could not write to %s privately: %s", user_id, exc)
    except TelegramError as exc:
        log.warning("could not write to %s privately: %s", user_id, exc)
    return False


def register(app) -> None:
    app.add_handler(ChatMemberHandler(bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
