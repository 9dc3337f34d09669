"""The sender: claims pending deliveries in id order and sends them within Telegram's limits.

Exactly once across crashes: a batch of rows is marked `sending` and committed before any
of them goes out, and recorded (`sent`, `failed`, back to `pending`) in a later batch of
writes. At most `in_flight` rows are ever `sending`; a crash leaves those `uncertain`
at the next start (counted and logged, never resent); rows whose request had not started
when the engine stopped (waiting out a 429 or an outage) go back to pending.

Wake-ups and transactions are few, since each costs this process about a millisecond of
CPU: sends go in groups of slots that start together (GROUP_SPAN, see `Pacer`), a group is
claimed in one transaction HORIZON before it starts, and the outcomes of finished sends ride
along with that claim, waiting at most FLUSH. Between transactions the loop sleeps until its
next claim, a flush, a chat's turn or a poll; a finished send wakes it only when that plan
changed (a failure, the room it waited for, the last send of a push). The first send waits one
window: the sender before (another replica, this process before a restart) may have filled it.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.briefing.chat_migration import GroupMove
from bot.delivery.api import BotApi, Outcome, Sent, Transient
from bot.delivery.limits import HEADROOM, Limits, Pacer, group_size
from bot.delivery.loader import Loader
from bot.delivery.outage import probe_until_answered
from bot.delivery.outbox import reply_markup
from bot.delivery.policy import Backoff, Settler, Stats, Unsent, Writes
from bot.delivery.queue import ChatQueues, Row
from bot.event_wait import wait_event
from storage import deliveries as outbox
from storage.db import open_session
from storage.types import utcnow

log = logging.getLogger(__name__)
TICK = 0.01  # least time between two transactions
HORIZON = 0.02  # rows are claimed this far ahead of their send slot, so slots never wait for the database
GROUP_SPAN = 0.55  # the slots of this long start together, one claim: at 30/s fifteen, twice a second
FLUSH = 1.0  # outcomes wait at most this long for a claim to share their transaction (more than GROUP_SPAN)
DB_RETRY = 1.0  # pause after a failed transaction (database restarting, locked too long)
CRASH_REASON = "in flight when the sender stopped: it may or may not have reached the chat"


class DeliveryEngine:
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
        self._sends: set[asyncio.Task] = set()
        self._sending = 0  # rows marked sending in the database, their outcome not yet committed
        self._flush_at: float | None = None  # when the outcomes waiting for a claim are written anyway
        self._wake_at = 0.0  # when the sleeping loop wakes by itself (0: it is awake)
        self._starved = False  # the loop waits for a send to finish (no room in flight or in the window)
        self._became_idle: asyncio.Event | None = None  # set by the loop for `wait_idle`
        self._writing = False  # a transaction is under way
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
        async with open_session(self.db) as session:
            uncertain = await outbox.recover_in_flight(session, reason=CRASH_REASON)
            await session.commit()
        self.stats.uncertain_at_start = uncertain
        if uncertain:
            log.warning("%d deliveries were in flight when the sender last stopped; marked uncertain, "
                        "not resent", uncertain)
        # The sender before this one (a leader just killed or stepped down, this process before a
        # restart) may have filled Telegram's last window, unseen here: the first send waits it out.
        if self.limits.per_second:
            self.pacer.pause(time.monotonic() + self.limits.window)
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
            _, late = await asyncio.wait(set(self._sends), timeout=self.api.timeout.total + 1)
            for task in late:
                task.cancel()
        try:
            if self.settler.writes:
                await self._transaction([])
        except Exception:  # noqa: BLE001 - rows left sending become uncertain at the next start
            log.exception("could not record the last outcomes")
        finally:
            await self.api.close()
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

    # -- the loop --------------------------------------------------------------------------
    async def _run(self) -> None:
        last = 0.0
        while not self._stopping:
            try:
                self.stats.wakes += 1
                now = time.monotonic()
                if self.loader.wants_more(now):
                    self.loader.nudge()
                if self.settler.outage and self._probing is None:
                    self._probing = asyncio.create_task(probe_until_answered(
                        self.api, self.settler, self.backoff, on_resumed=self._resumed), name="delivery-probe")
                claim_at = self._next_claim(now)
                picked = self._pick(now) if claim_at is not None and claim_at <= now else []
                if picked or self._flush_due(now):
                    claimed = await self._transaction([row for row, _ in picked])
                    self._launch([(row, slot) for row, slot in picked if row.id in claimed])
                last = time.monotonic()
            except Exception:  # noqa: BLE001 - the sender must outlive a database hiccup
                log.exception("delivery tick failed; retrying in %.0f s", DB_RETRY)
                await asyncio.sleep(DB_RETRY)
            await self._wait(last)

    def _room(self) -> int:
        """Rows that may be claimed: the outcomes waiting are written in the same transaction."""
        return self.in_flight - self._sending + len(self.settler.writes.records)

    def _next_claim(self, now: float) -> float | None:
        """When to claim the next rows (past: now); None when no row is ready or the loop must
        wait for a send to finish first (then `_starved`)."""
        self._starved = False
        if not self.queues.ready_count(now):
            return None  # a waiting chat's turn is in `next_due`
        fits = self.pacer.fits_at(now) if self._room() > 0 else None
        self._starved = fits is None  # no room in flight or too many unanswered: an answer frees some
        return None if fits is None else fits - self.horizon

    def _flush_due(self, now: float) -> bool:
        """Whether to write the outcomes waiting without a claim: they waited long enough, or
        nothing else is held (the last sends of a push are recorded at once)."""
        if not self.settler.writes:
            self._flush_at = None
            return False
        if self._flush_at is None:
            self._flush_at = now + self.flush
        return now >= self._flush_at or not len(self.queues)

    def _pick(self, now: float) -> list[tuple[Row, float]]:
        """Rows that may go within the horizon, each with its send slot."""
        room = self._room()
        free = self.pacer.free_slots(now, now + self.horizon)
        count = room if free is None else min(room, free)
        if count <= 0:
            return []
        return [(row, self.pacer.allocate(now)) for row in self.queues.take(count, now)]

    async def _transaction(self, rows: list[Row]) -> set[int]:
        """Record what finished, claim `rows` (returns the ids claimed); on failure keep the writes
        and put the rows back."""
        writes, self.settler.writes = self.settler.writes, Writes()  # sends and the loader may add more meanwhile
        self._writing = True
        self._flush_at = None
        try:
            async with open_session(self.db) as session:
                self.stats.skipped += (skipped := await writes.apply(session, self.clock()))
                claimed = await outbox.claim(session, ids=[row.id for row in rows])
                await session.commit()
            self.stats.transactions += 1
            self._sending -= len(writes.records)
            writes.count_outcomes(skipped)
        except BaseException:
            writes.extend(self.settler.writes)
            self.settler.writes = writes
            now = time.monotonic()
            self.pacer.release(len(rows))
            for row in reversed(rows):
                self.queues.finish(row, now, retry_at=now, sent=False)
            raise
        finally:
            self._writing = False
        if writes.moved:
            self._moved(writes.moved)
        now = time.monotonic()
        for row in rows:
            if row.id not in claimed:  # sent, skipped or taken by someone else meanwhile
                self.pacer.release(1)
                self.queues.finish(row, now, sent=False)
        return claimed

    def _launch(self, picked: list[tuple[Row, float]]) -> None:
        self._sending += len(picked)
        self.stats.max_sending = max(self.stats.max_sending, self._sending)
        for row, slot in picked:
            task = asyncio.create_task(self._send(row, slot))
            self._sends.add(task)
            task.add_done_callback(self._sends.discard)

    async def _send(self, row: Row, slot: float) -> None:
        # Wait for the slot, and out any pause (a 429, an outage) that began after it was given.
        while (wait := max(slot, self.pacer.paused_until) - time.monotonic()) > 0 and not self._stopping:
            if self.pacer.paused_until <= slot:  # its slot, a few ms away
                await asyncio.sleep(wait)
                continue
            # a pause: cut short when it ends early (the outage is over) or the engine stops
            await wait_event(self._unpaused, min(wait, 3600.0))
        if self._stopping:  # never went on the wire: back to pending
            self.pacer.release(1)
            self._settled(row, Unsent(), time.monotonic())
            return
        try:
            result = await self.api.send_message(
                chat_id=row.chat_id, text=row.payload["text"], reply_markup=reply_markup(row.payload.get("buttons")),
                thread_id=row.thread_id, paid_broadcast=self.limits.paid_broadcast)
        except Exception as exc:  # noqa: BLE001 - a bug here must not lose the row
            log.exception("sending delivery %s failed unexpectedly", row.id)
            result = Transient(f"{type(exc).__name__}: {exc}")
        now = time.monotonic()
        self.pacer.answered_at(now)
        self._settled(row, result, now)

    def _settled(self, row: Row, result: Outcome | Unsent, now: float) -> None:
        """Apply the answer at once (a 429 pauses the sends already claimed); wake the loop only
        if its plan changed: a failure, the room it waited for, a flush or a chat's turn sooner."""
        self.settler.settle(row, result, now, self.clock())
        if self._flush_at is None:
            self._flush_at = now + self.flush
        if self._starved or not isinstance(result, Sent):
            self._kick.set()
            return
        due = self.queues.next_due()
        wake = now if not len(self.queues) else min(self._flush_at, due if due is not None else self._flush_at)
        if wake < self._wake_at:
            self._kick.set()

    def _wake_senders(self) -> None:
        self._unpaused.set()
        self._unpaused = asyncio.Event()

    def _resumed(self) -> None:
        self._probing = None
        self._wake_senders()
        self._kick.set()

    async def _wait(self, last: float) -> None:
        """Sleep until there is something to do: a claim, a flush, a chat's turn, a poll; or a kick."""
        if self._became_idle is not None and self._idle():
            self._became_idle.set()
        now = time.monotonic()
        wakes = [self.loader.next_poll]
        if self._flush_due(now) or self.settler.writes:
            wakes.append(self._flush_at if len(self.queues) else now)
        claim_at = self._next_claim(now)
        if claim_at is not None:
            wakes.append(claim_at)
        due = self.queues.next_due()
        if due is not None:
            wakes.append(due)
        wake_at = min(wakes)
        if wake_at > now and not self._stopping:
            self._kick.clear()
            self._wake_at = wake_at
            try:
                await wait_event(self._kick, wake_at - now)
            finally:
                self._wake_at = 0.0
        await asyncio.sleep(max(0.0, last + TICK - time.monotonic()))
