"""Planning due pushes into the outbox: once each, grace windows after a restart, who gets nothing."""
from __future__ import annotations

import datetime as dt

from sqlmodel import select

from bot.briefing import push_settings
from bot.briefing.push_settings import Change
from bot.scheduling.pushes import plan_due
from storage.db import open_session
from storage.models import Chat, Schedule
from tests.delivery.helpers import StoredDelivery, stored_deliveries
from tests.pushes.factories import add_article, add_subscriber

UTC = dt.timezone.utc
SUBSCRIBED = dt.datetime(2026, 9, 1, 10, 0, tzinfo=UTC)  # 14:00 in Baku
DUE = dt.datetime(2026, 9, 2, 5, 0, tzinfo=UTC)  # 09:00 in Baku the next morning


async def deliveries(engine) -> list[StoredDelivery]:
    return await stored_deliveries(engine)


async def schedules(engine, chat_id) -> dict[str, Schedule]:
    async with open_session(engine) as session:
        rows = (await session.exec(select(Schedule).where(Schedule.chat_id == chat_id))).all()
        return {row.kind: row for row in rows}


async def move_due(engine, chat_id: int, when: dt.datetime, *, digest_off: bool = False) -> None:
    """As if the schedules had been waiting for `when` (the digest switched off when asked)."""
    async with open_session(engine) as session:
        if digest_off:
            chat = await session.get(Chat, chat_id)
            await push_settings.apply_change(session, chat=chat, change=Change("digest", "off"), now=SUBSCRIBED)
        for schedule in (await session.exec(select(Schedule).where(Schedule.chat_id == chat_id))).all():
            if schedule.next_run_at is not None:
                schedule.next_run_at = when
                session.add(schedule)
        await session.commit()


async def subscriber_with_news(engine, chat_id=1001, **kwargs) -> None:
    async with open_session(engine) as session:
        await add_subscriber(session, chat_id=chat_id, now=SUBSCRIBED, **kwargs)
        await add_article(session, title="Charter talks", topics={"charter": 0.7},
                          ingested_at=SUBSCRIBED + dt.timedelta(hours=2))
        await session.commit()


async def test_a_due_digest_and_anniversary_are_planned_once(seeded_engine):
    await subscriber_with_news(seeded_engine)
    report = await plan_due(seeded_engine, now=DUE)
    rows = await deliveries(seeded_engine)
    assert report.planned == 1 and report.empty == 1  # no dossier event happened on 2 September
    assert [(r.kind, r.chat_id, r.status) for r in rows] == [("digest", 1001, "pending")]
    assert rows[0].dedup_key == f"digest:{rows[0].schedule_id}:20260902T0500:0"
    assert "Charter talks" in rows[0].payload["text"]
    after = await schedules(seeded_engine, 1001)
    assert after["digest"].next_run_at == DUE + dt.timedelta(days=1)
    assert after["digest"].cursor_article_id is not None
    # Planning again at the same moment, or a minute later, adds nothing.
    assert (await plan_due(seeded_engine, now=DUE)).deliveries == 0
    assert (await plan_due(seeded_engine, now=DUE + dt.timedelta(minutes=1))).deliveries == 0
    assert len(await deliveries(seeded_engine)) == 1


async def test_anniversary_on_a_day_with_dossier_events(seeded_engine):
    await subscriber_with_news(seeded_engine)
    # The Charter was signed on 10 February 2026: a year later it is an anniversary.
    feb10 = dt.datetime(2027, 2, 10, 5, 0, tzinfo=UTC)
    await move_due(seeded_engine, 1001, feb10, digest_off=True)
    await plan_due(seeded_engine, now=feb10)
    rows = await deliveries(seeded_engine)
    assert [r.kind for r in rows] == ["onthisday"]
    assert "1 year ago" in rows[0].payload["text"]


async def test_restart_within_grace_sends_late_beyond_skips(seeded_engine):
    await subscriber_with_news(seeded_engine)
    # Down from 08:00 to 16:59 UTC: 11 h 59 min late is still within the digest's 12 hours.
    report = await plan_due(seeded_engine, now=DUE + dt.timedelta(hours=11, minutes=59))
    assert report.planned == 1 and report.late == 0
    # The next one falls due at 05:00 the next day; back only at 17:01 UTC: skipped, and not repeated later
    # (on-this-day, at 21:01 in Baku, is still within its day: it runs, with nothing to say).
    report = await plan_due(seeded_engine, now=DUE + dt.timedelta(days=1, hours=12, minutes=1))
    assert (report.late, report.planned, report.empty) == (1, 0, 1)
    after = await schedules(seeded_engine, 1001)
    assert after["digest"].next_run_at == DUE + dt.timedelta(days=2)
    assert len(await deliveries(seeded_engine)) == 1


async def test_onthisday_grace_is_the_same_local_day(seeded_engine):
    await subscriber_with_news(seeded_engine)
    feb10 = dt.datetime(2027, 2, 10, 5, 0, tzinfo=UTC)
    await move_due(seeded_engine, 1001, feb10, digest_off=True)
    # 19:59 UTC is 23:59 in Baku: still 10 February there.
    await plan_due(seeded_engine, now=feb10 + dt.timedelta(hours=14, minutes=59))
    assert [r.kind for r in await deliveries(seeded_engine)] == ["onthisday"]

    await move_due(seeded_engine, 1001, feb10 + dt.timedelta(days=365))
    # 20:01 UTC is past midnight in Baku: that day's anniversaries are stale.
    report = await plan_due(seeded_engine, now=feb10 + dt.timedelta(days=365, hours=15, minutes=1))
    assert report.late == 1
    assert [r.kind for r in await deliveries(seeded_engine)] == ["onthisday"]


async def test_unsubscribed_and_inactive_chats_get_nothing(seeded_engine):
    await subscriber_with_news(seeded_engine, chat_id=1)
    await subscriber_with_news(seeded_engine, chat_id=2)
    async with open_session(seeded_engine) as session:
        from bot.briefing.subscriptions import unsubscribe
        await unsubscribe(session, chat_id=1, topics=None, all_slugs=(), now=SUBSCRIBED)
        blocked = await session.get(Chat, 2)
        blocked.active, blocked.inactive_reason = False, "blocked"
        session.add(blocked)
        await session.commit()
    report = await plan_due(seeded_engine, now=DUE)
    assert report.deliveries == 0 and await deliveries(seeded_engine) == []


async def test_topic_subscriber_gets_only_their_topics(seeded_engine):
    await subscriber_with_news(seeded_engine, chat_id=7, topics=("tripp",))
    await plan_due(seeded_engine, now=DUE)
    assert await deliveries(seeded_engine) == []  # the only news was about the charter


async def test_long_digest_is_split_into_parts_in_order(seeded_engine):
    async with open_session(seeded_engine) as session:
        await add_subscriber(session, chat_id=9, now=SUBSCRIBED)
        for i in range(10):
            article = await add_article(session, title=f"Long {i} " + "слово " * 60, topics={"charter": i / 10},
                                        ingested_at=SUBSCRIBED + dt.timedelta(minutes=i))
            article.summary = "Очень длинное изложение. " * 40
            session.add(article)
        await session.commit()
    await plan_due(seeded_engine, now=DUE)
    rows = await deliveries(seeded_engine)
    assert len(rows) >= 2 and [r.dedup_key.rsplit(":", 1)[1] for r in rows] == [str(i) for i in range(len(rows))]
