"""May this person manage that group or channel? Asked of Telegram on every link and every change.

The API for everything admins do to a chat (linking here; /schedule, /schedules, /preview next):

    result = await verify_admin(context.bot, session, chat_ref=args[0], user_id=user.id, now=now(context),
                                language=lang, timezone=settings.default_timezone)
    if not result.ok:
        return await send(update, Reply(access_text(lang, result.reason)))
    chat = result.chat            # the storage Chat row (id, title, username, timezone, language ...)
    await session.commit()        # verify_admin writes what it learnt; the caller commits

`chat_ref` is what the admin typed (`@username`, a t.me link, `-100…` id, or the number /channels
shows), resolved by `bot.briefing.linked_chats.resolve_chat_ref`; an `int` is taken as a chat id as is.
`result.reason` (None when ok) is one of `bot.briefing.chat_rights.REASONS`:
`no_chat`, `bot_not_in_chat`, `bot_cannot_post`, `not_admin`, `bad_ref`, `unavailable`; each has its
catalog text "access.<reason>" in every language. Checks, in Telegram calls: getChat (the chat exists
and is a group, supergroup or channel), getChatMember(bot) (present; may post: can_post_messages in
channels, not muted in groups), getChatMember(user) (creator or administrator).
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession
from telegram import Bot, ChatMember
from telegram.error import BadRequest, ChatMigrated, Forbidden, TelegramError

from bot.briefing.chat_rights import (
    LINKABLE_TYPES, NO_CHAT, UNAVAILABLE, ChatFacts, MemberFacts, bot_can_post, failure, record_check,
)
from bot.briefing.linked_chats import resolve_chat_ref
from bot.render.i18n import t
from storage.models import Chat

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AccessResult:
    ok: bool
    chat: Chat | None  # the stored chat (None when Telegram knew nothing of it or nobody linked it yet)
    reason: str | None = None  # why not ok: one of chat_rights.REASONS


@dataclass(frozen=True)
class ChatProbe:
    """What Telegram says about a chat and the bot in it (and a person, when asked)."""

    chat: ChatFacts | None
    reason: str | None = None  # NO_CHAT or UNAVAILABLE: nothing else is known
    bot_present: bool = False
    can_post: bool = False
    user_is_admin: bool | None = None  # None: not asked, or Telegram would not say


async def verify_admin(
    bot: Bot, session: AsyncSession, *, chat_ref: str | int, user_id: int, now: dt.datetime,
    via: str = "verify", language: str = "ru", timezone: str = "Asia/Baku",
) -> AccessResult:
    """Is `user_id` the creator or an administrator of the chat, and may the bot post there?

    On success the chat is recorded (new ones with `language` and `timezone`) and the person linked
    as its admin (`via` says how: added, link, forward, group, verify); a person Telegram calls no
    admin has their link marked lost. Writes through `session` without committing.
    """
    target: int | str = chat_ref
    if isinstance(chat_ref, str):
        resolved = await resolve_chat_ref(session, text=chat_ref, user_id=user_id)
        if resolved.target is None:
            return AccessResult(False, None, resolved.reason)
        target = resolved.target
    probe = await probe_chat(bot, target, user_id=user_id)
    if probe.chat is None:
        return AccessResult(False, None, probe.reason)
    chat = await record_check(
        session, chat=probe.chat, bot_present=probe.bot_present, can_post=probe.can_post, user_id=user_id,
        user_is_admin=probe.user_is_admin, via=via, now=now, language=language, timezone=timezone)
    reason = failure(bot_present=probe.bot_present, user_is_admin=probe.user_is_admin, can_post=probe.can_post)
    return AccessResult(reason is None, chat, reason)


def access_text(lang: str, reason: str) -> str:
    """The answer to a failed check, with what to do about it."""
    return t(lang, f"access.{reason}")


async def probe_chat(bot: Bot, target: int | str, *, user_id: int | None = None) -> ChatProbe:
    """Ask Telegram about the chat, the bot's membership and rights, and (optionally) `user_id`."""
    try:
        try:
            info = await bot.get_chat(target)
        except ChatMigrated as exc:  # a basic group that became a supergroup
            info = await bot.get_chat(exc.new_chat_id)
    except (BadRequest, Forbidden) as exc:
        log.info("getChat %s: %s", target, exc)
        return ChatProbe(None, NO_CHAT)
    except TelegramError as exc:
        log.warning("getChat %s: %s", target, exc)
        return ChatProbe(None, UNAVAILABLE)
    if info.type not in LINKABLE_TYPES:
        return ChatProbe(None, NO_CHAT)
    facts = ChatFacts(id=info.id, type=info.type, title=info.title, username=info.username)
    try:
        me = member_facts(await bot.get_chat_member(info.id, bot.id))
    except (BadRequest, Forbidden):
        return ChatProbe(facts, bot_present=False)
    except TelegramError as exc:
        log.warning("getChatMember %s (the bot): %s", info.id, exc)
        return ChatProbe(None, UNAVAILABLE)
    permissions = getattr(info, "permissions", None)
    members_may_send = permissions is None or permissions.can_send_messages is not False
    can_post = bot_can_post(info.type, me, members_may_send=members_may_send)
    if not me.present or user_id is None:
        return ChatProbe(facts, bot_present=me.present, can_post=can_post)
    try:
        is_admin = await probe_admin(bot, info.id, user_id)
    except TelegramError as exc:
        log.warning("getChatMember %s (user %s): %s", info.id, user_id, exc)
        return ChatProbe(None, UNAVAILABLE)
    return ChatProbe(facts, bot_present=True, can_post=can_post, user_is_admin=is_admin)


async def probe_admin(bot: Bot, chat_id: int, user_id: int) -> bool | None:
    """Does Telegram call `user_id` the chat's creator or an administrator? None: it would not say
    (a channel where the bot is no admin). Raises TelegramError when Telegram did not answer."""
    try:
        return member_facts(await bot.get_chat_member(chat_id, user_id)).is_admin
    except BadRequest as exc:
        # "member list is inaccessible": only a channel's admins may look at its members.
        return None if "inaccessible" in str(exc).lower() else False
    except Forbidden:
        return None


def member_facts(member: ChatMember) -> MemberFacts:
    return MemberFacts(
        status=member.status, is_member=getattr(member, "is_member", None),
        can_post_messages=getattr(member, "can_post_messages", None),
        can_send_messages=getattr(member, "can_send_messages", None))
