"""0017 makes the SimHash band indexes cover the fingerprint; down and up again on both databases."""
from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade_async


async def _band_indexes(engine) -> dict[str, list[str]]:
    async with engine.connect() as conn:
        indexes = await conn.run_sync(lambda c: inspect(c).get_indexes("articles"))
    return {index["name"]: index["column_names"] for index in indexes if "band" in index["name"]}


async def test_band_indexes_cover_the_simhash_and_migrate_down_and_up(db_url):
    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0016")  # 0017 down (0018 with it)
        down = await _band_indexes(engine)
        await upgrade_async(db_url)
        up = await _band_indexes(engine)
    finally:
        await engine.dispose()
    assert down == {f"ix_articles_band{band}": [f"band{band}"] for band in range(4)}
    assert up == {f"ix_articles_band{band}_simhash": [f"band{band}", "simhash"] for band in range(4)}
