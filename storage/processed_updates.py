"""Queries over `processed_updates`: claim an update_id once across every replica, forget old ones.

Keyword-only and never committing: the caller owns the transaction.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.db import insert_unless_present
from storage.models import ProcessedUpdate

UPDATES = ProcessedUpdate.__table__
PRUNE_BATCH = 1000  # rows deleted at most per call, so one prune never holds locks long


async def claim_update(session: AsyncSession, *, update_id: int, now: dt.datetime) -> bool:
    """Record `update_id`; True when this call recorded it, False when some replica already had."""
    statement = (insert_unless_present(session, UPDATES, unique=["update_id"])
                 .values(update_id=update_id, received_at=now).returning(UPDATES.c.update_id))
    return (await session.exec(statement)).first() is not None


async def prune_updates(session: AsyncSession, *, before: dt.datetime, limit: int = PRUNE_BATCH) -> int:
    """Forget at most `limit` update_ids received before `before`; returns how many."""
    oldest = (select(UPDATES.c.update_id).where(UPDATES.c.received_at < before)
              .order_by(UPDATES.c.received_at).limit(limit))
    result = await session.exec(delete(UPDATES).where(UPDATES.c.update_id.in_(oldest)))
    return result.rowcount or 0
