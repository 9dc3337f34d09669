"""processed_updates (migration 0015): an update_id is claimed once; old ones are pruned in batches."""
from __future__ import annotations

import asyncio
import datetime as dt

from storage.db import open_session
from storage.processed_updates import claim_update, prune_updates
from tests.storage.migration_steps import assert_table_goes_down_and_up

NOW = dt.datetime(2026, 8, 8, 12, 0, tzinfo=dt.timezone.utc)


async def test_an_update_id_is_claimed_once(engine):
    async with open_session(engine) as session:
        assert await claim_update(session, update_id=2**40, now=NOW) is True
        await session.commit()
    async with open_session(engine) as session:  # another replica, later
        assert await claim_update(session, update_id=2**40, now=NOW + dt.timedelta(seconds=5)) is False
        assert await claim_update(session, update_id=2**40 + 1, now=NOW) is True
        await session.commit()


async def test_claims_at_once_on_two_connections_let_one_through(engine):
    async def claim() -> bool:
        async with open_session(engine) as session:
            taken = await claim_update(session, update_id=77, now=NOW)
            await session.commit()
            return taken

    assert sorted(await asyncio.gather(claim(), claim())) == [False, True]


async def test_old_ids_are_pruned_a_batch_at_a_time(engine):
    async with open_session(engine) as session:
        for n in range(5):
            await claim_update(session, update_id=n, now=NOW - dt.timedelta(days=2, minutes=n))
        await claim_update(session, update_id=99, now=NOW)
        await session.commit()
    async with open_session(engine) as session:
        assert await prune_updates(session, before=NOW - dt.timedelta(days=1), limit=3) == 3
        assert await prune_updates(session, before=NOW - dt.timedelta(days=1), limit=3) == 2
        assert await prune_updates(session, before=NOW - dt.timedelta(days=1), limit=3) == 0
        await session.commit()
    async with open_session(engine) as session:
        assert await claim_update(session, update_id=99, now=NOW) is False  # the recent one stays


async def test_migration_0015_goes_down_and_up(db_url, engine):
    await assert_table_goes_down_and_up(db_url, engine, table="processed_updates", before="0014")