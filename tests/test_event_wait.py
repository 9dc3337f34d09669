"""wait_event keeps a cancellation that arrives as the event fires (asyncio.wait_for on 3.11 loses it)."""
from __future__ import annotations

import asyncio

from bot.event_wait import wait_event


async def _cancelled_as_the_event_fires(wait) -> bool:
    event = asyncio.Event()

    async def loop() -> None:  # as the sender's loops wait: until cancelled
        while True:
            await wait(event)
            event.clear()

    task = asyncio.create_task(loop())
    await asyncio.sleep(0)  # the loop waits
    event.set()
    await asyncio.sleep(0)  # the event's waiter is done; the loop has not resumed yet
    task.cancel()
    await asyncio.wait({task}, timeout=0.5)
    stopped = task.done() and task.cancelled()
    if not task.done():  # a loop that swallowed it: stop it for good
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    return stopped


async def test_a_cancellation_as_the_event_fires_stops_the_loop():
    assert await _cancelled_as_the_event_fires(lambda event: wait_event(event, 10))


async def test_it_times_out_and_tells_whether_the_event_was_set():
    event = asyncio.Event()
    assert await wait_event(event, 0.01) is False
    event.set()
    assert await wait_event(event, 0.01) is True and await wait_event(event, 0) is True
