"""Reader commands for everyone: /start, /help, /lang, /timeline, topics, /onthisday, /search, /latest."""
from __future__ import annotations

import asyncio
import datetime as dt

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import CallbackQueryHandler, CommandHandler, ContextTypes, MessageHandler, filters

from bot.briefing import articles, chats, onthisday, search, timeline, topics
from bot.briefing.chart_data import chart_data
from bot.handlers.arguments import BadArgument, NoLeapDay, parse_day, parse_timeline, quote_back
from bot.handlers.button_access import PEOPLE, buttons_in
from bot.handlers.common import (
    db_session, edit, lookup_session, now, reader, remember_chat, search_cache, send, settings_of, spare_session,
    stored_chat, topics_in,
)
from bot.render import pages
from bot.render.callbacks import LatestRef, TimelineRef, TopicRef, decode
from bot.render.html import esc
from bot.render.i18n import format_date, t
from bot.render.reply import Reply
from bot.render.web_links import TIMELINE_PATH, topic_path
from bot.handlers.web_buttons import with_open_button

MAX_SEARCH_CHARS = search.MAX_QUERY_CHARS


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet in the user's language, say what the bot does, record the chat."""
    settings, chat, user = settings_of(context), update.effective_chat, update.effective_user
    async with db_session(context) as session:
        known = await chats.get_chat(session, chat_id=chat.id)
        lang = known.language if known else chats.pick_language(user.language_code, settings.default_language)
        record = await chats.record_chat(
            session, chat_id=chat.id, type=chat.type, title=chat.title or chat.full_name, username=chat.username,
            language=lang, timezone=known.timezone if known else settings.default_timezone, now=now(context))
        slugs = [tv.slug for tv in await topics_in(session, context, lang)]
        await session.commit()
    remember_chat(context, record)
    dossier = context.bot_data["dossier"]
    await send(update, Reply(t(lang, "start", name=esc(user.first_name), dossier=esc(dossier.title.get(lang)),
                               topic_commands=", ".join(f"/{s}" for s in slugs))))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the commands, topic commands included."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
    lines = "\n".join(f"/{tv.slug} — {esc(tv.name)}" for tv in topic_list)
    await send(update, Reply(t(lang, "help", topic_lines=lines, bot_username=context.bot.username)))


async def lang_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Switch the chat's language: /lang ru|en."""
    choice = (context.args[0].lower() if len(context.args) == 1 else "")
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        if choice not in chats.LANGUAGES:
            await send(update, Reply(t(lang, "lang.usage")))
            return
        record = await stored_chat(session, update, context, choice)
        await chats.set_language(session, chat=record, language=choice, now=now(context))
        await session.commit()
    remember_chat(context, record)
    await send(update, Reply(t(choice, "lang.changed")))


async def timeline_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The timeline, narrowed by year, month and topic; `chart` sends a picture."""
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        try:
            topic_list = await topics_in(session, context, lang)
            args = parse_timeline(context.args, [tv.slug for tv in topic_list])
        except BadArgument as exc:
            await send(update, Reply(t(lang, "timeline.usage", arg=esc(exc.word))))
            return
        if args.chart:
            await send_chart(update, context, session, lang)
            return
        page = await timeline.timeline_page(session, lang=lang, filter=args.filter)
    await send(update, with_open_button(pages.timeline_reply(lang, page, topic_list), update, context, lang,
                                        TIMELINE_PATH))


async def send_chart(update: Update, context: ContextTypes.DEFAULT_TYPE, session, lang: str) -> None:
    """Events per month by topic as a PNG with a caption."""
    data = await chart_data(session, lang=lang, general_name=t(lang, "topic.general"))
    if data.empty:
        await send(update, Reply(t(lang, "chart.empty")))
        return
    await update.effective_chat.send_action(ChatAction.UPLOAD_PHOTO)
    title = context.bot_data["dossier"].title.get(lang)
    png = await context.bot_data["chart_cache"].png(data, title=title)
    milestones = "; ".join(f"{format_date(lang, d)} — {esc(label)}" for d, label in data.milestones[-3:])
    caption = t(lang, "chart.caption", start=data.months[0].strftime("%Y-%m"),
                end=data.months[-1].strftime("%Y-%m"), milestones=milestones or "—")
    await update.effective_message.reply_photo(png, caption=caption[:1000], do_quote=False)


async def topics_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """All topics with their commands."""
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
    await send(update, pages.topics_reply(lang, topic_list))


async def topic_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/topic <slug>: open any topic's card."""
    await show_topic(update, context, context.args[0].lower() if len(context.args) == 1 else None)


async def show_topic(update: Update, context: ContextTypes.DEFAULT_TYPE, slug: str | None) -> None:
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        card = await topics.topic_card(session, slug=slug, lang=lang) if slug else None
        slugs = [tv.slug for tv in await topics_in(session, context, lang)]
    if card is None:
        names = ", ".join(f"/{s}" for s in slugs)
        key = "topic.unknown" if slug else "topic.usage"
        await send(update, Reply(t(lang, key, slug=esc(quote_back(slug or "")), topics=names, example=slugs[0] if slugs else "")))
        return
    await send(update, with_open_button(pages.topic_card_reply(lang, card), update, context, lang,
                                        topic_path(card.slug)))


async def onthisday_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Today's anniversaries; a calendar day in every year up to today; or one date, then earlier years."""
    async with lookup_session(context) as session:
        lang, tz = await reader(session, update, context)
        try:
            asked = parse_day(context.args)
        except NoLeapDay as exc:
            await send(update, Reply(t(lang, "onthisday.no_leap_day", arg=esc(exc.word), year=esc(exc.word[:4]))))
            return
        except BadArgument as exc:
            await send(update, Reply(t(lang, "onthisday.usage", arg=esc(exc.word))))
            return
        today = now(context).astimezone(tz).date()
        if asked is None:
            result = await onthisday.on_this_day(session, day=today, lang=lang)
        elif asked.year is None:
            result = await onthisday.on_calendar_day(session, month=asked.month, day=asked.day, today=today,
                                                     lang=lang)
        else:
            result = await onthisday.on_date(session, day=dt.date(asked.year, asked.month, asked.day), lang=lang)
    await send(update, pages.on_this_day_reply(lang, result))


async def search_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Search events and articles, best first, matches highlighted."""
    query = search.printable(" ".join(context.args)).strip()
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        if not query:
            await send(update, Reply(t(lang, "search.usage")))
            return
        if len(query) > MAX_SEARCH_CHARS:
            await send(update, Reply(t(lang, "search.too_long", length=len(query))))
            return
        async with spare_session(context) as articles_session:  # when there is one: both searches at once
            results = await search.search_dossier(session, query=query, lang=lang, articles_session=articles_session,
                                                  cache=search_cache(context))
    if not results.terms:
        await send(update, Reply(t(lang, "search.stopwords", query=esc(query))))
    elif results.empty:
        await send(update, Reply(t(lang, "search.none", query=esc(query))))
    else:
        await send(update, pages.search_reply(lang, results))


async def latest_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The newest ingested articles, a page at a time."""
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        page = await articles.latest_articles(session)
    await send(update, pages.latest_reply(lang, page))


async def button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Paging, topic filters and topic cards; every button carries its full state."""
    query = update.callback_query
    ref = decode(query.data or "")
    async with lookup_session(context) as session:
        lang, _ = await reader(session, update, context)
        topic_list = await topics_in(session, context, lang)
        names = {tv.slug: tv.name for tv in topic_list}
        if ref is None or _topic_of(ref) not in (None, *names):  # malformed, or a topic that is no more
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        # Telegram stops the button's spinner on the answer; send it while the page is built.
        answered = asyncio.create_task(query.answer())
        if isinstance(ref, TimelineRef):
            flt = timeline.TimelineFilter(ref.year, ref.month, ref.topic)
            page = await timeline.timeline_page(session, lang=lang, filter=flt, page=ref.page)
            await edit(update, with_open_button(pages.timeline_reply(lang, page, topic_list), update, context, lang,
                                                TIMELINE_PATH))
        elif isinstance(ref, LatestRef):
            page = await articles.latest_articles(session, page=ref.page, topic=ref.topic)
            await edit(update, pages.latest_reply(lang, page, names.get(ref.topic)))
        elif isinstance(ref, TopicRef):
            card = await topics.topic_card(session, slug=ref.slug, lang=lang)
            await send(update, with_open_button(pages.topic_card_reply(lang, card), update, context, lang,
                                                topic_path(card.slug)) if card else Reply(t(lang, "stale_button")))
    await answered


def _topic_of(ref: TimelineRef | LatestRef | TopicRef) -> str | None:
    return ref.slug if isinstance(ref, TopicRef) else ref.topic


async def other_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A topic's own command (/charter …) or an unknown command."""
    word, _, mention = update.effective_message.text.split()[0][1:].partition("@")
    word = word.lower()
    addressed = mention.lower() == (context.bot.username or "").lower() if mention else (
        update.effective_chat.type == "private")
    if not addressed:
        return  # another bot's command, or a group command not meant for us
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
        slugs = [tv.slug for tv in await topics_in(session, context, lang)]
    if word in slugs:
        await show_topic(update, context, word)
        return
    await send(update, Reply(t(lang, "unknown_command", command=esc("/" + quote_back(word)))))


async def plain_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Text that is not a command, in a private chat: point to /help."""
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
    await send(update, Reply(t(lang, "not_a_command", example="хартия" if lang == "ru" else "charter")))


def register(app) -> None:
    not_channel = ~filters.UpdateType.CHANNEL_POSTS
    for name, callback in (("start", start), ("help", help_command), ("lang", lang_command),
                           ("timeline", timeline_command), ("topics", topics_command), ("topic", topic_command),
                           ("onthisday", onthisday_command), ("search", search_command),
                           ("latest", latest_command)):
        app.add_handler(CommandHandler(name, callback, filters=not_channel))
    # Reader pages are edited in place or answered in the chat: never in a channel, where nobody asked.
    app.add_handler(CallbackQueryHandler(buttons_in(PEOPLE)(button)))
    app.add_handler(MessageHandler(filters.COMMAND & not_channel, other_command))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE, plain_text))
