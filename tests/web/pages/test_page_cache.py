"""Rendered pages kept in memory: a repeat costs no query, for at most PAGE_CACHE_SECONDS, bounded in size."""
from __future__ import annotations

import datetime as dt

import pytest
from aiohttp.test_utils import TestClient, TestServer
from multidict import CIMultiDict
from sqlalchemy import event

from bot.config import load_settings
from bot.web.pages.page_cache import PAGES, PageCache
from bot.web.pages.routes import pages_app
from storage.db import open_session
from storage.models import Event
from storage.seed_files import read_dossier


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def kept(seeded_engine):
    """A client of the pages with a 20 s cache on a clock the test moves, and a count of SQL statements."""
    settings = load_settings(_env_file=None, database_url="sqlite:///unused.db", page_cache_seconds=20)
    web_app = pages_app(settings, seeded_engine, read_dossier().meta)
    clock = Clock()
    web_app[PAGES] = PageCache(20, clock=clock)
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731 - (conn, cursor, statement, ...)
    event.listen(seeded_engine.sync_engine, "before_cursor_execute", listener)
    client = TestClient(TestServer(web_app))
    await client.start_server()
    yield client, clock, statements
    await client.close()
    event.remove(seeded_engine.sync_engine, "before_cursor_execute", listener)


async def add_event(engine, title: str) -> None:
    async with open_session(engine) as session:
        session.add(Event(slug="kept-page-test", date=dt.date(2026, 12, 1), title_en=title, title_ru=title,
                          summary_en="A summary.", summary_ru="Сводка."))
        await session.commit()


async def test_a_page_asked_again_is_served_without_a_query_until_its_seconds_pass(kept, seeded_engine):
    client, clock, statements = kept
    first = await client.get("/timeline?lang=en")
    assert first.status == 200 and statements
    statements.clear()
    again = await client.get("/timeline?lang=en")
    assert again.status == 200 and await again.text() == await first.text()
    assert statements == []  # no query at all
    assert again.headers["ETag"] == first.headers["ETag"] and again.headers["Cache-Control"] == "public, max-age=60"

    await add_event(seeded_engine, "A freshly added event")
    clock.now += 19
    assert "A freshly added event" not in await (await client.get("/timeline?lang=en")).text()
    clock.now += 2  # past the 20 s
    assert "A freshly added event" in await (await client.get("/timeline?lang=en")).text()


async def test_a_kept_page_is_sent_compressed_to_who_accepts_it_and_plain_to_the_rest(kept):
    client, _clock, statements = kept
    rendered = await client.get("/timeline?lang=en", headers={"Accept-Encoding": "gzip"})
    statements.clear()
    zipped = await client.get("/timeline?lang=en", headers={"Accept-Encoding": "gzip, br"})
    plain = await client.get("/timeline?lang=en", headers={"Accept-Encoding": "identity"}, auto_decompress=False)
    assert statements == []
    assert zipped.headers["Content-Encoding"] == "gzip" and "Content-Encoding" not in plain.headers
    assert await zipped.text() == await plain.text() == await rendered.text()  # the client inflates gzip


async def test_a_forced_reload_renders_the_page_afresh(kept, seeded_engine):
    client, _clock, _statements = kept
    await client.get("/timeline?lang=en")
    await add_event(seeded_engine, "Shown on a forced reload")
    fresh = await client.get("/timeline?lang=en", headers={"Cache-Control": "no-cache"})
    assert "Shown on a forced reload" in await fresh.text()
    # ... and the page kept from then on is the fresh one
    assert "Shown on a forced reload" in await (await client.get("/timeline?lang=en")).text()


async def test_a_kept_page_answers_if_none_match_with_304(kept):
    client, _clock, statements = kept
    etag = (await client.get("/chart")).headers["ETag"]
    statements.clear()
    repeat = await client.get("/chart", headers={"If-None-Match": etag})
    assert repeat.status == 304 and await repeat.read() == b"" and repeat.headers["ETag"] == etag
    assert statements == []


async def test_each_language_is_kept_apart(kept):
    client, _clock, _statements = kept
    english = await client.get("/timeline", headers={"Accept-Language": "en-GB,en;q=0.9"})
    russian = await client.get("/timeline", headers={"Accept-Language": "ru"})
    assert english.headers["Content-Language"] == "en" and russian.headers["Content-Language"] == "ru"
    assert 'lang="ru"' in await russian.text() and 'lang="en"' in await english.text()


async def test_unknown_slugs_are_kept_as_404(kept):
    client, _clock, statements = kept
    assert (await client.get("/events/no-such-event")).status == 404
    statements.clear()
    assert (await client.get("/events/no-such-event")).status == 404 and statements == []


async def test_zero_seconds_keeps_nothing(seeded_engine):
    settings = load_settings(_env_file=None, database_url="sqlite:///unused.db", page_cache_seconds=0)
    client = TestClient(TestServer(pages_app(settings, seeded_engine, read_dossier().meta)))
    await client.start_server()
    try:
        await client.get("/timeline")
        await add_event(seeded_engine, "Seen at once without a cache")
        assert "Seen at once without a cache" in await (await client.get("/timeline?lang=en")).text()
        assert len(client.app[PAGES]) == 0
    finally:
        await client.close()


def test_the_cache_is_bounded_in_entries_and_bytes():
    clock = Clock()
    cache = PageCache(20, max_entries=3, max_bytes=800, clock=clock)
    for n in range(5):
        cache.put((f"/p{n}", "en"), 200, b"x" * 10, CIMultiDict())
    assert len(cache) == 3 and cache.get(("/p0", "en")) is None and cache.get(("/p4", "en")) is not None
    cache.get(("/p2", "en"))  # used: kept over /p3
    cache.put(("/big", "en"), 200, b"y" * 99, CIMultiDict())
    assert cache.get(("/p3", "en")) is None and cache.get(("/p2", "en")) is not None
    cache.put(("/huge", "en"), 200, b"z" * 101, CIMultiDict())  # over an eighth of the bytes: not kept
    assert cache.get(("/huge", "en")) is None
    for n in range(8):
        cache.put((f"/q{n}", "en"), 200, bytes(range(90)), CIMultiDict())
    assert sum(len(page.body) + len(page.gzipped) for page in cache._pages.values()) <= 800
    clock.now += 21
    assert cache.get(("/q7", "en")) is None
