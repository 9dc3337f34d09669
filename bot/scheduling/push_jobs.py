"""APScheduler wiring for pushes: it only wakes the planner; the database says what is due.

One job, retargeted to the earliest `next_run_at` whenever schedules change,
plus a once-a-minute safety tick (schedules changed by another process, a
clock step). Both run the same planner under a lock, coalesced, with no misfire
limit: a wake-up that comes late still runs, and the grace windows in
`bot.scheduling.pushes` decide what is still worth sending.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.delivery.lifecycle import wake_sender
from bot.fleet.changes import SCHEDULES, tell_replicas
from bot.scheduling.pushes import PlanReport, earliest_due, plan_due
from storage.types import utcnow

log = logging.getLogger(__name__)
WAKE_JOB, TICK_JOB = "pushes", "pushes-tick"
TICK = dt.timedelta(minutes=1)
LOCK_KEY = "push_lock"
JOB_OPTIONS = dict(coalesce=True, misfire_grace_time=None, max_instances=1, replace_existing=True)


def add_push_jobs(scheduler: AsyncIOScheduler, app) -> None:
    """At start-up: plan at once (pushes that fell due while the bot was down), then tick."""
    scheduler.add_job(run_pushes, DateTrigger(run_date=utcnow()), args=(app,), id=WAKE_JOB, **JOB_OPTIONS)
    scheduler.add_job(run_pushes, IntervalTrigger(seconds=TICK.total_seconds()), args=(app,), id=TICK_JOB,
                      **JOB_OPTIONS)


async def run_pushes(app) -> PlanReport:
    """Plan what is due by the bot's clock, wake the delivery engine, and retarget the wake-up."""
    data = app.bot_data
    lock: asyncio.Lock = data.setdefault(LOCK_KEY, asyncio.Lock())
    async with lock:
        report = await plan_due(data["engine"], now=data["clock"](), public_url=data["settings"].public_url)
    if report.deliveries:
        wake_sender(data)
    if report.planned or report.late:
        log.info("pushes planned: %s", report)
    await reschedule_pushes(app)
    return report


async def reschedule_pushes(app) -> None:
    """Point the wake-up job at the earliest due schedule (call after changing schedules).

    A replica that does not lead has no scheduler: it tells the leader (bot/fleet/changes.py)."""
    scheduler: AsyncIOScheduler | None = app.bot_data.get("scheduler")
    if scheduler is None or not scheduler.running:
        tell_replicas(app.bot_data, SCHEDULES)
        return
    earliest = await earliest_due(app.bot_data["engine"])
    if earliest is None:
        return
    # The bot's clock may be injected (tests) or differ from the wall clock: wait the difference.
    delay = max(earliest - app.bot_data["clock"](), dt.timedelta(seconds=1))
    scheduler.add_job(run_pushes, DateTrigger(run_date=utcnow() + delay), args=(app,), id=WAKE_JOB, **JOB_OPTIONS)
