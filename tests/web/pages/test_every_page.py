"""Every page in both languages: served, in its language, one h1, headings in order, nothing left untranslated."""
from __future__ import annotations

import re

import pytest

from bot.render.locales import en_web, ru_web
from tests.web.pages.pages_html import heading_levels, read

PAGES = ("/", "/timeline", "/timeline?topic=tripp&year=2025", "/events/2026-02-10-charter-signed-baku",
         "/topics/charter", "/topics/amendment907", "/articles", "/search", "/search?q=хартия", "/chart")


@pytest.mark.parametrize("lang", ["ru", "en"])
async def test_every_page_in_both_languages(pages_with_articles, lang):
    other = en_web.TEXTS if lang == "ru" else ru_web.TEXTS
    foreign_nav = other["web.nav.timeline"]
    for path in PAGES:
        sep = "&" if "?" in path else "?"
        resp = await pages_with_articles.get(f"{path}{sep}lang={lang}")
        html = await resp.text()
        assert resp.status == 200, path
        assert f'<html lang="{lang}">' in html, path
        levels = heading_levels(html)
        assert levels.count(1) == 1 and levels[0] == 1, (path, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path, levels)  # no level skipped
        assert foreign_nav not in " ".join(read(html).text), path
        assert all(alt for alt in re.findall(r"<img[^>]*?alt=\"([^\"]*)\"", html))
        assert "<img" not in html or html.count("<img") == len(re.findall(r"<img[^>]*alt=", html))


async def test_unknown_paths_and_slugs_are_404_in_the_readers_language(pages):
    for path in ("/events/no-such-event", "/topics/nosuchtopic", "/events/" + "a" * 500,
                 "/events/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/topics/..%2F..%2Fetc"):
        resp = await pages.get(path + "?lang=en")
        body = await resp.text()
        assert resp.status == 404, path
        assert "<h1>Page not found</h1>" in body and "<script>alert" not in body
    russian = await pages.get("/events/no-such-event", headers={"Accept-Language": "ru-RU"})
    assert russian.status == 404 and "<h1>Страница не найдена</h1>" in await russian.text()
