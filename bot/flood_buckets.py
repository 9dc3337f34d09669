"""Token buckets per user: how many commands a person may have answered, and for how long not.

Each user has `burst` tokens, refilled at `per_second`; an update costs a token or
more (expensive commands cost more). An update that finds too few is refused: the
first refusal of a spell is to be answered ("wait a few seconds"), the rest dropped
without a word, until the user is let through again. Pure bookkeeping: the caller
passes the time (monotonic seconds), so tests need no sleeping.
"""
from __future__ import annotations

import enum
from collections import OrderedDict
from dataclasses import dataclass

MAX_USERS = 50_000  # buckets kept at most; idle ones go first, and they go as soon as they are full


class Verdict(enum.Enum):
    PASS = "pass"
    WARN = "warn"  # refused: the first of a spell, answer it once
    DROP = "drop"  # refused again in the same spell: ignore


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


class FloodBuckets:
    def __init__(self, *, burst: float, per_second: float, max_users: int = MAX_USERS) -> None:
        self.burst, self.per_second, self.max_users = burst, per_second, max_users
        self._buckets: OrderedDict[int, _Bucket] = OrderedDict()  # least recently used first

    def __len__(self) -> int:
        return len(self._buckets)

    def take(self, user_id: int, cost: float, now: float) -> Verdict:
        """Charge `cost` to the user at `now`, or refuse."""
        self._evict(now)
        bucket = self._buckets.pop(user_id, None) or _Bucket(self.burst, now)
        bucket.tokens = min(self.burst, bucket.tokens + max(0.0, now - bucket.updated) * self.per_second)
        bucket.updated = now
        self._buckets[user_id] = bucket
        if bucket.tokens >= min(cost, self.burst):
            bucket.tokens -= min(cost, self.burst)
            bucket.warned = False
            return Verdict.PASS
        return self.refuse(user_id)

    def refuse(self, user_id: int) -> Verdict:
        """A refusal for another reason (too much of the user's running at once), in the same spell."""
        bucket = self._buckets.get(user_id)
        if bucket is None or bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def _evict(self, now: float) -> None:
        # A bucket idle long enough to be full again is a fresh one: forgetting it changes nothing.
        refill_seconds = self.burst / self.per_second
        while self._buckets:
            oldest = next(iter(self._buckets.values()))
            if now - oldest.updated < refill_seconds and len(self._buckets) < self.max_users:
                break
            self._buckets.popitem(last=False)
