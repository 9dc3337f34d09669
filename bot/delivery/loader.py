"""Reads pending deliveries from the outbox into the engine's queues, in id order, a page at a time.

It runs as a task of its own, so a slow read never holds up the sending. Rows are read past a
cursor (the highest id read). A periodic sweep below the cursor finds rows that committed late
(PostgreSQL hands out ids before commit) or that somebody set back to pending. Rows of inactive
chats are skipped; rows of a group that became a supergroup are re-pointed to it.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.delivery.queue import ChatQueues, Payload, Row
from bot.event_wait import wait_event
from storage import deliveries as outbox
from storage.db import open_session

if TYPE_CHECKING:
    from bot.delivery.policy import Settler

log = logging.getLogger(__name__)
PAGE = 500  # rows per read: a read of 1,000 2 KB digests made the engine process ~9 MB larger (bench-fanout)
LOW_WATER = 500  # read more when fewer chats than this are ready to receive
MAX_HELD = 10_000  # rows in memory at most (waiting groups must not stop other chats being read)
PAYLOADS_KEPT = 256  # distinct payloads kept decoded for the rows read next before the table starts afresh
INACTIVE = "chat inactive"
DB_RETRY = 1.0


class Loader:
    def __init__(self, db: AsyncEngine, queues: ChatQueues, settler: "Settler", *,
                 clock: Callable[[], dt.datetime], poll_interval: float, on_loaded: Callable[[], None]) -> None:
        self.db, self.queues, self.settler, self.clock = db, queues, settler, clock
        self.poll_interval = poll_interval
        self.on_loaded = on_loaded
        self.cursor = 0
        self.caught_up = False
        self.stale = True  # woken: new rows may be committed
        self.busy = False  # a read is under way
        self.next_poll = time.monotonic() + poll_interval
        self._nudge = asyncio.Event()
        # A fan-out's rows share one stored payload: it is read and decoded once, and the rows held
        # share that one copy (10,000 held rows of a 2 KB digest, a copy each, would be 40 MB).
        self._payloads: dict[int, Payload] = {}

    def nudge(self) -> None:
        """Look again now (new rows committed, or the queues ran low)."""
        self._nudge.set()

    async def run(self) -> None:
        """Read whenever the queues want more, and at every poll; until cancelled."""
        while True:
            now = time.monotonic()
            if self.wants_more(now) or now >= self.next_poll:
                self.busy = True
                try:
                    await self.top_up(now)
                except Exception:  # noqa: BLE001 - the database may come back
                    log.exception("reading the outbox failed; retrying in %.0f s", DB_RETRY)
                    await asyncio.sleep(DB_RETRY)
                finally:
                    self.busy = False
                self.on_loaded()
                continue
            self._nudge.clear()
            await wait_event(self._nudge, self.next_poll - now)

    def wants_more(self, now: float) -> bool:
        return (self.stale or not self.caught_up or now >= self.next_poll) and self._room(now)

    def _room(self, now: float) -> bool:
        return len(self.queues) < MAX_HELD and self.queues.ready_count(now) < LOW_WATER

    async def top_up(self, now: float) -> None:
        poll = now >= self.next_poll
        if not self.wants_more(now):
            if poll:
                self.next_poll = now + self.poll_interval
            return
        self.stale = False
        async with open_session(self.db) as session:
            if poll:
                self.next_poll = now + self.poll_interval
                self.queues.prune(now)
                await self._sweep(session, now)
            rows = await outbox.pending_after(session, after_id=self.cursor, limit=PAGE)
            payloads = await self._payloads_of(session, rows)
        self.caught_up = len(rows) < PAGE
        if rows:
            self.cursor = max(self.cursor, rows[-1].id)
            self._add(rows, payloads, now)

    async def _sweep(self, session, now: float) -> None:
        after = 0
        while len(self.queues) < MAX_HELD:
            ids = await outbox.pending_ids_up_to(session, after_id=after, up_to=self.cursor, limit=PAGE)
            new = [i for i in ids if i not in self.queues.ids]
            if new:
                found = await outbox.pending_by_ids(session, ids=new)
                self._add(found, await self._payloads_of(session, found), now)
            if len(ids) < PAGE:
                return
            after = ids[-1]

    async def _payloads_of(self, session, rows: list[outbox.OutboxRow]) -> dict[int, Payload]:
        """The rows' payloads by id: those read before from memory, the others in one statement."""
        wanted = {row.payload_id for row in rows}
        missing = wanted - self._payloads.keys()
        if missing:
            if len(self._payloads) + len(missing) > PAYLOADS_KEPT:
                self._payloads.clear()
                missing = wanted
            read = await outbox.payloads_by_ids(session, ids=sorted(missing))
            self._payloads.update((payload_id, Payload.of(stored)) for payload_id, stored in read.items())
        return {payload_id: self._payloads[payload_id] for payload_id in wanted}

    def _add(self, rows: list[outbox.OutboxRow], payloads: dict[int, Payload], now: float) -> None:
        wall = self.clock()
        inactive: list[int] = []
        moved: dict[int, list[int]] = defaultdict(list)
        for found in rows:
            if found.chat_active is False and found.migrated_to is None:
                inactive.append(found.id)
                continue
            chat_id = found.chat_id
            if found.migrated_to is not None:
                chat_id = found.migrated_to
                moved[chat_id].append(found.id)
            wait = (found.not_before - wall).total_seconds() if found.not_before else 0.0
            self.queues.add(Row(found.id, chat_id, found.thread_id, payloads[found.payload_id],
                                not_before=now + max(0.0, wait)), now)
        writes = self.settler.writes
        if inactive:
            writes.skips.append((inactive, INACTIVE))
        writes.repoints.extend((ids, chat_id) for chat_id, ids in moved.items())
