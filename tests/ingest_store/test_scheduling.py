"""The feed job: what is due is read from the database; the scheduler starts and stops with the bot."""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
from types import SimpleNamespace

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.triggers.date import DateTrigger

from bot.scheduling.admin_checks import JOB_ID as ADMIN_CHECK_JOB_ID
from bot.scheduling.feeds import JOB_ID, poll_due_feeds
from bot.scheduling.push_jobs import TICK_JOB, WAKE_JOB
from bot.scheduling.scheduler import SCHEDULER_KEY, start_scheduler, stop_scheduler
from storage import feeds as store
from storage.seed_files import read_dossier
from storage.types import utcnow
from tests.ingest_store.http_server import LIMITS, LOCAL_HOSTS
from tests.waiting import until



async def test_only_due_active_feeds_are_polled(seeded_engine, seeded_session, relevance, now, server):
    server.fixture("/a.rss", "feed_v1.rss")
    server.fixture("/b.rss", "feed_v2.rss")
    server.fixture("/c.rss", "feed_v2.rss")
    a = await store.add_feed(seeded_session, url=server.url("/a.rss"), now=now)
    b = await store.add_feed(seeded_session, url=server.url("/b.rss"), now=now + dt.timedelta(minutes=5))
    await store.add_feed(seeded_session, url=server.url("/c.rss"), now=now)
    await store.pause_feed(seeded_session, url=server.url("/c.rss"))
    await seeded_session.commit()

    local = {"relevance_all_of": relevance, "limits": LIMITS, "hosts": LOCAL_HOSTS}
    results = await poll_due_feeds(seeded_engine, clock=lambda: now, **local)
    assert [(r.feed_id, r.status, r.new) for r in results] == [(a.id, "ok", 2)]
    assert await poll_due_feeds(seeded_engine, clock=lambda: now, **local) == []

    later = now + dt.timedelta(minutes=15)
    results = await poll_due_feeds(seeded_engine, clock=lambda: later, **local)
    # b is new to the store but shares two items (same links) with a: skipped as already seen.
    assert sorted((r.feed_id, r.new, r.known) for r in results) == [(a.id, 0, 2), (b.id, 1, 2)]
    assert [r.path for r in server.requests].count("/c.rss") == 0


async def test_scheduler_starts_with_one_coalescing_job_and_stops(seeded_engine, now):
    app = SimpleNamespace(bot_data={"engine": seeded_engine, "dossier": read_dossier().meta, "clock": lambda: now})
    await start_scheduler(app)
    scheduler = app.bot_data[SCHEDULER_KEY]
    try:
        await start_scheduler(app)  # idempotent
        assert app.bot_data[SCHEDULER_KEY] is scheduler and scheduler.running
        job = scheduler.get_job(JOB_ID)
        assert job.trigger.interval == dt.timedelta(minutes=1)
        assert (job.coalesce, job.max_instances, job.misfire_grace_time) == (True, 1, 30)
        admins = scheduler.get_job(ADMIN_CHECK_JOB_ID)  # the daily re-verification of chat admins
        assert admins.trigger.interval == dt.timedelta(hours=1) and (admins.coalesce, admins.max_instances) == (True, 1)
        # Pushes: a wake-up at the earliest due schedule and a safety tick, coalesced, never dropped as late.
        for push_job in (scheduler.get_job(WAKE_JOB), scheduler.get_job(TICK_JOB)):
            assert (push_job.coalesce, push_job.max_instances, push_job.misfire_grace_time) == (True, 1, None)
        assert sorted(j.id for j in scheduler.get_jobs()) == sorted([JOB_ID, ADMIN_CHECK_JOB_ID, WAKE_JOB, TICK_JOB])
        assert isinstance(scheduler._jobstores["default"], MemoryJobStore)
    finally:
        await stop_scheduler(app)
    assert SCHEDULER_KEY not in app.bot_data and not scheduler.running
    await stop_scheduler(app)  # a second stop is harmless


async def test_a_job_running_when_the_bot_stops_is_cancelled_without_an_error(seeded_engine, now, caplog):
    """Stopping is not a failure: the operator must not find an error with a traceback in the log because
    a push plan or a feed poll was running at that moment (APScheduler logs a cancelled run as one)."""
    app = SimpleNamespace(bot_data={"engine": seeded_engine, "dossier": read_dossier().meta, "clock": lambda: now})
    running, never = asyncio.Event(), asyncio.Event()

    async def still_running() -> None:
        running.set()
        await never.wait()

    caplog.set_level(logging.INFO, logger="apscheduler")
    await start_scheduler(app)
    app.bot_data[SCHEDULER_KEY].add_job(still_running, DateTrigger(run_date=utcnow()), id="still running")
    await asyncio.wait_for(running.wait(), 10)
    await stop_scheduler(app)

    def ending() -> list[logging.LogRecord]:  # how the executor reported the run's end
        return [r for r in caplog.records if r.name.startswith("apscheduler.executors") and "still_running" in
                r.getMessage() and not r.getMessage().startswith("Running job")]

    async def ended() -> bool:
        return bool(ending())

    await until(ended, what="the cancelled run's log line")
    assert [(r.levelname, r.exc_info) for r in ending()] == [("INFO", None)], ending()
    assert "was cancelled: the scheduler is shutting down" in ending()[0].getMessage()
