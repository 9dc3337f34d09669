"""0014 adds the per-language source titles and the cards' "as of" date; down and up again on both databases."""
from __future__ import annotations

import asyncio

from sqlalchemy import inspect

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade_async


async def _columns(engine, table: str) -> set[str]:
    async with engine.connect() as conn:
        return await conn.run_sync(lambda c: {col["name"] for col in inspect(c).get_columns(table)})


async def test_source_titles_and_card_date_migrate_down_and_up(db_url):
    from alembic import command

    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0011")
        down = (await _columns(engine, "sources"), await _columns(engine, "topics"))
        await upgrade_async(db_url)
        up = (await _columns(engine, "sources"), await _columns(engine, "topics"))
    finally:
        await engine.dispose()
    assert not {"title_ru", "title_en"} & down[0] and "as_of" not in down[1] and "title" in down[0]
    assert {"title_ru", "title_en"} <= up[0] and "as_of" in up[1]
