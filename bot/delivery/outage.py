"""During a suspected outage (many failed requests in a row), getMe tells Telegram's outage from
these messages' errors, and keeps asking, with a growing pause, until the Bot API answers."""
from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from bot.delivery.api import BotApi
from bot.delivery.policy import Backoff, Settler

log = logging.getLogger(__name__)


async def probe_until_answered(api: BotApi, settler: Settler, backoff: Backoff, *,
                               on_resumed: Callable[[], None]) -> None:
    """Sending is paused (settler.outage); resume it once getMe is answered. A first failed probe
    confirms the outage: the failed requests spend no attempts of their messages."""
    tries = 0
    while not await _answers(api):
        if tries == 0:
            settler.outage_confirmed()
        tries += 1
        log.warning("Bot API unreachable, retrying in %.1f s; sending paused", backoff.delay(tries))
        await asyncio.sleep(backoff.delay(tries))
    if tries:
        log.info("the Bot API answers again; sending resumes")
    settler.end_outage()
    on_resumed()


async def _answers(api: BotApi) -> bool:
    try:
        return await api.probe()
    except Exception:  # noqa: BLE001 - a bug here must not leave sending paused for good
        log.exception("probing the Bot API failed unexpectedly")
        return False
