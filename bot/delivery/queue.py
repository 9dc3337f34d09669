"""Pending deliveries held in memory, one queue per chat, released as each chat's limit allows.

A chat is at most in one place: ready (its head may go now), waiting (until its next slot
or a retry's backoff), busy (its head is being sent) or absent (nothing held). One message
per chat is in flight at a time, so a chat's parts go out in id order, and the next waits
a gap from Telegram's answer to the previous one (so Telegram sees them at least that far apart).
"""
from __future__ import annotations

import bisect
import heapq
import itertools
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bot.delivery.outbox import reply_markup

READY, WAITING, BUSY = 1, 2, 3


@dataclass(frozen=True, slots=True)
class Payload:
    """A stored push's text and buttons as the sender sends them, made once per distinct payload."""

    text: str
    markup: dict[str, Any] | None  # the Bot API's InlineKeyboardMarkup (bot.delivery.outbox.reply_markup): read only

    @classmethod
    def of(cls, stored: dict[str, Any]) -> "Payload":
        return cls(stored["text"], reply_markup(stored.get("buttons")))


@dataclass(slots=True)
class Row:
    """A delivery held by the engine."""

    id: int
    chat_id: int
    thread_id: int | None
    payload: Payload  # shared by every held row of the same push (bot/delivery/loader.py)
    not_before: float = 0.0  # monotonic seconds
    errors: int = 0  # timeouts and 5xx so far (this run)
    moves: int = 0  # chat migrations followed
    last_error: str | None = None

    def __lt__(self, other: "Row") -> bool:
        return self.id < other.id


@dataclass
class ChatQueues:
    gap: Callable[[int], float]  # seconds between two messages to a chat
    _rows: dict[int, deque[Row]] = field(default_factory=dict)
    _state: dict[int, int] = field(default_factory=dict)
    _ready: deque[int] = field(default_factory=deque)
    _waiting: list[tuple[float, int, int]] = field(default_factory=list)  # (when, seq, chat) heap
    _due: dict[int, float] = field(default_factory=dict)  # chat -> earliest next send
    _seq: Any = field(default_factory=itertools.count)
    ids: set[int] = field(default_factory=set)  # every row held, queued or in flight

    def __len__(self) -> int:
        return len(self.ids)

    def ready_count(self, now: float) -> int:
        self._promote(now)
        return len(self._ready)

    def add(self, row: Row, now: float) -> None:
        queue = self._rows.setdefault(row.chat_id, deque())
        if queue and queue[-1].id > row.id:  # committed late: keep the chat's id order
            bisect.insort(queue, row)
        else:
            queue.append(row)
        self.ids.add(row.id)
        if row.chat_id not in self._state:
            self._schedule(row.chat_id, now)

    def take(self, count: int | None, now: float) -> list[Row]:
        """Up to `count` (None: all) rows whose chats may receive a message now, marked busy."""
        self._promote(now)
        out = []
        while self._ready and (count is None or len(out) < count):
            chat = self._ready.popleft()
            if self._state.get(chat) != READY:
                continue  # dropped or moved since
            out.append(self._rows[chat].popleft())
            self._state[chat] = BUSY
        return out

    def finish(self, row: Row, now: float, *, retry_at: float | None = None, sent: bool = True) -> None:
        """The row's attempt is over: done (retry_at None) or back at its chat's head until retry_at.
        `now` is when Telegram answered: the chat's next message waits a gap from then. `sent`
        False: the request was never made."""
        chat = row.chat_id
        if sent:
            self._due[chat] = max(self._due.get(chat, 0.0), now + self.gap(chat))
        queue = self._rows.setdefault(chat, deque())
        if retry_at is None:
            self.ids.discard(row.id)
        else:
            row.not_before = retry_at
            queue.appendleft(row)
        del self._state[chat]
        if queue:
            self._schedule(chat, now)
        else:
            del self._rows[chat]

    def hold_chat(self, chat_id: int, until: float) -> None:
        """No message to this chat before `until` (a 429 for it)."""
        self._due[chat_id] = max(self._due.get(chat_id, 0.0), until)

    def drop_chat(self, chat_id: int) -> list[Row]:
        """Forget the chat's queued rows (not one in flight) and return them."""
        rows = list(self._rows.pop(chat_id, ()))
        if self._state.get(chat_id) != BUSY:
            self._state.pop(chat_id, None)
        for row in rows:
            self.ids.discard(row.id)
        return rows

    def move_chat(self, old: int, new: int, now: float) -> None:
        """Queued rows of `old` continue as rows of `new` (a group upgraded to a supergroup)."""
        rows = self.drop_chat(old)
        for row in rows:
            row.chat_id = new
            self.add(row, now)

    def next_due(self) -> float | None:
        """When the earliest waiting chat becomes ready (None: nobody waits)."""
        while self._waiting:
            when, _, chat = self._waiting[0]
            if self._state.get(chat) == WAITING:
                return when
            heapq.heappop(self._waiting)
        return None

    def prune(self, now: float) -> None:
        """Forget pacing of chats whose slot has passed (memory stays bounded over a long run)."""
        self._due = {chat: due for chat, due in self._due.items() if due > now or chat in self._state}

    def _schedule(self, chat: int, now: float) -> None:
        when = max(self._due.get(chat, 0.0), self._rows[chat][0].not_before)
        if when <= now:
            self._state[chat] = READY
            self._ready.append(chat)
        else:
            self._state[chat] = WAITING
            heapq.heappush(self._waiting, (when, next(self._seq), chat))

    def _promote(self, now: float) -> None:
        while self._waiting and self._waiting[0][0] <= now:
            _, _, chat = heapq.heappop(self._waiting)
            if self._state.get(chat) == WAITING:
                if max(self._due.get(chat, 0.0), self._rows[chat][0].not_before) > now:
                    self._schedule(chat, now)  # held longer since (a 429 for the chat)
                else:
                    self._state[chat] = READY
                    self._ready.append(chat)
