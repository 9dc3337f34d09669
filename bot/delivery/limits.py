"""Telegram's flood limits, kept by the sender itself instead of waiting for 429.

Overall about 30 messages/s (up to 1000/s with allow_paid_broadcast), about one message
a second to a private chat, 20 a minute to a group or channel. The sender paces a
little under each (HEADROOM): requests reach Telegram with some jitter, and one 429
costs a whole second of sending.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass

HEADROOM = 0.97
WINDOW = 1.0  # seconds over which Telegram counts the overall limit


@dataclass(frozen=True)
class Limits:
    per_second: float | None = 30.0  # None: no overall limit (benchmarks, a server without limits)
    chat_interval: float = 1.0  # seconds between two messages to one private chat
    group_per_minute: int = 20  # groups, supergroups and channels (negative chat ids)
    paid_broadcast: bool = False  # send with allow_paid_broadcast

    def chat_gap(self, chat_id: int) -> float:
        """Seconds to leave between two messages to this chat."""
        seconds = 60.0 / self.group_per_minute if chat_id < 0 else self.chat_interval
        return seconds / HEADROOM

    @classmethod
    def from_settings(cls, settings) -> "Limits":
        return cls(per_second=settings.delivery_rate, chat_interval=settings.delivery_chat_interval,
                   group_per_minute=settings.delivery_group_per_minute,
                   paid_broadcast=settings.delivery_paid_broadcast)


class Pacer:
    """The overall limit, two ways.

    Slots: sends are spaced 1 / (HEADROOM x per_second) apart, so any window of W seconds holds at
    most 1 + W x HEADROOM x per_second of them, and an idle spell earns no burst.
    Window: besides, a send may start only while fewer than per_second requests are unanswered
    or were answered within the last second. Telegram counts a message when it handles it, some
    time between our request and its answer, so however late requests arrive (a stalled server
    working through a queue), no second there holds more than per_second of them.
    A pause (after a 429 or during an outage) moves every later slot past it.
    """

    def __init__(self, per_second: float | None, now: float) -> None:
        self.interval = 1.0 / (per_second * HEADROOM) if per_second else 0.0
        self.limit = int(per_second) if per_second else None
        self.next_slot = now
        self.paused_until = 0.0
        self.unanswered = 0
        self.answered: deque[float] = deque()  # when recent answers came, oldest first

    def next_free(self, now: float) -> float:
        return max(self.next_slot, self.paused_until, now)

    def free_slots(self, now: float, until: float) -> int | None:
        """How many sends may start before `until`; None when there is no overall limit."""
        start = self.next_free(now)
        if start > until:
            return 0
        if not self.interval:
            return None
        return min(int((until - start) / self.interval) + 1, self.window_room(now))

    def window_room(self, now: float) -> int:
        while self.answered and self.answered[0] <= now - WINDOW:
            self.answered.popleft()
        return max(0, self.limit - self.unanswered - len(self.answered)) if self.limit else 1 << 30

    def window_frees_at(self) -> float | None:
        return self.answered[0] + WINDOW if self.answered else None

    def allocate(self, now: float) -> float:
        """The next free slot (monotonic seconds), now taken by a request about to start."""
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
