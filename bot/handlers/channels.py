"""Channel and group admins: /channels, /link, linking by a forwarded post, and each chat's card.

Private chats list and link any chat the person administers; inside a group, /link links that group
and nothing about other chats is ever said there. Channel posts (no sender) reach none of these.
Every link and every card is verified with Telegram first (`chat_access.verify_admin`).
"""
from __future__ import annotations

from telegram import MessageOriginChannel, MessageOriginChat, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.briefing.chat_rights import BOT_CANNOT_POST, BOT_NOT_IN_CHAT, NO_CHAT, NOT_ADMIN
from bot.briefing.linked_chats import list_linked_chats, number_of
from bot.handlers.button_access import PRIVATE, buttons_in
from bot.handlers.chat_access import access_text, verify_admin
from bot.handlers.chat_membership import tell_privately
from bot.handlers.common import db_session, edit, now, reader, remember_chat, send, settings_of, stored_chat
from bot.render import channel_pages as pages
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.reply import Button, Reply
from storage.chat_admins import schedule_counts


async def channels_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The chats the person administers, numbered, a button each; in groups only a pointer to the private chat."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        if update.effective_chat.type != "private":
            await send(update, Reply(t(lang, "channels.private_only", bot_username=esc(context.bot.username))))
            return
        chats = await list_linked_chats(session, user_id=update.effective_user.id)
    await send(update, pages.channels_reply(lang, chats))


async def link_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/link @channel | /link <chat id> in private; /link in a group links that group."""
    if update.effective_chat.type != "private":
        await link_group(update, context)
        return
    if len(context.args) != 1:
        async with db_session(context) as session:
            lang, _ = await reader(session, update, context)
        await send(update, Reply(t(lang, "link.usage")))
        return
    await link_chat(update, context, context.args[0], via="link")


async def forwarded_post(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A post forwarded from a channel (or sent as a group) links that chat."""
    origin = update.effective_message.forward_origin
    if isinstance(origin, MessageOriginChannel):
        await link_chat(update, context, origin.chat.id, via="forward")
    elif isinstance(origin, MessageOriginChat):
        await link_chat(update, context, origin.sender_chat.id, via="forward")
    else:
        async with db_session(context) as session:
            lang, _ = await reader(session, update, context)
        await send(update, Reply(t(lang, "link.forward_hint")))


async def link_chat(update: Update, context: ContextTypes.DEFAULT_TYPE, chat_ref: str | int, *, via: str) -> None:
    """Verify and link the chat for the person writing privately, and say how it went."""
    user = update.effective_user
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        result = await verify_admin(context.bot, session, chat_ref=chat_ref, user_id=user.id, now=now(context),
                                    via=via, language=lang, timezone=settings_of(context).default_timezone)
        number = await number_of(session, user_id=user.id, chat_id=result.chat.id) if result.ok else None
        # The linking person's private chat is recorded, so notices about their chats reach them in their language.
        private = await stored_chat(session, update, context, lang) if result.ok else None
        await session.commit()
    if private is not None:
        remember_chat(context, private)
    if not result.ok:
        # A forwarded post proves the chat exists: Telegram not knowing it means the bot is not there.
        reason = BOT_NOT_IN_CHAT if via == "forward" and result.reason == NO_CHAT else result.reason
        await send(update, Reply(access_text(lang, reason)))
        return
    remember_chat(context, result.chat)
    await send(update, pages.linked_reply(lang, result.chat, number=number))


async def link_group(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/link inside a group: its admins link it; anyone else is refused, with nothing about other chats."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        if message.sender_chat is not None:  # an anonymous admin, or someone writing as a channel
            await send(update, Reply(t(lang, "link.anonymous")))
            return
        result = await verify_admin(context.bot, session, chat_ref=chat.id, user_id=user.id, now=now(context),
                                    via="group", language=lang, timezone=settings_of(context).default_timezone)
        await session.commit()
    if result.chat is not None:
        remember_chat(context, result.chat)
    if result.ok:
        await send(update, Reply(t(lang, "link.done_group")))
    elif result.reason == NOT_ADMIN:
        await send(update, Reply(t(lang, "link.group_not_admin")))
    elif result.reason == BOT_CANNOT_POST:  # no use answering where the bot may not write
        await tell_privately(context.bot, user.id, access_text(lang, BOT_CANNOT_POST))
    else:
        await send(update, Reply(access_text(lang, result.reason)))


async def card_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A chat's card from /channels (verified with Telegram again), or back to the list."""
    query, user = update.callback_query, update.effective_user
    ref = pages.parse_card_data(query.data or "")
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        if ref is None:
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        if ref == pages.LIST_DATA:
            reply = pages.channels_reply(lang, await list_linked_chats(session, user_id=user.id))
        else:
            result = await verify_admin(context.bot, session, chat_ref=ref, user_id=user.id, now=now(context),
                                        language=lang, timezone=settings_of(context).default_timezone)
            if result.ok:
                reply = pages.chat_card_reply(
                    lang, result.chat, number=await number_of(session, user_id=user.id, chat_id=ref),
                    schedules=await schedule_counts(session, chat_id=ref))
            else:
                reply = Reply(access_text(lang, result.reason),
                              ((Button(t(lang, "button.all_chats"), pages.LIST_DATA),),))
            await session.commit()
    await query.answer()
    await edit(update, reply)


def register(app) -> None:
    """Before the reader handlers: their catch-all command, text and button handlers come last."""
    people = filters.ChatType.PRIVATE | filters.ChatType.GROUPS  # never channel posts
    app.add_handler(CommandHandler("channels", channels_command, filters=people))
    app.add_handler(CommandHandler("link", link_command, filters=people))
    app.add_handler(MessageHandler(filters.ChatType.PRIVATE & filters.FORWARDED, forwarded_post))
    # A card says which chats a person administers: only ever shown in their private chat.
    app.add_handler(CallbackQueryHandler(buttons_in(PRIVATE, "access.button_private_only")(card_button),
                                         pattern=r"^ch\|"))
