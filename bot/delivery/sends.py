"""The sends: one task per claimed row waits for its slot, makes the request and settles the
answer at once, waking the sender's loop only when its plan changed (a mixin of DeliveryEngine).
"""
from __future__ import annotations

import asyncio
import logging
import time

from bot.delivery.api import Outcome, Sent, Transient
from bot.delivery.policy import Unsent
from bot.delivery.queue import Row
from bot.event_wait import wait_event

log = logging.getLogger(__name__)


class Sends:
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
                chat_id=row.chat_id, text=row.payload.text, reply_markup=row.payload.markup,
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
