"""The per-reader throttle, ahead of every other handler: a flood from one person is answered once.

One reader sending /help forty times used to get forty answers, which earned a 429 in
that chat; a chart costs a quarter of a second of CPU each. Here each reader has a
token bucket (READER_BURST commands, refilled at READER_PER_SECOND; a chart or a
search costs more). While a chat waits out a 429, at most RUNNING_PER_USER of its
reader's updates are handled at once: they wait for the chat, and must not hold all
the workers everyone shares.
Updates the bot would not answer (channel posts, other bots' commands, group chatter)
cost nothing; maintainers, who forward and paste in batches, are never stopped.
"""
from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import ApplicationHandlerStop, ContextTypes, SimpleUpdateProcessor, TypeHandler

from bot import metrics
from bot.flood_buckets import FloodBuckets, Verdict
from bot.handlers.common import db_session, reader, send
from bot.handlers.maintainers_common import role_of
from bot.render.i18n import t
from bot.render.reply import Reply
from bot.reply_limits import ReplyRateLimiter

GROUP = -2  # before the maintainers' group (-1) and the readers' (0)
RUNNING_PER_USER = 3
COSTS = {"search": 2.0, "chart": 3.0, "dg": 2.0}  # a search, /timeline chart, a digest's "more" page
MonotonicClock = Callable[[], float]


class PerUserUpdateProcessor(SimpleUpdateProcessor):
    """PTB's concurrent update processing, counting per user the updates the throttle let through."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self.running: Counter[int] = Counter()
        self._admitted: dict[int, int] = {}  # id(update) -> user id, while it is handled
        self._tasks: set[asyncio.Task] = set()  # the updates being handled (cut short at a stop)

    def admit(self, update: Update) -> None:
        user_id = update.effective_user.id
        self._admitted[id(update)] = user_id
        self.running[user_id] += 1

    def cancel_running(self) -> int:
        """Cancel the handlers still running (a stop that waited long enough); returns how many."""
        for task in self._tasks:
            task.cancel()
        return len(self._tasks)

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        task = asyncio.current_task()
        self._tasks.add(task)
        try:
            with metrics.tracking_update(update):  # counted and timed, in polling and webhook mode alike
                await coroutine
        finally:
            self._tasks.discard(task)
            user_id = self._admitted.pop(id(update), None)
            if user_id is not None:
                self.running[user_id] -= 1
                if not self.running[user_id]:
                    del self.running[user_id]


def cost_of(update: Update, bot_username: str | None) -> float | None:
    """What the update costs its sender; None for updates the bot does not answer."""
    if update.callback_query:
        data = update.callback_query.data or ""
        return COSTS.get(data.split("|", 1)[0], 1.0)
    message = update.message or update.edited_message
    if message is None or update.effective_user is None or not message.text:
        return None
    if not message.text.startswith("/"):
        return 1.0 if message.chat.type == "private" else None
    words = message.text.split()
    command, _, mention = words[0][1:].partition("@")
    if mention and mention.lower() != (bot_username or "").lower():
        return None  # another bot's command
    command = command.lower()
    if command == "timeline" and any(w.lower() == "chart" for w in words[1:]):
        return COSTS["chart"]
    return COSTS.get(command, 1.0)


async def throttle(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Let the update through, or stop it here: answered the first time in a spell, dropped after."""
    cost = cost_of(update, context.bot.username)
    if cost is None:
        return
    user_id = update.effective_user.id
    buckets: FloodBuckets = context.bot_data["flood_buckets"]
    clock: MonotonicClock = context.bot_data["flood_clock"]
    verdict = buckets.take(user_id, cost, clock())
    processor = context.application.update_processor
    counted = isinstance(processor, PerUserUpdateProcessor)
    if verdict is Verdict.PASS and counted and processor.running[user_id] >= RUNNING_PER_USER \
            and _waiting_out_429(update, context):
        verdict = buckets.refuse(user_id)
    if verdict is not Verdict.PASS and await role_of(context, user_id) is not None:
        verdict = Verdict.PASS  # maintainers forward and paste in batches; they are trusted
    if verdict is Verdict.PASS:
        if counted:
            processor.admit(update)
        return
    metrics.mark_update("throttled")
    if verdict is Verdict.WARN:
        await _ask_to_wait(update, context)
    raise ApplicationHandlerStop


def _waiting_out_429(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    limiter = context.bot.rate_limiter
    return isinstance(limiter, ReplyRateLimiter) and update.effective_chat is not None \
        and limiter.paused(update.effective_chat.id)


async def _ask_to_wait(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    async with db_session(context) as session:
        lang, _ = await reader(session, update, context)
    if update.callback_query:
        await update.callback_query.answer(t(lang, "flood.wait_short"))
    else:
        await send(update, Reply(t(lang, "flood.wait")))


def register(app, *, burst: float, per_second: float, clock: MonotonicClock = time.monotonic) -> None:
    app.bot_data.update(flood_buckets=FloodBuckets(burst=burst, per_second=per_second), flood_clock=clock)
    app.add_handler(TypeHandler(Update, throttle), group=GROUP)
