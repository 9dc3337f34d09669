"""Unit tests of the fake's flood limits with a controllable clock."""

from __future__ import annotations

from tests.fakebot import RateLimitConfig, RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(**config: object) -> tuple[RateLimiter, Clock]:
    clock = Clock()
    return RateLimiter(RateLimitConfig(**config), clock=clock, wall_clock=clock), clock


def test_private_chat_burst_then_one_per_second() -> None:
    limiter, clock = make()
    assert [limiter.check(1, "private") for _ in range(3)] == [None, None, None]
    assert limiter.check(1, "private") == 1
    clock.now += 0.5
    assert limiter.check(1, "private") == 1  # half a token only
    clock.now += 0.5
    assert limiter.check(1, "private") is None
    assert limiter.check(2, "private") is None  # other chats are independent
    assert limiter.throttled == 2
    assert limiter.throttled_by_chat[1] == 2
    assert len(limiter.timestamps(1)) == 4


def test_group_twenty_per_minute_with_retry_after() -> None:
    limiter, clock = make()
    for _ in range(20):
        assert limiter.check(-5, "group") is None
        clock.now += 1
    assert limiter.check(-5, "group") == 40  # oldest send leaves the window in 40 s
    clock.now += 40
    assert limiter.check(-5, "group") is None


def test_global_limit_and_separate_paid_broadcast_limit() -> None:
    limiter, clock = make(private_burst=100)
    for chat in range(30):
        assert limiter.check(chat, "private") is None
    assert limiter.check(99, "private") == 1
    assert limiter.check(99, "private", paid=True) is None  # paid broadcasts have their own 1000/s
    assert limiter.throttled_overall == 1
    clock.now += 1.0
    assert limiter.check(99, "private") is None


def test_refusals_for_the_overall_limit_are_counted_apart() -> None:
    limiter, _ = make(paid_per_second=2, private_burst=1)
    assert limiter.check(1, "private", paid=True) is None
    assert limiter.check(1, "private", paid=True) == 1  # the chat's one message a second
    assert limiter.check(2, "private", paid=True) is None
    assert limiter.check(3, "private", paid=True) == 1  # two a second overall
    assert (limiter.throttled, limiter.throttled_overall) == (2, 1)


def test_time_scale_and_disabling() -> None:
    limiter, clock = make(time_scale=0.1)
    for _ in range(3):
        assert limiter.check(1, "private") is None
    clock.now += 0.1  # one token refills in 0.1 s when scaled by 0.1
    assert limiter.check(1, "private") is None
    limiter.config.enabled = False
    assert all(limiter.check(1, "private") is None for _ in range(10))
    limiter.reset()
    assert limiter.throttled == 0 and limiter.timestamps(1) == []
