"""Reader services over the shipped dossier, on both databases."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import OperationalError

from bot.briefing.chart_data import chart_data
from bot.briefing.onthisday import on_this_day
from bot.briefing.search import search_dossier
from bot.briefing.timeline import TimelineFilter, timeline_page
from bot.briefing.topics import list_topics, topic_card
from storage.db import make_engine, open_session
from storage.indexing import index_article
from tests.pushes.factories import add_article


async def test_timeline_newest_first_and_paged(seeded_session):
    first = await timeline_page(seeded_session, lang="en", filter=TimelineFilter())
    assert first.total >= 25 and first.pages > 1 and first.page == 0
    dates = [e.date for e in first.entries]
    assert dates == sorted(dates, reverse=True)
    last = await timeline_page(seeded_session, lang="en", filter=TimelineFilter(), page=999)
    assert last.page == last.pages - 1 and last.entries
    assert last.entries[-1].date.year == 1992


async def test_timeline_filters(seeded_session):
    august = await timeline_page(seeded_session, lang="ru", filter=TimelineFilter(2025, 8), page_size=50)
    assert august.total >= 3 and all(e.date.strftime("%Y-%m") == "2025-08" for e in august.entries)
    charter_2026 = await timeline_page(seeded_session, lang="ru", filter=TimelineFilter(2026, None, "charter"),
                                       page_size=50)
    assert charter_2026.entries and all("charter" in e.topics and e.date.year == 2026 for e in charter_2026.entries)
    none = await timeline_page(seeded_session, lang="ru", filter=TimelineFilter(1999))
    assert none.total == 0 and none.entries == () and none.pages == 1


async def test_entries_carry_sources_and_language(seeded_session):
    page = await timeline_page(seeded_session, lang="en", filter=TimelineFilter(2026, 2, "charter"), page_size=50)
    signing = next(e for e in page.entries if e.date == dt.date(2026, 2, 10))
    assert signing.sources and signing.sources[0].outlet
    assert "Charter" in signing.title


async def test_topic_card(seeded_session):
    card = await topic_card(seeded_session, slug="amendment907", lang="en")
    assert card.key_events and card.sources and len(card.card) > 300
    assert [e.date for e in card.key_events] == sorted(e.date for e in card.key_events)
    assert await topic_card(seeded_session, slug="nope", lang="en") is None
    assert [t.slug for t in await list_topics(seeded_session, lang="ru")] == ["charter", "amendment907", "tripp"]


async def test_on_this_day_exact(seeded_session):
    result = await on_this_day(seeded_session, day=dt.date(2026, 8, 8), lang="en")
    assert result.today and all(a.years == 1 and a.event.date == dt.date(2025, 8, 8) for a in result.today)
    assert result.upcoming == ()
    older = await on_this_day(seeded_session, day=dt.date(2027, 10, 24), lang="en")
    assert [a.years for a in older.today][0] == 35  # the FREEDOM Support Act, 1992


async def test_on_this_day_points_ahead_when_empty(seeded_session):
    result = await on_this_day(seeded_session, day=dt.date(2026, 11, 21), lang="ru")
    assert result.today == ()
    assert result.upcoming and result.upcoming[0].on == dt.date(2026, 11, 25)  # the phone call of 2024
    assert all(a.on > dt.date(2026, 11, 21) for a in result.upcoming)


async def test_month_precision_events_are_not_anniversaries(seeded_session):
    result = await on_this_day(seeded_session, day=dt.date(2026, 10, 1), lang="en")
    assert all(a.event.precision == "day" for a in result.today + result.upcoming)


async def test_search_service(seeded_session):
    results = await search_dossier(seeded_session, query="поправку 907", lang="ru")
    assert results.events and "поправк" in results.terms
    assert (await search_dossier(seeded_session, query="и в на", lang="ru")).terms == ()


async def test_chart_data(seeded_session):
    data = await chart_data(seeded_session, lang="en", general_name="General")
    assert len(data.months) == 36 and data.months[-1] == dt.date(2026, 2, 1)
    names = [name for name, _ in data.series]
    assert "General" in names and len(names) >= 3
    assert sum(sum(counts) for _, counts in data.series) >= 20
    assert any(d == dt.date(2026, 2, 10) for d, _ in data.milestones)


async def test_on_this_day_caps_long_days_and_counts_the_rest(seeded_session):
    from storage.models import Event

    for year in range(2000, 2012):
        seeded_session.add(Event(slug=f"busy-{year}", date=dt.date(year, 3, 3), title_ru="т", title_en="t",
                                 summary_ru="с", summary_en="s"))
    seeded_session.add(Event(slug="leap", date=dt.date(2024, 2, 29), title_ru="т", title_en="t",
                             summary_ru="с", summary_en="s"))
    await seeded_session.commit()
    busy = await on_this_day(seeded_session, day=dt.date(2026, 3, 3), lang="en")
    assert len(busy.today) == 8 and busy.more == 4
    assert [a.years for a in busy.today] == list(range(26, 18, -1))  # oldest first
    leap = await on_this_day(seeded_session, day=dt.date(2026, 2, 28), lang="en")  # a common year
    assert [a.event.slug for a in leap.today] == ["leap"] and leap.today[0].years == 2


async def test_search_on_two_connections_finds_what_one_finds(seeded_engine):
    async with open_session(seeded_engine) as session:
        for title in ("Хартия о стратегическом партнёрстве", "Текст хартии опубликован"):
            await index_article(session, await add_article(session, title=title, topics={"charter": 0.9},
                                                           ingested_at=dt.datetime(2026, 2, 11, tzinfo=dt.timezone.utc)))
        await session.commit()
    async with open_session(seeded_engine) as one, open_session(seeded_engine) as two:
        alone = await search_dossier(one, query="хартия", lang="ru")
        paired = await search_dossier(one, query="хартия", lang="ru", articles_session=two)
    assert alone.events and len(alone.articles) == 2
    assert paired == alone


async def test_search_on_two_connections_fails_whole_after_both_are_done(seeded_engine, tmp_path):
    broken = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}")  # no tables: the article search fails
    try:
        async with open_session(seeded_engine) as one, open_session(broken) as two:
            with pytest.raises(OperationalError, match="no such table"):
                await search_dossier(one, query="хартия", lang="ru", articles_session=two)
            # The event search ran to its end on `one`, which is free for the next statement.
            assert (await search_dossier(one, query="хартия", lang="ru")).events
    finally:
        await broken.dispose()
