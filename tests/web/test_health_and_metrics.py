"""GET /healthz, /readyz and /metrics on the bot's web server, over real HTTP."""
from __future__ import annotations

import asyncio
import contextlib
import datetime as dt

import aiohttp
import pytest
from alembic import command
from prometheus_client.parser import text_string_to_metric_families

from bot.app import build_application
from bot.delivery.outbox import DeliveryDraft, enqueue
from bot.web.server import build_web_app, start_web_server
from storage.db import make_engine, open_session
from storage.migrate import alembic_config, head_revision
from storage.seed_files import read_dossier
from tests.e2e.conftest import make_settings
from tests.fakebot import FakeBotApi
from tests.web.webhook_bot import free_port, running_webhook_bot


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as resp:
            return resp.status, await resp.text()


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """Every sample of the exposition by (name, sorted labels); fails if it does not parse."""
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


@contextlib.asynccontextmanager
async def web_server_only(database_url: str):
    """The web server over a bot that is built but not started (no sender to drain the outbox)."""
    with FakeBotApi() as fake:
        settings = make_settings(fake, database_url)
        engine = make_engine(database_url)
        app = build_application(settings, engine=engine, dossier=read_dossier().meta)
        port = free_port()
        runner = await start_web_server(build_web_app(app, settings, engine), "127.0.0.1", port)
        try:
            yield f"http://127.0.0.1:{port}", engine
        finally:
            await runner.cleanup()
            await engine.dispose()


async def test_healthz_readyz_and_metrics_count_an_update(seeded_db_url):
    async with running_webhook_bot(seeded_db_url) as bot:
        assert await get(bot.base + "/healthz") == (200, "ok\n")
        assert await get(bot.base + "/readyz") == (200, "ready\n")
        status, before = await get(bot.base + "/metrics")
        assert status == 200
        handled = ("briefbot_updates_total", (("kind", "message"), ("outcome", "handled")))
        latency = ("briefbot_handler_seconds_count", ())
        ann = bot.fake.create_user(first_name="Ann", language_code="en")
        await bot.fake.wait_for_reply(bot.fake.user_sends(ann, "/help"))
        await asyncio.sleep(0.2)  # the handler's end is recorded just after its reply
        after = samples((await get(bot.base + "/metrics"))[1])
        assert after[handled] == samples(before).get(handled, 0) + 1
        assert after[latency] == samples(before)[latency] + 1
        assert after[("briefbot_leader", ())] == 1  # the one replica leads (bot/fleet), and says so
        assert after[("briefbot_scheduler_next_run_timestamp_seconds", ())] > dt.datetime(2026, 1, 1).timestamp()


async def test_readyz_is_503_while_the_schema_is_behind(db_url):
    async with web_server_only(db_url) as (base, _engine):
        assert (await get(base + "/readyz"))[0] == 200
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0014")
        status, body = await get(base + "/readyz")
        assert status == 503 and f"schema is at 0014, the code needs {head_revision()}" in body
        assert (await get(base + "/healthz"))[0] == 200  # alive all the same


async def test_readyz_is_503_when_the_database_is_unreachable(tmp_path, db_url):
    unreachable = ("sqlite+aiosqlite:///" + str(tmp_path / "no" / "such" / "dir.db") if db_url.startswith("sqlite")
                   else db_url.rsplit(":", 1)[0] + f":{free_port()}/nothing")
    async with web_server_only(unreachable) as (base, _engine):
        status, body = await get(base + "/readyz")
    assert status == 503 and body.startswith("not ready: the database is unreachable")


async def test_metrics_parse_and_show_the_outbox_backlog(db_url):
    async with web_server_only(db_url) as (base, engine):
        async with open_session(engine) as session:
            drafts = [DeliveryDraft(dedup_key=f"notice:{n}", chat_id=100 + n, kind="notice", text="hi") for n in range(3)]
            await enqueue(session, drafts=drafts, now=dt.datetime(2026, 8, 8, tzinfo=dt.timezone.utc))
            await session.commit()
        status, text = await get(base + "/metrics")
    assert status == 200
    found = samples(text)
    assert found[("briefbot_outbox_rows", (("status", "pending"),))] == 3
    assert found[("briefbot_outbox_rows", (("status", "sending"),))] == 0
    names = {family.name for family in text_string_to_metric_families(text)}
    assert {"briefbot_leader", "briefbot_updates", "briefbot_handler_seconds", "briefbot_outbox_rows",
            "briefbot_deliveries", "briefbot_telegram_429", "briefbot_feed_polls", "briefbot_searches",
            "briefbot_scheduler_next_run_timestamp_seconds"} <= names
