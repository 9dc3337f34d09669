"""A group upgraded to a supergroup: move what it had, and say whom to tell about clashing schedules.

Telegram-free: the delivery engine (on a 400 with migrate_to_chat_id) and the handler of the
migration service message both call `move_group`, then commit; a second call finds nothing to move.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.chat_rights import admin_languages
from bot.briefing.chats import get_chat
from storage.chats import ScheduleClash, move_chat
from storage.models import Chat


@dataclass(frozen=True)
class GroupMove:
    old_id: int
    chat: Chat | None  # the supergroup's row (None: the group was never recorded)
    clashes: tuple[ScheduleClash, ...]
    admins: tuple[tuple[int, str], ...]  # (user id, language) to tell about the clashes


async def move_group(session: AsyncSession, *, old_id: int, new_id: int, now: dt.datetime) -> GroupMove:
    """Move the group's settings, schedules and links to the supergroup (the caller commits)."""
    clashes = tuple(await move_chat(session, old_id=old_id, new_id=new_id, now=now))
    chat = await get_chat(session, chat_id=new_id)
    admins = ()
    if clashes and chat is not None:
        admins = tuple(await admin_languages(session, chat_id=new_id, fallback=chat.language))
    return GroupMove(old_id, chat, clashes, admins)
