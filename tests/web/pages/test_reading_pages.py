"""GET /articles and GET /search?q=: the newest articles, and search ranked as the bot's /search."""
from __future__ import annotations

import re

import pytest

from bot.briefing.search import search_dossier
from bot.web.pages.reading_pages import SEARCH_ARTICLES, SEARCH_EVENTS
from storage.db import open_session
from tests.web.pages.pages_html import text_of
from tests.web.pages.seeding import HOSTILE_TITLE

EVENT_LINK = re.compile(r'<h3 class="title"><a href="/events/([a-z0-9-]+)')


async def test_articles_newest_first_paged_and_by_topic(pages_with_articles):
    first = await (await pages_with_articles.get("/articles?lang=en")).text()
    assert "<h1>Latest articles</h1>" in first and "25 articles" in text_of(first)
    assert text_of(first).index("Обзор прессы номер 20") < text_of(first).index("Обзор прессы номер 19")
    assert "Page 1 of 2" in text_of(first) and 'href="/articles?page=2&amp;lang=en"' in first
    second = text_of(await (await pages_with_articles.get("/articles?page=2")).text())
    assert "Хартия о стратегическом партнёрстве подписана в Баку" in second and "Страница 2 из 2" in second
    charter = text_of(await (await pages_with_articles.get("/articles?topic=charter")).text())
    assert "3 статьи" in charter and "Обзор прессы" not in charter
    unknown = text_of(await (await pages_with_articles.get("/articles?topic=%3Cx%3E&page=999999999999")).text())
    assert "Часть фильтра не распознана" in unknown and "25 статей" in unknown


async def test_articles_escape_stored_text(pages_with_articles):
    html = await (await pages_with_articles.get("/articles?page=2")).text()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Хартия &amp; co" in html
    assert HOSTILE_TITLE in text_of(html)  # shown as the text it is
    assert "<script>" not in html and "javascript:" not in html


async def test_articles_page_with_none_collected(pages):
    body = text_of(await (await pages.get("/articles?lang=en")).text())
    assert "No articles have been collected yet." in body


async def test_search_ranks_as_the_bots_search_and_highlights(pages_with_articles, pages_engine):
    html = await (await pages_with_articles.get("/search?q=хартия")).text()
    async with open_session(pages_engine) as session:
        expected = await search_dossier(session, query="хартия", lang="ru", events_limit=SEARCH_EVENTS,
                                        articles_limit=SEARCH_ARTICLES)
    assert EVENT_LINK.findall(html) == [e.slug for e in expected.events] and expected.events
    shown = text_of(html.split('id="found-articles"', 1)[1])
    positions = [shown.find(a.title) for a in expected.articles]
    assert len(positions) == 3 and -1 not in positions and positions == sorted(positions)  # three name the charter
    assert "<mark>Хартию</mark>" in html and "<mark>хартии</mark>" in html
    assert 'value="хартия"' in html


async def test_search_in_english(pages_with_articles):
    html = await (await pages_with_articles.get("/search?q=charter+signed&lang=en")).text()
    assert "<h2 id=\"found-events\">Events</h2>" in html and "<mark>Charter</mark>" in html


@pytest.mark.parametrize(("query", "expected"), [
    ("%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Ничего не найдено"),
    ("и+в+на", "только самые частые слова"),
    ("zzzzqqq", "По запросу «zzzzqqq» ничего не найдено."),
    ("", "События досье и собранные статьи"),
    ("%00%01хартия", "хартия"),
    ("x" * 5000, "ничего не найдено"),
    ("%22%3E%3Cb%3Ebold", "ничего не найдено"),
])
async def test_hostile_searches_are_escaped_never_a_500(pages_with_articles, query, expected):
    resp = await pages_with_articles.get(f"/search?q={query}")
    html = await resp.text()
    assert resp.status == 200
    assert "<script>alert" not in html and '"><b>' not in html
    assert expected.lower() in text_of(html).lower()
