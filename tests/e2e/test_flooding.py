"""A reader flooding the bot is answered once and slowed down; nobody else waits for them."""
from __future__ import annotations

import asyncio
import datetime as dt
import time

import pytest
from sqlmodel import select
from telegram import Update

from bot.app import build_application
from bot.briefing.chart_data import chart_data
from bot.config import Settings
from storage.db import make_engine, open_session
from storage.models import Event
from storage.seed_files import read_dossier
from tests.e2e.conftest import BotUnderTest, Clock, make_settings
from tests.fakebot import FakeBotApi
from tests.fakebot.fixtures import running_application

DEFAULT_BURST = Settings.model_fields["reader_burst"].default
WAIT_EN = "Too many requests at once. Please wait a few seconds and try again."
WAIT_RU = "Слишком много запросов сразу. Подождите несколько секунд и попробуйте снова."


class Stopwatch:
    """The throttle's monotonic clock, moved by the test: no refill happens behind its back."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def flood_bot(seeded_db_url):
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1
        settings = make_settings(fake, seeded_db_url).model_copy(update={"reader_burst": DEFAULT_BURST})
        engine = make_engine(seeded_db_url)
        watch = Stopwatch()
        app = build_application(settings, engine=engine, dossier=read_dossier().meta, flood_clock=watch,
                                clock=Clock(dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc)))
        try:
            async with running_application(app, allowed_updates=Update.ALL_TYPES):
                under_test = BotUnderTest(fake, app, engine, app.bot_data["clock"], settings)
                under_test.watch = watch
                yield under_test
            fake.assert_no_rejected_calls()
        finally:
            await engine.dispose()


def texts(fake, chat) -> list[str]:
    return [m.plain for m in fake.messages(chat)]


async def test_forty_helps_get_a_burst_of_answers_and_one_request_to_wait(flood_bot):
    bot = flood_bot
    ann = bot.fake.create_user(language_code="en")
    for _ in range(40):
        bot.fake.user_sends(ann, "/help")
    await bot.fake.wait_for(lambda: len(texts(bot.fake, ann)) >= bot.settings.reader_burst + 1, timeout=15)
    await bot.fake.wait_for(lambda: not bot.fake.pending_updates(), timeout=5)
    await asyncio.sleep(0.3)  # anything still to come would be late by now
    replies = texts(bot.fake, ann)
    assert replies.count(WAIT_EN) == 1
    assert len(replies) == bot.settings.reader_burst + 1  # six answers, one request to wait, 33 dropped
    bot.watch.now += 5  # the bucket fills again
    assert "/timeline" in (await bot.ask(ann, "/help"))[0].plain


async def test_presses_count_too_and_are_answered_with_a_notice(flood_bot):
    bot = flood_bot
    ann = bot.fake.create_user(language_code="ru")
    page = (await bot.ask(ann, "/timeline"))[0]
    button = page.button_texts[-1]
    bot.fake.expect_rejection("editMessageText", "message is not modified")  # the same page again: ignored
    presses = [bot.fake.press_button(ann, page, button) for _ in range(12)]
    await bot.fake.wait_for(lambda: sum(p.answered for p in presses) >= 6, timeout=10)
    await asyncio.sleep(0.3)
    notices = [p.answer.get("text") for p in presses if p.answered and p.answer.get("text")]
    assert notices == ["Слишком много запросов: подождите несколько секунд."]
    assert not any(WAIT_RU == text for text in texts(bot.fake, ann))


async def test_charts_cost_more_than_help(flood_bot):
    bot = flood_bot
    ann = bot.fake.create_user(language_code="en")
    for _ in range(5):
        bot.fake.user_sends(ann, "/timeline chart")
    await bot.fake.wait_for(lambda: len(bot.fake.messages(ann)) >= 3, timeout=15)
    await asyncio.sleep(0.5)
    assert texts(bot.fake, ann).count(WAIT_EN) == 1
    photos = [m for m in bot.fake.messages(ann) if m.data.get("photo")]
    assert len(photos) == 2  # six tokens, three a chart


async def test_a_429_in_one_chat_does_not_hold_up_another(flood_bot):
    bot = flood_bot
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    bot.fake.flood_next(retry_after=5, method="sendMessage", chat=ann)
    for _ in range(40):
        bot.fake.user_sends(ann, "/help")
    await bot.fake.wait_for(lambda: bot.fake.rejected_calls(429, include_injected=True), timeout=5)
    started = time.monotonic()
    reply = (await bot.ask(bob, "/help"))[0]
    waited = time.monotonic() - started
    assert "/timeline" in reply.plain
    # Ann's chat still waits out its 429 (the answers that went before it are there) ...
    assert len(texts(bot.fake, ann)) < bot.settings.reader_burst + 1
    assert waited < 2.5  # ... which lasts 5 s; Bob was answered long before (was: after it)
    await bot.fake.wait_for(lambda: len(texts(bot.fake, ann)) == bot.settings.reader_burst + 1, timeout=15)


async def test_the_chart_is_drawn_once_until_the_dossier_changes(flood_bot):
    bot = flood_bot
    cache = bot.app.bot_data["chart_cache"]
    ann, bob = bot.fake.create_user(language_code="en"), bot.fake.create_user(language_code="en")
    first = (await bot.ask(ann, "/timeline chart"))[0]
    second = (await bot.ask(bob, "/timeline chart"))[0]
    assert first.data.get("photo") and second.data.get("photo") and cache.renders == 1
    assert bot.fake.file_bytes(first.data["photo"][-1]["file_id"]) == \
        bot.fake.file_bytes(second.data["photo"][-1]["file_id"])
    async with open_session(bot.engine) as session:  # a maintainer renames a milestone
        _, title = (await chart_data(session, lang="en", general_name="General")).milestones[-1]
        event = (await session.exec(select(Event).where(Event.title_en == title))).one()
        event.title_en = "Renamed milestone"
        await session.commit()
    bot.watch.now += 10
    third = (await bot.ask(ann, "/timeline chart"))[0]
    assert third.data.get("photo") and cache.renders == 2
    assert "Renamed milestone" in third.plain  # the caption names the latest milestones


async def test_maintainers_are_never_stopped(flood_bot):
    bot = flood_bot
    owner = bot.fake.create_user(language_code="en")
    bot.settings.bot_owners = (owner.id,)  # the Application holds this very Settings object
    for _ in range(12):
        bot.fake.user_sends(owner, "/help")
    await bot.fake.wait_for(lambda: len(texts(bot.fake, owner)) >= 12, timeout=15)
    assert WAIT_EN not in texts(bot.fake, owner)
