"""The fleet bench.webhook drives: replicas of `briefbot run` in webhook mode on one database, and
the CPU time of every process involved, read from /proc."""
from __future__ import annotations

import asyncio
import ctypes
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
from sqlalchemy import text

from bench.command_bots import PROJECT
from storage.db import make_engine

SECRET = secrets.token_urlsafe(32)
HOOK_PATH = "/telegram/webhook"
TICK = os.sysconf("SC_CLK_TCK")
PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def die_with_parent() -> None:
    """Run in the child before exec: killed when the bench dies, however it dies."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


@dataclass
class Replica:
    name: str
    port: int
    log: Path
    process: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def hook(self) -> str:
        return self.base + HOOK_PATH

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


@dataclass
class Fleet:
    """Replicas started and stopped by the bench; all behind one WEBHOOK_URL (the balancer's address)."""

    api_url: str
    token: str
    database_url: str
    folder: Path
    reply_limit: float | None  # the overall cap on a replica's direct replies; None: as shipped (~30/s)
    replicas: list[Replica] = field(default_factory=list)
    balancer: str = field(default_factory=lambda: f"http://127.0.0.1:{free_port()}{HOOK_PATH}")

    def start(self, replica: Replica) -> None:
        env = {key: value for key, value in os.environ.items()
               if not key.startswith(("TELEGRAM_", "DATABASE_", "DELIVERY_", "BOT_", "DEFAULT_", "WEB", "READER_"))}
        env.update(TELEGRAM_BOT_TOKEN=self.token, TELEGRAM_API_URL=self.api_url, DATABASE_URL=self.database_url,
                   WEBHOOK_URL=self.balancer, WEBHOOK_SECRET=SECRET, WEB_LISTEN=f"127.0.0.1:{replica.port}",
                   LOG_LEVEL="INFO", PYTHONUNBUFFERED="1", PYTHONPATH=str(PROJECT))
        limit = [] if self.reply_limit is None else [str(self.reply_limit)]
        with replica.log.open("a") as out:  # the child keeps its own descriptor
            replica.process = subprocess.Popen([sys.executable, "-m", "bench.webhook_replica", *limit],
                                               cwd=self.folder, env=env, stdout=out, stderr=subprocess.STDOUT,
                                               preexec_fn=die_with_parent)

    async def scale(self, count: int) -> None:
        """Exactly `count` replicas running and ready (started or stopped as needed)."""
        while len(self.replicas) < count:
            index = len(self.replicas) + 1
            self.replicas.append(Replica(f"r{index}", free_port(), self.folder / f"replica-{index}.log"))
        for replica in self.replicas[count:]:
            stop(replica)
        for replica in self.replicas[:count]:
            if not replica.alive:
                self.start(replica)
        for replica in self.replicas[:count]:
            await ready(replica)

    @property
    def running(self) -> list[Replica]:
        return [replica for replica in self.replicas if replica.alive]

    def stop_all(self) -> None:
        for replica in self.replicas:
            stop(replica)


async def vacuum_analyse(url: str) -> None:
    """VACUUM ANALYZE the freshly loaded store, so that autovacuum does not do it during the first steps."""
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await conn.execute(text("VACUUM ANALYZE"))
    finally:
        await engine.dispose()


def stop(replica: Replica) -> None:
    if replica.process is None:
        return
    if replica.process.poll() is None:
        replica.process.send_signal(signal.SIGTERM)
        try:
            replica.process.wait(20)
        except subprocess.TimeoutExpired:
            replica.process.kill()
            replica.process.wait()
    replica.process = None


async def ready(replica: Replica, timeout: float = 90) -> None:
    """Until /readyz answers 200 (the database at the code's head) and the webhook is set."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while time.monotonic() < deadline:
            if not replica.alive:
                raise RuntimeError(f"replica {replica.name} ended: {replica.log.read_text()[-2000:]}")
            try:
                async with http.get(replica.base + "/readyz") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"replica {replica.name} not ready in {timeout} s: {replica.log.read_text()[-2000:]}")


async def metrics(http: aiohttp.ClientSession, replica: Replica) -> dict[str, float]:
    """The replica's /metrics as {series with labels: value}; empty when it does not answer."""
    try:
        async with http.get(replica.base + "/metrics", timeout=aiohttp.ClientTimeout(total=1)) as resp:
            text = await resp.text()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return {}
    found = {}
    for line in text.splitlines():
        series, _, value = line.rpartition(" ")
        if series and not line.startswith("#"):
            found[series] = float(value)
    return found


async def leads(http: aiohttp.ClientSession, replica: Replica) -> bool:
    """What the replica's /metrics says: `briefbot_leader 1`."""
    return (await metrics(http, replica)).get("briefbot_leader") == 1


async def update_outcomes(replicas: list[Replica]) -> dict[str, float]:
    """briefbot_updates_total summed over the replicas, by outcome (handled, error, throttled, duplicate)."""
    totals: dict[str, float] = {}
    async with aiohttp.ClientSession() as http:
        for replica in replicas:
            for series, value in (await metrics(http, replica)).items():
                if series.startswith("briefbot_updates_total{"):
                    outcome = series.partition('outcome="')[2].partition('"')[0]
                    totals[outcome] = totals.get(outcome, 0) + value
    return totals


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2:].split()  # fields from the 3rd (state) on


def cpu_seconds(pid: int | None, *, with_children: bool = False) -> float:
    """User + system CPU of `pid` (with_children: and of its descendants, live and ended)."""
    if pid is None:
        return 0.0
    try:
        fields = _stat(pid)
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])  # children already waited for (ended backends)
        for child in _children(pid):
            ticks += cpu_seconds(child, with_children=True) * TICK
    return ticks / TICK


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    return found


def machine_busy() -> tuple[float, float]:
    """(busy, total) CPU seconds of the whole machine since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return (sum(values) - idle) / TICK, sum(values) / TICK


def postmaster_pid(datadir: Path) -> int | None:
    try:
        return int((datadir / "postmaster.pid").read_text().split("\n", 1)[0])
    except (OSError, ValueError):
        return None


def loadavg() -> str:
    return Path("/proc/loadavg").read_text().strip()
