"""Reader services make one statement per reply part, and the anniversary lookup uses its index, on both databases.

Each statement is a round trip to the database (four thread hand-offs with
aiosqlite), which cost more than the rows of a page; these tests keep the
services from sliding back to one query per kind of row.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import text
from sqlmodel import select

from bot.briefing.articles import latest_articles
from bot.briefing.onthisday import anniversaries_on, on_this_day
from bot.briefing.paging import _page_statement
from bot.briefing.search import search_dossier
from bot.briefing.timeline import TimelineFilter, timeline_page
from bot.briefing.topics import topic_card
from storage.models import Event


async def count(statements: list[str], call) -> int:
    statements.clear()
    await call
    return len(statements)


async def test_one_statement_per_page(seeded_session, statements):
    s = seeded_session
    assert await count(statements, timeline_page(s, lang="ru", filter=TimelineFilter())) == 1
    assert await count(statements, timeline_page(s, lang="en", filter=TimelineFilter(), page=1)) == 1
    assert await count(statements, timeline_page(s, lang="en", filter=TimelineFilter(2025, 8, "charter"))) == 1
    assert await count(statements, timeline_page(s, lang="ru", filter=TimelineFilter(1999))) == 1  # nothing at all
    assert await count(statements, latest_articles(s, page=0)) == 1
    assert await count(statements, on_this_day(s, day=dt.date(2026, 8, 8), lang="en")) == 1
    # None that day: the days that have anniversaries, then the next ones' events.
    assert await count(statements, on_this_day(s, day=dt.date(2026, 11, 21), lang="en")) == 3
    assert await count(statements, topic_card(s, slug="charter", lang="ru")) == 3  # topic, key events, sources


async def test_a_pages_statement_is_built_once_whatever_the_page_or_filter_values(seeded_session):
    """Building a statement costs about a millisecond of CPU: pages and filter values are parameters."""
    s = seeded_session
    await timeline_page(s, lang="en", filter=TimelineFilter(2025, 8, "charter"))
    await latest_articles(s, page=0)
    await latest_articles(s, page=0, topic="charter")
    built = _page_statement.cache_info().currsize
    await timeline_page(s, lang="en", filter=TimelineFilter(2026, 2, "amendment907"), page=1)
    for page, topic in ((1, None), (0, None), (2, "amendment907"), (0, "charter")):
        await latest_articles(s, page=page, topic=topic)
    assert _page_statement.cache_info().currsize == built


async def test_a_page_past_the_end_counts_first(seeded_session, statements):
    page = timeline_page(seeded_session, lang="ru", filter=TimelineFilter(), page=999)
    assert await count(statements, page) == 3  # the empty page, the count, the last page


async def test_search_is_one_statement_per_kind(seeded_session, statements):
    s = seeded_session
    assert await count(statements, search_dossier(s, query="хартия", lang="ru")) == 2
    assert await count(statements, search_dossier(s, query="хартия", lang="ru", articles_limit=0)) == 1  # inline
    assert await count(statements, search_dossier(s, query="и в на", lang="ru")) == 0  # stop words only


async def test_anniversaries_use_the_month_day_index(seeded_session):
    statement, params = anniversaries_on(dt.date(2026, 8, 8), "en")
    sql = str(statement.params(params).compile(dialect=seeded_session.bind.dialect, compile_kwargs={"literal_binds": True}))
    if seeded_session.bind.dialect.name == "sqlite":
        plan = [row[-1] for row in (await seeded_session.exec(text(f"EXPLAIN QUERY PLAN {sql}"))).all()]
    else:  # the seeded table is small enough for a sequential scan: rule it out to see the index is usable
        await seeded_session.exec(text("SET LOCAL enable_seqscan = off"))
        plan = [row[0] for row in (await seeded_session.exec(text(f"EXPLAIN {sql}"))).all()]
    assert any("ix_events_month_day" in line for line in plan), plan


async def test_hidden_events_stay_out_of_every_reply(seeded_session):
    signing = (await seeded_session.exec(select(Event).where(Event.date == dt.date(2025, 8, 8)))).first()
    signing.hidden = True
    seeded_session.add(signing)
    await seeded_session.commit()
    august = await timeline_page(seeded_session, lang="en", filter=TimelineFilter(2025, 8), page_size=50)
    assert signing.id not in {e.id for e in august.entries} and august.total == len(august.entries)
    day = await on_this_day(seeded_session, day=dt.date(2026, 8, 8), lang="en")
    assert signing.id not in {a.event.id for a in day.today + day.upcoming}
    found = await search_dossier(seeded_session, query=signing.title_en, lang="en")
    assert signing.id not in {e.id for e in found.events}
