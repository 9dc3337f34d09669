"""Checks a CLI command runs before touching the store, each one clear line when failing."""
from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import make_engine
from storage.migrate import current_revision, head_revision


async def schema_problem(engine: AsyncEngine) -> str | None:
    """Why the database at `engine` cannot be used now, or None when it can."""
    try:
        revision = await current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - reported in one line
        text = str(exc).strip()
        return f"Cannot open the database at DATABASE_URL: {text.splitlines()[0] if text else type(exc).__name__}"
    if revision != head_revision():
        return "The database schema is not up to date: run `briefbot db upgrade` (and `briefbot seed`)."
    return None


@asynccontextmanager
async def ready_engine(database_url: str) -> AsyncIterator[AsyncEngine | None]:
    """An engine whose schema is current, disposed on exit; None (with the reason printed) when not."""
    engine = make_engine(database_url)
    try:
        problem = await schema_problem(engine)
        if problem:
            print(problem, file=sys.stderr)
        yield None if problem else engine
    finally:
        await engine.dispose()
