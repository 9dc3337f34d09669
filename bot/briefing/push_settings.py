"""A chat's push settings: its digest and on-this-day schedules, timezone, language and topics.

Private chats have one schedule of each kind (rows in `schedules`, the source of
truth for when they next run); changing a setting updates the rows and their
next run time in the same transaction.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import digests, subscriptions
from bot.scheduling.next_run import Timing, next_run_at
from storage.models import Chat, Schedule

KINDS = ("digest", "onthisday")
DEFAULT_TIME = "09:00"
DEFAULT_FREQUENCY = {"digest": "daily", "onthisday": "daily"}


@dataclass(frozen=True)
class PushView:
    kind: str
    frequency: str  # daily | weekly | off
    weekday: int | None
    time_local: str
    next_run_at: dt.datetime | None


@dataclass(frozen=True)
class PushSettings:
    chat_id: int
    language: str
    timezone: str
    topics: tuple[str, ...]  # () not subscribed, ("*",) everything
    digest: PushView
    onthisday: PushView

    @property
    def subscribed(self) -> bool:
        return bool(self.topics)

    def next_push(self) -> PushView | None:
        """The push that comes first, when the chat is subscribed."""
        if not self.subscribed:
            return None
        due = [p for p in (self.digest, self.onthisday) if p.next_run_at is not None]
        return min(due, key=lambda p: p.next_run_at) if due else None


@dataclass(frozen=True)
class Change:
    """One setting to change; `value` is already validated by the caller's parser."""

    field: str  # digest | day | time | tz | onthisday | topics | lang
    value: object
    kind: str | None = None  # for time: digest | onthisday | None (both)


def timing_of(schedule: Schedule) -> Timing:
    return Timing(schedule.frequency, schedule.time_local, schedule.timezone, schedule.weekday)


def reschedule(schedule: Schedule, *, now: dt.datetime) -> None:
    """Recompute the next run from `now` after a change of timing."""
    schedule.next_run_at = next_run_at(timing_of(schedule), after=now)
    schedule.updated_at = now


async def private_schedules(session: AsyncSession, *, chat: Chat, now: dt.datetime) -> dict[str, Schedule]:
    """The chat's own digest and on-this-day schedules, created with the defaults when missing."""
    rows = (await session.exec(select(Schedule).where(
        Schedule.chat_id == chat.id, Schedule.thread_id == None, Schedule.kind.in_(KINDS))  # noqa: E711
        .order_by(Schedule.id))).all()
    found: dict[str, Schedule] = {}
    for row in rows:
        found.setdefault(row.kind, row)
    for kind in KINDS:
        if kind not in found:
            schedule = Schedule(chat_id=chat.id, kind=kind, frequency=DEFAULT_FREQUENCY[kind],
                                time_local=DEFAULT_TIME, timezone=chat.timezone, created_at=now, updated_at=now)
            if kind == "digest":  # the first digest brings what arrives after subscribing
                schedule.cursor_article_id = await digests.window_end(session, now=now)
            reschedule(schedule, now=now)
            session.add(schedule)
            found[kind] = schedule
    await session.flush()
    return found


async def load_settings(session: AsyncSession, *, chat: Chat, now: dt.datetime) -> PushSettings:
    schedules = await private_schedules(session, chat=chat, now=now)
    return await _settings(session, chat, schedules)


async def _settings(session: AsyncSession, chat: Chat, schedules: dict[str, Schedule]) -> PushSettings:
    topics = await subscriptions.subscribed_topics(session, chat_id=chat.id)
    return PushSettings(chat.id, chat.language, chat.timezone, topics,
                        _view(schedules["digest"]), _view(schedules["onthisday"]))


def _view(schedule: Schedule) -> PushView:
    return PushView(schedule.kind, schedule.frequency, schedule.weekday, schedule.time_local, schedule.next_run_at)


async def apply_change(session: AsyncSession, *, chat: Chat, change: Change, now: dt.datetime) -> PushSettings:
    """Apply one change (caller commits) and return the settings after it."""
    schedules = await private_schedules(session, chat=chat, now=now)
    digest, onthisday = schedules["digest"], schedules["onthisday"]
    touched: list[Schedule] = []
    if change.field == "digest":
        digest.frequency = str(change.value)
        if digest.frequency == "weekly" and digest.weekday is None:
            digest.weekday = 0
        touched = [digest]
    elif change.field == "day":
        digest.frequency, digest.weekday = "weekly", int(change.value)  # a day only makes sense weekly
        touched = [digest]
    elif change.field == "time":
        touched = [schedules[change.kind]] if change.kind else [digest, onthisday]
        for schedule in touched:
            schedule.time_local = str(change.value)
    elif change.field == "onthisday":
        onthisday.frequency = "daily" if change.value else "off"
        touched = [onthisday]
    elif change.field == "tz":
        chat.timezone = str(change.value)
        touched = [digest, onthisday]
        for schedule in touched:
            schedule.timezone = chat.timezone
    elif change.field == "lang":
        chat.language = str(change.value)
    elif change.field == "topics":
        # None: the whole dossier; (): nothing (the chat is unsubscribed).
        value = (subscriptions.ALL,) if change.value is None else tuple(change.value)
        await subscriptions.replace_topics(session, chat_id=chat.id, topics=value, now=now)
    else:
        raise ValueError(f"unknown setting {change.field!r}")
    for schedule in touched:
        reschedule(schedule, now=now)
        session.add(schedule)
    chat.updated_at = now
    session.add(chat)
    await session.flush()
    return await _settings(session, chat, schedules)



async def restart_pushes(session: AsyncSession, *, chat: Chat, now: dt.datetime) -> None:
    """A chat subscribing anew gets digests of what arrives from now on, not the backlog since it left."""
    digest = (await private_schedules(session, chat=chat, now=now))["digest"]
    digest.cursor_article_id = await digests.window_end(session, now=now)
    digest.last_run_at, digest.updated_at = now, now
    session.add(digest)
    await session.flush()
