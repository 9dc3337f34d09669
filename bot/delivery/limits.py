"""Telegram's flood limits, kept by the sender itself instead of waiting for 429.

Overall about 30 messages a second (up to 1000 with allow_paid_broadcast), about one a
second to a private chat, 20 a minute to a group or channel. Telegram counts a message
when it handles it, some time between our request and its answer; so that late or
bunched arrival never breaks a limit, each is kept against answers, not requests:
- one chat: its next message starts a gap after the answer to its previous one;
- overall: a message starts only while fewer than the limit are unanswered or were
  answered within the last second (whichever requests arrive together then, no
  second at Telegram holds more), and sends are spread over evenly spaced slots (in small
  groups that start together, each group checked whole).
Every gap and slot is a little longer than the limit asks (HEADROOM).
"""
from __future__ import annotations

import bisect
from collections import deque
from dataclasses import dataclass

HEADROOM = 0.97
ANSWER_DELAY = 0.02  # seconds the answers to a group of sends may gather before they are read (low rates only)
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


def answer_delay(limits: Limits, in_flight: int) -> float:
    """How long the sender lets the answers to a group gather before reading them (HttpPool): one wake-up
    for the group's answers instead of one each. Only at rates so low that answers each a second late
    would still leave room in flight (30/s), never where the in-flight bound sets the pace (1000/s)."""
    if not limits.per_second:
        return 0.0
    per_real_second = limits.per_second / limits.time_scale
    return ANSWER_DELAY if per_real_second * (1.0 + ANSWER_DELAY) <= in_flight else 0.0


def group_size(per_window: float | None, *, slots: int, most: int) -> int:
    """Requests that start together: the largest divisor of the limit up to `slots` and `most`.
    A divisor, so whole groups fill a window: 30/s in groups of 10 keeps the rate, of 9 loses a tenth."""
    if not per_window:
        return 1
    limit = int(per_window)
    return max(size for size in range(1, max(1, min(slots, most, limit)) + 1) if limit % size == 0)


class Pacer:
    """The overall limit: `limit` requests per `window`, in slots `window / (HEADROOM x limit)` apart,
    given out in groups of `group` slots that start together at the group's first one.

    Waking for one request costs about 1 ms of CPU, for ten together 0.3 ms each; the groups
    keep the same average spacing, and each is checked whole against the window.
    Slots missed by up to CATCH_UP of a window are still given out (at once); an idle spell earns
    no more than that. A pause (after a 429 or during an outage) moves every later slot past it.
    """

    def __init__(self, per_window: float | None, now: float, window: float = WINDOW, group: int = 1) -> None:
        self.limit = int(per_window) if per_window else None
        self.window = window
        self.interval = window / (per_window * HEADROOM) if per_window else 0.0
        self.group = group
        self.next_slot = now  # when the next group starts
        self.filled = 0  # requests already given the group at next_slot
        self.paused_until = 0.0
        self.unanswered = 0
        self.answered: deque[float] = deque()  # when recent answers came, oldest first

    def next_free(self, now: float) -> float:
        return max(self.next_slot, self.paused_until, now - CATCH_UP * self.window)

    def free_slots(self, now: float, until: float) -> int | None:
        """How many sends may start before `until`; None when there is no overall limit.

        Each group is checked against the window as it will be when the group starts: the answers
        that came within a window before then, and every request unanswered or given a slot before."""
        if self.limit is None:
            return 0 if now < self.paused_until else None
        start, room = self.next_free(now), self._room_in_group(now)
        self.window_room(now)  # forget answers out of the window
        answers = list(self.answered)
        given = 0
        while start <= until:
            recent = len(answers) - bisect.bisect_right(answers, start - self.window)
            if self.unanswered + given + room + recent > self.limit:
                break  # a group goes whole or waits (part of one now, the rest later, is a wake-up more)
            given += room
            start, room = start + self.group * self.interval, self.group
        return given

    def fits_at(self, now: float) -> float | None:
        """When the next group may start whole, as far as answers so far tell; None: only once
        more requests are answered (too many unanswered), or never without a limit."""
        start = self.next_free(now)
        if self.limit is None:
            return start
        self.window_room(now)
        stay = self.limit - self.unanswered - self._room_in_group(now)  # answers that may stay in the window
        if stay < 0:
            return None
        leave = len(self.answered) - stay  # the oldest answers that must first leave it
        return start if leave <= 0 else max(start, self.answered[leave - 1] + self.window)

    def _room_in_group(self, now: float) -> int:
        return self.group - self.filled if self.next_free(now) == self.next_slot else self.group

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
        """When a request about to start may (monotonic seconds; past ones mean now): its group's start."""
        slot = self.next_free(now)
        if slot != self.next_slot:  # a new group, after an idle spell or a pause
            self.next_slot, self.filled = slot, 0
        self.filled += 1
        if self.filled >= self.group:
            self.next_slot, self.filled = slot + self.group * self.interval, 0
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
