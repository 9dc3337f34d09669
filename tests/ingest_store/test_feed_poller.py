"""Polling feeds from a local HTTP server: new items, 304, errors, redirects, growth, backoff."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

from bot.ingest.feed_poller import MAX_FAILURES, backoff, poll_feed
from bot.ingest.http_fetch import new_client
from storage import feeds as store
from storage.models import Article, Feed
from tests.ingest_store.http_server import FIXTURES, IMPATIENT, LIMITS, LOCAL_HOSTS

ETAG, MODIFIED = '"v1"', "Tue, 10 Feb 2026 15:00:00 GMT"


async def add(session, server, path: str, now: dt.datetime, **kwargs) -> Feed:
    feed = await store.add_feed(session, url=server.url(path), now=now, **kwargs)
    await session.commit()
    return feed


async def poll(session, feed, rules, now, limits=LIMITS):
    async with new_client(limits, hosts=LOCAL_HOSTS) as client:
        return await poll_feed(session, feed, client=client, now=now, rules=rules, limits=limits, page_limits=limits)


async def titles(session) -> list[str]:
    return sorted((await session.exec(select(Article.title))).all())


async def test_new_items_then_304_with_conditional_headers(seeded_session, rules, now, server):
    server.fixture("/feed.rss", "feed_v1.rss", etag=ETAG, last_modified=MODIFIED)
    feed = await add(seeded_session, server, "/feed.rss", now)
    first = await poll(seeded_session, feed, rules, now)
    assert (first.status, first.new, first.duplicates, first.rejected, first.error) == ("ok", 2, 0, 0, None)
    assert await titles(seeded_session) == ["В Конгрессе США обсудили отмену 907-й поправки",
                                            "Вэнс и Алиев подписали Хартию о стратегическом партнерстве"]
    feed = await seeded_session.get(Feed, feed.id)
    assert (feed.etag, feed.last_modified, feed.items_count, feed.title) == (ETAG, MODIFIED, 2, "Caspian Courier")
    assert feed.last_success_at == now and feed.next_poll_at == now + dt.timedelta(minutes=15)
    article = (await seeded_session.exec(select(Article).where(Article.title.startswith("Вэнс")))).one()
    assert article.feed_id == feed.id and article.outlet == "Caspian Courier"
    assert article.published_at == dt.datetime(2026, 2, 10, 14, 45, tzinfo=dt.timezone.utc)

    later = now + dt.timedelta(minutes=15)
    second = await poll(seeded_session, feed, rules, later)
    assert second.status == "not_modified" and second.new == 0
    sent = server.seen("/feed.rss")[-1].headers
    assert sent["If-None-Match"] == ETAG and sent["If-Modified-Since"] == MODIFIED
    assert "If-None-Match" not in server.seen("/feed.rss")[0].headers
    feed = await seeded_session.get(Feed, feed.id)
    assert feed.last_success_at == later and feed.items_count == 2


async def test_a_feed_that_grows_between_polls(seeded_session, rules, now, server):
    server.fixture("/feed.rss", "feed_v1.rss")  # no validators: every poll gets the whole feed
    feed = await add(seeded_session, server, "/feed.rss", now)
    assert (await poll(seeded_session, feed, rules, now)).new == 2
    server.fixture("/feed.rss", "feed_v2.rss")
    grown = await poll(seeded_session, feed, rules, now + dt.timedelta(minutes=15))
    assert (grown.status, grown.new, grown.known, grown.duplicates) == ("ok", 1, 2, 0)
    flu = (await seeded_session.exec(select(Article).where(Article.title.startswith("Грипп")))).one()
    assert flu.relevant is False  # kept, searchable, never pushed
    again = await poll(seeded_session, feed, rules, now + dt.timedelta(minutes=30))
    assert (again.new, again.known) == (0, 3)
    assert (await seeded_session.get(Feed, feed.id)).items_count == 3


async def test_a_redirect_is_followed(seeded_session, rules, now, server):
    server.fixture("/new/feed.rss", "feed_v1.rss")
    server.redirect("/old/feed.rss", "/new/feed.rss")
    feed = await add(seeded_session, server, "/old/feed.rss", now)
    result = await poll(seeded_session, feed, rules, now)
    assert (result.status, result.new) == ("ok", 2)
    assert [r.path for r in server.requests] == ["/old/feed.rss", "/new/feed.rss"]


@pytest.mark.parametrize(("setup", "error"), [
    (lambda s: s.fixture("/feed.rss", "broken.xml"), "malformed feed XML"),
    (lambda s: s.silent("/feed.rss"), "timed out"),
    (lambda s: s.status("/feed.rss", 500, "oops"), "HTTP 500 Internal Server Error"),
    (lambda s: s.status("/feed.rss", 404), "HTTP 404 Not Found"),
    (lambda s: s.content("/feed.rss", b"<rss>" + b" " * 300_000 + b"</rss>"), "response too large"),
    (lambda s: s.endless("/feed.rss"), "response too large"),
    (lambda s: s.content("/feed.rss", b"just some text", content_type="text/plain"), "malformed feed XML"),
])
async def test_failures_are_recorded_and_backed_off(seeded_session, rules, now, server, setup, error):
    setup(server)
    feed = await add(seeded_session, server, "/feed.rss", now)
    # Only a silent server is given short limits: everything else must not depend on how busy the machine is.
    result = await poll(seeded_session, feed, rules, now, IMPATIENT if error == "timed out" else LIMITS)
    assert result.status == "failed" and error in result.error
    feed = await seeded_session.get(Feed, feed.id)
    assert (feed.status, feed.error_count, feed.last_polled_at, feed.last_success_at) == ("active", 1, now, None)
    assert error in feed.last_error and feed.next_poll_at == now + dt.timedelta(minutes=30)
    assert await titles(seeded_session) == []


async def test_backoff_doubles_up_to_a_day_then_the_feed_is_paused(seeded_session, rules, now, server):
    server.status("/feed.rss", 503)
    feed = await add(seeded_session, server, "/feed.rss", now, interval_minutes=15)
    moment, delays = now, []
    for failure in range(1, MAX_FAILURES + 1):
        due = await store.due_feeds(seeded_session, now=moment)
        assert [f.id for f in due] == [feed.id]
        result = await poll(seeded_session, due[0], rules, moment)
        delays.append(result.next_poll_at - moment)
        moment = result.next_poll_at
    minutes = [int(d.total_seconds() // 60) for d in delays]
    assert minutes == [30, 60, 120, 240, 480, 960, 1440, 1440]
    assert result.status == "paused"
    feed = await seeded_session.get(Feed, feed.id)
    assert (feed.status, feed.error_count) == ("paused", MAX_FAILURES)
    assert feed.last_error == "HTTP 503 Service Unavailable"
    assert await store.due_feeds(seeded_session, now=moment + dt.timedelta(days=30)) == []
    # Resumed, it is due at once and a good poll clears the failures.
    server.fixture("/feed.rss", "feed_v1.rss")
    await store.resume_feed(seeded_session, url=feed.url, now=moment)
    await seeded_session.commit()
    (due,) = await store.due_feeds(seeded_session, now=moment)
    assert (await poll(seeded_session, due, rules, moment)).status == "ok"
    feed = await seeded_session.get(Feed, feed.id)
    assert (feed.status, feed.error_count, feed.last_error, feed.items_count) == ("active", 0, None, 2)


def test_backoff_formula():
    assert backoff(15, 1) == dt.timedelta(minutes=30)
    assert backoff(60, 3) == dt.timedelta(hours=8)
    assert backoff(15, 100) == dt.timedelta(days=1)


async def test_full_text_is_fetched_for_summary_feeds(seeded_session, rules, now, server):
    server.fixture("/feed.atom", "summary_feed.atom", content_type="application/atom+xml")
    server.fixture("/article.html", "article.html", content_type="text/html")
    feed = await add(seeded_session, server, "/feed.atom", now, fetch_full_text=True)
    result = await poll(seeded_session, feed, rules, now)
    assert (result.status, result.new) == ("ok", 1)
    article = (await seeded_session.exec(select(Article))).one()
    assert article.body.startswith("Вице-президент США Джей Ди Вэнс") and "Нахчываном" in article.body
    assert "Последние новости" not in article.body and "Подробнее" not in article.body
    assert article.title == "Вэнс и Алиев подписали Хартию о стратегическом партнерстве"
    assert article.outlet == "Example News" and article.url == server.url("/article.html")


async def test_without_full_text_the_summary_is_kept_and_a_failed_page_falls_back(
        seeded_session, rules, now, server):
    server.fixture("/feed.atom", "summary_feed.atom", content_type="application/atom+xml")
    server.status("/article.html", 500)
    feed = await add(seeded_session, server, "/feed.atom", now, fetch_full_text=True)
    assert (await poll(seeded_session, feed, rules, now)).new == 1
    article = (await seeded_session.exec(select(Article))).one()
    assert article.body.startswith("Вице-президент США") and "Нахчываном" not in article.body
