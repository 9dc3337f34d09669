"""Webhook delivery, as Telegram does it: each update POSTed to the URL set with setWebhook.

* The secret (``secret_token``) travels in ``X-Telegram-Bot-Api-Secret-Token``.
* An answer other than 2xx, a refused connection or no answer within ``state.webhook_timeout``
  counts as a failure: the update is posted again after a pause that doubles
  (``state.webhook_retry_delay``, at most 5 s), ``state.webhook_max_attempts`` times in all,
  then dropped. ``getWebhookInfo`` shows the last error.
* Order per chat: the next update of a chat is posted only once the previous one was answered
  (or dropped), as Telegram keeps a chat's updates in sequence; updates of different chats go
  out at once, up to ``max_connections`` requests at a time.
* ``state.lost_webhook_answers``: that many next answers are treated as never received
  (the update was handled, Telegram does not know it), so the update is posted again.
"""
from __future__ import annotations

import asyncio
import collections
import time
from typing import Any

import aiohttp

from .state import FakeState

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_RETRY_DELAY = 5.0


def chat_key(update: dict[str, Any]) -> int | None:
    """The chat whose order the update keeps (None: unordered)."""
    payload = next(v for k, v in update.items() if k != "update_id")
    if not isinstance(payload, dict):
        return None
    chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
    if chat:
        return chat.get("id")
    sender = payload.get("from")
    return sender.get("id") if sender else None


class WebhookDeliverer:
    """Runs in the fake's event loop; `wake()` is safe from any thread."""

    def __init__(self, state: FakeState, loop: asyncio.AbstractEventLoop) -> None:
        self.state = state
        self.loop = loop
        self._event = asyncio.Event()
        self._queues: dict[Any, collections.deque] = {}
        self._workers: dict[Any, asyncio.Task] = {}
        self._session: aiohttp.ClientSession | None = None
        self._slots = asyncio.Semaphore(40)
        self._slot_size = 40
        self._task: asyncio.Task | None = None

    def start(self) -> None:
        self._session = aiohttp.ClientSession()
        self._task = self.loop.create_task(self._run())

    async def close(self) -> None:
        for task in [self._task, *self._workers.values()]:
            if task is not None:
                task.cancel()
        await asyncio.gather(*(t for t in [self._task, *self._workers.values()] if t), return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    def wake(self) -> None:
        if not self.loop.is_closed():
            self.loop.call_soon_threadsafe(self._event.set)

    def pending(self) -> int:
        """Updates taken for delivery and not yet answered or dropped."""
        return sum(len(q) for q in self._queues.values())

    async def _run(self) -> None:
        while True:
            await self._event.wait()
            self._event.clear()
            self._take()

    def _take(self) -> None:
        state = self.state
        with state.lock:
            webhook = dict(state.webhook)
            if not webhook.get("url"):
                return
            allowed = state.allowed_types()
            taken, state.updates = state.updates, []
        size = int(webhook.get("max_connections") or 40)
        if size != self._slot_size:
            self._slots, self._slot_size = asyncio.Semaphore(size), size
        for update in taken:
            kind = next(k for k in update if k != "update_id")
            if not allowed(kind):
                continue
            key = chat_key(update)
            key = key if key is not None else ("unordered", update["update_id"])
            self._queues.setdefault(key, collections.deque()).append(update)
            if key not in self._workers:
                self._workers[key] = self.loop.create_task(self._deliver_chat(key))

    async def _deliver_chat(self, key: Any) -> None:
        queue = self._queues[key]
        try:
            while queue:
                await self._deliver(queue[0])
                queue.popleft()
        finally:
            self._workers.pop(key, None)
            if not queue:
                self._queues.pop(key, None)

    async def _deliver(self, update: dict[str, Any]) -> None:
        state = self.state
        delay = state.webhook_retry_delay
        for _attempt in range(state.webhook_max_attempts):
            with state.lock:
                url, secret = state.webhook.get("url"), state.webhook.get("secret_token")
            if not url:
                return  # deleteWebhook: Telegram keeps it for getUpdates
            error = await self._post(url, secret, update)
            with state.lock:
                state.webhook_posts.append((update["update_id"], error))
                if error is None:
                    return
                state.webhook["last_error_date"] = int(time.time())
                state.webhook["last_error_message"] = error
            await asyncio.sleep(delay)
            delay = min(delay * 2, MAX_RETRY_DELAY)

    async def _post(self, url: str, secret: str | None, update: dict[str, Any]) -> str | None:
        """None when the update was taken, else the error as getWebhookInfo words it."""
        headers = {SECRET_HEADER: secret} if secret else {}
        assert self._session is not None
        try:
            async with self._slots:
                async with self._session.post(url, json=update, headers=headers,
                                              timeout=aiohttp.ClientTimeout(total=self.state.webhook_timeout)) as resp:
                    await resp.read()
                    status = resp.status
        except asyncio.TimeoutError:
            return "Read timeout expired"
        except aiohttp.ClientError as exc:
            return f"Connection refused ({type(exc).__name__})"
        if not 200 <= status < 300:
            return f"Wrong response from the webhook: {status}"
        with self.state.lock:
            if self.state.lost_webhook_answers > 0:
                self.state.lost_webhook_answers -= 1
                return "Read timeout expired"
        return None
