"""Waiting for an asyncio.Event with a timeout, without losing a cancellation.

On Python 3.11 `asyncio.wait_for(event.wait(), t)` returns normally when the event fires in
the same step as the task is cancelled: the cancellation is swallowed, and a loop that waits
like that runs on after `task.cancel()`, so whoever awaits the task (a stop) waits forever.
`asyncio.timeout` keeps the cancellation.
"""
from __future__ import annotations

import asyncio


async def wait_event(event: asyncio.Event, timeout: float) -> bool:
    """True when `event` is set within `timeout` seconds, False when the time ran out."""
    try:
        async with asyncio.timeout(max(0.0, timeout)):
            await event.wait()
    except TimeoutError:
        return event.is_set()
    return True
