"""Replicas in one test process: Applications with engines of their own on one PostgreSQL database,
against one fake Bot API. Only one replica polls at a time (Telegram allows one getUpdates client):
`fleet.route(i)` sends the next updates to replica i, as a load balancer would."""
from __future__ import annotations

import asyncio
import datetime as dt
import time
from contextlib import AsyncExitStack, asynccontextmanager

import asyncpg
import pytest
from telegram import Update

from bot.app import build_application
from bot.fleet.connection import asyncpg_dsn
from bot.fleet.replica import LEADERSHIP_KEY
from storage.db import make_engine, open_session
from storage.deliveries import count_by_status
from storage.models import Chat, Maintainer
from storage.seed_files import read_dossier
from tests.e2e.conftest import BotUnderTest, Clock, make_settings
from tests.fakebot import FakeBotApi

NOW = dt.datetime(2026, 8, 8, 6, 0, tzinfo=dt.timezone.utc)
OWNER_ID, MAINTAINER_ID = 7_000_001, 7_000_002


@pytest.fixture
def pg_url(request, db_templates) -> str:
    """A fresh seeded database on PostgreSQL (replicas share only PostgreSQL)."""
    return db_templates.clone("postgresql", True, request)


class Fleet:
    def __init__(self, fake: FakeBotApi, url: str) -> None:
        self.fake, self.url = fake, url
        self.replicas: list[BotUnderTest] = []

    def __getitem__(self, index: int) -> BotUnderTest:
        return self.replicas[index]

    async def route(self, index: int) -> BotUnderTest:
        """From now on replica `index` gets the updates."""
        for other in self.replicas:
            if other is not self.replicas[index] and other.app.updater.running:
                await other.app.updater.stop()
        chosen = self.replicas[index]
        if not chosen.app.updater.running:
            await chosen.app.updater.start_polling(poll_interval=0.0, timeout=dt.timedelta(seconds=1),
                                                   allowed_updates=Update.ALL_TYPES)
        return chosen

    def leads(self, index: int) -> bool:
        return self.replicas[index].app.bot_data[LEADERSHIP_KEY].is_leader

    def leaders(self) -> list[int]:
        return [i for i in range(len(self.replicas)) if self.leads(i)]


@asynccontextmanager
async def fleet_of(count: int, url: str, *, owners: tuple[int, ...] = ()):
    with FakeBotApi() as fake:
        fake.rate_limits.time_scale = 0.1
        fleet = Fleet(fake, url)
        async with AsyncExitStack() as stack:
            for _ in range(count):
                fleet.replicas.append(await _start_replica(stack, fake, url, owners))
            yield fleet
        fake.assert_no_rejected_calls()


async def _start_replica(stack: AsyncExitStack, fake: FakeBotApi, url: str, owners) -> BotUnderTest:
    settings = make_settings(fake, url)
    settings.bot_owners = owners
    engine = make_engine(url)
    stack.push_async_callback(engine.dispose)
    clock = Clock(NOW)
    app = build_application(settings, engine=engine, dossier=read_dossier().meta, clock=clock)
    await stack.enter_async_context(app)  # initialize, and shutdown at the end
    await app.start()
    stack.push_async_callback(_stop, app)
    await app.post_init(app)  # as run_polling does: menus, then the race for leadership
    return BotUnderTest(fake, app, engine, clock, settings)


async def _stop(app) -> None:
    if app.updater.running:
        await app.updater.stop()
    await app.stop()
    await app.post_stop(app)


async def add_maintainer_team(url: str, fake: FakeBotApi):
    """The owner (BOT_OWNERS) and a maintainer granted in the database, both known chats."""
    owner = fake.create_user(OWNER_ID, "Olga", language_code="en")
    maintainer = fake.create_user(MAINTAINER_ID, "Max", language_code="en")
    engine = make_engine(url)
    try:
        async with open_session(engine) as session:
            session.add(Maintainer(user_id=maintainer.id, name="Max", added_by=owner.id))
            session.add_all([Chat(id=u.id, type="private", language="en") for u in (owner, maintainer)])
            await session.commit()
    finally:
        await engine.dispose()
    return owner, maintainer


async def statuses(url: str) -> dict[str, int]:
    """The outbox's rows counted by status."""
    engine = make_engine(url)
    try:
        async with open_session(engine) as session:
            return await count_by_status(session)
    finally:
        await engine.dispose()


async def terminate_sessions(url: str, application_name: str, *, pid: int | None = None) -> int:
    """pg_terminate_backend on the sessions named `application_name` (or the one `pid`); returns how many."""
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        if pid is not None:
            return int(bool(await conn.fetchval("SELECT pg_terminate_backend($1)", pid)))
        return await conn.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE application_name = $1 AND datname = current_database()", application_name)
    finally:
        await conn.close()


async def eventually(predicate, *, timeout: float, what: str) -> float:
    """Seconds until `predicate()` held (checked every 20 ms); fails after `timeout`."""
    start = time.monotonic()
    while not predicate():
        assert time.monotonic() - start < timeout, f"timed out after {timeout} s waiting for {what}"
        await asyncio.sleep(0.02)
    return time.monotonic() - start
