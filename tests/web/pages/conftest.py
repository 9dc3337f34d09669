"""The public pages over a seeded store on SQLite and PostgreSQL, through aiohttp's test client."""
from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.config import load_settings
from bot.web.pages.routes import pages_app
from storage.seed_files import read_dossier
from tests.web.pages.seeding import add_articles


@pytest.fixture
def pages_engine(seeded_engine):
    """The store the pages read (tests change it through this engine)."""
    return seeded_engine


@pytest.fixture
async def pages(pages_engine):
    """A client of the pages; DEFAULT_LANGUAGE is ru, as shipped."""
    settings = load_settings(_env_file=None, database_url="sqlite:///unused.db",
                             public_url="https://briefing.example.org")
    client = TestClient(TestServer(pages_app(settings, pages_engine, read_dossier().meta)))
    await client.start_server()
    yield client
    await client.close()


@pytest.fixture
async def pages_with_articles(pages_engine, pages):
    """The same client, the store holding 25 articles besides the dossier (a hostile title among them)."""
    await add_articles(pages_engine, extra=21)
    return pages
