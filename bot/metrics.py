"""The bot's Prometheus metrics, in a registry of its own, served on GET /metrics (bot/web/).

Code anywhere below the handlers records here; nothing in this module knows Telegram's
objects beyond reading an update's kind.
"""
from __future__ import annotations

import contextvars
import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST

REGISTRY = CollectorRegistry(auto_describe=True)

LEADER = Gauge("briefbot_leader", "1 on the replica that runs the planner, the sender and the feed poller",
               registry=REGISTRY)
UPDATES = Counter("briefbot_updates", "Telegram updates by kind and outcome (handled, error, throttled, duplicate)",
                  ["kind", "outcome"], registry=REGISTRY)
HANDLER_SECONDS = Histogram("briefbot_handler_seconds", "Time from taking an update to the end of its handlers",
                            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0),
                            registry=REGISTRY)
OUTBOX_ROWS = Gauge("briefbot_outbox_rows", "Outbox rows waiting or under way, by status (read at scrape time)",
                    ["status"], registry=REGISTRY)
DELIVERIES = Counter("briefbot_deliveries", "Delivery outcomes recorded by the sender (sent, failed, uncertain, "
                     "retried, skipped)", ["outcome"], registry=REGISTRY)
TELEGRAM_429 = Counter("briefbot_telegram_429", "429 Too Many Requests answers from the Bot API", registry=REGISTRY)
FEED_POLLS = Counter("briefbot_feed_polls", "Feed polls by outcome (ok, not_modified, failed, paused)", ["outcome"],
                     registry=REGISTRY)
SEARCHES = Counter("briefbot_searches", "Searches by how they were answered: cached (bot/briefing/search_cache.py) "
                   "or ranked", ["answer"], registry=REGISTRY)
SCHEDULER_NEXT_RUN = Gauge("briefbot_scheduler_next_run_timestamp_seconds",
                           "When the scheduler next wakes a job (Unix time; 0 when no scheduler runs here)",
                           registry=REGISTRY)

# The outcome of the update being handled in this task; handlers deeper down mark it.
_outcome: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("briefbot_update_outcome", default=None)


REPLICAS = Gauge("briefbot_fleet_replicas", "Replicas listening for change notices on this database, as this one "
                 "last counted (1 on SQLite)", registry=REGISTRY)
REPLICAS.set(1)


def set_fleet_size(replicas: int) -> None:
    REPLICAS.set(replicas)


def set_leader(leading: bool) -> None:
    """Called by the leadership code when this replica starts or stops leading."""
    LEADER.set(1 if leading else 0)


def update_kind(update: object) -> str:
    """message, callback_query, inline_query, my_chat_member, ... (the update's one payload field)."""
    for name in ("message", "callback_query", "inline_query", "my_chat_member", "edited_message", "channel_post",
                 "chat_member", "chosen_inline_result", "edited_channel_post"):
        if getattr(update, name, None) is not None:
            return name
    data = getattr(update, "to_dict", None)
    fields = [key for key in (data() if data else {}) if key != "update_id"]
    return fields[0] if fields else "other"


@contextmanager
def tracking_update(update: object) -> Iterator[None]:
    """Time the handling of `update` and count it once, as `handled` unless marked otherwise."""
    cell = ["handled"]
    token = _outcome.set(cell)
    started = time.perf_counter()
    try:
        yield
    except BaseException:
        cell[0] = "error"
        raise
    finally:
        _outcome.reset(token)
        HANDLER_SECONDS.observe(time.perf_counter() - started)
        UPDATES.labels(update_kind(update), cell[0]).inc()


def mark_update(outcome: str) -> None:
    """The update being handled ends as `outcome` (error, throttled) rather than handled."""
    cell = _outcome.get()
    if cell is not None:
        cell[0] = outcome


def count_duplicate(kind: str) -> None:
    UPDATES.labels(kind, "duplicate").inc()


def delivery_outcome(outcome: str, count: int = 1) -> None:
    if count:
        DELIVERIES.labels(outcome).inc(count)


def telegram_429() -> None:
    TELEGRAM_429.inc()


def feed_polled(outcome: str) -> None:
    FEED_POLLS.labels(outcome).inc()


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus text format, and its content type."""
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
