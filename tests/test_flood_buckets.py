"""Per-reader token buckets: a burst, a steady rate, one warning per spell, bounded memory."""
from __future__ import annotations

from bot.flood_buckets import FloodBuckets, Verdict


def test_a_burst_then_one_warning_then_silence_until_refilled():
    buckets = FloodBuckets(burst=5, per_second=2)
    verdicts = [buckets.take(1, 1, now=100.0) for _ in range(8)]
    assert verdicts == [Verdict.PASS] * 5 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert buckets.take(2, 1, now=100.0) is Verdict.PASS  # another reader is not affected
    assert buckets.take(1, 1, now=100.4) is Verdict.DROP  # 0.8 of a token: still the same spell
    assert buckets.take(1, 1, now=100.5) is Verdict.PASS  # one token back
    assert buckets.take(1, 1, now=100.5) is Verdict.WARN  # a new spell gets its own warning


def test_expensive_updates_cost_more():
    buckets = FloodBuckets(burst=6, per_second=2)
    assert [buckets.take(1, 3, now=0.0) for _ in range(3)] == [Verdict.PASS, Verdict.PASS, Verdict.WARN]
    assert buckets.take(1, 1, now=0.0) is Verdict.DROP
    assert buckets.take(1, 3, now=1.5) is Verdict.PASS


def test_idle_buckets_are_forgotten_and_memory_stays_bounded():
    buckets = FloodBuckets(burst=4, per_second=2, max_users=100)
    for user in range(50):
        buckets.take(user, 1, now=0.0)
    assert len(buckets) == 50
    buckets.take(999, 1, now=2.0)  # 2 s refills 4 tokens: the others are as good as new
    assert len(buckets) == 1
    for user in range(1000):
        buckets.take(user, 1, now=3.0)
    assert len(buckets) <= 100


def test_refusing_a_reader_with_too_much_running_warns_once():
    buckets = FloodBuckets(burst=5, per_second=2)
    assert buckets.take(1, 1, now=0.0) is Verdict.PASS
    assert buckets.refuse(1) is Verdict.WARN and buckets.refuse(1) is Verdict.DROP
