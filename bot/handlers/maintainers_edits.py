"""Editing one field of an event or a topic card: from a button, or in one line; versioned."""
from __future__ import annotations

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Update
from telegram.ext import ContextTypes

from bot.briefing.events import view_columns, view_of
from bot.handlers.common import forget_topics, now, send, topics_in
from bot.handlers.maintainers_access import refresh_menus
from bot.maintenance import drafts, events, forms, topics
from bot.maintenance.validation import Invalid
from bot.maintenance.versioned import Conflict, NotFound
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_callbacks import EditField
from bot.render.maint_entries import event_reply, topic_reply
from bot.render.maint_forms import ask_value, prompt
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply
from storage.models import Draft, Event, EventSource, Source
from storage.seed_schema import LANGS


async def entity_reply(session: AsyncSession, entity: str, ref: str, lang: str, *, note: str = "") -> Reply | None:
    """The entry (or topic) with its field buttons; None if there is none."""
    if entity == "event":
        event = await session.get(Event, int(ref))
        if event is None:
            return None
        views = {shown: view_of((await session.exec(select(*view_columns(shown)).where(Event.id == event.id))).one())
                 for shown in LANGS}
        return event_reply(lang, event, views, note=note)
    try:
        topic = await topics.get_topic(session, slug=ref)
    except NotFound:
        return None
    return topic_reply(lang, topic, note=note)


async def current_value(session: AsyncSession, entity: str, ref: str, field: str) -> str:
    """A field's value as the maintainer would type it."""
    if entity == "topic":
        topic = await topics.get_topic(session, slug=ref)
        if field == "keywords":
            return ", ".join(term for group in topic.keywords.values() for term in group)
        return getattr(topic, field)
    event = await events.get_event(session, event_id=int(ref))
    if field == "date":
        return event.date.isoformat()[:{"day": 10, "month": 7, "year": 4}[event.precision]]
    if field == "sources":
        rows = (await session.exec(select(Source).join(EventSource, EventSource.source_id == Source.id)
                                   .where(EventSource.event_id == event.id).order_by(EventSource.position))).all()
        return "\n".join(f"{s.url or ''} | {s.outlet} | {s.title}" for s in rows)
    return getattr(event, field)


async def start_edit(update: Update, context: ContextTypes.DEFAULT_TYPE, session: AsyncSession, lang: str,
                     ref: EditField) -> None:
    """Ask for a field's new value (topics: toggle buttons), remembering the version shown."""
    user, chat = update.effective_user, update.effective_chat
    data = {"entity": ref.entity, "ref": ref.ref, "version": ref.version, "field": ref.field}
    if ref.field == "topics":
        event = await events.get_event(session, event_id=int(ref.ref))
        data["topics"] = (await events.snapshot(session, event))["topics"]
    draft = await drafts.start_draft(session, chat_id=chat.id, user_id=user.id, kind=forms.EDIT,
                                     step="topics" if ref.field == "topics" else "value", data=data, language=lang,
                                     now=now(context))
    current = "" if ref.field == "topics" else await current_value(session, ref.entity, ref.ref, ref.field)
    await session.commit()
    if ref.field == "topics":
        await send(update, prompt(lang, draft, await topics_in(session, context, lang)))
    else:
        await send(update, ask_value(lang, ref.field, current, f"#{ref.ref}" if ref.entity == "event" else ref.ref))


async def apply_edit(update: Update, context: ContextTypes.DEFAULT_TYPE, session: AsyncSession, lang: str, *,
                     ref: EditField, text: str | None = None, value=None, draft_id: int | None = None) -> bool:
    """Save one field (typed `text`, or a ready `value`); False when the input must be corrected."""
    saved = False
    try:
        if ref.entity == "event":
            known = [tv.slug for tv in await topics_in(session, context, lang)]
            value = events.parse_field(ref.field, text, known_topics=known) if text is not None else value
            await events.edit_event(session, event_id=int(ref.ref), expected_version=ref.version, field=ref.field,
                                    value=value, actor_id=update.effective_user.id, now=now(context))
        else:
            value = topics.parse_field(ref.field, text) if text is not None else value
            await topics.edit_topic(session, slug=ref.ref, expected_version=ref.version, field=ref.field,
                                    value=value, actor_id=update.effective_user.id, now=now(context))
        note, saved = t(lang, "maint.saved", field=esc(t(lang, f"maint.field.{ref.field}"))), True
    except Invalid as exc:
        await send(update, Reply(invalid_text(lang, exc)))
        return False
    except Conflict as exc:
        await session.rollback()
        note = t(lang, "maint.conflict", seen=ref.version, current=exc.current_version)
    except NotFound:
        await session.rollback()
        note = ""
    if draft_id is not None and (draft := await session.get(Draft, draft_id)) is not None:
        await drafts.drop_draft(session, draft)
    await session.commit()
    if saved and ref.entity == "topic":
        forget_topics(context)
        if ref.field.startswith("name_"):  # topic names are command descriptions in the menus
            await refresh_menus(context.application)
    reply = await entity_reply(session, ref.entity, ref.ref, lang, note=note) if note else None
    await send(update, reply or Reply(t(lang, f"maint.{ref.entity}.not_found", ref=esc(ref.ref))))
    return True


async def field_command(update: Update, context: ContextTypes.DEFAULT_TYPE, session: AsyncSession, lang: str,
                        words: list[str], *, entity: str, ref: str, version: int) -> None:
    """What /editevent and /editcard do after naming the entry: `[field [value]]`."""
    fields = events.FIELDS if entity == "event" else topics.FIELDS
    if len(words) == 1:
        await send(update, await entity_reply(session, entity, ref, lang))
        return
    field = words[1].lower()
    if field not in fields:
        await send(update, Reply(t(lang, "maint.fields", field=esc(field[:40]), fields=", ".join(fields))))
        return
    edit_ref = EditField(entity, ref, version, field)
    if len(words) == 3:
        await apply_edit(update, context, session, lang, ref=edit_ref, text=words[2])
    elif update.effective_chat.type != "private":
        await send(update, Reply(t(lang, "maint.private_only")))
    else:
        await start_edit(update, context, session, lang, edit_ref)
