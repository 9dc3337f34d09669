"""Subscribers choose what is pushed: /subscribe, /unsubscribe, /settings (one line or buttons)."""
from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, filters

from bot.briefing import push_settings, subscriptions
from bot.briefing.push_settings import Change
from bot.handlers.button_access import PRIVATE, buttons_in
from bot.handlers.common import db_session, edit, now, reader, remember_chat, send, stored_chat, topics_in
from bot.handlers.settings_args import SettingsError, parse_settings, parse_time, parse_topics
from bot.render import settings as view
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.push_callbacks import SETTINGS_PATTERN, SettingsRef, decode_push
from bot.render.reply import Reply
from bot.render.web_links import PUSHES_PATH
from bot.handlers.web_buttons import with_open_button
from bot.scheduling.push_jobs import reschedule_pushes


def error_reply(lang: str, error: SettingsError) -> Reply:
    """What was wrong with a setting, with suggestions for a mistyped time zone."""
    text = t(lang, error.key, arg=esc(error.word))
    if error.suggestions:
        text += "\n" + t(lang, "settings.tz_suggestions", names=", ".join(f"<code>{esc(s)}</code>"
                                                                       for s in error.suggestions))
    return Reply(text)


async def subscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/subscribe: the whole dossier; /subscribe charter tripp: those topics."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
        try:
            topics = parse_topics(context.args, [tv.slug for tv in topic_list]) if context.args else None
        except SettingsError as exc:
            await send(update, error_reply(lang, exc))
            return
        chat, moment = await stored_chat(session, update, context, lang), now(context)
        before = await subscriptions.subscribed_topics(session, chat_id=chat.id)
        await subscriptions.subscribe(session, chat_id=chat.id, topics=topics, now=moment)
        if not before:
            await push_settings.restart_pushes(session, chat=chat, now=moment)
        current = await push_settings.load_settings(session, chat=chat, now=moment)
        await session.commit()
    await reschedule_pushes(context.application)
    changed = view.changed_line(lang, "topics", current, topic_list)
    await send(update, with_open_button(view.settings_reply(lang, current, topic_list, changed), update, context,
                                        lang, PUSHES_PATH))


async def unsubscribe_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/unsubscribe: everything; /unsubscribe charter: that topic only."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
        slugs = [tv.slug for tv in topic_list]
        try:
            topics = parse_topics(context.args, slugs) if context.args else None
        except SettingsError as exc:
            await send(update, error_reply(lang, exc))
            return
        chat, moment = await stored_chat(session, update, context, lang), now(context)
        await subscriptions.unsubscribe(session, chat_id=chat.id, topics=topics, all_slugs=tuple(slugs), now=moment)
        current = await push_settings.load_settings(session, chat=chat, now=moment)
        await session.commit()
    reply = view.settings_reply(lang, current, topic_list, view.changed_line(lang, "topics", current, topic_list))
    await send(update, with_open_button(reply, update, context, lang, PUSHES_PATH))


async def settings_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/settings: the overview with buttons; /settings <field> <value>: change one setting."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
        change = None
        if context.args:
            try:
                change = parse_settings(context.args, [tv.slug for tv in topic_list])
            except SettingsError as exc:
                await send(update, error_reply(lang, exc))
                return
        reply = await _apply(session, update, context, lang, change)
    await send(update, with_open_button(reply, update, context, lang, PUSHES_PATH))


async def _apply(session, update: Update, context, lang: str, change: Change | None) -> Reply:
    """Apply `change` (if any), commit, and render the overview in the chat's (possibly new) language."""
    chat, moment = await stored_chat(session, update, context, lang), now(context)
    if change is None:
        current = await push_settings.load_settings(session, chat=chat, now=moment)
        await session.commit()
        return view.settings_reply(lang, current, await topics_in(session, context, lang))
    current = await push_settings.apply_change(session, chat=chat, change=change, now=moment)
    await session.commit()
    remember_chat(context, chat)
    await reschedule_pushes(context.application)
    lang = current.language
    topic_list = await topics_in(session, context, lang)
    return view.settings_reply(lang, current, topic_list, view.changed_line(lang, change.field, current, topic_list))


async def settings_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A /settings button (private chats only): open a setting's choices, or apply one."""
    query = update.callback_query
    ref = decode_push(query.data or "")
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
        try:
            if not isinstance(ref, SettingsRef):
                raise SettingsError("stale_button")
            change = None
            if ref.value:  # checked before anything is answered or written: forged data changes nothing
                change = await _button_change(session, update, context, lang, ref, [tv.slug for tv in topic_list])
        except SettingsError:
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        await query.answer()
        if ref.field and not ref.value:
            chat = await stored_chat(session, update, context, lang)
            current = await push_settings.load_settings(session, chat=chat, now=now(context))
            await session.commit()
            await edit(update, view.choices_reply(lang, ref.field, current, topic_list))
            return
        reply = await _apply(session, update, context, lang, change)
        await edit(update, with_open_button(reply, update, context, lang, PUSHES_PATH))


async def _button_change(session, update, context, lang: str, ref: SettingsRef, slugs: list[str]) -> Change | None:
    if ref.field == "topic":  # toggle one topic in or out
        if ref.value not in slugs:
            raise SettingsError("settings.bad_topics", ref.value)
        chat = await stored_chat(session, update, context, lang)
        current = await subscriptions.subscribed_topics(session, chat_id=chat.id)
        chosen = list(slugs) if current == (subscriptions.ALL,) else list(current)
        chosen = [s for s in chosen if s != ref.value] if ref.value in chosen else chosen + [ref.value]
        return Change("topics", None if set(chosen) == set(slugs) else tuple(s for s in slugs if s in chosen))
    if ref.field == "time":
        return Change("time", parse_time(ref.value))
    if ref.field == "day":
        if not ref.value.isdigit() or int(ref.value) > 6:
            raise SettingsError("settings.usage_day", ref.value)
        return Change("day", int(ref.value))
    return parse_settings([ref.field, ref.value], slugs)


async def private_only(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Push settings belong to private chats; group and channel pushes are scheduled by their admins."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
    await send(update, Reply(t(lang, "settings.private_only")))


def register(app) -> None:
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    for name, callback in (("subscribe", subscribe_command), ("unsubscribe", unsubscribe_command),
                           ("settings", settings_command)):
        app.add_handler(CommandHandler(name, callback, filters=private))
        app.add_handler(CommandHandler(name, private_only, filters=groups))
    # The buttons change the chat they sit in: only a person's own private chat, never a group or channel.
    app.add_handler(CallbackQueryHandler(buttons_in(PRIVATE, "access.button_private_only")(settings_button),
                                         pattern=SETTINGS_PATTERN))
