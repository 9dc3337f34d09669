"""This replica in the fleet: its leadership and its change notices, started and stopped with the bot.

The leader's duties are the push planner and the feed poller (the scheduler's jobs) and the
delivery sender. Only a replica that gains leadership starts the sender, and so only the new
leader marks the rows the old one left `sending` as uncertain; a replica that merely starts
touches no row while another leads.
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable

from bot import metrics
from bot.chat_settings_cache import forget_chat, known_chats
from bot.delivery.lifecycle import DELIVERY_KEY, start_delivery, stop_delivery
from bot.fleet.bus import ChangeBus
from bot.fleet.changes import BUS_KEY, CHAT, MAINTAINERS, OUTBOX, SCHEDULES, TOPICS, parse
from bot.fleet.connection import asyncpg_dsn
from bot.fleet.leader import Leadership
from bot.handlers import maintainers
from bot.handlers.common import TOPICS_KEY
from bot.handlers.maintainers_common import MAINTAINERS_KEY
from bot.scheduling.push_jobs import reschedule_pushes
from bot.scheduling.scheduler import SCHEDULER_KEY, start_scheduler, stop_scheduler

LEADERSHIP_KEY = "leadership"
ON_CHANGE_KEY = "leadership_callbacks"
STOPPING_KEY = "replica_stopping"


def on_leadership_change(app, callback: Callable[[bool], None]) -> None:
    """Call `callback(is_leader)` whenever this replica gains or loses leadership (e.g. a metrics gauge)."""
    app.bot_data.setdefault(ON_CHANGE_KEY, []).append(callback)


async def start_replica(app) -> None:
    """post_init: listen for the other replicas' changes, then compete for leadership (idempotent)."""
    data = app.bot_data
    if data.get(LEADERSHIP_KEY) is not None:
        return
    dsn = asyncpg_dsn(data["engine"].url)
    bus = ChangeBus(dsn, on_message=lambda message: _apply(app, message), on_missed=lambda: _forget_all(data),
                    on_fleet_size=lambda replicas: _share_limits(app, replicas))
    data[BUS_KEY] = bus
    await bus.start()
    leadership = Leadership(dsn, lead=lambda: _lead(app), step_down=lambda: _step_down(app),
                            on_change=data.setdefault(ON_CHANGE_KEY, []))
    data[LEADERSHIP_KEY] = leadership
    await leadership.start()


async def stop_replica(app) -> None:
    """Step down (the sender's requests under way finish and are recorded), release the lock, stop
    listening. Safe to call again while it runs, and afterwards."""
    data = app.bot_data
    stopping = data.get(STOPPING_KEY)
    if stopping is None:
        stopping = data[STOPPING_KEY] = asyncio.ensure_future(_stop(data))
    await asyncio.shield(stopping)


async def _stop(data) -> None:
    leadership = data.pop(LEADERSHIP_KEY, None)
    if leadership is not None:
        await leadership.stop()
    bus = data.pop(BUS_KEY, None)
    if bus is not None:
        await bus.stop()


async def _lead(app) -> None:
    """The sender first: the planner's pushes wake it."""
    await start_delivery(app)
    await start_scheduler(app)
    maintainers.schedule_form_sweep(app)


async def _step_down(app) -> None:
    """At once: the sender stops claiming rows and the jobs stop (a running feed poll is cancelled)."""
    await asyncio.gather(stop_delivery(app), stop_scheduler(app))


def _apply(app, message: str) -> None:
    """Another replica's notice (see bot/fleet/changes.py)."""
    data = app.bot_data
    kind, subject = parse(message)
    if kind == CHAT and subject and subject.lstrip("-").isdigit():
        forget_chat(data, int(subject))
    elif kind == TOPICS:
        data[TOPICS_KEY] = {}
    elif kind == MAINTAINERS:
        data.pop(MAINTAINERS_KEY, None)
    elif kind == OUTBOX and data.get(DELIVERY_KEY) is not None:
        data[DELIVERY_KEY].wake()
    elif kind == SCHEDULES and data.get(SCHEDULER_KEY) is not None:
        task = asyncio.ensure_future(reschedule_pushes(app))
        pending = data.setdefault("reschedules", set())  # a reference until done
        pending.add(task)
        task.add_done_callback(pending.discard)


def _share_limits(app, replicas: int) -> None:
    """Telegram's overall message limit is the bot's: each of the `replicas` replying keeps to its share."""
    metrics.set_fleet_size(replicas)
    share = getattr(app.bot.rate_limiter, "share_overall", None)
    if share is not None:
        share(replicas)


def _forget_all(data) -> None:
    """Notices may have been missed (the connection was lost): whatever is remembered may be stale."""
    known_chats(data).clear()
    data[TOPICS_KEY] = {}
    data.pop(MAINTAINERS_KEY, None)
