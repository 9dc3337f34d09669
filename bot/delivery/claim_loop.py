"""The sender's loop: when to claim the next group of rows, the one transaction that claims it and
records the outcomes waiting, and the sleep until there is something to do (a mixin of DeliveryEngine).

Wake-ups and transactions are few, since each costs this process about a millisecond of
CPU: sends go in groups of slots that start together (GROUP_SPAN, see `Pacer`), a group is
claimed in one transaction HORIZON before it starts, and the outcomes of finished sends ride
along with that claim, waiting at most FLUSH. Between transactions the loop sleeps until its
next claim, a flush, a chat's turn or a poll; a finished send wakes it only when that plan
changed (a failure, the room it waited for, the last send of a push).
"""
from __future__ import annotations

import asyncio
import logging
import time

from bot.delivery.heap import release_free_memory
from bot.delivery.outage import probe_until_answered
from bot.delivery.policy import Writes
from bot.delivery.queue import Row
from bot.event_wait import wait_event
from storage import deliveries as outbox
from storage.db import open_session

log = logging.getLogger(__name__)
TICK = 0.01  # least time between two transactions
HORIZON = 0.02  # rows are claimed this far ahead of their send slot, so slots never wait for the database
GROUP_SPAN = 0.55  # the slots of this long start together, one claim: at 30/s fifteen, twice a second
FLUSH = 1.0  # outcomes wait at most this long for a claim to share their transaction (more than GROUP_SPAN)
DB_RETRY = 1.0  # pause after a failed transaction (database restarting, locked too long)


class ClaimLoop:
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
            ids = [row.id for row in rows]
            if self.direct_writes is not None and writes.only_records():
                claimed, skipped = await self.direct_writes.record_and_claim(outcomes=writes.records, ids=ids), 0
            else:
                async with open_session(self.db) as session:
                    self.stats.skipped += (skipped := await writes.apply(session, self.clock()))
                    claimed = await outbox.claim(session, ids=ids)
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

    async def _wait(self, last: float) -> None:
        """Sleep until there is something to do: a claim, a flush, a chat's turn, a poll; or a kick."""
        idle = self._idle()
        if idle and self._trimmed_at != self.stats.transactions:  # a push has drained
            self._trimmed_at = self.stats.transactions
            self.stats.heap_trims += release_free_memory()
        if self._became_idle is not None and idle:
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
