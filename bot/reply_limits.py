"""Rate limiting for the bot's direct replies: Telegram's message limits, and a 429 held to its chat.

python-telegram-bot's AIORateLimiter has two habits this bot cannot keep:
- it counts every call that names a chat against that chat's limit, so checking an
  admin's rights (getChat, getChatMember ×2) would use up a group's 20 messages a
  minute after a few button presses. Here calls that post or change nothing in a
  chat pass straight through; 429s on them are still raised to the caller.
- a 429 (RetryAfter) in one chat halts every request of the bot until it is over:
  one reader flooding the bot made everyone else wait seconds for an answer. Here
  only the chat that got the 429 waits; the others carry on. (Telegram's 429 to a
  direct reply is about that chat: the overall 30 a second is kept below by the
  overall limiter, so it does not come.)
"""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.constants import FloodLimit
from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

from bot import metrics

MESSAGE_METHODS = ("send", "edit", "copy", "forward")  # sendMessage, editMessageText, copyMessage …
RETRY_MARGIN = 0.1  # seconds past Telegram's retry_after, as PTB waits
KEPT_CHATS = 512  # limiters and pauses beyond this many are pruned of idle ones


class ReplyRateLimiter(BaseRateLimiter[int]):
    """Overall ~30 messages a second, 20 a minute per group or channel, and a 429 waited out per chat."""

    def __init__(self, *, max_retries: int = 0, overall_per_second: float = FloodLimit.MESSAGES_PER_SECOND,
                 group_per_minute: float = FloodLimit.MESSAGES_PER_MINUTE_PER_GROUP,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._max_retries = max_retries
        self._overall_per_second = overall_per_second
        self._overall = AsyncLimiter(overall_per_second, 1)
        self._group_per_minute = group_per_minute
        self._groups: dict[int | str, AsyncLimiter] = {}
        self._paused: dict[int | str, float] = {}  # chat -> when (clock) its last 429 is over
        self._clock = clock

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    @property
    def overall_per_second(self) -> float:
        """This process's share of the overall limit now."""
        return self._overall.max_rate

    def share_overall(self, replicas: int) -> None:
        """The overall limit is the bot's: with `replicas` replicas answering, this one keeps to its share.
        (A load balancer spreads updates evenly, so equal shares.) Requests already waiting keep their place."""
        rate = self._overall_per_second / max(1, replicas)
        if rate != self._overall.max_rate:
            self._overall = AsyncLimiter(rate, 1)

    def paused(self, chat_id: int | str) -> bool:
        """Whether the chat is waiting out a 429 now (its updates need not be answered meanwhile)."""
        return self._paused.get(chat_id, 0.0) > self._clock()

    async def process_request(self, callback, args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: int | None):
        if not endpoint.startswith(MESSAGE_METHODS):
            return await callback(*args, **kwargs)
        chat = _chat_key(data.get("chat_id"))
        retries = rate_limit_args or self._max_retries
        own_pause = 0.0  # a call without a chat (an inline message's edit) waits for its own 429 only
        for attempt in range(retries + 1):
            wait = max(own_pause, self._paused.get(chat, 0.0) if chat is not None else 0.0) - self._clock()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                async with self._group_limiter(chat), self._overall:
                    return await callback(*args, **kwargs)
            except RetryAfter as exc:
                metrics.telegram_429()
                own_pause = self._clock() + _seconds(exc.retry_after) + RETRY_MARGIN
                if chat is not None:
                    self._pause(chat, own_pause)
                if attempt == retries:
                    raise
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _pause(self, chat: int | str, until: float) -> None:
        if len(self._paused) > KEPT_CHATS:
            now = self._clock()
            self._paused = {key: end for key, end in self._paused.items() if end > now}
        self._paused[chat] = max(self._paused.get(chat, 0.0), until)

    def _group_limiter(self, chat: int | str | None) -> AsyncLimiter | _NoLimit:
        if chat is None or not self._group_per_minute or (isinstance(chat, int) and chat > 0):
            return NO_LIMIT  # private chats: ~1 a second, answered by a 429 when a reader outpaces it
        if len(self._groups) > KEPT_CHATS:
            self._groups = {key: lim for key, lim in self._groups.items()
                            if key == chat or not lim.has_capacity(lim.max_rate)}
        if chat not in self._groups:
            self._groups[chat] = AsyncLimiter(self._group_per_minute, 60)
        return self._groups[chat]


class _NoLimit:
    async def __aenter__(self) -> None:
        return None

    async def __aexit__(self, *exc: object) -> None:
        return None


NO_LIMIT = _NoLimit()


def _chat_key(chat_id: object) -> int | str | None:
    """Chat ids arrive as ints or strings ("@channel", "-100…"); one chat is one key."""
    if chat_id is None:
        return None
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id).lower()


def _seconds(retry_after: dt.timedelta | float) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else float(retry_after)
