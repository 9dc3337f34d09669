"""When the bot may post in a group or channel, who administers it, and what a check found out.

No Telegram here: the facts come in as plain values (from `bot.handlers.chat_access`), and what
they mean for the store (the chat's row, its admins' links, its schedules) is decided here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.chats import get_chat, record_chat
from bot.briefing.push_settings import reschedule
from storage.chat_admins import (
    ACTIVE, chat_links, confirm_admin, get_link, mark_lost, pause_chat_schedules, rights_paused_schedules,
)
from storage.models import Chat

# Why a check failed; each has its own answer in the catalogs ("access.<reason>").
NO_CHAT = "no_chat"  # Telegram does not know the chat (or it is a private chat)
BOT_NOT_IN_CHAT = "bot_not_in_chat"  # the bot is not (or no longer) a member
BOT_CANNOT_POST = "bot_cannot_post"  # a member, but without the right to post
NOT_ADMIN = "not_admin"  # the person is neither its creator nor an administrator
BAD_REF = "bad_ref"  # the text names no chat at all
UNAVAILABLE = "unavailable"  # Telegram did not answer; nothing was concluded
REASONS = (NO_CHAT, BOT_NOT_IN_CHAT, BOT_CANNOT_POST, NOT_ADMIN, BAD_REF, UNAVAILABLE)

LINKABLE_TYPES = ("group", "supergroup", "channel")
ADMIN_STATUSES = ("creator", "administrator")


@dataclass(frozen=True)
class MemberFacts:
    """What Telegram's ChatMember says about one member (None: the field is absent)."""

    status: str  # creator | administrator | member | restricted | left | kicked
    is_member: bool | None = None  # restricted members only
    can_post_messages: bool | None = None  # channel administrators only
    can_send_messages: bool | None = None  # restricted members only

    @property
    def present(self) -> bool:
        return self.status in ("creator", "administrator", "member") or (
            self.status == "restricted" and bool(self.is_member))

    @property
    def is_admin(self) -> bool:
        return self.status in ADMIN_STATUSES


@dataclass(frozen=True)
class ChatFacts:
    id: int
    type: str
    title: str | None
    username: str | None


def bot_can_post(chat_type: str, bot: MemberFacts, *, members_may_send: bool = True) -> bool:
    """Channels: creator, or administrator with can_post_messages. Groups: any member not muted.

    `members_may_send` is the group's default permission; it binds plain members, not admins.
    """
    if not bot.present:
        return False
    if chat_type == "channel":
        return bot.status == "creator" or (bot.status == "administrator" and bool(bot.can_post_messages))
    if bot.status == "restricted":
        return bool(bot.can_send_messages)
    return bot.is_admin or members_may_send


def failure(*, bot_present: bool, user_is_admin: bool | None, can_post: bool) -> str | None:
    """The reason a check failed, most telling first: a non-admin learns nothing about the bot's rights."""
    if not bot_present:
        return BOT_NOT_IN_CHAT
    if user_is_admin is None:  # Telegram would not say (a channel where the bot is no admin)
        return BOT_CANNOT_POST
    if not user_is_admin:
        return NOT_ADMIN
    return None if can_post else BOT_CANNOT_POST


async def record_check(
    session: AsyncSession, *, chat: ChatFacts, bot_present: bool, can_post: bool, user_id: int,
    user_is_admin: bool | None, via: str, now: dt.datetime, language: str, timezone: str,
) -> Chat | None:
    """Store what a check learnt; the chat's row, which exists once an admin linked it (caller commits).

    A chat is recorded when a verified admin links it and the bot may post; after that every check
    refreshes its names and whether the bot may post. A verified admin's link is confirmed (created
    only when the whole check passed); someone Telegram calls no admin loses their link's rights.
    """
    row = await get_chat(session, chat_id=chat.id)
    passed = bot_present and can_post and user_is_admin is True
    if passed:
        row = await record_chat(
            session, chat_id=chat.id, type=chat.type, title=chat.title, username=chat.username,
            language=row.language if row else language, timezone=row.timezone if row else timezone, now=now)
    elif row is not None:
        row.title, row.username, row.updated_at = chat.title, chat.username, now
        note_bot_rights(row, present=bot_present, can_post=can_post, now=now)
        session.add(row)
    if user_is_admin is True and (passed or await get_link(session, chat_id=chat.id, user_id=user_id)):
        await confirm_admin(session, chat_id=chat.id, user_id=user_id, via=via, now=now)
    elif user_is_admin is False:
        await mark_lost(session, chat_id=chat.id, user_id=user_id, now=now)
    await session.flush()
    return row


def note_bot_rights(chat: Chat, *, present: bool, can_post: bool, now: dt.datetime) -> None:
    """A chat is active while the bot may post there; otherwise it says why not."""
    active = present and can_post
    reason = None if active else (BOT_CANNOT_POST if present else BOT_NOT_IN_CHAT)
    if (chat.active, chat.inactive_reason) != (active, reason):
        chat.active, chat.inactive_reason, chat.updated_at = active, reason, now


async def bot_lost_chat(session: AsyncSession, *, chat: Chat, present: bool, now: dt.datetime) -> int:
    """The bot was removed (or may no longer post): mark the chat, pause its schedules; how many paused."""
    note_bot_rights(chat, present=present, can_post=False, now=now)
    session.add(chat)
    await session.flush()
    return await pause_chat_schedules(session, chat_id=chat.id, now=now)


async def bot_may_post_again(session: AsyncSession, *, chat: Chat, now: dt.datetime) -> int:
    """The bot may post in the chat again: mark it active and resume the schedules paused for lost
    rights, their next run from now (no burst of missed pushes); an admin's pause stays. How many."""
    note_bot_rights(chat, present=True, can_post=True, now=now)
    session.add(chat)
    schedules = await rights_paused_schedules(session, chat_id=chat.id)
    for schedule in schedules:
        schedule.paused, schedule.paused_reason, schedule.updated_at = False, None, now
        reschedule(schedule, now=now)
        session.add(schedule)
    await session.flush()
    return len(schedules)


async def admin_languages(session: AsyncSession, *, chat_id: int, fallback: str) -> list[tuple[int, str]]:
    """The chat's current admins, each with the language of their private chat with the bot."""
    result = []
    for link in await chat_links(session, chat_id=chat_id, status=ACTIVE):
        result.append((link.user_id, await private_language(session, user_id=link.user_id, fallback=fallback)))
    return result


async def private_language(session: AsyncSession, *, user_id: int, fallback: str) -> str:
    private = await get_chat(session, chat_id=user_id)
    return private.language if private else fallback
