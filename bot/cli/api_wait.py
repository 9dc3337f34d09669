"""`briefbot run` waits for the Bot API before it starts: a log line and a growing pause while it is
unreachable (down, or a local Bot API server still starting), as the sender does once running."""
from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

import aiohttp

log = logging.getLogger(__name__)
FIRST_PAUSE = 1.0
MAX_PAUSE = 30.0
PROBE_TIMEOUT = 10.0


async def wait_for_bot_api(api_url: str, token: str, *, first: float = FIRST_PAUSE, cap: float = MAX_PAUSE,
                           sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
    """Return once getMe gets an answer from the Bot API (any but a 5xx: a bad token is for PTB to report)."""
    pause = first
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=PROBE_TIMEOUT)) as session:
        while True:
            try:
                async with session.post(f"{api_url}{token}/getMe") as response:
                    await response.read()
                    if response.status < 500:
                        return
                    reason = f"HTTP {response.status}"
            except asyncio.TimeoutError:
                reason = f"no answer within {PROBE_TIMEOUT:g} s"
            except aiohttp.ClientError as exc:
                reason = f"{type(exc).__name__}: {exc}"
            log.warning("Bot API unreachable, retrying in %gs (%s)", pause, reason)
            await sleep(pause)
            pause = min(cap, pause * 2)


def wait_until_reachable(api_url: str, token: str) -> bool:
    """wait_for_bot_api in its own event loop; False when SIGINT or SIGTERM stopped the wait."""
    async def main() -> bool:
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, task.cancel)
        try:
            await wait_for_bot_api(api_url, token)
            return True
        except asyncio.CancelledError:
            return False
        finally:
            for sig in (signal.SIGINT, signal.SIGTERM):
                loop.remove_signal_handler(sig)

    return asyncio.run(main())
