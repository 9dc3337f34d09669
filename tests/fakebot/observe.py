"""Driver part 3: reading what the bot did, and async wait helpers (polling)."""

from __future__ import annotations

import asyncio
import copy
import time
from typing import Any, Callable, TypeVar

from .errors import WaitTimeout
from .models import ApiCall, CallbackQueryRecord, FakeUser, InlineQueryRecord, StoredMessage
from .state import FakeState

T = TypeVar("T")
POLLING_METHODS = frozenset({"getupdates"})
# How long a wait gives up after. A wait returns as soon as its condition holds, so this only bounds a
# failing test; it is long because a busy machine (a shared CI runner) can stall a bot for seconds.
WAIT_CEILING = 30.0


class ObserveMixin:
    state: FakeState
    bot: FakeUser

    # -- messages ------------------------------------------------------------
    def messages(self, chat: Any, *, include_deleted: bool = False, include_user: bool = False,
                 after: Any = None) -> list[StoredMessage]:
        """Messages the bot sent to ``chat`` (in order); ``after``: message or id to start after."""
        after_id = after.message_id if isinstance(after, StoredMessage) else (after or 0)
        with self.state.lock:
            chat_id = self.chat(chat).id
            return [m for m in self.state.messages.get(chat_id, [])
                    if (include_user or m.from_bot) and (include_deleted or not m.deleted)
                    and m.message_id > after_id]

    def history(self, chat: Any) -> list[StoredMessage]:
        """Every message of the chat: users', the bot's and service messages, deleted ones too."""
        with self.state.lock:
            return list(self.state.messages.get(self.chat(chat).id, []))

    def last_message(self, chat: Any) -> StoredMessage | None:
        found = self.messages(chat)
        return found[-1] if found else None

    def sent_messages(self) -> list[StoredMessage]:
        """All messages sent by the bot's send* calls, across chats, in order."""
        with self.state.lock:
            return list(self.state.sent)

    def chat_actions(self, chat: Any = None) -> list[dict[str, Any]]:
        with self.state.lock:
            actions = list(self.state.chat_actions)
            if chat is None:
                return actions
            chat_id = self.chat(chat).id
            return [a for a in actions if a["chat_id"] == chat_id]

    # -- calls ---------------------------------------------------------------
    def calls(self, method: str | None = None, *, include_polling: bool = False) -> list[ApiCall]:
        """Recorded API calls (getUpdates excluded unless asked for)."""
        with self.state.lock:
            calls = list(self.state.calls)
        if method is not None:
            return [c for c in calls if c.method.lower() == method.lower()]
        return [c for c in calls if include_polling or c.method.lower() not in POLLING_METHODS]

    def rejected_calls(self, status: int | None = 400, *, include_injected: bool = False) -> list[ApiCall]:
        """Calls answered with ``status`` (None: any error), injected faults excluded by default."""
        return [
            c for c in self.calls(include_polling=True)
            if c.status is not None and c.status != 200
            and (status is None or c.status == status)
            and (include_injected or not c.injected)
        ]

    def expect_rejection(self, method: str, description: str) -> None:
        """Declare an error the bot provokes on purpose (getChat of a chat that does not exist):
        calls of ``method`` whose description contains ``description`` no longer fail
        :meth:`assert_no_rejected_calls`."""
        with self.state.lock:
            self.state.expected_rejections.append((method.lower(), description.lower()))

    def assert_no_rejected_calls(self, status: int | None = 400) -> None:
        expected = list(self.state.expected_rejections)
        rejected = [c for c in self.rejected_calls(status) if not any(
            c.method.lower() == method and description in (c.description or "").lower()
            for method, description in expected)]
        if rejected:
            lines = [f"#{c.seq} {c.method} -> {c.status} {c.description!r} params={c.params}" for c in rejected]
            raise AssertionError("the fake Bot API rejected calls:\n" + "\n".join(lines))

    # -- commands, menu, queries, stats --------------------------------------
    def commands(self, scope: dict[str, Any] | str | None = None, language_code: str = "") -> list[dict[str, str]]:
        """Commands stored by setMyCommands for exactly this scope and language."""
        if scope is None or isinstance(scope, str):
            scope = {"type": scope or "default"}
        chat_id = scope.get("chat_id")
        if chat_id is not None:
            chat_id = self.chat(chat_id).id
        user_id = scope.get("user_id")
        key = (scope["type"], chat_id, int(user_id) if user_id is not None else None, language_code or "")
        with self.state.lock:
            return copy.deepcopy(self.state.commands.get(key, []))

    def effective_commands(self, chat: Any, user: FakeUser | None = None,
                           language_code: str | None = None) -> list[dict[str, str]]:
        """The command list a user would see in ``chat`` (Telegram's scope fallback order)."""
        chat_obj = self.chat(chat)
        lang = language_code if language_code is not None else (user.language_code if user else "") or ""
        if chat_obj.type == "private":
            scopes = [("chat", chat_obj.id, None), ("all_private_chats", None, None), ("default", None, None)]
        else:
            status = chat_obj.status_of(user.id) if user else None
            scopes = [("chat_member", chat_obj.id, user.id)] if user else []
            admin = status in ("creator", "administrator")
            if admin:
                scopes.append(("chat_administrators", chat_obj.id, None))
            scopes.append(("chat", chat_obj.id, None))
            if admin:
                scopes.append(("all_chat_administrators", None, None))
            scopes += [("all_group_chats", None, None), ("default", None, None)]
        with self.state.lock:
            for kind, chat_id, user_id in scopes:
                for language in ([lang, ""] if lang else [""]):
                    found = self.state.commands.get((kind, chat_id, user_id, language))
                    if found:
                        return copy.deepcopy(found)
        return []

    def menu_button(self, chat: Any = None) -> dict[str, Any]:
        with self.state.lock:
            if chat is None:
                return copy.deepcopy(self.state.default_menu_button)
            return copy.deepcopy(self.chat(chat).menu_button or self.state.default_menu_button)

    def callback_answer(self, query: CallbackQueryRecord) -> dict[str, Any] | None:
        return query.answer

    def inline_answer(self, query: InlineQueryRecord) -> dict[str, Any] | None:
        return query.answer

    @property
    def throttled_count(self) -> int:
        """How many 429 answers the rate limiter served (injected 429s not included)."""
        return self.state.rate.throttled

    @property
    def overall_throttled_count(self) -> int:
        """Of those, the ones refused for the overall limit (30/s, or 1000/s with allow_paid_broadcast)."""
        return self.state.rate.throttled_overall

    def send_timestamps(self, chat: Any) -> list[float]:
        """Wall-clock times of accepted message sends to ``chat``."""
        return self.state.rate.timestamps(self.chat(chat).id)

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by the bot (via getUpdates offset)."""
        with self.state.lock:
            return copy.deepcopy(self.state.updates)

    def file_bytes(self, file_id: str) -> bytes | None:
        record = self.state.files.get(file_id)
        return record.data if record else None

    # -- waiting -------------------------------------------------------------
    async def wait_for(self, predicate: Callable[[], T], timeout: float = WAIT_CEILING, *, interval: float = 0.01,
                       message: str = "condition") -> T:
        """Poll ``predicate`` (sync, called under the state lock) until truthy; return its value."""
        deadline = time.monotonic() + timeout
        while True:
            with self.state.lock:
                value = predicate()
            if value:
                return value
            if time.monotonic() >= deadline:
                raise WaitTimeout(f"timed out after {timeout}s waiting for {message}\n{self._diagnostics()}")
            await asyncio.sleep(interval)

    async def wait_for_messages(self, chat: Any, count: int = 1, *, after: Any = None, timeout: float = WAIT_CEILING,
                                include_deleted: bool = True) -> list[StoredMessage]:
        """Wait until the bot sent at least ``count`` messages to ``chat`` (after ``after``)."""
        def check() -> list[StoredMessage] | None:
            found = self.messages(chat, include_deleted=include_deleted, after=after)
            return found if len(found) >= count else None
        return await self.wait_for(check, timeout, message=f"{count} bot message(s) in chat {self.chat(chat).id}")

    async def wait_for_reply(self, message: StoredMessage, *, timeout: float = WAIT_CEILING) -> StoredMessage:
        """The first bot message in the same chat after ``message`` (e.g. what user_sends returned)."""
        found = await self.wait_for_messages(message.chat_id, 1, after=message, timeout=timeout)
        return found[0]

    async def wait_for_edit(self, message: StoredMessage, *, count: int = 1, timeout: float = WAIT_CEILING) -> StoredMessage:
        await self.wait_for(lambda: len(message.edits) >= count, timeout, message=f"edit of {message!r}")
        return message

    async def wait_for_calls(self, method: str, count: int = 1, *, timeout: float = WAIT_CEILING,
                             predicate: Callable[[ApiCall], bool] | None = None) -> list[ApiCall]:
        """Wait until ``count`` finished calls of ``method`` (matching ``predicate``) were made."""
        def check() -> list[ApiCall] | None:
            found = [c for c in self.calls(method) if c.status is not None and (predicate is None or predicate(c))]
            return found if len(found) >= count else None
        return await self.wait_for(check, timeout, message=f"{count} {method} call(s)")

    async def wait_for_callback_answer(self, query: CallbackQueryRecord, *, timeout: float = WAIT_CEILING) -> dict[str, Any]:
        await self.wait_for(lambda: query.answered, timeout, message=f"answer to callback query {query.id}")
        return query.answer or {}

    async def wait_for_inline_answer(self, query: InlineQueryRecord, *, timeout: float = WAIT_CEILING) -> dict[str, Any]:
        await self.wait_for(lambda: query.answered, timeout, message=f"answer to inline query {query.id}")
        return query.answer or {}

    async def wait_until_delivered(self, *, timeout: float = WAIT_CEILING) -> None:
        """Wait until every queued update was handed to the bot by getUpdates."""
        await self.wait_for(lambda: self.state.undelivered_count() == 0, timeout, message="updates delivered")

    async def assert_no_new_messages(self, chat: Any, *, after: Any = None, within: float = 0.3) -> None:
        """Let the bot run for ``within`` seconds and assert it sent nothing to ``chat``."""
        await self.wait_until_delivered()
        await asyncio.sleep(within)
        found = self.messages(chat, after=after, include_deleted=True)
        if found:
            raise AssertionError(f"the bot unexpectedly sent: {found}")

    def _diagnostics(self) -> str:
        calls = self.calls()[-10:]
        pending = len(self.state.updates)
        lines = [f"pending updates: {pending}; last calls:"] + [f"  {c!r}" for c in calls]
        return "\n".join(lines)
