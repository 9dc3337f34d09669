"""`briefbot run` started while the Bot API is unreachable: it says so, waits with a growing pause,
and serves once the Bot API answers; a stop signal ends the wait at once. No traceback either way."""
from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.fakebot import FakeBotApi

UNREACHABLE = "Bot API unreachable, retrying in"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_bot(port: int, token: str, db_url: str, folder: Path) -> tuple[subprocess.Popen, Path]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TELEGRAM_", "DATABASE_", "DELIVERY_", "BOT_", "DEFAULT_"))}
    env.update(TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_URL=f"http://127.0.0.1:{port}/bot", DATABASE_URL=db_url,
               DEFAULT_LANGUAGE="en", LOG_LEVEL="INFO", PYTHONUNBUFFERED="1")
    log = folder / "run.log"
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    return process, log


async def wait_for_line(process: subprocess.Popen, log: Path, text: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while text not in log.read_text():
        assert process.poll() is None, log.read_text()
        assert time.monotonic() < deadline, log.read_text()
        await asyncio.sleep(0.05)


@pytest.fixture
def sqlite_url(db_url):
    if not db_url.startswith("sqlite"):
        pytest.skip("start-up does not depend on the database backend")
    return db_url


async def test_run_waits_for_the_bot_api_then_serves(sqlite_url, tmp_path):
    port = free_port()
    fake = FakeBotApi(port=port)
    bot, log = start_bot(port, fake.token, sqlite_url, tmp_path)
    try:
        await wait_for_line(bot, log, UNREACHABLE)
        await asyncio.sleep(2.5)  # a few seconds of refused connections: the pause grows (1 s, then 2 s)
        fake.start()
        ann = fake.create_user(first_name="Ann", language_code="en")
        reply = await fake.wait_for_reply(fake.user_sends(ann, "/start"), timeout=60)
        assert reply.text
    finally:
        bot.send_signal(signal.SIGTERM)
        code = bot.wait(30)
        fake.stop()
    output = log.read_text()
    assert code == 0, output
    assert f"{UNREACHABLE} 1s" in output and f"{UNREACHABLE} 2s" in output
    assert "Traceback" not in output


async def test_a_stop_signal_ends_the_wait_at_once(sqlite_url, tmp_path):
    bot, log = start_bot(free_port(), "123456789:AAF4k3-T0k3n_For_Briefing_Bot_Tests", sqlite_url, tmp_path)
    try:
        await wait_for_line(bot, log, UNREACHABLE)
        stopped = time.monotonic()
        bot.send_signal(signal.SIGTERM)
        code = bot.wait(10)
    finally:
        if bot.poll() is None:
            bot.kill()
    assert time.monotonic() - stopped < 3.0
    assert code == 0 and "Traceback" not in log.read_text(), log.read_text()
