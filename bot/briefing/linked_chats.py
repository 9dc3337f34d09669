"""The chats a person administers, numbered as /channels shows them, and `<chat>` references.

A `<chat>` is what an admin types to name a group or channel: `@username`, a t.me link, the
numeric chat id (`-100…`), or the number /channels shows beside it.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing.chat_rights import BAD_REF, NO_CHAT
from storage.chat_admins import linked_chats

# Telegram usernames: 4-32 characters, a letter first, then letters, digits and underscores.
_USERNAME = r"[A-Za-z][A-Za-z0-9_]{3,31}"
_LINK = re.compile(rf"(?:https?://)?(?:t|telegram)\.me/(?:s/)?({_USERNAME})(?:/\d+)?/?", re.IGNORECASE)
_PRIVATE_LINK = re.compile(r"(?:https?://)?(?:t|telegram)\.me/c/(\d{1,16})(?:/\d+)*/?", re.IGNORECASE)


@dataclass(frozen=True)
class LinkedChat:
    number: int  # 1-based, as /channels lists it
    chat_id: int
    type: str
    title: str | None
    username: str | None
    can_post: bool  # the bot may post there, as last seen
    verified_at: dt.datetime | None  # when Telegram last confirmed this person an admin


@dataclass(frozen=True)
class ListNumber:
    """A position in the person's /channels list."""

    value: int


@dataclass(frozen=True)
class ResolvedRef:
    """What to ask Telegram about: a chat id or "@username"; None with the reason it names nothing."""

    target: int | str | None
    reason: str | None = None  # BAD_REF (not a chat reference) | NO_CHAT (no such number in /channels)


async def list_linked_chats(session: AsyncSession, *, user_id: int) -> list[LinkedChat]:
    rows = await linked_chats(session, user_id=user_id)
    return [LinkedChat(number=i, chat_id=chat.id, type=chat.type, title=chat.title, username=chat.username,
                       can_post=chat.active, verified_at=link.verified_at)
            for i, (link, chat) in enumerate(rows, start=1)]


def parse_chat_ref(text: str) -> int | str | ListNumber | None:
    """A t.me link or "@name" → "@name"; "-100…" or a t.me/c/ link → chat id; "3" → ListNumber(3)."""
    word = text.strip()
    if re.fullmatch(r"-\d{1,16}", word):
        return int(word)
    if re.fullmatch(r"\d{1,4}", word):
        return ListNumber(int(word)) if int(word) > 0 else None
    if m := _PRIVATE_LINK.fullmatch(word):
        return int(f"-100{m[1]}")
    if m := (_LINK.fullmatch(word) or re.fullmatch(rf"@({_USERNAME})", word)):
        return "@" + m[1]
    return None


async def resolve_chat_ref(session: AsyncSession, *, text: str, user_id: int) -> ResolvedRef:
    """Turn what `user_id` typed into a chat id or "@username" (a list number against their /channels)."""
    ref = parse_chat_ref(text)
    if ref is None:
        return ResolvedRef(None, BAD_REF)
    if isinstance(ref, ListNumber):
        chats = await list_linked_chats(session, user_id=user_id)
        if ref.value > len(chats):
            return ResolvedRef(None, NO_CHAT)
        return ResolvedRef(chats[ref.value - 1].chat_id)
    return ResolvedRef(ref)


async def number_of(session: AsyncSession, *, user_id: int, chat_id: int) -> int | None:
    """The chat's number in the person's /channels list (None if they are not linked to it)."""
    return next((c.number for c in await list_linked_chats(session, user_id=user_id) if c.chat_id == chat_id), None)
