"""Optimistic locking for curated rows (events, topics): a save names the version it was based on.

The UPDATE itself checks the version, so of two maintainers saving the same
entry, the second is refused even when both saves race; the refusal carries
the version now stored, for the maintainer to look at before trying again.
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import Event, Topic


class NotFound(LookupError):
    """No such entry."""


class Conflict(Exception):
    """The entry changed since the maintainer saw it."""

    def __init__(self, current_version: int) -> None:
        super().__init__(current_version)
        self.current_version = current_version


async def save_versioned(
    session: AsyncSession, row: Event | Topic, *, expected_version: int, values: dict, actor_id: int | None,
    now: dt.datetime,
) -> None:
    """Write `values` to `row` if it is still at `expected_version`; the version goes up by one."""
    model = type(row)
    result = await session.exec(
        update(model).where(model.id == row.id, model.version == expected_version)
        .values(**values, version=expected_version + 1, edited_by=actor_id, updated_at=now))
    await session.refresh(row)
    if result.rowcount != 1:
        raise Conflict(row.version)
