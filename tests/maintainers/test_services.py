"""The maintenance services on both databases: locking under races, undo, unique conflicts, drafts, stats."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import select

import storage.articles
from bot.ingest.http_fetch import new_client
from tests.ingest_store.http_server import LOCAL_HOSTS
from bot.ingest.rules import load_rules, relevance_groups
from bot.maintenance import access, articles, drafts, events, feeds, stats, undo
from bot.maintenance.feeds import CheckedFeed
from bot.maintenance.versioned import Conflict
from storage.db import open_session
from storage.models import Article, AuditEntry, Event, Feed, Maintainer
from storage.search import search

NOW = dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc)
ACTOR = 7_000_002
TEXT = (" date 2026-01-05 В Конгрессе обсудили 907-ю поправку | Caspian Courier | Политика\n"
        "Группа конгрессменов США предложила отменить поправку 907 к Акту в поддержку свободы, "
        "ограничивающую помощь Азербайджану.\nЗаконопроект передан в профильный комитет.\n")


async def _first_event_id(engine) -> int:
    async with open_session(engine) as session:
        return (await session.exec(select(Event.id).order_by(Event.id))).first()


async def test_two_saves_of_the_same_version_race_and_one_is_refused(seeded_engine):
    event_id = await _first_event_id(seeded_engine)
    async with open_session(seeded_engine) as first, open_session(seeded_engine) as second:
        await events.get_event(first, event_id=event_id)
        await events.get_event(second, event_id=event_id)  # both have read version 1
        await events.edit_event(first, event_id=event_id, expected_version=1, field="title_en", value="Quorvex first",
                                actor_id=1, now=NOW)
        await first.commit()
        with pytest.raises(Conflict) as caught:
            await events.edit_event(second, event_id=event_id, expected_version=1, field="title_en",
                                    value="Second", actor_id=2, now=NOW)
        await second.rollback()
    assert caught.value.current_version == 2
    async with open_session(seeded_engine) as session:
        event = await session.get(Event, event_id)
        assert (event.title_en, event.version, event.edited_by) == ("Quorvex first", 2, 1)
        assert [h.ref_id for h in await search(session, query="Quorvex", kind="event")] == [event_id]


async def test_undo_walks_back_through_grants_and_feeds(seeded_engine):
    async with open_session(seeded_engine) as session:
        await access.grant(session, user_id=42, name="Nina", by=ACTOR, owners=(1,), now=NOW)
        await feeds.add_checked(session, checked=CheckedFeed("https://example.org/rss", "Feed", 3), actor_id=ACTOR,
                                now=NOW)
        feed = (await session.exec(select(Feed))).one()
        await feeds.change_feed(session, feed_id=feed.id, action="pause", actor_id=ACTOR, now=NOW)
        await session.commit()
        assert (await undo.undo_last(session, actor_id=ACTOR, now=NOW)).action == "pause"
        assert feed.status == "active"
        assert (await undo.undo_last(session, actor_id=ACTOR, now=NOW)).action == "add"
        assert (await session.exec(select(Feed))).all() == []
        assert (await undo.undo_last(session, actor_id=ACTOR, now=NOW)).action == "grant"
        assert await session.get(Maintainer, 42) is None
        with pytest.raises(undo.CannotUndo) as caught:
            await undo.undo_last(session, actor_id=ACTOR, now=NOW)
        assert caught.value.key == "nothing"
        await session.commit()
        trail = (await session.exec(select(AuditEntry).where(AuditEntry.actor_id == ACTOR)
                                    .order_by(AuditEntry.id))).all()
    assert [(e.action, e.entity) for e in trail] == [
        ("grant", "maintainer"), ("add", "feed"), ("pause", "feed"), ("undo", "feed"), ("undo", "feed"),
        ("undo", "maintainer")]
    assert [e.undoes for e in trail[3:]] == [trail[2].id, trail[1].id, trail[0].id]


async def test_a_url_stored_meanwhile_is_a_duplicate_not_an_error(seeded_engine, monkeypatch):
    """Between the duplicate lookup and the insert, another writer stores the same URL."""
    url = "https://caspian.example/907"
    original_insert = storage.articles.insert_articles

    async def insert_after_a_rival(session, *, rows, topics):
        async with open_session(seeded_engine) as rival:
            await original_insert(rival, rows=rows, topics=topics)
            await rival.commit()
        return await original_insert(session, rows=rows, topics=topics)

    monkeypatch.setattr(storage.articles, "insert_articles", insert_after_a_rival)
    async with open_session(seeded_engine) as session, new_client(hosts=LOCAL_HOSTS) as client:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
        await session.commit()
        outcome = await articles.add_article(session, client=client, rules=rules, actor_id=ACTOR, now=NOW,
                                             url=url, text=TEXT)
    assert (outcome.status, outcome.matched_by, outcome.title) == (
        "duplicate", "url", "В Конгрессе обсудили 907-ю поправку")
    async with open_session(seeded_engine) as session:
        assert len((await session.exec(select(Article))).all()) == 1
        assert (await session.exec(select(AuditEntry).where(AuditEntry.entity == "article"))).all() == []


async def test_an_added_article_is_audited_and_undone(seeded_engine):
    async with open_session(seeded_engine) as session, new_client(hosts=LOCAL_HOSTS) as client:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
        await session.commit()
        outcome = await articles.add_article(session, client=client, rules=rules, actor_id=ACTOR, now=NOW, text=TEXT)
        assert outcome.status == "new"
        assert [h.ref_id for h in await search(session, query="поправку", kind="article")] == [outcome.article_id]
        await undo.undo_last(session, actor_id=ACTOR, now=NOW)
        await session.commit()
        assert await session.get(Article, outcome.article_id) is None
        assert await search(session, query="поправку", kind="article") == []


async def test_expired_drafts_are_taken_once(seeded_engine):
    async with open_session(seeded_engine) as session:
        await drafts.start_draft(session, chat_id=1, user_id=1, kind="addevent", step="date", data={}, language="en",
                                 now=NOW - drafts.TIMEOUT)
        await drafts.start_draft(session, chat_id=2, user_id=2, kind="addevent", step="date", data={}, language="ru",
                                 now=NOW - dt.timedelta(minutes=29))
        await session.commit()
        taken = await drafts.take_expired(session, now=NOW)
        await session.commit()
        assert [d.chat_id for d in taken] == [1]
        assert await drafts.take_expired(session, now=NOW) == []


async def test_stats_of_a_fresh_dossier(seeded_engine):
    async with open_session(seeded_engine) as session:
        found = await stats.collect(session, now=NOW)
    assert (found.active_subscribers, found.outbox_depth, found.articles, found.feeds.total) == (0, 0, 0, 0)
    assert found.events == 30 and found.database_bytes > 100_000
