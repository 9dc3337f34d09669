"""0013: schedules paused before it count as paused by an admin; down and up again works."""
from __future__ import annotations

import asyncio

from alembic import command
from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import alembic_config, upgrade_async


async def test_existing_paused_schedules_become_admin_pauses(db_url):
    engine = make_engine(db_url)
    try:
        await asyncio.to_thread(command.downgrade, alembic_config(db_url), "0011")
        async with engine.begin() as conn:
            await conn.execute(text("INSERT INTO chats (id, type, language, timezone, active, created_at, updated_at)"
                                    " VALUES (-100, 'channel', 'en', 'UTC', false, '2026-01-01', '2026-01-01')"))
            for paused in (True, False):
                await conn.execute(text(
                    "INSERT INTO schedules (chat_id, kind, frequency, time_local, timezone, paused, created_at,"
                    " updated_at) VALUES (-100, 'digest', 'daily', '09:00', 'UTC', :p, '2026-01-01', '2026-01-01')"),
                    {"p": paused})
        await upgrade_async(db_url)
        async with engine.connect() as conn:
            rows = (await conn.execute(text("SELECT paused, paused_reason FROM schedules ORDER BY id"))).all()
        assert [tuple(r) for r in rows] == [(True, "admin"), (False, None)]
    finally:
        await engine.dispose()
