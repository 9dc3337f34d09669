"""Server settings every PostgreSQL connection of the bot's engine gets."""
from __future__ import annotations

from storage.db import make_engine


async def test_postgresql_connections_run_without_jit(request, db_templates):
    """A search's plan costs a lot on paper for the branch it never runs; JIT compiled it for 10 ms each time."""
    engine = make_engine(db_templates.clone("postgresql", False, request), connect_args={"command_timeout": 30})
    try:
        async with engine.connect() as conn:
            assert (await conn.exec_driver_sql("SHOW jit")).scalar() == "off"
    finally:
        await engine.dispose()
