"""The real Application against the fake Bot API, on a seeded database of each kind."""
from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update

from bot.app import build_application
from bot.config import Settings
from storage.db import make_engine
from storage.seed_files import read_dossier
from tests.fakebot import FakeBotApi
from tests.fakebot.fixtures import running_application


class Clock:
    """The bot's notion of now, set by the test."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


@dataclass
class BotUnderTest:
    fake: FakeBotApi
    app: object
    engine: AsyncEngine
    clock: Clock
    settings: Settings

    async def ask(self, user, text: str, chat=None, count: int = 1):
        """Send `text` as `user` and return the bot's `count` replies."""
        sent = self.fake.user_sends(user, text, chat)
        return await self.fake.wait_for_messages(chat or user, count, after=sent)

    async def press(self, user, message, button: str) -> str:
        """Press `button` (its text or data) under `message` and return the message's text once edited."""
        seen = len(message.edits)  # counted before pressing: the edit may land before we start waiting
        self.fake.press_button(user, message, button)
        edited = await self.fake.wait_for_edit(message, count=seen + 1)
        message.data = edited.data
        return edited.plain


def make_settings(fake: FakeBotApi, database_url: str, **overrides) -> Settings:
    # A test acts at machine speed, far faster than a person: the per-reader throttle gets room for
    # a whole test (tests/e2e/test_flooding.py runs it at its defaults).
    return Settings(_env_file=None, telegram_bot_token=fake.token, telegram_api_url=fake.api_base_url,
                    database_url=database_url, default_language="ru", default_timezone="Asia/Baku",
                    fetch_allow_private_hosts="127.0.0.1",  # the local page and feed servers
                    reader_burst=100, **overrides)


@pytest.fixture
async def bot(seeded_db_url):
    async with running_bot(seeded_db_url) as under_test:
        yield under_test


@contextlib.asynccontextmanager
async def running_bot(seeded_db_url: str, **settings_overrides):
    """The bot started against a fresh fake Bot API, with settings other than the tests' defaults if given."""
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1  # Telegram's limits, ten times faster, so tests stay quick
        settings = make_settings(fake, seeded_db_url, **settings_overrides)
        engine = make_engine(seeded_db_url)
        clock = Clock(dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc))
        app = build_application(settings, engine=engine, dossier=read_dossier().meta, clock=clock)
        try:
            async with running_application(app, allowed_updates=Update.ALL_TYPES):
                # run_polling would call these: command menus and scheduled jobs start and stop with the bot
                await app.post_init(app)
                try:
                    yield BotUnderTest(fake, app, engine, clock, settings)
                finally:
                    await app.post_stop(app)
            fake.assert_no_rejected_calls()  # Telegram accepted every message the bot sent
        finally:
            await engine.dispose()
