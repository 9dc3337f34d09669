"""Chat changes Telegram tells the sender about: blocked or kicked (403), group upgraded to a supergroup.

Keyword-only and never committing: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select, update

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.deliveries import PENDING, SENDING
from storage.models import Chat, Delivery, Schedule, Subscription

SUPERGROUP = "supergroup"
# Core tables: these bulk statements need no ORM session synchronisation.
CHATS, SUBSCRIPTIONS, SCHEDULES, DELIVERIES = (m.__table__ for m in (Chat, Subscription, Schedule, Delivery))


async def deactivate_chat(session: AsyncSession, *, chat_id: int, reason: str, now: dt.datetime) -> bool:
    """The bot may no longer write there; False when the chat is not recorded."""
    result = await session.exec(update(CHATS).where(CHATS.c.id == chat_id)
                                   .values(active=False, inactive_reason=reason[:200], updated_at=now))
    return bool(result.rowcount)


async def move_chat(session: AsyncSession, *, old_id: int, new_id: int, now: dt.datetime) -> None:
    """A group became the supergroup `new_id`: the new chat gets the group's settings, subscriptions,
    schedules and unsent deliveries, and the old row remembers where it went. Idempotent.

    When the supergroup is already recorded (it wrote to the bot first), its own settings,
    subscribed topics and schedule kinds win over the group's."""
    old = await session.get(Chat, old_id)
    if old is None:
        await _repoint_deliveries(session, old_id, new_id)
        return
    if await session.get(Chat, new_id) is None:
        session.add(Chat(id=new_id, type=SUPERGROUP, title=old.title, language=old.language,
                         timezone=old.timezone, created_at=now, updated_at=now))
        await session.flush()
    subs, schedules = SUBSCRIPTIONS.c, SCHEDULES.c
    taken_topics = select(subs.topic_slug).where(subs.chat_id == new_id).scalar_subquery()
    await session.exec(update(SUBSCRIPTIONS).where(subs.chat_id == old_id, subs.topic_slug.not_in(taken_topics))
                          .values(chat_id=new_id))
    await session.exec(delete(SUBSCRIPTIONS).where(subs.chat_id == old_id))
    taken_kinds = select(schedules.kind).where(schedules.chat_id == new_id).scalar_subquery()
    await session.exec(update(SCHEDULES).where(schedules.chat_id == old_id, schedules.kind.not_in(taken_kinds))
                          .values(chat_id=new_id, updated_at=now))
    await session.exec(delete(SCHEDULES).where(schedules.chat_id == old_id))
    await _repoint_deliveries(session, old_id, new_id)
    await session.exec(update(CHATS).where(CHATS.c.id == old_id).values(
        active=False, migrated_to=new_id, inactive_reason=f"upgraded to the supergroup {new_id}", updated_at=now))
    session.expire_all()  # ORM objects loaded before the Core updates are stale now


async def _repoint_deliveries(session: AsyncSession, old_id: int, new_id: int) -> None:
    await session.exec(update(DELIVERIES).where(DELIVERIES.c.chat_id == old_id,
                                                   DELIVERIES.c.status.in_((PENDING, SENDING)))
                          .values(chat_id=new_id))
