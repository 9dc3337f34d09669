"""Each feed poll of the running bot's job is counted by outcome (briefbot_feed_polls_total)."""
from __future__ import annotations

import datetime as dt

from bot import metrics
from bot.scheduling.feeds import poll_due_feeds
from storage import feeds as store
from tests.ingest_store.http_server import LIMITS, LOCAL_HOSTS


def polls(outcome: str) -> float:
    return metrics.FEED_POLLS.labels(outcome)._value.get()


async def test_polls_are_counted_by_outcome(seeded_engine, seeded_session, relevance, now, server):
    server.fixture("/a.rss", "feed_v1.rss")
    await store.add_feed(seeded_session, url=server.url("/a.rss"), now=now)
    await store.add_feed(seeded_session, url=server.url("/missing.rss"), now=now)
    await seeded_session.commit()
    ok, failed = polls("ok"), polls("failed")

    results = await poll_due_feeds(seeded_engine, clock=lambda: now, relevance_all_of=relevance, limits=LIMITS,
                                   hosts=LOCAL_HOSTS)

    assert sorted(r.status for r in results) == ["failed", "ok"]
    assert (polls("ok") - ok, polls("failed") - failed) == (1, 1)
