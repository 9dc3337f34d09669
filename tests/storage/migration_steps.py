"""A migration that adds a table, taken down to the revision before it and up again."""
from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect

from storage.migrate import alembic_config, upgrade_async


async def table_names(engine) -> list[str]:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: inspect(c).get_table_names())


async def assert_table_goes_down_and_up(db_url: str, engine, *, table: str, before: str) -> None:
    """Downgrading to `before` drops `table`; upgrading to head brings it back."""
    await asyncio.to_thread(command.downgrade, alembic_config(db_url), before)
    assert table not in await table_names(engine)
    await upgrade_async(db_url)
    assert table in await table_names(engine)
