"""Queries over linked chats: who administers which chat, and what happens to a chat the bot lost.

Keyword-only and never committing: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import func, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Chat, ChatAdmin, Schedule
from storage.models.chats import PAUSED_BY_RIGHTS

ACTIVE, LOST = "active", "lost"


async def get_link(session: AsyncSession, *, chat_id: int, user_id: int) -> ChatAdmin | None:
    query = select(ChatAdmin).where(ChatAdmin.chat_id == chat_id, ChatAdmin.user_id == user_id)
    return (await session.exec(query)).first()


async def confirm_admin(session: AsyncSession, *, chat_id: int, user_id: int, via: str, now: dt.datetime) -> ChatAdmin:
    """Telegram says `user_id` administers the chat: link them, or mark their link verified again."""
    link = await get_link(session, chat_id=chat_id, user_id=user_id)
    if link is None:
        link = ChatAdmin(chat_id=chat_id, user_id=user_id, linked_via=via, created_at=now)
    link.status, link.verified_at, link.checked_at, link.updated_at = ACTIVE, now, now, now
    session.add(link)
    await session.flush()
    return link


async def mark_lost(session: AsyncSession, *, chat_id: int, user_id: int, now: dt.datetime) -> ChatAdmin | None:
    """Telegram says `user_id` no longer administers the chat; their link (if any) stays, marked lost."""
    link = await get_link(session, chat_id=chat_id, user_id=user_id)
    if link is not None:
        if link.status != LOST:
            link.status, link.updated_at = LOST, now
        link.checked_at = now
        session.add(link)
        await session.flush()
    return link


async def mark_checked(session: AsyncSession, *, chat_id: int, now: dt.datetime) -> None:
    """Every link of the chat was looked at now (even when Telegram could not tell us about them)."""
    await session.exec(update(ChatAdmin).where(col(ChatAdmin.chat_id) == chat_id).values(checked_at=now))


async def linked_chats(session: AsyncSession, *, user_id: int) -> list[tuple[ChatAdmin, Chat]]:
    """The chats `user_id` administers, oldest link first: the order /channels numbers them in."""
    query = (select(ChatAdmin, Chat).join(Chat, col(Chat.id) == ChatAdmin.chat_id)
             .where(ChatAdmin.user_id == user_id, ChatAdmin.status == ACTIVE)
             .order_by(col(ChatAdmin.created_at), col(ChatAdmin.id)))
    return [(link, chat) for link, chat in (await session.exec(query)).all()]


async def chat_links(session: AsyncSession, *, chat_id: int, status: str | None = None) -> list[ChatAdmin]:
    """The links of one chat (all of them, or those with `status`)."""
    query = select(ChatAdmin).where(ChatAdmin.chat_id == chat_id).order_by(col(ChatAdmin.id))
    if status is not None:
        query = query.where(ChatAdmin.status == status)
    return list((await session.exec(query)).all())


async def chats_due_for_check(session: AsyncSession, *, checked_before: dt.datetime, limit: int) -> list[int]:
    """Chats with a link not asked about since `checked_before`, the longest unchecked first."""
    oldest = func.min(func.coalesce(ChatAdmin.checked_at, ChatAdmin.created_at))
    query = (select(ChatAdmin.chat_id).group_by(col(ChatAdmin.chat_id))
             .having(oldest < checked_before).order_by(oldest, col(ChatAdmin.chat_id)).limit(limit))
    return list((await session.exec(query)).all())


async def pause_chat_schedules(session: AsyncSession, *, chat_id: int, now: dt.datetime) -> int:
    """Pause every running schedule of the chat for lost rights; how many were paused."""
    result = await session.exec(
        update(Schedule).where(col(Schedule.chat_id) == chat_id, col(Schedule.paused).is_(False))
        .values(paused=True, paused_reason=PAUSED_BY_RIGHTS, updated_at=now))
    return result.rowcount or 0


async def rights_paused_schedules(session: AsyncSession, *, chat_id: int) -> list[Schedule]:
    """The chat's schedules paused because the bot could not post (not those an admin paused)."""
    query = (select(Schedule).where(Schedule.chat_id == chat_id, col(Schedule.paused).is_(True),
                                    Schedule.paused_reason == PAUSED_BY_RIGHTS).order_by(col(Schedule.id)))
    return list((await session.exec(query)).all())


async def schedule_counts(session: AsyncSession, *, chat_id: int) -> tuple[int, int]:
    """(all, paused) schedules of the chat."""
    query = select(func.count(), func.count().filter(col(Schedule.paused).is_(True))).where(Schedule.chat_id == chat_id)
    total, paused = (await session.exec(query)).one()
    return total, paused
