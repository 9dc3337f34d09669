"""Start and stop the scheduler with the bot (`post_init` / `post_stop` of the Application).

An AsyncIOScheduler on the bot's event loop with an in-memory job store:
jobs are built here at every start-up and never pickled; what must survive a
restart (when each feed is next due) lives in the database.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging

from apscheduler.executors.asyncio import AsyncIOExecutor
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.scheduling.admin_checks import add_admin_check_job
from bot.scheduling.cancelled_jobs import quiet_cancelled_jobs
from bot.ingest.host_policy import STRICT
from bot.scheduling.feeds import add_feed_job
from bot.scheduling.push_jobs import add_push_jobs
from storage.types import utcnow

log = logging.getLogger(__name__)
SCHEDULER_KEY = "scheduler"


def build_scheduler(app) -> AsyncIOScheduler:
    """The scheduler with every job, from the Application's bot_data (engine, dossier, clock)."""
    scheduler = AsyncIOScheduler(
        jobstores={"default": MemoryJobStore()}, executors={"default": AsyncIOExecutor()},
        timezone=dt.timezone.utc,
    )
    data = app.bot_data
    add_feed_job(scheduler, data["engine"], clock=data.get("clock") or utcnow,
                 relevance_all_of=[list(group) for group in data["dossier"].relevance.all_of],
                 hosts=data["settings"].fetch_hosts if "settings" in data else STRICT)
    add_push_jobs(scheduler, app)
    add_admin_check_job(scheduler, app)
    return scheduler


async def start_scheduler(app) -> None:
    """post_init hook: build and start the jobs (idempotent)."""
    if app.bot_data.get(SCHEDULER_KEY) is not None:
        return
    quiet_cancelled_jobs()
    scheduler = build_scheduler(app)
    scheduler.start()
    app.bot_data[SCHEDULER_KEY] = scheduler
    log.info("scheduler started: %s", ", ".join(job.id for job in scheduler.get_jobs()))


async def stop_scheduler(app) -> None:
    """post_stop hook: stop the jobs; a running one (a feed poll, a push plan) is cancelled, its transaction
    rolled back, and done again after the next start."""
    scheduler = app.bot_data.pop(SCHEDULER_KEY, None)
    if scheduler is not None and scheduler.running:
        scheduler.shutdown(wait=False)
        await asyncio.sleep(0)  # AsyncIOScheduler shuts down on the loop's next turn
