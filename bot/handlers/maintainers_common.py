"""The maintainers' gate and what their handlers share.

Maintainer handlers run in their own group before the reader handlers
(GROUP), and each stops the update once it answered, so an outsider's
/addevent gets "this command is for maintainers", never a reader reply too.
"""
from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes

from bot.fleet.changes import MAINTAINERS, tell_replicas
from bot.handlers.common import db_session, now, reader, send, settings_of
from bot.maintenance import access, drafts, forms
from bot.maintenance.access import Role
from bot.render.html import esc
from bot.render.i18n import t
from bot.render.maint_forms import prompt
from bot.render.reply import Reply

GROUP = -1
ROLES_TTL_SECONDS = 60.0  # grants are seen at once, on every replica (forget_maintainers)
MAINTAINERS_KEY = "maintainer_ids"

Callback = Callable[[Update, ContextTypes.DEFAULT_TYPE, str], Awaitable[None]]


async def role_of(context: ContextTypes.DEFAULT_TYPE, user_id: int | None) -> Role | None:
    """The user's role; maintainers' ids are kept in memory for ROLES_TTL_SECONDS."""
    cached = context.bot_data.get(MAINTAINERS_KEY)
    if cached is None or time.monotonic() - cached[0] >= ROLES_TTL_SECONDS:
        async with db_session(context) as session:
            cached = (time.monotonic(), await access.maintainer_ids(session))
        context.bot_data[MAINTAINERS_KEY] = cached
    return access.role_of(user_id, owners=settings_of(context).bot_owners, maintainers=cached[1])


def forget_maintainers(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Call after a grant or revoke."""
    context.bot_data.pop(MAINTAINERS_KEY, None)
    tell_replicas(context.bot_data, MAINTAINERS)


async def language(update: Update, context: ContextTypes.DEFAULT_TYPE) -> str:
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
    return lang


async def answer(update: Update, lang: str, key: str, **values: object) -> None:
    """A short answer: an alert on a button press, else a message."""
    if update.callback_query:
        await update.callback_query.answer(t(lang, key, **values), show_alert=True)
    else:
        await send(update, Reply(t(lang, key, **values)))


async def finish(update: Update, context: ContextTypes.DEFAULT_TYPE, work: Awaitable[None]) -> None:
    """Run a maintainer handler's work, then stop the update; errors go to the error handler as usual."""
    try:
        await work
    except ApplicationHandlerStop:
        raise
    except Exception as exc:  # noqa: BLE001 - reported like any handler's error, then the update stops
        await context.application.process_error(update, exc)
    raise ApplicationHandlerStop


def gated(callback: Callback, *, owners_only: bool = False, private_only: bool = False):
    """Only owners (and, unless `owners_only`, maintainers) get past; everyone else the same short answer.

    `private_only`: reports with user ids and feed URLs, and buttons that change the store, answer only in
    a private chat; in a group they say where to ask instead, and show nothing.
    """
    @functools.wraps(callback)
    async def handler(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        async def work() -> None:
            user = update.effective_user
            role = await role_of(context, user.id if user else None)
            lang = await language(update, context)
            if role is None:
                await answer(update, lang, "maint.denied")
            elif owners_only and role != "owner":
                await answer(update, lang, "maint.owners_only")
            elif private_only and update.effective_chat.type != "private":
                await answer(update, lang, "access.button_private_only" if update.callback_query
                             else "access.reports_private_only", bot_username=esc(context.bot.username))
            else:
                await callback(update, context, lang)
        await finish(update, context, work())
    return handler


def command_text(update: Update) -> str:
    """The message after the command word, line breaks kept (context.args loses them)."""
    text = update.effective_message.text or ""
    parts = text.split(None, 1)
    return parts[1].strip() if len(parts) > 1 else ""


async def start_form(update: Update, context: ContextTypes.DEFAULT_TYPE, session, lang: str, kind: str) -> None:
    """Open a guided form (private chats only: groups send bots no plain text) and ask its first question."""
    chat = update.effective_chat
    if chat.type != "private":
        await send(update, Reply(t(lang, "maint.private_only")))
        return
    draft = await drafts.start_draft(session, chat_id=chat.id, user_id=update.effective_user.id, kind=kind,
                                     step=forms.steps_of(kind)[0], data={}, language=lang, now=now(context))
    await session.commit()
    first = prompt(lang, draft, [])
    await send(update, Reply(t(lang, f"maint.form.start_{kind}") + "\n\n" + first.text, first.buttons))
