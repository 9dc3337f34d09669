"""bench.webhook_load.reply_latencies: each update is matched to the first reply its reader got after it."""
from __future__ import annotations

import math

import pytest

from bench.webhook_load import percentile, reply_latencies


def test_each_post_takes_the_first_reply_before_the_readers_next_post():
    posts = [(1, 10.0, "/timeline"), (2, 10.5, "/search"), (1, 13.0, "/onthisday"), (3, 14.0, "/search")]
    sends = [(2, 10.52), (1, 10.03), (1, 10.04),  # reader 1's reply came in two messages: the first counts
             (1, 13.2), (9, 11.0)]  # another chat's message matches no post
    assert reply_latencies(posts, sends) == pytest.approx([0.03, 0.02, 0.2, math.inf])  # reader 3: no reply


def test_a_reply_after_the_readers_next_post_is_not_taken_for_the_earlier_one():
    posts = [(1, 10.0, "/timeline"), (1, 12.0, "/timeline")]
    latencies = reply_latencies(posts, [(1, 12.5)])
    assert latencies[0] == math.inf and latencies[1] == pytest.approx(0.5)
    assert percentile(latencies, 0.99) == math.inf  # an unanswered update is the slowest
