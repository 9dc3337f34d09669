"""Waiting on a condition the test checks itself (e.g. a database row), with a ceiling, not a fixed sleep."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from tests.fakebot.observe import WAIT_CEILING


async def until(check: Callable[[], Awaitable[object]], *, timeout: float = WAIT_CEILING,
                interval: float = 0.02, what: str = "condition") -> None:
    """Return once `await check()` is truthy; fail after `timeout` seconds (only a failing test waits that long)."""
    deadline = time.monotonic() + timeout
    while not await check():
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        await asyncio.sleep(interval)
