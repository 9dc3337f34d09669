"""The reply limiter waits out a 429 in the chat that got it; other chats carry on meanwhile."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from telegram.error import RetryAfter

from bot.reply_limits import ReplyRateLimiter


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch):
    monkeypatch.setenv("PTB_TIMEDELTA", "true")  # as build_application does


async def test_a_429_in_one_chat_does_not_hold_up_another():
    limiter = ReplyRateLimiter(max_retries=1)
    seen: list[str] = []
    first_try = True

    async def flooded() -> str:
        nonlocal first_try
        seen.append("A")
        if first_try:
            first_try = False
            raise RetryAfter(dt.timedelta(seconds=1))
        return "A sent"

    async def calm() -> str:
        seen.append("B")
        return "B sent"

    a = asyncio.create_task(limiter.process_request(flooded, (), {}, "sendMessage", {"chat_id": 1}, None))
    await asyncio.sleep(0.05)  # A has had its 429 and waits
    assert seen == ["A"] and limiter.paused(1) and not limiter.paused(2)
    b = await asyncio.wait_for(limiter.process_request(calm, (), {}, "sendMessage", {"chat_id": 2}, None), 0.5)
    assert b == "B sent" and seen == ["A", "B"] and not a.done()
    assert await a == "A sent" and seen == ["A", "B", "A"]
    assert not limiter.paused(1)


async def test_calls_that_post_nothing_pass_straight_through_even_while_the_chat_waits():
    limiter = ReplyRateLimiter(max_retries=0)

    async def too_many() -> None:
        raise RetryAfter(dt.timedelta(seconds=30))

    try:
        await limiter.process_request(too_many, (), {}, "sendMessage", {"chat_id": 7}, None)
    except RetryAfter:
        pass
    assert limiter.paused(7)

    async def lookup() -> str:
        return "member"

    assert await asyncio.wait_for(
        limiter.process_request(lookup, (), {}, "getChatMember", {"chat_id": 7}, None), 0.5) == "member"


async def test_a_429_on_a_reply_is_counted_in_the_metrics():
    from bot import metrics

    before = metrics.TELEGRAM_429._value.get()

    async def too_many() -> None:
        raise RetryAfter(dt.timedelta(seconds=30))

    with pytest.raises(RetryAfter):
        await ReplyRateLimiter(max_retries=0).process_request(too_many, (), {}, "sendMessage", {"chat_id": 8}, None)
    assert metrics.TELEGRAM_429._value.get() == before + 1


async def test_a_replica_keeps_to_its_share_of_the_overall_limit():
    """Three replicas: this one sends 10 at once, the 11th waits for the next second's share."""
    limiter = ReplyRateLimiter(overall_per_second=30)
    limiter.share_overall(3)
    assert limiter.overall_per_second == 10
    sent: list[float] = []

    async def send():
        sent.append(asyncio.get_running_loop().time())

    started = asyncio.get_running_loop().time()
    await asyncio.gather(*(limiter.process_request(send, (), {}, "sendMessage", {"chat_id": n}, None)
                           for n in range(1, 13)))
    assert len(sent) == 12
    assert sum(1 for at in sent if at - started < 0.05) == 10
    assert max(sent) - started >= 0.09  # the 11th and 12th waited for capacity to return
    limiter.share_overall(1)
    assert limiter.overall_per_second == 30
