"""/maintainers for owners: list, grant, revoke; and the maintainers' own command menus."""
from __future__ import annotations

import logging
import re

from telegram import Message, MessageOriginHiddenUser, MessageOriginUser, Update
from telegram.error import BadRequest
from telegram.ext import Application, ContextTypes

from bot.briefing.chats import get_chat
from bot.briefing.topics import list_topics
from bot.handlers.common import db_session, now, send, settings_of
from bot.handlers.maintainers_common import forget_maintainers, role_of
from bot.handlers.menus import clear_maintainer_menu, register_menus, set_maintainer_menu
from bot.maintenance import access
from bot.render.html import esc
from bot.render.i18n import CATALOGS, t
from bot.render.maint_reports import maintainers_reply
from bot.render.reply import Reply
from storage.db import open_session

log = logging.getLogger(__name__)


async def _topics(app: Application) -> dict:
    async with open_session(app.bot_data["engine"]) as session:
        return {lang: await list_topics(session, lang=lang) for lang in CATALOGS}


MENUS_SET = "maintainer_menus"  # bot_data: users whose maintainer menu is set


async def set_menu(app: Application, user_id: int, *, owner: bool, topics: dict | None = None,
                   known: bool = False) -> None:
    """The maintainer menu in the user's private chat; skipped until they opened one (`known`: they did)."""
    if not known:
        async with open_session(app.bot_data["engine"]) as session:
            known = await get_chat(session, chat_id=user_id) is not None
    if not known:
        return  # Telegram knows no such chat yet: set when they first send /start (menu_on_start)
    try:
        await set_maintainer_menu(app.bot, user_id, topics or await _topics(app),
                                  app.bot_data["settings"].default_language, owner=owner)
    except BadRequest as exc:
        log.warning("no maintainer menu for %s: %s", user_id, exc)
        return
    app.bot_data.setdefault(MENUS_SET, set()).add(user_id)


async def clear_menu(app: Application, user_id: int) -> None:
    app.bot_data.setdefault(MENUS_SET, set()).discard(user_id)
    try:
        await clear_maintainer_menu(app.bot, user_id)
    except BadRequest as exc:
        log.warning("could not clear the menu of %s: %s", user_id, exc)


async def refresh_menus(app: Application, *, readers: bool = True) -> None:
    """Every menu that lists topics: the readers' (unless `readers` is False) and each maintainer's."""
    topics = await _topics(app)
    settings = app.bot_data["settings"]
    if readers:
        await register_menus(app.bot, topics, settings.default_language)
    async with open_session(app.bot_data["engine"]) as session:
        maintainers = await access.maintainer_ids(session)
    for user_id in settings.bot_owners:
        await set_menu(app, user_id, owner=True, topics=topics)
    for user_id in sorted(maintainers - set(settings.bot_owners)):
        await set_menu(app, user_id, owner=False, topics=topics)


async def menu_on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/start by an owner or maintainer whose menu is not set yet: set it (the readers' /start answers)."""
    user, chat = update.effective_user, update.effective_chat
    if user is None or chat is None or chat.type != "private" or user.id in context.bot_data.get(MENUS_SET, ()):
        return
    role = await role_of(context, user.id)
    if role is not None:
        await set_menu(context.application, user.id, owner=role == "owner", known=True)


def _replied_user(message: Message) -> tuple[int | None, str | None, bool]:
    """(id, name, hidden) of the user a replied-to message came from; a forward counts as its origin."""
    replied = message.reply_to_message
    if replied is None:
        return None, None, False
    origin = replied.forward_origin
    if isinstance(origin, MessageOriginHiddenUser):
        return None, origin.sender_user_name, True
    user = origin.sender_user if isinstance(origin, MessageOriginUser) else replied.from_user
    if user is None or user.is_bot:
        return None, None, False
    return user.id, user.full_name, False


async def maintainers_command(update: Update, context: ContextTypes.DEFAULT_TYPE, lang: str) -> None:
    """/maintainers [add|remove <user id>], or add/remove in reply to the user's message."""
    args, settings = context.args, settings_of(context)
    action = args[0].lower() if args else ""
    if not args:
        if update.effective_chat.type != "private":  # the list names people by id: not for a group's members
            await send(update, Reply(t(lang, "access.reports_private_only", bot_username=esc(context.bot.username))))
            return
        async with db_session(context) as session:
            rows = await access.list_maintainers(session)
        await send(update, maintainers_reply(lang, settings.bot_owners, rows))
        return
    user_id, name, hidden = _replied_user(update.effective_message) if len(args) == 1 else (None, None, False)
    if len(args) == 2 and re.fullmatch(r"\d{1,15}", args[1]):
        user_id = int(args[1])
    if hidden:
        await send(update, Reply(t(lang, "maint.access.hidden", name=esc(name))))
        return
    if action not in ("add", "remove") or user_id is None or len(args) > 2:
        await send(update, Reply(t(lang, "maint.access.usage")))
        return
    async with db_session(context) as session:
        try:
            if action == "add":
                known = await get_chat(session, chat_id=user_id)
                name = name or (known.title if known else None)
                await access.grant(session, user_id=user_id, name=name, by=update.effective_user.id,
                                   owners=settings.bot_owners, now=now(context))
            else:
                name = (await access.revoke(session, user_id=user_id, by=update.effective_user.id,
                                            owners=settings.bot_owners, now=now(context))).name
        except access.AccessChange as exc:
            await send(update, Reply(t(lang, f"maint.access.{exc.key}", id=user_id)))
            return
        await session.commit()
    forget_maintainers(context)
    if action == "add":
        await set_menu(context.application, user_id, owner=False)
    else:
        await clear_menu(context.application, user_id)
    who = f"{esc(name)} ({user_id})" if name else str(user_id)
    await send(update, Reply(t(lang, f"maint.access.{'granted' if action == 'add' else 'revoked'}", who=who)))
