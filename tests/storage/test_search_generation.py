"""The search generation (migration 0019) changes with every commit a search can see, and only then."""
from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import text

from bot.ingest.raw_article import RawArticle
from bot.ingest.rules import load_rules, relevance_groups
from bot.ingest.store import ingest
from storage.db import open_session
from storage.search import search_generation

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)
ARTICLE = RawArticle(
    title="Хартия о стратегическом партнерстве подписана в Баку",
    body=("Вице-президент США и президент Азербайджана подписали в Баку Хартию о стратегическом партнерстве. "
          "Документ охватывает сотрудничество в области безопасности, энергетики и транспорта."),
    published=dt.date(2026, 2, 10), outlet="Example News")
# One write to each table a search reads, as a maintainer's edit or a re-seed would make it.
WRITES = {
    "events": "UPDATE events SET title_en = title_en || ' (edited)' WHERE id = (SELECT min(id) FROM events)",
    "event_topics": "DELETE FROM event_topics WHERE event_id = (SELECT min(event_id) FROM event_topics)",
    "event_sources": "DELETE FROM event_sources WHERE event_id = (SELECT min(event_id) FROM event_sources)",
    "sources": "UPDATE sources SET outlet = outlet || '.' WHERE id = (SELECT min(id) FROM sources)",
    "topics": "UPDATE topics SET slug = slug || '-x' WHERE id = (SELECT min(id) FROM topics)",
}


async def generation(engine) -> int:
    async with open_session(engine) as session:
        return await search_generation(session)


@pytest.mark.parametrize("table", list(WRITES))
async def test_a_committed_write_to_a_table_search_reads_changes_it(seeded_engine, table):
    before = await generation(seeded_engine)
    async with open_session(seeded_engine) as session:
        assert (await session.exec(text(WRITES[table]))).rowcount >= 1
        await session.commit()
    assert await generation(seeded_engine) > before


async def test_a_new_article_changes_it_once_its_transaction_commits(seeded_engine):
    async with open_session(seeded_engine) as session:
        rules = await load_rules(session, relevance_all_of=relevance_groups())
        await session.commit()
        before = await search_generation(session)
        await session.commit()
        outcome = await ingest(session, ARTICLE,
                               origin="test", now=NOW, rules=rules)
        assert outcome.article_id is not None
        assert await generation(seeded_engine) == before  # not yet committed: nothing a search could see
        await session.commit()
    assert await generation(seeded_engine) > before


async def test_a_rolled_back_write_or_a_write_elsewhere_leaves_it(seeded_engine):
    before = await generation(seeded_engine)
    async with open_session(seeded_engine) as session:
        await session.exec(text(WRITES["events"]))
        await session.rollback()
        await session.exec(text("UPDATE chats SET language = language"))
        await session.exec(text("DELETE FROM processed_updates"))
        await session.commit()
    assert await generation(seeded_engine) == before


async def test_one_transaction_of_many_rows_counts_once_on_postgresql(seeded_engine):
    if seeded_engine.dialect.name != "postgresql":
        pytest.skip("SQLite bumps once per row written; nothing there waits on it (one writer at a time)")
    before = await generation(seeded_engine)
    async with open_session(seeded_engine) as session:
        changed = (await session.exec(text("UPDATE events SET title_ru = title_ru || '.'"))).rowcount
        await session.exec(text("UPDATE topics SET slug = slug || '-x'"))
        await session.commit()
    assert changed > 10
    assert await generation(seeded_engine) == before + 1


async def test_writers_do_not_wait_for_each_other_on_postgresql(seeded_engine):
    """The bump runs at commit: a long import does not hold up a maintainer's edit until it ends."""
    if seeded_engine.dialect.name != "postgresql":
        pytest.skip("SQLite has one writer at a time anyway")
    before = await generation(seeded_engine)
    async with open_session(seeded_engine) as importing, open_session(seeded_engine) as editing:
        await importing.exec(text(WRITES["sources"]))  # open, and written to a table search reads

        async def edit() -> None:
            await editing.exec(text(WRITES["events"]))
            await editing.commit()

        await asyncio.wait_for(edit(), timeout=5)  # a lock held since the import's write would stop this
        assert await generation(seeded_engine) == before + 1
        await importing.commit()
    assert await generation(seeded_engine) == before + 2
