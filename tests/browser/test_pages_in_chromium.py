"""A reader's walk through the pages in headless Chromium: timeline, filters, paging, search, an event, a source."""
from __future__ import annotations

import re

from tests.browser.conftest import screenshot


async def test_timeline_filter_by_topic_and_page(site, page):
    await page.goto(site + "/timeline")
    assert await page.locator("html").get_attribute("lang") == "ru"
    assert await page.locator("h1").inner_text() == "Хроника"
    await screenshot(page, "timeline")
    await page.get_by_label("Тема").select_option("charter")
    await page.get_by_role("button", name="Показать").click()
    await page.wait_for_url(re.compile(r"topic=charter"))
    assert await page.locator("h1").inner_text() == "Хроника: Хартия о стратегическом партнерстве"
    events = page.locator("article.event")
    assert await events.count() > 0
    for n in range(await events.count()):
        assert "Хартия о стратегическом партнерстве" in await events.nth(n).locator("ul.tags").inner_text()
    await page.goto(site + "/timeline")
    first_page = await page.locator("article.event h2").all_inner_texts()
    await page.get_by_role("link", name="Раньше →").click()
    await page.wait_for_url(re.compile(r"page=2"))
    assert await page.locator("nav.pager span").inner_text() == "Страница 2 из 2"
    assert set(await page.locator("article.event h2").all_inner_texts()).isdisjoint(first_page)


async def test_search_highlights_the_words_found(site, page):
    await page.goto(site + "/search")
    await page.get_by_label("Что искать").fill("хартия")
    await page.get_by_label("Что искать").press("Enter")
    await page.wait_for_url(re.compile(r"q=%D1%85"))
    marks = {text.lower() for text in await page.locator("mark").all_inner_texts()}
    assert marks and marks <= {"хартия", "хартию", "хартии", "хартией", "хартиям"}
    assert await page.locator("#found-events ~ article.event, section[aria-labelledby=found-events] article").count()
    article_titles = await page.locator("section[aria-labelledby=found-articles] article .title").all_inner_texts()
    assert "Хартия о стратегическом партнёрстве подписана в Баку" in article_titles
    hostile = page.locator("section[aria-labelledby=found-articles] article .title", has_text="alert")
    assert await hostile.inner_text() == '<script>alert("x")</script> Хартия & co'  # shown as text
    assert await hostile.locator("a").count() == 0  # its javascript: link is not a link
    await screenshot(page, "search")


async def test_an_event_and_its_source_link(site, page):
    await page.goto(site + "/timeline?lang=en")
    title = "Azerbaijan's foreign ministry says work on the Charter is nearing completion"
    await page.get_by_role("link", name=title).click()
    await page.wait_for_url(re.compile(r"/events/2026-01-30-mfa-charter-nearing-completion\?lang=en$"))
    assert await page.locator("h1").inner_text() == title
    assert await page.locator('meta[property="og:title"]').get_attribute("content") == title
    await screenshot(page, "event")
    source = page.locator("ul.sources a").first
    href = await source.get_attribute("href")
    assert href == ("https://report.az/en/foreign-politics/"
                    "azerbaijan-us-near-completion-of-strategic-partnership-charter")
    visited = []

    async def stand_in(route):  # sources are other sites: answer for them instead of going out
        visited.append(route.request.url)
        await route.fulfill(status=200, content_type="text/html", body="<title>source</title>")

    await page.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), stand_in)
    await source.click()
    await page.wait_for_url(href)
    assert visited == [href] and page.url == href


async def test_chart_bars_say_what_they_count(site, page):
    await page.goto(site + "/chart?lang=en")
    bars = page.locator("figure.chart svg rect")
    assert await bars.count() > 5
    titles = await page.locator("figure.chart svg rect title").all_text_contents()
    assert "Charter on Strategic Partnership, February 2026: 2" in titles
    marks = await page.locator("figure.chart svg g.mark title").all_text_contents()
    listed = await page.locator("ol.milestones li").all_inner_texts()
    assert len(marks) == len(listed) > 3  # each milestone numbered in the chart and named below it
    signed = next(n for n, text in enumerate(listed, start=1) if "Vance and Aliyev sign" in text)
    assert f"{signed}. Vance and Aliyev sign the Charter on Strategic Partnership in Baku" in marks
    await screenshot(page, "chart")


async def test_reading_and_filtering_work_with_javascript_off(site, browser):
    context = await browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 800})
    page = await context.new_page()
    try:
        await page.goto(site + "/timeline?lang=en")
        await page.get_by_label("Year").select_option("2025")
        await page.get_by_role("button", name="Show").click()
        await page.wait_for_url(re.compile(r"year=2025"))
        dates = await page.locator("article.event time").all_inner_texts()
        assert dates and all(d.endswith("2025") for d in dates)
        await page.goto(site + "/search?lang=en")
        await page.get_by_label("Words to look for").fill("Nakhchivan")
        await page.get_by_role("button", name="Search").click()
        await page.wait_for_url(re.compile(r"q=Nakhchivan"))
        assert "nakhchivan" in {m.lower() for m in await page.locator("mark").all_inner_texts()}
    finally:
        await context.close()


async def test_nothing_is_wider_than_a_360_px_screen(site, page):
    await page.set_viewport_size({"width": 360, "height": 800})
    for path in ("/", "/timeline", "/events/2026-02-10-charter-signed-baku", "/topics/charter", "/articles",
                 "/search?q=хартия", "/chart"):
        await page.goto(site + path)
        width = await page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)


async def test_keyboard_focus_is_visible(site, page):
    await page.goto(site + "/")
    await page.keyboard.press("Tab")
    skip = page.locator("a.skip")
    assert await skip.evaluate("el => el === document.activeElement")
    box = await skip.bounding_box()
    assert box and box["x"] >= 0  # the skip link comes into view when focused
    await page.keyboard.press("Tab")
    outline = await page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"


async def test_first_load_of_the_timeline_is_under_100_kb(site, page):
    responses = []
    page.on("response", lambda response: responses.append(response))
    await page.goto(site + "/timeline")
    await page.wait_for_load_state("load")
    sizes = [await r.request.sizes() for r in responses]
    transferred = sum(s["responseBodySize"] + s["responseHeadersSize"] for s in sizes)
    assert len(responses) >= 2 and transferred < 100_000, transferred
    assert all(r.url.startswith(site) for r in responses)  # no CDN, no web font
