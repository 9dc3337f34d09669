"""/addevent, /editevent, /delevent and /undo: the timeline from chat."""
from __future__ import annotations

import re

from telegram import Update
from telegram.ext import ContextTypes

from bot.handlers.common import db_session, forget_topics, now, send, topics_in
from bot.handlers.maintainers_access import clear_menu, refresh_menus, set_menu
from bot.handlers.maintainers_common import command_text, forget_maintainers, start_form
from bot.handlers.maintainers_edits import entity_reply, field_command
from bot.maintenance import events, forms, one_line, undo
from bot.maintenance.validation import Invalid
from bot.maintenance.versioned import Conflict, NotFound
from bot.render.i18n import t
from bot.render.maint_reports import undo_reply
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply
from storage.models import Maintainer

ID_RE = re.compile(r"#?(\d{1,12})")


async def addevent_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/addevent: the guided form; /addevent date | title | summary | topics | source: at once."""
    text = command_text(update)
    async with db_session(context) as session:
        if not text:
            await start_form(update, context, session, lang, forms.ADD_EVENT)
            return
        known = [tv.slug for tv in await topics_in(session, context, lang)]
        try:
            data = one_line.parse_event(text, known_topics=known)
        except Invalid as exc:
            await send(update, Reply(invalid_text(lang, exc)))
            return
        event = await events.create_event(session, data=data, actor_id=update.effective_user.id, now=now(context))
        await session.commit()
        await send(update, await entity_reply(session, "event", str(event.id), lang,
                                              note=t(lang, "maint.event.added", id=event.id)))


def _id(words: list[str], count: int) -> int | None:
    """The entry id that `words` start with, if they are at most `count` words."""
    m = ID_RE.fullmatch(words[0]) if 0 < len(words) <= count else None
    return int(m[1]) if m else None


async def _entry(update: Update, session, lang: str, event_id: int):
    try:
        return await events.get_event(session, event_id=event_id)
    except NotFound:
        await send(update, Reply(t(lang, "maint.event.not_found", ref=event_id)))
        return None


async def editevent_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/editevent <id> [field [value]]: the entry with field buttons, a prompt, or the change at once."""
    words = command_text(update).split(None, 2)
    event_id = _id(words, 3)
    if event_id is None:
        await send(update, Reply(t(lang, "maint.editevent.usage")))
        return
    async with db_session(context) as session:
        if (event := await _entry(update, session, lang, event_id)) is not None:
            await field_command(update, context, session, lang, words, entity="event", ref=str(event_id),
                                version=event.version)


async def delevent_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/delevent <id>: hide the entry from readers (soft delete; /undo brings it back)."""
    event_id = _id(context.args, 1)
    if event_id is None:
        await send(update, Reply(t(lang, "maint.delevent.usage")))
        return
    async with db_session(context) as session:
        event = await _entry(update, session, lang, event_id)
        if event is None:
            return
        if event.hidden:
            await send(update, Reply(t(lang, "maint.event.already_hidden", id=event_id)))
            return
        try:
            await events.hide_event(session, event_id=event_id, expected_version=event.version,
                                    actor_id=update.effective_user.id, now=now(context))
        except Conflict as exc:
            await send(update, Reply(t(lang, "maint.conflict", seen=event.version, current=exc.current_version)))
            return
        await session.commit()
    await send(update, Reply(t(lang, "maint.event.hidden_done", id=event_id)))


async def undo_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/undo: revert this maintainer's latest change."""
    async with db_session(context) as session:
        try:
            undone = await undo.undo_last(session, actor_id=update.effective_user.id, now=now(context))
        except undo.CannotUndo as exc:
            await session.rollback()
            await send(update, Reply(t(lang, f"maint.undo.{exc.key}", **exc.values)))
            return
        granted = undone.entity == "maintainer" and await session.get(Maintainer, int(undone.key)) is not None
        await session.commit()
    if undone.entity == "topic":
        forget_topics(context)
        await refresh_menus(context.application)
    elif undone.entity == "maintainer":
        forget_maintainers(context)
        if granted:
            await set_menu(context.application, int(undone.key), owner=False)
        else:
            await clear_menu(context.application, int(undone.key))
    await send(update, undo_reply(lang, undone))
