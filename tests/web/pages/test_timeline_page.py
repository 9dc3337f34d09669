"""GET /timeline: filters by topic, year and month, paging, and whatever a query string may hold."""
from __future__ import annotations

import datetime as dt
import gzip
import re

import pytest

from bot.web.pages.timeline_page import YEARS_KEPT, KeptYears
from storage.db import open_session
from storage.models import Event
from tests.web.pages.pages_html import links_of, text_of

TITLES = re.compile(r'<h2 class="title"><a href="/events/([a-z0-9-]+)')


async def slugs_on(pages, path: str) -> list[str]:
    resp = await pages.get(path)
    assert resp.status == 200, path
    return TITLES.findall(await resp.text())


async def test_newest_first_twenty_a_page(pages):
    first = await slugs_on(pages, "/timeline")
    second = await slugs_on(pages, "/timeline?page=2")
    assert len(first) == 20 and len(second) == 10  # the dossier's 30 events
    assert first[0] == "2026-02-12-garayev-charter-commentary" and second[-1].startswith("1992")
    assert not set(first) & set(second)
    body = await (await pages.get("/timeline?page=2&topic=")).text()
    assert "Страница 2 из 2" in text_of(body) and 'href="/timeline"' in body  # "newer" goes back to page 1


async def test_topic_year_and_month_filters(pages):
    charter = await slugs_on(pages, "/timeline?topic=charter&lang=en")
    assert charter and "2026-02-10-charter-signed-baku" in charter and "1992-10-24-section-907-enacted" not in charter
    in_2025 = await slugs_on(pages, "/timeline?year=2025")
    assert in_2025 and all(slug.startswith("2025") for slug in in_2025)
    august = await slugs_on(pages, "/timeline?year=2025&month=8")
    assert august and all(slug.startswith("2025-08") for slug in august)
    both = await slugs_on(pages, "/timeline?year=2026&month=2&topic=tripp")
    assert "2026-02-10-charter-signed-baku" in both and all(slug.startswith("2026-02") for slug in both)
    body = await (await pages.get("/timeline?year=2025&month=8&topic=charter&lang=en")).text()
    assert '<option value="charter" selected>' in body and "<option selected>2025</option>" in body
    assert '<option value="8" selected>August</option>' in body
    assert 'name="lang" value="en"' in body  # the form keeps the chosen language


async def test_paging_links_keep_the_filter(pages):
    body = await (await pages.get("/timeline?lang=en&topic=amendment907")).text()
    pager = [link for link in links_of(body) if "page=" in link]
    assert all("topic=amendment907" in link and "lang=en" in link for link in pager)


@pytest.mark.parametrize("query", [
    "page=99999999999999999999999999", "page=-3", "page=abc", "page=1e9", "page=٣", "page=%00",
    "month=13&year=2025", "month=0&year=2025", "month=2", "year=abc", "year=99999", "year=-1",
    "topic=%3Cscript%3Ealert(1)%3C/script%3E", "topic=charter&topic=tripp", "lang=xx", "lang=%22%3E%3Cb%3E",
    "q=%3Cscript%3E&page=%22%3E",
])
async def test_hostile_query_strings_get_a_page_never_a_500(pages, query):
    resp = await pages.get(f"/timeline?{query}")
    body = await resp.text()
    assert resp.status == 200
    assert "<script>" not in body and '"><b>' not in body
    assert "<h1>" in body


async def test_what_was_not_understood_is_said_and_left_out(pages):
    body = text_of(await (await pages.get("/timeline?month=13&year=2025&lang=en")).text())
    assert "Part of the filter was not understood" in body and "2025" in body
    huge = await (await pages.get("/timeline?page=99999999999999999999")).text()
    assert "Страница 2 из 2" in text_of(huge)  # past the end: the last page
    unknown = text_of(await (await pages.get("/timeline?topic=nosuch")).text())
    assert "Часть фильтра не распознана" in unknown and "30 событий" in unknown


async def test_first_load_is_under_100_kb(pages):
    total = 0
    resp = await pages.get("/timeline", headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
    body = await resp.read()
    assert resp.headers.get("Content-Encoding") == "gzip"
    total += len(body) + sum(len(k) + len(v) + 4 for k, v in resp.headers.items())
    html = gzip.decompress(body).decode()
    for asset in re.findall(r'(?:href|src)="(/static/[^"]+)"', html):
        static = await pages.get(asset, headers={"Accept-Encoding": "gzip"}, auto_decompress=False)
        total += len(await static.read()) + sum(len(k) + len(v) + 4 for k, v in static.headers.items())
    assert total < 100_000, total


async def test_the_years_to_pick_are_read_again_after_a_minute(pages_engine):
    kept = KeptYears()
    async with open_session(pages_engine) as session:
        first = await kept.get(session, now=100.0)
        assert first[0] == 2026 and 1992 in first
        session.add(Event(slug="2030-01-01-future", date=dt.date(2030, 1, 1), title_ru="Т", title_en="T",
                          summary_ru="С", summary_en="S"))
        await session.flush()
        assert await kept.get(session, now=100.0 + YEARS_KEPT - 1) == first  # not read again yet
        assert (await kept.get(session, now=100.0 + YEARS_KEPT))[0] == 2030
        await session.rollback()
