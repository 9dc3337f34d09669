"""The sender: claims pending deliveries in id order and sends them within Telegram's limits.

Exactly once across crashes: a batch of rows is marked `sending` and committed before any
of them goes out, and recorded (`sent`, `failed`, back to `pending`) in a later batch of
writes. At most `in_flight` rows are ever `sending`; a crash leaves those `uncertain`
at the next start (counted and logged, never resent); rows whose request had not started
when the engine stopped (waiting out a 429 or an outage) go back to pending.

The loop that claims groups and records outcomes is in claim_loop.py, the sends in sends.py.
The first send waits one window: the sender before (another replica, this process before a
restart) may have filled it.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.api import BotApi
from bot.delivery.claim_loop import FLUSH, GROUP_SPAN, HORIZON, ClaimLoop
from bot.delivery.limits import HEADROOM, Limits, Pacer, answer_delay, group_size
from bot.delivery.loader import Loader
from bot.delivery.pg_writes import PgWrites
from bot.delivery.policy import Backoff, Settler, Stats
from bot.delivery.queue import ChatQueues
from bot.delivery.sends import Sends
from bot.delivery.sqlite_writes import SqliteWrites, sender_engine
from bot.event_wait import wait_event
from storage import deliveries as outbox
from storage.db import open_session
from storage.types import utcnow

if TYPE_CHECKING:
    from bot.briefing.chat_migration import GroupMove

log = logging.getLogger(__name__)
CRASH_REASON = "in flight when the sender stopped: it may or may not have reached the chat"


class DeliveryEngine(ClaimLoop, Sends):
    def __init__(self, db: AsyncEngine, api: BotApi, limits: Limits, *, clock: Callable[[], dt.datetime] = utcnow,
                 in_flight: int = 100, max_attempts: int = 5, backoff: Backoff = Backoff(),
                 poll_interval: float = 5.0, resend_in_doubt: bool = False, horizon: float = HORIZON,
                 group_span: float = GROUP_SPAN, flush: float = FLUSH) -> None:
        self.db, self.api, self.limits, self.clock = db, api, limits, clock
        self.in_flight, self.horizon, self.flush = in_flight, horizon, flush
        self.stats = Stats()
        self.queues = ChatQueues(gap=limits.chat_gap)
        slots = int(group_span * limits.per_second * HEADROOM / limits.window) if limits.per_second else 1
        self.pacer = Pacer(limits.per_second, time.monotonic(), limits.window,
                           group=group_size(limits.per_second, slots=slots, most=max(1, in_flight // 4)))
        self.settler = Settler(queues=self.queues, pacer=self.pacer, stats=self.stats,
                               max_attempts=max_attempts, backoff=backoff, resend_in_doubt=resend_in_doubt)
        self.backoff = backoff
        self._kick = asyncio.Event()
        self._unpaused = asyncio.Event()  # replaced on each set: wakes the sends waiting out a pause
        self.loader = Loader(db, self.queues, self.settler, clock=clock, poll_interval=poll_interval,
                             on_loaded=self._kick.set)
        self._given_db: AsyncEngine | None = None  # the engine given, while the sender runs on its own pool
        # The usual transaction on the driver's connection (set at start): SQLite in one hand-off to its
        # thread, PostgreSQL without a session.
        self.direct_writes: SqliteWrites | PgWrites | None = None
        self._sends: set[asyncio.Task] = set()
        self._sending = 0  # rows marked sending in the database, their outcome not yet committed
        self._flush_at: float | None = None  # when the outcomes waiting for a claim are written anyway
        self._wake_at = 0.0  # when the sleeping loop wakes by itself (0: it is awake)
        self._starved = False  # the loop waits for a send to finish (no room in flight or in the window)
        self._became_idle: asyncio.Event | None = None  # set by the loop for `wait_idle`
        self._writing = False  # a transaction is under way
        self._trimmed_at = 0  # stats.transactions when the heap was last trimmed (drained)
        self._task: asyncio.Task | None = None
        self._loading: asyncio.Task | None = None
        self._probing: asyncio.Task | None = None
        self._stopping = False
        # Called with each GroupMove once committed (the Application's cache of chat settings).
        self.on_chat_moved: Callable[[GroupMove], None] | None = None

    def _moved(self, moves: list[GroupMove]) -> None:
        """Groups became supergroups (committed): refresh who remembers their settings, send the notices."""
        for move in moves:
            if self.on_chat_moved is not None:
                self.on_chat_moved(move)
        if any(move.clashes for move in moves):
            self.wake()

    # -- lifecycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Recover from a crash, then run until `stop`."""
        own = sender_engine(self.db)  # SQLite file: the sender's own pool, small page caches
        if own is not None:
            self._given_db, self.db = self.db, own
            self.loader.db = own
        async with open_session(self.db) as session:
            uncertain = await outbox.recover_in_flight(session, reason=CRASH_REASON)
            await session.commit()
        self.stats.uncertain_at_start = uncertain
        if SqliteWrites.usable(self.db):
            self.direct_writes = SqliteWrites(self.db)
        elif PgWrites.usable(self.db):
            self.direct_writes = PgWrites(self.db)
        if uncertain:
            log.warning("%d deliveries were in flight when the sender last stopped; marked uncertain, "
                        "not resent", uncertain)
        # The sender before this one (a leader just killed or stepped down, this process before a
        # restart) may have filled Telegram's last window, unseen here: the first send waits it out.
        if self.limits.per_second:
            self.pacer.pause(time.monotonic() + self.limits.window)
        self.api.answer_delay = answer_delay(self.limits, self.in_flight)
        await self.api.start()
        self._loading = asyncio.create_task(self.loader.run(), name="delivery-loader")
        self._task = asyncio.create_task(self._run(), name="delivery-engine")
        log.info("delivery engine started: %s messages/s overall%s, at most %d sending at once",
                 self.limits.per_second or "no limit on", " (paid broadcast)" if self.limits.paid_broadcast else "",
                 self.in_flight)

    def wake(self) -> None:
        """New rows are committed: look at the outbox now. Cheap; safe from any thread."""
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        loop = self._task.get_loop() if self._task else None
        if loop is None or running is loop:
            self.loader.stale = True
            self.loader.nudge()
        else:
            loop.call_soon_threadsafe(self.wake)

    async def stop(self) -> None:
        """Send nothing new, wait for the requests under way, record their outcomes."""
        self._stopping = True
        self._kick.set()
        self._wake_senders()  # sends still waiting for their slot give their rows back
        for task in (self._loading, self._probing):
            if task is not None:
                task.cancel()
                await asyncio.gather(task, return_exceptions=True)
        self._loading = self._probing = None
        if self._task is not None:
            await self._task
            self._task = None
        if self._sends:
            _, late = await asyncio.wait(set(self._sends), timeout=self.api.timeout + 1)
            for task in late:
                task.cancel()
        try:
            if self.settler.writes:
                await self._transaction([])
        except Exception:  # noqa: BLE001 - rows left sending become uncertain at the next start
            log.exception("could not record the last outcomes")
        finally:
            await self.api.close()
            if self._given_db is not None:  # the sender's own pool: closed, the given engine back
                own, self.db = self.db, self._given_db
                self.loader.db, self._given_db = self.db, None
                await own.dispose()
        log.info("delivery engine stopped: %s", self.stats)

    async def wait_idle(self, timeout: float) -> None:
        """Until nothing is pending, in flight or unrecorded (tests and benchmarks). Told by the loop,
        not polled: a benchmark counts this process's CPU, and each wake-up costs some."""
        deadline = time.monotonic() + timeout
        self.wake()
        while not self._idle():
            if time.monotonic() > deadline:
                raise TimeoutError(f"outbox not drained within {timeout} s: {len(self.queues)} held")
            self._became_idle = asyncio.Event()
            await wait_event(self._became_idle, min(1.0, deadline - time.monotonic()))

    def _idle(self) -> bool:
        return (self.loader.caught_up and not self.loader.stale and not self.loader.busy and not len(self.queues)
                and not self._sends and not self.settler.writes and not self._writing)
