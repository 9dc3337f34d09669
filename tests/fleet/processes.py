"""Real `briefbot run` processes against the fake Bot API: start one, stop one, or run a webhook fleet
of them (each on a WEB_LISTEN of its own, all behind one WEBHOOK_URL) that is always stopped."""
from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.test_run_start import wait_for_line
from tests.fakebot import FakeBotApi
from tests.web.webhook_bot import SECRET

START_UP = 120.0  # seconds a replica may take to serve, on a slow and busy machine


def start_bot(fake: FakeBotApi, db_url: str, folder: Path, name: str, **extra: str) -> tuple[subprocess.Popen, Path]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("TELEGRAM_", "DATABASE_", "DELIVERY_", "BOT_", "DEFAULT_", "WEB"))}
    env.update(TELEGRAM_BOT_TOKEN=fake.token, TELEGRAM_API_URL=fake.api_base_url, DATABASE_URL=db_url,
               DEFAULT_LANGUAGE="en", LOG_LEVEL="INFO", PYTHONUNBUFFERED="1", **extra)
    log = folder / f"{name}.log"
    with log.open("w") as out:  # the child keeps its own descriptor
        process = subprocess.Popen([sys.executable, "-m", "bot", "run"], cwd=folder, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
    return process, log


def stop(process: subprocess.Popen, timeout: float = 30) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        raise


@dataclass
class Replica:
    process: subprocess.Popen
    log: Path
    port: int  # of its WEB_LISTEN

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def output(self) -> str:
        return self.log.read_text()

    async def gauge(self, name: str) -> float | None:
        """The value of an unlabelled metric on this replica's /metrics (None: not there)."""
        return (await self.samples(name)).get(())

    async def samples(self, name: str) -> dict[tuple[tuple[str, str], ...], float]:
        """Every sample of metric `name`, by its labels."""
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
            async with http.get(self.base + "/metrics") as resp:
                text = await resp.text()
        return {tuple(sorted(s.labels.items())): s.value
                for family in text_string_to_metric_families(text) for s in family.samples if s.name == name}


@asynccontextmanager
async def webhook_fleet(fake: FakeBotApi, db_url: str, folder: Path, ports: list[int], *, webhook_url: str,
                        **extra: str) -> AsyncIterator[list[Replica]]:
    """A replica in webhook mode listening on each of `ports`, yielded once each serves; every one still running is sent
    SIGTERM at the end (all at once, as an orchestrator would) and must exit 0 within 15 s."""
    replicas: list[Replica] = []
    try:
        for number, port in enumerate(ports):
            process, log = start_bot(fake, db_url, folder, f"replica{number}", WEBHOOK_URL=webhook_url,
                                     WEBHOOK_SECRET=SECRET, WEB_LISTEN=f"127.0.0.1:{port}", **extra)
            replicas.append(Replica(process, log, port))
        for replica in replicas:
            await wait_for_line(replica.process, replica.log, "webhook set", timeout=START_UP)
        assert all(r.process.poll() is None for r in replicas)
        yield replicas
    finally:
        running = [r for r in replicas if r.process.poll() is None]
        for replica in running:
            replica.process.send_signal(signal.SIGTERM)
        codes = await asyncio.gather(*(asyncio.to_thread(_wait_or_kill, r.process, 15) for r in running))
    failed = [(r.log.name, code) for r, code in zip(running, codes) if code != 0]
    assert not failed, (failed, [r.output() for r in running])


def _wait_or_kill(process: subprocess.Popen, timeout: float) -> int | None:
    try:
        return process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return None  # did not stop in time
