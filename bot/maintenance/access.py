"""Who may maintain the dossier: owners from BOT_OWNERS grant and revoke maintainers."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.maintenance import audit
from bot.maintenance.validation import Refused
from storage.models import Maintainer

Role = Literal["owner", "maintainer"]


class AccessChange(Refused):
    """A grant or revoke that cannot be done (texts under "maint.access.")."""


async def maintainer_ids(session: AsyncSession) -> set[int]:
    return set((await session.exec(select(Maintainer.user_id))).all())


def role_of(user_id: int | None, *, owners: Iterable[int], maintainers: set[int]) -> Role | None:
    if user_id is None:
        return None
    if user_id in set(owners):
        return "owner"
    return "maintainer" if user_id in maintainers else None


async def list_maintainers(session: AsyncSession) -> list[Maintainer]:
    return list((await session.exec(select(Maintainer).order_by(Maintainer.added_at, Maintainer.user_id))).all())


def _snapshot(row: Maintainer) -> dict:
    return {"user_id": row.user_id, "name": row.name, "added_by": row.added_by}


async def grant(
    session: AsyncSession, *, user_id: int, name: str | None, by: int, owners: Iterable[int], now: dt.datetime,
) -> Maintainer:
    """Make `user_id` a maintainer (audited); AccessChange if an owner or one already."""
    if user_id in set(owners):
        raise AccessChange("already_owner")
    if await session.get(Maintainer, user_id) is not None:
        raise AccessChange("already_maintainer")
    row = Maintainer(user_id=user_id, name=(name or None) and name[:200], added_by=by, added_at=now)
    session.add(row)
    await session.flush()
    audit.record(session, actor_id=by, action="grant", entity="maintainer", key=user_id, before=None,
                 after=_snapshot(row), now=now)
    return row


async def revoke(
    session: AsyncSession, *, user_id: int, by: int, owners: Iterable[int], now: dt.datetime,
) -> Maintainer:
    """Take maintainer rights away (audited); AccessChange if an owner or not a maintainer."""
    if user_id in set(owners):
        raise AccessChange("owner_not_revocable")
    row = await session.get(Maintainer, user_id)
    if row is None:
        raise AccessChange("not_maintainer")
    before = _snapshot(row)
    await session.delete(row)
    await session.flush()
    audit.record(session, actor_id=by, action="revoke", entity="maintainer", key=user_id, before=before, after=None,
                 now=now)
    return row
