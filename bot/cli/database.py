"""`briefbot db upgrade|current`."""
from __future__ import annotations

import asyncio
import sys

from bot.config import Settings
from storage.db import make_engine
from storage.migrate import current_revision, head_revision, upgrade


def db_upgrade(settings: Settings) -> int:
    try:
        upgrade(settings.database_url)
    except Exception as exc:  # noqa: BLE001 - one clear line instead of a traceback
        print(f"Could not upgrade the database at {_safe(settings.database_url)}: {_first_line(exc)}", file=sys.stderr)
        return 1
    print(f"Database schema is up to date (revision {head_revision()}).")
    return 0


def db_current(settings: Settings) -> int:
    async def _current() -> str | None:
        engine = make_engine(settings.database_url)
        try:
            return await current_revision(engine)
        finally:
            await engine.dispose()

    revision = asyncio.run(_current())
    print(f"current: {revision or 'none (empty database)'}; head: {head_revision()}")
    return 0


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def _safe(url: str) -> str:
    """The URL without its password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)
