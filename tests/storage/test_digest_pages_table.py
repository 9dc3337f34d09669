"""digest_pages (migration 0016): a digest kept under an unguessable key, and the migration both ways."""
from __future__ import annotations

import datetime as dt

from bot.briefing import digest_pages
from bot.briefing.digests import Window
from storage.db import open_session
from tests.storage.migration_steps import assert_table_goes_down_and_up

NOW = dt.datetime(2026, 12, 5, 18, 0, tzinfo=dt.timezone.utc)


async def test_a_page_is_kept_under_a_fresh_unguessable_key(db_url, engine):
    win = Window(10, 20, NOW - dt.timedelta(days=1), NOW)
    async with open_session(engine) as session:
        keys = {await digest_pages.record_page(session, win=win, topics=("tripp",), lang="en", now=NOW)
                for _ in range(50)}
        await session.commit()
    assert len(keys) == 50 and all(digest_pages.KEY_RE.match(key) and len(key) == 22 for key in keys)
    async with open_session(engine) as session:
        assert await digest_pages.page_language_of(session, key=next(iter(keys))) == "en"
        assert await digest_pages.page_language_of(session, key="A" * 22) is None
        assert await digest_pages.page_language_of(session, key="../etc/passwd") is None


async def test_migration_0016_goes_down_and_up(db_url, engine):
    await assert_table_goes_down_and_up(db_url, engine, table="digest_pages", before="0015")