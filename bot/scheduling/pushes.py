"""Turn due schedules into outbox rows: one transaction per batch writes the deliveries and moves
each schedule on (next run, digest cursor), so a push is planned exactly once, even across a crash.

A push that fell due while the bot was down is still sent within its grace
window (digests: 12 hours; on-this-day: the same local day), else skipped and
logged; either way the schedule moves to its next run after now, so nothing
runs twice to catch up.
"""
from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.briefing import digest_pages, digests
from bot.briefing.onthisday import on_this_day
from bot.briefing.push_settings import timing_of
from bot.briefing.subscriptions import ALL, subscribed_topics
from bot.briefing.topics import list_topics
from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.render.html import split_message
from bot.render.pushes import digest_reply, onthisday_push
from bot.render.reply import Reply
from bot.render.web_links import digest_path, page_url
from bot.scheduling.next_run import local_date, next_run_at
from storage.db import open_session
from storage.models import Chat, Schedule

log = logging.getLogger(__name__)

DIGEST_GRACE = dt.timedelta(hours=12)
BATCH = 500  # schedules planned per transaction


@dataclass
class PlanReport:
    planned: int = 0  # schedules that produced a push
    empty: int = 0  # nothing to say: no message
    late: int = 0  # past their grace window: skipped
    deliveries: int = 0  # outbox rows written
    errors: list[str] = field(default_factory=list)


def too_late(schedule: Schedule, slot: dt.datetime, now: dt.datetime) -> bool:
    if schedule.kind == "onthisday":
        return local_date(now, schedule.timezone) != local_date(slot, schedule.timezone)
    return now - slot > DIGEST_GRACE


class _Planner:
    """Plans one batch; identical digests (same topics, window and language) are composed once.

    With `public_url`, a digest to a channel or group is kept as a web page (one per identical
    digest) and its "more" button links there: a reader there may never have started the bot."""

    def __init__(self, session: AsyncSession, now: dt.datetime, public_url: str | None = None) -> None:
        self.session, self.now, self.public_url = session, now, public_url
        self._upto: int | None = None
        self._digests: dict[tuple, tuple[digests.Digest, dict[str, str], tuple[int, ...]] | None] = {}
        self._replies: dict[tuple, Reply] = {}
        self._topics: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {}
        self._anniversaries: dict[tuple, Reply | None] = {}

    async def topics(self, lang: str) -> tuple[tuple[str, ...], dict[str, str]]:
        if lang not in self._topics:
            views = await list_topics(self.session, lang=lang)
            self._topics[lang] = (tuple(v.slug for v in views), {v.slug: v.name for v in views})
        return self._topics[lang]

    async def reply_for(self, schedule: Schedule, chat: Chat, slot: dt.datetime) -> Reply | None:
        lang = schedule.language or chat.language
        if schedule.topics:
            topics = tuple(schedule.topics)
        elif chat.type == "private":
            topics = await subscribed_topics(self.session, chat_id=chat.id)
        else:
            topics = (ALL,)
        if not topics:
            return None  # a private chat that unsubscribed keeps its settings but gets no pushes
        if schedule.kind == "onthisday":
            return await self._onthisday(local_date(slot, schedule.timezone), lang)
        return await self._digest(schedule, topics, lang, shared=chat.type != "private")

    async def _onthisday(self, day: dt.date, lang: str) -> Reply | None:
        key = (day, lang)
        if key not in self._anniversaries:
            self._anniversaries[key] = onthisday_push(lang, await on_this_day(self.session, day=day, lang=lang))
        return self._anniversaries[key]

    async def _digest(self, schedule: Schedule, topics: tuple[str, ...], lang: str, *, shared: bool
                      ) -> Reply | None:
        if self._upto is None:
            self._upto = await digests.window_end(self.session, now=self.now)
        win = digests.window(cursor=schedule.cursor_article_id, upto_id=self._upto, last_run=schedule.last_run_at,
                             created=schedule.created_at, now=self.now)
        schedule.cursor_article_id = win.upto_id
        key = (topics, win, lang)
        if key not in self._digests:
            order, names = await self.topics(lang)
            digest = await digests.compose_digest(self.session, topics=topics, win=win, lang=lang, topic_order=order)
            ids = await digests.topic_ids(self.session, topics=topics)
            self._digests[key] = None if digest.empty else (digest, names, ids)
        composed = self._digests[key]
        if composed is None:
            return None
        linked = shared and self.public_url is not None and composed[0].more > 0
        if (key, linked) not in self._replies:
            digest, names, ids = composed
            more_url = None
            if linked:
                page = await digest_pages.record_page(self.session, win=digest.window, topics=topics, lang=lang,
                                                      now=self.now)
                more_url = page_url(self.public_url, digest_path(page))
            self._replies[(key, linked)] = digest_reply(lang, digest, names, topic_ids=ids, more_url=more_url)
        return self._replies[(key, linked)]


def drafts_for(schedule: Schedule, slot: dt.datetime, reply: Reply) -> list[DeliveryDraft]:
    """One outbox row per message part; the key makes a planned push unique."""
    parts = split_message(reply.text)
    base = f"{schedule.kind}:{schedule.id}:{slot:%Y%m%dT%H%M}"
    return [
        DeliveryDraft(dedup_key=f"{base}:{i}", chat_id=schedule.chat_id, kind=schedule.kind, text=part,
                      buttons=reply.buttons if i == len(parts) - 1 else (), thread_id=schedule.thread_id,
                      schedule_id=schedule.id)
        for i, part in enumerate(parts)
    ]


def _due(now: dt.datetime):
    return (
        select(Schedule, Chat).join(Chat, Chat.id == Schedule.chat_id)
        .where(Schedule.next_run_at <= now, Schedule.paused == False, Chat.active == True)  # noqa: E712
        .order_by(Schedule.next_run_at, Schedule.id)
    )


async def plan_due(engine: AsyncEngine, *, now: dt.datetime, public_url: str | None = None) -> PlanReport:
    """Plan every schedule due at `now`, a batch per transaction; `public_url`: PUBLIC_URL, for digest pages."""
    report = PlanReport()
    while True:
        async with open_session(engine) as session:
            rows = (await session.exec(_due(now).limit(BATCH))).all()
            if not rows:
                return report
            planner, drafts = _Planner(session, now, public_url), []
            for schedule, chat in rows:
                slot = schedule.next_run_at
                if too_late(schedule, slot, now):
                    report.late += 1
                    log.warning("skipped %s for chat %s due %s: past its grace window", schedule.kind, chat.id,
                                slot.isoformat())
                else:
                    reply = await planner.reply_for(schedule, chat, slot)
                    if reply is None:
                        report.empty += 1
                    else:
                        report.planned += 1
                        drafts += drafts_for(schedule, slot, reply)
                    schedule.last_run_at = now
                schedule.next_run_at = next_run_at(timing_of(schedule), after=max(now, slot))
                session.add(schedule)
            report.deliveries += await enqueue(session, drafts=drafts, now=now)
            await session.commit()


async def earliest_due(engine: AsyncEngine) -> dt.datetime | None:
    """When the next schedule falls due, for the wake-up job."""
    async with open_session(engine) as session:
        query = (select(func.min(Schedule.next_run_at)).join(Chat, Chat.id == Schedule.chat_id)
                 .where(Schedule.paused == False, Chat.active == True))  # noqa: E712
        return (await session.exec(query)).one()


async def preview(session: AsyncSession, *, schedule: Schedule, chat: Chat, now: dt.datetime) -> Reply | None:
    """The push `schedule` would send next, exactly as composed for the chat; the caller must not commit
    (composing moves the digest cursor in the session)."""
    slot = now if schedule.kind == "digest" else (schedule.next_run_at or now)
    return await _Planner(session, now).reply_for(schedule, chat, slot)
