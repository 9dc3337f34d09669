"""The digest page and the Mini App in headless Chromium, served by the running bot's own web server.

The bot talks to the fake Bot API; telegram-web-app.js cannot load here, so the Mini App's
`window.Telegram.WebApp` (init data signed with the bot's token, a dark theme) is injected
into the page as Telegram's script would set it.
"""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import re

import pytest

from bot.web.server import build_web_app, start_web_server
from tests.browser.conftest import free_port, screenshot
from tests.e2e.conftest import running_bot
from tests.e2e.test_web_buttons import actions, channel_digest_of
from tests.web.init_data_signing import make_init_data

DARK = {"bg_color": "#17212b", "text_color": "#f5f5f5", "hint_color": "#708499", "link_color": "#6ab3f3",
        "button_color": "#5288c1", "button_text_color": "#ffffff", "secondary_bg_color": "#232e3c"}


@pytest.fixture
async def served_bot(request, db_templates):
    """The bot with its web server on a free port; PUBLIC_URL is that address, so its links open here."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    async with running_bot(db_templates.clone("sqlite", True, request), public_url=base) as bot:
        runner = await start_web_server(build_web_app(bot.app, bot.settings, bot.engine), "127.0.0.1", port)
        try:
            yield bot, base
        finally:
            await runner.cleanup()


@contextlib.asynccontextmanager
async def telegram_blocked(page):
    """telegram.org is out of reach in tests: fail its script at once, as an offline client would."""
    await page.route(re.compile(r"^https://telegram\.org/"), lambda route: route.abort())
    yield page


def telegram_script(bot, user, *, age: dt.timedelta = dt.timedelta(minutes=1)) -> str:
    """What telegram-web-app.js would set up for the page: the user's signed init data and the theme."""
    data = make_init_data(bot.settings.telegram_bot_token, user_id=user.id, language_code="en",
                          signed_at=bot.clock.now - age)
    web_app = {"initData": data, "themeParams": DARK, "colorScheme": "dark"}
    return (f"window.Telegram = {{WebApp: Object.assign({json.dumps(web_app)}, "
            "{ready: function () { window.__ready = true; }, onEvent: function () {}})};")


async def in_telegram(page, bot, user) -> None:
    await page.add_init_script(telegram_script(bot, user))


async def test_the_link_under_a_channel_digest_opens_the_whole_digest(served_bot, page):
    bot, base = served_bot
    post = await channel_digest_of(bot, 14)
    [action] = actions(post)
    assert action["url"].startswith(base + "/digests/")  # http PUBLIC_URL: a plain link, no Mini App
    async with telegram_blocked(page):
        await page.goto(action["url"])
    assert await page.locator("h1").inner_text() == "Digest, 8 August 2026"
    titles = await page.locator("article.article h3").all_inner_texts()
    assert sorted(titles) == [f"Article {i:02d}" for i in range(14)]
    assert await page.locator("section.digest-section h2").all_inner_texts() == ["TRIPP route"]
    await screenshot(page, "digest")


async def my_pushes(served_bot, page, path: str):
    """A subscriber, in English, opens My pushes inside Telegram and waits for the form to fill."""
    bot, base = served_bot
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")
    await in_telegram(page, bot, ann)
    async with telegram_blocked(page):
        await page.goto(base + path)
        await page.get_by_text("Next push: the digest").wait_for()
    return bot, ann


async def test_the_mini_app_changes_the_digest_time_and_the_bot_reports_it(served_bot, page):
    bot, ann = await my_pushes(served_bot, page, "/app/pushes")
    # The browser asked in Russian; the chat's language is English, so the page reloaded in it.
    assert page.url.endswith("/app/pushes?lang=en")
    assert await page.evaluate("window.__ready") is True
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 33, 43)"  # Telegram's bg_color
    assert await page.get_by_label("Time", exact=True).first.input_value() == "09:00"
    await page.get_by_label("Time", exact=True).first.fill("07:45")
    await page.get_by_role("button", name="Save").click()
    await page.get_by_role("status").filter(has_text="Saved.").wait_for()
    assert await page.locator("#next").inner_text() == "Next push: the digest, Sun, 9 August, 07:45 (Asia/Baku)."
    await screenshot(page, "mini-app-pushes")
    [reply] = await bot.ask(ann, "/settings")
    assert "Digest of new articles: daily at 07:45" in reply.plain


async def test_a_wrong_time_zone_is_refused_in_the_form(served_bot, page):
    bot, ann = await my_pushes(served_bot, page, "/app/pushes?lang=en")
    # A modified client could send any name: the server refuses it and says why.
    await page.evaluate("""() => { const zone = document.querySelector('select[name=tz]');
                                   zone.add(new Option('Mars/Olympus')); zone.value = 'Mars/Olympus'; }""")
    await page.get_by_role("button", name="Save").click()
    await page.get_by_role("status").filter(has_text="Mars/Olympus").wait_for()
    assert "is not a time zone I know" in await page.get_by_role("status").inner_text()
    [reply] = await bot.ask(ann, "/settings")
    assert "Time zone: Asia/Baku" in reply.plain


async def test_outside_telegram_the_form_says_where_to_open_it(served_bot, page):
    _, base = served_bot
    async with telegram_blocked(page):
        await page.goto(base + "/app/pushes?lang=en")
        await page.get_by_role("status").filter(has_text="Open this page from the bot").wait_for()
    assert await page.get_by_role("button", name="Save").is_disabled()
    # The Mini App's other pages work without Telegram's script: its start page links under /app.
    await page.goto(base + "/app?lang=en")
    assert await page.get_by_role("link", name="My pushes").get_attribute("href") == "/app/pushes?lang=en"
    await screenshot(page, "mini-app-start")


async def test_expired_init_data_is_refused_in_the_pages_language(served_bot, page):
    """The browser prefers Russian; the page is in English, and so is the server's refusal."""
    bot, base = served_bot
    ann = bot.fake.create_user(language_code="en")
    await page.add_init_script(telegram_script(bot, ann, age=dt.timedelta(days=2)))
    async with telegram_blocked(page):
        await page.goto(base + "/app/pushes?lang=en")
        await page.get_by_role("status").filter(has_text="has expired").wait_for()
    assert "Open this page from the bot in Telegram" in await page.get_by_role("status").inner_text()


async def test_a_slow_telegram_script_still_fills_the_form(served_bot, page):
    """On a slow connection the form first says where to open it, then fills once Telegram's script arrives."""
    bot, base = served_bot
    ann = bot.fake.create_user(language_code="en")
    await bot.ask(ann, "/subscribe")

    async def late_script(route):
        await asyncio.sleep(6)  # well past the form's wait of 3 s
        await route.fulfill(body=telegram_script(bot, ann), content_type="application/javascript")

    await page.route(re.compile(r"^https://telegram\.org/"), late_script)
    await page.goto(base + "/app/pushes?lang=en", wait_until="domcontentloaded")  # "load" waits for the script
    await page.get_by_role("status").filter(has_text="Open this page from the bot").wait_for()
    await page.get_by_text("Next push: the digest").wait_for()
    assert await page.get_by_role("button", name="Save").is_enabled()
