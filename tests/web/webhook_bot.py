"""The real Application in webhook mode, its web server on a free port, the fake Bot API posting to it."""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncEngine

from bot.app import build_application
from bot.config import Settings
from bot.web.webhook_mode import serve_webhook
from storage.db import make_engine
from storage.seed_files import read_dossier
from tests.e2e.conftest import Clock, make_settings
from tests.e2e.test_run_start import free_port
from tests.fakebot import FakeBotApi

SECRET = "s3cr3t-For-The-Webhook_0123456789abcdef"
HOOK_PATH = "/telegram/updates"


@dataclass
class WebhookBot:
    fake: FakeBotApi
    app: object
    engine: AsyncEngine
    settings: Settings
    base: str  # http://127.0.0.1:PORT of the bot's web server

    @property
    def hook_url(self) -> str:
        return self.base + HOOK_PATH


def webhook_settings(fake: FakeBotApi, database_url: str, port: int) -> Settings:
    return make_settings(fake, database_url).model_copy(update={
        "webhook_url": f"http://127.0.0.1:{port}{HOOK_PATH}", "webhook_secret": SECRET,
        "web_listen": f"127.0.0.1:{port}", "webhook_max_connections": 10})


@contextlib.asynccontextmanager
async def running_webhook_bot(database_url: str) -> AsyncIterator[WebhookBot]:
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1
        port = free_port()
        settings = webhook_settings(fake, database_url, port)
        engine = make_engine(database_url)
        app = build_application(settings, engine=engine, dossier=read_dossier().meta,
                                clock=Clock(dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc)))
        stop = asyncio.Event()
        serving = asyncio.create_task(serve_webhook(app, settings, engine, stop=stop))
        try:
            await fake.wait_for(lambda: fake.state.webhook.get("url") or serving.done(), 30, message="setWebhook")
            assert not serving.done(), serving.exception()
            yield WebhookBot(fake, app, engine, settings, f"http://127.0.0.1:{port}")
        finally:
            stop.set()
            await asyncio.wait_for(serving, 30)
            await engine.dispose()
