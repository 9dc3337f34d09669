"""Chat changes Telegram tells the bot about: blocked or kicked (403), group upgraded to a supergroup.

Keyword-only and never committing: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.deliveries import PENDING, SENDING
from storage.models import Chat, ChatAdmin, Delivery, Schedule, Subscription

SUPERGROUP = "supergroup"
# Core tables: these bulk statements need no ORM session synchronisation.
CHATS, SUBSCRIPTIONS, SCHEDULES, DELIVERIES, ADMINS = (
    m.__table__ for m in (Chat, Subscription, Schedule, Delivery, ChatAdmin))


async def deactivate_chat(session: AsyncSession, *, chat_id: int, reason: str, now: dt.datetime) -> bool:
    """The bot may no longer write there; False when the chat is not recorded."""
    result = await session.exec(update(CHATS).where(CHATS.c.id == chat_id)
                                   .values(active=False, inactive_reason=reason[:200], updated_at=now))
    return bool(result.rowcount)


@dataclass(frozen=True)
class ScheduleClash:
    """The group and the supergroup both had a schedule of this kind (and forum topic); one was kept.

    `kept` and `dropped` are detached copies holding their timing, for the admins' notice."""

    kind: str
    thread_id: int | None
    kept: Schedule
    dropped: Schedule
    kept_group_s: bool  # the group's schedule was changed last and replaced the supergroup's


async def move_chat(session: AsyncSession, *, old_id: int, new_id: int, now: dt.datetime) -> list[ScheduleClash]:
    """A group became the supergroup `new_id`: the new chat gets the group's settings, subscriptions,
    schedules, admins' links and unsent deliveries, and the old row remembers where it went. Idempotent.

    When the supergroup is already recorded (it wrote to the bot first), its own settings and
    subscribed topics win over the group's; of two schedules of one kind (and forum topic) the one
    changed last is kept. Returns those clashes."""
    old = await session.get(Chat, old_id)
    if old is None:
        await _repoint_deliveries(session, old_id, new_id)
        return []
    if await session.get(Chat, new_id) is None:
        session.add(Chat(id=new_id, type=SUPERGROUP, title=old.title, language=old.language,
                         timezone=old.timezone, created_at=now, updated_at=now))
        await session.flush()
    subs = SUBSCRIPTIONS.c
    taken_topics = select(subs.topic_slug).where(subs.chat_id == new_id).scalar_subquery()
    await session.exec(update(SUBSCRIPTIONS).where(subs.chat_id == old_id, subs.topic_slug.not_in(taken_topics))
                          .values(chat_id=new_id))
    await session.exec(delete(SUBSCRIPTIONS).where(subs.chat_id == old_id))
    clashes = await _move_schedules(session, old_id, new_id, now)
    links = ADMINS.c
    taken_users = select(links.user_id).where(links.chat_id == new_id).scalar_subquery()
    await session.exec(update(ADMINS).where(links.chat_id == old_id, links.user_id.not_in(taken_users))
                          .values(chat_id=new_id))
    await session.exec(delete(ADMINS).where(links.chat_id == old_id))
    await _repoint_deliveries(session, old_id, new_id)
    await session.exec(update(CHATS).where(CHATS.c.id == old_id).values(
        active=False, migrated_to=new_id, inactive_reason=f"upgraded to the supergroup {new_id}", updated_at=now))
    session.expire_all()  # ORM objects loaded before the Core updates are stale now
    return clashes


async def _move_schedules(session: AsyncSession, old_id: int, new_id: int, now: dt.datetime) -> list[ScheduleClash]:
    rows = (await session.exec(select(Schedule).where(Schedule.chat_id.in_((old_id, new_id)))
                               .order_by(Schedule.id))).scalars().all()
    theirs = {(s.kind, s.thread_id): s for s in rows if s.chat_id == new_id}
    clashes = []
    for mine in (s for s in rows if s.chat_id == old_id):
        rival = theirs.get((mine.kind, mine.thread_id))
        if rival is not None:
            mine_newer = _changed(mine) > _changed(rival)  # a tie keeps the supergroup's own
            kept, dropped = (mine, rival) if mine_newer else (rival, mine)
            clashes.append(ScheduleClash(mine.kind, mine.thread_id, _timing(kept), _timing(dropped), mine_newer))
            await session.exec(delete(SCHEDULES).where(SCHEDULES.c.id == dropped.id))
            if not mine_newer:
                continue
        await session.exec(update(SCHEDULES).where(SCHEDULES.c.id == mine.id).values(chat_id=new_id, updated_at=now))
    return clashes


def _changed(schedule: Schedule) -> dt.datetime:
    return schedule.updated_at or schedule.created_at


def _timing(schedule: Schedule) -> Schedule:
    return Schedule(id=schedule.id, chat_id=schedule.chat_id, kind=schedule.kind, frequency=schedule.frequency,
                    weekday=schedule.weekday, time_local=schedule.time_local, timezone=schedule.timezone,
                    thread_id=schedule.thread_id, paused=schedule.paused)


async def _repoint_deliveries(session: AsyncSession, old_id: int, new_id: int) -> None:
    await session.exec(update(DELIVERIES).where(DELIVERIES.c.chat_id == old_id,
                                                   DELIVERIES.c.status.in_((PENDING, SENDING)))
                          .values(chat_id=new_id))
