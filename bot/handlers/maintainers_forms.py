"""The guided forms in chat: typed answers, button presses, /cancel, and timeouts.

A maintainer's plain text in a private chat belongs to their open form, if
any; otherwise it passes on to the reader handlers. A form abandoned for 30
minutes (the bot's clock) is dropped and its owner told so: by the sweep
job, or at the latest when they next answer it.
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden
from telegram.ext import Application, ApplicationHandlerStop, ContextTypes

from bot.handlers.common import db_session, edit, now, send, topics_in
from bot.handlers.maintainers_cards import taken_slugs, topic_added
from bot.handlers.maintainers_common import finish, language, role_of
from bot.handlers.maintainers_edits import apply_edit, entity_reply, start_edit
from bot.maintenance import drafts, events, forms, topics
from bot.maintenance.validation import Invalid
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_callbacks import EditField, FormChoice, decode
from bot.render.maint_forms import prompt
from bot.render.maint_text import invalid_text
from bot.render.reply import Reply
from storage.db import open_session
from storage.models import Draft

log = logging.getLogger(__name__)


async def _open_draft(update: Update, context: ContextTypes.DEFAULT_TYPE, session) -> Draft | None:
    """The maintainer's form in this chat; an expired one is dropped and reported (None)."""
    draft = await drafts.get_draft(session, chat_id=update.effective_chat.id, user_id=update.effective_user.id)
    if draft is not None and drafts.expired(draft, now(context)):
        await drafts.drop_draft(session, draft)
        await session.commit()
        if update.callback_query:
            await update.callback_query.answer()
        await send(update, Reply(t(draft.language, "maint.form.timed_out")))
        raise ApplicationHandlerStop
    return draft


async def form_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed answer to the open form; anything else passes on to the reader handlers."""
    if update.effective_user is None or await role_of(context, update.effective_user.id) is None:
        return
    try:
        handled = await _form_text(update, context)
    except ApplicationHandlerStop:
        raise
    except Exception as exc:  # noqa: BLE001 - reported as usual; the reader handlers must not answer too
        await context.application.process_error(update, exc)
        handled = True
    if handled:
        raise ApplicationHandlerStop


async def _form_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    text = update.effective_message.text or ""
    async with db_session(context) as session:
        draft = await _open_draft(update, context, session)
        if draft is None:
            return False
        lang = draft.language
        if draft.kind == "announce":  # an announcement waits for Send or Cancel
            await send(update, Reply(t(lang, "maint.invalid.use_buttons")))
            return True
        if draft.kind == forms.EDIT:
            if draft.step != "value":
                await send(update, Reply(t(lang, "maint.invalid.use_buttons")))
            else:
                await apply_edit(update, context, session, lang, ref=_edit_ref(draft), text=text, draft_id=draft.id)
            return True
        topic_list = await topics_in(session, context, lang)
        try:
            step, data = forms.accept_text(draft.kind, draft.step, draft.data, text,
                                           known_topics=[tv.slug for tv in topic_list],
                                           taken_slugs=await taken_slugs(session, context))
        except Invalid as exc:  # the same question again; a form answered wrongly is not abandoned
            await drafts.save_draft(session, draft, step=draft.step, data=draft.data, now=now(context))
            await session.commit()
            await send(update, Reply(invalid_text(lang, exc)))
            return True
        await drafts.save_draft(session, draft, step=step, data=data, now=now(context))
        await session.commit()
    await send(update, prompt(lang, draft, topic_list))
    return True


def _edit_ref(draft: Draft) -> EditField:
    data = draft.data
    return EditField(data["entity"], data["ref"], data["version"], data["field"])


async def form_button(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """A press on a form's or an entry's button."""
    query = update.callback_query
    ref = decode(query.data or "")
    async with db_session(context) as session:
        if isinstance(ref, EditField):
            await query.answer()
            await _edit_pressed(update, context, session, lang, ref)
            return
        draft = await _open_draft(update, context, session)
        if not isinstance(ref, FormChoice) or draft is None or draft.id != ref.draft_id:
            await query.answer(t(lang, "stale_button"), show_alert=True)
            return
        await query.answer()
        await _choice(update, context, session, draft, ref.choice)


async def _edit_pressed(update, context, session, lang: str, ref: EditField) -> None:
    """An entry's field button: ask for the value, unless the entry changed since it was shown."""
    if update.effective_chat.type != "private":
        await send(update, Reply(t(lang, "maint.private_only")))
        return
    shown = await entity_reply(session, ref.entity, ref.ref, lang)
    if shown is None:
        await send(update, Reply(t(lang, f"maint.{ref.entity}.not_found", ref=esc(ref.ref))))
        return
    current = (await events.get_event(session, event_id=int(ref.ref)) if ref.entity == "event"
               else await topics.get_topic(session, slug=ref.ref)).version
    if current != ref.version:
        note = t(lang, "maint.conflict", seen=ref.version, current=current)
        await send(update, await entity_reply(session, ref.entity, ref.ref, lang, note=note))
        return
    await start_edit(update, context, session, lang, ref)


async def _choice(update: Update, context: ContextTypes.DEFAULT_TYPE, session, draft: Draft, choice: str) -> None:
    lang, query = draft.language, update.callback_query
    if choice == forms.CANCEL:
        await drafts.drop_draft(session, draft)
        await session.commit()
        await query.edit_message_reply_markup(None)
        await send(update, Reply(t(lang, "maint.form.cancelled")))
        return
    if choice == forms.CONFIRM and draft.step == "preview":
        await _confirm(update, context, session, draft)
        return
    if draft.kind == forms.EDIT and choice == forms.DONE:
        await query.edit_message_reply_markup(None)
        await apply_edit(update, context, session, lang, ref=_edit_ref(draft), value=draft.data["topics"],
                         draft_id=draft.id)
        return
    topic_list = await topics_in(session, context, lang)
    try:
        if draft.step == "topics" and choice != forms.DONE and choice not in {tv.slug for tv in topic_list}:
            raise Invalid("use_buttons")  # forged data: only the topics shown can be toggled
        step, data = forms.accept_choice(draft.kind, draft.step, draft.data, choice)
    except Invalid as exc:
        await send(update, Reply(invalid_text(lang, exc)))
        return
    moved = step != draft.step
    await drafts.save_draft(session, draft, step=step, data=data, now=now(context))
    await session.commit()
    if moved:
        await query.edit_message_reply_markup(None)
        await send(update, prompt(lang, draft, topic_list))
    else:  # a topic toggled: the same prompt, its buttons updated
        await edit(update, prompt(lang, draft, topic_list))


async def _confirm(update: Update, context: ContextTypes.DEFAULT_TYPE, session, draft: Draft) -> None:
    """Store the previewed entry or topic and close the form."""
    lang, user = draft.language, update.effective_user
    if draft.kind == forms.ADD_EVENT:
        event = await events.create_event(session, data=forms.event_input(draft.data), actor_id=user.id,
                                          now=now(context))
        await drafts.drop_draft(session, draft)
        await session.commit()
        await update.callback_query.edit_message_reply_markup(None)
        await send(update, Reply(t(lang, "maint.event.added", id=event.id)))
        return
    data = forms.topic_input(draft.data)
    if data.slug in await taken_slugs(session, context):  # taken while the form was open
        await send(update, Reply(invalid_text(lang, Invalid("slug_taken", value=data.slug))))
        return
    await topics.create_topic(session, data=data, actor_id=user.id, now=now(context))
    await drafts.drop_draft(session, draft)
    await session.commit()
    await update.callback_query.edit_message_reply_markup(None)
    await topic_added(update, context, lang, data.slug)


async def cancel_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/cancel: leave the open form, whatever its step (anyone else's /cancel passes on)."""
    if update.effective_user is None or await role_of(context, update.effective_user.id) is None:
        return
    await finish(update, context, _cancel(update, context))


async def _cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    async with db_session(context) as session:
        draft = await _open_draft(update, context, session)
        if draft is not None:
            await drafts.drop_draft(session, draft)
            await session.commit()
    if draft is None:
        await send(update, Reply(t(await language(update, context), "maint.form.nothing_to_cancel")))
    else:
        await send(update, Reply(t(draft.language, "maint.form.cancelled")))


async def sweep_expired_forms(app: Application) -> int:
    """The timeout job: drop forms abandoned for 30 minutes and tell their owners; how many."""
    async with open_session(app.bot_data["engine"]) as session:
        expired = await drafts.take_expired(session, now=app.bot_data["clock"]())
        await session.commit()
    for draft in expired:
        try:
            await app.bot.send_message(draft.chat_id, t(draft.language, "maint.form.timed_out"))
        except (BadRequest, Forbidden) as exc:
            log.warning("could not tell %s that their form timed out: %s", draft.user_id, exc)
    return len(expired)
