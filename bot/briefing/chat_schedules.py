"""Schedules that admins set for their groups and channels: one per kind and forum topic.

Telegram-free: the handlers verify the admin with Telegram before calling any
of these, and commit afterwards.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import digests
from bot.briefing.push_settings import reschedule
from storage.models import Chat, Schedule
from storage.models.chats import PAUSED_BY_ADMIN


@dataclass(frozen=True)
class ScheduleSpec:
    kind: str  # digest | onthisday
    frequency: str  # daily | weekly
    weekday: int | None
    time_local: str
    timezone: str
    topics: tuple[str, ...] | None  # None: the whole dossier
    language: str
    thread_id: int | None = None  # a forum topic of a supergroup


async def save_schedule(session: AsyncSession, *, chat: Chat, spec: ScheduleSpec, created_by: int,
                        now: dt.datetime) -> tuple[Schedule, bool]:
    """Create the chat's schedule of that kind (and topic), or replace its settings. True when created."""
    schedule = (await session.exec(select(Schedule).where(
        Schedule.chat_id == chat.id, Schedule.kind == spec.kind, Schedule.thread_id == spec.thread_id))).first()
    created = schedule is None
    if created:
        schedule = Schedule(chat_id=chat.id, kind=spec.kind, thread_id=spec.thread_id, created_by=created_by,
                            created_at=now)
        if spec.kind == "digest":  # the first digest brings what arrives from now on
            schedule.cursor_article_id = await digests.window_end(session, now=now)
            schedule.last_run_at = now
    schedule.frequency, schedule.weekday = spec.frequency, spec.weekday
    schedule.time_local, schedule.timezone = spec.time_local, spec.timezone
    schedule.topics = list(spec.topics) if spec.topics else None
    schedule.language, schedule.paused, schedule.paused_reason = spec.language, False, None
    reschedule(schedule, now=now)
    session.add(schedule)
    await session.flush()
    return schedule, created


async def chat_schedules(session: AsyncSession, *, chat_id: int) -> list[Schedule]:
    return list((await session.exec(
        select(Schedule).where(Schedule.chat_id == chat_id).order_by(Schedule.kind, Schedule.id))).all())


async def get_chat_row(session: AsyncSession, *, chat_id: int) -> Chat | None:
    return await session.get(Chat, chat_id)


async def get_schedule(session: AsyncSession, *, schedule_id: int) -> Schedule | None:
    return await session.get(Schedule, schedule_id)


async def change_schedule(session: AsyncSession, *, schedule: Schedule, now: dt.datetime, **fields) -> Schedule:
    """Set `fields` (paused, time_local) and the next run from now: a resumed schedule does not catch up.

    A pause set here is the admin's own: it stays until an admin resumes it."""
    for name, value in fields.items():
        setattr(schedule, name, value)
    if "paused" in fields:
        schedule.paused_reason = PAUSED_BY_ADMIN if fields["paused"] else None
    reschedule(schedule, now=now)
    session.add(schedule)
    await session.flush()
    return schedule


async def delete_schedule(session: AsyncSession, *, schedule: Schedule) -> None:
    await session.delete(schedule)
    await session.flush()
