"""Two `briefbot db upgrade` at once on a fresh database: both succeed, the schema ends at head."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest

from storage.db import make_engine
from storage.migrate import current_revision, head_revision
from tests.conftest import _createdb

UPGRADERS = 3


def _upgrade_at_once(url: str, cwd) -> list[subprocess.CompletedProcess]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env |= {"DATABASE_URL": url, "LOG_LEVEL": "WARNING"}
    procs = [subprocess.Popen([sys.executable, "-m", "bot", "db", "upgrade"], cwd=cwd, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(UPGRADERS)]
    results = []
    for proc in procs:
        out, err = proc.communicate(timeout=180)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return results


async def _revision(url: str) -> str | None:
    engine = make_engine(url)
    try:
        return await current_revision(engine)
    finally:
        await engine.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_concurrent_upgrades_of_a_fresh_database_all_succeed(backend, tmp_path, request):
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'fresh.db'}"
    else:
        server = request.getfixturevalue("pg_server")
        name = f"lock_{os.getpid()}_{tmp_path.name[-20:].replace('-', '_')}".lower()
        _createdb(server, name)
        url = server.url(name)
    results = _upgrade_at_once(url, tmp_path)
    for result in results:
        assert result.returncode == 0, result.stderr
        assert "Database schema is up to date" in result.stdout
    async_url = url.replace("sqlite://", "sqlite+aiosqlite://")
    assert asyncio.run(_revision(async_url)) == head_revision()
