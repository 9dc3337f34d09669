"""`briefbot run` as a real process: webhook mode end to end, and the web server beside long polling."""
from __future__ import annotations

import asyncio
import signal

import aiohttp
import pytest

from tests.e2e.test_run_start import free_port, start_bot, wait_for_line
from tests.fakebot import FakeBotApi
from tests.web.webhook_bot import SECRET


@pytest.fixture
def sqlite_url(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("the process wiring does not depend on the database backend (tests/web/test_webhook_mode.py "
                    "runs webhook mode on both)")
    return db_url


async def get(url: str) -> int:
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as resp:
            return resp.status


def stop(bot) -> int:
    bot.send_signal(signal.SIGTERM)
    try:
        return bot.wait(15)
    finally:
        if bot.poll() is None:
            bot.kill()


async def test_webhook_mode_answers_a_command_and_stops_on_sigterm(sqlite_url, tmp_path, monkeypatch):
    web = free_port()
    hook = f"http://127.0.0.1:{web}/tg/hook"
    monkeypatch.setenv("WEBHOOK_URL", hook)
    monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
    monkeypatch.setenv("WEB_LISTEN", f"127.0.0.1:{web}")
    with FakeBotApi() as fake:
        bot, log = start_bot(fake.server.port, fake.token, sqlite_url, tmp_path)
        try:
            await wait_for_line(bot, log, "webhook set")
            assert fake.webhook_info()["url"] == hook and await get(f"http://127.0.0.1:{web}/readyz") == 200
            ann = fake.create_user(first_name="Ann", language_code="en")
            reply = await fake.wait_for_reply(fake.user_sends(ann, "/start"), timeout=30)
            assert reply.text
        finally:
            code = stop(bot)
        assert fake.webhook_info()["url"] == hook  # the other replicas still serve it
        assert not any(call.method.lower() == "deletewebhook" for call in fake.state.calls)
    output = log.read_text()
    assert code == 0 and "Traceback" not in output, output


async def test_web_listen_serves_health_and_metrics_beside_long_polling(sqlite_url, tmp_path, monkeypatch):
    web = free_port()
    monkeypatch.setenv("WEB_LISTEN", f"127.0.0.1:{web}")
    with FakeBotApi() as fake:
        bot, log = start_bot(fake.server.port, fake.token, sqlite_url, tmp_path)
        try:
            ann = fake.create_user(first_name="Ann", language_code="en")
            await fake.wait_for_reply(fake.user_sends(ann, "/start"), timeout=30)
            assert [await get(f"http://127.0.0.1:{web}{path}") for path in ("/healthz", "/readyz", "/metrics")] \
                == [200, 200, 200]
            assert await get(f"http://127.0.0.1:{web}/tg/hook") == 404  # no webhook route while polling
        finally:
            code = stop(bot)
    assert code == 0 and "Traceback" not in log.read_text(), log.read_text()


async def test_a_taken_address_is_one_clear_line(sqlite_url, tmp_path, monkeypatch):
    with FakeBotApi() as fake:
        server = await asyncio.start_server(lambda *_: None, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        monkeypatch.setenv("WEBHOOK_URL", f"http://127.0.0.1:{port}/tg/hook")
        monkeypatch.setenv("WEBHOOK_SECRET", SECRET)
        monkeypatch.setenv("WEB_LISTEN", f"127.0.0.1:{port}")
        try:
            bot, log = start_bot(fake.server.port, fake.token, sqlite_url, tmp_path)
            code = await asyncio.to_thread(bot.wait, 30)
        finally:
            server.close()
    output = log.read_text()
    assert code == 1 and f"Cannot listen on WEB_LISTEN=127.0.0.1:{port}" in output and "Traceback" not in output, output
