"""Telegram's flood limits, kept by the sender itself instead of waiting for 429.

Overall about 30 messages a second (up to 1000 with allow_paid_broadcast), about one a
second to a private chat, 20 a minute to a group or channel. Telegram counts a message
when it handles it, some time between our request and its answer; so that late or
bunched arrival never breaks a limit, each is kept against answers, not requests:
- one chat: its next message starts a gap after the answer to its previous one;
- overall: a message starts only while fewer than the limit are unanswered or were
  answered within the last second (whichever requests arrive together then, no
  second at Telegram holds more), and sends are spread over evenly spaced slots.
Every gap and slot is a little longer than the limit asks (HEADROOM).
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

HEADROOM = 0.97
WINDOW = 1.0  # seconds over which Telegram counts the overall limit
CATCH_UP = 0.1  # of a window: slots missed while busy (a slow transaction) may still be used, at once


@dataclass(frozen=True)
class Limits:
    per_second: float | None = 30.0  # None: no overall limit (benchmarks, a server without limits)
    chat_interval: float = 1.0  # seconds between two messages to one private chat
    group_per_minute: int = 20  # groups, supergroups and channels (negative chat ids)
    paid_broadcast: bool = False  # send with allow_paid_broadcast
    time_scale: float = 1.0  # < 1 shrinks every window alike (tests, against the fake's time_scale)

    @property
    def window(self) -> float:
        return WINDOW * self.time_scale

    def chat_gap(self, chat_id: int) -> float:
        """Seconds from the answer to one message to the start of the next, for this chat."""
        seconds = 60.0 / self.group_per_minute if chat_id < 0 else self.chat_interval
        return seconds * self.time_scale / HEADROOM

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(per_second=settings.delivery_rate, chat_interval=settings.delivery_chat_interval,
                   group_per_minute=settings.delivery_group_per_minute,
                   paid_broadcast=settings.delivery_paid_broadcast)


class Pacer:
    """The overall limit: `limit` requests per `window`, in slots `window / (HEADROOM x limit)` apart.

    Slots missed by up to CATCH_UP of a window are still given out (at once); an idle spell earns
    no more than that. A pause (after a 429 or during an outage) moves every later slot past it.
    """

    def __init__(self, per_window: float | None, now: float, window: float = WINDOW) -> None:
        self.limit = int(per_window) if per_window else None
        self.window = window
        self.interval = window / (per_window * HEADROOM) if per_window else 0.0
        self.next_slot = now
        self.paused_until = 0.0
        self.unanswered = 0
        self.answered: deque[float] = deque()  # when recent answers came, oldest first

    def next_free(self, now: float) -> float:
        return max(self.next_slot, self.paused_until, now - CATCH_UP * self.window)

    def free_slots(self, now: float, until: float) -> int | None:
        """How many sends may start before `until`; None when there is no overall limit."""
        if self.limit is None:
            return 0 if now < self.paused_until else None
        start = self.next_free(now)
        if start > until:
            return 0
        return min(int((until - start) / self.interval) + 1, self.window_room(now))

    def window_room(self, now: float) -> int:
        """Requests that may start now without ever putting more than `limit` into one window."""
        if self.limit is None:
            return 1 << 30
        while self.answered and self.answered[0] <= now - self.window:
            self.answered.popleft()
        return max(0, self.limit - self.unanswered - len(self.answered))

    def window_frees_at(self) -> float | None:
        return self.answered[0] + self.window if self.answered else None

    def allocate(self, now: float) -> float:
        """The next free slot (monotonic seconds; past ones mean now), taken by a request about to start."""
        slot = self.next_free(now)
        self.next_slot = slot + self.interval
        self.unanswered += 1
        return slot

    def answered_at(self, now: float) -> None:
        self.unanswered -= 1
        if self.limit:
            self.answered.append(now)

    def release(self, count: int) -> None:
        """Allocated slots whose requests were not made after all."""
        self.unanswered -= count

    def pause(self, until: float) -> None:
        self.paused_until = max(self.paused_until, until)

    def resume(self) -> None:
        """End a pause early (the outage is over)."""
        self.paused_until = 0.0
