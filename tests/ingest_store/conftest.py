"""Fixtures for ingestion into the store: rules from the seeded database, a local HTTP server."""
from __future__ import annotations

import datetime as dt

import pytest

from bot.ingest.rules import load_rules, relevance_groups
from bot.ingest.tagging import TaggingRules
from tests.ingest_store.http_server import LocalServer

NOW = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def now() -> dt.datetime:
    return NOW


@pytest.fixture(scope="session")
def relevance() -> list[list[str]]:
    return relevance_groups()


@pytest.fixture
async def rules(seeded_session, relevance) -> TaggingRules:
    """The shipped dossier's rules, read as the bot reads them: topics from the database."""
    rules = await load_rules(seeded_session, relevance_all_of=relevance)
    await seeded_session.commit()
    return rules


@pytest.fixture
async def server():
    server = LocalServer()
    await server.start()
    yield server
    await server.stop()
