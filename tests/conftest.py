"""Shared fixtures: a fresh migrated database per test on SQLite and on PostgreSQL."""
from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from storage.db import make_engine, open_session
from storage.migrate import upgrade
from storage.seed_files import read_dossier
from storage.seed_loader import load_dossier
from tests.pg_server import PostgresUnavailable, start_server

BACKENDS = ("sqlite", "postgresql")
SHARED_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
_counter = itertools.count()


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip with a printed reason on a developer's machine; never under CI."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: this must not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_server():
    try:
        server = start_server()
    except PostgresUnavailable as exc:
        skip_or_fail(f"PostgreSQL tests need a local server: {exc}")
    yield server
    server.stop()


@pytest.fixture(scope="session")
def shared_seeds_dir() -> Path:
    if not SHARED_SEEDS.is_dir():
        skip_or_fail(f"{SHARED_SEEDS} not found (the raw seed articles live beside the project)")
    return SHARED_SEEDS


class Templates:
    """Migrated (and optionally seeded) template databases, built once per session."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.cache: dict[tuple[str, bool], str] = {}

    def clone(self, backend: str, seeded: bool, request) -> str:
        key = (backend, seeded)
        if key not in self.cache:
            self.cache[key] = self._build(backend, seeded, request)
        return self._copy(backend, self.cache[key], request)

    def _build(self, backend: str, seeded: bool, request) -> str:
        name = f"tmpl_{backend}_{'seeded' if seeded else 'empty'}"
        if backend == "sqlite":
            url = f"sqlite+aiosqlite:///{self.tmp / (name + '.db')}"
        else:
            server = request.getfixturevalue("pg_server")
            _createdb(server, name)
            url = server.url(name)
        # Alembic and the seeding run their own event loops; a thread keeps them
        # clear of the loop of an async test that asks for a template first.
        with ThreadPoolExecutor(1) as pool:
            pool.submit(upgrade, url).result()
            if seeded:
                pool.submit(asyncio.run, _seed(url)).result()
        return url

    def _copy(self, backend: str, template_url: str, request) -> str:
        name = f"test_{next(_counter)}"
        if backend == "sqlite":
            source = Path(template_url.split("///", 1)[1])
            target = self.tmp / f"{name}.db"
            shutil.copyfile(source, target)
            return f"sqlite+aiosqlite:///{target}"
        server = request.getfixturevalue("pg_server")
        _createdb(server, name, template=template_url.rsplit("/", 1)[1])
        return server.url(name)


def _createdb(server, name: str, template: str | None = None) -> None:
    cmd = [str(server.bindir / "createdb"), "-h", "127.0.0.1", "-p", str(server.port), "-U", server.user]
    if template:
        cmd += ["-T", template]
    subprocess.run([*cmd, name], check=True, capture_output=True, timeout=60)


async def _seed(url: str) -> None:
    engine = make_engine(url)
    try:
        async with open_session(engine) as session:
            await load_dossier(session, dossier=read_dossier(), now=dt.datetime(2026, 11, 1, tzinfo=dt.timezone.utc))
            await session.commit()
    finally:
        await engine.dispose()


@pytest.fixture(scope="session")
def db_templates(tmp_path_factory) -> Templates:
    return Templates(tmp_path_factory.mktemp("databases"))


@pytest.fixture(params=BACKENDS)
def db_url(request, db_templates) -> str:
    """A fresh, migrated, empty database on each backend."""
    return db_templates.clone(request.param, False, request)


@pytest.fixture(params=BACKENDS)
def seeded_db_url(request, db_templates) -> str:
    """A fresh database on each backend holding the shipped dossier."""
    return db_templates.clone(request.param, True, request)


@pytest.fixture
async def engine(db_url):
    engine = make_engine(db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def seeded_engine(seeded_db_url):
    engine = make_engine(seeded_db_url)
    yield engine
    await engine.dispose()


@pytest.fixture
async def session(engine):
    async with open_session(engine) as session:
        yield session


@pytest.fixture
async def seeded_session(seeded_engine):
    async with open_session(seeded_engine) as session:
        yield session
