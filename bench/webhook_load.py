"""The load bench.webhook offers: Telegram's update JSON POSTed to the replicas at a Poisson rate.

Open loop: each update is posted at its planned arrival time whether or not the earlier ones
were answered, round-robin over the replicas (as a load balancer would), from a pool of readers
taken in turn, so one reader's commands are seconds apart (under READER_BURST/READER_PER_SECOND).
Latency runs from the planned arrival until the fake Bot API accepts the first message of the
reply to that reader (both clocks are this machine's wall clock); a late start of a post counts
against the bot, as it would for Telegram.
"""
from __future__ import annotations

import asyncio
import bisect
import itertools
import math
import random
import statistics
import time
from collections import defaultdict
from dataclasses import dataclass, field

import aiohttp

from bench.webhook_fleet import SECRET

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
QUERIES = ["хартия", "поправка 907", "санкции визит", "energy security", "transit corridor", "TRIPP"]


def command(rng: random.Random) -> str:
    """A reader command as readers send them: timelines, on-this-day and searches."""
    kind = rng.randrange(5)
    if kind == 0:
        return "/timeline"
    if kind == 1:
        return f"/timeline {rng.randrange(1992, 2027)}"
    if kind == 2:
        return f"/onthisday {rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    return f"/search {'хартия' if kind == 3 else rng.choice(QUERIES)}"


def update_json(update_id: int, user_id: int, language: str, text: str) -> dict:
    """A private message with a command, shaped as Telegram posts it."""
    name = text.split()[0]
    user = {"id": user_id, "is_bot": False, "first_name": "Reader", "language_code": language}
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": int(time.time()), "text": text, "from": user,
        "chat": {"id": user_id, "type": "private", "first_name": "Reader"},
        "entities": [{"type": "bot_command", "offset": 0, "length": len(name)}]}}


@dataclass
class Offered:
    """What one step posted: (reader, planned time) per update, and how the webhook answered."""

    posts: list[tuple[int, float, str]] = field(default_factory=list)  # (reader, planned time, command)
    acks: list[float] = field(default_factory=list)  # seconds from planned arrival to the POST's 200
    refused: dict[int, int] = field(default_factory=dict)  # HTTP status (0: no answer) -> count
    late_starts: int = 0  # posts that left more than 5 ms after their planned time (the generator lagging)


class LoadGenerator:
    """Posts updates with unique update_ids from a pool of readers (ru and en) in turn."""

    def __init__(self, readers: list[int], seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.readers = itertools.cycle([(reader, "ru" if i % 3 else "en") for i, reader in enumerate(readers)])
        # Unique across runs too: a database reused (--database-url) remembers update_ids for a day and
        # would skip them as duplicates. Posting fewer than 1000 a second, ids never catch up with the clock.
        self.update_ids = itertools.count(int(time.time() * 1000))

    async def offer(self, hooks: list[str], rate: float, duration: float) -> Offered:
        offered, tasks = Offered(), []
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(connector=connector) as http:
            targets = itertools.cycle(hooks)
            planned = start = time.time() + 0.05
            while (planned := planned + self.rng.expovariate(rate)) < start + duration:
                wait = planned - time.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                elif wait < -0.005:
                    offered.late_starts += 1
                reader, language = next(self.readers)
                text = command(self.rng)
                body = update_json(next(self.update_ids), reader, language, text)
                offered.posts.append((reader, planned, text.split()[0]))
                tasks.append(asyncio.create_task(self._post(http, next(targets), body, planned, offered)))
            await asyncio.gather(*tasks)
        return offered

    @staticmethod
    async def _post(http: aiohttp.ClientSession, hook: str, body: dict, planned: float, offered: Offered) -> None:
        try:
            async with http.post(hook, json=body, headers={SECRET_HEADER: SECRET},
                                 timeout=aiohttp.ClientTimeout(total=30)) as resp:
                await resp.read()
                status = resp.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            status = 0
        if status == 200:
            offered.acks.append(time.time() - planned)
        else:
            offered.refused[status] = offered.refused.get(status, 0) + 1


def reply_latencies(posts: list[tuple[int, float, str]], sends: list[tuple[int, float]]) -> list[float]:
    """Seconds from each post (in order) to the first message the reader got after it and before their
    next post; `inf` when there was none (unanswered, or answered only after the reader's next post)."""
    replies: dict[int, list[float]] = defaultdict(list)
    for chat, at in sends:
        replies[chat].append(at)
    for times in replies.values():
        times.sort()
    following: dict[int, float] = {}  # reader -> planned time of their next post, walking backwards
    latencies = []
    for reader, at, _command in reversed(posts):
        got = replies.get(reader, [])
        j = bisect.bisect_left(got, at)
        latencies.append(got[j] - at if j < len(got) and got[j] < following.get(reader, math.inf) else math.inf)
        following[reader] = at
    return latencies[::-1]


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile in ms (an unanswered update counts as `inf`, the slowest)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))] * 1000


def p50(values: list[float]) -> float:
    return statistics.median(values) * 1000 if values else math.nan
