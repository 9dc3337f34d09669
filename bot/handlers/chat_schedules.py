"""Admins schedule pushes into their groups and channels: /schedule, /schedules (with buttons), /preview.

Every change is verified with Telegram first (`chat_access.verify_admin`): a chat
keeps its schedules when an admin loses their rights, but only current admins may
change them. Inside a group only its own schedules are ever shown.
"""
from __future__ import annotations

from telegram import Update
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.briefing import chat_schedules as service
from bot.briefing.chat_rights import NOT_ADMIN
from bot.briefing.chat_schedules import ScheduleSpec
from bot.briefing.linked_chats import list_linked_chats
from bot.handlers.button_access import PEOPLE, buttons_in, refuse
from bot.handlers.chat_access import access_text, verify_admin
from bot.handlers.common import db_session, edit, now, reader, send, send_to, settings_of, topics_in
from bot.handlers.schedule_args import parse_schedule
from bot.handlers.settings import error_reply
from bot.handlers.settings_args import SettingsError, parse_time
from bot.render import schedule_pages as pages
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.reply import Reply
from bot.scheduling.push_jobs import reschedule_pushes
from bot.scheduling.pushes import preview


async def _verify(update: Update, context, session, lang: str, chat_ref):
    """The chat if the person may manage it, else None after saying why (in a group, without details)."""
    in_group = update.effective_chat.type != "private"
    if in_group and update.effective_message and update.effective_message.sender_chat is not None:
        await send(update, Reply(t(lang, "link.anonymous")))
        return None
    result = await verify_admin(context.bot, session, chat_ref=chat_ref, user_id=update.effective_user.id,
                                now=now(context), language=lang, timezone=settings_of(context).default_timezone)
    await session.commit()
    if result.ok:
        return result.chat
    text = t(lang, "link.group_not_admin") if in_group and result.reason == NOT_ADMIN else access_text(lang, result.reason)
    if update.callback_query and in_group:  # said to the presser alone: the group's list stays as it is
        await refuse(update, context, "access.button_admins_only")
    elif update.callback_query:
        await update.callback_query.answer()
        await edit(update, Reply(text))
    else:
        await send(update, Reply(text))
    return None


def _chat_and_rest(update: Update, args: list[str]):
    """In a group the chat is the group itself (and a forum topic the thread written in); in private, the first word."""
    if update.effective_chat.type != "private":
        message = update.effective_message
        thread = message.message_thread_id if message.is_topic_message else None
        return update.effective_chat.id, args, thread
    return (args[0] if args else None), args[1:], None


async def schedule_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/schedule <chat> digest|onthisday daily|weekly <day> HH:MM [tz] [topics] [lang]."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        chat_ref, words, thread = _chat_and_rest(update, list(context.args))
        topic_list = await topics_in(session, context, lang)
        try:
            if chat_ref is None:
                raise SettingsError("schedule.usage")
            args = parse_schedule(words, [tv.slug for tv in topic_list])
        except SettingsError as exc:
            await send(update, error_reply(lang, exc))
            return
        chat = await _verify(update, context, session, lang, chat_ref)
        if chat is None:
            return
        thread_id = args.thread_id or thread
        if thread_id and chat.type != "supergroup":
            await send(update, Reply(t(lang, "schedule.no_topics")))
            return
        spec = ScheduleSpec(args.kind, args.frequency, args.weekday, args.time_local, args.timezone or chat.timezone,
                            args.topics, args.language or chat.language, thread_id)
        schedule, created = await service.save_schedule(session, chat=chat, spec=spec,
                                                        created_by=update.effective_user.id, now=now(context))
        await session.commit()
        reply = pages.saved_reply(lang, chat, schedule, {tv.slug: tv.name for tv in topic_list}, created=created)
    await reschedule_pushes(context.application)
    await send(update, reply)


async def schedules_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/schedules [chat]: a chat's schedules with buttons; in private without a chat, every linked chat's."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        names = {tv.slug: tv.name for tv in await topics_in(session, context, lang)}
        chat_ref, _, _ = _chat_and_rest(update, list(context.args))
        if chat_ref is None:
            linked = await list_linked_chats(session, user_id=update.effective_user.id)
            if not linked:
                await send(update, Reply(t(lang, "channels.empty")))
            for item in linked:  # one message per chat, each verified when a button is pressed
                chat = await service.get_chat_row(session, chat_id=item.chat_id)
                await send(update, pages.schedules_reply(
                    lang, chat, await service.chat_schedules(session, chat_id=chat.id), names))
            return
        chat = await _verify(update, context, session, lang, chat_ref)
        if chat is None:
            return
        reply = pages.schedules_reply(lang, chat, await service.chat_schedules(session, chat_id=chat.id), names)
    await send(update, reply)


async def schedule_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Pause, resume, change time, delete or preview a schedule; the presser is verified first."""
    query = update.callback_query
    parsed = pages.parse_schedule_data(query.data or "")
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        schedule = await service.get_schedule(session, schedule_id=parsed[0]) if parsed else None
        if schedule is None:
            await query.answer(t(lang, "schedule.gone" if parsed else "stale_button"), show_alert=True)
            return
        if update.effective_chat.type != "private" and schedule.chat_id != update.effective_chat.id:
            await refuse(update, context, "access.button_not_here")  # a group's buttons act on its own schedules
            return
        _, action, value = parsed
        chat = await _verify(update, context, session, lang, schedule.chat_id)
        if chat is None:
            return
        await query.answer()
        names = {tv.slug: tv.name for tv in await topics_in(session, context, lang)}
        if action == "v":
            await _send_preview(update, context, session, lang, chat, schedule)
            return
        if action == "t":
            await edit(update, pages.time_choices_reply(lang, schedule))
            return
        if action == "d":
            await edit(update, pages.confirm_delete_reply(lang, schedule, names))
            return
        note = await _change(session, context, lang, schedule, action, value)
        await session.commit()
        reply = pages.schedules_reply(lang, chat, await service.chat_schedules(session, chat_id=chat.id), names, note)
    await reschedule_pushes(context.application)
    await edit(update, reply)


async def _change(session, context, lang: str, schedule, action: str, value: str) -> str | None:
    moment = now(context)
    if action in ("p", "r"):
        await service.change_schedule(session, schedule=schedule, now=moment, paused=action == "p")
        return t(lang, "schedule.paused_done" if action == "p" else "schedule.resumed_done")
    if action == "T":
        try:
            await service.change_schedule(session, schedule=schedule, now=moment, time_local=parse_time(value))
        except SettingsError:
            return t(lang, "stale_button")
        return t(lang, "schedule.time_done", time=schedule.time_local)
    if action == "y":
        await service.delete_schedule(session, schedule=schedule)
        return t(lang, "schedule.deleted")
    return None  # "l": back to the list


async def preview_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/preview <chat>: the chat's next digest, sent privately to the admin exactly as it would appear."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        chat_ref, _, _ = _chat_and_rest(update, list(context.args))
        if chat_ref is None:
            await send(update, Reply(t(lang, "preview.usage")))
            return
        chat = await _verify(update, context, session, lang, chat_ref)
        if chat is None:
            return
        schedules = await service.chat_schedules(session, chat_id=chat.id)
        schedule = next((s for s in schedules if s.kind == "digest"), None) or (schedules[0] if schedules else None)
        if schedule is None:
            await send(update, Reply(t(lang, "schedule.none", chat_id=chat.id)))
            return
        await _send_preview(update, context, session, lang, chat, schedule)


async def _send_preview(update: Update, context, session, lang: str, chat, schedule) -> None:
    head = t(lang, f"preview.head_{schedule.kind}", title=esc(chat.title or str(chat.id)))
    kind = schedule.kind
    reply = await preview(session, schedule=schedule, chat=chat, now=now(context))
    await session.rollback()  # composing moved the digest cursor: a preview changes nothing
    try:
        await send_to(context.bot, update.effective_user.id, Reply(head if reply else head + "\n" + t(
            lang, f"preview.nothing_{kind}")))
        if reply:
            await send_to(context.bot, update.effective_user.id, reply)
    except Forbidden:  # asked in a group by an admin who never opened the bot
        await send(update, Reply(t(lang, "digest.start_bot_first", bot=context.bot.username)))


def register(app) -> None:
    people = filters.ChatType.PRIVATE | filters.ChatType.GROUPS  # never channel posts
    app.add_handler(CommandHandler("schedule", schedule_command, filters=people))
    app.add_handler(CommandHandler("schedules", schedules_command, filters=people))
    app.add_handler(CommandHandler("preview", preview_command, filters=people))
    app.add_handler(CallbackQueryHandler(buttons_in(PEOPLE)(schedule_button), pattern=r"^sc\|"))
