"""With PUBLIC_URL the bot points at its web pages: the Mini App menu button, "Open" buttons (web_app in
private chats, links elsewhere), digest pages under channel digests, event links in inline results."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlmodel import select
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, WebAppInfo
from telegram.error import BadRequest

from bot.scheduling.push_jobs import run_pushes
from storage.db import open_session
from storage.models import DigestPage
from tests.e2e.conftest import running_bot
from tests.e2e.test_pushes import news

SITE = "https://briefing.example.org"
UTC = dt.timezone.utc


@pytest.fixture
async def site_bot(seeded_db_url):
    async with running_bot(seeded_db_url, public_url=SITE + "/") as under_test:  # a trailing slash is fine
        yield under_test


def actions(message) -> list[dict]:
    """Each button of the message as {kind of action: its value}."""
    rows = (message.reply_markup or {}).get("inline_keyboard", [])
    return [{k: v for k, v in button.items() if k != "text"} for row in rows for button in row]


def web_actions(message) -> list[dict]:
    return [a for a in actions(message) if "url" in a or "web_app" in a]


async def channel_digest_of(bot, count: int):
    """A channel's digest of `count` articles, posted at its time."""
    ann = bot.fake.create_user(language_code="en")
    channel = bot.fake.create_channel("Baku Brief", username="baku_brief", creator=ann)
    bot.fake.add_bot(channel, "administrator", by=ann)
    await bot.fake.wait_for_messages(ann, 1)
    await bot.ask(ann, "/schedule 1 digest daily 18:00 Europe/Berlin tripp")
    await news(bot, *((f"Article {i:02d}", {"tripp": i / 20}) for i in range(count)))
    bot.clock.now = dt.datetime(2026, 8, 8, 16, 0, tzinfo=UTC)  # 18:00 in Berlin
    await run_pushes(bot.app)
    [post] = await bot.fake.wait_for_messages(channel, 1)
    return post


async def test_a_channel_digest_links_its_whole_page(site_bot):
    post = await channel_digest_of(site_bot, 13)
    assert "…and 3 more articles." in post.plain and post.button_texts == ["Read all"]
    [action] = actions(post)
    match = re.fullmatch(re.escape(SITE) + r"/digests/([A-Za-z0-9_-]{22})", action.get("url", ""))
    assert match, action
    async with open_session(site_bot.engine) as session:
        page = await session.get(DigestPage, match.group(1))
    assert page is not None and page.topics == ["tripp"] and page.language == "en"


async def test_a_channel_digest_without_more_has_no_page(site_bot):
    post = await channel_digest_of(site_bot, 3)
    assert post.button_texts == []
    async with open_session(site_bot.engine) as session:
        assert (await session.exec(select(DigestPage))).all() == []


async def test_a_private_digest_keeps_paging_in_the_chat(site_bot):
    ann = site_bot.fake.create_user(language_code="en")
    await site_bot.ask(ann, "/subscribe")
    await news(site_bot, *((f"Article {i:02d}", {"tripp": i / 20}) for i in range(13)))
    site_bot.clock.now = dt.datetime(2026, 8, 9, 5, 0, tzinfo=UTC)
    await run_pushes(site_bot.app)
    digest = (await site_bot.fake.wait_for_messages(ann, 2))[-1]
    assert digest.button_texts == ["Show more"] and web_actions(digest) == []


async def test_the_menu_button_opens_the_mini_app(site_bot):
    await site_bot.fake.wait_for_calls("setChatMenuButton")
    assert site_bot.fake.menu_button() == {"type": "web_app", "text": "Открыть", "web_app": {"url": SITE + "/app"}}


async def test_timeline_topic_card_and_settings_open_the_mini_app_in_a_private_chat(site_bot):
    ann = site_bot.fake.create_user(language_code="en")
    [timeline] = await site_bot.ask(ann, "/timeline")
    assert web_actions(timeline) == [{"web_app": {"url": SITE + "/app/timeline"}}]
    assert timeline.button_texts[-1] == "Open"
    [card] = await site_bot.ask(ann, "/charter")
    assert web_actions(card) == [{"web_app": {"url": SITE + "/app/topics/charter"}}]
    [settings] = await site_bot.ask(ann, "/settings")
    assert web_actions(settings) == [{"web_app": {"url": SITE + "/app/pushes"}}]
    # Paging the timeline keeps the button.
    older = await site_bot.press(ann, timeline, timeline.button_texts[0])
    assert older and web_actions(timeline) == [{"web_app": {"url": SITE + "/app/timeline"}}]


async def test_in_a_group_the_buttons_are_links(site_bot):
    """Telegram refuses web_app buttons outside private chats (the fake does too)."""
    admin = site_bot.fake.create_user(language_code="en")
    group = site_bot.fake.create_group("Readers", admins=[admin], bot="member")
    [timeline] = await site_bot.ask(admin, "/timeline", chat=group)
    assert web_actions(timeline) == [{"url": SITE + "/timeline"}]
    [card] = await site_bot.ask(admin, "/tripp@briefing_test_bot", chat=group)
    assert web_actions(card) == [{"url": SITE + "/topics/tripp"}]


async def test_inline_results_link_the_event_page(site_bot):
    user = site_bot.fake.create_user(language_code="en")
    answer = await site_bot.fake.wait_for_inline_answer(site_bot.fake.inline_query(user, "charter"))
    for result in answer["results"]:
        [[button]] = result["reply_markup"]["inline_keyboard"]
        assert button["text"] == "Open on the web"
        assert re.fullmatch(re.escape(SITE) + r"/events/[a-z0-9-]+", button["url"]), button


async def test_without_public_url_nothing_points_at_the_web(bot):
    ann = bot.fake.create_user(language_code="en")
    for command in ("/timeline", "/charter", "/settings"):
        [reply] = await bot.ask(ann, command)
        assert web_actions(reply) == [], command
    answer = await bot.fake.wait_for_inline_answer(bot.fake.inline_query(ann, "charter"))
    assert answer["results"] and all("reply_markup" not in r for r in answer["results"])
    assert bot.fake.menu_button() == {"type": "commands"}
    post = await channel_digest_of(bot, 13)
    assert post.button_texts == ["Show more"] and web_actions(post) == []


async def test_the_fake_refuses_web_app_buttons_outside_private_chats_as_telegram_does(bot):
    admin = bot.fake.create_user(language_code="en")
    group = bot.fake.create_group("Readers", admins=[admin], bot="member")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Open", web_app=WebAppInfo(SITE + "/app"))]])
    bot.fake.expect_rejection("sendMessage", "BUTTON_TYPE_INVALID")
    with pytest.raises(BadRequest, match="(?i)button_type_invalid"):
        await bot.app.bot.send_message(group.id, "x", reply_markup=markup)
    await bot.app.bot.send_message(admin.id, "x", reply_markup=markup)  # a private chat: accepted


async def test_an_http_public_url_gets_links_and_no_menu_button(seeded_db_url):
    """Telegram opens Mini Apps over https only: an http PUBLIC_URL (a local trial) gets plain links."""
    async with running_bot(seeded_db_url, public_url="http://127.0.0.1:8080") as local:
        ann = local.fake.create_user(language_code="en")
        [timeline] = await local.ask(ann, "/timeline")
        assert web_actions(timeline) == [{"url": "http://127.0.0.1:8080/timeline"}]
        assert local.fake.calls("setChatMenuButton") == [] and local.fake.menu_button() == {"type": "commands"}
