"""The bot against the fake Bot API with PUBLIC_URL set, and a client of its web server."""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.web.server import build_web_app
from tests.e2e.conftest import BotUnderTest, running_bot

SITE = "https://briefing.example.org"


@dataclass
class Site:
    bot: BotUnderTest
    client: TestClient

    def path_of(self, url: str) -> str:
        """A link the bot sent, as a path on the test server."""
        assert url.startswith(SITE + "/"), url
        return url[len(SITE):]


@pytest.fixture
async def site(seeded_db_url):
    async with running_bot(seeded_db_url, public_url=SITE) as bot:
        client = TestClient(TestServer(build_web_app(bot.app, bot.settings, bot.engine)))
        await client.start_server()
        try:
            yield Site(bot, client)
        finally:
            await client.close()
