"""Telegram-like flood limits for message-sending methods.

* private chats: token bucket, ``private_burst`` messages, refilled at
  ``private_per_second`` per second (Telegram: ~1 message/s per chat);
* groups, supergroups, channels: ``group_per_minute`` messages per 60 s window;
* overall: ``global_per_second`` messages per second across all chats;
* ``allow_paid_broadcast=true`` requests use a separate overall limit of
  ``paid_per_second`` instead of ``global_per_second``.

``time_scale`` shrinks (<1) or stretches (>1) every time window, so a test can
exercise the limits quickly: with ``time_scale=0.1`` a group allows 20
messages per 6 s. ``retry_after`` is always a whole number of seconds >= 1,
like Telegram's, unless ``min_retry_after`` is changed.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Callable


@dataclass
class RateLimitConfig:
    enabled: bool = True
    private_burst: int = 3
    private_per_second: float = 1.0
    group_per_minute: int = 20
    global_per_second: int = 30
    paid_per_second: int = 1000
    time_scale: float = 1.0
    min_retry_after: int = 1
    retry_after_override: int | None = None  # report this instead of the computed wait


@dataclass
class _Bucket:
    tokens: float
    updated: float


@dataclass
class RateLimiter:
    config: RateLimitConfig = field(default_factory=RateLimitConfig)
    clock: Callable[[], float] = time.monotonic
    wall_clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget all history (counters included)."""
        with self._lock:
            self._buckets: dict[int, _Bucket] = {}
            self._windows: dict[int, deque[float]] = {}
            self._global: deque[float] = deque()
            self._paid: deque[float] = deque()
            self.throttled = 0
            self.throttled_overall = 0  # of those, refused (also) for the overall limit
            self.throttled_by_chat: Counter[int] = Counter()
            self.send_times: dict[int, list[float]] = {}

    # -- helpers -------------------------------------------------------------
    @staticmethod
    def _window_wait(events: deque[float], limit: int, window: float, now: float) -> float:
        while events and events[0] <= now - window:
            events.popleft()
        if len(events) < limit:
            return 0.0
        return events[len(events) - limit] + window - now

    def _bucket(self, chat_id: int, now: float) -> _Bucket:
        cfg = self.config
        rate = cfg.private_per_second / cfg.time_scale
        bucket = self._buckets.get(chat_id)
        if bucket is None:
            bucket = self._buckets[chat_id] = _Bucket(float(cfg.private_burst), now)
        bucket.tokens = min(float(cfg.private_burst), bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now
        return bucket

    # -- API -----------------------------------------------------------------
    def check(self, chat_id: int, chat_type: str, *, paid: bool = False) -> int | None:
        """Record one message to ``chat_id``; returns retry_after if it must be refused."""
        cfg = self.config
        with self._lock:
            now = self.clock()
            scale = cfg.time_scale
            waits = [0.0]
            bucket = None
            if chat_type == "private":
                bucket = self._bucket(chat_id, now)
                if bucket.tokens < 1.0:
                    waits.append((1.0 - bucket.tokens) / (cfg.private_per_second / scale))
            else:
                window = self._windows.setdefault(chat_id, deque())
                waits.append(self._window_wait(window, cfg.group_per_minute, 60.0 * scale, now))
            if paid:
                overall = self._window_wait(self._paid, cfg.paid_per_second, 1.0 * scale, now)
            else:
                overall = self._window_wait(self._global, cfg.global_per_second, 1.0 * scale, now)
            wait = max(*waits, overall)
            if cfg.enabled and wait > 0:
                self.throttled += 1
                self.throttled_overall += overall > 0
                self.throttled_by_chat[chat_id] += 1
                if cfg.retry_after_override is not None:
                    return cfg.retry_after_override
                return max(cfg.min_retry_after, math.ceil(wait))
            if bucket is not None:
                bucket.tokens = max(0.0, bucket.tokens - 1.0)
            else:
                self._windows[chat_id].append(now)
            (self._paid if paid else self._global).append(now)
            self.send_times.setdefault(chat_id, []).append(self.wall_clock())
            return None

    def timestamps(self, chat_id: int) -> list[float]:
        with self._lock:
            return list(self.send_times.get(chat_id, []))
