"""GET /: the dossier's title, description, topics and newest events, in the reader's language."""
from __future__ import annotations

import re

import aiohttp

from tests.web.pages.pages_html import heading_levels, text_of
from tests.web.test_health_and_metrics import web_server_only


async def test_dossier_page_in_both_languages(pages):
    ru = await pages.get("/")
    assert ru.status == 200 and ru.headers["Content-Type"] == "text/html; charset=utf-8"
    body = await ru.text()
    assert '<html lang="ru">' in body
    assert "<h1>Азербайджан и США: отношения в 2024–2026 годах</h1>" in body
    assert 'href="/topics/charter"' in body and "Последние события" in body
    en = await (await pages.get("/?lang=en")).text()
    assert '<html lang="en">' in en and "<h1>Azerbaijan–United States relations, 2024–2026</h1>" in en
    assert 'href="/timeline?lang=en"' in en  # the chosen language carries over to the links
    assert re.search(r'<link rel="stylesheet" href="/static/site\.[0-9a-f]{12}\.css">', en)
    assert heading_levels(en)[0] == 1 and heading_levels(en).count(1) == 1
    assert "Charter" in text_of(en)


async def test_accept_language_then_default(pages):
    english = await (await pages.get("/", headers={"Accept-Language": "de-DE,en-GB;q=0.8,ru;q=0.5"})).text()
    assert '<html lang="en">' in english
    russian = await (await pages.get("/", headers={"Accept-Language": "de, fr;q=0.5"})).text()
    assert '<html lang="ru">' in russian  # neither is supported: DEFAULT_LANGUAGE
    hostile = await pages.get("/?lang=xx", headers={"Accept-Language": "en;q=abc, ;;;, ru;q=2"})
    assert hostile.status == 200 and '<html lang="ru">' in await hostile.text()


async def test_etag_gives_304_and_static_files_are_cached_for_long(pages):
    first = await pages.get("/?lang=en")
    etag = first.headers["ETag"]
    assert "max-age" in first.headers["Cache-Control"] and "Accept-Language" in first.headers["Vary"]
    again = await pages.get("/?lang=en", headers={"If-None-Match": etag})
    assert again.status == 304 and await again.read() == b""
    css_url = re.search(r'href="(/static/site\.[0-9a-f]{12}\.css)"', await first.text()).group(1)
    css = await pages.get(css_url)
    assert css.status == 200 and "immutable" in css.headers["Cache-Control"]
    assert css.headers["Content-Type"].startswith("text/css")
    assert (await pages.get("/static/site.000000000000.css")).status == 404


async def test_the_bots_web_server_serves_the_pages(db_url):
    async with web_server_only(db_url) as (base, _engine):
        async with aiohttp.ClientSession() as http:
            async with http.get(base + "/?lang=en") as resp:
                assert resp.status == 200 and "<h1>Azerbaijan–United States relations" in await resp.text()
