"""/editcard and /addtopic: topic cards and new topics with their keyword rules."""
from __future__ import annotations

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from bot.handlers.common import db_session, forget_topics, now, send, topics_in
from bot.handlers.maintainers_access import refresh_menus
from bot.handlers.maintainers_common import command_text, start_form
from bot.handlers.maintainers_edits import field_command
from bot.handlers.menus import MAINTAINER_COMMANDS, OWNER_COMMANDS, READER_COMMANDS
from bot.maintenance import forms, one_line, topics
from bot.maintenance.validation import Invalid
from bot.maintenance.versioned import NotFound
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply


def reserved_commands(app: Application) -> set[str]:
    """Command names a new topic must not take: every command the bot answers."""
    names = {*READER_COMMANDS, *MAINTAINER_COMMANDS, *OWNER_COMMANDS}
    for handlers in app.handlers.values():
        names |= {c for h in handlers if isinstance(h, CommandHandler) for c in h.commands}
    return names


async def taken_slugs(session, context: ContextTypes.DEFAULT_TYPE) -> set[str]:
    return await topics.slugs_in_use(session) | reserved_commands(context.application)


async def editcard_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/editcard <topic> [field [value]]: the card with field buttons, a prompt, or the change at once."""
    words = command_text(update).split(None, 2)
    async with db_session(context) as session:
        slugs = [tv.slug for tv in await topics_in(session, context, lang)]
        if not words:
            await send(update, Reply(t(lang, "maint.editcard.usage", topics=", ".join(slugs))))
            return
        slug = words[0].lower().lstrip("/")
        try:
            topic = await topics.get_topic(session, slug=slug)
        except NotFound:
            await send(update, Reply(t(lang, "maint.topic.not_found", ref=esc(slug[:40]))))
            return
        await field_command(update, context, session, lang, words, entity="topic", ref=topic.slug,
                            version=topic.version)


async def addtopic_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/addtopic: the guided form; /addtopic slug | name ru | name en | keywords: at once."""
    text = command_text(update)
    async with db_session(context) as session:
        if not text:
            await start_form(update, context, session, lang, forms.ADD_TOPIC)
            return
        try:
            data = one_line.parse_topic(text, taken=await taken_slugs(session, context))
        except Invalid as exc:
            await send(update, Reply(invalid_text(lang, exc)))
            return
        topic = await topics.create_topic(session, data=data, actor_id=update.effective_user.id, now=now(context))
        await session.commit()
    await topic_added(update, context, lang, topic.slug)


async def topic_added(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str, slug: str) -> None:
    """After a new topic: fresh topic lists and menus, and where to write its card."""
    forget_topics(context)
    await refresh_menus(context.application)
    await send(update, Reply(t(lang, "maint.topic.added", slug=slug)))
