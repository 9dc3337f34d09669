"""Digest composition and cursors: what a digest holds, and that no article is repeated or skipped."""
from __future__ import annotations

import datetime as dt

from bot.briefing import digests
from bot.briefing.subscriptions import ALL
from storage.models import Event
from tests.pushes.factories import add_article

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 8, 8, 5, 0, tzinfo=UTC)
ORDER = ("charter", "amendment907", "tripp")


async def compose(session, topics, *, cursor, last_run, now):
    upto = await digests.window_end(session, now=now)
    win = digests.window(cursor=cursor, upto_id=upto, last_run=last_run, created=last_run, now=now)
    return await digests.compose_digest(session, topics=topics, win=win, lang="en", topic_order=ORDER)


def titles(digest) -> list[str]:
    return [a.title for s in digest.sections for a in s.articles]


async def test_groups_by_topic_most_relevant_first(seeded_session):
    s = seeded_session
    start = await digests.window_end(s, now=T0)
    await add_article(s, title="Low charter", topics={"charter": 0.2}, ingested_at=T0 + dt.timedelta(hours=1))
    await add_article(s, title="High charter", topics={"charter": 0.9}, ingested_at=T0 + dt.timedelta(hours=2))
    await add_article(s, title="Both", topics={"charter": 0.3, "amendment907": 0.8},
                      ingested_at=T0 + dt.timedelta(hours=3))
    await add_article(s, title="Off topic", topics={}, ingested_at=T0 + dt.timedelta(hours=3), relevant=False)
    await add_article(s, title="General", topics={}, ingested_at=T0 + dt.timedelta(hours=3))
    digest = await compose(s, (ALL,), cursor=start, last_run=T0, now=T0 + dt.timedelta(days=1))
    assert [sec.topic for sec in digest.sections] == ["charter", "amendment907", None]
    assert titles(digest) == ["High charter", "Low charter", "Both", "General"]
    assert digest.total == 4 and digest.more == 0

    only_charter = await compose(s, ("charter",), cursor=start, last_run=T0, now=T0 + dt.timedelta(days=1))
    # "Both" scores higher for amendment907, but this reader follows the charter only: it sits there.
    assert titles(only_charter) == ["High charter", "Both", "Low charter"]


async def test_at_most_ten_with_the_rest_counted_and_paged(seeded_session):
    s = seeded_session
    start = await digests.window_end(s, now=T0)
    for i in range(13):
        await add_article(s, title=f"A{i:02d}", topics={"tripp": i / 20}, ingested_at=T0 + dt.timedelta(minutes=i))
    now = T0 + dt.timedelta(days=1)
    digest = await compose(s, (ALL,), cursor=start, last_run=T0, now=now)
    assert digest.shown == 10 and digest.more == 3
    assert titles(digest)[0] == "A12"
    page, pages = await digests.digest_page(s, topics=(ALL,), win=digest.window, page=1, topic_order=ORDER)
    assert pages == 2 and [a.title for sec in page for a in sec.articles] == ["A02", "A01", "A00"]


async def test_cursor_never_repeats_or_skips_an_article_stored_during_a_digest(seeded_session):
    s = seeded_session
    cursor = await digests.window_end(s, now=T0)
    await add_article(s, title="Before", topics={"charter": 0.5}, ingested_at=T0 + dt.timedelta(hours=1))
    run1 = T0 + dt.timedelta(days=1)
    # Stored while the first digest is composed: younger than SETTLE, so it waits for the next one.
    await add_article(s, title="During", topics={"charter": 0.5}, ingested_at=run1 - dt.timedelta(seconds=5))
    first = await compose(s, (ALL,), cursor=cursor, last_run=T0, now=run1)
    assert titles(first) == ["Before"]
    await add_article(s, title="After", topics={"charter": 0.5}, ingested_at=run1 + dt.timedelta(hours=1))
    second = await compose(s, (ALL,), cursor=first.window.upto_id, last_run=run1, now=run1 + dt.timedelta(days=1))
    assert sorted(titles(second)) == ["After", "During"]
    third = await compose(s, (ALL,), cursor=second.window.upto_id, last_run=run1 + dt.timedelta(days=1),
                          now=run1 + dt.timedelta(days=2))
    assert third.empty


async def test_new_dossier_events_in_the_window_for_the_readers_topics(seeded_session):
    s = seeded_session
    added = T0 + dt.timedelta(hours=3)
    s.add(Event(slug="new-visit", date=dt.date(2026, 8, 7), title_ru="Визит", title_en="A new visit",
                summary_ru="Текст.", summary_en="Text.", origin="maintainer", created_at=added, updated_at=added))
    s.add(Event(slug="hidden-one", date=dt.date(2026, 8, 7), title_ru="Скрыто", title_en="Hidden",
                summary_ru="Текст.", summary_en="Text.", origin="maintainer", hidden=True, created_at=added,
                updated_at=added))
    await s.flush()
    cursor = await digests.window_end(s, now=T0)
    digest = await compose(s, (ALL,), cursor=cursor, last_run=T0, now=T0 + dt.timedelta(days=1))
    assert [e.title for e in digest.events] == ["A new visit"] and not digest.empty
    later = await compose(s, (ALL,), cursor=cursor, last_run=T0 + dt.timedelta(days=1),
                          now=T0 + dt.timedelta(days=2))
    assert later.events == () and later.empty
    # The event has no topic, so a reader of one topic does not get it.
    assert (await compose(s, ("charter",), cursor=cursor, last_run=T0, now=T0 + dt.timedelta(days=1))).empty
